"""Security pillar, network exposure: who the declared security groups and ingress rules
let in (`Context.exposure`, `archgen/rules/exposure.py`).

Each rule judges what gets through to a component (`Exposure.effective`), so a model that
declares no exposure gets no finding here. One opening is judged by one rule: every port
open (SEC012) before an administration port (SEC009) before what a data store (SEC010)
or an origin behind an edge (SEC011) lets in, so that one line to fix is one finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.schema import Api, Cache, Cdn, Database, Firewall, LoadBalancer, Search
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context, listed
from archgen.rules.exposure import Opening

#: ports that administer a host, by protocol: whoever reaches them may try to log in
ADMIN_PORTS: tuple[tuple[int, str, str], ...] = (
    (22, "tcp", "SSH"),
    (23, "tcp", "Telnet"),
    (3389, "tcp", "RDP"),
    (3389, "udp", "RDP"),
    (5985, "tcp", "WinRM"),
    (5986, "tcp", "WinRM over HTTPS"),
)
#: the kinds that stand in front of an origin, as a message names them
EDGE_WORDS = {"cdn": "CDN", "load-balancer": "load balancer", "api": "API"}
#: the data stores SEC010 guards
GUARDED_STORES = (Database, Cache, Search)


def _where(opening: Opening, ctx: Context) -> str:
    """``from: 0.0.0.0/0 in security group admin-sg``: the rule a reader goes to."""
    client = " (a client)" if ctx.kind(opening.source) == "client" else ""
    return f"from: {opening.source}{client} in {opening.declared_by}"


def _admin_services(opening: Opening) -> list[str]:
    """The administration ports an opening lets the internet reach (``SSH (22)``)."""
    if not opening.from_internet or opening.all_ports:
        return []
    found = [
        f"{name} ({port})" for port, protocol, name in ADMIN_PORTS if opening.covers(port, protocol)
    ]
    return list(dict.fromkeys(found))


def _wide_open_to(opening: Opening, ctx: Context) -> str | None:
    """To whom every port of `opening` is open too widely (``the internet (from: …)``,
    or its source and why it is too wide), or None."""
    if not opening.all_ports:
        return None
    if opening.from_internet:
        return f"the internet ({_where(opening, ctx)})"
    breadth = ctx.exposure.breadth(opening)
    return f"{opening.source}, which {breadth} ({opening.declared_by})" if breadth else None


def _judged_before(opening: Opening, ctx: Context) -> bool:
    """Whether SEC012 or SEC009 already reports this opening."""
    return _wide_open_to(opening, ctx) is not None or bool(_admin_services(opening))


class AdminPortOpenToInternet(Rule):
    """An administration port (SSH, RDP, WinRM, Telnet) is open to the internet.

    What it checks:
        A component whose security groups, own `ingress:` or subnet rules let the
        internet in (`0.0.0.0/0`, `::/0`, `internet` or a client component) on port 22
        (SSH), 23 (Telnet), 3389 (RDP, TCP or UDP), 5985 or 5986 (WinRM), by a port or a
        range that holds one. A subnet's rules must let it in too, where they are
        declared; a subnet rule alone counts when it names the port, not when it opens
        the ephemeral range 1024–65535 for replies. A rule that opens every port is
        SEC012's.

    Why it matters:
        Every address on the internet is scanned for these ports within minutes, and a
        login prompt invites password guessing and exploits of the daemon behind it.
        Administer through a bastion or VPN that only your own range reaches, or
        through SSM Session Manager with no port open at all.

    Bad:
        security_groups:
          - name: admin-sg
            ingress: [{ports: 22, from: 0.0.0.0/0}]
        components:
          - {id: web, kind: compute, subnets: [public-a], security_groups: [admin-sg]}

    Good:
        security_groups:
          - name: admin-sg
            ingress: [{ports: 22, from: 198.51.100.0/24, description: office VPN}]
        components:
          - {id: web, kind: compute, subnets: [public-a], security_groups: [admin-sg]}
    """

    id = "SEC009"
    name = "admin-port-open-to-internet"
    pillar = "security"
    severity = "error"
    since = 1
    upstream = (
        "checkov CKV_AWS_24, CKV_AWS_25",
        "Security Hub EC2.13, EC2.14, EC2.21",
        "CIS AWS Foundations 5.2",
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not ctx.exposure.declared:
            return
        for component in ctx.model.components:
            for opening in ctx.exposure.effective(component):
                services = _admin_services(opening)
                if services:
                    verb = "is" if len(services) == 1 else "are"
                    yield Hit(
                        f"{' and '.join(services)} {verb} open to the internet "
                        f"({_where(opening, ctx)})",
                        component.id,
                        opening.key,
                    )


class DataStoreOpenBeyondItsCallers(Rule):
    """A database, cache or search domain lets in more than the components that call it.

    What it checks:
        Each rule that lets traffic into a `database`, `cache` or `search` component (its
        security groups, its own `ingress:`, narrowed by its subnets' rules). Error: the
        internet (`0.0.0.0/0`, `::/0`, `internet`, a client). Warning: a CIDR block
        wider than one tier — one that covers a whole VPC or a public subnet of the
        model, is /16 or wider (/56 for IPv6: as wide as a VPC can be), or holds public
        addresses — or the `cloudfront` prefix list; and a component, or a member of a
        security group, that no connection shows calling it (a replica and its source
        call each other). Not judged: ICMP (ping); a security group's rule for its own
        members (the nodes of a cluster trusting each other); a gateway (a NAT gateway
        relays what its subnets send, whoever that is); public addresses when a client
        calls the store directly (the range is where those clients are).

    Why it matters:
        A data store should answer only the tier that uses it. A rule for the whole VPC
        lets a compromised web server or bastion query the database directly; a rule
        for a component that never calls it is access nobody reviews.

    Bad:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - id: db
            kind: database
            subnets: [data-a]
            ingress: [{ports: 3306, from: 10.0.0.0/8}]
        connections:
          - {from: app, to: db, protocol: mysql}

    Good:
        components:
          - {id: app, kind: compute, subnets: [app-a]}
          - id: db
            kind: database
            subnets: [data-a]
            ingress: [{ports: 3306, from: app}]
        connections:
          - {from: app, to: db, protocol: mysql}
    """

    id = "SEC010"
    name = "data-store-open-beyond-its-callers"
    pillar = "security"
    severity = "error"
    since = 2
    upstream = ("Security Hub EC2.19", "WA SEC05-BP02")

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not ctx.exposure.declared:
            return
        for store in ctx.model.components:
            if not isinstance(store, GUARDED_STORES):
                continue
            openings = ctx.exposure.effective(store)
            if not openings:
                continue
            # a replica and its source replicate to each other without a connection
            callers = {c.source for _, c in ctx.incoming[store.id]}
            callers.update(replica.id for replica in ctx.replicas.get(store.id, []))
            if isinstance(store, Database) and store.replicates is not None:
                callers.add(store.replicates)
            for opening in openings:
                if opening.protocol == "icmp" or _judged_before(opening, ctx):
                    continue
                hit = self._judge(ctx, store.id, store.kind, opening, callers)
                if hit is not None:
                    yield hit

    @staticmethod
    def _judge(
        ctx: Context, store: str, kind: str, opening: Opening, callers: set[str]
    ) -> Hit | None:
        # a store that clients call directly names where they are by a public range
        clients = any(ctx.kind(c) == "client" for c in callers)
        where = _where(opening, ctx)
        if opening.from_internet:
            return Hit(
                f"{kind} is open to the internet on {opening.traffic} ({where})",
                store,
                opening.key,
            )
        breadth = ctx.exposure.breadth(opening)
        if breadth is not None and not (clients and ctx.exposure.public_range(opening)):
            return Hit(
                f"{kind} is open on {opening.traffic} to {opening.source}, which {breadth} "
                f"({opening.declared_by}): let in only the tier that calls it",
                store,
                opening.key,
                "warning",
            )
        if opening.source == opening.via:
            return None  # a group's rule for its own members: peers trust each other
        known = callers | {store}
        strangers = [
            c
            for c in ctx.exposure.source_components(opening)
            if c not in known and ctx.kind(c) != "gateway"
        ]
        if not strangers:
            return None
        who = listed(strangers)
        they = "it calls" if len(strangers) == 1 else "they call"
        return Hit(
            f"{who} may connect on {opening.traffic} ({where}) but no connection says "
            f"{they} this {kind}",
            store,
            opening.key,
            "warning",
        )


class OriginReachableAroundEdge(Rule):
    """An origin behind a CDN, or behind a load balancer or API with a WAF, is open to the internet.

    What it checks:
        The origins of a `cdn` (and what it connects to), and what a load balancer or
        API connects to when it sits behind a CDN or carries a WAF (`waf: true`, or a
        `firewall` of service `waf` that `protects` it), down through further load
        balancers and APIs: a load balancer, API, compute or generic component among
        them whose security groups or `ingress:` let the internet in. Not one that a
        client or DNS connects to directly (the design makes it public), nor a data
        store (SEC010's), nor ICMP, nor administration ports or every port (SEC009,
        SEC012).

    Why it matters:
        Whoever finds the origin's address skips the CDN's caching, Shield and WAF, or
        the load balancer's WAF: the protection holds only if it is the one way in. Let
        the origin in only from the `cloudfront` prefix list, or from the load
        balancer's security group.

    Bad:
        security_groups:
          - name: alb-sg
            ingress: [{ports: 443, from: 0.0.0.0/0}]
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b], security_groups: [alb-sg]}
          - {id: cdn, kind: cdn, origins: [alb], waf: true}

    Good:
        security_groups:
          - name: alb-sg
            ingress: [{ports: 443, from: cloudfront}]
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b], security_groups: [alb-sg]}
          - {id: cdn, kind: cdn, origins: [alb], waf: true}
    """

    id = "SEC011"
    name = "origin-reachable-around-edge"
    pillar = "security"
    severity = "warning"
    since = 5
    upstream = ("AWS CloudFront origin-facing prefix list", "WA SEC05-BP02")

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not ctx.exposure.declared:
            return
        for origin, front in self._behind_edges(ctx).items():
            component = ctx.components[origin]
            for opening in ctx.exposure.effective(component):
                if not opening.from_internet or opening.protocol == "icmp":
                    continue
                if _judged_before(opening, ctx):
                    continue
                yield Hit(
                    f"is open to the internet on {opening.traffic} ({_where(opening, ctx)}), "
                    f"so requests can go around {front}",
                    origin,
                    opening.key,
                )

    @staticmethod
    def _behind_edges(ctx: Context) -> dict[str, str]:
        """The components behind an edge, each with the edge in words (``CDN cdn and its
        WAF``); the first edge in model order that reaches one names it."""
        wafs = {
            target
            for firewall in ctx.of_kind(Firewall)
            if firewall.drawn_service == "waf"
            for target in firewall.protects
        }
        wafs |= {
            c.id for c in ctx.model.components if isinstance(c, Cdn | LoadBalancer | Api) and c.waf
        }
        public = {
            connection.target
            for connection in ctx.model.connections
            if ctx.kind(connection.source) in ("client", "dns")
        }
        behind: dict[str, str] = {}
        starts = [
            c
            for c in ctx.model.components
            if isinstance(c, Cdn) or (isinstance(c, LoadBalancer | Api) and c.id in wafs)
        ]
        for edge in starts:
            words = f"{EDGE_WORDS[edge.kind]} {edge.id}" + (
                " and its WAF" if edge.id in wafs else ""
            )
            queue, seen = [edge.id], {edge.id}
            while queue:
                front = queue.pop(0)
                targets = [c.target for _, c in ctx.outgoing[front]]
                node = ctx.components[front]
                if isinstance(node, Cdn):
                    targets = [*node.origins, *targets]
                for target in targets:
                    if target in seen or target not in ctx.components:
                        continue
                    seen.add(target)
                    kind = ctx.kind(target)
                    if kind in ("load-balancer", "api"):
                        queue.append(target)
                    if (
                        kind in ("load-balancer", "api", "compute", "generic")
                        and target not in public
                    ):
                        behind.setdefault(target, words)
        return behind


class AllTrafficAllowed(Rule):
    """Every port is open to the internet or to a range wider than one tier.

    What it checks:
        A rule that lets in every port (`ports: all`, `protocol: all`, or 0/1–65535)
        from the internet (`0.0.0.0/0`, `::/0`, `internet`, a client): error. The same
        from a CIDR block wider than one tier (it covers a whole VPC or a public subnet,
        is /16 or wider, or holds public addresses) or from the `cloudfront` prefix list:
        warning. Every port from a security group or a component is not judged: a load
        balancer reaching dynamic container ports needs it.

    Why it matters:
        A rule for every port exposes whatever happens to listen, today and after the
        next change: a debug port, a metrics endpoint, a database someone started for a
        test. Open the ports the component serves, to the sources that use them.

    Bad:
        security_groups:
          - name: web-sg
            ingress: [{ports: all, protocol: all, from: internet}]
        components:
          - {id: web, kind: compute, subnets: [public-a], security_groups: [web-sg]}

    Good:
        security_groups:
          - name: web-sg
            ingress: [{ports: 443, from: internet}]
        components:
          - {id: web, kind: compute, subnets: [public-a], security_groups: [web-sg]}
    """

    id = "SEC012"
    name = "all-traffic-allowed"
    pillar = "security"
    severity = "error"
    since = 1
    upstream = ("checkov CKV_AWS_277", "Security Hub EC2.18", "trivy AWS-0107")

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not ctx.exposure.declared:
            return
        for component in ctx.model.components:
            for opening in ctx.exposure.effective(component):
                to = _wide_open_to(opening, ctx)
                if to is None:
                    continue
                yield Hit(
                    f"{opening.traffic} is open to {to}",
                    component.id,
                    opening.key,
                    None if opening.from_internet else "warning",
                )
