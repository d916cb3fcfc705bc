"""Operational excellence: logs, monitoring, environment parity, deployment, naming."""

from __future__ import annotations

import re
from collections.abc import Iterator

from archgen.model.schema import Environment, Pipeline
from archgen.model.services import ENGINES
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context, encrypted_in_transit, listed

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STANDARD_ENVIRONMENTS = ("production", "qa", "staging", "dev", "local")


class NoAccessLogs(Rule):
    """A load balancer, CDN or database has no access logging.

    What it checks:
        A `load-balancer`, `cdn` or `database` without `logging: true`. A Network Load
        Balancer writes access logs only for TLS listeners, so one that no encrypted
        connection reaches is not asked for them.

    Why it matters:
        When something goes wrong, access logs are what tells who asked for what and
        when; they cannot be switched on after the fact (stage 9).

    Bad:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b]}

    Good:
        components:
          - {id: alb, kind: load-balancer, subnets: [public-a, public-b], logging: true}
    """

    id = "OPS001"
    name = "no-access-logs"
    pillar = "operations"
    severity = "info"
    since = 9
    upstream = ("checkov CKV_AWS_91", "WA SEC04-BP01")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for component in ctx.model.components:
            if component.kind not in ("load-balancer", "cdn", "database"):
                continue
            if ctx.service(component).access_logs is not None and not any(
                encrypted_in_transit(c) for _, c in ctx.incoming[component.id]
            ):
                continue  # an NLB without a TLS listener: there are no access logs to write
            if component.logging is None:
                yield Hit(f"{component.kind} declares no access logging", component.id)
            elif component.logging is False:
                yield Hit(
                    f"{component.kind} has access logging off",
                    component.id,
                    ("components", component.id, "logging"),
                )


class UnmonitoredComponent(Rule):
    """A request-path component sends no metrics or logs to a monitoring component.

    What it checks:
        A component on a request path — reachable from a client by connections a
        request waits for, so not a queue's consumers, replicas fed by replication, or
        what monitoring sends on (monitoring and pipeline components aside) — that
        names no `monitoring:` component and has no connection to one.

    Why it matters:
        What is not measured fails silently: alarms on errors, latency and saturation
        turn an outage into a page before users notice (stage 9).

    Bad:
        components:
          - {id: users, kind: client}
          - {id: web, kind: compute, subnets: [app-a, app-b], instances: 2}
        connections:
          - {from: users, to: web, protocol: https}

    Good:
        components:
          - {id: users, kind: client}
          - {id: metrics, kind: monitoring, service: cloudwatch}
          - id: web
            kind: compute
            subnets: [app-a, app-b]
            instances: 2
            monitoring: metrics
        connections:
          - {from: users, to: web, protocol: https}
    """

    id = "OPS002"
    name = "unmonitored-component"
    pillar = "operations"
    severity = "warning"
    since = 9
    upstream = ("WA REL06-BP01",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        on_path = ctx.graph.reachable_from_clients()
        for component in ctx.model.components:
            if component.id not in on_path or component.kind in ("client", "monitoring"):
                continue
            if component.kind == "pipeline" or component.monitoring is not None:
                continue
            if any(ctx.kind(c.target) == "monitoring" for _, c in ctx.outgoing[component.id]):
                continue
            yield Hit(
                f"{component.kind} on the request path sends no metrics or logs to a "
                "monitoring component (no monitoring:)",
                component.id,
            )


class StagingDriftsFromProduction(Rule):
    """The staging environment does not mirror production.

    What it checks:
        An environment that `mirrors:` another but runs other components, another
        number of zones, other regions, or overrides a service with another engine
        (MySQL for PostgreSQL, say); and an environment named `staging` that mirrors
        nothing.

    Why it matters:
        Staging is the last check before production. Every difference is a class of bug
        it cannot catch: a missing cache, a single zone, another database engine
        (stage 9).

    Bad:
        components:
          - {id: db, kind: database, service: rds-mysql, subnets: [data-a]}
        environments:
          - {name: production}
          - name: staging
            mirrors: production
            zones: 1
            overrides: {db: {service: rds-postgresql}}

    Good:
        components:
          - {id: db, kind: database, service: rds-mysql, subnets: [data-a]}
        environments:
          - {name: production}
          - {name: staging, mirrors: production, overrides: {db: {instances: 1}}}
    """

    id = "OPS003"
    name = "staging-drifts-from-production"
    pillar = "operations"
    severity = "warning"
    since = 9
    upstream = ("WA OPS05-BP08",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        environments = {e.name: e for e in ctx.model.environments}
        for env in ctx.model.environments:
            if env.mirrors is None:
                if env.name == "staging":
                    yield Hit(
                        "staging declares no mirrors: production",
                        key=("environments", env.name),
                    )
                continue
            source = environments.get(env.mirrors)
            if source is not None:
                yield from self._differences(ctx, env, source)

    def _differences(self, ctx: Context, env: Environment, source: Environment) -> Iterator[Hit]:
        everything = list(ctx.components)
        mine, theirs = set(env.runs or everything), set(source.runs or everything)
        key = ("environments", env.name)
        if missing := sorted(theirs - mine):
            yield Hit(f"{env.name} does not run {listed(missing)}", key=(*key, "runs"))
        if extra := sorted(mine - theirs):
            yield Hit(f"{env.name} runs {listed(extra)}, which {source.name} does not", key=key)
        for field in ("zones", "regions"):
            if getattr(env, field) != getattr(source, field):
                yield Hit(
                    f"{env.name} {field} ({_shown(getattr(env, field))}) differ from "
                    f"{source.name}'s ({_shown(getattr(source, field))})",
                    key=(*key, field),
                )
        for name in sorted(set(env.overrides) | set(source.overrides)):
            component = ctx.components.get(name)
            if component is None:
                continue
            ours, theirs_engine = (
                _engine(env, name, component.service),
                _engine(source, name, component.service),
            )
            if ours != theirs_engine:
                yield Hit(
                    f"{env.name} runs {name} on {ours or 'another service'}, {source.name} on "
                    f"{theirs_engine or 'another service'}",
                    name,
                    (*key, "overrides", name),
                )


def _shown(value: object) -> str:
    if value is None:
        return "as the model"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _engine(env: Environment, name: str, service: str | None) -> str | None:
    override = env.overrides.get(name)
    chosen = override.service if override is not None and override.service else service
    return ENGINES.get(chosen or "", chosen)


class NoDeploymentAutomation(Rule):
    """A region or environment declares no deployment pipeline.

    What it checks:
        An environment (other than `local`) without `deployment: automated` that no
        `pipeline` component `deploys_to`; a region without `deployment: automated`
        that no automated environment covers.

    Why it matters:
        Several regions and environments stay identical only if the same automated
        deployment builds all of them; hand-built ones drift (stage 7).

    Bad:
        environments:
          - {name: production}

    Good:
        components:
          - {id: deploy, kind: pipeline, service: codepipeline, deploys_to: [production]}
        environments:
          - {name: production}
    """

    id = "OPS004"
    name = "no-deployment-automation"
    pillar = "operations"
    severity = "info"
    since = 7
    upstream = ("WA OPS06-BP02",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        deployed = {name for p in ctx.of_kind(Pipeline) for name in p.deploys_to}
        automated: list[Environment] = []
        for env in ctx.model.environments:
            if env.deployment == "automated" or env.name in deployed:
                automated.append(env)
            elif env.name != "local":
                yield Hit(
                    f"environment {env.name} declares no deployment pipeline",
                    key=("environments", env.name),
                )
        for region in ctx.model.regions:
            if region.deployment == "automated":
                continue
            if any(env.regions is None or region.name in env.regions for env in automated):
                continue
            yield Hit(
                f"region {region.name} declares no automated deployment",
                key=("regions", region.name),
            )


class NameNotKebabCase(Rule):
    """A name or id is not kebab-case, or an environment name is not a standard one.

    What it checks:
        The model's name, region, zone, network, subnet, environment names and
        component and decision ids against `^[a-z0-9]+(-[a-z0-9]+)*$`; environment
        names outside production, qa, staging, dev and local unless `custom: true`.

    Why it matters:
        Resource names end up in ARNs, DNS names, dashboards and alarms; one convention
        makes them predictable and searchable (stage 9).

    Bad:
        components:
          - {id: Web_Server, kind: compute, subnets: [app-a]}

    Good:
        components:
          - {id: web-server, kind: compute, subnets: [app-a]}
    """

    id = "OPS005"
    name = "name-not-kebab-case"
    pillar = "operations"
    severity = "warning"
    since = 1
    upstream = ("tflint naming convention",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        model = ctx.model
        names: list[tuple[str, str, tuple[str | int, ...], str | None]] = [
            ("model name", model.name, ("name",), None)
        ]
        for region in model.regions:
            rkey = ("regions", region.name)
            names.append(("region", region.name, (*rkey, "name"), None))
            names.extend(("zone", z, (*rkey, "zones", i), None) for i, z in enumerate(region.zones))
            for ni, network in enumerate(region.networks):
                nkey = (*rkey, "networks", ni)
                names.append(("network", network.name, (*nkey, "name"), None))
                names.extend(
                    ("subnet", s.name, (*nkey, "subnets", si, "name"), None)
                    for si, s in enumerate(network.subnets)
                )
        names.extend(
            ("component id", c.id, ("components", c.id, "id"), c.id) for c in model.components
        )
        names.extend(
            ("environment", e.name, ("environments", e.name, "name"), None)
            for e in model.environments
        )
        names.extend(
            ("decision id", d.id, ("decisions", d.id, "id"), None) for d in model.decisions
        )
        for what, name, key, component in names:
            if not KEBAB.fullmatch(name):
                yield Hit(f"{what} {name!r} is not kebab-case", component, key)
        for env in model.environments:
            if env.name not in STANDARD_ENVIRONMENTS and not env.custom:
                yield Hit(
                    f"environment {env.name!r} is not one of {', '.join(STANDARD_ENVIRONMENTS)}"
                    " (declare custom: true if it is meant)",
                    key=("environments", env.name, "name"),
                )
