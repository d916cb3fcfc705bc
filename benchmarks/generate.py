"""Generate large, valid, realistic archgen models for benchmarks and stress tests.

A model is a set of identical service stacks spread over regions, the way a large
estate grows: each stack has a load balancer, a web tier, a cache, a primary database
with a read replica in the next region, a queue, its workers and a bucket. Shared
parts (users, DNS, CDN, monitoring, deployment pipeline) come once. Like a real
estate it is not spotless: every tenth stack has a single-node cache, and another
tenth a queue without a dead-letter queue, so the rules have findings to locate.

    python benchmarks/generate.py 1000 > big.yaml
"""

from __future__ import annotations

import argparse
import sys

#: regions offered in order; zones are <region>a, b, c
REGIONS = (
    "eu-west-1",
    "us-east-1",
    "ap-northeast-2",
    "us-west-2",
    "eu-central-1",
    "ap-southeast-1",
    "sa-east-1",
    "ca-central-1",
)
ZONE_LETTERS = ("a", "b", "c")
SHARED = 5  # users, dns, cdn, metrics, deploy
STACK = ("alb", "web", "cache", "db", "replica", "jobs", "worker", "assets")


def _header(regions: list[str], components: int) -> list[str]:
    lines = [
        "# yaml-language-server: $schema=archgen.schema.json",
        "archgen: 1",
        f"name: generated-{components}",
        f"title: Generated estate of {components} components",
        "stage: 9",
        "summary: Identical service stacks over several regions, generated for benchmarks.",
        "",
        "regions:",
    ]
    for r, region in enumerate(regions):
        zones = [f"{region}{letter}" for letter in ZONE_LETTERS]
        lines += [
            f"  - name: {region}",
            f"    zones: [{', '.join(zones)}]",
            "    deployment: automated",
            "    networks:",
            f"      - name: vpc-{region}",
            f"        cidr: 10.{r}.0.0/16",
            "        subnets:",
        ]
        for z, zone in enumerate(zones):
            for t, tier in enumerate(("public", "app", "data")):
                public = ", public: true" if tier == "public" else ""
                lines.append(
                    f"          - {{name: {tier}-{zone}, zone: {zone}{public}, "
                    f"cidr: 10.{r}.{t * 16 + z}.0/24}}"
                )
    return lines


def _subnets(tier: str, region: str) -> str:
    return "[" + ", ".join(f"{tier}-{region}{letter}" for letter in ZONE_LETTERS[:2]) + "]"


def _stack(i: int, region: str, other: str, parts: int) -> tuple[list[str], list[str]]:
    """Component and connection lines of stack `i` (only its first `parts` components)."""
    s = f"s{i}"
    mon = "monitoring: metrics, logging: true"
    components = {
        "alb": f"  - {{id: {s}-alb, kind: load-balancer, service: alb, "
        f"subnets: {_subnets('public', region)}, health_check: {{path: /healthz}}, "
        f"waf: true, {mon}}}",
        "web": f"  - {{id: {s}-web, kind: compute, service: ec2, roles: [web, app], "
        f"subnets: {_subnets('app', region)}, scaling: {{min: 2, max: 12}}, "
        f"state: stateless, monitoring: metrics}}",
        "cache": f"  - {{id: {s}-cache, kind: cache, service: elasticache-redis, "
        f"{'nodes: 1, failover: manual' if i % 10 == 9 else 'nodes: 2, failover: automatic'}, "
        f"subnets: {_subnets('data', region)}, "
        f"backed_by: [{s + '-db' if parts > STACK.index('db') else ''}], "
        "policy: {strategy: cache-aside, ttl: 10m, eviction: allkeys-lru, "
        "consistency: invalidate-on-write}, encrypted: true, monitoring: metrics}",
        "db": f"  - {{id: {s}-db, kind: database, service: rds-postgresql, role: primary, "
        f"subnets: [data-{region}a], standby: {region}b, backups: {{retention_days: 7}}, "
        f"encrypted: true, {mon}}}",
        "replica": f"  - {{id: {s}-replica, kind: database, service: rds-postgresql, "
        f"role: replica, replicates: {s}-db, subnets: [data-{other}b], encrypted: true, "
        f"{mon}}}",
        "jobs": f"  - {{id: {s}-jobs, kind: queue, service: sqs, "
        f"{'' if i % 10 == 4 else 'dead_letter: {}, '}"
        "encrypted: true, monitoring: metrics}",
        "worker": f"  - {{id: {s}-worker, kind: compute, service: ec2, roles: [worker], "
        f"subnets: {_subnets('app', region)}, "
        "scaling: {min: 1, max: 20, metric: queue-depth}, monitoring: metrics}",
        "assets": f"  - {{id: {s}-assets, kind: storage, service: s3, static_content: true, "
        "encrypted: true, monitoring: metrics}",
    }
    present = set(STACK[:parts])
    edges = [
        ("users", "alb", "protocol: https"),
        ("alb", "web", "protocol: http"),
        ("web", "cache", "protocol: redis, tls: true, mode: read"),
        ("web", "db", "protocol: postgresql, tls: true, mode: write"),
        ("web", "replica", "protocol: postgresql, tls: true, mode: read"),
        ("web", "jobs", "protocol: sqs, mode: async"),
        ("jobs", "worker", "protocol: sqs, mode: async"),
        ("worker", "db", "protocol: postgresql, tls: true, mode: write"),
        ("web", "assets", "protocol: https, mode: read"),
    ]
    connections = []
    for source, target, how in edges:
        if (source == "users" or source in present) and target in present:
            a = "users" if source == "users" else f"{s}-{source}"
            connections.append(f"  - {{from: {a}, to: {s}-{target}, {how}}}")
    return [components[p] for p in STACK[:parts]], connections


def generate_model(components: int, regions: int = 2) -> str:
    """YAML text of a valid model with exactly `components` components over `regions`."""
    if components < SHARED + 1:
        raise ValueError(f"a generated model has at least {SHARED + 1} components")
    if not 1 <= regions <= len(REGIONS):
        raise ValueError(f"regions must be between 1 and {len(REGIONS)}")
    names = list(REGIONS[:regions])
    lines = _header(names, components)
    component_lines = [
        "  - {id: users, kind: client, label: Users}",
        "  - {id: dns, kind: dns, service: route53, routing: latency, health_checks: true, "
        "monitoring: metrics}",
        "  - {id: cdn, kind: cdn, service: cloudfront, origins: [s0-alb], origin_failover: true, "
        "waf: true, logging: true, policy: {ttl: 1d, invalidation: object-versioning}, "
        "monitoring: metrics}",
        "  - {id: metrics, kind: monitoring, service: cloudwatch}",
        "  - {id: deploy, kind: pipeline, service: codepipeline, "
        "deploys_to: [production, staging, dev]}",
    ]
    connection_lines = [
        "  - {from: users, to: dns, protocol: dns}",
        "  - {from: users, to: cdn, protocol: https}",
    ]
    remaining, index = components - SHARED, 0
    while remaining > 0:
        parts = min(len(STACK), remaining)
        region, other = names[index % regions], names[(index + 1) % regions]
        stack_components, stack_connections = _stack(index, region, other, parts)
        component_lines += stack_components
        connection_lines += stack_connections
        remaining -= parts
        index += 1
    lines += ["", "components:", *component_lines, "", "connections:", *connection_lines]
    lines += [
        "",
        "environments:",
        "  - {name: production, deployment: automated}",
        "  - {name: staging, mirrors: production}",
        "  - {name: dev, zones: 1, regions: [" + names[0] + "]}",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Print a generated model: `generate.py COMPONENTS [--regions N]`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("components", type=int)
    parser.add_argument("--regions", type=int, default=2)
    args = parser.parse_args()
    sys.stdout.write(generate_model(args.components, args.regions))


if __name__ == "__main__":
    main()
