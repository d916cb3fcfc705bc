"""What rules ask of a model, computed once: placement, zones, regions, connections, graph.

Rules stay tiny because the questions they share (which zones does this component
cover? is it public? does it run in production?) are answered here, once per model.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from archgen.model.schema import (
    Cache,
    ComponentBase,
    Compute,
    Connection,
    Database,
    Environment,
    Model,
    Subnet,
)
from archgen.model.services import MANAGED_MULTI_AZ

if TYPE_CHECKING:
    from archgen.model.schema import Component
    from archgen.rules.exposure import Exposure
    from archgen.rules.graph import DesignGraph

_C = TypeVar("_C", bound=ComponentBase)


def listed(names: list[str], shown: int = 3) -> str:
    """``a, b, c`` or ``a, b, c and 7 more``: a message stays one line on large models."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


#: kinds the internet touches just by existing
ALWAYS_PUBLIC_KINDS = ("dns", "cdn")
#: kinds that hold the data a request path leads to
DATA_TIER_KINDS = ("database", "cache", "queue", "storage")
#: connection modes that wait for an answer
SYNCHRONOUS_MODES = ("request", "read", "write", "read-write")
WRITE_MODES = ("write", "read-write")
READ_MODES = ("request", "read", "read-write")


class Context:
    """A model seen by the rules."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.components: dict[str, Component] = {c.id: c for c in model.components}
        self.kinds: dict[str, str] = {c.id: c.kind for c in model.components}
        self.subnets: dict[str, tuple[Subnet, str]] = {
            subnet.name: (subnet, region.name)
            for region in model.regions
            for network in region.networks
            for subnet in network.subnets
        }
        self._of_kind: dict[type, list[Component]] = {}
        self.outgoing: dict[str, list[tuple[int, Connection]]] = defaultdict(list)
        self.incoming: dict[str, list[tuple[int, Connection]]] = defaultdict(list)
        for index, connection in enumerate(model.connections):
            self.outgoing[connection.source].append((index, connection))
            self.incoming[connection.target].append((index, connection))

    @property
    def stage(self) -> int | None:
        """The model's journey stage, if declared."""
        return self.model.stage

    def of_kind(self, kind: type[_C]) -> list[_C]:
        """Components of one class (`Cache`, `Database`, …), in model order."""
        if kind not in self._of_kind:
            self._of_kind[kind] = [c for c in self.model.components if isinstance(c, kind)]
        return self._of_kind[kind]  # type: ignore[return-value]

    def kind(self, component_id: str) -> str:
        """The kind of a component (empty for an unknown id)."""
        return self.kinds.get(component_id, "")

    def zones(self, component: Component) -> set[str]:
        """Zones a component covers: those of its subnets, plus a database's standby zone."""
        zones = {self.subnets[s][0].zone for s in component.subnets if s in self.subnets}
        if isinstance(component, Database) and component.standby is not None:
            zones.add(component.standby)
        return zones

    def subnet_zones(self, component: Component) -> set[str]:
        """Zones of the component's own subnets only."""
        return {self.subnets[s][0].zone for s in component.subnets if s in self.subnets}

    def region(self, component: Component) -> str | None:
        """The region a component lives in: declared, or that of its subnets."""
        if component.region is not None:
            return component.region
        for name in component.subnets:
            if name in self.subnets:
                return self.subnets[name][1]
        return None

    def in_public_subnet(self, component: Component) -> bool:
        """Whether any of the component's subnets routes to the internet."""
        return any(s in self.subnets and self.subnets[s][0].public for s in component.subnets)

    def is_public(self, component: Component) -> bool:
        """Whether the internet touches the component directly."""
        return (
            component.kind in ALWAYS_PUBLIC_KINDS
            or (isinstance(component, Compute | Database) and component.public)
            or self.in_public_subnet(component)
        )

    def capacity(self, compute: Compute) -> int:
        """Instances a compute tier always runs: its scaling minimum, else its count."""
        return compute.scaling.min if compute.scaling is not None else compute.instances

    def is_redundant(self, component: Component) -> bool:
        """Whether losing one instance or one zone leaves the component serving."""
        if component.drawn_service in MANAGED_MULTI_AZ:
            return True
        zones = len(self.zones(component))
        if isinstance(component, Compute):
            return self.capacity(component) >= 2 and zones >= 2
        if isinstance(component, Database):
            # a replica's reads fall back to its source (or a sibling) when it fails
            return (
                component.standby is not None
                or component.replicates is not None
                or component.drawn_service.startswith(("aurora", "dynamodb"))
            )
        if isinstance(component, Cache):
            return component.nodes >= 2 and component.failover == "automatic"
        if component.kind == "load-balancer":
            return zones >= 2
        return False

    @cached_property
    def production(self) -> Environment | None:
        """The production environment, if the model declares one."""
        for environment in self.model.environments:
            if environment.name == "production":
                return environment
        return None

    def in_production(self, component: Component) -> bool:
        """Whether production runs the component (a model without environments is production)."""
        if not self.model.environments:
            return True
        production = self.production
        if production is None:
            return False
        return production.runs is None or component.id in production.runs

    @cached_property
    def graph(self) -> DesignGraph:
        """The model as one graph (built on first use; imports rustworkx then)."""
        from archgen.rules.graph import DesignGraph

        return DesignGraph(self)

    @cached_property
    def exposure(self) -> Exposure:
        """Who may reach each component, on which ports, from where (security groups
        and `ingress:`; see `archgen.rules.exposure`)."""
        from archgen.rules.exposure import Exposure

        return Exposure(self.model)
