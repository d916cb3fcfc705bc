"""Exposure in the model: port shapes, protocols and sources are checked where they are
written; security-group and source names against the whole model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from archgen.load.yaml_reader import parse_document
from archgen.model.exposure import IngressRule, port_range
from archgen.model.references import check_references
from archgen.model.schema import Model


def rule(data: dict[str, object]) -> IngressRule:
    return IngressRule.model_validate(data)


def problem(data: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as caught:
        rule(data)
    (error,) = caught.value.errors()
    return str(error["msg"])


@pytest.mark.parametrize(
    ("ports", "protocol", "expected"),
    [
        (443, "tcp", (443, 443)),
        ("8080-8090", "tcp", (8080, 8090)),
        ("all", "udp", (0, 65535)),
        (0, "tcp", (0, 0)),
        ("65535-65535", "tcp", (65535, 65535)),
        (None, "all", (0, 65535)),
        ("all", "all", (0, 65535)),
        (None, "icmp", (0, 65535)),
    ],
)
def test_port_shapes(ports: object, protocol: str, expected: tuple[int, int]) -> None:
    data = {"protocol": protocol, "from": "10.0.0.0/8"}
    if ports is not None:
        data["ports"] = ports
    assert rule(data).port_range == expected


def test_the_protocol_is_tcp_unless_said() -> None:
    assert rule({"ports": 22, "from": "internet"}).protocol == "tcp"
    assert port_range(None) == (0, 65535)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ports": "8090-8080"}, "port range 8090-8080 runs backwards: write 8080-8090"),
        ({"ports": 70000}, "port 70000 is out of range: ports go from 0 to 65535"),
        ({"ports": "1-70000"}, "port 70000 is out of range"),
        ({"ports": -1}, "port -1 is out of range"),
        ({"ports": "443"}, "write the port 443 without quotes"),
        ({"ports": "http"}, "'http' is not a port range"),
        ({"ports": True}, "expected a port such as 443"),
        ({"ports": 1.5}, "expected a port such as 443"),
        ({}, "which tcp ports?"),
        ({"ports": 22, "protocol": "all"}, "protocol all opens every port: write ports: all"),
        ({"ports": 8, "protocol": "icmp"}, "ICMP has no ports"),
    ],
)
def test_bad_ports(data: dict[str, object], message: str) -> None:
    assert message in problem({"from": "10.0.0.0/8", **data})


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("10.0.0.1/16", "is not a CIDR block such as 10.0.0.0/16 or ::/0 (host bits are set)"),
        ("10.0.0.0/33", "'10.0.0.0/33' is not a CIDR block"),
        ("10.0.0.5", "'10.0.0.5' is an address, not a CIDR block: write 10.0.0.5/32"),
        ("web tier", "is neither a CIDR block such as 10.0.0.0/16 nor a name"),
        ("", "is neither a CIDR block"),
        (443, "expected a CIDR block such as 10.0.0.0/16, internet, cloudfront"),
    ],
)
def test_bad_sources(source: object, message: str) -> None:
    assert message in problem({"ports": 443, "from": source})


@pytest.mark.parametrize("source", ["0.0.0.0/0", "::/0", "2001:db8::/32", "internet", "web-sg"])
def test_good_sources(source: str) -> None:
    assert rule({"ports": 443, "from": source}).source == source


HEAD = """\
archgen: 1
name: exposure
regions:
  - name: eu-west-1
    zones: [eu-west-1a]
    networks:
      - name: main
        subnets:
          - {name: app-a, zone: eu-west-1a, ingress: [{ports: 443, from: %s}]}
security_groups:
  - name: web-sg
    ingress: [{ports: 443, from: %s}]
components:
  - {id: users, kind: client}
  - {id: web, kind: compute, security_groups: [%s], ingress: [{ports: 22, from: %s}]}
"""


def _references(subnet: str, group: str, listed: str, own: str) -> list[tuple[object, str]]:
    text = HEAD % (subnet, group, listed, own)
    model = Model.model_validate(parse_document(text.encode(), "t.yaml").data)
    return list(check_references(model))


def test_every_kind_of_source_resolves() -> None:
    assert _references("internet", "cloudfront", "web-sg", "web-sg") == []
    assert _references("10.0.0.0/16", "users", "web-sg", "web") == []


def test_dangling_names_are_located_with_a_suggestion() -> None:
    found = _references("web-sgg", "wbe", "web-s", "nobody-at-all")
    assert sorted(found) == [
        (
            ("components", "web", "ingress", 0, "from"),
            "unknown source 'nobody-at-all' (expected one of: cloudfront, internet, users, "
            "web, web-sg)",
        ),
        (
            ("components", "web", "security_groups", 0),
            "unknown security group 'web-s' (did you mean 'web-sg'?)",
        ),
        (
            ("regions", "eu-west-1", "networks", 0, "subnets", 0, "ingress", 0, "from"),
            "unknown source 'web-sgg' (did you mean 'web-sg'?)",
        ),
        (
            ("security_groups", "web-sg", "ingress", 0, "from"),
            "unknown source 'wbe' (did you mean 'web'?)",
        ),
    ]


def test_a_name_that_is_both_a_group_and_a_component_is_ambiguous() -> None:
    text = (HEAD % ("web", "web", "web-sg", "web")).replace(
        "security_groups:\n", "security_groups:\n  - {name: web}\n"
    )
    model = Model.model_validate(parse_document(text.encode(), "t.yaml").data)
    messages = [message for _, message in check_references(model)]
    assert messages.count("'web' is both a security group and a component: rename one") == 3
