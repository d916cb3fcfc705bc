"""Reliability pillar: single points of failure, redundancy, replication, failure isolation."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.schema import (
    Api,
    Cache,
    Cdn,
    Component,
    Compute,
    Database,
    Dns,
    EventBus,
    LoadBalancer,
    Queue,
    Stream,
)
from archgen.rules.base import Hit, Rule
from archgen.rules.context import SYNCHRONOUS_MODES, WRITE_MODES, Context, article, listed


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _zone_problem(ctx: Context, component: Compute | Cache | LoadBalancer) -> str | None:
    """Why a component's placement covers fewer than two zones, if it does."""
    if not component.subnets:
        return "declares no subnets, so its zones are unknown"
    zones = ctx.subnet_zones(component)
    if len(zones) < 2:
        return f"covers one zone ({', '.join(sorted(zones))})"
    return None


def _why_alone(ctx: Context, component: Component) -> str:
    """What the service lacks to survive a failure, where that is not plain."""
    failover = ctx.service(component).failover
    if failover == "reader" and isinstance(component, Database):
        return f" ({article(ctx.service(component).title)} cluster without a reader)"
    if failover == "spread":
        return " (Memcached cannot fail over: it needs two or more nodes over two or more zones)"
    return ""


class SinglePointOfFailure(Rule):
    """A component every request path to a data store passes through, with no redundancy.

    What it checks:
        On the graph of components and connections, the components that every path
        from the clients to some data store (database, cache, queue, storage, or a host
        with the database role) passes through — the request path's articulation
        points, the data store included. Only connections a request waits for make the
        path: not what a queue delivers to its consumers, an `async` call of anything
        but a queue, metrics and logs sent to monitoring, replication to a replica, or
        access logs a load balancer writes to storage. Redundancy is judged by the
        service: compute with two or more instances over two or more zones; an RDS
        database with a standby, an Aurora, DocumentDB or Neptune cluster with a reader
        (`readers`, or a replica in its region), a replica (its source takes its reads);
        Valkey or Redis with two or more nodes and automatic failover; Memcached, which
        cannot fail over, with two or more nodes over two or more zones; OpenSearch with
        two or more nodes over two or more zones; a load balancer, NAT gateway or MSK
        cluster over two zones; services AWS runs across zones itself (Lambda and
        interface endpoints too, unless their subnets cover one zone). A `generic`
        component is not judged.

    Why it matters:
        If one box fails and every request needs it, the whole service is down. The
        journey removes these one by one: load balancer and scale-out (stage 3), standby
        database (stage 3), redundant cache (stage 4). An Aurora cluster fails over to
        a reader if it has one; without one Aurora must build a new writer first.

    Bad:
        components:
          - {id: users, kind: client}
          - {id: web, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a], standby: eu-west-1b}
        connections:
          - {from: users, to: web, protocol: https}
          - {from: web, to: db, protocol: mysql}

    Good:
        components:
          - {id: users, kind: client}
          - {id: web, kind: compute, subnets: [app-a, app-b], instances: 2}
          - {id: db, kind: database, subnets: [data-a], standby: eu-west-1b}
        connections:
          - {from: users, to: web, protocol: https}
          - {from: web, to: db, protocol: mysql}
    """

    id = "REL001"
    name = "single-point-of-failure"
    pillar = "reliability"
    severity = "warning"
    since = 1
    upstream = ("WA REL10-BP01 (graph-only)",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        cuts = ctx.graph.single_points_of_failure()
        for component in ctx.model.components:
            ends = cuts.get(component.id)
            if not ends or component.kind == "client" or ctx.is_redundant(component):
                continue
            others = sorted(set(ends) - {component.id})
            reach = (
                f"every request path to {listed(others)} passes through it"
                if others
                else "the only copy of this data store on the request path"
            )
            yield Hit(f"single point of failure: {reach}{_why_alone(ctx, component)}", component.id)


class LoadBalancerSingleZone(Rule):
    """A load balancer spans fewer than two availability zones.

    What it checks:
        A `load-balancer` whose subnets lie in fewer than two zones (or that declares no
        subnets, so its zones are unknown). Global Accelerator is exempt: it runs at
        AWS's edge, in no zone of yours; so is an Application Load Balancer that
        declares no subnets, since AWS creates one only across two zones (a template
        whose subnets are a parameter imports so).

    Why it matters:
        An ALB needs subnets in at least two zones to survive the loss of one; in a
        single zone it is the single point of failure it was meant to remove.

    Bad:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a]}

    Good:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}
    """

    id = "REL002"
    name = "load-balancer-single-zone"
    pillar = "reliability"
    severity = "warning"
    since = 3
    upstream = ("cfn-lint E3680", "Security Hub ELB.13")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for lb in ctx.of_kind(LoadBalancer):
            if ctx.service(lb).failover == "managed":
                continue
            if not lb.subnets and ctx.service(lb).two_zones is not None:
                continue  # unplaced, but AWS creates it in two zones or none (an ALB)
            problem = _zone_problem(ctx, lb)
            if problem:
                yield Hit(f"load balancer {problem}", lb.id)


class TierWithoutRedundancy(Rule):
    """A serving compute tier has fewer than two instances or covers fewer than two zones.

    What it checks:
        A `compute` component with a web or app role (queue workers and batch jobs can
        wait; an `admin` host such as a bastion serves no users) whose instance count —
        its scaling minimum when it scales — is below 2,
        or whose subnets cover fewer than two zones. Fargate and ECS count their tasks
        like servers; App Runner counts its instances only, as it spreads them over
        zones itself. Lambda runs as many copies as requests need, so only its zones
        count: a function in a VPC runs in its subnets' zones alone.

    Why it matters:
        Scale-out only removes the single point of failure when the copies are at least
        two and live in different zones.

    Bad:
        components:
          - id: web
            kind: compute
            subnets: [app-a]
            scaling: {min: 1, max: 4}

    Good:
        components:
          - id: web
            kind: compute
            subnets: [app-a, app-b]
            scaling: {min: 2, max: 4}
    """

    id = "REL003"
    name = "tier-without-redundancy"
    pillar = "reliability"
    severity = "warning"
    since = 3
    upstream = ("Security Hub AutoScaling.2",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            if not {"web", "app"} & set(compute.roles) or "admin" in compute.roles:
                continue
            service = ctx.service(compute)
            if service.failover == "managed":  # Lambda: placed by its subnets, if any
                zones = ctx.subnet_zones(compute)
                if compute.subnets and len(zones) < 2 and service.failover_fact:
                    yield Hit(
                        f"function covers one zone ({', '.join(sorted(zones))}): "
                        f"{service.failover_fact.cited}",
                        compute.id,
                        ("components", compute.id, "subnets"),
                    )
                continue
            problems = []
            count = ctx.capacity(compute)
            if count < 2:
                what = "scaling minimum is" if compute.scaling else "runs"
                problems.append(f"{what} {_plural(count, 'instance')}")
            # App Runner spreads its instances over zones itself
            zone = None if service.failover == "instances" else _zone_problem(ctx, compute)
            if zone:
                problems.append(zone)
            if problems:
                yield Hit(f"tier {'; '.join(problems)}", compute.id)


class DatabaseWithoutStandby(Rule):
    """A production primary database has nothing to fail over to in another zone.

    What it checks:
        A `database` with `role: primary`, running in production, with nothing to take
        over from it, judged by the service: an RDS database whose `standby` zone is
        missing or is the primary's own zone; an Aurora, DocumentDB or Neptune cluster
        with no reader (no `readers`, `instances` of 1, no `standby` and no replica of it
        in its region), since a reader is such a cluster's failover target. DynamoDB and
        Keyspaces are exempt: AWS runs them across zones.

    Why it matters:
        Multi-AZ keeps a synchronous standby that takes over in a minute or two when the
        primary's zone fails; RDS read replicas are asynchronous and promoting one loses
        writes (stage 3's active-standby pair). An Aurora cluster fails over to a reader
        (an Aurora Replica, sharing the cluster's storage); with none, Aurora must
        create a new writer first, which takes longer.

    Bad:
        components:
          - {id: db, kind: database, role: primary, subnets: [data-a]}

    Good:
        components:
          - {id: db, kind: database, role: primary, subnets: [data-a], standby: eu-west-1b}
    """

    id = "REL004"
    name = "database-without-standby"
    pillar = "reliability"
    severity = "warning"
    since = 3
    upstream = ("checkov CKV_AWS_157", "Security Hub RDS.5")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for db in ctx.of_kind(Database):
            service = ctx.service(db)
            if db.role != "primary" or service.failover == "managed":
                continue
            if not ctx.in_production(db):
                continue
            own = ctx.subnet_zones(db)
            if service.failover == "reader":
                if not ctx.has_failover_target(db) and service.failover_fact:
                    yield Hit(
                        f"{service.title} cluster has no reader (no reader instance, no "
                        f"replica in its region): {service.failover_fact.cited}",
                        db.id,
                    )
            elif db.standby is None:
                yield Hit("primary database declares no standby zone", db.id)
            if db.standby is not None and db.standby in own and len(own) == 1:
                yield Hit(
                    f"standby is in the primary's own zone ({db.standby})",
                    db.id,
                    ("components", db.id, "standby"),
                )


class WriteToReplica(Rule):
    """A write connection targets a read replica.

    What it checks:
        A connection with `mode: write` or `mode: read-write` to a `database` with
        `role: replica`.

    Why it matters:
        Replicas are read-only copies of the writer; writes to them fail, or, where the
        engine allows them, diverge from the source and are lost on the next resync.

    Bad:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-b]}
        connections:
          - {from: app, to: db-replica, mode: write}

    Good:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-b]}
        connections:
          - {from: app, to: db, mode: write}
          - {from: app, to: db-replica, mode: read}
    """

    id = "REL005"
    name = "write-to-replica"
    pillar = "reliability"
    severity = "error"
    since = 3
    upstream = ("Trusted Advisor c1qf5bt035",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for index, connection in enumerate(ctx.model.connections):
            target = ctx.components.get(connection.target)
            if (
                connection.mode in WRITE_MODES
                and isinstance(target, Database)
                and target.role == "replica"
            ):
                yield Hit(
                    f"{connection.source} writes ({connection.mode}) to read replica {target.id}",
                    target.id,
                    ("connections", index),
                )


class ReplicationTopology(Rule):
    """A replica names no source, a replication group has other than one writer, or all
    replicas share the writer's zone.

    What it checks:
        Databases linked by `replicates` form a group. A `role: replica` without
        `replicates`; a group whose writers (members that are not replicas) number other
        than one; a group whose replicas all sit in the writer's zone. A DynamoDB global
        table is exempt from the one-writer rule: every one of its replicas takes writes.

    Why it matters:
        One writer, N readers is the topology that stays consistent; two writers
        (active-active) cannot keep in sync — unless the service resolves the conflicts
        itself, as DynamoDB global tables do. Replicas in the writer's zone fail with it.

    Bad:
        components:
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-a]}

    Good:
        components:
          - {id: db, kind: database, role: primary, subnets: [data-a]}
          - {id: db-replica, kind: database, role: replica, replicates: db, subnets: [data-b]}
    """

    id = "REL006"
    name = "replication-topology"
    pillar = "reliability"
    severity = "warning"
    since = 3
    upstream = ("Trusted Advisor c1qf5bt011",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        databases = {db.id: db for db in ctx.of_kind(Database)}
        for db in databases.values():
            if db.role == "replica" and db.replicates is None:
                yield Hit("replica names no source database (replicates)", db.id)
        for group in ctx.graph.replication_groups:
            if len(group) < 2:
                continue
            members = sorted(group)
            if all(ctx.service(databases[m]).multi_writer for m in members):
                continue  # a DynamoDB global table: every replica takes writes
            writers = [m for m in members if databases[m].role != "replica"]
            if len(writers) != 1:
                where = writers if writers else members[:1]
                for name in where:
                    yield Hit(
                        f"replication group {', '.join(members)} has "
                        f"{_plural(len(writers), 'writer')}; it needs exactly one",
                        name,
                    )
                continue
            writer = databases[writers[0]]
            home = ctx.subnet_zones(writer)
            zones = [ctx.subnet_zones(databases[m]) for m in members if m != writer.id]
            if home and all(z and z <= home for z in zones):
                yield Hit(
                    f"every replica is in the writer's zone ({', '.join(sorted(home))})",
                    writer.id,
                )


class NoBackups(Rule):
    """A database leaves its backups to AWS's default, or keeps them for zero days.

    What it checks:
        A `database` (not a replica: backups are the writer's job) with no `backups`
        declared, or `backups.retention_days: 0`. The finding says what AWS does then:
        RDS and Aurora keep automated backups 1 day when created through the API, the
        CLI or CloudFormation (7 days from the RDS console); DynamoDB keeps no
        point-in-time backups until point-in-time recovery is turned on. Aurora cannot
        turn backups off, so `retention_days: 0` on Aurora is reported as impossible
        (info).

    Why it matters:
        Replication copies mistakes as faithfully as data: a dropped table is dropped on
        every replica. Only a backup (point-in-time recovery) brings it back, and one
        day is gone before a mistake made on Friday is noticed on Monday.

    Bad:
        components:
          - {id: db, kind: database, subnets: [data-a]}

    Good:
        components:
          - {id: db, kind: database, subnets: [data-a], backups: {retention_days: 7}}
    """

    id = "REL007"
    name = "no-backups"
    pillar = "reliability"
    severity = "warning"
    since = 2
    upstream = ("checkov CKV_AWS_133", "WA REL09-BP03")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for db in ctx.of_kind(Database):
            if db.role == "replica":
                continue
            default = ctx.service(db).backups
            if db.backups is None:
                assumed = f": {default.fact.cited}" if default is not None else ""
                yield Hit(f"database declares no backups{assumed}", db.id)
            elif db.backups.retention_days == 0:
                key = ("components", db.id, "backups")
                if default is not None and not default.can_disable:
                    yield Hit(
                        f"backup retention of 0 days is not possible: {default.fact.cited}",
                        db.id,
                        key,
                        "info",
                    )
                else:
                    yield Hit("backup retention is 0 days", db.id, key)


class CacheSingleNode(Rule):
    """A cache has one node, no automatic failover, or lives in one zone.

    What it checks:
        A `cache` with `nodes` below 2, `failover` other than `automatic`, or subnets
        in fewer than two zones. Memcached has no replication and cannot fail over, so
        it is judged by its nodes and zones only; without subnets, ElastiCache puts its
        nodes in one zone (`AZMode` single-az).

    Why it matters:
        One cache server is a single point of failure: when it goes, every read falls on
        the database at once, which was sized for the cache's misses only (stage 4).
        Memcached nodes spread over zones lose only their share of the keys.

    Bad:
        components:
          - {id: cache, kind: cache, subnets: [data-a]}

    Good:
        components:
          - {id: cache, kind: cache, subnets: [data-a, data-b], nodes: 2, failover: automatic}
    """

    id = "REL008"
    name = "cache-single-node"
    pillar = "reliability"
    severity = "warning"
    since = 4
    upstream = ("checkov CKV2_AWS_50", "Security Hub ElastiCache.3")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cache in ctx.of_kind(Cache):
            service = ctx.service(cache)
            if service.failover == "spread":  # Memcached: nodes and zones, no failover
                yield from self._spread(ctx, cache)
                continue
            problems = []
            if cache.nodes < 2:
                problems.append("runs 1 node")
            if cache.failover is None:
                problems.append("declares no failover")
            elif cache.failover != "automatic":
                problems.append(f"failover is {cache.failover}")
            zone = _zone_problem(ctx, cache)
            if zone:
                problems.append(zone)
            if problems:
                yield Hit(f"cache {'; '.join(problems)}", cache.id)

    @staticmethod
    def _spread(ctx: Context, cache: Cache) -> Iterator[Hit]:
        problems = ["runs 1 node"] if cache.nodes < 2 else []
        zones = ctx.subnet_zones(cache)
        if not cache.subnets:
            problems.append("declares no subnets, so its nodes share one zone")
        elif len(zones) < 2:
            problems.append(f"covers one zone ({', '.join(sorted(zones))})")
        fact = ctx.service(cache).failover_fact
        if problems and fact is not None:
            yield Hit(f"Memcached cache {'; '.join(problems)} — {fact.cited}", cache.id)


class CacheOnlyCopy(Rule):
    """Data marked as the source of truth lives only in a cache.

    What it checks:
        A `cache` with `source_of_truth: true` whose `backed_by` names no database or
        storage.

    Why it matters:
        A cache is memory: a restart, an eviction or a failover loses what it holds.
        Data that must persist needs a durable store behind it (stage 4).

    Bad:
        components:
          - {id: sessions, kind: cache, subnets: [data-a], source_of_truth: true}

    Good:
        components:
          - {id: db, kind: database, subnets: [data-a]}
          - id: sessions
            kind: cache
            subnets: [data-a]
            source_of_truth: true
            backed_by: [db]
    """

    id = "REL009"
    name = "cache-only-copy"
    pillar = "reliability"
    severity = "error"
    since = 4
    upstream = ("WA REL09-BP01",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for cache in ctx.of_kind(Cache):
            durable = [b for b in cache.backed_by if ctx.kind(b) in ("database", "storage")]
            if cache.source_of_truth and not durable:
                yield Hit(
                    "source-of-truth data lives only in this cache: no database or storage "
                    "in backed_by",
                    cache.id,
                )


class StickySessionsWithScaling(Rule):
    """An autoscaled tier keeps sessions on the server.

    What it checks:
        A `compute` component whose scaling range lets it grow (max > min) and that
        declares `state: sticky-sessions` or `local-state`, or sits behind a load
        balancer with `sticky_sessions: true`.

    Why it matters:
        Scaling in terminates servers and their sessions with them; sticky sessions
        also skew load onto old servers. Stage 6 moves session state to a shared store.

    Bad:
        components:
          - id: web
            kind: compute
            subnets: [app-a, app-b]
            scaling: {min: 2, max: 8}
            state: sticky-sessions

    Good:
        components:
          - id: web
            kind: compute
            subnets: [app-a, app-b]
            scaling: {min: 2, max: 8}
            state: stateless
    """

    id = "REL010"
    name = "sticky-sessions-with-scaling"
    pillar = "reliability"
    severity = "warning"
    since = 6
    upstream = ("WA REL05-BP06",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            if compute.scaling is None or compute.scaling.max <= compute.scaling.min:
                continue
            if compute.state in ("sticky-sessions", "local-state"):
                yield Hit(
                    f"autoscaled tier keeps state on the server (state: {compute.state})",
                    compute.id,
                    ("components", compute.id, "state"),
                )
                continue
            for _, connection in ctx.incoming[compute.id]:
                lb = ctx.components.get(connection.source)
                if isinstance(lb, LoadBalancer) and lb.sticky_sessions:
                    yield Hit(
                        f"load balancer {lb.id} pins sessions to servers of an autoscaled tier",
                        compute.id,
                    )
                    break


class RegionWithoutDataReplication(Rule):
    """A database in one region has no replicated counterpart in another region.

    What it checks:
        In a model with two or more regions: a `database` whose replication group (the
        databases linked to it by `replicates`, either way) has no member in another
        region. A database with no region (no subnets, no `region:`) is reported too.

    Why it matters:
        A second region only survives the loss of the first if the data is there too;
        otherwise the standby region serves empty tables (stage 7).

    Bad:
        regions:
          - {name: eu-west-1, zones: [eu-west-1a]}
          - {name: us-east-1, zones: [us-east-1a]}
        components:
          - {id: db, kind: database, region: eu-west-1}

    Good:
        regions:
          - {name: eu-west-1, zones: [eu-west-1a]}
          - {name: us-east-1, zones: [us-east-1a]}
        components:
          - {id: db, kind: database, role: primary, region: eu-west-1}
          - {id: db-us, kind: database, role: replica, replicates: db, region: us-east-1}
    """

    id = "REL011"
    name = "region-without-data-replication"
    pillar = "reliability"
    severity = "warning"
    since = 7
    upstream = ("WA REL10-BP01", "WA REL13-BP02")

    def check(self, ctx: Context) -> Iterator[Hit]:
        if len(ctx.model.regions) < 2:
            return
        group_of = {name: group for group in ctx.graph.replication_groups for name in group}
        for db in ctx.of_kind(Database):
            home = ctx.region(db)
            if home is None:
                yield Hit(
                    "database declares no region or subnets: its data's region is unknown", db.id
                )
                continue
            regions = {ctx.region(ctx.components[m]) for m in group_of.get(db.id, {db.id})}
            if not regions - {home, None}:
                yield Hit(
                    f"data lives only in {home}: no database in another region replicates it",
                    db.id,
                )


class DnsWithoutFailover(Rule):
    """Multi-region DNS has no latency, geo or failover routing, or no health checks.

    What it checks:
        In a model with two or more regions: a `dns` component whose `routing` is not
        `latency`, `geo` or `failover`, or whose `health_checks` is not true.

    Why it matters:
        Route 53 steers users to the nearest healthy region only when it routes by
        latency or geography and checks health; otherwise a failed region keeps
        receiving its share of users (stage 7).

    Bad:
        regions:
          - {name: eu-west-1, zones: [eu-west-1a]}
          - {name: us-east-1, zones: [us-east-1a]}
        components:
          - {id: dns, kind: dns, routing: simple}

    Good:
        regions:
          - {name: eu-west-1, zones: [eu-west-1a]}
          - {name: us-east-1, zones: [us-east-1a]}
        components:
          - {id: dns, kind: dns, routing: latency, health_checks: true}
    """

    id = "REL012"
    name = "dns-without-failover"
    pillar = "reliability"
    severity = "warning"
    since = 7
    upstream = ("Trusted Advisor b73EEdD790", "WA REL02-BP01")

    def check(self, ctx: Context) -> Iterator[Hit]:
        if len(ctx.model.regions) < 2:
            return
        for dns in ctx.of_kind(Dns):
            problems = []
            if dns.routing not in ("latency", "geo", "failover"):
                problems.append(f"routes with {dns.routing} routing")
            if not dns.health_checks:
                problems.append("declares no health checks")
            if problems:
                yield Hit(f"multi-region DNS {' and '.join(problems)}", dns.id)


class NoHealthChecks(Rule):
    """A load balancer declares no health check for its targets.

    What it checks:
        A `load-balancer` without `health_check` whose service does not check its
        targets by itself. An Application, Network or Gateway Load Balancer's target
        group and Global Accelerator always check their targets, with AWS's default
        when nothing is configured (an ALB requests `/` over HTTP every 30 seconds, an
        NLB opens a TCP connection), so they are not asked for one; a Classic Load
        Balancer, or a load balancer of unknown service, is.

    Why it matters:
        The load balancer stops sending traffic to a failed server only if its health
        check notices the failure (stage 3's failover). Where AWS checks by default, a
        declared `health_check` documents a deeper one (a path that proves the
        application works), but its absence is no gap.

    Bad:
        components:
          - {id: elb, kind: load-balancer, service: clb, subnets: [public-a, public-b]}

    Good:
        components:
          - id: elb
            kind: load-balancer
            service: clb
            subnets: [public-a, public-b]
            health_check: {path: /healthz, interval: 10s}
    """

    id = "REL013"
    name = "no-health-checks"
    pillar = "reliability"
    severity = "warning"
    since = 3
    upstream = ("checkov CKV_AWS_261", "WA REL11-BP01")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for lb in ctx.of_kind(LoadBalancer):
            if lb.health_check is None and ctx.service(lb).health_check is None:
                yield Hit("load balancer declares no health check", lb.id)


class QueueWithoutDeadLetter(Rule):
    """A queue, topic, event bus or stream has nowhere to set failing messages aside.

    What it checks:
        Judged by where the service keeps failures: an SQS queue or Amazon MQ broker
        without `dead_letter`; an EventBridge bus without `dead_letter` (for its rule
        targets: EventBridge retries a delivery for 24 hours, then drops the event); an
        SNS topic by its subscribers, as SNS keeps a dead-letter queue per subscription:
        one that delivers to a Lambda function, a server or an API (an HTTP/S endpoint),
        with no `dead_letter` on the topic (its subscriptions' redrive policy) and, for a
        Lambda function, no `on_failure` on the function either, is reported — not one
        whose subscribers are queues or people (SMS, e-mail); a Kinesis Data Streams
        `stream` that something consumes with no `on_failure` destination (its consumer
        retries a failing batch until the records expire), unless every consumer is a
        Lambda function with its own `on_failure`; a Lambda function fed by a DynamoDB
        table's stream (an `async` connection from the table) with no `on_failure`. Not
        a Kinesis queue (`queue` with `service: kinesis`), Firehose or Step Functions,
        which handle failures otherwise (an error prefix in S3, Retry and Catch).

    Why it matters:
        A message that always fails is received again and again until it expires, and
        slows the others (on a stream it holds up its whole shard); an event that cannot
        be delivered is lost. A dead-letter queue or on-failure destination sets it
        aside after a few attempts for someone to look at.

    Bad:
        components:
          - {id: jobs, kind: queue, service: sqs}

    Good:
        components:
          - {id: jobs, kind: queue, service: sqs, dead_letter: {max_receives: 5}}
    """

    id = "REL014"
    name = "queue-without-dead-letter"
    pillar = "reliability"
    severity = "warning"
    since = 8
    upstream = ("WA REL05-BP04",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for queue in ctx.of_kind(Queue):
            where = ctx.service(queue).dead_letter
            if queue.dead_letter is not None or where == "consumer":
                continue
            if where == "subscription":
                yield from self._subscriptions(ctx, queue)
            elif where == "queue":
                yield Hit(
                    "queue declares no dead-letter queue (no redrive policy): a message "
                    "that keeps failing is received again until it expires",
                    queue.id,
                )
            else:
                yield Hit("queue declares no dead-letter queue", queue.id)
        for bus in ctx.of_kind(EventBus):
            fact = ctx.service(bus).dead_letter_fact
            if bus.dead_letter is None and ctx.service(bus).dead_letter == "target" and fact:
                yield Hit(f"event bus declares no dead-letter queue: {fact.cited}", bus.id)
        yield from self._streams(ctx)

    @staticmethod
    def _subscriptions(ctx: Context, topic: Queue) -> Iterator[Hit]:
        """An SNS topic whose subscribers would lose what cannot be delivered to them."""
        fact = ctx.service(topic).dead_letter_fact
        losing = []
        for _, connection in ctx.outgoing[topic.id]:
            subscriber = ctx.components.get(connection.target)
            if isinstance(subscriber, Compute):
                if subscriber.on_failure is None:
                    losing.append(subscriber.id)
            elif isinstance(subscriber, Api | LoadBalancer):
                losing.append(subscriber.id)
        if not losing or fact is None:
            return
        functions = [name for name in losing if ctx.service(ctx.components[name]).async_failures]
        lambdas = ctx.service(ctx.components[functions[0]]).async_failures if functions else None
        nor = f", nor {listed(functions)} an on-failure destination (on_failure)" if lambdas else ""
        also = f"; {lambdas.cited}" if lambdas else ""
        yield Hit(
            f"SNS topic's subscriptions to {listed(losing)} have no redrive policy "
            f"(dead_letter){nor}: {fact.cited}{also}",
            topic.id,
        )

    @staticmethod
    def _streams(ctx: Context) -> Iterator[Hit]:
        """Kinesis streams and DynamoDB streams whose consumers retry without end."""
        for stream in ctx.of_kind(Stream):
            service = ctx.service(stream)
            if service.dead_letter != "consumer" or stream.on_failure is not None:
                continue
            # consumed: it delivers to something, or something reads from it
            consumers = [ctx.components.get(c.target) for _, c in ctx.outgoing[stream.id]]
            consumers += [
                ctx.components.get(c.source) for _, c in ctx.incoming[stream.id] if c.mode == "read"
            ]
            if consumers and all(
                isinstance(c, Compute) and c.on_failure is not None for c in consumers
            ):
                continue  # each Lambda consumer sets its failed batches aside itself
            if consumers and service.dead_letter_fact is not None:
                yield Hit(
                    f"stream declares no on-failure destination: {service.dead_letter_fact.cited}",
                    stream.id,
                )
        for index, connection in enumerate(ctx.model.connections):
            table = ctx.components.get(connection.source)
            consumer = ctx.components.get(connection.target)
            if not (isinstance(table, Database) and isinstance(consumer, Compute)):
                continue
            fact = ctx.service(table).stream_retry
            lambda_ = ctx.service(consumer).async_failures is not None
            if connection.mode == "async" and lambda_ and consumer.on_failure is None and fact:
                yield Hit(
                    f"reads {table.id}'s stream with no on-failure destination (on_failure): "
                    f"{fact.cited}",
                    consumer.id,
                    ("connections", index),
                )


class CdnSingleOrigin(Rule):
    """A CDN has one origin, no origin failover, and a failure the origin does not ride out.

    What it checks:
        A `cdn` with a single entry in `origins` and `origin_failover` not true, when the
        model runs in more than one region (another region could serve the misses), or
        when the origin itself is not redundant (one instance, one zone). A single-region
        site whose one origin survives a zone by itself (S3, an ALB over two zones) is
        accepted practice: origin failover would need a copy in another region.

    Why it matters:
        When the only origin fails, every cache miss fails. CloudFront origin groups
        retry a second origin, such as the copy in the other region.

    Bad:
        regions:
          - {name: us-east-1, zones: [us-east-1a]}
          - {name: us-west-2, zones: [us-west-2a]}
        components:
          - {id: assets, kind: storage, service: s3, static_content: true, region: us-east-1}
          - {id: assets-west, kind: storage, service: s3, region: us-west-2}
          - {id: cdn, kind: cdn, origins: [assets]}

    Good:
        regions:
          - {name: us-east-1, zones: [us-east-1a]}
          - {name: us-west-2, zones: [us-west-2a]}
        components:
          - {id: assets, kind: storage, service: s3, static_content: true, region: us-east-1}
          - {id: assets-west, kind: storage, service: s3, region: us-west-2}
          - {id: cdn, kind: cdn, origins: [assets, assets-west], origin_failover: true}
    """

    id = "REL015"
    name = "cdn-single-origin"
    pillar = "reliability"
    severity = "info"
    since = 5
    upstream = ("checkov CKV_AWS_310",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        regions = {r.name for r in ctx.model.regions}
        regions |= {r for c in ctx.components.values() if (r := ctx.region(c)) is not None}
        for cdn in ctx.of_kind(Cdn):
            if len(cdn.origins) != 1 or cdn.origin_failover:
                continue
            name = cdn.origins[0]
            origin = ctx.components.get(name)
            if len(regions) > 1:
                yield Hit(
                    f"CDN has one origin ({name}) and no origin failover, though the model "
                    f"runs in {len(regions)} regions",
                    cdn.id,
                )
            elif origin is not None and not ctx.is_redundant(origin):
                yield Hit(
                    f"CDN has one origin ({name}), which one failure takes down, and no "
                    "origin failover",
                    cdn.id,
                )


class HeavyWorkSynchronous(Rule):
    """The web tier calls a batch or worker component synchronously.

    What it checks:
        A connection with a synchronous mode (`request`, `read`, `write`, `read-write`)
        from a `compute` with role `web` to a `compute` with role `batch` or `worker`.

    Why it matters:
        Slow work in the request path holds the user's connection and ties the web
        tier's capacity to the slowest job. A queue between them lets each side scale
        and fail on its own (stage 8).

    Bad:
        components:
          - {id: web, kind: compute, subnets: [app-a], roles: [web]}
          - {id: encoder, kind: compute, subnets: [app-a], roles: [worker]}
        connections:
          - {from: web, to: encoder, mode: request}

    Good:
        components:
          - {id: web, kind: compute, subnets: [app-a], roles: [web]}
          - {id: jobs, kind: queue, service: sqs}
          - {id: encoder, kind: compute, subnets: [app-a], roles: [worker]}
        connections:
          - {from: web, to: jobs, mode: async}
          - {from: jobs, to: encoder, mode: async}
    """

    id = "REL016"
    name = "heavy-work-synchronous"
    pillar = "reliability"
    severity = "warning"
    since = 8
    upstream = ("WA REL04-BP02",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for index, connection in enumerate(ctx.model.connections):
            source = ctx.components.get(connection.source)
            target = ctx.components.get(connection.target)
            if connection.mode not in SYNCHRONOUS_MODES:
                continue
            if not (isinstance(source, Compute) and isinstance(target, Compute)):
                continue
            if "web" in source.roles and {"batch", "worker"} & set(target.roles):
                yield Hit(
                    f"web tier {source.id} waits on heavy work in {target.id} "
                    f"({connection.mode}); put a queue between them",
                    target.id,
                    ("connections", index),
                )
