"""The typed model: strictness, defaults and the small helpers rules rely on."""

from __future__ import annotations

import pytest

from archgen.model.decode import DecodeError, decode
from archgen.model.schema import Component, Connection, Model, duration_seconds
from archgen.model.services import SERVICES, all_services


def component(data: dict[str, object]) -> Component:
    result: Component = decode(Component, data)
    return result


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0", 0), ("45", 45), ("30s", 30), ("10m", 600), ("24h", 86400), ("7d", 604800)],
)
def test_duration_seconds(text: str, seconds: int) -> None:
    assert duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "10 minutes", "1w", "-5s", "05m", "1.5h"])
def test_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError):
        duration_seconds(text)


def test_kinds_have_their_defaults() -> None:
    cache = component({"id": "c", "kind": "cache"})
    assert (cache.kind, cache.nodes, cache.drawn_service) == ("cache", 1, "elasticache-redis")
    web = component({"id": "w", "kind": "compute"})
    assert (web.roles, web.instances, web.scaling, web.drawn_service) == (["app"], 1, None, "ec2")
    assert component({"id": "d", "kind": "database"}).role == "standalone"


def test_every_kind_has_a_class_and_a_default_service() -> None:
    for kind, services in SERVICES.items():
        item = component(
            {"id": "x", "kind": kind, "origins": ["y"]}
            if kind == "cdn"
            else {"id": "x", "kind": kind}
        )
        assert item.kind_name() == kind and item.drawn_service == services[0]
    assert len(all_services()) == len({s for v in SERVICES.values() for s in v})


@pytest.mark.parametrize(
    "data",
    [
        {"id": "c", "kind": "cache", "nodes": "2"},  # strict: no coercion from text
        {"id": "c", "kind": "cache", "nodes": 2.0},
        {"id": "w", "kind": "compute", "nodes": 2},  # a cache's key on a compute
        {"id": "w", "kind": "compute", "scaling": {"min": 5, "max": 2}},
        {"id": "w", "kind": "compute", "service": "rds-mysql"},
        {"id": "Web Tier", "kind": "compute"},
        {"id": "c", "kind": "cache", "policy": {"ttl": "soon"}},
        {"id": "n", "kind": "cdn", "origins": []},
    ],
)
def test_strictness(data: dict[str, object]) -> None:
    with pytest.raises(DecodeError):
        component(data)


@pytest.mark.parametrize(
    ("protocol", "tls", "encrypted"),
    [("https", None, True), ("tls", None, True), ("http", None, None), ("mysql", True, True),
     ("https", False, False), (None, None, None)],
)  # fmt: skip
def test_connection_encrypted(
    protocol: str | None, tls: bool | None, encrypted: bool | None
) -> None:
    connection = decode(Connection, {"from": "a", "to": "b", "protocol": protocol, "tls": tls})
    assert connection.encrypted is encrypted
    assert (connection.source, connection.target, connection.mode) == ("a", "b", "request")


def test_model_is_immutable_and_finds_components() -> None:
    model = decode(
        Model, {"archgen": 1, "name": "m", "components": [{"id": "users", "kind": "client"}]}
    )
    assert model.component("users") is model.components[0]
    assert model.component("nobody") is None
    with pytest.raises(AttributeError, match="immutable"):
        model.name = "other"  # type: ignore[misc]
