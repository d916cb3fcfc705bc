"""Sustainability: capacity that follows the work instead of idling."""

from __future__ import annotations

from collections.abc import Iterator

from archgen.model.schema import Compute
from archgen.rules.base import Hit, Rule
from archgen.rules.context import Context


class ConsumersFixedCapacity(Rule):
    """Queue consumers do not scale with queue depth.

    What it checks:
        A `compute` that consumes a queue (a connection queue → compute, or compute →
        queue with `mode: read`) with no `scaling`, or scaling on a metric other than
        `queue-depth`. Lambda is exempt: its event source mapping adds concurrent
        invocations as the backlog grows, without a policy.

    Why it matters:
        Consumers sized for the peak idle most of the day; scaling on the backlog runs
        as many as the work needs, down to none (stage 8).

    Bad:
        components:
          - {id: jobs, kind: queue, service: sqs}
          - {id: worker, kind: compute, subnets: [app-a], roles: [worker], instances: 2}
        connections:
          - {from: jobs, to: worker, mode: async}

    Good:
        components:
          - {id: jobs, kind: queue, service: sqs}
          - id: worker
            kind: compute
            subnets: [app-a]
            roles: [worker]
            scaling: {min: 0, max: 10, metric: queue-depth}
        connections:
          - {from: jobs, to: worker, mode: async}
    """

    id = "SUS001"
    name = "consumers-fixed-capacity"
    pillar = "sustainability"
    severity = "info"
    since = 8
    upstream = ("WA SUS02-BP06",)

    def check(self, ctx: Context) -> Iterator[Hit]:
        consumers = {c.target for c in ctx.model.connections if ctx.kind(c.source) == "queue"}
        consumers |= {
            c.source
            for c in ctx.model.connections
            if ctx.kind(c.target) == "queue" and c.mode == "read"
        }
        for compute in ctx.of_kind(Compute):
            if compute.id not in consumers or ctx.service(compute).scales_itself:
                continue
            if compute.scaling is None:
                yield Hit("queue consumer declares no scaling", compute.id)
            elif compute.scaling.metric != "queue-depth":
                yield Hit(
                    f"queue consumer scales on {compute.scaling.metric}, not queue depth",
                    compute.id,
                    ("components", compute.id, "scaling", "metric"),
                )
