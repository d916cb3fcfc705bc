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


#: problems of one kind shown per file; past this they would repeat the lesson
MAX_REPORTED = 100


def more_not_shown(count: int, what: str) -> str:
    """The line that ends a capped list: ``…and 1,900 more duplicate keys (not shown)``.

    `what` is singular: ``duplicate key``, or ``problem like those above``."""
    words = what.split(" ")
    if count != 1:  # the noun is the last word, or the first ("problem like ...")
        words[0 if words[0] == "problem" else -1] += "s"
    plural = " ".join(words)
    return f"...and {count:,} more {plural} (not shown): fix these, then run again"


class RunLimitError(ModelError):
    """A limit of the whole run (bytes read, values loaded) was reached: the run stops
    here, since every model after this one would be refused too."""
