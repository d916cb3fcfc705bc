"""A model as a picture to draw: nested groups, one node per component, one edge per pair.

Both writers (DOT for Graphviz, Mermaid) draw the same `Scene`, so the two formats
always agree on what is grouped where and what each label says.

Subnets are grouped into *tiers* rather than drawn one box per subnet per zone: a
tier is the set of subnets that components span together (``app-a`` + ``app-c`` when
the web tier runs in both). A component spanning two zones then sits in exactly one
box, with its zones in its label, instead of being copied into each zone or drawn in
boxes that overlap. Graphviz clusters cannot overlap, so this is also what keeps the
layout valid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from archgen.model.schema import (
    Component,
    Connection,
    Firewall,
    Gateway,
    Layout,
    Model,
    Region,
    Subnet,
    View,
)
from archgen.model.views import combined, home_regions, tier_name, view_members
from archgen.render.labels import details, tooltip, zones_text
from archgen.rules.finding import Finding

GroupKind = Literal["root", "region", "vpc", "public", "private", "mixed"]
EdgeStyle = Literal["sync", "async", "replication", "monitoring", "origin", "protects"]
Mark = Literal["added", "removed", "changed", "finding"]
MARKS: tuple[str, ...] = ("added", "removed", "changed")


class SceneNode(NamedTuple):
    """One component as drawn."""

    id: str
    kind: str
    service: str
    title: str
    lines: tuple[str, ...]
    tooltip: str
    mark: Mark | None = None
    rules: tuple[str, ...] = ()
    #: (severity, rule, message) of each finding on it, for the interactive HTML
    findings: tuple[tuple[str, str, str], ...] = ()
    #: what watches it and links leaving a view: drawn small, under its details
    notes: tuple[str, ...] = ()


@dataclass
class SceneGroup:
    """A box: the whole diagram, a region, a VPC or a subnet tier."""

    key: str
    kind: GroupKind
    label: str
    groups: list[SceneGroup] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Whether nothing is drawn inside this group."""
        return not self.nodes and all(g.is_empty() for g in self.groups)


class SceneEdge(NamedTuple):
    """One arrow between two components (several connections of a pair are merged)."""

    source: str
    target: str
    label: str
    style: EdgeStyle
    constraint: bool = True
    #: the group the edge leaves from as a whole (monitoring of a whole tier), if any
    tail_group: str | None = None
    #: whether it leaves a VPC (for another, or for a regional or global service)
    leaves_network: bool = False
    #: a consumer reading a queue: laid out queue first, so work flows downwards
    consumes: bool = False


@dataclass
class Scene:
    """Everything a writer needs, in a stable order."""

    title: str
    nodes: dict[str, SceneNode]
    root: SceneGroup
    edges: list[SceneEdge]
    #: pairs drawn side by side (a WAF and what it protects): one rank, not a flow
    beside: list[tuple[str, str]] = field(default_factory=list)
    #: ``TB`` (requests flow downwards) or ``LR``
    direction: str = "TB"
    #: groups of components drawn on one rank, in order (the model's layout hints)
    same_rank: list[tuple[str, ...]] = field(default_factory=list)


class _Place(NamedTuple):
    region: Region
    network_index: int
    subnet: Subnet


def build_scene(
    model: Model,
    *,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
    highlight_findings: bool = True,
    view: View | None = None,
) -> Scene:
    """The scene of `model`, with `highlight` marks (diffs) and `findings` drawn on it.

    With a `view`, only the components it selects are drawn, with the connections among
    them; a connection to a component left out becomes a note on the one drawn
    ("links outside this view"), not an edge to nowhere.
    """
    layout = combined(model.layout, view.layout if view is not None else None)
    whole = model
    if view is not None:
        model = _part(model, view)
    title = model.title or model.name
    if view is not None:
        title = f"{title} · {view.title or view.name}"
    places = _places(model)
    root = SceneGroup("root", "root", title)
    networks = _networks(model)
    ids = {c.id for c in model.components}
    region_of_component = _region_of(model)
    tiers = _tiers(model, places)
    groups: dict[str, SceneGroup] = {}
    for region in model.regions:
        region_group = SceneGroup(f"r/{region.name}", "region", f"Region {region.name}")
        groups[region_group.key] = region_group
        root.groups.append(region_group)
        for index, network in enumerate(region.networks):
            label = f"VPC {network.name}" + (f" · {network.cidr}" if network.cidr else "")
            vpc = SceneGroup(f"v/{region.name}/{index}", "vpc", label)
            groups[vpc.key] = vpc
            region_group.groups.append(vpc)
            for tier_key, members in tiers.get((region.name, index), []):
                tier = SceneGroup(tier_key, _tier_kind(members), _tier_label(members, region))
                groups[tier_key] = tier
                vpc.groups.append(tier)
    tier_of_subnet = {
        subnet.name: key
        for tier_list in tiers.values()
        for key, members in tier_list
        for subnet in members
    }

    by_component: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.component is not None:
            by_component.setdefault(finding.component, []).append(finding)
    marks = highlight or {}
    notes = _notes_of(whole, model, layout)
    nodes: dict[str, SceneNode] = {}
    group_of: dict[str, SceneGroup] = {}
    for component in model.components:
        own = by_component.get(component.id, [])
        drawn_rules = tuple(
            sorted({f.rule for f in own if f.severity != "info"}) if highlight_findings else ()
        )
        mark: Mark | None = None
        if marks.get(component.id) in MARKS:
            mark = marks[component.id]  # type: ignore[assignment]
        elif drawn_rules:
            mark = "finding"
        home = region_of_component.get(component.id)
        nodes[component.id] = SceneNode(
            id=component.id,
            kind=component.kind,
            service=component.drawn_service,
            title=component.label or component.id,
            lines=(*details(component), *_zone_line(component, places, home)),
            tooltip=tooltip(component, _placement(component, places, home), own),
            mark=mark,
            rules=drawn_rules,
            findings=tuple((f.severity, f.rule, f.message) for f in own),
            notes=notes[component.id],
        )
        group = root
        attached = networks.get(component.id)
        if component.subnets and component.subnets[0] in tier_of_subnet:
            group = groups[tier_of_subnet[component.subnets[0]]]
        elif attached is not None and f"v/{attached}" in groups:
            group = groups[f"v/{attached}"]
        elif home is not None and f"r/{home.name}" in groups:
            group = groups[f"r/{home.name}"]
        elif _guarded(component, ids):
            continue  # placed beside what it protects, once that is placed
        group.nodes.append(component.id)
        group_of[component.id] = group
    beside = _place_beside(model, ids, group_of, root)

    network_of = {
        **networks,
        **{
            c.id: f"{places[c.subnets[0]].region.name}/{places[c.subnets[0]].network_index}"
            for c in model.components
            if c.subnets and c.subnets[0] in places
        },
    }
    edges = _edges(model, region_of_component, group_of, network_of, layout)
    same_rank = [
        tuple(i for i in group if i in nodes) for group in layout.same_rank if len(group) > 1
    ]
    return Scene(
        title,
        nodes,
        root,
        edges,
        beside,
        direction=layout.direction or "TB",
        same_rank=[group for group in same_rank if len(group) > 1],
    )


def _part(model: Model, view: View) -> Model:
    """`model` with only the components `view` selects and the connections among them."""
    members = set(view_members(model, view))
    return model.model_copy(
        update={
            "components": [c for c in model.components if c.id in members],
            "connections": [
                c for c in model.connections if c.source in members and c.target in members
            ],
        }
    )


#: the mark that starts a monitoring badge ("◉ CloudWatch (Seoul)"); the legend explains it
MONITORED = "◉"
#: names listed in a note on links leaving a view, before "+N"
NOTE_NAMES = 2


def _notes_of(whole: Model, drawn: Model, layout: Layout) -> dict[str, tuple[str, ...]]:
    """What each node says under its details: what monitors it (the badge that replaces
    a monitoring edge) and, in a view, the components it connects to outside the view.
    One pass over components and connections: large models stay linear."""
    labels = {c.id: c.label or c.id for c in whole.components}
    inside = {c.id for c in drawn.components}
    outside: dict[str, dict[str, None]] = {}
    if len(inside) != len(labels):
        for link in whole.connections:
            for end, other in ((link.source, link.target), (link.target, link.source)):
                if end in inside and other not in inside and other in labels:
                    outside.setdefault(end, {})[other] = None
    found: dict[str, tuple[str, ...]] = {}
    for component in drawn.components:
        notes: list[str] = []
        watcher = component.monitoring
        if layout.monitoring != "edges" and watcher in labels and watcher != component.id:
            logs = " · logs" if getattr(component, "logging", False) else ""
            notes.append(f"{MONITORED} {labels[watcher]}{logs}")
        names = [labels[i] for i in outside.get(component.id, {})]
        if names:
            more = f" +{len(names) - NOTE_NAMES}" if len(names) > NOTE_NAMES else ""
            notes.append(f"↔ outside: {', '.join(names[:NOTE_NAMES])}{more}")
        found[component.id] = tuple(notes)
    return found


def _guarded(component: Component, ids: set[str]) -> bool:
    """Whether a component is drawn beside another: a firewall in no subnet that
    protects a component of the model (a WAF, Shield; not a Network Firewall's
    endpoints, which sit in subnets on the traffic's way)."""
    return (
        isinstance(component, Firewall)
        and not component.subnets
        and any(p in ids and p != component.id for p in component.protects)
    )


def _place_beside(
    model: Model,
    ids: set[str],
    group_of: dict[str, SceneGroup],
    root: SceneGroup,
) -> list[tuple[str, str]]:
    """The pairs drawn side by side: each firewall that `_guarded` holds and the first
    component it protects, on one rank.

    One without a `region` of its own is put in the nearest box around what it protects
    that is not a VPC or a subnet: a WAF is not in the network it guards.
    """
    parents: dict[str, SceneGroup] = {}

    def walk(group: SceneGroup) -> None:
        for child in group.groups:
            parents[child.key] = group
            walk(child)

    walk(root)
    pairs: list[tuple[str, str]] = []
    for component in model.components:
        if not isinstance(component, Firewall) or not _guarded(component, ids):
            continue
        first = next(p for p in component.protects if p in ids and p != component.id)
        if component.id not in group_of:
            group = group_of.get(first, root)
            while group.kind in ("vpc", "public", "private", "mixed"):
                group = parents[group.key]
            group.nodes.append(component.id)
            group_of[component.id] = group
        pairs.append((component.id, first))
    return pairs


def _places(model: Model) -> dict[str, _Place]:
    return {
        subnet.name: _Place(region, index, subnet)
        for region in model.regions
        for index, network in enumerate(region.networks)
        for subnet in network.subnets
    }


def _networks(model: Model) -> dict[str, str]:
    """The VPC (``region/index``) of each gateway placed by `network:` and no subnet."""
    found: dict[str, str] = {}
    for component in model.components:
        if not isinstance(component, Gateway) or component.network is None:
            continue
        if component.subnets:
            continue
        for region in model.regions:
            if component.region not in (None, region.name):
                continue
            for index, network in enumerate(region.networks):
                if network.name == component.network:
                    found.setdefault(component.id, f"{region.name}/{index}")
    return found


def _region_of(model: Model) -> dict[str, Region]:
    """The region each placed component is in (`archgen.model.views.home_regions`)."""
    regions = {region.name: region for region in model.regions}
    return {component: regions[name] for component, name in home_regions(model).items()}


def _tiers(
    model: Model, places: Mapping[str, _Place]
) -> dict[tuple[str, int], list[tuple[str, list[Subnet]]]]:
    """Per VPC, the subnet tiers that hold components, in the order subnets are declared.

    Subnets are joined (union-find) when one component spans them within one VPC.
    """
    parent: dict[str, str] = {name: name for name in places}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    # subnets named alike (data-a, data-c) in one VPC, both public or both private,
    # are one tier even when no single component spans them
    by_stem: dict[tuple[str, int, bool, str], str] = {}
    for name, place in places.items():
        stem = _common_stem([name]) or name
        key = (place.region.name, place.network_index, place.subnet.public, stem)
        if key in by_stem:
            parent[find(name)] = find(by_stem[key])
        else:
            by_stem[key] = name

    used: set[str] = set()
    for component in model.components:
        subnets = [s for s in component.subnets if s in places]
        used.update(subnets)
        for other in subnets[1:]:
            first = places[subnets[0]]
            if (places[other].region.name, places[other].network_index) == (
                first.region.name,
                first.network_index,
            ):
                parent[find(other)] = find(subnets[0])

    used_roots = {find(name) for name in used}
    tiers: dict[tuple[str, int], list[tuple[str, list[Subnet]]]] = {}
    for region in model.regions:
        for index, network in enumerate(region.networks):
            members: dict[str, list[Subnet]] = {}
            for subnet in network.subnets:
                if find(subnet.name) in used_roots:
                    members.setdefault(find(subnet.name), []).append(subnet)
            tiers[(region.name, index)] = [
                (f"t/{region.name}/{index}/{subnets[0].name}", subnets)
                for subnets in members.values()
            ]
    return tiers


def _tier_kind(members: Sequence[Subnet]) -> GroupKind:
    if all(s.public for s in members):
        return "public"
    if not any(s.public for s in members):
        return "private"
    return "mixed"


def _tier_label(members: Sequence[Subnet], region: Region) -> str:
    """``private app subnets · 2 AZs`` from ``app-a``, ``app-c`` in two zones."""
    names = [s.name for s in members]
    stem = _common_stem(names)
    word = stem.rsplit("-", 1)[-1] if stem else ""
    if word.lower() in ("", "public", "private", "pub", "priv", "subnet", "subnets", "sn"):
        word = ""
    kind = {"public": "public", "private": "private", "mixed": "public + private"}
    noun = "subnets" if len(members) > 1 else "subnet"
    head = " ".join(part for part in (kind[_tier_kind(members)], word, noun) if part)
    zones = [z for z in region.zones if any(s.zone == z for s in members)]
    return f"{head} · {zones_text(zones, region)}"


def _common_stem(names: Sequence[str]) -> str:
    """The shared start of subnet names, cut at a word: ``app`` for ``app-a``, ``app-c``."""
    if len(names) == 1:
        return tier_name(names[0])
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    if "-" not in prefix:
        return ""
    return prefix[: prefix.rfind("-")]


def _zone_line(
    component: Component, places: Mapping[str, _Place], region: Region | None
) -> tuple[str, ...]:
    zones = [places[s].subnet.zone for s in component.subnets if s in places]
    if region is None or not zones:
        return ()
    ordered = [z for z in region.zones if z in zones]
    text = zones_text(ordered, region)
    standby = getattr(component, "standby", None)
    if isinstance(standby, str):
        text += f" · standby {zones_text([standby], region, bare=True)}"
    return (text,)


def _placement(component: Component, places: Mapping[str, _Place], home: Region | None) -> str:
    placed = [places[s] for s in component.subnets if s in places]
    if placed:
        first = placed[0]
        network = first.region.networks[first.network_index]
        subnets = ", ".join(p.subnet.name for p in placed)
        return f"{first.region.name} › {network.name} › {subnets}"
    if isinstance(component, Gateway) and component.network and home is not None:
        return f"{home.name} › {component.network}"
    if component.region:
        return component.region
    return "global"


def _edges(
    model: Model,
    region_of: Mapping[str, Region],
    group_of: Mapping[str, SceneGroup],
    network_of: Mapping[str, str],
    layout: Layout,
) -> list[SceneEdge]:
    """Connections merged per pair, then replication, CDN origins and monitoring links.

    Monitoring links are drawn only when the layout asks for them (`monitoring: edges`):
    by default each monitored node names its watcher in a note instead, as lines from
    every component to CloudWatch sweep across a large picture and say little. They
    leave a subnet tier once, from its box, whatever number of its
    components report to the same place: one faint line per tier, not a fan of them.
    """
    ids = {c.id for c in model.components}
    kinds = {c.id: c.kind for c in model.components}
    pairs: dict[tuple[str, str], list[Connection]] = {}
    for connection in model.connections:
        if connection.source in ids and connection.target in ids:
            pairs.setdefault((connection.source, connection.target), []).append(connection)

    def crosses(source: str, target: str) -> bool:
        a, b = region_of.get(source), region_of.get(target)
        return a is not None and b is not None and a.name != b.name

    def leaves(source: str, target: str) -> bool:
        # between two places inside regions (two VPCs, or a VPC and a regional service);
        # edges from global parts (users, DNS, CDN) come in from the top and stay plain
        inside = source in region_of and target in region_of
        return inside and network_of.get(source) != network_of.get(target)

    edges: list[SceneEdge] = []
    tier_links: set[tuple[str, str]] = set()
    for (source, target), connections in pairs.items():
        labels = list(dict.fromkeys(_connection_label(c) for c in connections))
        style: EdgeStyle = "async" if all(c.mode == "async" for c in connections) else "sync"
        label = " · ".join(label for label in labels if label)
        consumes = kinds.get(target) in ("queue", "stream") and all(
            c.mode == "read" for c in connections
        )
        edges.append(
            SceneEdge(
                source,
                target,
                label,
                style,
                leaves_network=leaves(source, target),
                consumes=consumes,
            )
        )
    for component in model.components:
        replicates = getattr(component, "replicates", None)
        if isinstance(replicates, str) and replicates in ids:
            # a replica sits a rank below its primary, also across regions: a label on
            # an edge that does not constrain the ranks is placed badly by dot
            label = "cross-region replication" if crosses(replicates, component.id) else ""
            far = leaves(replicates, component.id)
            edges.append(
                SceneEdge(replicates, component.id, label, "replication", leaves_network=far)
            )
        for origin in getattr(component, "origins", None) or []:
            if origin in ids and (component.id, origin) not in pairs:
                edges.append(SceneEdge(component.id, origin, "origin", "origin"))
        if isinstance(component, Firewall):
            for guarded in dict.fromkeys(component.protects):
                if (
                    guarded in ids
                    and guarded != component.id
                    and (component.id, guarded) not in pairs
                ):
                    edges.append(SceneEdge(component.id, guarded, "", "protects", False))
        watcher = component.monitoring
        if watcher is None or watcher not in ids or watcher == component.id:
            continue
        if layout.monitoring != "edges":
            continue
        group = group_of[component.id]
        if group.kind in ("public", "private", "mixed") and watcher not in group.nodes:
            if (group.key, watcher) in tier_links:
                continue
            tier_links.add((group.key, watcher))
            edges.append(SceneEdge(component.id, watcher, "", "monitoring", False, group.key))
        else:
            edges.append(SceneEdge(component.id, watcher, "", "monitoring", False))
    return edges


_PROTOCOLS = {
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "redis": "Redis",
    "memcached": "Memcached",
    "amqp": "AMQP",
    "grpc": "gRPC",
    "websocket": "WebSocket",
    "kafka": "Kafka",
}


def _connection_label(connection: Connection) -> str:
    if connection.label:
        return connection.label
    parts = []
    if connection.mode != "request":
        parts.append({"read-write": "read/write"}.get(connection.mode, connection.mode))
    if connection.protocol:
        parts.append(_PROTOCOLS.get(connection.protocol, connection.protocol.upper()))
    return " ".join(parts)
