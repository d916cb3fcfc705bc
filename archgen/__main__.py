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
        with contextlib.suppress(OSError):
            os.kill(child.pid, signum)


def main() -> None:
    """Console entry point: the command line, with Ctrl-C and SIGTERM handled throughout."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        # a signal the parent chose to ignore (`nohup`) stays ignored
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _terminate)
    # SIGINT already raises KeyboardInterrupt (Python's own handler), unless ignored
    try:
        from archgen.cli import main as run

        run()
    except KeyboardInterrupt:
        _abort(128 + signal.SIGINT)
    except Terminated as stop:
        _abort(128 + stop.signum)


def _abort(code: int) -> None:
    """``aborted`` on stderr, then exit `code`; a second signal cannot interrupt it."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)
    try:
        sys.stderr.write("aborted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone: the exit code still says what happened
    sys.exit(code)


if __name__ == "__main__":
    main()
