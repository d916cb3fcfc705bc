"""Run the rules on one loaded model: locate hits, apply stage awareness and suppressions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from archgen.common import did_you_mean, gc_paused
from archgen.errors import InputError
from archgen.load.problems import ModelError, Problem
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context
from archgen.rules.finding import Finding, Severity

if TYPE_CHECKING:
    from archgen.load.loader import LoadedModel
    from archgen.model.references import Key


def run(
    loaded: LoadedModel, rules: Sequence[type[Rule]], *, suppress: bool = True
) -> list[Finding]:
    """Findings of `rules` on `loaded`, sorted; see `archgen.rules.check`."""
    by_id = {rule.id: rule for rule in rules}
    _check_suppressed_ids(loaded, by_id)
    ctx = Context(loaded.model)
    findings: set[Finding] = set()
    # Rules make no reference cycles; pausing the cyclic collector keeps it from rescanning
    # the loaded model (hundreds of thousands of objects on large models) again and again.
    with gc_paused():
        for rule in rules:
            inherited = _Inherited(loaded, rule)
            for hit in rule().check(ctx):
                findings.add(_finding(loaded, rule, hit, ctx.stage, inherited))
    if suppress:
        findings = _apply_suppressions(loaded, by_id, findings)
    return sorted(findings)


class SuppressionError(ModelError, InputError):
    """A suppression that names no rule (or gives no reason): a located input problem.

    A `ModelError`, so that validating several files collects it with their other
    problems; and an `InputError`, so that a command that does not collect it still
    exits 2 with the message instead of a traceback.
    """

    def __init__(self, problems: list[Problem]) -> None:
        ModelError.__init__(self, problems)
        self.problems = sorted(set(problems))  # InputError's constructor reset them


def _check_suppressed_ids(loaded: LoadedModel, by_id: dict[str, type[Rule]]) -> None:
    problems = [
        loaded.problem(
            ("suppress", index, "rule"),
            f"unknown rule {entry.rule!r} in suppress{did_you_mean(entry.rule, by_id)}",
        )
        for index, entry in enumerate(loaded.model.suppress)
        if entry.rule not in by_id
    ]
    # the reason is what a reviewer reads: blank is no reason
    problems += [
        loaded.problem(("suppress", index, "reason"), "a suppression needs a reason, not blanks")
        for index, entry in enumerate(loaded.model.suppress)
        if not entry.reason.strip()
    ]
    if problems:
        raise SuppressionError(problems)


class _Inherited:
    """Whether the model a file extends has a hit of one rule already: worked out once,
    and only if a hit on a component that file's `update:` changed asks."""

    def __init__(self, loaded: LoadedModel, rule: type[Rule]) -> None:
        self.loaded, self.rule = loaded, rule
        self.hits: set[tuple[str | None, str]] | None = None

    def __contains__(self, hit: Hit) -> bool:
        parent = self.loaded.parent
        if parent is None:
            return False
        if self.hits is None:
            found = self.rule().check(Context(parent.model))
            self.hits = {(h.component, h.message) for h in found}
        return (hit.component, hit.message) in self.hits


def _finding(
    loaded: LoadedModel,
    rule: type[Rule],
    hit: Hit,
    stage: int | None,
    inherited: _Inherited | None = None,
) -> Finding:
    severity: Severity = hit.severity or rule.severity
    message = hit.message
    upcoming = stage is not None and rule.since > stage
    if upcoming:
        severity = "info"
        message += f" (applies from stage {rule.since})"
    key: Key = hit.key or (("components", hit.component) if hit.component else ("name",))
    where = loaded.locate(key)
    if hit.key is None and hit.component is not None:
        # a finding on a whole component that this file's `update:` changed: at that
        # entry when the update brought it, where the parent reports it when inherited
        changed = loaded.changed_here("components", hit.component)
        if changed is not None and not (inherited is not None and hit in inherited):
            where = changed
    return Finding(
        file=where.file,
        line=where.line,
        column=where.column,
        rule=rule.id,
        severity=severity,
        pillar=rule.pillar,
        message=message,
        component=hit.component,
        upcoming=upcoming,
    )


def _apply_suppressions(
    loaded: LoadedModel, by_id: dict[str, type[Rule]], findings: set[Finding]
) -> set[Finding]:
    """Drop suppressed findings; report each suppression that matched nothing (info)."""
    entries = loaded.model.suppress
    used = [False] * len(entries)
    kept: set[Finding] = set()
    for finding in findings:
        matched = False
        for index, entry in enumerate(entries):
            if entry.rule == finding.rule and entry.component in (None, finding.component):
                used[index] = matched = True
        if not matched:
            kept.add(finding)
    for index, entry in enumerate(entries):
        if used[index]:
            continue
        target = f" for {entry.component!r}" if entry.component else ""
        where = loaded.locate(("suppress", index))
        kept.add(
            Finding(
                file=where.file,
                line=where.line,
                column=where.column,
                rule=entry.rule,
                severity="info",
                pillar=by_id[entry.rule].pillar,
                message=f"unused suppression: no {entry.rule} finding{target}; remove it",
                component=entry.component,
            )
        )
    return kept
