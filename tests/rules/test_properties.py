"""Properties over many generated models: rules never crash, are deterministic, and every
finding can be suppressed by naming it."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.load.loader import load_text
from archgen.rules import check, rule_classes
from archgen.rules.examples import complete

SUBNETS = ["public-a", "public-b", "app-a", "app-b", "data-a", "data-b"]
IDS = [f"c{i}" for i in range(8)]
RULE_IDS = {rule.id for rule in rule_classes()}


def _component(kind: str, draw: Any, index: int) -> dict[str, Any]:
    component: dict[str, Any] = {"id": IDS[index], "kind": kind}
    if kind in ("compute", "database", "cache", "load-balancer"):
        component["subnets"] = draw(st.lists(st.sampled_from(SUBNETS), max_size=2, unique=True))
    if kind == "compute":
        component["roles"] = draw(
            st.lists(st.sampled_from(["web", "app", "database", "worker", "batch"]),
                     min_size=1, max_size=3, unique=True)
        )  # fmt: skip
        if draw(st.booleans()):
            low = draw(st.integers(0, 3))
            component["scaling"] = {"min": low, "max": low + draw(st.integers(0, 3)) or 1}
        component["state"] = draw(st.sampled_from(["stateless", "sticky-sessions", "local-state"]))
        component["static_content"] = draw(st.booleans())
    if kind == "database":
        component["role"] = draw(st.sampled_from(["primary", "replica", "standalone"]))
        if index and draw(st.booleans()):
            component["replicates"] = IDS[draw(st.integers(0, index - 1))]
        if draw(st.booleans()):
            component["standby"] = draw(st.sampled_from(["eu-west-1a", "eu-west-1b"]))
        component["encrypted"] = draw(st.booleans())
    if kind == "cache":
        component["nodes"] = draw(st.integers(1, 3))
        component["source_of_truth"] = draw(st.booleans())
        if draw(st.booleans()):
            component["policy"] = {"ttl": draw(st.sampled_from(["0", "10m", "90d"]))}
    if kind == "cdn":
        component["origins"] = [IDS[0]]  # the first component is a load balancer
    return component


@st.composite
def models(draw: Any) -> str:
    kinds = ["client", "dns", "load-balancer", "compute", "database", "cache", "cdn", "queue"]
    count = draw(st.integers(2, len(IDS)))
    chosen = ["load-balancer"] + [draw(st.sampled_from(kinds)) for _ in range(count - 1)]
    components = [_component(kind, draw, i) for i, kind in enumerate(chosen)]
    ids = [c["id"] for c in components]
    # a replica may only name a database
    databases = {c["id"] for c in components if c["kind"] == "database"}
    for c in components:
        if c.get("replicates") not in (None, *databases):
            del c["replicates"]
    # exposure, so that the network rules (SEC009-SEC012) find something to judge
    sources = ["internet", "0.0.0.0/0", "10.0.0.0/8", "10.0.10.0/24", "cloudfront", *ids]
    for c in components:
        if draw(st.booleans()):
            c["ingress"] = [
                {"ports": draw(st.sampled_from([22, 443, 3306, "0-1024", "all"])),
                 "from": draw(st.sampled_from(sources))}
                for _ in range(draw(st.integers(1, 2)))
            ]  # fmt: skip
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10))
    connections, seen = [], set()
    for source, target in pairs:
        mode = draw(st.sampled_from(["request", "read", "write", "read-write", "async"]))
        if source != target and (source, target, mode) not in seen:
            seen.add((source, target, mode))
            protocol = draw(st.sampled_from(["http", "https", "tcp"]))
            connections.append({"from": source, "to": target, "mode": mode, "protocol": protocol})
    environments = [{"name": "production"}, {"name": "staging", "mirrors": "production"}]
    return complete(
        {"components": components, "connections": connections, "environments": environments}
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_rules_are_total_deterministic_and_suppressible(text: str) -> None:
    loaded = load_text(text, "m.yaml")
    first = check(loaded)
    assert first == check(load_text(text, "m.yaml"))
    assert all(f.rule in RULE_IDS and f.line >= 1 and f.column >= 1 for f in first)
    # suppress every finding by rule and component: nothing is left, nothing is unused
    entries = sorted({(f.rule, f.component) for f in first}, key=str)
    suppress = "suppress:\n" + "".join(
        f"  - {{rule: {rule}, reason: accepted{f', component: {c}' if c else ''}}}\n"
        for rule, c in entries
    )
    quiet = check(load_text(text + (suppress if entries else ""), "m.yaml"))
    assert quiet == []
