"""Text and JSON formatters of a `ModelDiff`; they format, they do not decide."""

from __future__ import annotations

from archgen.diff.model_diff import PLURALS, SECTIONS, Change, ModelDiff
from archgen.rules.finding import Finding
from archgen.terminal import Line, Styled, json_text, text

_MARKS = {"added": "+", "removed": "-", "changed": "~"}
_COLOURS = {"added": "green", "removed": "red", "changed": "yellow"}
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def show_value(value: object, limit: int = 72) -> str:
    """A field value as people read it: ``(none)``, ``true``, ``[a, b]``, short text."""
    if value is None:
        shown = "(none)"
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, list):
        shown = "[" + ", ".join(show_value(item, limit) for item in value) + "]"
    elif isinstance(value, dict):
        shown = "{" + ", ".join(f"{k}: {show_value(v, limit)}" for k, v in value.items()) + "}"
    else:
        shown = " ".join(str(value).split())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def as_text(diff: ModelDiff, colour: bool = False) -> str:
    """The diff for a terminal: a summary line, then each section, then findings."""
    lines: list[Line] = [Styled(f"{diff.old_path} → {diff.new_path}", bold=True)]
    if diff.is_empty:
        lines.append("no change")
        return text(lines, colour)
    lines.append(diff.summary())
    for section in SECTIONS:
        changes = diff.of(section)
        if not changes:
            continue
        lines.append("")
        lines.append(Styled(PLURALS[section], bold=True))
        for change in changes:
            lines.extend(_change_lines(change))
    for title, findings, mark in (
        ("findings introduced", diff.introduced, "+"),
        ("findings resolved", diff.resolved, "-"),
    ):
        if findings:
            lines.append("")
            lines.append(Styled(title, bold=True))
            lines.extend([f"  {mark} ", *_finding_line(f)] for f in findings)
    return text(lines, colour)


def _change_lines(change: Change) -> list[Line]:
    head = f" {change.key}"
    if change.what:
        head += f" ({change.what})"
    if change.location:
        head += f"  {change.location}"
    rows: list[Line] = [["  ", Styled(_MARKS[change.status], fg=_COLOURS[change.status]), head]]
    for field in change.fields:
        rows.append(f"      {field.field}: {show_value(field.old)} → {show_value(field.new)}")
    return rows


def _finding_line(finding: Finding) -> list[str | Styled]:
    severity = Styled(finding.severity, fg=_SEVERITY_COLOURS[finding.severity])
    where = f" [{finding.component}]" if finding.component else ""
    location = f"{finding.file}:{finding.line}:{finding.column}"
    return [severity, f" {finding.rule}{where} {finding.message}  {location}"]


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
    return json_text(as_dict(diff))
