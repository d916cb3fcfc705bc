"""Model format v1: the typed schema of one archgen YAML file.

Every class is a `Record` (`archgen/model/record.py`): unknown keys are errors and no
value is coerced (`archgen/model/decode.py`), because YAML has already typed each scalar,
so `nodes: "2"` is a mistake worth reporting. Constraints ride on the types
(`Annotated[str, Pattern(...)]`). Cross-reference checks (does this subnet exist?) need
the whole model after `extends`, so they live in `archgen/model/references.py`, not here.

Annotations here are objects (no ``from __future__ import annotations``), so the decoder
reads them without `typing.get_type_hints`.
"""

import re
from typing import Annotated, Any, Literal

from archgen.load.problems import did_you_mean
from archgen.model.record import (
    Before,
    Check,
    Invalid,
    Length,
    Pattern,
    Range,
    Record,
    Tag,
    field,
    tag_of,
)
from archgen.model.services import SERVICES

#: an id or a name: starts with a letter or digit; letters, digits, '-' and '_'.
#: Not necessarily kebab-case: rule OPS005 reports names that are not.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$"
RULE_ID_PATTERN = r"^[A-Z]{2,6}[0-9]{3}$"
Id = Annotated[str, Pattern(ID_PATTERN, "id")]
RuleId = Annotated[str, Pattern(RULE_ID_PATTERN, "rule id")]
Title = Annotated[str, Length(1, 200)]
Text = Annotated[str, Length(1, 4000)]
Short = Annotated[str, Length(1, 300)]

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
    """A bare number of seconds (``ttl: 600``) as the text ``"600"``."""
    return str(value) if type(value) is int else value


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
    str, Before(_duration_text), Check(_check_duration), Pattern(DURATION_PATTERN, "duration")
]
Cidr = Annotated[str, Check(_check_cidr)]


# --- network layout ---------------------------------------------------------------------


class Subnet(Record):
    """A subnet in one zone; `public: true` means it routes to an internet gateway."""

    name: Id
    zone: Id
    public: bool = False
    cidr: Cidr | None = None


class Network(Record):
    """A VPC."""

    name: Id
    cidr: Cidr | None = None
    subnets: list[Subnet] = field(default_factory=list)


class Region(Record):
    """An AWS region with its availability zones and networks."""

    name: Id
    zones: Annotated[list[Id], Length(1)]
    networks: list[Network] = field(default_factory=list)
    deployment: Literal["automated", "manual"] | None = None


# --- component settings -----------------------------------------------------------------


class Scaling(Record):
    """An auto-scaling range."""

    min: Annotated[int, Range(0, 10_000)]
    max: Annotated[int, Range(1, 10_000)]
    metric: Literal["cpu", "requests", "queue-depth", "schedule"] = "cpu"

    def check(self) -> None:
        if self.min > self.max:
            raise Invalid(f"min ({self.min}) is greater than max ({self.max})")


class Backups(Record):
    """Automated backups."""

    retention_days: Annotated[int, Range(0, 35)]


class CachePolicy(Record):
    """How a cache fills, expires, evicts and stays consistent with its source."""

    strategy: Literal["cache-aside", "read-through", "write-through", "write-behind"] | None = None
    ttl: Duration | None = None
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


class CdnPolicy(Record):
    """How long the edge keeps objects and how they are replaced."""

    ttl: Duration | None = None
    invalidation: Literal["api", "object-versioning"] | None = None
    rationale: Text | None = None


class HealthCheck(Record):
    """A load balancer's target health check."""

    path: Short = "/"
    interval: Duration = "30s"


class DeadLetter(Record):
    """Where messages go after repeated failures."""

    max_receives: Annotated[int, Range(1, 1000)] = 5


# --- components -------------------------------------------------------------------------


class ComponentBase(Record):
    """What every component has: an id, a kind, a service and a placement."""

    id: Id
    service: str | None = None
    label: Title | None = None
    description: Text | None = None
    subnets: list[Id] = field(default_factory=list)
    region: Id | None = None
    logging: bool | None = None
    monitoring: Id | None = None

    @classmethod
    def check_value(cls, key: str, value: Any) -> Any:
        """A service must be one of the kind's (`archgen/model/services.py`)."""
        if key == "service" and value is not None:
            kind = cls.kind_name()
            known = SERVICES.get(kind, ())
            if value not in known:
                raise ValueError(
                    f"unknown service {value!r} for a {kind}{did_you_mean(value, known)}"
                )
        return value

    @classmethod
    def kind_name(cls) -> str:
        """The `kind` tag of this class (``"cache"`` for `Cache`)."""
        return tag_of(cls) or ""

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
    roles: list[Role] = field(default_factory=_default_roles)
    instances: Annotated[int, Range(1, 10_000)] = 1
    scaling: Scaling | None = None
    state: Literal["stateless", "sticky-sessions", "local-state"] | None = None
    static_content: bool = False
    public: bool = False


class Database(ComponentBase):
    """A database: a primary (writer), its replicas, or a standalone instance."""

    kind: Literal["database"]
    role: Literal["primary", "replica", "standalone"] = "standalone"
    replicates: Id | None = None
    standby: Id | None = field(default=None, description="zone of the standby instance")
    instances: Annotated[int, Range(1, 100)] = 1
    backups: Backups | None = None
    encrypted: bool | None = None
    public: bool = False
    holds: Short | None = None


class Cache(ComponentBase):
    """An in-memory cache in front of a durable store."""

    kind: Literal["cache"]
    nodes: Annotated[int, Range(1, 500)] = 1
    failover: Literal["automatic", "manual", "none"] | None = None
    policy: CachePolicy | None = None
    holds: Short | None = None
    source_of_truth: bool = False
    backed_by: list[Id] = field(default_factory=list)
    encrypted: bool | None = None


class Cdn(ComponentBase):
    """A content delivery network serving from edge locations."""

    kind: Literal["cdn"]
    origins: Annotated[list[Id], Length(1)]
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
    alarms: list[Short] = field(default_factory=list)


class Pipeline(ComponentBase):
    """A deployment pipeline."""

    kind: Literal["pipeline"]
    deploys_to: list[Id] = field(default_factory=list, description="environment names")


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
    Tag("kind"),
]

#: component kinds that keep data
DATA_KINDS = ("database", "cache", "queue", "storage")


# --- connections, environments, decisions, suppressions ---------------------------------


class Connection(Record):
    """A directed edge: who calls whom, how."""

    source: Id = field(key="from")
    target: Id = field(key="to")
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


class ConnectionRef(Record):
    """Names a connection to remove."""

    source: Id = field(key="from")
    target: Id = field(key="to")


class Override(Record):
    """How an environment differs from the model for one component."""

    service: str | None = None
    instances: Annotated[int, Range(1, 10_000)] | None = None
    nodes: Annotated[int, Range(1, 500)] | None = None
    scaling: Scaling | None = None


class Environment(Record):
    """An environment (production, staging, …) and what runs in it."""

    name: Id
    purpose: Text | None = None
    mirrors: Id | None = None
    custom: bool = field(default=False, description="a name outside the five standard ones")
    runs: list[Id] | None = field(default=None, description="component ids; default: all")
    regions: list[Id] | None = None
    zones: Annotated[int, Range(1, 6)] | None = None
    replicas: bool | None = None
    deployment: Literal["automated", "manual"] | None = None
    naming: Short | None = None
    overrides: dict[Id, Override] = field(default_factory=dict)


class Decision(Record):
    """A trade-off taken, ADR-like."""

    id: Id
    title: Title
    context: Text | None = None
    decision: Text
    pros: list[Short] = field(default_factory=list)
    cons: list[Short] = field(default_factory=list)
    alternatives: list[Short] = field(default_factory=list)
    status: Literal["accepted", "proposed", "superseded"] = "accepted"
    supersedes: list[Id] = field(
        default_factory=list,
        description="ids of earlier decisions this one replaces (they become superseded)",
    )


class Suppression(Record):
    """An accepted finding. The reason is required: it is what a reviewer reads."""

    rule: RuleId
    component: Id | None = None
    reason: Text


class Removal(Record):
    """What an extending model takes away from the model it extends."""

    components: list[Id] = field(default_factory=list)
    connections: list[ConnectionRef] = field(default_factory=list)
    regions: list[Id] = field(default_factory=list)
    environments: list[Id] = field(default_factory=list)
    decisions: list[Id] = field(default_factory=list)


class Model(Record):
    """One archgen model file (format v1)."""

    schema_ref: str | None = field(default=None, key="$schema")
    archgen: Literal[1] = field(description="format version")
    name: Id
    title: Title | None = None
    stage: Annotated[int, Range(1, 99)] | None = None
    extends: Annotated[str, Length(1, 500)] | None = None
    summary: Text | None = None
    regions: list[Region] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    environments: list[Environment] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    remove: Removal | None = None
    update: dict[Id, dict[str, Any]] = field(
        default_factory=dict,
        description="component id: the keys to change in the component it extends",
    )

    def component(self, component_id: str) -> Component | None:
        """The component with this id, if any."""
        for component in self.components:
            if component.id == component_id:
                return component
        return None
