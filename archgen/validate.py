"""The validate step of the pipeline: load every model, run the rules, gather one result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from archgen.iac.command import load_or_import
from archgen.load.loader import LoadedModel
from archgen.load.problems import ModelError, Problem, RunLimitError
from archgen.load.run import ModelLoader
from archgen.rules import check
from archgen.rules.finding import SEVERITIES, Finding, Severity


@dataclass
class ValidationResult:
    """What validating some files produced. Reporters only format this."""

    files: list[str] = field(default_factory=list)
    models: list[LoadedModel] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the findings of each path that loaded, keyed and ordered as given; a finding on
    #: an inherited component appears under every model that inherits it
    by_model: dict[str, list[Finding]] = field(default_factory=dict)

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
) -> ValidationResult:
    """Load and check every path with one run's `loader` (each file read once); load
    problems are collected, not raised. Past the run's limits it stops.
    """
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
        result.findings.extend(findings)
        result.by_model[path] = findings
    result.findings.sort()
    result.problems.sort()
    return result
