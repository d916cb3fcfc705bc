"""Design rules: the catalogue of RULES.md as small classes over one model.

`check(loaded)` runs every rule, applies stage awareness (a rule that applies from a
later stage than the model's reports at info) and the model's suppressions, and returns
located findings, sorted. `catalogue()` lists the rules with their docstring pages.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from archgen.rules.base import REGISTRY, Hit, Rule, RuleInfo
from archgen.rules.finding import Finding

if TYPE_CHECKING:
    from archgen.load.loader import LoadedModel

__all__ = ["Finding", "Hit", "Rule", "RuleInfo", "catalogue", "check", "rule_classes"]

#: one module per pillar, in the order the catalogue lists them
PILLAR_MODULES = (
    "security",
    "reliability",
    "performance",
    "operations",
    "cost",
    "sustainability",
)


#: modules of rules on one part of a model, each rule in one of the pillars above
TOPIC_MODULES = ("network",)


def rule_classes() -> list[type[Rule]]:
    """Every rule class, sorted by pillar order then id (imports the rule modules)."""
    for name in (*PILLAR_MODULES, *TOPIC_MODULES):
        importlib.import_module(f"archgen.rules.{name}")
    order = {pillar: i for i, pillar in enumerate(PILLAR_MODULES)}
    return sorted(REGISTRY.values(), key=lambda r: (order[r.pillar], r.id))


def catalogue() -> list[RuleInfo]:
    """The catalogue: every rule's metadata and page sections."""
    return [rule.info() for rule in rule_classes()]


def check(loaded: LoadedModel, *, suppress: bool = True) -> list[Finding]:
    """Every finding of every rule on `loaded`, sorted by location.

    Raises `ModelError` (also an `InputError`: exit 2) when a suppression names a rule
    that does not exist or gives a blank reason. With `suppress=False`, suppressions are
    ignored: what the model would report without the findings it accepted.
    """
    from archgen.rules.engine import run

    return run(loaded, rule_classes(), suppress=suppress)
