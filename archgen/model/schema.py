"""Model format v1: the typed schema of one archgen YAML file, as pydantic models.

Every class is frozen, forbids unknown keys and converts nothing (`strict`): YAML has
already typed each scalar, so `nodes: "2"` is a mistake worth reporting. Objects built
in Python are checked the same way when they are made. Constraints ride on the types
(`archgen/model/types.py`); the components are in `archgen/model/components.py` and
`archgen/model/managed.py` (joined in `archgen/model/kinds.py`), security groups and
ingress rules in `archgen/model/exposure.py`, and all are imported from here too.
Every field carries the description that `site/model-format.md` shows and the JSON
Schema gives editors as hover text.
Cross-reference checks (does this subnet exist?) need the whole model after `extends`,
so they live in `archgen/model/references.py`, not here.

Annotations here are objects (no ``from __future__ import annotations``): pydantic then
reads them without evaluating strings. Validators are built when a class is first used
(`defer_build`), so importing this module stays cheap.
"""

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from archgen.model.components import (
    Backups,
    Cache,
    CachePolicy,
    Cdn,
    CdnPolicy,
    Client,
    ComponentBase,
    Compute,
    Database,
    DeadLetter,
    Dns,
    HealthCheck,
    LoadBalancer,
    Monitoring,
    Pipeline,
    Queue,
    Role,
    Scaling,
    Storage,
)
from archgen.model.exposure import IngressRule, SecurityGroup
from archgen.model.kinds import COMPONENT_CLASSES, DATA_KINDS, Component
from archgen.model.managed import (
    Api,
    EventBus,
    Firewall,
    Gateway,
    Generic,
    Identity,
    Registry,
    Search,
    Secrets,
    Stream,
    Workflow,
)
from archgen.model.types import (
    DURATION_PATTERN,
    ID_PATTERN,
    RULE_ID_PATTERN,
    Cidr,
    FormatVersion,
    Id,
    RuleId,
    Short,
    Strict,
    Text,
    Title,
    duration_seconds,
)
from archgen.model.views import Layout, View

__all__ = [
    "COMPONENT_CLASSES",
    "DATA_KINDS",
    "DURATION_PATTERN",
    "ID_PATTERN",
    "RULE_ID_PATTERN",
    "Api",
    "Backups",
    "Cache",
    "CachePolicy",
    "Cdn",
    "CdnPolicy",
    "Client",
    "Component",
    "ComponentBase",
    "Compute",
    "Connection",
    "ConnectionRef",
    "Database",
    "DeadLetter",
    "Decision",
    "Dns",
    "Environment",
    "EventBus",
    "Firewall",
    "Gateway",
    "Generic",
    "HealthCheck",
    "Identity",
    "IngressRule",
    "Layout",
    "LoadBalancer",
    "Model",
    "Monitoring",
    "Network",
    "Override",
    "Pipeline",
    "Queue",
    "Region",
    "Registry",
    "Removal",
    "Role",
    "Scaling",
    "Search",
    "Secrets",
    "SecurityGroup",
    "Storage",
    "Stream",
    "Subnet",
    "Suppression",
    "View",
    "Workflow",
    "duration_seconds",
]


# --- network layout ---------------------------------------------------------------------


class Subnet(Strict):
    """A subnet in one zone; `public: true` means it routes to an internet gateway."""

    name: Id = Field(description="unique in the whole model")
    zone: Id = Field(description="one of its region's zones")
    public: bool = Field(False, description="`true`: it routes to an internet gateway")
    cidr: Cidr | None = Field(None, description="its addresses, such as `10.0.1.0/24`")
    ingress: list[IngressRule] = Field(
        [], description="traffic its network ACL lets in (unset: the default ACL, all)"
    )


class Network(Strict):
    """A VPC."""

    name: Id = Field(description="the VPC's name")
    cidr: Cidr | None = Field(None, description="its addresses, such as `10.0.0.0/16`")
    subnets: list[Subnet] = Field([], description="its subnets")


class Region(Strict):
    """An AWS region with its availability zones and networks."""

    name: Id = Field(description="the AWS region")
    zones: list[Id] = Field(min_length=1, description="its availability zones")
    networks: list[Network] = Field([], description="its VPCs")
    deployment: Literal["automated", "manual"] | None = Field(
        None, description="how releases reach it (OPS004)"
    )


# --- connections, environments, decisions, suppressions ---------------------------------


class Connection(Strict):
    """A directed edge: who calls whom, how."""

    source: Id = Field(alias="from", description="the caller")
    target: Id = Field(alias="to", description="the callee")
    protocol: (
        Literal[
            "http",
            "https",
            "tcp",
            "tls",
            "dns",
            "mysql",
            "postgresql",
            "redis",
            "memcached",
            "sqs",
            "amqp",
            "grpc",
            "ssh",
            "rdp",
            "nfs",
            "smb",
            "websocket",
            "smtp",
            "kafka",
            "mqtt",
        ]
        | None
    ) = Field(
        None, description="drawn on the edge; `https`, `tls`, `ssh` and `rdp` count as encrypted"
    )
    tls: bool | None = Field(
        None, description="encrypted in transit, whatever the protocol (SEC004, SEC005)"
    )
    mode: Literal["request", "read", "write", "read-write", "async"] = Field(
        "request",
        description="`async` goes through a queue; `write` to a replica is an error "
        "(REL005, REL016, SUS001)",
    )
    label: Short | None = Field(None, description="drawn on the edge")

    @property
    def encrypted(self) -> bool | None:
        """Whether the connection is encrypted in transit: `tls` when given, else True
        for a protocol that always encrypts (https, tls, ssh, rdp), else unknown."""
        if self.tls is not None:
            return self.tls
        from archgen.model.capabilities import protocol_encrypted

        return True if protocol_encrypted(self.protocol) else None


class ConnectionRef(Strict):
    """Names a connection to remove."""

    source: Id = Field(alias="from", description="the caller")
    target: Id = Field(alias="to", description="the callee")


class Override(Strict):
    """How an environment differs from the model for one component."""

    service: str | None = Field(
        None, description="another service of the same kind; another engine breaks parity (OPS003)"
    )
    instances: int | None = Field(
        None, ge=1, le=10_000, description="another fixed number of servers"
    )
    nodes: int | None = Field(None, ge=1, le=500, description="another number of cache nodes")
    scaling: Scaling | None = Field(None, description="another Auto Scaling range")


class Environment(Strict):
    """An environment (production, staging, …) and what runs in it."""

    name: Id = Field(
        description="`production`, `qa`, `staging`, `dev` or `local` (others need "
        "`custom: true`, OPS005)"
    )
    purpose: Text | None = Field(None, description="what it is for")
    mirrors: Id | None = Field(
        None, description="it must match that environment (OPS003 for staging)"
    )
    custom: bool = Field(False, description="a name outside the five standard ones")
    runs: list[Id] | None = Field(None, description="what runs there (OPS003)")
    regions: list[Id] | None = Field(None, description="where it runs (OPS003, COST001)")
    zones: int | None = Field(None, ge=1, le=6, description="zones per region (OPS003, COST001)")
    replicas: bool | None = Field(None, description="runs database replicas (COST001)")
    deployment: Literal["automated", "manual"] | None = Field(
        None, description="how releases reach it (OPS004)"
    )
    naming: Short | None = Field(None, description="how its resources are named")
    overrides: dict[Id, Override] = Field(
        {},
        description="how it differs per component; a different database or cache engine "
        "breaks staging's parity (OPS003)",
    )


class Decision(Strict):
    """A trade-off taken, ADR-like."""

    id: Id = Field(description="unique in the model")
    title: Title = Field(description="the decision in a few words")
    context: Text | None = Field(None, description="the forces at play")
    decision: Text = Field(description="what was decided")
    pros: list[Short] = Field([], description="what it gains")
    cons: list[Short] = Field([], description="what it costs")
    alternatives: list[Short] = Field([], description="what was considered instead")
    status: Literal["accepted", "proposed", "superseded"] = Field(
        "accepted", description="whether it is in force"
    )
    supersedes: list[Id] = Field(
        [],
        description="earlier decisions this one replaces: they become `superseded` and stop "
        "being listed as in force on later stages",
    )


class Suppression(Strict):
    """An accepted finding. The reason is required: it is what a reviewer reads."""

    rule: RuleId = Field(description="the rule")
    component: Id | None = Field(None, description="the component it applies to")
    reason: Text = Field(description="why the finding is accepted")


class Removal(Strict):
    """What an extending model takes away from the model it extends."""

    components: list[Id] = Field([], description="components to take away, with their connections")
    connections: list[ConnectionRef] = Field([], description="connections to take away")
    regions: list[Id] = Field([], description="regions to take away")
    security_groups: list[Id] = Field([], description="security groups to take away")
    environments: list[Id] = Field([], description="environments to take away")
    decisions: list[Id] = Field([], description="decisions to take away")
    views: list[Id] = Field([], description="views to take away")


#: the keys to change in one inherited component; checked against its kind once merged
ComponentUpdate = dict[str, Any]


#: the last stage a model may declare
MAX_STAGE = 99


class Model(Strict):
    """One archgen model file (format v1)."""

    schema_ref: str | None = Field(
        None,
        alias="$schema",
        title="Schema",
        description="a schema reference for editors; ignored by archgen",
    )
    archgen: FormatVersion = Field(description="the format version")
    name: Id = Field(description="the model's name")
    title: Title | None = Field(None, description="a human title, shown on the site")
    stage: int | None = Field(
        None,
        ge=1,
        le=MAX_STAGE,
        description="the maturity level in the journey (inherited through `extends` unless "
        'set); a rule whose stage is higher reports at `info` with "applies from stage N"',
    )
    extends: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = Field(
        None, description="a model to start from, as a path relative to this file"
    )
    summary: Text | None = Field(None, description="what this stage adds and why")
    regions: list[Region] = Field([], description="where it runs: regions, networks and subnets")
    security_groups: list[SecurityGroup] = Field(
        [], description="named sets of ingress rules that components list by name"
    )
    components: list[Component] = Field(
        [], description="what runs; a component's `kind` decides its keys"
    )
    connections: list[Connection] = Field([], description="who calls whom")
    environments: list[Environment] = Field(
        [], description="production, staging, … and how they differ"
    )
    decisions: list[Decision] = Field([], description="the trade-offs taken, shown on the site")
    suppress: list[Suppression] = Field(
        [], description="findings accepted on purpose, each with a reason"
    )
    layout: Layout | None = Field(
        None,
        description="layout hints for the whole diagram (inherited through `extends` unless "
        "set); each view may set its own",
    )
    views: list[View] = Field(
        [],
        description="named parts of the model, each drawn as a diagram of its own and shown "
        "as a tab on the site (inherited through `extends`, replaced by name)",
    )
    remove: Removal | None = Field(None, description="what to take away from the model it extends")
    update: dict[Id, ComponentUpdate] = Field(
        {},
        description="keys to change in inherited components, by component id: mappings merge "
        "key by key, lists and values are replaced, `null` sets a key back to its default",
    )
    replace: dict[Id, ComponentUpdate] = Field(
        {},
        description="keys to set whole in inherited components, by component id: a mapping "
        "given here replaces the parent's instead of merging into it",
    )

    def component(self, component_id: str) -> Component | None:
        """The component with this id, if any."""
        for component in self.components:
            if component.id == component_id:
                return component
        return None
