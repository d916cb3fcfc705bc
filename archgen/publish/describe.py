"""Plain-words descriptions of model parts for the pages (placement, capacity, policies).

Functions here turn typed model objects into short strings; templates escape them.
"""

from __future__ import annotations

from archgen.model.schema import Cache, Cdn, Compute, Connection, Database, Model, Override
from archgen.rules.operations import STANDARD_ENVIRONMENTS

PILLARS: dict[str, str] = {
    "security": "Security",
    "reliability": "Reliability",
    "performance": "Performance efficiency",
    "operations": "Operational excellence",
    "cost": "Cost optimisation",
    "sustainability": "Sustainability",
}

#: the environments the rules know by name (others are `custom`), in the pages' order
ENVIRONMENT_ORDER = STANDARD_ENVIRONMENTS


def as_written(value: object) -> str:
    """A model's value as YAML writes it (`true`, `[a, b]`, `10m`); `—` for none."""
    from archgen.diff.formats import show_value

    return "—" if value is None else show_value(value, limit=400)


def subnet_index(model: Model) -> dict[str, tuple[str, str, bool]]:
    """Subnet name → (region, zone, public)."""
    index: dict[str, tuple[str, str, bool]] = {}
    for region in model.regions:
        for network in region.networks:
            for subnet in network.subnets:
                index[subnet.name] = (region.name, subnet.zone, subnet.public)
    return index


def placement(model: Model, component: object, subnets: dict[str, tuple[str, str, bool]]) -> str:
    """Where a component runs: its subnets (public or private, zones) or its region."""
    names: list[str] = list(getattr(component, "subnets", []))
    if names:
        known = [subnets[n] for n in names if n in subnets]
        zones = sorted({zone for _, zone, _ in known})
        regions = sorted({region for region, _, _ in known})
        public = any(is_public for _, _, is_public in known)
        where = f"{'public' if public else 'private'} {', '.join(names)}"
        detail = f"{len(zones)} zone{'s' if len(zones) != 1 else ''}"
        if len(regions) > 1 or len(model.regions) > 1:
            detail += f", {', '.join(regions)}"
        standby = getattr(component, "standby", None)
        if standby:
            detail += f"; standby in {standby}"
        return f"{where} ({detail})"
    network = getattr(component, "network", None)  # a gateway attached to a VPC
    if network:
        return f"VPC {network}"
    region = getattr(component, "region", None)
    if region:
        return f"regional, {region}"
    kind = getattr(component, "kind", "")
    if kind == "client":
        return "internet"
    return "global / managed"


def capacity(component: object) -> str:
    """How much of it runs and how it scales."""
    if isinstance(component, Compute):
        if component.scaling is not None:
            scaling = component.scaling
            return f"auto-scaling {scaling.min}–{scaling.max} on {scaling.metric}"
        return f"{component.instances} instance{'s' if component.instances != 1 else ''}, fixed"
    if isinstance(component, Database):
        parts: list[str] = [component.role]
        if component.instances > 1:
            parts.append(f"×{component.instances}")
        if component.replicates:
            parts.append(f"of {component.replicates}")
        if component.standby:
            parts.append("multi-AZ standby")
        return " ".join(parts)
    if isinstance(component, Cache):
        failover = f", {component.failover} failover" if component.failover else ""
        return f"{component.nodes} node{'s' if component.nodes != 1 else ''}{failover}"
    if isinstance(component, Cdn):
        return f"{len(component.origins)} origin{'s' if len(component.origins) != 1 else ''}"
    return "—"


def override(change: Override) -> str:
    """How an environment changes a component: `1 instance; scaling 1–2 on cpu`."""
    parts: list[str] = []
    if change.service is not None:
        parts.append(f"service {change.service}")
    if change.instances is not None:
        parts.append(f"{change.instances} instance{'s' if change.instances != 1 else ''}")
    if change.nodes is not None:
        parts.append(f"{change.nodes} node{'s' if change.nodes != 1 else ''}")
    if change.scaling is not None:
        scaling = change.scaling
        parts.append(f"scaling {scaling.min}–{scaling.max} on {scaling.metric}")
    return "; ".join(parts) or "no change"


def roles(component: object) -> str:
    """The roles of a compute component, or empty."""
    return ", ".join(component.roles) if isinstance(component, Compute) else ""


def connection_how(connection: Connection) -> str:
    """`https · request`, `mysql · write · TLS`."""
    parts: list[str] = [p for p in (connection.protocol, connection.mode) if p]
    if connection.encrypted:
        parts.append("encrypted")
    elif connection.encrypted is False:
        parts.append("plaintext")
    return " · ".join(parts)


def name_of(model: Model, component_id: str) -> str:
    """A component's label, or its id."""
    component = model.component(component_id)
    return (component.label or component_id) if component is not None else component_id


def decision_title(model: Model, decision_id: str) -> str:
    """A decision's title, or its id."""
    for decision in model.decisions:
        if decision.id == decision_id:
            return decision.title
    return decision_id


def stage_range(numbers: list[str]) -> str:
    """`stage 4` or `stages 4–9` (numbers as the page shows them, in order)."""
    if len(numbers) == 1:
        return numbers[0]
    return f"{numbers[0]}–{numbers[-1]}"
