"""Located problems: what is wrong, in which file, at which line and column."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file. Lines and columns count from 1."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # a file name with a newline (or another control character) must not forge a line
        path = self.path if self.path.isprintable() else repr(self.path)[1:-1]
        return f"{path}:{self.line}:{self.column}: {self.message}"


class ModelError(Exception):
    """A model could not be loaded; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
