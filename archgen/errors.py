"""One error type per exit code. User errors print a message, never a traceback.

These are plain exceptions: the domain modules raise them without knowing about the
command line; `archgen.cli.main` prints `message` on stderr and exits with `exit_code`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archgen.load.problems import Problem


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
