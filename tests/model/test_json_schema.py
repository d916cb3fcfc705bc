"""The committed JSON Schema is current, and every shipped model points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from archgen.model.json_schema import schema_text
from archgen.rules import catalogue
from tests.conftest import MODELS, run_archgen

SCHEMA_FILE = MODELS / "archgen.schema.json"
STAGES = sorted(MODELS.glob("stage*.yaml"))
FIRST_LINE = "# yaml-language-server: $schema=archgen.schema.json"


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(catalogue()), (
        "models/archgen.schema.json is stale: run `archgen schema -o models/archgen.schema.json`"
    )


def test_schema_command_prints_the_committed_schema() -> None:
    result = run_archgen("schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_nine_stages_ship() -> None:
    assert [p.name for p in STAGES] == [f"stage{n}.yaml" for n in range(1, 10)]


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.name)
def test_model_points_editors_at_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == FIRST_LINE


EVERY_KIND = MODELS.parent / "tests" / "render" / "cases" / "every_kind.yaml"


@pytest.mark.parametrize("path", [*STAGES, EVERY_KIND], ids=lambda p: p.name)
def test_model_file_is_valid_under_the_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
    assert errors == []


@pytest.mark.parametrize(
    ("fragment", "complaint"),
    [
        ({"id": "c", "kind": "cache", "nodes": 2, "nodse": 3}, "nodse"),
        ({"id": "c", "kind": "cache", "service": "redis"}, "redis"),
        ({"id": "c", "kind": "cache", "policy": {"ttl": "ten minutes"}}, "ten minutes"),
        ({"id": "c", "nodes": 2}, "not valid under any of the given schemas"),  # no kind
        ({"id": "n", "kind": "generic", "icon": "Sagemaker"}, "Sagemaker"),
        ({"id": "n", "kind": "generic", "icon": "aws.ml.Sagemaker", "service": "x"}, "service"),
        ({"id": "w", "kind": "compute", "ingress": [{"ports": "80-", "from": "x"}]}, "80-"),
        ({"id": "w", "kind": "compute", "ingress": [{"ports": 70000, "from": "x"}]}, "70000"),
        ({"id": "w", "kind": "compute", "ingress": [{"ports": 80, "form": "x"}]}, "form"),
    ],
)
def test_schema_catches_what_editors_should_flag(
    fragment: dict[str, object], complaint: str
) -> None:
    model = {"archgen": 1, "name": "x", "components": [fragment]}
    assert complaint in " ".join(_complaints(model))


def _complaints(model: dict[str, object]) -> list[str]:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    return [e.message for e in validator.iter_errors(model)]


@pytest.mark.parametrize(
    ("section", "wrong", "right"),
    [
        ("suppress", [{"rule": "REL999", "reason": "r"}], [{"rule": "REL001", "reason": "r"}]),
        ("update", {"db": {"nodez": 2}}, {"db": {"nodes": 2}}),
        ("update", {"db": {"kind": "cache"}}, {"db": {"logging": None}}),
        ("update", {"db": {"ttl": "10m"}}, {"db": {"policy": {"ttl": "10m"}}}),
        ("update", {"Web Tier": {}}, {"web-tier": {}}),
        ("environments", [{"name": "qa", "overrides": {"A B": {}}}], [{"name": "qa"}]),
    ],
)
def test_rule_ids_updates_and_override_names_are_typed(
    section: str, wrong: object, right: object
) -> None:
    model = {"archgen": 1, "name": "x", "extends": "p.yaml"}
    assert _complaints({**model, section: wrong}) != []
    assert _complaints({**model, section: right}) == []


def test_every_property_has_a_description() -> None:
    document = json.loads(SCHEMA_FILE.read_text("utf-8"))
    undescribed = [
        f"{where}.{key}"
        for where, definition in [("(top)", document), *document["$defs"].items()]
        for key, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []


def test_rule_ids_have_their_summaries() -> None:
    document = json.loads(SCHEMA_FILE.read_text("utf-8"))
    rules = document["$defs"]["Suppression"]["properties"]["rule"]["oneOf"]
    by_id = {entry["const"]: entry["description"] for entry in rules}
    assert by_id == {rule.id: f"{rule.name}: {rule.summary}" for rule in catalogue()}
