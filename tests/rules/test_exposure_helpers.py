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


LAYERS = """\
archgen: 1
name: layers
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: main
        cidr: 10.0.0.0/16
        subnets:
          - name: pub-a
            zone: eu-west-1a
            public: true
            cidr: 10.0.0.0/24
            ingress:
              - {ports: 0-1023, from: internet}
              - {ports: 1024-65535, from: 0.0.0.0/0}
              - {ports: all, protocol: all, from: 10.0.0.0/16}
          - {name: pub-b, zone: eu-west-1b, public: true, cidr: 10.0.1.0/24}
          - name: app-a
            zone: eu-west-1a
            cidr: 10.0.10.0/24
            ingress: [{ports: 443, from: 10.0.0.0/24}]
security_groups:
  - name: web-sg
    ingress:
      - {ports: all, protocol: all, from: internet}
      - {ports: 8080, from: 10.0.0.0/20}
components:
  - {id: edge, kind: compute, subnets: [pub-a], security_groups: [web-sg]}
  - {id: both, kind: compute, subnets: [pub-a, pub-b], security_groups: [web-sg]}
  - {id: bare, kind: compute, subnets: [pub-a]}
  - {id: inner, kind: compute, subnets: [app-a], security_groups: [web-sg]}
"""


def _layers() -> Context:
    return Context(load_text(LAYERS).model)


def _seen(ctx: Context, component: str) -> list[tuple[str, str, str, str]]:
    return [
        (o.traffic, o.source, o.declared_by, o.key[0])
        for o in ctx.exposure.effective(ctx.components[component])
    ]


def test_what_gets_through_is_what_both_layers_let_in() -> None:
    ctx = _layers()
    assert _seen(ctx, "edge") == [
        ("ports 0-1023", "internet", "security group web-sg", "security_groups"),
        ("ports 1024-65535", "internet", "security group web-sg", "security_groups"),
        ("every protocol and port", "10.0.0.0/16", "security group web-sg", "security_groups"),
        ("port 8080", "10.0.0.0/20", "security group web-sg", "security_groups"),
    ]
    # the narrower source wins, and the rule to change stays the component's own
    assert _seen(ctx, "inner") == [
        ("port 443", "10.0.0.0/24", "security group web-sg", "security_groups"),
    ]


def test_a_subnet_without_rules_lets_a_components_own_openings_through() -> None:
    ctx = _layers()
    web_sg = ctx.exposure.openings(ctx.components["both"])
    assert ctx.exposure.effective(ctx.components["both"])[: len(web_sg)] == web_sg


def test_a_subnet_rule_stands_for_a_bare_component_only_where_it_names_ports() -> None:
    ctx = _layers()
    # not the ephemeral range a stateless ACL opens for replies, nor every port
    assert _seen(ctx, "bare") == [("ports 0-1023", "internet", "subnet pub-a", "regions")]
    rules = ctx.exposure.subnet_openings(ctx.components["bare"])["pub-a"]
    assert [o.names_ports for o in rules] == [True, False, False]
    assert [o.all_ports for o in rules] == [False, False, True]


def test_breadth_says_why_a_source_is_wider_than_one_tier() -> None:
    ctx = _layers()
    exposure = ctx.exposure

    def breadth(source: str) -> str | None:
        (opening,) = Context(
            load_text(LAYERS.replace("from: 10.0.0.0/20", f"from: {source}")).model
        ).exposure.openings(ctx.components["inner"])[1:]
        return exposure.breadth(opening)

    assert breadth("10.0.0.0/8") == "covers the whole VPC main (10.0.0.0/16)"
    assert breadth("10.0.0.0/23") == "covers public subnet pub-a (10.0.0.0/24)"
    assert breadth("10.0.10.0/24") is None  # the app subnet: one tier
    assert breadth("172.16.0.0/16") == "is a /16, as wide as a whole VPC or wider"
    assert breadth("172.16.0.0/17") is None
    assert breadth("198.51.100.7/32") == "holds public addresses, outside every VPC"
    assert breadth('"2001:db8::/56"') == "is a /56, as wide as a whole VPC or wider"
    assert breadth('"2001:db8::/64"') is None
    assert breadth("cloudfront") == (
        "is the cloudfront prefix list, whose addresses every distribution shares"
    )
    assert breadth("web-sg") is None and breadth("internet") is None
