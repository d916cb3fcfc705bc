"""What rules ask of a model, computed once: placement, zones, regions, connections, graph.

Rules stay tiny because the questions they share (which zones does this component
cover? is it public? does it run in production?) are answered here, once per model.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from archgen.model.capabilities import Capabilities, capabilities, protocol_encrypted
from archgen.model.schema import (
    Cache,
    Cdn,
    ComponentBase,
    Compute,
    Connection,
    Database,
    Environment,
    LoadBalancer,
    Model,
    Search,
    Subnet,
)

if TYPE_CHECKING:
    from archgen.model.schema import Component
    from archgen.rules.exposure import Exposure
    from archgen.rules.graph import DesignGraph

_C = TypeVar("_C", bound=ComponentBase)


def listed(names: list[str], shown: int = 3) -> str:
    """``a, b, c`` or ``a, b, c and 7 more``: a message stays one line on large models."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def article(name: str) -> str:
    """``a Network Load Balancer``, ``an Aurora``: the name with its indefinite article."""
    return f"{'an' if name[:1].upper() in 'AEIOU' else 'a'} {name}"


def encrypted_in_transit(connection: Connection) -> bool | None:
    """Whether a connection is encrypted in transit: its `tls:` if given, else what its
    protocol does by itself (ssh and https always, mysql or tcp never; None: unknown)."""
    if connection.tls is not None:
        return connection.tls
    return protocol_encrypted(connection.protocol)


#: kinds the internet touches just by existing
ALWAYS_PUBLIC_KINDS = ("dns", "cdn")
#: kinds that hold the data a request path leads to
DATA_TIER_KINDS = ("database", "cache", "queue", "storage", "stream", "search")
#: kinds whose deliveries happen after the sender is answered
ASYNC_KINDS = ("queue", "stream", "event-bus")
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
        self.replicas: dict[str, list[Database]] = defaultdict(list)
        for component in model.components:
            if isinstance(component, Database) and component.replicates is not None:
                self.replicas[component.replicates].append(component)

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
        """Whether the internet touches the component directly (a load balancer's
        `scheme`, when declared, says so whatever its subnets)."""
        if isinstance(component, LoadBalancer) and component.scheme is not None:
            return component.scheme == "internet-facing"
        return (
            component.kind in ALWAYS_PUBLIC_KINDS
            or (isinstance(component, Compute | Database) and component.public)
            or self.in_public_subnet(component)
        )

    def capacity(self, compute: Compute) -> int:
        """Instances a compute tier always runs: its scaling minimum, else its count."""
        return compute.scaling.min if compute.scaling is not None else compute.instances

    @staticmethod
    def service(component: Component) -> Capabilities:
        """What the component's AWS service does by itself (`archgen/model/capabilities.py`)."""
        return capabilities(component.drawn_service)

    def readers(self, db: Database) -> list[str]:
        """An Aurora cluster's failover targets: its other instances, and the replicas of it
        in its own region (Aurora Replicas); a replica in another region is not one."""
        home = self.region(db)
        readers = [f"{db.id} instance {n}" for n in range(2, db.cluster_size + 1)]
        readers += [r.id for r in self.replicas[db.id] if self.region(r) in (home, None)]
        return readers

    def has_failover_target(self, db: Database) -> bool:
        """Whether something takes over the writer's work when it fails: a Multi-AZ
        standby (RDS), a reader (Aurora), or AWS itself (DynamoDB)."""
        failover = self.service(db).failover
        if failover == "managed":
            return True
        if failover == "reader":
            return db.standby is not None or bool(self.readers(db))
        return db.standby is not None

    def is_redundant(self, component: Component) -> bool:
        """Whether losing one instance or one zone leaves the component serving."""
        if component.kind == "generic":
            return True  # what an icon stands for is not known: no rule guesses
        service = self.service(component)
        zones = len(self.zones(component))
        if service.failover in ("managed", "outside"):
            # a managed service placed in subnets (Lambda in a VPC) runs only in their zones
            return not (service.zones_from_subnets and component.subnets and zones < 2)
        if isinstance(component, Database):
            # a replica's reads fall back to its source (or a sibling) when it fails
            return component.replicates is not None or self.has_failover_target(component)
        if isinstance(component, Cache):
            if service.failover == "spread":  # Memcached: no failover, keys spread over zones
                return component.nodes >= 2 and zones >= 2
            return component.nodes >= 2 and component.failover == "automatic"
        if isinstance(component, Compute):
            enough = self.capacity(component) >= 2
            return enough and (zones >= 2 or service.failover == "instances")
        if isinstance(component, Search):
            return component.nodes >= 2 and zones >= 2
        if component.kind in ("load-balancer", "gateway", "stream", "queue", "storage"):
            # a node, NAT gateway, broker or file system per zone (not an EBS volume)
            return zones >= 2 and service.failover == "copies" and component.drawn_service != "ebs"
        return False

    def encrypted(self, connection: Connection) -> bool | None:
        """Whether a connection is encrypted in transit: its `tls:` or protocol
        (`encrypted_in_transit`), or the callee's endpoint, which may encrypt every
        connection by itself (DynamoDB, Keyspaces)."""
        declared = encrypted_in_transit(connection)
        if declared is not None:
            return declared
        target = self.components.get(connection.target)
        if target is not None and self.service(target).in_transit is not None:
            return True
        return None

    def emitted_by_store(self, connection: Connection) -> bool:
        """Whether a data store sends this by itself, after the write that caused it has
        been answered: an S3 event notification, replication or access log, a DynamoDB
        stream (an `async` connection from storage or a database)."""
        source = self.components.get(connection.source)
        return (
            source is not None
            and source.kind in ("storage", "database")
            and connection.mode == "async"
        )

    def delivers_logs(self, connection: Connection) -> bool:
        """Whether this is a load balancer or CDN writing its access logs: to storage that
        is not its origin (AWS's own transfer, not a request)."""
        source, target = (
            self.components.get(connection.source),
            self.components.get(connection.target),
        )
        if source is None or target is None or target.kind != "storage":
            return False
        if source.kind == "cdn":
            return isinstance(source, Cdn) and target.id not in source.origins
        return source.kind == "load-balancer"

    def on_request_path(self, connection: Connection) -> bool:
        """Whether a request waits for this connection.

        Not: what a queue, stream or event bus delivers (its consumers work after the
        answer), an `async` call of anything else (putting a message on a queue, stream
        or bus is itself waited for), what a data store emits by itself (S3 event
        notifications, replication, a DynamoDB stream: `emitted_by_store`), metrics and
        logs sent to monitoring and what monitoring sends on, replication to a replica,
        and access logs a load balancer or CDN writes to storage that is not its origin.
        """
        source, target = (
            self.components.get(connection.source),
            self.components.get(connection.target),
        )
        if source is None or target is None:
            return False
        if source.kind in (*ASYNC_KINDS, "monitoring") or target.kind == "monitoring":
            return False
        if connection.mode == "async" and target.kind not in ASYNC_KINDS:
            return False
        if self.emitted_by_store(connection) or self.delivers_logs(connection):
            return False
        return not (isinstance(target, Database) and target.replicates == source.id)

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
