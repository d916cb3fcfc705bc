"""The JSON Schema editors use and the loader's decoder agree on what a model file is.

Both come from the same declarations (`archgen/model/schema.py`), but by different
code (`json_schema.py`, `decode.py`). Random edits of the nine journey models, made on
the data rather than the text, must be accepted by both or rejected by both; the only
differences allowed are the checks a schema cannot express (a valid CIDR block,
``min <= max``, a duration's size) and JSON Schema's view that ``2.0`` is an integer.
"""

from __future__ import annotations

import copy
import json
import re
import typing
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError, validators

from archgen.load.yaml_reader import read_document
from archgen.model import schema
from archgen.model.decode import DecodeError, Issue, decode
from archgen.model.record import Record, tag_of
from archgen.model.schema import Model
from tests.conftest import MODELS
from tests.hostile.model_strategies import EXAMPLES


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """`pattern` as editors apply it (ECMA-262: `$` is the very end), not as Python's
    `re.search`, where `$` also matches before a final newline."""
    if isinstance(instance, str) and not re.search(pattern.replace("$", r"\Z"), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


VALIDATOR = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})(
    json.loads((MODELS / "archgen.schema.json").read_text(encoding="utf-8"))
)
STAGES = [read_document(MODELS / f"stage{n}.yaml", f"stage{n}.yaml").data for n in range(1, 10)]

#: values an edit may put anywhere: right and wrong types, edge cases of each
VALUES = st.one_of(
    st.sampled_from(
        [None, True, False, 0, 1, -1, 2, 501, 10_001, 2.0, 3.5, "", "x", "web", "Web Tier",
         "10m", "600", "10 minutes", "10.0.0.0/16", "10.0.0.1/24", "REL001", "rel001",
         "cache", "compute", "https", "async", "sync", "ec2", "rds-mysql", "s3", [], ["x"],
         [1], {}, {"x": 1}, {"id": "n", "kind": "cache"}, {"from": "a", "to": "b"}]
    ),
    st.integers(-5, 100_000),
    st.text(max_size=8),
)  # fmt: skip


#: every key of the format, and one that is none
KEYS = sorted(
    {spec.key for cls in vars(schema).values() if isinstance(cls, type) and issubclass(cls, Record)
     for spec in cls.__fields__.values()} | {"colour"}
)  # fmt: skip


#: the keys of each kind of component
KIND_KEYS = {
    str(tag_of(member)): [spec.key for spec in member.__fields__.values()]
    for member in typing.get_args(typing.get_args(schema.Component)[0])
}


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _near_misses(value: Any) -> list[Any]:
    """Values close to `value` that may cross a bound: off by a lot, other case, empty."""
    if isinstance(value, bool):
        return [str(value).lower(), int(value)]
    if isinstance(value, int):
        return [value + 10_000, -value - 1, value * 1000, str(value), float(value)]
    if isinstance(value, str):
        return [value.upper(), value + "-", " " + value, value * 70, value[:-1], value + "\n"]
    if isinstance(value, list):
        return [[], value * 2, [*value[:1], None]]
    return []


@st.composite
def edited_models(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(draw(st.sampled_from(STAGES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["set", "delete", "add-key"]))
        if action == "set":
            current = parent[path[-1]]
            near = _near_misses(current)
            value = draw(st.sampled_from(near) if near and draw(st.booleans()) else VALUES)
            parent[path[-1]] = copy.deepcopy(value)  # never share a list with the pool
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            # mostly a key of the component's own kind, where there is one
            own = KIND_KEYS.get(str(parent.get("kind")), KEYS)
            key = draw(st.sampled_from(own if draw(st.booleans()) else KEYS))
            parent[key] = copy.deepcopy(draw(VALUES))
    return data


def _decoded(data: Any) -> list[Issue]:
    try:
        decode(Model, data)
    except DecodeError as error:
        return error.issues
    return []


def _beyond_a_schema(issue: Issue) -> bool:
    """A rule JSON Schema cannot state, or its integer that may be written 2.0."""
    integral_float = isinstance(issue.value, float) and issue.value.is_integer()
    written_as_float = integral_float and issue.code in ("int_type", "literal_error")
    return issue.code == "value_error" or written_as_float


@settings(max_examples=EXAMPLES or 300, deadline=None)
@given(edited_models())
def test_schema_and_decoder_agree(data: Any) -> None:
    issues = _decoded(data)
    schema_errors = [e.message for e in VALIDATOR.iter_errors(data)]
    if not issues:
        assert schema_errors == [], f"the decoder accepts what the schema rejects: {data}"
    elif not schema_errors:
        assert all(_beyond_a_schema(i) for i in issues), [(i.loc, i.code) for i in issues]


def test_the_nine_models_pass_both() -> None:
    for data in STAGES:
        assert _decoded(data) == [] and list(VALIDATOR.iter_errors(data)) == []
