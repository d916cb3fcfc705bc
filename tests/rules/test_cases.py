"""One case file per rule (`cases/<ID>.yaml`): failing and passing models, exact findings.

A case is a fragment over the shared example base (`model:`), or a journey stage with
a patch on top (`stage: N` + `patch:`, written as a model that `extends` the stage).
`findings` lists the components the rule reports (`~` for a model-level finding); the
test asserts that exact set of (rule, component) pairs for the case's rule. `says`
(optional) lists words the rule's messages must contain, such as the AWS default a
finding assumed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archgen.load.loader import load_model, load_text
from archgen.rules import check, rule_classes
from archgen.rules.examples import complete

CASES = Path(__file__).parent / "cases"
MODELS = Path(__file__).resolve().parents[2] / "models"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        for case in document["cases"]:
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{case['name']}"))
    return params


def _load(case: dict[str, Any], tmp_path: Path) -> Any:
    if "stage" in case:
        model = {
            "archgen": 1,
            "name": "case",
            "stage": case["stage"],
            "extends": str(MODELS / f"stage{case['stage']}.yaml"),
            **case.get("patch", {}),
        }
        path = tmp_path / "case.yaml"
        path.write_text(yaml.safe_dump(model, sort_keys=False))
        return load_model(path, root=MODELS)  # `extends` reaches the journey's folder
    return load_text(complete(case["model"]), "case.yaml")


def test_every_rule_has_a_case_file_with_failing_and_passing_cases() -> None:
    for rule in rule_classes():
        path = CASES / f"{rule.id}.yaml"
        assert path.exists(), f"no case file for {rule.id}"
        cases = yaml.safe_load(path.read_text())["cases"]
        assert any(c["findings"] for c in cases), f"{rule.id}: no failing case"
        assert any(not c["findings"] for c in cases), f"{rule.id}: no passing case"
    assert {p.stem for p in CASES.glob("*.yaml")} == {r.id for r in rule_classes()}


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    findings = check(_load(case, tmp_path))
    got = sorted((f.rule, f.component or "~") for f in findings if f.rule == rule)
    expected = sorted((rule, c or "~") for c in case["findings"])
    messages = [f.message for f in findings if f.rule == rule]
    assert got == expected, messages
    for words in case.get("says", []):
        assert any(words in message for message in messages), (words, messages)
