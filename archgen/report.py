"""Reporters: text, JSON and SARIF over one `ValidationResult`; they format, they decide nothing."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from archgen import __version__
from archgen.load.problems import Problem
from archgen.rules.finding import Finding
from archgen.terminal import Line, Styled, json_text, text
from archgen.validate import ValidationResult

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
#: SARIF has no "info": its lowest level that still shows is "note"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://archgen.dev/"


def as_json(result: ValidationResult) -> str:
    """PRODUCT.md's JSON shape: files, findings, summary; and the input problems, if any."""
    document = {
        "files": result.files,
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary(),
        "problems": [
            {"file": p.path, "line": p.line, "column": p.column, "message": p.message}
            for p in result.problems
        ],
    }
    return json_text(document)


def as_text(result: ValidationResult, colour: bool) -> str:
    """Findings grouped by the model validated, then a summary line.

    A finding on a component inherited through `extends` is located in the file that
    declared it: that file's name is then written before the line and column.
    """
    lines: list[Line] = []
    for (model, findings), loaded in zip(result.by_model.items(), result.models, strict=True):
        if not findings:
            continue
        lines.append(Styled(model, bold=True))
        own_file = loaded.path
        for f in sorted(findings, key=_by_severity):
            where = f" [{f.component}]" if f.component else ""
            place = (
                f"{f.line}:{f.column}" if f.file == own_file else f"{f.file}:{f.line}:{f.column}"
            )
            severity = Styled(f.severity, fg=_COLOURS[f.severity])
            lines.append([f"  {place}: ", severity, f" {f.rule}{where} {f.message}"])
    counts = result.summary()
    total = sum(counts.values())
    files = len(result.files)
    tally = ", ".join(f"{n} {_plural(s, n)}" for s, n in counts.items())
    noun = "file" if files == 1 else "files"
    if total:
        lines.append(f"{files} {noun} checked: {tally}")
    else:
        lines.append(f"{files} {noun} checked: no findings")
    return text(lines, colour)


def _by_severity(finding: Finding) -> tuple[int, str, int, int, str]:
    order = ("error", "warning", "info").index(finding.severity)
    return (order, finding.file, finding.line, finding.column, finding.rule)


def _plural(severity: str, count: int) -> str:
    if count == 1:
        return severity
    return {"error": "errors", "warning": "warnings", "info": "info"}[severity]


def as_sarif(result: ValidationResult) -> str:
    """SARIF 2.1.0: one run; every rule in tool.driver.rules, every finding a result.

    Input problems are the invocation's `toolExecutionNotifications` (level error), and
    then `executionSuccessful` is false.
    """
    from archgen.rules import catalogue

    rules = catalogue()
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver = {
        "name": "archgen",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.what},
                "help": {
                    "text": f"{rule.why}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}",
                    "markdown": (
                        f"{rule.why}\n\n**Bad**\n\n```yaml\n{rule.bad}\n```\n\n"
                        f"**Good**\n\n```yaml\n{rule.good}\n```"
                    ),
                },
                "helpUri": rule.help_uri,
                "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
                "properties": {
                    "tags": [rule.pillar],
                    "since": rule.since,
                    "upstream": list(rule.upstream),
                },
            }
            for rule in rules
        ],
    }
    results: list[dict[str, Any]] = []
    # a finding on an inherited component is the same result for every model that
    # inherits it: code scanning shows it once
    unique = sorted(set(result.findings))
    for finding in unique:
        entry: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.file)},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }
            ],
        }
        if finding.rule in index:
            entry["ruleIndex"] = index[finding.rule]
        if finding.component:
            entry["locations"][0]["logicalLocations"] = [
                {"name": finding.component, "kind": "resource"}
            ]
        results.append(entry)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # input problems are the tool's failure to analyse, not findings
                "invocations": [
                    {
                        "executionSuccessful": not result.problems,
                        "toolExecutionNotifications": [_notification(p) for p in result.problems],
                    }
                ],
                # archgen counts columns in characters, as YAML does
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(document)


def _notification(problem: Problem) -> dict[str, Any]:
    """A SARIF notification (level error) for an input problem, at its file and line."""
    return {
        "level": "error",
        "message": {"text": problem.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(problem.path)},
                    "region": {"startLine": problem.line, "startColumn": problem.column},
                }
            }
        ],
    }


def _uri(path: str) -> str:
    """A URI for a file path: relative stays relative; absolute becomes ``file://``."""
    pure = PurePath(path)
    text = quote(pure.as_posix(), safe="/")
    return f"file://{text}" if pure.is_absolute() else text
