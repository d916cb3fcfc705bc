"""The typed model: strictness, defaults and the small helpers rules rely on."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from archgen.model import schema
from archgen.model.schema import (
    Cache,
    CachePolicy,
    Component,
    Compute,
    Connection,
    HealthCheck,
    Model,
    Scaling,
    duration_seconds,
)
from archgen.model.services import SERVICES, all_services

COMPONENT: TypeAdapter[Component] = TypeAdapter(Component)


def component(data: dict[str, object]) -> Component:
    return COMPONENT.validate_python(data)


def errors(cls: type[BaseModel], data: object) -> list[tuple[object, str]]:
    with pytest.raises(ValidationError) as caught:
        cls.model_validate(data)
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0", 0), ("45", 45), ("30s", 30), ("10m", 600), ("24h", 86400), ("7d", 604800)],
)
def test_duration_seconds(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "10 minutes", "1w", "-5s", "05m", "1.5h", "10m\n"])
def test_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError):
        duration_seconds(text)


def test_kinds_have_their_defaults() -> None:
    cache = component({"id": "c", "kind": "cache"})
    assert (cache.kind, cache.nodes, cache.drawn_service) == ("cache", 1, "elasticache-redis")
    web = component({"id": "w", "kind": "compute"})
    assert (web.roles, web.instances, web.scaling, web.drawn_service) == (["app"], 1, None, "ec2")
    assert component({"id": "d", "kind": "database"}).role == "standalone"
    assert component({"id": "a", "kind": "compute"}).roles is not web.roles


def test_every_kind_has_a_class_and_a_default_service() -> None:
    assert [c.kind_name() for c in schema.COMPONENT_CLASSES] == list(SERVICES)
    required = {"cdn": {"origins": ["y"]}, "generic": {"icon": "aws.ml.Sagemaker"}}
    for kind, services in SERVICES.items():
        item = component({"id": "x", "kind": kind, **required.get(kind, {})})
        default = services[0] if services else "aws.ml.Sagemaker"  # generic: its icon
        assert item.kind_name() == kind and item.drawn_service == default
    assert len(all_services()) == len({s for v in SERVICES.values() for s in v})


@pytest.mark.parametrize(
    ("data", "where", "code"),
    [
        ({"id": "c", "kind": "cache", "nodes": "2"}, "nodes", "int_type"),  # strict: no text
        ({"id": "c", "kind": "cache", "nodes": 2.0}, "nodes", "int_type"),
        ({"id": "c", "kind": "cache", "nodes": True}, "nodes", "int_type"),  # a bool is no number
        ({"id": "c", "kind": "cache", "nodes": 0}, "nodes", "greater_than_equal"),
        ({"id": "c", "kind": "cache", "nodes": 501}, "nodes", "less_than_equal"),
        ({"id": "w", "kind": "compute", "nodes": 2}, "nodes", "extra_forbidden"),
        ({"id": "w", "kind": "compute", "scaling": {"min": 5, "max": 2}}, "scaling", "value_error"),
        ({"id": "w", "kind": "compute", "service": "rds-mysql"}, "service", "value_error"),
        ({"id": "w", "kind": "compute", "roles": ["web", 5]}, "roles", "literal_error"),
        ({"id": "Web Tier", "kind": "compute"}, "id", "string_pattern_mismatch"),
        ({"id": "web\n", "kind": "compute"}, "id", "string_pattern_mismatch"),  # `$` is the end
        ({"id": "w" * 64, "kind": "compute"}, "id", "string_pattern_mismatch"),
        ({"id": "c", "kind": "cache", "policy": {"ttl": "soon"}}, "policy", "value_error"),
        ({"id": "c", "kind": "cache", "policy": {"ttl": True}}, "policy", "duration_type"),
        ({"id": "c", "kind": "cache", "policy": "10m"}, "policy", "model_type"),
        ({"id": "n", "kind": "cdn", "origins": []}, "origins", "too_short"),
        ({"id": "n", "kind": "cdn"}, "origins", "missing"),
        ({"id": "c", "kind": "cache", "label": ""}, "label", "string_too_short"),
    ],
)
def test_strictness(data: dict[str, object], where: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        component(data)
    (error,) = caught.value.errors()
    assert (error["loc"][1], error["type"]) == (where, code)  # [0] is the kind


def test_literals_are_compared_with_their_type() -> None:
    for version in (True, 1.0, "1", 2):
        assert errors(Model, {"archgen": version, "name": "m"}) == [(("archgen",), "literal_error")]


def test_a_tagged_union_picks_its_member_by_kind() -> None:
    model = Model.model_validate(
        {"archgen": 1, "name": "m", "components": [{"id": "c", "kind": "cache"}]}
    )
    assert isinstance(model.components[0], Cache)
    assert errors(Model, {"archgen": 1, "name": "m", "components": [{"id": "c"}]}) == [
        (("components", 0), "union_tag_not_found")
    ]
    assert errors(Model, {"archgen": 1, "name": "m", "components": [{"id": "c", "kind": "x"}]}) == [
        (("components", 0), "union_tag_invalid")
    ]


def test_durations_take_bare_seconds_but_not_booleans() -> None:
    assert CachePolicy.model_validate({"ttl": 600}).ttl == "600"
    assert HealthCheck.model_validate({}).interval == "30s"
    assert errors(CachePolicy, {"ttl": True}) == [(("ttl",), "duration_type")]
    assert errors(CachePolicy, {"ttl": "10m\n"}) == [(("ttl",), "value_error")]


def test_mapping_keys_are_checked() -> None:
    data = {"archgen": 1, "name": "m", "environments": [{"name": "e", "overrides": {"A B": {}}}]}
    assert errors(Model, data) == [
        (("environments", 0, "overrides", "A B", "[key]"), "string_pattern_mismatch")
    ]


@pytest.mark.parametrize(
    ("protocol", "tls", "encrypted"),
    [("https", None, True), ("tls", None, True), ("http", None, None), ("mysql", True, True),
     ("https", False, False), (None, None, None)],
)  # fmt: skip
def test_connection_encrypted(
    protocol: str | None, tls: bool | None, encrypted: bool | None
) -> None:
    connection = Connection.model_validate(
        {"from": "a", "to": "b", "protocol": protocol, "tls": tls}
    )
    assert connection.encrypted is encrypted
    assert (connection.source, connection.target, connection.mode) == ("a", "b", "request")


def test_python_objects_are_checked_when_made() -> None:
    assert Compute(id="web").kind == "compute"  # the kind is the class's own
    assert Connection(source="a", target="b") == Connection.model_validate({"from": "a", "to": "b"})
    assert Compute(id="web", scaling={"min": 1, "max": 3}).scaling == Scaling(min=1, max=3)  # type: ignore[arg-type]
    for wrong in ({"id": "Web Tier"}, {"id": "w", "instances": "2"}, {"id": "w", "nodes": 2}):
        with pytest.raises(ValidationError):
            Compute(**wrong)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=re.escape("min (5) is greater than max (2)")):
        Scaling(min=5, max=2)


def test_model_is_immutable_and_finds_components() -> None:
    model = Model.model_validate(
        {"archgen": 1, "name": "m", "components": [{"id": "users", "kind": "client"}]}
    )
    assert model.component("users") is model.components[0]
    assert model.component("nobody") is None
    with pytest.raises(ValidationError, match="frozen"):
        model.name = "other"  # type: ignore[misc]
    moved = model.model_copy(update={"name": "other"})
    assert (model.name, moved.name) == ("m", "other")


def test_every_field_is_described() -> None:
    classes = [
        cls
        for cls in vars(schema).values()
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not schema.Strict
    ]
    undescribed = [
        f"{cls.__name__}.{name}"
        for cls in classes
        for name, info in cls.model_fields.items()
        if not info.description
    ]
    assert undescribed == []
