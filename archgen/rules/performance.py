"""Performance pillar: caching policies, CDN use, read scaling and elastic capacity."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.schema import Cache, Cdn, Compute, Database, Storage, duration_seconds
from archgen.rules.base import Hit, Rule
from archgen.rules.context import READ_MODES, WRITE_MODES, Context

#: a TTL outside these bounds is probably a typo or a forgotten test value
MIN_TTL_SECONDS = 1
MAX_TTL_SECONDS = 30 * 86400


class CacheWithoutTtl(Rule):
    """A cache or CDN policy has no TTL, or a TTL of 0; a TTL outside 1s..30d is info.

    What it checks:
        A `cache` or `cdn` whose `policy.ttl` is missing or 0 (warning), or lies outside
        one second to thirty days (info).

    Why it matters:
        The expiry is the trade-off of a cache: too short and the database takes the
        reads again, too long and users see stale data. Without one, entries live until
        evicted and drift from their source (stage 4).

    Bad:
        components:
          - id: cache
            kind: cache
            subnets: [data-a, data-b]
            policy: {strategy: cache-aside}

    Good:
        components:
          - id: cache
            kind: cache
            subnets: [data-a, data-b]
            policy: {strategy: cache-aside, ttl: 10m}
    """

    id = "PERF001"
    name = "cache-without-ttl"
    pillar = "performance"
    severity = "warning"
    since = 4
    upstream = ("WA PERF03-BP05",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for component in ctx.model.components:
            if not isinstance(component, Cache | Cdn):
                continue
            ttl = component.policy.ttl if component.policy is not None else None
            if ttl is None:
                yield Hit(f"{component.kind} policy declares no TTL", component.id)
                continue
            key = ("components", component.id, "policy", "ttl")
            seconds = duration_seconds(ttl)
            if seconds == 0:
                yield Hit(f"{component.kind} TTL is 0: nothing is kept", component.id, key)
            elif not MIN_TTL_SECONDS <= seconds <= MAX_TTL_SECONDS:
                yield Hit(
                    f"{component.kind} TTL {ttl} is outside 1s..30d", component.id, key, "info"
                )


class CacheWithoutEvictionPolicy(Rule):
    """A cache declares no eviction policy, or `noeviction`.

    What it checks:
        A `cache` whose `policy.eviction` is missing or `noeviction`. For ElastiCache
        for Redis OSS the finding says what applies then: `volatile-lru`, which evicts
        only keys that have a TTL.

    Why it matters:
        A cache fills up. What it drops then (least recently used, least frequently
        used, first in) decides its hit rate; with `noeviction`, Redis refuses writes
        once memory is full, and so it does under `volatile-lru` when no key has a TTL.

    Bad:
        components:
          - {id: cache, kind: cache, subnets: [data-a, data-b], policy: {ttl: 10m}}

    Good:
        components:
          - id: cache
            kind: cache
            subnets: [data-a, data-b]
            policy: {ttl: 10m, eviction: allkeys-lru}
    """

    id = "PERF002"
    name = "cache-without-eviction-policy"
    pillar = "performance"
    severity = "warning"
    since = 4
    upstream = ("ElastiCache eviction guidance", "WA PERF03-BP05")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cache in ctx.of_kind(Cache):
            eviction = cache.policy.eviction if cache.policy is not None else None
            if eviction is None:
                default = ctx.service(cache).eviction
                assumed = f": {default.cited}" if default is not None else ""
                yield Hit(f"cache declares no eviction policy{assumed}", cache.id)
            elif eviction == "noeviction":
                yield Hit(
                    "eviction is noeviction: writes fail once memory is full",
                    cache.id,
                    ("components", cache.id, "policy", "eviction"),
                )


class CacheConsistencyUndeclared(Rule):
    """Cached data that is also written to the database declares no consistency strategy.

    What it checks:
        A `cache` whose `backed_by` names a database that some connection writes to
        (`write` or `read-write`), with no `policy.consistency`.

    Why it matters:
        When the database changes, the cached copy is stale until something updates or
        drops it. Invalidate on write, write through, or accept TTL-bounded staleness —
        but say which.

    Bad:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a]}
          - {id: cache, kind: cache, subnets: [data-a], backed_by: [db]}
        connections:
          - {from: app, to: db, mode: write}

    Good:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a]}
          - id: cache
            kind: cache
            subnets: [data-a]
            backed_by: [db]
            policy: {consistency: invalidate-on-write}
        connections:
          - {from: app, to: db, mode: write}
    """

    id = "PERF003"
    name = "cache-consistency-undeclared"
    pillar = "performance"
    severity = "info"
    since = 4
    upstream = ("WA PERF03-BP05",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cache in ctx.of_kind(Cache):
            if cache.policy is not None and cache.policy.consistency is not None:
                continue
            written = [
                name
                for name in cache.backed_by
                if ctx.kind(name) == "database"
                and any(c.mode in WRITE_MODES for _, c in ctx.incoming[name])
            ]
            if written:
                yield Hit(
                    f"caches {', '.join(written)}, which is written to, but declares no "
                    "consistency strategy",
                    cache.id,
                )


class CdnWithoutInvalidation(Rule):
    """A CDN declares no invalidation strategy.

    What it checks:
        A `cdn` without `policy.invalidation` (`api` or `object-versioning`).

    Why it matters:
        A deploy that changes a stylesheet is invisible until the edge forgets the old
        one. Plan it: invalidate through the API, or version object names (stage 5).

    Bad:
        components:
          - {id: assets, kind: storage, static_content: true}
          - {id: cdn, kind: cdn, origins: [assets], policy: {ttl: 1d}}

    Good:
        components:
          - {id: assets, kind: storage, static_content: true}
          - id: cdn
            kind: cdn
            origins: [assets]
            policy: {ttl: 1d, invalidation: object-versioning}
    """

    id = "PERF004"
    name = "cdn-without-invalidation"
    pillar = "performance"
    severity = "warning"
    since = 5
    upstream = ("CloudFront invalidation guide",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cdn in ctx.of_kind(Cdn):
            if cdn.policy is None or cdn.policy.invalidation is None:
                yield Hit("CDN declares no invalidation strategy", cdn.id)


class StaticWithoutCdn(Rule):
    """Static content is served from the origin with no CDN in front.

    What it checks:
        A component with `static_content: true` that a client reaches directly or
        through a load balancer, and that no `cdn` lists among its `origins` (directly
        or through a load balancer that is the origin).

    Why it matters:
        Images, scripts and stylesheets are the same for everyone: served from the edge
        nearest the user they load faster and cost the origin nothing (stage 5).

    Bad:
        components:
          - {id: users, kind: client}
          - {id: web, kind: compute, subnets: [app-a], static_content: true}
        connections:
          - {from: users, to: web, protocol: https}

    Good:
        components:
          - {id: users, kind: client}
          - {id: web, kind: compute, subnets: [app-a], static_content: true}
          - {id: cdn, kind: cdn, origins: [web]}
        connections:
          - {from: users, to: cdn, protocol: https}
    """

    id = "PERF005"
    name = "static-without-cdn"
    pillar = "performance"
    severity = "info"
    since = 5
    upstream = ("WA SUS04-BP07",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        fronted = {origin for cdn in ctx.of_kind(Cdn) for origin in cdn.origins}
        # a CDN whose origin is a load balancer fronts what that load balancer serves
        fronted |= {
            c.target
            for name in list(fronted)
            if ctx.kind(name) == "load-balancer"
            for _, c in ctx.outgoing[name]
        }
        for component in ctx.model.components:
            if not isinstance(component, Compute | Storage) or not component.static_content:
                continue
            if component.id in fronted:
                continue
            if self._reached_by_client(ctx, component.id):
                yield Hit("static content is served from the origin with no CDN", component.id)

    @staticmethod
    def _reached_by_client(ctx: Context, name: str) -> bool:
        for _, connection in ctx.incoming[name]:
            kind = ctx.kind(connection.source)
            if kind == "client":
                return True
            if kind == "load-balancer" and any(
                ctx.kind(c.source) == "client" for _, c in ctx.incoming[connection.source]
            ):
                return True
        return False


class BatchOnWriter(Rule):
    """A batch workload reads the writer while a replica of it exists.

    What it checks:
        A `compute` with role `batch` reading (`read`, `read-write`, `request`) a
        database that is not a replica while some database `replicates` it.

    Why it matters:
        Reports scan whole tables; on the writer they slow every transaction. A replica
        set aside for batch work takes that load (stage 3).

    Bad:
        components:
          - {id: reports, kind: compute, subnets: [app-a], roles: [batch]}
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-b]}
        connections:
          - {from: reports, to: db, mode: read}

    Good:
        components:
          - {id: reports, kind: compute, subnets: [app-a], roles: [batch]}
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-b]}
        connections:
          - {from: reports, to: db-replica, mode: read}
    """

    id = "PERF006"
    name = "batch-on-writer"
    pillar = "performance"
    severity = "info"
    since = 3
    upstream = ("WA PERF03-BP04",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        replicated = {db.replicates for db in ctx.of_kind(Database) if db.replicates}
        for index, connection in enumerate(ctx.model.connections):
            source = ctx.components.get(connection.source)
            target = ctx.components.get(connection.target)
            if not (isinstance(source, Compute) and isinstance(target, Database)):
                continue
            if "batch" not in source.roles or connection.mode not in READ_MODES:
                continue
            if target.role != "replica" and target.id in replicated:
                yield Hit(
                    f"batch work in {source.id} reads writer {target.id} although a replica exists",
                    source.id,
                    ("connections", index),
                )


class FixedCapacity(Rule):
    """A production compute tier has no scaling range.

    What it checks:
        A `compute` running in production with no `scaling`, or with `scaling.min`
        equal to `scaling.max`. Lambda is exempt: it adds copies as requests arrive.
        Fargate is not: it runs no hosts of yours, but an ECS service keeps its task
        count until Service Auto Scaling changes it.

    Why it matters:
        Fixed capacity is sized for the peak and idle the rest of the day, or sized for
        the average and overwhelmed at the peak.

    Bad:
        components:
          - {id: web, kind: compute, subnets: [app-a, app-b], instances: 2}

    Good:
        components:
          - id: web
            kind: compute
            subnets: [app-a, app-b]
            scaling: {min: 2, max: 6}
    """

    id = "PERF007"
    name = "fixed-capacity"
    pillar = "performance"
    severity = "info"
    since = 3
    upstream = ("WA PERF02-BP05",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            service = ctx.service(compute)
            if service.scales_itself or not ctx.in_production(compute):
                continue
            if compute.scaling is None:
                why = f": {service.scaling_fact.cited}" if service.scaling_fact else ""
                yield Hit(f"production tier declares no scaling range{why}", compute.id)
            elif compute.scaling.min == compute.scaling.max:
                yield Hit(
                    f"scaling range is fixed at {compute.scaling.min}",
                    compute.id,
                    ("components", compute.id, "scaling"),
                )
