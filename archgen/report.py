"""Reporters: text and JSON over one `ValidationResult`; they format, they do not decide."""

from __future__ import annotations

import json
from itertools import groupby

import click

from archgen.validate import ValidationResult

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def as_json(result: ValidationResult) -> str:
    """PRODUCT.md's JSON shape: files, findings, summary."""
    document = {
        "files": result.files,
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def as_text(result: ValidationResult, colour: bool) -> str:
    """Findings grouped by file, then a summary line."""
    lines: list[str] = []
    for file, findings in groupby(result.findings, key=lambda f: f.file):
        lines.append(click.style(file, bold=True) if colour else file)
        for f in findings:
            severity = click.style(f.severity, fg=_COLOURS[f.severity]) if colour else f.severity
            where = f" [{f.component}]" if f.component else ""
            lines.append(f"  {f.line}:{f.column}: {severity} {f.rule}{where} {f.message}")
    counts = result.summary()
    total = sum(counts.values())
    files = len(result.files)
    tally = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    noun = "file" if files == 1 else "files"
    if total:
        lines.append(f"{files} {noun} checked: {tally}")
    else:
        lines.append(f"{files} {noun} checked: no findings")
    return "\n".join(lines)
