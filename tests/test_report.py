"""Reporters: text (grouped, coloured or plain), JSON (PRODUCT.md's shape), SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from archgen.report import as_json, as_sarif, as_text
from archgen.rules import catalogue
from archgen.validate import validate_paths
from tests.conftest import MODELS, run_archgen

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def stages_1_and_2() -> object:
    return validate_paths([str(MODELS / "stage1.yaml"), str(MODELS / "stage2.yaml")])


def test_sarif_is_valid_and_complete(stages_1_and_2: object) -> None:
    document = json.loads(as_sarif(stages_1_and_2))  # type: ignore[arg-type]
    errors = sorted(_validator().iter_errors(document), key=str)
    assert not errors, [e.message for e in errors[:5]]
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in catalogue()]
    assert all(r["help"]["text"] and r["helpUri"].startswith("https://") for r in rules)
    results = run["results"]
    # stage 2 inherits stage 1's components: a finding on one of them is one result
    assert len(results) == len(set(stages_1_and_2.findings))  # type: ignore[attr-defined]
    assert len(results) < len(stages_1_and_2.findings)  # type: ignore[attr-defined]
    first = results[0]
    assert first["level"] in ("error", "warning", "note")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(".yaml")
    assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]


def test_the_schema_check_can_fail(stages_1_and_2: object) -> None:
    document = json.loads(as_sarif(stages_1_and_2))  # type: ignore[arg-type]
    document["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    assert list(_validator().iter_errors(document))


def test_json_has_the_product_shape(stages_1_and_2: object) -> None:
    document = json.loads(as_json(stages_1_and_2))  # type: ignore[arg-type]
    assert set(document) == {"files", "findings", "summary"}
    assert set(document["summary"]) == {"error", "warning", "info"}
    keys = {"rule", "severity", "message", "component", "file", "line", "column", "pillar"}
    assert all(set(f) == keys for f in document["findings"])


def test_text_groups_by_file_and_colours_only_when_asked(stages_1_and_2: object) -> None:
    plain = as_text(stages_1_and_2, colour=False)  # type: ignore[arg-type]
    coloured = as_text(stages_1_and_2, colour=True)  # type: ignore[arg-type]
    assert "\x1b[" not in plain and "\x1b[" in coloured
    lines = plain.splitlines()
    assert lines[0].endswith("stage1.yaml")
    assert any(line.endswith("stage2.yaml") for line in lines)
    assert lines[-1].startswith("2 files checked: ")
    assert "REL001 [server]" in plain


def test_cli_sarif_and_plain_text_when_piped() -> None:
    sarif = run_archgen("validate", "models/stage1.yaml", "--format", "sarif")
    assert sarif.returncode == 0, sarif.stderr
    assert not list(_validator().iter_errors(json.loads(sarif.stdout)))
    text = run_archgen("validate", "models/stage1.yaml")
    assert "\x1b[" not in text.stdout and "SEC008 [server]" in text.stdout


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_sets_the_exit_code(fail_on: str, code: int) -> None:
    # stage 1 has warnings (REL001, SEC008) and infos, no errors
    result = run_archgen("validate", "models/stage1.yaml", "--fail-on", fail_on)
    assert result.returncode == code, result.stderr


def test_text_groups_by_model_and_names_inherited_files(stages_1_and_2: object) -> None:
    text = as_text(stages_1_and_2, colour=False)  # type: ignore[arg-type]
    lines = text.splitlines()
    stage2 = lines.index(next(line for line in lines if line.endswith("stage2.yaml")))
    below = lines[stage2 + 1 :]
    # a finding on the server, declared in stage 2 itself, has no file name
    assert any(line.startswith("  23:5: warning REL001 [server]") for line in below)
    # one on the DNS, inherited from stage 1, names stage 1's file
    assert any("models/stage1.yaml:22:5: info OPS002 [dns]" in line for line in below)
