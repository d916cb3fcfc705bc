"""A finding: one rule's verdict on one place in a model."""

from __future__ import annotations

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
        }
