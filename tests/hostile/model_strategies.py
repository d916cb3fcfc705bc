"""Hypothesis strategies: random *valid* models (as plain data, ready for YAML), and
random mutations of model text.

Valid means the loader must accept the model: ids match the id pattern, every
reference points at something declared, counts are in range. Free text (titles,
labels, summaries, decisions) is drawn from every printable character and then some:
quotes, backslashes, markup, Markdown, newlines — the things that break outputs.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import strategies as st

from archgen.model.services import SERVICES

#: examples per property; raise it for a long run (`ARCHGEN_FUZZ_EXAMPLES=2000`)
EXAMPLES = int(os.environ.get("ARCHGEN_FUZZ_EXAMPLES", "0")) or None

KINDS = (
    "client",
    "dns",
    "load-balancer",
    "compute",
    "database",
    "cache",
    "cdn",
    "storage",
    "queue",
    "monitoring",
    "pipeline",
    "api",
    "identity",
    "firewall",
    "gateway",
    "workflow",
    "event-bus",
    "stream",
    "search",
    "secrets",
    "registry",
    "generic",
)
#: icons a generic component may name (checked against the installed `diagrams`)
ICONS = ("aws.ml.Sagemaker", "aws.analytics.GlueDataCatalog", "aws.iot.IotCore", "aws.security.KMS")
ENVIRONMENTS = ("production", "staging", "qa", "dev", "local")
#: rule ids a suppression may name (a sample of every pillar; an unknown one is exit 2)
RULE_IDS = ("SEC001", "SEC002", "REL001", "REL003", "PERF001", "PERF007", "OPS002", "OPS005")
#: fragments that have broken DOT, SVG, Mermaid, Markdown or HTML outputs somewhere
NASTY = (
    '"',
    "'",
    "\\",
    "<",
    ">",
    "&",
    "{",
    "}",
    "|",
    "[",
    "]",
    "`",
    "#",
    ";",
    "%",
    "\n",
    "\t",
    "<script>alert(1)</script>",
    "</svg>",
    "]]>",
    "<!--",
    "-->",
    "&amp;",
    "&#x3C;",
    "**bold**",
    "[link](javascript:alert(1))",
    "| a | b |",
    "```",
    "!!! danger",
    "{{ config }}",
    "{% raw %}",
    "\\N",
    "\\l",
    "-->|x|",
    "end",
    "click web call alert(1)",
    "é",
    "漢字",
    "🙂",
    "\u202e",
)

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
odd_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,20}", fullmatch=True)


def text(max_size: int = 120) -> st.SearchStrategy[str]:
    """Free text: printable characters mixed with the fragments in `NASTY`."""
    piece = st.one_of(
        st.sampled_from(NASTY),
        st.text(
            # U+FFFE and U+FFFF: XML forbids them, so the loader refuses a model with them
            st.characters(
                blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff"
            ),
            min_size=1,
            max_size=12,
        ),
    )
    return (
        st.lists(piece, min_size=1, max_size=8)
        .map("".join)
        .map(lambda s: s[:max_size])
        .filter(lambda s: s.strip() != "")
    )


@st.composite
def regions(draw: st.DrawFn) -> list[dict[str, Any]]:
    """0-2 regions with zones and subnets, names unique across the model."""
    count = draw(st.integers(0, 2))
    names = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    result = []
    for index, name in enumerate(names):
        zones = [f"{name}-z{i}" for i in range(draw(st.integers(1, 3)))]
        subnets = [
            {
                "name": f"{name}-s{i}",
                "zone": draw(st.sampled_from(zones)),
                "public": draw(st.booleans()),
            }
            for i in range(draw(st.integers(0, 4)))
        ]
        region: dict[str, Any] = {"name": name, "zones": zones}
        if subnets:
            region["networks"] = [{"name": f"vpc-{index}", "subnets": subnets}]
        result.append(region)
    return result


def _some(draw: st.DrawFn, items: list[str], most: int = 2) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), max_size=most, unique=True))


@st.composite
def component(
    draw: st.DrawFn,
    cid: str,
    kind: str,
    others: list[tuple[str, str]],
    subnets: list[str],
    zones: list[str],
    region_names: list[str],
    environments: list[str],
) -> dict[str, Any]:
    """One component of `kind` whose references all resolve."""
    item: dict[str, Any] = {"id": cid, "kind": kind}
    if SERVICES[kind] and draw(st.booleans()):
        item["service"] = draw(st.sampled_from(SERVICES[kind]))
    if draw(st.booleans()):
        item["label"] = draw(text(60))
    if draw(st.booleans()):
        item["description"] = draw(text())
    placed = _some(draw, subnets)
    if placed:
        item["subnets"] = placed
    elif region_names and draw(st.booleans()):
        item["region"] = draw(st.sampled_from(region_names))
    monitors = [o for o, k in others if k == "monitoring"]
    if monitors and draw(st.booleans()):
        item["monitoring"] = draw(st.sampled_from(monitors))
    if draw(st.booleans()):
        item["logging"] = draw(st.booleans())
    if kind == "compute":
        item["roles"] = draw(
            st.lists(st.sampled_from(["web", "app", "database", "worker", "batch"]), unique=True)
        )
        item["instances"] = draw(st.integers(1, 12))
        if draw(st.booleans()):
            low = draw(st.integers(0, 6))
            item["scaling"] = {
                "min": low,
                "max": draw(st.integers(max(low, 1), 20)),
                "metric": draw(st.sampled_from(["cpu", "requests", "queue-depth", "schedule"])),
            }
        if draw(st.booleans()):
            item["state"] = draw(st.sampled_from(["stateless", "sticky-sessions", "local-state"]))
        item["static_content"] = draw(st.booleans())
    elif kind == "database":
        databases = [o for o, k in others if k == "database"]
        item["role"] = draw(st.sampled_from(["primary", "replica", "standalone"]))
        if databases and draw(st.booleans()):
            item["replicates"] = draw(st.sampled_from(databases))
        if zones and draw(st.booleans()):
            item["standby"] = draw(st.sampled_from(zones))
        if draw(st.booleans()):
            item["backups"] = {"retention_days": draw(st.integers(0, 35))}
        item["encrypted"] = draw(st.booleans())
        if draw(st.booleans()):
            item["holds"] = draw(text(40))
    elif kind == "cache":
        item["nodes"] = draw(st.integers(1, 6))
        item["failover"] = draw(st.sampled_from(["automatic", "manual", "none"]))
        if draw(st.booleans()):
            item["policy"] = {
                "strategy": draw(st.sampled_from(["cache-aside", "read-through", "write-through"])),
                "ttl": draw(st.sampled_from(["0", "30s", "10m", "24h", "7d", "400d"])),
                "eviction": draw(st.sampled_from(["allkeys-lru", "noeviction", "fifo"])),
                "consistency": draw(st.sampled_from(["invalidate-on-write", "ttl-only"])),
                "rationale": draw(text()),
            }
        stores = [o for o, k in others if k in ("database", "storage")]
        item["backed_by"] = _some(draw, stores)
        item["source_of_truth"] = draw(st.booleans())
    elif kind == "cdn":
        origins = [o for o, _ in others]
        item["origins"] = _some(draw, origins, 3) or [draw(st.sampled_from(origins))]
        item["origin_failover"] = draw(st.booleans())
        if draw(st.booleans()):
            item["policy"] = {
                "ttl": draw(st.sampled_from(["1d", "5m", "0"])),
                "invalidation": draw(st.sampled_from(["api", "object-versioning"])),
            }
        item["waf"] = draw(st.booleans())
    elif kind == "load-balancer":
        if draw(st.booleans()):
            item["health_check"] = {"path": draw(text(30)), "interval": "15s"}
        item["sticky_sessions"] = draw(st.booleans())
    elif kind == "dns":
        item["routing"] = draw(st.sampled_from(["simple", "latency", "geo", "failover"]))
        item["health_checks"] = draw(st.booleans())
        if draw(st.booleans()):
            item["domain"] = draw(text(40))
    elif kind == "queue":
        if draw(st.booleans()):
            item["dead_letter"] = {"max_receives": draw(st.integers(1, 10))}
        item["fifo"] = draw(st.booleans())
    elif kind == "monitoring":
        item["alarms"] = draw(st.lists(text(40), max_size=3))
    elif kind == "pipeline":
        item["deploys_to"] = _some(draw, environments)
    elif kind == "generic":
        item["icon"] = draw(st.sampled_from(ICONS))
    elif kind == "firewall":
        item["protects"] = _some(draw, [o for o, _ in others], 2)
    elif kind == "stream" and others and draw(st.booleans()):
        item["on_failure"] = draw(st.sampled_from([o for o, _ in others]))
    elif kind == "search":
        item["nodes"] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        sources = ["internet", "cloudfront", "10.0.0.0/16", "::/0", *[o for o, _ in others]]
        item["ingress"] = [
            {
                "ports": draw(st.sampled_from([22, 443, 3389, "8080-8090", "all"])),
                "from": draw(st.sampled_from(sources)),
            }
            for _ in range(draw(st.integers(1, 3)))
        ]
    return item


@st.composite
def models(draw: st.DrawFn, *, odd_names: bool = False) -> dict[str, Any]:
    """A random valid model as plain data (dump it with `yaml.safe_dump`)."""
    the_regions = draw(regions())
    subnets = [s["name"] for r in the_regions for n in r.get("networks", []) for s in n["subnets"]]
    zones = [z for r in the_regions for z in r["zones"]]
    region_names = [r["name"] for r in the_regions]
    environments = draw(
        st.lists(st.sampled_from(ENVIRONMENTS), max_size=len(ENVIRONMENTS), unique=True)
    )
    # component ids must not collide with each other; region names may share them
    count = draw(st.integers(1, 9))
    id_strategy = odd_ids if odd_names else ids
    component_ids = draw(st.lists(id_strategy, min_size=count, max_size=count, unique=True))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=count, max_size=count))
    # a CDN needs an origin declared before it; make the first component never a CDN
    kinds = [("compute" if i == 0 and k == "cdn" else k) for i, k in enumerate(kinds)]
    components: list[dict[str, Any]] = []
    for cid, kind in zip(component_ids, kinds, strict=True):
        others = [(c["id"], c["kind"]) for c in components]
        components.append(
            draw(component(cid, kind, others, subnets, zones, region_names, environments))
        )
    pairs = [(a, b) for a in component_ids for b in component_ids if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10)) if pairs else []
    connections = []
    for source, target in chosen:
        connection: dict[str, Any] = {"from": source, "to": target}
        if draw(st.booleans()):
            connection["mode"] = draw(
                st.sampled_from(["request", "read", "write", "read-write", "async"])
            )
        if draw(st.booleans()):
            connection["protocol"] = draw(st.sampled_from(["http", "https", "tcp", "redis"]))
        if draw(st.booleans()):
            connection["label"] = draw(text(40))
        connections.append(connection)
    model: dict[str, Any] = {
        "archgen": 1,
        "name": draw(id_strategy),
        "regions": the_regions,
        "components": components,
        "connections": connections,
    }
    if draw(st.booleans()):
        model["stage"] = draw(st.integers(1, 9))
    if draw(st.booleans()):
        model["title"] = draw(text(80))
    if draw(st.booleans()):
        model["summary"] = draw(text(400))
    if environments:
        envs: list[dict[str, Any]] = [{"name": e} for e in environments]
        if "staging" in environments and "production" in environments and draw(st.booleans()):
            envs[environments.index("staging")]["mirrors"] = "production"
        model["environments"] = envs
    decisions = draw(st.lists(ids, unique=True, max_size=3))
    model["decisions"] = [
        {
            "id": d,
            "title": draw(text(60)),
            "decision": draw(text()),
            "context": draw(text()),
            "pros": draw(st.lists(text(40), max_size=2)),
            "cons": draw(st.lists(text(40), max_size=2)),
        }
        for d in decisions
    ]
    rules = draw(st.lists(st.sampled_from(RULE_IDS), unique=True, max_size=3))
    model["suppress"] = [
        {"rule": rule, "component": draw(st.sampled_from(component_ids)), "reason": draw(text())}
        if draw(st.booleans())
        else {"rule": rule, "reason": draw(text())}
        for rule in rules
    ]
    return model


MUTATIONS = ("delete", "duplicate", "swap-values", "indent", "dedent", "tab", "insert", "swap")
INSERTED = ":-[]{}#&*!|>'\"%@`,?\t\n\\ \x00\x07é"


@st.composite
def mutated(draw: st.DrawFn, source: str) -> str:
    """`source` after one to three random edits of its lines or characters."""
    lines = source.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        what = draw(st.sampled_from(MUTATIONS))
        at = draw(st.integers(0, len(lines) - 1))
        if what == "delete":
            del lines[at]
        elif what == "duplicate":
            lines.insert(at, lines[at])
        elif what == "indent":
            lines[at] = " " * draw(st.integers(1, 4)) + lines[at]
        elif what == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 4)) :]
        elif what == "tab":
            lines[at] = "\t" + lines[at].lstrip(" ")
        elif what == "insert":
            column = draw(st.integers(0, len(lines[at])))
            char = draw(st.sampled_from(INSERTED))
            lines[at] = lines[at][:column] + char + lines[at][column:]
        elif what == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:  # swap the values of two `key: value` lines
            keyed = [i for i, line in enumerate(lines) if ": " in line]
            if len(keyed) >= 2:
                first, second = draw(st.lists(st.sampled_from(keyed), min_size=2, max_size=2))
                a_key, a_value = lines[first].split(": ", 1)
                b_key, b_value = lines[second].split(": ", 1)
                lines[first], lines[second] = f"{a_key}: {b_value}", f"{b_key}: {a_value}"
    return "\n".join(lines)
