"""Cross-reference checks on a whole (extends-resolved) model.

Each problem is returned as a *semantic* path — ``("components", "web", "subnets", 0)``
— that the loader turns into a file, line and column, because after `extends` one
model's parts come from several files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import chain, islice

from archgen.common import did_you_mean
from archgen.model.exposure import INTERNET, PREFIX_LISTS, IngressRule, is_cidr
from archgen.model.schema import (
    Cache,
    Cdn,
    Compute,
    Database,
    Firewall,
    Gateway,
    Model,
    Pipeline,
    Stream,
)
from archgen.model.views import Layout, tiers_of, view_members

Key = tuple[str | int, ...]
Finding = tuple[Key, str]


#: "did you mean" searches per model: each compares the name with every known one
MAX_SUGGESTIONS = 20


class _Missing:
    """Words "unknown X 'name'" messages, suggesting a near miss for the first few only."""

    def __init__(self, budget: int = MAX_SUGGESTIONS) -> None:
        self.budget = budget

    def __call__(self, what: str, name: str, known: list[str]) -> str:
        if not known:
            return f"unknown {what} {name!r}: the model declares no {what}s"
        self.budget -= 1
        hint = did_you_mean(name, known) if self.budget >= 0 else ""
        return f"unknown {what} {name!r}{hint}"


#: problems reported per model: past this the rest would repeat the lesson, and each one
#: costs a "did you mean" search over every name (quadratic on big, broken models)
MAX_PROBLEMS = 100


def check_references(model: Model, limit: int = MAX_PROBLEMS) -> list[Finding]:
    """The dangling references and duplicate names in `model`, at most `limit` of them.

    The checks are generators, so problems past the limit are never worded.
    """
    found = list(islice(chain(_duplicates(model), _dangling(model, _Missing())), limit + 1))
    if len(found) > limit:
        stop = f"stopped after {limit} problems: fix these, then run again"
        found[limit:] = [(found[limit][0], stop)]
    return found


def _duplicates(model: Model) -> Iterator[Finding]:
    # Duplicate component ids, regions, environments and decisions are found per file by
    # the loader, which still knows both declarations; subnets and zones are checked here
    # because their names must be unique across the whole model.
    seen: dict[str, Key] = {}
    for region in model.regions:
        for ni, network in enumerate(region.networks):
            for si, subnet in enumerate(network.subnets):
                key: Key = ("regions", region.name, "networks", ni, "subnets", si, "name")
                if subnet.name in seen:
                    yield key, f"duplicate subnet {subnet.name!r}"
                seen[subnet.name] = key
        for zone, count in Counter(region.zones).items():
            if count > 1:
                yield ("regions", region.name, "zones"), f"zone {zone!r} is listed twice"
    earlier: set[tuple[str, str, str]] = set()  # a set: large models have many connections
    for index, connection in enumerate(model.connections):
        identity = (connection.source, connection.target, connection.mode)
        if identity in earlier:
            yield (
                ("connections", index),
                f"duplicate connection {connection.source} -> {connection.target}"
                f" ({connection.mode})",
            )
        earlier.add(identity)


def _dangling(model: Model, miss: _Missing) -> Iterator[Finding]:
    ids = [c.id for c in model.components]
    kinds = {c.id: c.kind for c in model.components}
    regions = [r.name for r in model.regions]
    zones = [z for r in model.regions for z in r.zones]
    subnet_names = [s.name for r in model.regions for n in r.networks for s in n.subnets]
    envs = [e.name for e in model.environments]
    # membership tests go to sets and dicts (`kinds` is keyed by id): O(1) on large models
    known_subnets = set(subnet_names)

    for region in model.regions:
        for ni, network in enumerate(region.networks):
            for si, subnet in enumerate(network.subnets):
                if subnet.zone not in region.zones:
                    yield (
                        ("regions", region.name, "networks", ni, "subnets", si, "zone"),
                        f"zone {subnet.zone!r} is not a zone of region {region.name!r}"
                        f"{did_you_mean(subnet.zone, region.zones)}",
                    )

    for c in model.components:
        for i, name in enumerate(c.subnets):
            if name not in known_subnets:
                yield ("components", c.id, "subnets", i), miss("subnet", name, subnet_names)
        if c.region is not None and c.region not in regions:
            yield ("components", c.id, "region"), miss("region", c.region, regions)
        if c.monitoring is not None:
            if c.monitoring not in kinds:
                yield ("components", c.id, "monitoring"), miss("component", c.monitoring, ids)
            elif kinds[c.monitoring] != "monitoring":
                yield (
                    ("components", c.id, "monitoring"),
                    f"{c.monitoring!r} is a {kinds[c.monitoring]}, not a monitoring component",
                )
        yield from _kind_references(c, ids, kinds, zones, envs, miss)
        yield from _network_reference(model, c, miss)

    yield from _exposure(model, ids, miss)
    yield from _views(model, ids, regions, miss)

    for index, connection in enumerate(model.connections):
        for end, name in (("from", connection.source), ("to", connection.target)):
            if name not in kinds:
                yield ("connections", index, end), miss("component", name, ids)
        if connection.source == connection.target:
            yield ("connections", index), f"connection from {connection.source!r} to itself"

    for env in model.environments:
        if env.mirrors is not None:
            if env.mirrors not in envs:
                yield (
                    ("environments", env.name, "mirrors"),
                    miss("environment", env.mirrors, envs),
                )
            elif env.mirrors == env.name:
                yield ("environments", env.name, "mirrors"), "an environment cannot mirror itself"
        for i, name in enumerate(env.runs or []):
            if name not in kinds:
                yield ("environments", env.name, "runs", i), miss("component", name, ids)
        for i, name in enumerate(env.regions or []):
            if name not in regions:
                yield ("environments", env.name, "regions", i), miss("region", name, regions)
        for name in env.overrides:
            if name not in kinds:
                yield (
                    ("environments", env.name, "overrides", name),
                    miss("component", name, ids),
                )

    decisions = [d.id for d in model.decisions]
    for decision in model.decisions:
        for i, name in enumerate(decision.supersedes):
            if name == decision.id:
                yield (
                    ("decisions", decision.id, "supersedes", i),
                    "a decision cannot supersede itself",
                )
            elif name not in decisions:
                yield ("decisions", decision.id, "supersedes", i), miss("decision", name, decisions)

    for index, suppression in enumerate(model.suppress):
        if suppression.component is not None and suppression.component not in kinds:
            yield (
                ("suppress", index, "component"),
                miss("component", suppression.component, ids),
            )


def _kind_references(
    c: object,
    ids: list[str],
    kinds: Mapping[str, str],
    zones: list[str],
    envs: list[str],
    miss: _Missing,
) -> Iterator[Finding]:
    if isinstance(c, Database):
        if c.replicates is not None:
            if c.replicates not in kinds:
                yield ("components", c.id, "replicates"), miss("component", c.replicates, ids)
            elif kinds[c.replicates] != "database":
                yield (
                    ("components", c.id, "replicates"),
                    f"{c.replicates!r} is a {kinds[c.replicates]}: a database replicates"
                    " a database",
                )
            elif c.replicates == c.id:
                yield ("components", c.id, "replicates"), "a database cannot replicate itself"
        if c.standby is not None and c.standby not in zones:
            yield ("components", c.id, "standby"), miss("zone", c.standby, zones)
    elif isinstance(c, Cache):
        for i, name in enumerate(c.backed_by):
            if name not in kinds:
                yield ("components", c.id, "backed_by", i), miss("component", name, ids)
    elif isinstance(c, Cdn):
        for i, name in enumerate(c.origins):
            if name not in kinds:
                yield ("components", c.id, "origins", i), miss("component", name, ids)
            elif name == c.id:
                yield ("components", c.id, "origins", i), "a CDN cannot be its own origin"
    elif isinstance(c, Pipeline):
        for i, name in enumerate(c.deploys_to):
            if name not in envs:
                yield ("components", c.id, "deploys_to", i), miss("environment", name, envs)
    elif isinstance(c, Firewall):
        for i, name in enumerate(c.protects):
            if name not in kinds:
                yield ("components", c.id, "protects", i), miss("component", name, ids)
            elif name == c.id:
                yield ("components", c.id, "protects", i), "a firewall cannot protect itself"
    elif isinstance(c, Stream | Compute) and c.on_failure is not None:
        if c.on_failure not in kinds:
            yield ("components", c.id, "on_failure"), miss("component", c.on_failure, ids)
        elif c.on_failure == c.id:
            what = "a stream" if isinstance(c, Stream) else "a function"
            yield ("components", c.id, "on_failure"), f"{what} cannot send failures to itself"


def _network_reference(model: Model, c: object, miss: _Missing) -> Iterator[Finding]:
    """A gateway's `network` names one VPC (in its `region`, when it gives one)."""
    if not isinstance(c, Gateway) or c.network is None:
        return
    regions = [r for r in model.regions if c.region is None or r.name == c.region]
    names = [n.name for r in regions for n in r.networks]
    holders = [r.name for r in regions if any(n.name == c.network for n in r.networks)]
    if not holders:
        yield ("components", c.id, "network"), miss("VPC", c.network, names)
    elif len(holders) > 1:
        yield (
            ("components", c.id, "network"),
            f"there is a VPC {c.network!r} in {', '.join(holders)}: give 'region' to say which",
        )


def _exposure(model: Model, ids: list[str], miss: _Missing) -> Iterator[Finding]:
    """Security groups listed by components, and every ingress rule's `from`."""
    groups = [g.name for g in model.security_groups]
    known_groups = set(groups)
    known_ids = set(ids)
    words = {INTERNET, *PREFIX_LISTS}
    sources = [*groups, *ids, *sorted(words)]

    def check(key: Key, rules: list[IngressRule]) -> Iterator[Finding]:
        for i, rule in enumerate(rules):
            name = rule.source
            if is_cidr(name):
                continue
            if name in known_groups and name in known_ids:
                yield (
                    (*key, "ingress", i, "from"),
                    f"{name!r} is both a security group and a component: rename one",
                )
            elif name not in known_groups and name not in known_ids and name not in words:
                message = miss("source", name, sources)
                if message == f"unknown source {name!r}":
                    message += (
                        ": not a CIDR block, internet, cloudfront, a security group or a component"
                    )
                yield (*key, "ingress", i, "from"), message

    for group in model.security_groups:
        yield from check(("security_groups", group.name), group.ingress)
    for c in model.components:
        for i, name in enumerate(c.security_groups):
            if name not in known_groups:
                yield (
                    ("components", c.id, "security_groups", i),
                    miss("security group", name, groups),
                )
        yield from check(("components", c.id), c.ingress)
    for region in model.regions:
        for ni, network in enumerate(region.networks):
            for si, subnet in enumerate(network.subnets):
                key: Key = ("regions", region.name, "networks", ni, "subnets", si)
                yield from check(key, subnet.ingress)


def _views(model: Model, ids: list[str], regions: list[str], miss: _Missing) -> Iterator[Finding]:
    """Every name a view or a layout hint gives is in the model, and a view draws something."""
    from archgen.model.kinds import COMPONENT_CLASSES

    kinds = [cls.kind_name() for cls in COMPONENT_CLASSES]
    tiers = tiers_of(model)
    known_ids = set(ids)

    def unknown(key: Key, names: list[str], what: str, choices: list[str]) -> Iterator[Finding]:
        known = set(choices)
        for i, name in enumerate(names):
            if name not in known:
                yield (*key, i), miss(what, name, choices)

    def same_rank(key: Key, layout: Layout | None) -> Iterator[Finding]:
        for gi, group in enumerate(layout.same_rank if layout is not None else []):
            yield from unknown((*key, "same_rank", gi), group, "component", ids)

    yield from same_rank(("layout",), model.layout)
    for view in model.views:
        key: Key = ("views", view.name)
        found = [
            *unknown((*key, "regions"), view.regions, "region", regions),
            *unknown((*key, "tiers"), view.tiers, "tier", tiers),
            *unknown((*key, "kinds"), view.kinds, "kind", kinds),
            *unknown((*key, "components"), view.components, "component", ids),
            *unknown((*key, "exclude"), view.exclude, "component or kind", [*ids, *kinds]),
        ]
        if view.path_from is not None and view.path_from not in known_ids:
            found.append(((*key, "from"), miss("component", view.path_from, ids)))
        yield from found  # the loader sorts every problem by its place in the file
        yield from same_rank((*key, "layout"), view.layout)
        if not found and not view_members(model, view):
            yield key, f"view {view.name!r} selects no component: its selectors leave none"
