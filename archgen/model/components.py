"""The components of a model: what every kind has, the settings they hold, and the
kinds of the classic tiers (client to pipeline).

The kinds of managed services and network parts are in `archgen/model/managed.py`;
`archgen/model/kinds.py` joins them all into `Component`, the union tagged by `kind`.
"""

from typing import Literal

from pydantic import Field, field_validator, model_validator

from archgen.common import did_you_mean
from archgen.model.exposure import IngressRule
from archgen.model.services import SERVICES
from archgen.model.types import Duration, Id, Short, Strict, Text, Title

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

KIND_DESCRIPTION = "what it is; it decides which other keys the component may have"


class ComponentBase(Strict):
    """What every component has: an id, a kind, a service and a placement."""

    id: Id = Field(description="unique in the model")
    kind: str = Field(description=KIND_DESCRIPTION)  # each kind narrows it to its own tag
    service: str | None = Field(None, description="the AWS service drawn")
    label: Title | None = Field(None, description="the name drawn under the icon")
    description: Text | None = Field(
        None, description="shown in the diagram's tooltip and on the site"
    )
    subnets: list[Id] = Field([], description="placement in a VPC")
    region: Id | None = Field(None, description="placement of a regional service outside a VPC")
    logging: bool | None = Field(None, description="access logs are written (OPS001)")
    monitoring: Id | None = Field(None, description="where its metrics and logs go (OPS002)")
    security_groups: list[Id] = Field(
        [], description="the security groups it is in, by name (see `security_groups`)"
    )
    ingress: list[IngressRule] = Field(
        [], description="traffic let in besides its security groups' rules"
    )

    @field_validator("service")
    @classmethod
    def _known_service(cls, value: str | None) -> str | None:
        """A service must be one of the kind's (`archgen/model/services.py`)."""
        kind = cls.kind_name()
        known = SERVICES.get(kind, ())
        if value is not None and not known:
            raise ValueError(f"a {kind} component has no service: its icon says what it is")
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

    kind: Literal["client"] = Field("client", description=KIND_DESCRIPTION)


class Dns(ComponentBase):
    """A DNS service that answers for the domain."""

    kind: Literal["dns"] = Field("dns", description=KIND_DESCRIPTION)
    domain: Short | None = Field(None, description="the name it answers for")
    routing: Literal["simple", "latency", "geo", "failover", "weighted"] = Field(
        "simple", description="how it picks an answer (REL012)"
    )
    health_checks: bool = Field(False, description="unhealthy targets leave the answers (REL012)")


class LoadBalancer(ComponentBase):
    """A load balancer spreading requests over a tier."""

    kind: Literal["load-balancer"] = Field("load-balancer", description=KIND_DESCRIPTION)
    health_check: HealthCheck | None = Field(None, description="the target health check (REL013)")
    sticky_sessions: bool = Field(False, description="pins each client to one target (REL010)")
    waf: bool | None = Field(None, description="a web application firewall in front (SEC007)")
    scheme: Literal["internet-facing", "internal"] | None = Field(
        None,
        description="`internet-facing`: the internet reaches it, whatever its subnets; "
        "`internal`: only its network does, even from a public subnet; unset: public when "
        "it sits in a public subnet (SEC007)",
    )


#: `admin`: used by administrators only (a bastion, a jump host, an operator's switch),
#: not by the workload's users: no serving tier (REL003, PERF007, OPS002 leave it alone)
Role = Literal["web", "app", "database", "worker", "batch", "admin"]


class Compute(ComponentBase):
    """Servers: one host or a tier of identical ones."""

    kind: Literal["compute"] = Field("compute", description=KIND_DESCRIPTION)
    roles: list[Role] = Field(
        ["app"],
        description="what the servers do (SEC008, COST002, PERF006, REL016; `admin`: "
        "administrators' access only, not a serving tier: REL003, PERF007, OPS002)",
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
    on_failure: Id | None = Field(
        None,
        description="a Lambda function's on-failure destination or dead-letter queue: where "
        "events go that fail asynchronous invocation, or stream batches it gives up on (REL014)",
    )

    @model_validator(mode="after")
    def _on_failure_is_lambdas(self) -> "Compute":
        if self.on_failure is not None and self.drawn_service != "lambda":
            raise ValueError(
                f"'on_failure' is a Lambda function's, not {self.drawn_service}'s: a server "
                "handles its own failures"
            )
        return self


class Database(ComponentBase):
    """A database: a primary (writer), its replicas, or a standalone instance."""

    kind: Literal["database"] = Field("database", description=KIND_DESCRIPTION)
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
    readers: int | None = Field(
        None,
        ge=0,
        le=15,
        description="reader instances besides the writer, in other zones, for an Aurora, "
        "DocumentDB or Neptune cluster; each is a failover target",
    )
    public: bool = Field(False, description="has a public address (SEC001)")
    holds: Short | None = Field(None, description="what data it keeps")
    capacity: Literal["on-demand", "provisioned", "autoscaled"] | None = Field(
        None,
        description="a DynamoDB table's capacity mode: `on-demand` follows the load, "
        "`provisioned` is fixed, `autoscaled` is provisioned with auto scaling (PERF007)",
    )

    @model_validator(mode="after")
    def _capacity_is_dynamodbs(self) -> "Database":
        if self.capacity is not None and not self.drawn_service.startswith("dynamodb"):
            raise ValueError(
                f"'capacity' is a DynamoDB table's capacity mode, not {self.drawn_service}'s"
            )
        return self

    @model_validator(mode="after")
    def _readers_fit(self) -> "Database":
        if self.readers is None:
            return self
        if not self.drawn_service.startswith(CLUSTER_SERVICES):
            raise ValueError(
                f"'readers' is for Aurora, DocumentDB and Neptune clusters, not "
                f"{self.drawn_service}: give another database `replicates` or `standby`"
            )
        if self.instances not in (1, self.readers + 1):
            raise ValueError(
                f"instances ({self.instances}) is not the writer plus {self.readers} "
                f"reader{'s' if self.readers != 1 else ''}: leave 'instances' out"
            )
        return self

    @property
    def cluster_size(self) -> int:
        """Instances that run: the writer and its readers, else `instances`."""
        return self.readers + 1 if self.readers is not None else self.instances


#: database services whose clusters have a writer and reader instances (`readers`)
CLUSTER_SERVICES = ("aurora-", "documentdb", "neptune")


class Cache(ComponentBase):
    """An in-memory cache in front of a durable store."""

    kind: Literal["cache"] = Field("cache", description=KIND_DESCRIPTION)
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

    kind: Literal["cdn"] = Field("cdn", description=KIND_DESCRIPTION)
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

    kind: Literal["storage"] = Field("storage", description=KIND_DESCRIPTION)
    static_content: bool = Field(False, description="holds static assets (PERF005)")
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")
    versioning: bool | None = Field(None, description="object versioning is on")


class Queue(ComponentBase):
    """A message queue between producers and consumers."""

    kind: Literal["queue"] = Field("queue", description=KIND_DESCRIPTION)
    dead_letter: DeadLetter | None = Field(None, description="where failing messages go (REL014)")
    encrypted: bool | None = Field(None, description="encryption at rest (SEC006)")
    fifo: bool = Field(False, description="first-in-first-out ordering")


class Monitoring(ComponentBase):
    """Where metrics, logs and alarms go."""

    kind: Literal["monitoring"] = Field("monitoring", description=KIND_DESCRIPTION)
    alarms: list[Short] = Field([], description="the alarms it raises")


class Pipeline(ComponentBase):
    """A deployment pipeline."""

    kind: Literal["pipeline"] = Field("pipeline", description=KIND_DESCRIPTION)
    deploys_to: list[Id] = Field([], description="the environments it deploys (OPS004)")
