"""The nine shipped models follow JOURNEY.md: each stage extends the one before and
shows what a reader of the seed expects to see at that stage."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from archgen.load.loader import LoadedModel, load_model
from archgen.load.yaml_reader import read_document
from archgen.model.schema import Cache, Cdn, Compute, Database, LoadBalancer, Model, Queue
from tests.conftest import MODELS


@cache
def _loaded(stage: int) -> LoadedModel:
    return load_model(MODELS / f"stage{stage}.yaml")


def _model(stage: int) -> Model:
    return _loaded(stage).model


def _own(stage: int) -> dict[str, Any]:
    """The stage file's own YAML, before `extends`."""
    return read_document(MODELS / f"stage{stage}.yaml").data


def _get(model: Model, component_id: str, kind: type[Any]) -> Any:
    component = model.component(component_id)
    assert isinstance(component, kind), f"{component_id} is not a {kind.__name__}"
    return component


def _zones(model: Model, subnets: list[str]) -> set[str]:
    zone_of = {s.name: s.zone for r in model.regions for n in r.networks for s in n.subnets}
    return {zone_of[name] for name in subnets}


def _public(model: Model, subnet: str) -> bool:
    return any(
        s.public for r in model.regions for n in r.networks for s in n.subnets if s.name == subnet
    )


@pytest.mark.parametrize("stage", range(1, 10))
def test_stage_header_and_own_decisions(stage: int) -> None:
    own = _own(stage)
    assert own["stage"] == stage and own["title"] and own["summary"]
    assert own.get("extends") == (f"stage{stage - 1}.yaml" if stage > 1 else None)
    assert own["decisions"], "each stage records its own trade-offs"
    for decision in own["decisions"]:
        assert decision["pros"] and decision["cons"] and decision["alternatives"]
    assert all(s.get("reason") for s in own.get("suppress", []))


def test_stage1_one_host_for_everything() -> None:
    model = _model(1)
    server = _get(model, "server", Compute)
    assert set(server.roles) == {"web", "app", "database"}
    assert {c.kind for c in model.components} == {"client", "dns", "compute"}
    assert "suppress" not in _own(1), "stage 1 shows its single points of failure"


def test_stage2_database_in_a_private_subnet() -> None:
    model = _model(2)
    db = _get(model, "db", Database)
    assert db.subnets and not any(_public(model, s) for s in db.subnets) and not db.public
    assert "database" not in _get(model, "server", Compute).roles


def test_stage3_load_balancer_scale_out_and_replication() -> None:
    model = _model(3)
    alb = _get(model, "alb", LoadBalancer)
    assert all(_public(model, s) for s in alb.subnets) and len(_zones(model, alb.subnets)) == 2
    web = _get(model, "web", Compute)
    assert not any(_public(model, s) for s in web.subnets) and len(_zones(model, web.subnets)) == 2
    assert web.scaling is not None and web.scaling.min >= 2
    db = _get(model, "db", Database)
    assert db.role == "primary" and db.standby not in _zones(model, db.subnets)
    replicas = [c for c in model.components if isinstance(c, Database) and c.replicates == "db"]
    assert len(replicas) >= 3
    batch = [c for c in model.components if isinstance(c, Compute) and "batch" in c.roles]
    reads = {(x.source, x.target) for x in model.connections if x.mode == "read"}
    assert any((b.id, r.id) in reads for b in batch for r in replicas), "a replica for batch"
    assert model.component("server") is None


def test_stage4_redundant_cache_with_a_full_policy() -> None:
    cache_ = _get(_model(4), "cache", Cache)
    assert cache_.nodes >= 2 and cache_.failover == "automatic"
    assert cache_.backed_by == ["db"] and not cache_.source_of_truth
    policy = cache_.policy
    assert policy is not None
    fields = (policy.strategy, policy.ttl, policy.eviction, policy.consistency, policy.memory)
    assert all(fields) and policy.rationale and cache_.holds


def test_stage5_cdn_with_invalidation_plan() -> None:
    cdn = _get(_model(5), "cdn", Cdn)
    assert cdn.origins == ["alb"]
    assert cdn.policy is not None and cdn.policy.ttl and cdn.policy.invalidation


def test_stage6_stateless_web_and_shared_session_store() -> None:
    model = _model(6)
    assert _get(model, "web", Compute).state == "stateless"
    assert not _get(model, "alb", LoadBalancer).sticky_sessions
    store = _get(model, "session-store", Cache)
    assert store.nodes >= 2 and ("web", "session-store") in {
        (c.source, c.target) for c in model.connections
    }
    assert _get(_model(5), "web", Compute).state == "sticky-sessions"


def test_stage7_two_regions_latency_dns_and_cross_region_replica() -> None:
    model = _model(7)
    assert [r.name for r in model.regions] == ["ap-northeast-2", "us-west-2"]
    assert all(r.deployment == "automated" and len(r.zones) == 2 for r in model.regions)
    dns = model.component("dns")
    assert dns is not None and dns.kind == "dns"
    assert dns.routing == "latency" and dns.health_checks
    replica = _get(model, "db-usw2", Database)
    assert replica.replicates == "db" and _zones(model, replica.subnets) == {"us-west-2a"}
    for tier in ("alb", "web", "cache", "session-store"):
        assert model.component(f"{tier}-usw2") is not None, f"the same {tier} in us-west-2"


def test_stage8_queue_with_dead_letter_and_workers_on_queue_depth() -> None:
    model = _model(8)
    jobs = _get(model, "jobs", Queue)
    assert jobs.service == "sqs" and jobs.dead_letter is not None
    workers = _get(model, "workers", Compute)
    assert workers.scaling is not None and workers.scaling.metric == "queue-depth"
    modes = {(c.source, c.target): c.mode for c in model.connections}
    assert modes[("web", "jobs")] == "async" and modes[("workers", "jobs")] == "read"


def test_stage9_monitoring_logging_pipeline_and_environments() -> None:
    model = _model(9)
    kinds = {c.kind for c in model.components}
    assert {"monitoring", "pipeline"} <= kinds
    for component in model.components:
        if component.kind not in ("client", "monitoring"):
            assert component.monitoring, f"{component.id} sends no metrics"
        if component.kind in ("load-balancer", "cdn", "database"):
            assert component.logging, f"{component.id} writes no access logs"
    environments = {e.name: e for e in model.environments}
    assert list(environments) == ["production", "staging", "qa", "dev", "local"]
    assert environments["staging"].mirrors == "production"
    for environment in environments.values():
        assert environment.purpose and environment.naming and environment.deployment
