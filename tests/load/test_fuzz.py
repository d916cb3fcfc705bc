"""Whatever the bytes, loading ends in a model or in located problems, never a crash."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.load.loader import load_text
from archgen.load.problems import ModelError
from archgen.load.yaml_reader import parse_document

KEYS = st.sampled_from(
    [
        "archgen", "name", "components", "connections", "regions", "environments", "id",
        "kind", "subnets", "nodes", "policy", "ttl", "from", "to", "mode", "zones",
        "replicates", "extends", "remove", "suppress", "rule", "reason", "scaling", "min",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["cache", "compute", "web", "db", "10m", "client", "a", "", "1"]),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


def _located(problems: list[Any], name: str) -> None:
    assert problems
    for problem in problems:
        assert problem.path == name and problem.line >= 1 and problem.column >= 1
        assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_fail_with_a_location(raw: bytes) -> None:
    try:
        parse_document(raw, "f.yaml")
    except ModelError as error:
        _located(error.problems, "f.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, TREES, max_size=6))
def test_any_yaml_tree_loads_or_fails_with_a_location(tree: dict[str, Any]) -> None:
    text = yaml.safe_dump({"archgen": 1, "name": "fuzz", **tree}, sort_keys=False)
    try:
        load_text(text, "fuzz.yaml")
    except ModelError as error:
        _located(error.problems, "fuzz.yaml")
