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
    """`` (did you mean 'x'?)`` for a close choice, else the choices when they are few.

    Close means a typo away, not merely similar: the same word in another case, a few
    edits (one up to five letters, two up to eleven, then three), or a part or
    start of exactly one choice ("redis" for "elasticache-redis", "prod" for
    "production"). In a short word a replaced letter is no typo: "sns" is not "dns",
    nor "ecr" "ecs". Without a close choice, up to 12 choices are listed.
    """
    options = sorted(set(choices))
    close = _closest(word, options)
    if close is None and options and len(options) <= 12:
        return f" (expected one of: {', '.join(options)})"
    return f" (did you mean {close!r}?)" if close is not None else ""


def _closest(word: str, options: list[str]) -> str | None:
    lowered = word.lower()
    if not options:
        return None
    for option in options:
        if option.lower() == lowered:
            return option
    budget = 1 if len(word) <= 5 else 2 if len(word) <= 11 else 3
    # difflib's ratio orders the candidates (and breaks ties, as it always has here);
    # the edit distance decides which are close enough
    ranked = difflib.get_close_matches(word, options, n=len(options), cutoff=0.5)
    near = [(_edits(lowered, o.lower(), budget), o) for o in ranked]
    near = [(d, o) for d, o in near if d <= budget and _typo(lowered, o.lower(), d)]
    if near:
        return min(near, key=lambda pair: pair[0])[1]
    if len(word) < 3:
        return None
    # a word that is one part, or the start, of exactly one choice
    containing = [o for o in options if lowered in o.lower().split("-")]
    containing = containing or [o for o in options if o.lower().startswith(lowered)]
    return containing[0] if len(containing) == 1 else None


def _typo(word: str, option: str, edits: int) -> bool:
    """Whether `edits` edits make a plausible typo. In a word of three letters or fewer a
    letter may be missing, added or swapped with its neighbour, and replaced only by the
    letter next to it ("tll" for "ttl"): "sns" and "dns" are two services, not a typo."""
    if len(word) > 3 or edits == 0 or len(word) != len(option):
        return True
    if sorted(word) == sorted(option):
        return True
    i = next(k for k, (a, b) in enumerate(zip(word, option, strict=True)) if a != b)
    return any(
        option[i] == option[k] or word[i] == word[k] for k in (i - 1, i + 1) if 0 <= k < len(word)
    )


def _edits(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, or more than
    `limit` once it is certain to exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


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
