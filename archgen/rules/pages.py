"""The catalogue as text: the table of `archgen rules` and the page of `archgen explain`."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from archgen.common import did_you_mean
from archgen.rules.base import RuleInfo, rule_url

_COLUMNS = ("id", "name", "pillar", "severity", "since")


def find_rule(rules: Sequence[RuleInfo], wanted: str) -> RuleInfo | None:
    """The rule with this id (any case: ``rel001`` finds REL001) or this name."""
    for rule in rules:
        if wanted.upper() == rule.id or wanted == rule.name:
            return rule
    return None


def unknown_rule_message(rules: Sequence[RuleInfo], wanted: str) -> str:
    """``unknown rule 'X' (did you mean 'Y'?)`` for an id that is not in the catalogue."""
    if wanted[:1].isalpha() and wanted[-1:].isdigit():
        return f"unknown rule {wanted!r}{did_you_mean(wanted.upper(), [r.id for r in rules])}"
    return f"unknown rule {wanted!r}{did_you_mean(wanted, [r.name for r in rules])}"


def as_table(rules: Sequence[RuleInfo]) -> str:
    """One line per rule: id, name, pillar, severity, since (stage)."""
    rows = [list(_COLUMNS)] + [[r.id, r.name, r.pillar, r.severity, str(r.since)] for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def as_json(rules: Sequence[RuleInfo]) -> str:
    """The catalogue as a JSON list (every metadata field and page section)."""
    entries = []
    for rule in rules:
        entry = rule._asdict()
        entry["upstream"] = list(rule.upstream)
        entry["help_uri"] = rule.help_uri
        entries.append(entry)
    return json.dumps(entries, indent=2, ensure_ascii=False)


def as_page(rule: RuleInfo, site_url: str | None = None) -> str:
    """A rule's page as plain text: metadata, then what, why, bad and good; last, its
    page on the site at `site_url` (default: archgen's own)."""

    def section(title: str, body: str) -> list[str]:
        return [title, textwrap.indent(body, "    "), ""]

    lines = [
        f"{rule.id} {rule.name}",
        f"{rule.pillar} · {rule.severity} · applies from stage {rule.since}",
        f"Closest upstream: {'; '.join(rule.upstream)}",
        "",
        rule.summary,
        "",
        *section("What it checks", rule.what),
        *section("Why it matters", rule.why),
        "The examples below complete a one-region base model (eu-west-1, zones a and b,",
        "subnets public-a/b, app-a/b and data-a/b); their keys replace the base's.",
        "",
        *section("Bad", rule.bad),
        *section("Good", rule.good),
        f"More: {rule_url(rule.id, site_url) if site_url else rule.help_uri}",
    ]
    return "\n".join(lines)
