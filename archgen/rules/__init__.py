"""Design rules: the catalogue of RULES.md as small classes over one model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archgen.rules.finding import Finding

if TYPE_CHECKING:
    from archgen.load.loader import LoadedModel


def check(loaded: LoadedModel) -> list[Finding]:
    """Every finding of every rule on `loaded`, sorted by location.

    The rule engine (issue 3) fills this in; until then there are no rules.
    """
    return []
