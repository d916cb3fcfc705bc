"""The table of service capabilities and AWS defaults: complete, sourced, honest."""

from __future__ import annotations

import typing
from dataclasses import fields

import pytest

from archgen.model.capabilities import (
    CAPABILITIES,
    PROTOCOL_ENCRYPTED,
    UNKNOWN,
    Capabilities,
    Fact,
    capabilities,
    protocol_encrypted,
)
from archgen.model.schema import Connection
from archgen.model.services import all_services

#: where a default's source may live: AWS's documentation and AWS's own knowledge centre
AWS_PAGES = ("https://docs.aws.amazon.com/", "https://repost.aws/")


def _facts(entry: Capabilities) -> list[tuple[str, Fact]]:
    found: list[tuple[str, Fact]] = []
    for field in fields(entry):
        value = getattr(entry, field.name)
        if isinstance(value, Fact):
            found.append((field.name, value))
        elif hasattr(value, "fact") and isinstance(value.fact, Fact):
            found.append((field.name, value.fact))
    return found


def test_every_service_has_an_entry() -> None:
    assert sorted(CAPABILITIES) == all_services()
    assert capabilities("no-such-service") is UNKNOWN


@pytest.mark.parametrize("service", sorted(CAPABILITIES))
def test_every_fact_names_an_aws_page(service: str) -> None:
    for _, fact in _facts(CAPABILITIES[service]):
        assert fact.source.title and fact.source.url.startswith(AWS_PAGES), fact
        assert f"(AWS: {fact.source.title})" in fact.cited


@pytest.mark.parametrize("service", sorted(CAPABILITIES))
def test_what_rules_act_on_is_verified(service: str) -> None:
    """A default the rules turn into a finding, or into silence, was read in AWS's
    documentation; an unconfirmed one leaves the default unknown."""
    entry = CAPABILITIES[service]
    acted_on = {"scaling_fact", "dead_letter_fact", "backups", "health_check", "access_logs"}
    acted_on |= {"multi_writer", "eviction"}
    if entry.at_rest.default is not None:
        acted_on.add("at_rest")
    if entry.failover in ("reader", "spread") or entry.zones_from_subnets:
        acted_on.add("failover_fact")
    for name, fact in _facts(entry):
        assert fact.verified or name not in acted_on, (service, name)


def test_unconfirmed_defaults_stay_unknown() -> None:
    sqs = capabilities("sqs").at_rest
    assert sqs.default is None and sqs.fact is not None and not sqs.fact.verified


def test_every_protocol_of_the_format_is_judged() -> None:
    annotation = Connection.model_fields["protocol"].annotation
    literal = next(a for a in typing.get_args(annotation) if typing.get_args(a))
    assert set(typing.get_args(literal)) <= set(PROTOCOL_ENCRYPTED)


@pytest.mark.parametrize(
    ("protocol", "encrypted"),
    [("https", True), ("ssh", True), ("http", False), ("mysql", False), ("grpc", None)],
)
def test_protocols_that_encrypt_by_themselves(protocol: str, encrypted: bool | None) -> None:
    assert protocol_encrypted(protocol) is encrypted
    assert protocol_encrypted(None) is None
