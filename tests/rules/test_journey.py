"""The nine journey models tell the story the rules were written for."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from archgen.load.loader import load_model
from archgen.rules import check, rule_classes
from archgen.rules.finding import Finding
from tests.conftest import MODELS, run_archgen

STAGES = range(1, 10)
SINCE = {rule.id: rule.since for rule in rule_classes()}


@cache
def _findings(stage: int, suppress: bool = True) -> tuple[Finding, ...]:
    return tuple(check(load_model(MODELS / f"stage{stage}.yaml"), suppress=suppress))


def _pairs(stage: int, up_to: int = 99) -> set[tuple[str, str]]:
    """(rule, component) of a stage's findings, for rules that apply at stage `up_to`."""
    return {(f.rule, f.component or "-") for f in _findings(stage) if SINCE[f.rule] <= up_to}


def test_all_nine_stages_exist() -> None:
    assert all((MODELS / f"stage{n}.yaml").exists() for n in STAGES)


def test_every_stage_passes_its_gate() -> None:
    paths = [str(Path("models") / f"stage{n}.yaml") for n in STAGES]
    result = run_archgen("validate", *paths, "--fail-on", "error")
    assert result.returncode == 0, result.stdout + result.stderr


def test_stage_1_reports_its_single_points_of_failure_and_the_one_host() -> None:
    pairs = _pairs(1)
    assert ("REL001", "server") in pairs
    assert {("SEC008", "server"), ("COST002", "server")} <= pairs
    severities = {f.rule: f.severity for f in _findings(1)}
    assert severities["REL001"] == "warning" and severities["SEC008"] == "warning"
    assert severities["COST002"] == "info"  # applies from stage 2


@pytest.mark.parametrize("stage", range(2, 10))
def test_findings_that_apply_shrink_stage_by_stage(stage: int) -> None:
    before, after = _pairs(stage - 1, up_to=stage), _pairs(stage, up_to=stage)
    assert len(after) <= len(before), f"stage {stage} introduces {sorted(after - before)}"
    if before:
        assert len(after) < len(before), f"stage {stage} resolves nothing of {sorted(before)}"


@pytest.mark.parametrize("stage", range(2, 10))
def test_each_stage_resolves_something_of_the_one_before(stage: int) -> None:
    resolved = _pairs(stage - 1) - _pairs(stage)
    # stages 4 and 8 add a component (cache, queue) that brings its own advice
    assert resolved or stage in (4, 8), f"stage {stage} resolves nothing"


def test_stage_9_passes_the_warning_gate_and_explains_every_suppression() -> None:
    result = run_archgen("validate", "models/stage9.yaml", "--fail-on", "warning")
    assert result.returncode == 0, result.stdout
    model = load_model(MODELS / "stage9.yaml").model
    assert all(entry.reason.strip() for entry in model.suppress)
    assert not [f for f in _findings(9) if f.message.startswith("unused suppression")]


def test_print_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    """Per stage: findings resolved and introduced (the site shows the same story)."""
    lines = []
    previous: set[tuple[str, str]] = set()
    for stage in STAGES:
        current = _pairs(stage)
        counts = {s: sum(f.severity == s for f in _findings(stage)) for s in ("error", "warning")}
        lines.append(
            f"stage {stage}: {len(current)} findings ({counts['error']} errors, "
            f"{counts['warning']} warnings)"
        )
        for sign, pairs in (("-", previous - current), ("+", current - previous)):
            lines.extend(f"    {sign} {rule} {component}" for rule, component in sorted(pairs))
        previous = current
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert len([line for line in lines if line.startswith("stage")]) == 9
