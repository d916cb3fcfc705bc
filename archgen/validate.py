"""The validate step of the pipeline: load every model, run the rules, gather one result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from archgen.iac.command import load_or_import
from archgen.load.loader import LoadedModel
from archgen.load.problems import ModelError, Problem, RunLimitError
from archgen.load.run import ModelLoader
from archgen.rules import check
from archgen.rules.finding import SEVERITIES, Finding, Severity, unique
from archgen.rules.selection import Selection


@dataclass
class ValidationResult:
    """What validating some files produced. Reporters only format this."""

    files: list[str] = field(default_factory=list)
    models: list[LoadedModel] = field(default_factory=list)
    #: the findings the report shows, sorted by place: each once (a finding in a parent
    #: file is inherited by every model that extends it), as the selection keeps them
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every finding of each path that loaded (unselected and upcoming ones too), keyed
    #: and ordered as given; a finding on an inherited component is under every model
    #: that inherits it
    by_model: dict[str, list[Finding]] = field(default_factory=dict)
    #: how many distinct upcoming findings the selection hid
    hidden_upcoming: int = 0

    def summary(self) -> dict[str, int]:
        """Count of findings by severity."""
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def fails(self, fail_on: str) -> bool:
        """Whether a finding is at or above `fail_on` (error, warning, info; never)."""
        if fail_on == "never":
            return False
        limit = SEVERITIES.index(_severity(fail_on))
        return any(SEVERITIES.index(f.severity) <= limit for f in self.findings)


def _severity(name: str) -> Severity:
    for severity in SEVERITIES:
        if severity == name:
            return severity
    raise ValueError(name)


def validate_paths(
    paths: Sequence[str],
    loader: ModelLoader | None = None,
    selection: Selection | None = None,
) -> ValidationResult:
    """Load and check every path with one run's `loader` (each file read once); load
    problems are collected, not raised. Past the run's limits it stops. The result's
    `findings` are those `selection` shows (by default all but the upcoming ones).
    """
    shown = selection or Selection()
    models = loader or ModelLoader()
    # a path given twice (`models/*.yaml models/stage1.yaml`) is one model, checked once
    paths = list(dict.fromkeys(paths))
    result = ValidationResult(files=paths)
    for path in paths:
        try:
            loaded = load_or_import(models, path)  # a CloudFormation template too
            # a suppression naming an unknown rule is a located input problem too
            findings = check(loaded)
        except RunLimitError as error:
            result.problems.extend(error.problems)
            break  # every later model would be refused too
        except ModelError as error:
            result.problems.extend(error.problems)
            continue
        result.models.append(loaded)
        result.by_model[path] = findings
    every = unique(f for findings in result.by_model.values() for f in findings)
    selected = [f for f in every if shown.selects(f)]
    result.findings = [f for f in selected if not shown.hides_upcoming(f)]
    # what --select and --ignore leave out is not counted: the user asked for it gone
    result.hidden_upcoming = len(selected) - len(result.findings)
    result.problems.sort()
    return result
