"""Child processes that end with archgen: the drawing workers and Graphviz.

`run_all` runs jobs in a pool of worker processes, one per core, and stays
interruptible: on Ctrl-C, SIGTERM (as an exception) or a job's error, the pending jobs
are cancelled and the workers are ended (each stops its `dot` and removes its
temporary files on the way out). Workers ignore Ctrl-C themselves, so a terminal's
SIGINT to the whole process group leaves the clean-up to archgen.

When archgen itself is killed (SIGKILL), nothing in it runs: on Linux each worker and
each `dot` asks the kernel to signal it when its parent dies (``PR_SET_PDEATHSIG``),
so none outlives archgen. Elsewhere `dot` still ends at its CPU-time limit.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from archgen.errors import ToolError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Job = TypeVar("Job")
Result = TypeVar("Result")

#: `prctl` option: the signal this process gets when its parent dies (linux/prctl.h)
_PR_SET_PDEATHSIG = 1
#: seconds a worker has to stop (and remove its temporary files) before it is killed
_STOP_GRACE = 10.0


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's `prctl` on Linux (through ctypes), else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return function


def prepare_die_with_parent() -> Callable[[int, int], None] | None:
    """What `die_with_parent` needs, loaded now: call before forking (a child between
    fork and exec should not import or load libraries)."""
    prctl = _prctl()
    if prctl is None:
        return None

    def arrange(parent: int, signal_number: int) -> None:
        prctl(_PR_SET_PDEATHSIG, signal_number)
        if os.getppid() != parent:  # the parent died before the request: leave now
            os._exit(1)

    return arrange


def die_with_parent(parent: int, signal_number: int) -> None:
    """Have the kernel send `signal_number` to this process when `parent` ends (Linux)."""
    arrange = prepare_die_with_parent()
    if arrange is not None:
        arrange(parent, signal_number)


def run_all(function: Callable[[Job], Result], jobs: Sequence[Job]) -> list[Result]:
    """`function(job)` for every job, in order; in worker processes when there are
    several jobs and cores. When a job fails, the other jobs are stopped and its
    error is raised; an interrupt stops every job and is raised again."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        return [function(job) for job in jobs]
    # imported here: the process pool's modules cost more than drawing one model
    from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        futures = [pool.submit(_call, function, job) for job in jobs]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:  # the first failed job, by job order, stops them all
            if future in done and future.exception() is not None:
                future.result()
        results = [future.result() for future in futures]
    except BrokenProcessPool:
        _stop(pool)
        raise ToolError(
            "a drawing process ended unexpectedly (killed, or out of memory?)"
        ) from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return results


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers (CPython issue 125886: a plain
    `shutdown` waits while the workers take the jobs already queued for them)."""
    # the pool's own list of workers: Python 3.14 has `terminate_workers()` for this
    processes: list[Any] = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: see `_on_terminate`
    for process in processes:
        process.join(_STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join()
    # The pool's manager thread closes its wake-up pipe once it sees the workers gone;
    # at exit, Python (3.11) writes to that pipe unless it is closed, and the two racing
    # ended a Ctrl-C in "OSError: Bad file descriptor" now and then. Let it finish first.
    if manager is not None:
        manager.join(_STOP_GRACE)


#: in a worker: the pid of archgen, whether a job runs, whether archgen asked it to stop
_parent = 0
_in_job = False
_stopping = False


class _Stop(SystemExit):
    """A worker's SIGTERM, raised inside a job so that it unwinds."""


def _start_worker(parent: int) -> None:
    """Worker set-up: ignore Ctrl-C (the parent decides), end cleanly on SIGTERM, and
    get SIGTERM when the parent dies."""
    global _parent
    _parent = parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_terminate)
    sys.unraisablehook = _stop_again
    die_with_parent(parent, signal.SIGTERM)


def _on_terminate(signal_number: int, frame: object) -> None:
    global _stopping
    if _in_job:  # an exception, so that `subprocess.run` kills `dot` and temporary files go
        raise _Stop(128 + signal_number)
    if os.getppid() != _parent:  # archgen is gone: nothing is left to finish
        os._exit(128 + signal_number)
    # between jobs the worker may be reading the shared job queue: cutting that read
    # short would hand another worker half a message. It leaves at its next job (or
    # at the pool's end-of-work message) instead.
    _stopping = True


def _stop_again(unraisable: sys.UnraisableHookArgs) -> None:
    """Python cannot raise out of a callback it runs for itself (logging's fork hooks
    around starting `dot`, a weakref callback): a stop that lands there would be printed
    as "Exception ignored" and dropped. Send it again once the callback has returned."""
    if not isinstance(unraisable.exc_value, _Stop):
        sys.__unraisablehook__(unraisable)
        return
    import threading

    # from another thread, a moment later: by then the main thread has left the callback
    # (if it is in another one, this hook runs again)
    again = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGTERM))
    again.daemon = True
    again.start()


def _call(function: Callable[[Job], Result], job: Job) -> Result:
    """Run one job in a worker; a stop request ends the worker once the job unwound."""
    global _in_job
    if _stopping:
        os._exit(128 + signal.SIGTERM)
    _in_job = True
    try:
        return function(job)
    except SystemExit as stop:
        # the pool would send this back as the job's result and take the next job
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    finally:
        _in_job = False
