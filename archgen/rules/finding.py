"""A finding: one rule's verdict on one place in a model."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Pillar = Literal["security", "reliability", "performance", "operations", "cost", "sustainability"]


class Finding(NamedTuple):
    """A design finding, located at the file, line and column that declared the culprit."""

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    pillar: Pillar
    message: str
    component: str | None = None
    #: a rule of a later stage than the model's: reported at info with "(applies from
    #: stage N)", and hidden unless asked for (`--show-upcoming`)
    upcoming: bool = False

    @property
    def identity(self) -> tuple[str, int, int, str, str | None, str]:
        """What makes two findings the same one: a finding in a parent file, inherited
        by several models through `extends`, is reported once."""
        return (self.file, self.line, self.column, self.rule, self.component, self.message)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of PRODUCT.md."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "component": self.component,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pillar": self.pillar,
            "upcoming": self.upcoming,
        }


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """`findings` sorted, each identity once (at its most severe, should two differ)."""
    best: dict[tuple[str, int, int, str, str | None, str], Finding] = {}
    for finding in findings:
        kept = best.get(finding.identity)
        if kept is None or SEVERITIES.index(finding.severity) < SEVERITIES.index(kept.severity):
            best[finding.identity] = finding
    return sorted(best.values())
