"""Cost optimisation: capacity paid for where it buys nothing."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.schema import Compute
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context


class NonProductionOverProvisioned(Rule):
    """A non-production environment runs multi-AZ, multi-region or with replicas.

    What it checks:
        An environment other than production (and other than one that mirrors
        production, which must match it) declaring `zones` above 1, more than one of
        `regions`, or `replicas: true`.

    Why it matters:
        QA and dev need the same software, not the same resilience; a second zone or
        region doubles their bill for availability nobody uses.

    Bad:
        environments:
          - {name: production}
          - {name: dev, zones: 2, replicas: true}

    Good:
        environments:
          - {name: production}
          - {name: dev, zones: 1, replicas: false}
    """

    id = "COST001"
    name = "non-production-over-provisioned"
    pillar = "cost"
    severity = "info"
    since = 3
    upstream = ("WA COST02-BP05",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for env in ctx.model.environments:
            if env.name == "production" or env.mirrors == "production":
                continue
            key = ("environments", env.name)
            if env.zones is not None and env.zones > 1:
                yield Hit(f"{env.name} runs in {env.zones} zones", key=(*key, "zones"))
            if env.regions is not None and len(env.regions) > 1:
                yield Hit(f"{env.name} runs in {len(env.regions)} regions", key=(*key, "regions"))
            if env.replicas:
                yield Hit(f"{env.name} runs database replicas", key=(*key, "replicas"))


class OneSizeForCpuAndIo(Rule):
    """One host carries CPU-bound (web/app) and I/O-bound (database) roles.

    What it checks:
        A `compute` whose `roles` include `database` and `web` or `app`.

    Why it matters:
        Web and application servers want CPU; databases want memory and fast disks. A
        machine sized for both pays for the larger of each (stage 2).

    Bad:
        components:
          - {id: server, kind: compute, subnets: [app-a], roles: [app, database]}

    Good:
        components:
          - {id: server, kind: compute, subnets: [app-a], roles: [app]}
          - {id: db, kind: database, subnets: [data-a]}
    """

    id = "COST002"
    name = "one-size-for-cpu-and-io"
    pillar = "cost"
    severity = "info"
    since = 2
    upstream = ("seed stage 2",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for compute in ctx.of_kind(Compute):
            roles = set(compute.roles)
            if "database" in roles and roles & {"web", "app"}:
                yield Hit(
                    "one host is sized for CPU-bound and I/O-bound work at once",
                    compute.id,
                    ("components", compute.id, "roles"),
                )
