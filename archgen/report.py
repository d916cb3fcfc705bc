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
    """PRODUCT.md's JSON shape: files, findings, summary; the input problems, if any; and
    how many upcoming findings are hidden (0 when `--show-upcoming` shows them)."""
    document = {
        "files": result.files,
        "findings": [f.as_dict() for f in result.findings],
        "summary": result.summary(),
        "upcoming_hidden": result.hidden_upcoming,
        "problems": [
            {"file": p.path, "line": p.line, "column": p.column, "message": p.message}
            for p in result.problems
        ],
    }
    return json_text(document)


def as_text(result: ValidationResult, colour: bool, *, quiet: bool = False) -> str:
    """One clickable line per finding, `path:line:col: severity RULE [component] message`,
    sorted by place; then a summary line (and the count of upcoming findings hidden),
    unless `quiet`.

    A finding on a component inherited through `extends` is located in the file that
    declared it, and shown once however many models inherit it (unless an `update:`
    of a model brought it: then it is at that entry, `archgen.rules.engine`).
    """
    lines: list[Line] = [_finding_line(f) for f in result.findings]
    if not quiet:
        lines += _summary(result)
    return text(lines, colour)


def _finding_line(f: Finding) -> Line:
    where = f" [{f.component}]" if f.component else ""
    return [
        Styled(f"{f.file}:{f.line}:{f.column}:", bold=True),
        " ",
        Styled(f.severity, fg=_COLOURS[f.severity]),
        f" {f.rule}{where} {f.message}",
    ]


def _summary(result: ValidationResult) -> list[Line]:
    counts = result.summary()
    files = len(result.files)
    tally = ", ".join(f"{n} {_plural(s, n)}" for s, n in counts.items())
    noun = "file" if files == 1 else "files"
    lines: list[Line] = [
        f"{files} {noun} checked: {tally if sum(counts.values()) else 'no findings'}"
    ]
    if result.hidden_upcoming:
        lines.append(f"{result.hidden_upcoming} upcoming hidden; --show-upcoming")
    return lines


def as_statistics(result: ValidationResult, *, quiet: bool = False) -> str:
    """The count of findings of each rule, most frequent first (as ruff's --statistics),
    then the summary line unless `quiet`."""
    from collections import Counter

    from archgen.rules import catalogue

    names = {rule.id: rule.name for rule in catalogue()}
    counts = Counter(f.rule for f in result.findings)
    width = len(str(max(counts.values(), default=0)))
    lines: list[Line] = [
        f"{count:>{width}}  {rule:<7} {names.get(rule, '')}".rstrip()
        for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    if not quiet:
        lines += _summary(result)
    return text(lines)


def _plural(severity: str, count: int) -> str:
    if count == 1:
        return severity
    return {"error": "errors", "warning": "warnings", "info": "info"}[severity]


#: GitHub's workflow commands have no "info": its lowest level is "notice"
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def as_github(result: ValidationResult) -> str:
    """GitHub Actions workflow annotations, one line per finding and input problem:
    ``::warning file=models/stage1.yaml,line=28,col=5,title=REL001::[server] message``.

    Values are escaped as GitHub's runner reads them (``%``, CR and LF everywhere; ``:``
    and ``,`` in properties too), so no text from a model ends or forges a command.
    """
    lines = [
        _annotation(
            _GITHUB_LEVELS[f.severity],
            f.file,
            f.line,
            f.column,
            f.rule,
            f"[{f.component}] {f.message}" if f.component else f.message,
        )
        for f in result.findings
    ]
    lines += [
        _annotation("error", p.path, p.line, p.column, "archgen", p.message)
        for p in result.problems
    ]
    return text(lines)


def _annotation(level: str, file: str, line: int, column: int, title: str, message: str) -> str:
    where = f"file={_escape_property(file)},line={line},col={column}"
    return f"::{level} {where},title={_escape_property(title)}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_sarif(result: ValidationResult, site_url: str | None = None) -> str:
    """SARIF 2.1.0: one run; every rule in tool.driver.rules, every finding a result.

    Each rule's `helpUri` is its page on the site at `site_url` (default: archgen's).

    Input problems are the invocation's `toolExecutionNotifications` (level error), and
    then `executionSuccessful` is false.
    """
    from archgen.rules import catalogue
    from archgen.rules.base import DEFAULT_SITE_URL, rule_url

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
                "helpUri": rule_url(rule.id, site_url or DEFAULT_SITE_URL),
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
    # each finding once: one on an inherited component is one result, whichever models
    # inherit it (`ValidationResult.findings` holds each once)
    for finding in result.findings:
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
        if finding.upcoming:  # shown only with --show-upcoming
            entry["properties"] = {"upcoming": True}
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
                # upcoming findings are left out unless --show-upcoming: say how many
                "properties": {"upcomingHidden": result.hidden_upcoming},
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
