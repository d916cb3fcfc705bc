"""What changed between two versions of a model: the result object the formatters read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from archgen.rules.finding import SEVERITIES, Finding

if TYPE_CHECKING:
    from archgen.load.loader import LoadedModel

Status = Literal["added", "removed", "changed"]
STATUSES: tuple[Status, ...] = ("added", "removed", "changed")

#: the parts of a model a diff reports, in the order the formatters show them
SECTIONS = (
    "model",
    "component",
    "connection",
    "region",
    "network",
    "subnet",
    "security group",
    "environment",
    "decision",
    "suppression",
    "view",
)
_BRIEF = ("component", "connection", "region")
NOUNS = {"model": "model field"} | {s: s for s in SECTIONS[1:]}
PLURALS = {section: noun + "s" for section, noun in NOUNS.items()}


@dataclass(frozen=True)
class FieldChange:
    """One field of one item, before and after (dotted path for nested fields)."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Change:
    """An item added, removed or changed: a component, a connection, a subnet, …

    `key` names the item (a component id, ``users -> alb (request)``); `what` says in a
    few words what it is (``compute, ec2``); `location` is where it is (or was) declared.
    """

    section: str
    key: str
    status: Status
    what: str = ""
    location: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ModelDiff:
    """The semantic difference between two loaded models, and its effect on findings."""

    old_path: str
    new_path: str
    changes: tuple[Change, ...] = ()
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    unchanged: tuple[Finding, ...] = ()
    old: LoadedModel | None = field(default=None, repr=False, compare=False)
    new: LoadedModel | None = field(default=None, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """No change to the model and none to its findings."""
        return not self.changes and not self.introduced and not self.resolved

    def of(self, section: str, status: Status | None = None) -> list[Change]:
        """The changes in one section (``"component"``), optionally of one status."""
        return [
            c
            for c in self.changes
            if c.section == section and (status is None or c.status == status)
        ]

    @property
    def components_added(self) -> list[str]:
        """Ids of the components only the new model has."""
        return [c.key for c in self.of("component", "added")]

    @property
    def components_removed(self) -> list[str]:
        """Ids of the components only the old model has."""
        return [c.key for c in self.of("component", "removed")]

    @property
    def components_changed(self) -> list[str]:
        """Ids of the components both have, with different fields."""
        return [c.key for c in self.of("component", "changed")]

    def highlight(self) -> dict[str, str]:
        """Component id → ``added`` / ``removed`` / ``changed``, for coloured diagrams."""
        return {c.key: c.status for c in self.of("component")}

    def counts(self) -> dict[str, dict[str, int]]:
        """Section → status → number of changes (only non-zero entries)."""
        tally: Counter[tuple[str, str]] = Counter((c.section, c.status) for c in self.changes)
        result: dict[str, dict[str, int]] = {}
        for section in SECTIONS:
            row: dict[str, int] = {s: tally[(section, s)] for s in STATUSES if tally[(section, s)]}
            if row:
                result[section] = row
        return result

    def summary(self, brief: bool = False) -> str:
        """One line: ``3 components added, 1 changed; 4 connections added; findings: …``.

        `brief` names components, connections and regions and counts the rest.
        """
        parts: list[str] = []
        others = 0
        for section, row in self.counts().items():
            if brief and section not in _BRIEF:
                others += sum(row.values())
                continue
            words = [f"{n} {status}" for status, n in row.items()]
            first, count = next(iter(row.items()))
            noun = PLURALS[section] if count != 1 else NOUNS[section]
            words[0] = f"{count} {noun} {first}"
            parts.append(", ".join(words))
        if others:
            parts.append(f"{others} other change{'s' if others != 1 else ''}")
        if not parts:
            parts.append("no change to the model")
        delta = [_tally(self.resolved, "resolved"), _tally(self.introduced, "introduced")]
        return "; ".join(parts) + "; findings: " + ", ".join(delta)

    def fails(self, fail_on: str) -> bool:
        """Whether an introduced finding is at or above `fail_on` (``never``: no)."""
        if fail_on == "never":
            return False
        order: tuple[str, ...] = SEVERITIES
        limit = order.index(fail_on)
        return any(order.index(f.severity) <= limit for f in self.introduced)


def _tally(findings: tuple[Finding, ...], verb: str) -> str:
    """``2 introduced (1 warning, 1 info)``; ``0 resolved``."""
    counts = Counter(f.severity for f in findings)
    detail = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])
    return f"{len(findings)} {verb}" + (f" ({detail})" if detail else "")
