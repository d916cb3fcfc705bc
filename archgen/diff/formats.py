"""Text and JSON formatters of a `ModelDiff`; they format, they do not decide."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from archgen.diff.model_diff import PLURALS, SECTIONS, Change, ModelDiff
from archgen.rules.finding import Finding

Style = Callable[..., str]
_MARKS = {"added": "+", "removed": "-", "changed": "~"}
_COLOURS = {"added": "green", "removed": "red", "changed": "yellow"}
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def show_value(value: object, limit: int = 72) -> str:
    """A field value as people read it: ``(none)``, ``true``, ``[a, b]``, short text."""
    if value is None:
        text = "(none)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "[" + ", ".join(show_value(item, limit) for item in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {show_value(v, limit)}" for k, v in value.items()) + "}"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(diff: ModelDiff, colour: bool = False) -> str:
    """The diff for a terminal: a summary line, then each section, then findings."""

    def style(text: str, **how: Any) -> str:
        return click.style(text, **how) if colour else text

    lines = [style(f"{diff.old_path} → {diff.new_path}", bold=True)]
    if diff.is_empty:
        lines.append("no change")
        return "\n".join(lines)
    lines.append(diff.summary())
    for section in SECTIONS:
        changes = diff.of(section)
        if not changes:
            continue
        lines.append("")
        lines.append(style(PLURALS[section], bold=True))
        lines.extend(_change_lines(change, style) for change in changes)
    for title, findings, mark in (
        ("findings introduced", diff.introduced, "+"),
        ("findings resolved", diff.resolved, "-"),
    ):
        if findings:
            lines.append("")
            lines.append(style(title, bold=True))
            lines.extend(f"  {mark} {_finding_line(f, style)}" for f in findings)
    return "\n".join(lines)


def _change_lines(change: Change, style: Style) -> str:
    mark = style(_MARKS[change.status], fg=_COLOURS[change.status])
    head = f"  {mark} {change.key}"
    if change.what:
        head += f" ({change.what})"
    if change.location:
        head += f"  {change.location}"
    rows = [head]
    for field in change.fields:
        rows.append(f"      {field.field}: {show_value(field.old)} → {show_value(field.new)}")
    return "\n".join(rows)


def _finding_line(finding: Finding, style: Style) -> str:
    severity = style(finding.severity, fg=_SEVERITY_COLOURS[finding.severity])
    where = f" [{finding.component}]" if finding.component else ""
    location = f"{finding.file}:{finding.line}:{finding.column}"
    return f"{severity} {finding.rule}{where} {finding.message}  {location}"


def as_dict(diff: ModelDiff) -> dict[str, object]:
    """The JSON shape: paths, summary counts, every change, the findings delta."""
    return {
        "old": diff.old_path,
        "new": diff.new_path,
        "empty": diff.is_empty,
        "summary": diff.counts(),
        "changes": [
            {
                "section": c.section,
                "key": c.key,
                "status": c.status,
                "what": c.what,
                "location": c.location,
                "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
            }
            for c in diff.changes
        ],
        "findings": {
            "introduced": [f.as_dict() for f in diff.introduced],
            "resolved": [f.as_dict() for f in diff.resolved],
            "unchanged": len(diff.unchanged),
        },
    }


def as_json(diff: ModelDiff) -> str:
    """`as_dict` as indented JSON."""
    return json.dumps(as_dict(diff), indent=2, ensure_ascii=False)
