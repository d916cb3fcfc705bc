"""Model format v1: the typed schema of one archgen YAML file.

Every class forbids unknown keys and does no type coercion (`strict`): YAML has
already typed each scalar, so `nodes: "2"` is a mistake worth reporting. Cross-reference
checks (does this subnet exist?) need the whole model after `extends`, so they live in
`archgen/model/references.py`, not here.
"""

import ipaddress
import re
import typing
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic import model_validator as _model_validator

from archgen.load.problems import did_you_mean
from archgen.model.services import SERVICES

#: an id or a name: starts with a letter or digit; letters, digits, '-' and '_'.
#: Not necessarily kebab-case: rule OPS005 reports names that are not.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}[0-9]{3}$")]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300)]

#: a duration: a whole number and an optional unit (s, m, h, d; bare means seconds)
DURATION_PATTERN = r"^(0|[1-9][0-9]{0,6})(s|m|h|d)?$"
_DURATION = re.compile(DURATION_PATTERN)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> int:
    """Seconds in a duration such as ``30s``, ``10m``, ``24h``, ``7d`` (bare: seconds)."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]


def _check_duration(value: str | int) -> str:
    text = str(value)
    if _DURATION.match(text) is None:
        raise ValueError(
            f"{text!r} is not a duration: write a whole number and a unit, "
            "such as 30s, 10m, 24h or 7d"
        )
    return text


class Strict(BaseModel):
    """Base of every model class: unknown keys are errors, no coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


# --- network layout ---------------------------------------------------------------------


def _check_cidr(value: str | None) -> str | None:
    if value is not None:
        try:
            ipaddress.ip_network(value, strict=True)
        except ValueError as error:
            why = " (host bits are set)" if "host bits set" in str(error) else ""
            raise ValueError(f"{value!r} is not a CIDR block such as 10.0.0.0/16{why}") from None
    return value


class Subnet(Strict):
    """A subnet in one zone; `public: true` means it routes to an internet gateway."""

    name: Id
    zone: Id
    public: bool = False
    cidr: str | None = None

    @field_validator("cidr")
    @classmethod
    def _cidr(cls, value: str | None) -> str | None:
        return _check_cidr(value)


class Network(Strict):
    """A VPC."""

    name: Id
    cidr: str | None = None
    subnets: list[Subnet] = Field(default_factory=list)

    @field_validator("cidr")
    @classmethod
    def _cidr(cls, value: str | None) -> str | None:
        return _check_cidr(value)


class Region(Strict):
    """An AWS region with its availability zones and networks."""

    name: Id
    zones: list[Id] = Field(min_length=1)
    networks: list[Network] = Field(default_factory=list)
    deployment: Literal["automated", "manual"] | None = None


# --- component settings -----------------------------------------------------------------


class Scaling(Strict):
    """An auto-scaling range."""

    min: int = Field(ge=0, le=10_000)
    max: int = Field(ge=1, le=10_000)
    metric: Literal["cpu", "requests", "queue-depth", "schedule"] = "cpu"

    @_model_validator(mode="after")
    def _ordered(self) -> "Scaling":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Backups(Strict):
    """Automated backups."""

    retention_days: int = Field(ge=0, le=35)


class CachePolicy(Strict):
    """How a cache fills, expires, evicts and stays consistent with its source."""

    strategy: Literal["cache-aside", "read-through", "write-through", "write-behind"] | None = None
    ttl: Annotated[str, Field(description="duration, e.g. 10m")] | None = None
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
    ) = None
    consistency: Literal["invalidate-on-write", "write-through", "ttl-only", "eventual"] | None = (
        None
    )
    memory: Short | None = None
    rationale: Text | None = None

    @field_validator("ttl", mode="before")
    @classmethod
    def _ttl(cls, value: object) -> object:
        return _check_duration(value) if isinstance(value, str | int) else value


class CdnPolicy(Strict):
    """How long the edge keeps objects and how they are replaced."""

    ttl: str | None = None
    invalidation: Literal["api", "object-versioning"] | None = None
    rationale: Text | None = None

    @field_validator("ttl", mode="before")
    @classmethod
    def _ttl(cls, value: object) -> object:
        return _check_duration(value) if isinstance(value, str | int) else value


class HealthCheck(Strict):
    """A load balancer's target health check."""

    path: Short = "/"
    interval: str = "30s"

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, value: object) -> object:
        return _check_duration(value) if isinstance(value, str | int) else value


class DeadLetter(Strict):
    """Where messages go after repeated failures."""

    max_receives: int = Field(default=5, ge=1, le=1000)


# --- components -------------------------------------------------------------------------


class ComponentBase(Strict):
    """What every component has: an id, a kind, a service and a placement."""

    id: Id
    service: str | None = None
    label: Title | None = None
    description: Text | None = None
    subnets: list[Id] = Field(default_factory=list)
    region: Id | None = None
    logging: bool | None = None
    monitoring: Id | None = None

    @field_validator("service")
    @classmethod
    def _known_service(cls, value: str | None) -> str | None:
        kind = cls.kind_name()
        known = SERVICES.get(kind, ())
        if value is not None and value not in known:
            hint = did_you_mean(value, known)
            raise ValueError(f"unknown service {value!r} for a {kind}{hint}")
        return value

    @classmethod
    def kind_name(cls) -> str:
        """The `kind` tag of this class (``"cache"`` for `Cache`)."""
        field = cls.model_fields.get("kind")
        return str(typing.get_args(field.annotation)[0]) if field is not None else ""

    @property
    def drawn_service(self) -> str:
        """The service drawn: the declared one or the kind's default."""
        return self.service or SERVICES[self.kind_name()][0]


class Client(ComponentBase):
    """The people or programs that use the system, on the internet."""

    kind: Literal["client"]


class Dns(ComponentBase):
    """A DNS service that answers for the domain."""

    kind: Literal["dns"]
    domain: Short | None = None
    routing: Literal["simple", "latency", "geo", "failover", "weighted"] = "simple"
    health_checks: bool = False


class LoadBalancer(ComponentBase):
    """A load balancer spreading requests over a tier."""

    kind: Literal["load-balancer"]
    health_check: HealthCheck | None = None
    sticky_sessions: bool = False
    waf: bool | None = None


Role = Literal["web", "app", "database", "worker", "batch"]


def _default_roles() -> list[Role]:
    return ["app"]


class Compute(ComponentBase):
    """Servers: one host or a tier of identical ones."""

    kind: Literal["compute"]
    roles: list[Role] = Field(default_factory=_default_roles)
    instances: int = Field(default=1, ge=1, le=10_000)
    scaling: Scaling | None = None
    state: Literal["stateless", "sticky-sessions", "local-state"] | None = None
    static_content: bool = False
    public: bool = False


class Database(ComponentBase):
    """A database: a primary (writer), its replicas, or a standalone instance."""

    kind: Literal["database"]
    role: Literal["primary", "replica", "standalone"] = "standalone"
    replicates: Id | None = None
    standby: Id | None = Field(default=None, description="zone of the standby instance")
    instances: int = Field(default=1, ge=1, le=100)
    backups: Backups | None = None
    encrypted: bool | None = None
    public: bool = False
    holds: Short | None = None


class Cache(ComponentBase):
    """An in-memory cache in front of a durable store."""

    kind: Literal["cache"]
    nodes: int = Field(default=1, ge=1, le=500)
    failover: Literal["automatic", "manual", "none"] | None = None
    policy: CachePolicy | None = None
    holds: Short | None = None
    source_of_truth: bool = False
    backed_by: list[Id] = Field(default_factory=list)
    encrypted: bool | None = None


class Cdn(ComponentBase):
    """A content delivery network serving from edge locations."""

    kind: Literal["cdn"]
    origins: list[Id] = Field(min_length=1)
    origin_failover: bool = False
    policy: CdnPolicy | None = None
    waf: bool | None = None
    holds: Short | None = None


class Storage(ComponentBase):
    """Object or file storage."""

    kind: Literal["storage"]
    static_content: bool = False
    encrypted: bool | None = None
    versioning: bool | None = None


class Queue(ComponentBase):
    """A message queue between producers and consumers."""

    kind: Literal["queue"]
    dead_letter: DeadLetter | None = None
    encrypted: bool | None = None
    fifo: bool = False


class Monitoring(ComponentBase):
    """Where metrics, logs and alarms go."""

    kind: Literal["monitoring"]
    alarms: list[Short] = Field(default_factory=list)


class Pipeline(ComponentBase):
    """A deployment pipeline."""

    kind: Literal["pipeline"]
    deploys_to: list[Id] = Field(default_factory=list, description="environment names")


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

#: component kinds that keep data
DATA_KINDS = ("database", "cache", "queue", "storage")


# --- connections, environments, decisions, suppressions ---------------------------------


class Connection(Strict):
    """A directed edge: who calls whom, how."""

    model_config = ConfigDict(populate_by_name=True)

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
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
    ) = None
    tls: bool | None = None
    mode: Literal["request", "read", "write", "read-write", "async"] = "request"
    label: Short | None = None

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

    model_config = ConfigDict(populate_by_name=True)

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")


class Override(Strict):
    """How an environment differs from the model for one component."""

    service: str | None = None
    instances: int | None = Field(default=None, ge=1, le=10_000)
    nodes: int | None = Field(default=None, ge=1, le=500)
    scaling: Scaling | None = None


class Environment(Strict):
    """An environment (production, staging, …) and what runs in it."""

    name: Id
    purpose: Text | None = None
    mirrors: Id | None = None
    custom: bool = Field(default=False, description="a name outside the five standard ones")
    runs: list[Id] | None = Field(default=None, description="component ids; default: all")
    regions: list[Id] | None = None
    zones: int | None = Field(default=None, ge=1, le=6)
    replicas: bool | None = None
    deployment: Literal["automated", "manual"] | None = None
    naming: Short | None = None
    overrides: dict[Id, Override] = Field(default_factory=dict)


class Decision(Strict):
    """A trade-off taken, ADR-like."""

    id: Id
    title: Title
    context: Text | None = None
    decision: Text
    pros: list[Short] = Field(default_factory=list)
    cons: list[Short] = Field(default_factory=list)
    alternatives: list[Short] = Field(default_factory=list)
    status: Literal["accepted", "proposed", "superseded"] = "accepted"


class Suppression(Strict):
    """An accepted finding. The reason is required: it is what a reviewer reads."""

    rule: RuleId
    component: Id | None = None
    reason: Text


class Removal(Strict):
    """What an extending model takes away from the model it extends."""

    components: list[Id] = Field(default_factory=list)
    connections: list[ConnectionRef] = Field(default_factory=list)
    regions: list[Id] = Field(default_factory=list)
    environments: list[Id] = Field(default_factory=list)
    decisions: list[Id] = Field(default_factory=list)


class Model(Strict):
    """One archgen model file (format v1)."""

    schema_ref: str | None = Field(default=None, alias="$schema")
    archgen: Literal[1] = Field(description="format version")
    name: Id
    title: Title | None = None
    stage: int | None = Field(default=None, ge=1, le=99)
    extends: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    summary: Text | None = None
    regions: list[Region] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    connections: list[Connection] = Field(default_factory=list)
    environments: list[Environment] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    suppress: list[Suppression] = Field(default_factory=list)
    remove: Removal | None = None

    model_config = ConfigDict(populate_by_name=True)

    def component(self, component_id: str) -> Component | None:
        """The component with this id, if any."""
        for component in self.components:
            if component.id == component_id:
                return component
        return None
