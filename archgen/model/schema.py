"""Model format v1: the typed schema of one archgen YAML file, as pydantic models.

Every class is frozen, forbids unknown keys and converts nothing (`strict`): YAML has
already typed each scalar, so `nodes: "2"` is a mistake worth reporting. Objects built
in Python are checked the same way when they are made. Constraints ride on the types
(`Id`, `Duration`, `Cidr`); every field carries the description that
`site/model-format.md` shows and the JSON Schema gives editors as hover text.
Cross-reference checks (does this subnet exist?) need the whole model after `extends`,
so they live in `archgen/model/references.py`, not here.

Annotations here are objects (no ``from __future__ import annotations``): pydantic then
reads them without evaluating strings. Validators are built when a class is first used
(`defer_build`), so importing this module stays cheap.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from archgen.common import did_you_mean
from archgen.model.services import SERVICES

#: an id or a name: starts with a letter or digit; letters, digits, '-' and '_'.
#: Not necessarily kebab-case: rule OPS005 reports names that are not.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$"
RULE_ID_PATTERN = r"^[A-Z]{2,6}[0-9]{3}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
RuleId = Annotated[str, StringConstraints(pattern=RULE_ID_PATTERN)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300)]

#: a duration: a whole number and an optional unit (s, m, h, d; bare means seconds)
DURATION_PATTERN = r"^(0|[1-9][0-9]{0,6})(s|m|h|d)?$"
_DURATION = re.compile(DURATION_PATTERN)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> int:
    """Seconds in a duration such as ``30s``, ``10m``, ``24h``, ``7d`` (bare: seconds)."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]


def _duration_text(value: Any) -> Any:
    """A bare number of seconds (``ttl: 600``) as the text ``"600"``; neither text nor a
    whole number is not a duration at all."""
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        raise PydanticCustomError(
            "duration_type", "expected a duration such as 30s, 10m, 24h or 7d"
        )
    return value


def _check_duration(text: str) -> str:
    if _DURATION.fullmatch(text) is None:
        raise ValueError(
            f"{text!r} is not a duration: write a whole number and a unit, "
            "such as 30s, 10m, 24h or 7d"
        )
    return text


def _check_cidr(value: str) -> str:
    import ipaddress  # here: only models that give a CIDR pay for the import

    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError as error:
        why = " (host bits are set)" if "host bits set" in str(error) else ""
        raise ValueError(f"{value!r} is not a CIDR block such as 10.0.0.0/16{why}") from None
    return value


#: a duration such as ``10m``; a bare whole number means seconds
Duration = Annotated[
    str,
    BeforeValidator(_duration_text),
    AfterValidator(_check_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DURATION_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": 9_999_999},
            ],
        }
    ),
]
#: a CIDR block such as ``10.0.0.0/16``, host bits clear
Cidr = Annotated[str, AfterValidator(_check_cidr)]


def _whole_number(value: Any) -> Any:
    """`Literal[1]` alone would take ``true`` and ``1.0``: they equal 1 in Python."""
    if type(value) is not int:
        raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
    return value


class Strict(BaseModel):
    """Base of every model class: unknown keys are errors, no coercion, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        defer_build=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )


# --- network layout ---------------------------------------------------------------------


class Subnet(Strict):
    """A subnet in one zone; `public: true` means it routes to an internet gateway."""

    name: Id = Field(description="unique in the whole model")
    zone: Id = Field(description="one of its region's zones")
    public: bool = Field(False, description="`true`: it routes to an internet gateway")
    cidr: Cidr | None = Field(None, description="its addresses, such as `10.0.1.0/24`")


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


# --- component settings -----------------------------------------------------------------


class Scaling(Strict):
    """An auto-scaling range."""

    min: int = Field(ge=0, le=10_000, description="the fewest servers")
    max: int = Field(ge=1, le=10_000, description="the most servers, at least `min`")
    metric: Literal["cpu", "requests", "queue-depth", "schedule"] = Field(
        "cpu", description="what drives the scaling"
    )

    @model_validator(mode="after")
    def _ordered(self) -> "Scaling":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Backups(Strict):
    """Automated backups."""

    retention_days: int = Field(ge=0, le=35, description="how many days backups are kept")


class CachePolicy(Strict):
    """How a cache fills, expires, evicts and stays consistent with its source."""

    strategy: Literal["cache-aside", "read-through", "write-through", "write-behind"] | None = (
        Field(None, description="how the cache is filled")
    )
    ttl: Duration | None = Field(
        None,
        description="how long an entry lives (PERF001: missing or `0` is a warning; "
        "outside 1s–30d is info)",
    )
    eviction: (
        Literal[
            "allkeys-lru",
            "volatile-lru",
            "allkeys-lfu",
            "volatile-lfu",
            "allkeys-random",
            "volatile-random",
            "volatile-ttl",
            "lru",
            "lfu",
            "fifo",
            "noeviction",
        ]
        | None
    ) = Field(
        None,
        description="what goes when memory is full (PERF002: missing or `noeviction` is a warning)",
    )
    consistency: Literal["invalidate-on-write", "write-through", "ttl-only", "eventual"] | None = (
        Field(None, description="how the copy follows the source (PERF003)")
    )
    memory: Short | None = Field(None, description="how the memory was sized")
    rationale: Text | None = Field(None, description="why these values")


class CdnPolicy(Strict):
    """How long the edge keeps objects and how they are replaced."""

    ttl: Duration | None = Field(None, description="how long the edge keeps an object (PERF001)")
    invalidation: Literal["api", "object-versioning"] | None = Field(
        None, description="how a changed object is replaced (PERF004)"
    )
    rationale: Text | None = Field(None, description="why these values")


class HealthCheck(Strict):
    """A load balancer's target health check."""

    path: Short = Field("/", description="the path it requests")
    interval: Duration = Field("30s", description="how often it checks")


class DeadLetter(Strict):
    """Where messages go after repeated failures."""

    max_receives: int = Field(
        5, ge=1, le=1000, description="receives before a message moves to the dead-letter queue"
    )


# --- components -------------------------------------------------------------------------

_KIND = "what it is; it decides which other keys the component may have"


class ComponentBase(Strict):
    """What every component has: an id, a kind, a service and a placement."""

    id: Id = Field(description="unique in the model")
    kind: str = Field(description=_KIND)  # each kind narrows it to its own tag
    service: str | None = Field(None, description="the AWS service drawn")
    label: Title | None = Field(None, description="the name drawn under the icon")
    description: Text | None = Field(
        None, description="shown in the diagram's tooltip and on the site"
    )
    subnets: list[Id] = Field([], description="placement in a VPC")
    region: Id | None = Field(None, description="placement of a regional service outside a VPC")
    logging: bool | None = Field(None, description="access logs are written (OPS001)")
    monitoring: Id | None = Field(None, description="where its metrics and logs go (OPS002)")

    @field_validator("service")
    @classmethod
    def _known_service(cls, value: str | None) -> str | None:
        """A service must be one of the kind's (`archgen/model/services.py`)."""
        kind = cls.kind_name()
        known = SERVICES.get(kind, ())
        if value is not None and value not in known:
            raise ValueError(f"unknown service {value!r} for a {kind}{did_you_mean(value, known)}")
        return value

    @classmethod
    def kind_name(cls) -> str:
        """The `kind` tag of this class (``"cache"`` for `Cache`)."""
        default = cls.model_fields["kind"].default
        return default if isinstance(default, str) else ""

    @property
    def drawn_service(self) -> str:
        """The service drawn: the declared one or the kind's default."""
        return self.service or SERVICES[self.kind][0]


class Client(ComponentBase):
    """The people or programs that use the system, on the internet."""

    kind: Literal["client"] = Field("client", description=_KIND)


class Dns(ComponentBase):
    """A DNS service that answers for the domain."""

    kind: Literal["dns"] = Field("dns", description=_KIND)
    domain: Short | None = Field(None, description="the name it answers for")
    routing: Literal["simple", "latency", "geo", "failover", "weighted"] = Field(
        "simple", description="how it picks an answer (REL012)"
    )
    health_checks: bool = Field(False, description="unhealthy targets leave the answers (REL012)")


class LoadBalancer(ComponentBase):
    """A load balancer spreading requests over a tier."""

    kind: Literal["load-balancer"] = Field("load-balancer", description=_KIND)
    health_check: HealthCheck | None = Field(None, description="the target health check (REL013)")
    sticky_sessions: bool = Field(False, description="pins each client to one target (REL010)")
    waf: bool | None = Field(None, description="a web application firewall in front (SEC007)")


Role = Literal["web", "app", "database", "worker", "batch"]


class Compute(ComponentBase):
    """Servers: one host or a tier of identical ones."""

    kind: Literal["compute"] = Field("compute", description=_KIND)
    roles: list[Role] = Field(
        ["app"],
        description="what the servers do (SEC008, COST002, PERF006, REL016)",
    )
    instances: int = Field(1, ge=1, le=10_000, description="a fixed number of servers")
    scaling: Scaling | None = Field(
        None, description="an Auto Scaling range (REL003, PERF007, SUS001)"
    )
    state: Literal["stateless", "sticky-sessions", "local-state"] | None = Field(
        None, description="where session state lives (REL010)"
    )
    static_content: bool = Field(False, description="serves images, CSS, JavaScript (PERF005)")
    public: bool = Field(False, description="has a public address")


class Database(ComponentBase):
    """A database: a primary (writer), its replicas, or a standalone instance."""

    kind: Literal["database"] = Field("database", description=_KIND)
    role: Literal["primary", "replica", "standalone"] = Field(
        "standalone",
        description="the writer, a read replica, or a lone instance (REL004, REL005, REL006)",
    )
    replicates: Id | None = Field(
        None, description="the source of a replica (REL006, REL011, PERF006)"
    )
    standby: Id | None = Field(None, description="the zone of a Multi-AZ standby (REL001, REL004)")
    instances: int = Field(1, ge=1, le=100, description="instances in the cluster")
    backups: Backups | None = Field(None, description="automated backups (REL007)")
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")
    public: bool = Field(False, description="has a public address (SEC001)")
    holds: Short | None = Field(None, description="what data it keeps")


class Cache(ComponentBase):
    """An in-memory cache in front of a durable store."""

    kind: Literal["cache"] = Field("cache", description=_KIND)
    nodes: int = Field(1, ge=1, le=500, description="cache nodes (REL001, REL008)")
    failover: Literal["automatic", "manual", "none"] | None = Field(
        None, description="what happens when the primary node fails (REL008)"
    )
    policy: CachePolicy | None = Field(None, description="how it fills, expires and evicts")
    holds: Short | None = Field(None, description="what data it keeps")
    source_of_truth: bool = Field(False, description="its data exists nowhere else (REL009)")
    backed_by: list[Id] = Field(
        [],
        description="the durable stores its data comes from (REL009, PERF003)",
    )
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")


class Cdn(ComponentBase):
    """A content delivery network serving from edge locations."""

    kind: Literal["cdn"] = Field("cdn", description=_KIND)
    origins: list[Id] = Field(
        min_length=1, description="where a miss is fetched from (REL015, PERF005)"
    )
    origin_failover: bool = Field(
        False, description="a second origin takes over on failure (REL015)"
    )
    policy: CdnPolicy | None = Field(
        None,
        description="how long the edge keeps objects and how they are replaced (PERF001, PERF004)",
    )
    waf: bool | None = Field(None, description="a web application firewall in front (SEC007)")
    holds: Short | None = Field(None, description="what it serves")


class Storage(ComponentBase):
    """Object or file storage."""

    kind: Literal["storage"] = Field("storage", description=_KIND)
    static_content: bool = Field(False, description="holds static assets (PERF005)")
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")
    versioning: bool | None = Field(None, description="object versioning is on")


class Queue(ComponentBase):
    """A message queue between producers and consumers."""

    kind: Literal["queue"] = Field("queue", description=_KIND)
    dead_letter: DeadLetter | None = Field(None, description="where failing messages go (REL014)")
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")
    fifo: bool = Field(False, description="first-in-first-out ordering")


class Monitoring(ComponentBase):
    """Where metrics, logs and alarms go."""

    kind: Literal["monitoring"] = Field("monitoring", description=_KIND)
    alarms: list[Short] = Field([], description="the alarms it raises")


class Pipeline(ComponentBase):
    """A deployment pipeline."""

    kind: Literal["pipeline"] = Field("pipeline", description=_KIND)
    deploys_to: list[Id] = Field([], description="the environments it deploys (OPS004)")


Component = Annotated[
    Client
    | Dns
    | LoadBalancer
    | Compute
    | Database
    | Cache
    | Cdn
    | Storage
    | Queue
    | Monitoring
    | Pipeline,
    Field(discriminator="kind"),
]

#: every kind of component, in the order the format lists them
COMPONENT_CLASSES: tuple[type[ComponentBase], ...] = (
    Client,
    Dns,
    LoadBalancer,
    Compute,
    Database,
    Cache,
    Cdn,
    Storage,
    Queue,
    Monitoring,
    Pipeline,
)

#: component kinds that keep data
DATA_KINDS = ("database", "cache", "queue", "storage")


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
        ]
        | None
    ) = Field(None, description="drawn on the edge; `https` and `tls` count as encrypted")
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
        """Whether the connection is encrypted in transit, if the model says."""
        if self.tls is not None:
            return self.tls
        if self.protocol in ("https", "tls"):
            return True
        return None


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
    environments: list[Id] = Field([], description="environments to take away")
    decisions: list[Id] = Field([], description="decisions to take away")


#: the keys to change in one inherited component; checked against its kind once merged
ComponentUpdate = dict[str, Any]


class Model(Strict):
    """One archgen model file (format v1)."""

    schema_ref: str | None = Field(
        None,
        alias="$schema",
        title="Schema",
        description="a schema reference for editors; ignored by archgen",
    )
    archgen: Annotated[Literal[1], BeforeValidator(_whole_number)] = Field(
        description="the format version"
    )
    name: Id = Field(description="the model's name")
    title: Title | None = Field(None, description="a human title, shown on the site")
    stage: int | None = Field(
        None,
        ge=1,
        le=99,
        description="the maturity level in the journey; a rule whose stage is higher "
        'reports at `info` with "applies from stage N"',
    )
    extends: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = Field(
        None, description="a model to start from, as a path relative to this file"
    )
    summary: Text | None = Field(None, description="what this stage adds and why")
    regions: list[Region] = Field([], description="where it runs: regions, networks and subnets")
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
    remove: Removal | None = Field(None, description="what to take away from the model it extends")
    update: dict[Id, ComponentUpdate] = Field(
        {},
        description="keys to change in inherited components, by component id (`null` sets a "
        "key back to its default)",
    )

    def component(self, component_id: str) -> Component | None:
        """The component with this id, if any."""
        for component in self.components:
            if component.id == component_id:
                return component
        return None
