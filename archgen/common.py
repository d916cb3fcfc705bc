"""Two small helpers every stage of the pipeline uses: suggestions and a GC pause.

They live here, below `load/`, `model/` and `rules/`, so that none of those packages has
to import another just for them.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block (reference counting still frees).

    Loading builds hundreds of thousands of acyclic objects; each collector pass rescans
    everything built so far, which makes large models cost more per component (a third
    of the time at 5,000 components). What the block built and kept is then moved to the
    oldest generation unscanned (freeze + unfreeze): it is still collected by full
    collections, but the next young-generation pass does not walk all of it again.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
