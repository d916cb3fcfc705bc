"""`archgen` and `python -m archgen`: the command line, interruptible from its first line.

Ctrl-C (SIGINT), SIGTERM and SIGHUP end archgen with ``aborted`` on stderr and exit
128 + the signal (130, 143, 129), wherever they arrive: while Python imports archgen's
modules, while models load, while Graphviz draws. Each unwinds as an exception, so
`finally` blocks and context managers remove temporary files and folders on the way
out. The handlers are installed before anything else is imported: only the
interpreter's own start-up, before this module runs, is outside them.
"""

import contextlib
import os
import signal
import sys

#: the signals that stop archgen as an exception (SIGHUP: the terminal closed; not on Windows)
STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl-C; exits 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    _pass_on(signum)
    raise Terminated(signum)


def _pass_on(signum: int) -> None:
    """Send the signal on to worker processes: a process pool waits for its workers on
    the way out, and they stop (and stop their Graphviz) only if told."""
    multiprocessing = sys.modules.get("multiprocessing")  # never imported just for this
    if multiprocessing is None:
        return
    for child in multiprocessing.active_children():
        if child.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(child.pid, signum)


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """Python cannot raise an exception out of a weakref callback or a `__del__`: an
    interrupt that lands there (an import runs such callbacks) would be dropped with an
    "Exception ignored" message. Deliver it again once the callback has returned."""
    signum = _signal_behind(unraisable.exc_value)
    if signum is None:
        sys.__unraisablehook__(unraisable)
        return
    import _thread
    import threading

    # a moment later, from another thread: by then the main thread has left the callback
    # (if it is in another one, this hook runs again)
    timer = threading.Timer(0.05, _thread.interrupt_main, (signum,))
    timer.daemon = True
    timer.start()


def main() -> None:
    """Console entry point: the command line, with Ctrl-C and SIGTERM handled throughout."""
    sys.unraisablehook = _unraisable
    for signum in STOPPING:
        # a signal the parent chose to ignore (`nohup`) stays ignored
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _terminate)
    # SIGINT already raises KeyboardInterrupt (Python's own handler), unless ignored
    try:
        from archgen.cli import main as run

        run()
    except BaseException as error:
        signum = _signal_behind(error)
        if signum is None:
            raise  # an exit code decided by the command line (SystemExit), or a bug
        _abort(128 + signum)


def _signal_behind(error: BaseException | None) -> int | None:
    """The signal that `error` comes from, if any. An interrupt can surface wrapped:
    Python 3.11 turns one that arrives in a class's `__set_name__` (while a module is
    imported) into a RuntimeError whose cause is the KeyboardInterrupt."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, Terminated):
            return error.signum
        if isinstance(error, KeyboardInterrupt):
            return int(signal.SIGINT)
        if isinstance(error, SystemExit):
            return None
        error = error.__cause__ or error.__context__
    return None


def _abort(code: int) -> None:
    """``aborted`` on stderr, then exit `code`; a second signal cannot interrupt it."""
    for signum in (signal.SIGINT, *STOPPING):
        signal.signal(signum, signal.SIG_IGN)
    with contextlib.suppress(OSError, ValueError):  # stderr gone: the exit code still tells
        sys.stderr.write("aborted\n")
        sys.stderr.flush()
    # Under `python -m`, CPython (3.8 to 3.12 at least) exits by SIGINT, whatever exit
    # code follows, once a KeyboardInterrupt has ended a string `exec`/`eval` (as in
    # `namedtuple` or `dataclasses` during an import), even a caught one; a string eval
    # of our own clears that mark (`run_eval_code_obj` resets it).
    eval("None")
    sys.exit(code)


if __name__ == "__main__":
    main()
