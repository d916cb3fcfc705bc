"""One error type per exit code. User errors print a message, never a traceback.

These are plain exceptions: the domain modules raise them without knowing about the
command line; `archgen.cli.main` prints `message` on stderr and exits with `exit_code`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from archgen.terminal import printable

if TYPE_CHECKING:
    from archgen.load.problems import Problem

#: failures of the machine, not of the path given (exit 3): a full disk or quota, a file
#: over the size limit, a failing device, no memory or file handles left. Anything else
#: (no permission, a read-only file system, a name too long, a file where a folder goes)
#: is a path the user can change (exit 2).
_ENVIRONMENT = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.ENOMEM, errno.EMFILE}
    | {errno.ENFILE}
)


class ArchgenError(Exception):
    """Base: a `message` for the user and the `exit_code` the command line exits with."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ArchgenError):
    """Exit 2: the input or the command line is wrong."""

    exit_code = 2

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            super().__init__(problems)
        else:
            self.problems = sorted(set(problems))
            super().__init__("\n".join(str(p) for p in self.problems))


class ToolError(ArchgenError):
    """Exit 3: a required tool (Graphviz, a browser, git) is missing or failed."""

    exit_code = 3


class FindingsError(ArchgenError):
    """Exit 1: the design has findings at or above the --fail-on level (already shown)."""

    exit_code = 1


def file_error(error: OSError, path: str | os.PathLike[str], doing: str = "") -> ArchgenError:
    """``path: [doing: ]what the system said`` as the error to raise for `error`.

    `ToolError` (exit 3) when the machine failed (a full disk, an I/O error);
    otherwise `InputError` (exit 2): the path given cannot be used (a name too long, a
    folder that is a file, no permission).
    """
    why = error.strerror or str(error)
    if error.errno == errno.EEXIST:  # making a folder where a file is
        why = "not a folder"
    reason = f"{doing}: {why}" if doing else why
    message = f"{printable(os.fspath(path))}: {reason}"
    if error.errno in _ENVIRONMENT:
        return ToolError(f"{message}; the earlier files are unchanged" if doing else message)
    return InputError(message)
