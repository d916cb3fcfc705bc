"""Processes a test starts, always stopped, waited for and closed, however the test ends.

A process left running, or a pipe left open, is reported by Python as a
`ResourceWarning` when it is collected, which `-W error` then turns into the failure
of whichever unrelated test happens to run at that moment.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def start_archgen(
    *args: str, cwd: Path, python: Sequence[str] = (), **popen: Any
) -> subprocess.Popen[str]:
    """`python [PYTHON] -m archgen ARGS` in a process group of its own (and its workers'
    and Graphviz's), as a shell starts a command. Pair it with `reap`."""
    options: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.Popen(
        [sys.executable, *python, "-m", "archgen", *args],
        cwd=cwd,
        text=True,
        start_new_session=True,
        **options,
    )


@contextlib.contextmanager
def archgen_process(
    *args: str, cwd: Path, python: Sequence[str] = (), **popen: Any
) -> Iterator[subprocess.Popen[str]]:
    """`start_archgen`, reaped when the block ends (passed, failed or timed out)."""
    process = start_archgen(*args, cwd=cwd, python=python, **popen)
    try:
        yield process
    finally:
        reap(process)


def reap(process: subprocess.Popen[str]) -> None:
    """Kill what is left of `process`'s group, wait for `process`, close its pipes.

    Only the group the test started is signalled (`start_new_session`); once its
    leader and every member are gone, `killpg` finds nothing and does nothing.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()
