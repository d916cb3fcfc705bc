"""Which findings a report shows: `--select`, `--ignore` and `--show-upcoming`.

A token names rules (an id, ``REL001``; an id prefix, ``SEC`` or ``REL00``; a pillar,
``security``) or a severity (``error``, ``warning``, ``info``), in any case. A finding
is selected when it matches a selected rule token (if any is given) and a selected
severity (if any is given); it is then dropped when it matches any ignored token.
Findings of rules of a later stage than the model's ("upcoming") are hidden unless
`show_upcoming`. What is hidden is never counted by `--fail-on`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archgen.errors import InputError
from archgen.rules.finding import SEVERITIES, Finding

PILLARS = ("security", "reliability", "performance", "operations", "cost", "sustainability")


def split_tokens(values: Iterable[str]) -> tuple[str, ...]:
    """``("SEC,REL001", "error")`` → ``("SEC", "REL001", "error")``: a comma-separated
    list or the option given several times, as ruff takes them."""
    return tuple(t.strip() for value in values for t in value.split(",") if t.strip())


@dataclass(frozen=True)
class Selection:
    """The findings a report shows; the default shows all but the upcoming ones."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    show_upcoming: bool = False

    def check(self, rule_ids: Sequence[str]) -> None:
        """`InputError` (exit 2) for a token that names no rule, pillar or severity."""
        for option, tokens in (("--select", self.select), ("--ignore", self.ignore)):
            for token in tokens:
                if _kind(token, rule_ids) is None:
                    raise InputError(
                        f"{option}: {token!r} is no rule id, id prefix (SEC, REL00), "
                        f"pillar ({', '.join(PILLARS)}) or severity ({', '.join(SEVERITIES)})"
                    )

    def shows(self, finding: Finding) -> bool:
        """Whether the report shows `finding`."""
        return self.selects(finding) and not self.hides_upcoming(finding)

    def hides_upcoming(self, finding: Finding) -> bool:
        """Whether `finding` is hidden for being upcoming (and for no other reason)."""
        return finding.upcoming and not self.show_upcoming

    def selects(self, finding: Finding) -> bool:
        """Whether `--select` and `--ignore` keep `finding` (upcoming or not)."""
        by_rule = [t for t in self.select if t.lower() not in SEVERITIES]
        by_severity = [t for t in self.select if t.lower() in SEVERITIES]
        if by_rule and not any(_matches(t, finding) for t in by_rule):
            return False
        if by_severity and not any(_matches(t, finding) for t in by_severity):
            return False
        return not any(_matches(t, finding) for t in self.ignore)


def _kind(token: str, rule_ids: Sequence[str]) -> str | None:
    lowered = token.lower()
    if lowered in SEVERITIES:
        return "severity"
    if lowered in PILLARS:
        return "pillar"
    if any(rule.startswith(token.upper()) for rule in rule_ids):
        return "rule"
    return None


def _matches(token: str, finding: Finding) -> bool:
    lowered = token.lower()
    if lowered in SEVERITIES:
        return finding.severity == lowered
    if lowered in PILLARS:
        return finding.pillar == lowered
    return finding.rule.startswith(token.upper())
