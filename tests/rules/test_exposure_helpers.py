"""`Context.exposure`: who may reach a component, on which ports, from where."""

from __future__ import annotations

from archgen.load.loader import load_text
from archgen.rules.context import Context

MODEL = """\
archgen: 1
name: exposure
regions:
  - name: eu-west-1
    zones: [eu-west-1a]
    networks:
      - name: main
        subnets:
          - {name: pub-a, zone: eu-west-1a, public: true}
          - {name: data-a, zone: eu-west-1a, ingress: [{ports: 3306, from: 10.0.1.0/24}]}
security_groups:
  - name: alb-sg
    ingress: [{ports: 443, from: cloudfront}, {ports: 80, from: "::/0"}]
  - name: app-sg
    ingress:
      - {ports: 8080-8090, from: alb-sg}
      - {ports: 22, from: internet}
      - {ports: all, protocol: all, from: 10.0.0.0/16}
components:
  - {id: users, kind: client}
  - {id: alb, kind: load-balancer, subnets: [pub-a], security_groups: [alb-sg]}
  - {id: web, kind: compute, security_groups: [app-sg], ingress: [{ports: 3389, from: users}]}
  - {id: db, kind: database, subnets: [data-a], ingress: [{ports: 3306, from: web}]}
  - {id: cache, kind: cache}
"""


def _context() -> Context:
    return Context(load_text(MODEL).model)


def test_openings_are_the_groups_rules_then_the_components_own() -> None:
    ctx = _context()
    web = ctx.components["web"]
    openings = ctx.exposure.openings(web)
    assert [(o.ports, o.protocol, o.source, o.source_kind, o.via) for o in openings] == [
        ("8080-8090", "tcp", "alb-sg", "security-group", "app-sg"),
        ("22", "tcp", "internet", "internet", "app-sg"),
        ("all", "all", "10.0.0.0/16", "cidr", "app-sg"),
        ("3389", "tcp", "users", "internet", ""),  # a client is the internet
    ]
    assert [o.key for o in openings[1:]] == [
        ("security_groups", "app-sg", "ingress", 1),
        ("security_groups", "app-sg", "ingress", 2),
        ("components", "web", "ingress", 0),
    ]


def test_who_can_reach_a_port() -> None:
    ctx = _context()
    exposure = ctx.exposure
    web = ctx.components["web"]
    ssh = exposure.reachable_on(web, 22)
    assert [o.source for o in ssh] == ["internet", "10.0.0.0/16"]
    assert [o.from_internet for o in ssh] == [True, False]
    assert [o.all_traffic for o in ssh] == [False, True]
    assert [o.source for o in exposure.reachable_on(web, 53, "udp")] == ["10.0.0.0/16"]
    alb = ctx.components["alb"]
    assert [(o.source_kind, o.from_internet) for o in exposure.openings(alb)] == [
        ("prefix-list", False),
        ("cidr", True),
    ]


def test_sources_by_name_lead_to_components() -> None:
    ctx = _context()
    exposure = ctx.exposure
    first = exposure.openings(ctx.components["web"])[0]
    assert exposure.source_components(first) == ["alb"]
    (from_web,) = exposure.openings(ctx.components["db"])
    assert exposure.source_components(from_web) == ["web"]
    assert exposure.members("app-sg") == ["web"]


def test_a_component_without_groups_or_ingress_declares_nothing() -> None:
    ctx = _context()
    assert ctx.exposure.declares(ctx.components["db"])
    assert not ctx.exposure.declares(ctx.components["cache"])
    assert ctx.exposure.openings(ctx.components["cache"]) == []


def test_subnet_rules_are_asked_for_apart() -> None:
    ctx = _context()
    rules = ctx.exposure.subnet_openings(ctx.components["db"])
    assert [(name, [(o.ports, o.source) for o in found]) for name, found in rules.items()] == [
        ("data-a", [("3306", "10.0.1.0/24")])
    ]
    assert ctx.exposure.subnet_openings(ctx.components["alb"]) == {}
