"""The record base and the decoder: what a YAML tree must look like to become a model."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest

from archgen.model.decode import DecodeError, Issue, decode
from archgen.model.record import Length, Pattern, Range, Record, dump, field
from archgen.model.schema import Cache, CachePolicy, Connection, HealthCheck, Model, Scaling


class Pair(Record):
    """A small record for these tests."""

    name: Annotated[str, Pattern(r"^[a-z]+$", "id")]
    size: Annotated[int, Range(1, 9)] = 1
    tags: Annotated[list[str], Length(1)] = field(default_factory=lambda: ["x"])
    mode: Literal["a", "b"] | None = None
    other: str | None = field(default=None, key="$other")


def issues(annotation: object, data: object) -> list[tuple[object, str]]:
    with pytest.raises(DecodeError) as caught:
        decode(annotation, data)
    return [(i.loc, i.code) for i in caught.value.issues]


def test_a_record_decodes_with_defaults_and_keys() -> None:
    pair = decode(Pair, {"name": "ab", "$other": "o"})
    assert pair == Pair(name="ab", size=1, tags=["x"], other="o")
    assert dump(pair) == {"name": "ab", "size": 1, "tags": ["x"], "mode": None, "$other": "o"}
    assert decode(Pair, {"name": "ab"}).tags is not decode(Pair, {"name": "cd"}).tags


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, [(("name",), "missing")]),
        ({"name": "AB"}, [(("name",), "string_pattern_mismatch")]),
        ({"name": "ab\n"}, [(("name",), "string_pattern_mismatch")]),  # `$` is not the end
        ({"name": "ab", "size": 0}, [(("size",), "greater_than_equal")]),
        ({"name": "ab", "size": 10}, [(("size",), "less_than_equal")]),
        ({"name": "ab", "size": True}, [(("size",), "int_type")]),  # a bool is not a number
        ({"name": "ab", "size": 2.0}, [(("size",), "int_type")]),
        ({"name": "ab", "tags": []}, [(("tags",), "too_short")]),
        ({"name": "ab", "tags": "x"}, [(("tags",), "list_type")]),
        ({"name": "ab", "tags": ["x", 5]}, [(("tags", 1), "string_type")]),
        ({"name": "ab", "mode": "c"}, [(("mode",), "literal_error")]),
        ({"name": "ab", "nam": 1}, [(("nam",), "extra_forbidden")]),
        ({"name": 5, "size": "2"}, [(("name",), "string_type"), (("size",), "int_type")]),
        ("ab", [((), "model_type")]),
    ],
)
def test_every_issue_is_found_and_placed(data: object, expected: list[object]) -> None:
    assert issues(Pair, data) == expected


def test_literals_are_compared_with_their_type() -> None:
    assert issues(Model, {"archgen": True, "name": "m"}) == [(("archgen",), "literal_error")]
    assert issues(Model, {"archgen": "1", "name": "m"}) == [(("archgen",), "literal_error")]


def test_a_tagged_union_picks_its_member_by_kind() -> None:
    model = decode(Model, {"archgen": 1, "name": "m", "components": [{"id": "c", "kind": "cache"}]})
    assert isinstance(model.components[0], Cache)
    assert issues(Model, {"archgen": 1, "name": "m", "components": [{"id": "c"}]}) == [
        (("components", 0), "union_tag_not_found")
    ]
    assert issues(
        Model, {"archgen": 1, "name": "m", "components": [{"id": "c", "kind": "db"}]}
    ) == [(("components", 0, "kind"), "union_tag_invalid")]


def test_a_key_of_another_kind_names_its_owners() -> None:
    with pytest.raises(DecodeError) as caught:
        decode(
            Model,
            {"archgen": 1, "name": "m", "components": [{"id": "w", "kind": "compute", "nodes": 2}]},
        )
    (issue,) = caught.value.issues
    assert issue.code == "extra_forbidden" and issue.info["owners"] == ["cache"]


def test_durations_take_bare_seconds_but_not_booleans() -> None:
    assert decode(CachePolicy, {"ttl": 600}).ttl == "600"
    assert decode(HealthCheck, {}).interval == "30s"
    assert issues(CachePolicy, {"ttl": True}) == [(("ttl",), "string_type")]
    assert issues(CachePolicy, {"ttl": "soon"}) == [(("ttl",), "value_error")]
    assert issues(CachePolicy, {"ttl": "10m\n"}) == [(("ttl",), "value_error")]


def test_checks_across_fields_and_by_class() -> None:
    assert issues(Scaling, {"min": 5, "max": 2}) == [((), "value_error")]
    component = {
        "archgen": 1,
        "name": "m",
        "components": [{"id": "c", "kind": "cache", "service": "s3"}],
    }
    assert issues(Model, component) == [(("components", 0, "service"), "value_error")]


def test_mapping_keys_are_checked_and_marked_as_keys() -> None:
    data = {"archgen": 1, "name": "m", "environments": [{"name": "e", "overrides": {"A B": {}}}]}
    with pytest.raises(DecodeError) as caught:
        decode(Model, data)
    assert caught.value.issues == [
        Issue(("environments", 0, "overrides", "A B"), "string_pattern_mismatch", "A B")
    ]
    assert caught.value.issues[0].info["key"] is True


def test_records_are_immutable_and_replace_makes_a_copy() -> None:
    connection = decode(Connection, {"from": "a", "to": "b"})
    with pytest.raises(AttributeError, match="immutable"):
        connection.label = "x"  # type: ignore[misc]
    moved = connection.replace(target="c")
    assert (connection.target, moved.target, moved.source) == ("b", "c", "a")
    with pytest.raises(TypeError, match="no field 'nope'"):
        connection.replace(nope=1)
    with pytest.raises(TypeError, match="needs 'source'"):
        Connection(target="b")  # type: ignore[call-arg]
    assert hash(connection) == hash(decode(Connection, {"from": "a", "to": "b"}))
