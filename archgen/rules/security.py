"""Security pillar: what the internet can reach, and what travels or rests in plaintext."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.capabilities import WAF_RESOURCES, WEB_PROTOCOLS
from archgen.model.schema import (
    Api,
    Cache,
    Cdn,
    Compute,
    Connection,
    Database,
    Firewall,
    LoadBalancer,
    Queue,
    Search,
    Storage,
    Stream,
)
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context, article, encrypted_in_transit

DATA_STORES = (Database, Cache, Queue, Storage, Stream, Search)


class DatabaseInPublicSubnet(Rule):
    """A database sits in a public subnet or has a public address.

    What it checks:
        A `database` component placed in a subnet with `public: true`, or declaring
        `public: true` itself.

    Why it matters:
        A database in a public subnet is one security-group mistake away from the whole
        internet. Databases belong in private subnets that only the application tier
        can reach (stage 2 of the journey moves it there).

    Bad:
        components:
          - {id: db, kind: database, service: rds-mysql, subnets: [public-a]}

    Good:
        components:
          - {id: db, kind: database, service: rds-mysql, subnets: [data-a]}
    """

    id = "SEC001"
    name = "database-in-public-subnet"
    pillar = "security"
    severity = "error"
    since = 2
    upstream = ("checkov CKV_AWS_17", "Security Hub RDS.2", "WA SEC05-BP01")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for db in ctx.of_kind(Database):
            if db.public:
                yield Hit("database has a public address (public: true)", db.id)
            elif ctx.in_public_subnet(db):
                public = [s for s in db.subnets if s in ctx.subnets and ctx.subnets[s][0].public]
                yield Hit(
                    f"database is in public subnet {', '.join(public)}",
                    db.id,
                    ("components", db.id, "subnets"),
                )


class DataTierReachableFromInternet(Rule):
    """A path from the internet reaches a database, cache or queue without the app tier.

    What it checks:
        On the graph of components and connections, with an `internet` node touching
        every client and every public component (public subnet, `public: true`, DNS,
        CDN): any database, cache or queue reachable from `internet` by a path that
        passes no `compute` component and no `api` (API Gateway or AppSync, which
        authorise the caller and map a request to the one operation the integration
        allows). What a data store emits by itself (an S3 event notification, a
        DynamoDB stream: an `async` connection from storage or a database) carries the
        store's event, not the sender's packets, and is no such path.

    Why it matters:
        The application tier is where requests are authenticated and validated. A data
        store that a load balancer, a public client or the internet reaches directly
        trusts whoever sends it a packet.

    Bad:
        components:
          - {id: users, kind: client}
          - {id: db, kind: database, subnets: [data-a]}
        connections:
          - {from: users, to: db, protocol: mysql}

    Good:
        components:
          - {id: users, kind: client}
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a]}
        connections:
          - {from: users, to: app, protocol: https}
          - {from: app, to: db, protocol: mysql}
    """

    id = "SEC002"
    name = "data-tier-reachable-from-internet"
    pillar = "security"
    severity = "error"
    since = 2
    upstream = ("WA SEC05-BP02 (graph-only)",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        reached = ctx.graph.reachable_from_internet_avoiding("compute", "api")
        for component in ctx.model.components:
            if component.kind in ("database", "cache", "queue") and component.id in reached:
                yield Hit(
                    f"the internet reaches this {component.kind} without passing a compute "
                    "tier or an API",
                    component.id,
                )


class AppTierInPublicSubnet(Rule):
    """Compute behind a load balancer sits in a public subnet.

    What it checks:
        A `compute` component that a load balancer sends requests to, placed in a public
        subnet or declaring `public: true`.

    Why it matters:
        Once a load balancer is the entry point, the servers behind it need no public
        address. Keeping them in private subnets means the only way in is through the
        load balancer (stage 3).

    Bad:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}
          - {id: web, kind: compute, subnets: [public-a, public-b], instances: 2}
        connections:
          - {from: alb, to: web, protocol: http}

    Good:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}
          - {id: web, kind: compute, subnets: [app-a, app-b], instances: 2}
        connections:
          - {from: alb, to: web, protocol: http}
    """

    id = "SEC003"
    name = "app-tier-in-public-subnet"
    pillar = "security"
    severity = "warning"
    since = 3
    upstream = ("checkov CKV_AWS_88", "trivy AWS-0164")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            balancers = [
                c.source
                for _, c in ctx.incoming[compute.id]
                if ctx.kind(c.source) == "load-balancer"
            ]
            if balancers and (compute.public or ctx.in_public_subnet(compute)):
                yield Hit(
                    f"sits in a public subnet behind load balancer {balancers[0]}", compute.id
                )


class PlaintextAtTheEdge(Rule):
    """A connection from a client or a CDN to the entry tier is not encrypted.

    What it checks:
        A connection from a `client` or a `cdn` to anything but DNS that is not
        encrypted: `tls: false`, a plaintext protocol (`http`, `tcp`, `mysql`, …)
        without `tls: true`, or neither a protocol that encrypts by itself (`https`,
        `tls`, `ssh`, `rdp`) nor `tls: true` (`grpc` and `websocket` run either way).
        A CDN's access-log delivery to storage that is not its origin is AWS's own
        transfer, not traffic at the edge, and is not judged.

    Why it matters:
        Traffic between users and the edge crosses networks nobody controls. Plain HTTP
        exposes sessions and credentials to anyone on the path.

    Bad:
        components:
          - {id: users, kind: client}
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}
        connections:
          - {from: users, to: alb, protocol: http}

    Good:
        components:
          - {id: users, kind: client}
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}
        connections:
          - {from: users, to: alb, protocol: https}
    """

    id = "SEC004"
    name = "plaintext-at-the-edge"
    pillar = "security"
    severity = "warning"
    since = 3
    upstream = ("checkov CKV_AWS_2", "WA SEC09-BP02")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for index, connection in enumerate(ctx.model.connections):
            if ctx.kind(connection.source) not in ("client", "cdn"):
                continue
            if ctx.kind(connection.target) == "dns" or ctx.encrypted(connection):
                continue
            if ctx.delivers_logs(connection):
                continue
            yield Hit(
                f"connection {connection.source} -> {connection.target} "
                f"{_plaintext_why(connection)}",
                connection.target,
                ("connections", index),
            )


def _plaintext_why(connection: Connection) -> str:
    """Why a connection counts as unencrypted, in words."""
    if connection.tls is False:
        return "is not encrypted (tls: false)"
    if connection.protocol is None:
        return "declares no encryption (no https, tls or tls: true)"
    if encrypted_in_transit(connection) is False:
        return f"uses plain {connection.protocol}"
    return f"declares no encryption: {connection.protocol} runs with or without TLS (tls: true)"


class PlaintextToDataTier(Rule):
    """A connection from compute to a cache or database is not declared encrypted.

    What it checks:
        A connection from a `compute` component to a `cache` or `database` that is not
        encrypted: neither a protocol that encrypts by itself (`tls`, `https`, `ssh`)
        nor `tls: true`, to a service whose endpoint does not encrypt every connection
        itself (DynamoDB and Keyspaces do).

    Why it matters:
        Inside a VPC traffic is private, not secret: anything that can capture packets
        on the path sees queries and cached values. RDS and ElastiCache both offer TLS.

    Bad:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a]}
        connections:
          - {from: app, to: db, protocol: mysql}

    Good:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - {id: db, kind: database, subnets: [data-a]}
        connections:
          - {from: app, to: db, protocol: mysql, tls: true}
    """

    id = "SEC005"
    name = "plaintext-to-data-tier"
    pillar = "security"
    severity = "info"
    since = 4
    upstream = ("checkov CKV_AWS_30",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for index, connection in enumerate(ctx.model.connections):
            if ctx.kind(connection.source) != "compute":
                continue
            if ctx.kind(connection.target) in ("cache", "database") and not ctx.encrypted(
                connection
            ):
                yield Hit(
                    f"connection {connection.source} -> {connection.target} declares no TLS",
                    connection.target,
                    ("connections", index),
                )


class DataNotEncryptedAtRest(Rule):
    """A data store is not encrypted at rest, by its own say or by AWS's default.

    What it checks:
        A `database`, `cache`, `queue`, `storage`, `stream` or `search` component with
        `encrypted: false`, or with no `encrypted` where the service's default is
        unencrypted: RDS
        instances, and node-based ElastiCache for Valkey or Redis OSS. The finding
        names the default. Where AWS always encrypts (DynamoDB, S3's SSE-S3 for every
        object since 2023, Amazon MQ), `encrypted: false` is reported as info, saying
        so; Aurora clusters created since 18 February 2026 are encrypted by default;
        node-based Memcached keeps nothing at rest (no backups) and offers no
        encryption at rest, so it is not judged. Services whose default could not be
        confirmed (SQS, SNS, Kinesis, EFS, OpenSearch, …) are judged only by
        `encrypted: false`.

    Why it matters:
        Snapshots, backups and retired disks outlive the service that wrote them.
        Encryption at rest costs almost nothing on AWS and keeps them unreadable; on RDS
        and ElastiCache it can only be chosen when the store is created.

    Bad:
        components:
          - {id: db, kind: database, subnets: [data-a], encrypted: false}

    Good:
        components:
          - {id: db, kind: database, subnets: [data-a], encrypted: true}
    """

    id = "SEC006"
    name = "data-not-encrypted-at-rest"
    pillar = "security"
    severity = "warning"
    since = 2
    upstream = ("checkov CKV_AWS_16", "WA SEC08-BP02")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for component in ctx.model.components:
            if not isinstance(component, DATA_STORES):
                continue
            at_rest = ctx.service(component).at_rest
            key = ("components", component.id, "encrypted")
            if not at_rest.possible:
                continue  # nothing kept at rest, and no way to encrypt it
            if component.encrypted is False:
                if at_rest.always and at_rest.fact is not None:
                    yield Hit(
                        f"encrypted: false, but {at_rest.fact.cited}", component.id, key, "info"
                    )
                else:
                    yield Hit(
                        f"{component.kind} is not encrypted at rest (encrypted: false)",
                        component.id,
                        key,
                    )
            elif component.encrypted is None and at_rest.default is False and at_rest.fact:
                yield Hit(
                    f"{component.kind} declares no encryption at rest, and {at_rest.fact.cited}",
                    component.id,
                )


class NoWafOnPublicEntry(Rule):
    """A public CDN, load balancer or API has no web application firewall.

    What it checks:
        A `cdn`, a public Application Load Balancer (`scheme: internet-facing`, or no
        scheme and a public subnet), or an `api` that is not `private`, without
        `waf: true` and protected by no `firewall` with `service: waf`. AWS WAF
        cannot be attached to a Network, Classic or Gateway Load Balancer, nor to an API
        Gateway HTTP or WebSocket API: for a public one that carries web traffic (an
        `api` always; a load balancer reached over `http`, `https`, `grpc` or
        `websocket`) and that no CDN with a WAF fronts, the finding suggests CloudFront
        with a WAF in front instead; one that claims `waf: true` is told it cannot; one
        carrying other traffic is left alone.

    Why it matters:
        The public entry point is where injection attempts, bots and floods arrive.
        AWS WAF on CloudFront or the ALB filters them before they cost compute.

    Bad:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}

    Good:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b], waf: true}
    """

    id = "SEC007"
    name = "no-waf-on-public-entry"
    pillar = "security"
    severity = "info"
    since = 5
    upstream = ("checkov CKV2_AWS_28",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        guarded = {
            p for fw in ctx.of_kind(Firewall) if fw.drawn_service == "waf" for p in fw.protects
        }
        shielded = {
            o for cdn in ctx.of_kind(Cdn) if cdn.waf or cdn.id in guarded for o in cdn.origins
        }
        for component in ctx.model.components:
            if not isinstance(component, Cdn | LoadBalancer | Api):
                continue
            if isinstance(component, LoadBalancer) and not ctx.is_public(component):
                continue
            if isinstance(component, Api) and component.private:
                continue
            if not ctx.service(component).waf:
                claimed = bool(component.waf) or component.id in guarded
                yield from self._cannot_carry(ctx, component, claimed, component.id in shielded)
                continue
            waf = True if component.id in guarded else component.waf
            if waf is None:
                yield Hit(f"public {component.kind} declares no WAF", component.id)
            elif waf is False:
                yield Hit(
                    f"public {component.kind} has no WAF (waf: false)",
                    component.id,
                    ("components", component.id, "waf"),
                )

    @staticmethod
    def _cannot_carry(
        ctx: Context, entry: Cdn | LoadBalancer | Api, claimed: bool, shielded: bool
    ) -> Iterator[Hit]:
        name = ctx.service(entry).title or entry.drawn_service
        cannot = f"AWS WAF cannot protect {article(name)} (AWS: {WAF_RESOURCES.source.title})"
        if claimed:
            yield Hit(
                f"a WAF is declared for it, but {cannot}: put the web ACL on CloudFront in "
                "front of it",
                entry.id,
                ("components", entry.id, "waf") if entry.waf else None,
            )
            return
        web = isinstance(entry, Api) or any(
            c.protocol in WEB_PROTOCOLS for _, c in ctx.incoming[entry.id]
        )
        if web and not shielded:
            yield Hit(
                f"public {name} carries web traffic without a WAF, and {cannot}: put "
                "CloudFront with a WAF in front of it",
                entry.id,
            )


class AllTiersOnOneHost(Rule):
    """One host carries the web, application and database roles in production.

    What it checks:
        A `compute` component whose `roles` include `web`, `app` and `database`, running
        in production (or in a model without environments).

    Why it matters:
        With every tier on one machine, a compromise of the web server is a compromise
        of the data, and the database listens where the internet connects (stage 1).

    Bad:
        components:
          - {id: server, kind: compute, subnets: [public-a], roles: [web, app, database]}

    Good:
        components:
          - {id: server, kind: compute, subnets: [app-a], roles: [web, app]}
          - {id: db, kind: database, subnets: [data-a]}
    """

    id = "SEC008"
    name = "all-tiers-on-one-host"
    pillar = "security"
    severity = "warning"
    since = 1
    upstream = ("WA SEC05-BP01",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            if {"web", "app", "database"} <= set(compute.roles) and ctx.in_production(compute):
                yield Hit(
                    "one host runs the web, application and database tiers",
                    compute.id,
                    ("components", compute.id, "roles"),
                )
