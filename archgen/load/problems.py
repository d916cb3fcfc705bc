"""Located problems: what is wrong, in which file, at which line and column."""

from __future__ import annotations

import difflib
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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        # "redis" for "elasticache-redis", "prod" for "production": a word that is one part,
        # or the start, of exactly one choice
        containing = [o for o in options if word and word.lower() in o.split("-")]
        containing = containing or [o for o in options if word and o.startswith(word.lower())]
        close = containing if len(containing) == 1 else []
    if not close and len(options) <= 12 and options:
        return f" (expected one of: {', '.join(options)})"
    return f" (did you mean {close[0]!r}?)" if close else ""


#: problems of one kind shown per file; past this they would repeat the lesson
MAX_REPORTED = 100


def more_not_shown(count: int, what: str) -> str:
    """The line that ends a capped list: ``…and 1,900 more duplicate keys (not shown)``."""
    plural = what if count == 1 else f"{what}s"
    return f"...and {count:,} more {plural} (not shown): fix these, then run again"


class RunLimitError(ModelError):
    """A limit of the whole run (bytes read, values loaded) was reached: the run stops
    here, since every model after this one would be refused too."""
