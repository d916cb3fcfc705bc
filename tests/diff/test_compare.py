"""`archgen.diff.compare`: parts matched by identity and compared field by field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.diff import ModelDiff, compare
from archgen.diff.findings import findings_delta
from archgen.diff.model_diff import Change, FieldChange
from archgen.load.loader import LoadedModel, load_model
from archgen.rules.finding import Finding
from tests.conftest import MODELS

BASE = """\
archgen: 1
name: shop
stage: 4
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: vpc
        cidr: 10.0.0.0/16
        subnets:
          - {name: public-a, zone: eu-west-1a, public: true}
          - {name: app-a, zone: eu-west-1a}
components:
  - {id: users, kind: client}
  - {id: alb, kind: load-balancer, subnets: [public-a]}
  - id: web
    kind: compute
    roles: [web, app]
    subnets: [app-a]
  - id: cache
    kind: cache
    subnets: [app-a]
    policy: {ttl: 5m, eviction: allkeys-lru}
connections:
  - {from: users, to: alb, protocol: https}
  - {from: alb, to: web, protocol: http}
  - {from: web, to: cache, mode: read}
environments:
  - {name: production}
decisions:
  - {id: one-alb, title: One load balancer, decision: Keep it simple.}
"""


def load(tmp_path: Path, name: str, text: str) -> LoadedModel:
    path = tmp_path / name
    path.write_text(text)
    return load_model(path)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def diff_of(tmp_path: Path, new_text: str) -> ModelDiff:
    return compare(load(tmp_path, "old.yaml", BASE), load(tmp_path, "new.yaml", new_text))


def test_the_same_model_is_an_empty_diff(tmp_path: Path) -> None:
    diff = diff_of(tmp_path, BASE)
    assert diff.is_empty
    assert diff.changes == ()
    assert diff.summary() == "no change to the model; findings: 0 resolved, 0 introduced"


def test_components_added_removed_and_changed_field_by_field(tmp_path: Path) -> None:
    new = edit(
        BASE,
        ("  - {id: alb, kind: load-balancer, subnets: [public-a]}\n", ""),
        (
            "policy: {ttl: 5m, eviction: allkeys-lru}",
            "nodes: 2\n    policy: {ttl: 10m, eviction: allkeys-lru}",
        ),
        ("    roles: [web, app]\n", "    roles: [web, app]\n    scaling: {min: 2, max: 4}\n"),
        (
            "  - {from: users, to: alb, protocol: https}\n"
            "  - {from: alb, to: web, protocol: http}\n",
            "  - {from: users, to: web, protocol: https}\n",
        ),
        ("components:\n", "components:\n  - {id: jobs, kind: queue, region: eu-west-1}\n"),
    )
    diff = diff_of(tmp_path, new)
    assert diff.components_added == ["jobs"]
    assert diff.components_removed == ["alb"]
    assert diff.components_changed == ["web", "cache"]
    web, cache = diff.of("component", "changed")
    assert web.fields == (
        FieldChange("scaling.min", None, 2),
        FieldChange("scaling.max", None, 4),
        FieldChange("scaling.metric", None, "cpu"),
    )
    assert cache.fields == (FieldChange("nodes", 1, 2), FieldChange("policy.ttl", "5m", "10m"))
    assert cache.what == "cache, elasticache-redis"
    assert cache.location.endswith("new.yaml:21:5")
    removed = diff.of("component", "removed")[0]
    assert removed.location.endswith("old.yaml:15:5")
    assert diff.highlight() == {
        "jobs": "added",
        "web": "changed",
        "cache": "changed",
        "alb": "removed",
    }


def test_connections_are_named_by_source_target_and_mode(tmp_path: Path) -> None:
    new = edit(
        BASE,
        (
            "  - {from: alb, to: web, protocol: http}\n",
            "  - {from: alb, to: web, protocol: https}\n",
        ),
        (
            "  - {from: web, to: cache, mode: read}\n",
            "  - {from: web, to: cache, mode: read-write}\n",
        ),
    )
    diff = diff_of(tmp_path, new)
    assert [(c.key, c.status) for c in diff.of("connection")] == [
        ("alb -> web", "changed"),
        ("web -> cache (read-write)", "added"),
        ("web -> cache (read)", "removed"),
    ]
    assert diff.of("connection", "changed")[0].fields == (FieldChange("protocol", "http", "https"),)


def test_regions_networks_subnets_environments_decisions_suppressions(tmp_path: Path) -> None:
    new = (
        edit(
            BASE,
            (
                "zones: [eu-west-1a, eu-west-1b]",
                "zones: [eu-west-1a, eu-west-1b]\n    deployment: automated",
            ),
            ("cidr: 10.0.0.0/16", "cidr: 10.1.0.0/16"),
            (
                "          - {name: app-a, zone: eu-west-1a}\n",
                "          - {name: app-a, zone: eu-west-1b}\n"
                "          - {name: data-a, zone: eu-west-1a}\n",
            ),
            (
                "  - {name: production}\n",
                "  - {name: production}\n  - {name: staging, mirrors: production}\n",
            ),
            ("title: One load balancer", "title: One ALB"),
        )
        + "suppress:\n  - {rule: REL001, component: web, reason: Later.}\n"
    )
    diff = diff_of(tmp_path, new)
    summary = {(c.section, c.key, c.status) for c in diff.changes}
    assert summary == {
        ("region", "eu-west-1", "changed"),
        ("network", "eu-west-1/vpc", "changed"),
        ("subnet", "app-a", "changed"),
        ("subnet", "data-a", "added"),
        ("environment", "staging", "added"),
        ("decision", "one-alb", "changed"),
        ("suppression", "REL001 on web", "added"),
    }
    assert diff.of("subnet", "changed")[0].fields == (
        FieldChange("zone", "eu-west-1a", "eu-west-1b"),
    )
    assert diff.of("region")[0].fields == (FieldChange("deployment", None, "automated"),)
    assert "1 suppression added" in diff.summary()


def test_security_groups_added_removed_and_changed(tmp_path: Path) -> None:
    groups = (
        "security_groups:\n"
        "  - {name: alb-sg, ingress: [{ports: 443, from: internet}]}\n"
        "  - {name: old-sg}\n"
        "components:\n"
    )
    before = load(tmp_path, "before.yaml", BASE.replace("components:\n", groups))
    after_text = edit(
        BASE.replace("components:\n", groups),
        ("from: internet", "from: cloudfront"),
        ("  - {name: old-sg}\n", "  - {name: web-sg}\n"),
    )
    diff = compare(before, load(tmp_path, "after.yaml", after_text))
    assert {(c.section, c.key, c.status) for c in diff.changes} == {
        ("security group", "alb-sg", "changed"),
        ("security group", "web-sg", "added"),
        ("security group", "old-sg", "removed"),
    }
    assert diff.summary().startswith("1 security group added, 1 removed, 1 changed;")


def _finding(
    rule: str, component: str | None, severity: str = "warning", message: str = "m", line: int = 1
) -> Finding:
    return Finding("m.yaml", line, 1, rule, severity, "reliability", message, component)  # type: ignore[arg-type]


def test_findings_delta_ignores_moved_lines_and_reworded_messages() -> None:
    before = [
        _finding("REL001", "db", line=3),
        _finding("SEC008", "server"),
        _finding("REL002", "alb", "info", "applies from stage 3"),
        _finding("PERF001", "cache", message="no TTL declared"),
    ]
    after = [
        _finding("REL001", "db", line=30),
        _finding("REL002", "alb", "warning", "one zone"),
        _finding("PERF001", "cache", message="TTL 0"),
        _finding("REL008", "cache"),
    ]
    introduced, resolved, unchanged = findings_delta(before, after)
    assert [(f.rule, f.severity) for f in introduced] == [
        ("REL002", "warning"),
        ("REL008", "warning"),
    ]
    assert [(f.rule, f.severity) for f in resolved] == [("REL002", "info"), ("SEC008", "warning")]
    assert sorted(f.rule for f in unchanged) == ["PERF001", "REL001"]


def test_findings_given_are_used_and_fail_on_looks_at_introduced_only(tmp_path: Path) -> None:
    old = load(tmp_path, "old.yaml", BASE)
    diff = compare(
        old,
        old,
        old_findings=[_finding("SEC001", "db", "error")],
        new_findings=[_finding("REL008", "cache")],
    )
    assert not diff.is_empty
    assert diff.fails("warning") and diff.fails("info")
    assert not diff.fails("error") and not diff.fails("never")


def test_stage_1_to_2_resolves_sec008() -> None:
    diff = compare(load_model(MODELS / "stage1.yaml"), load_model(MODELS / "stage2.yaml"))
    assert diff.components_added == ["db"]
    assert "SEC008" in {f.rule for f in diff.resolved}
    assert "SEC008" not in {f.rule for f in diff.introduced}


@pytest.mark.parametrize("stage", range(1, 9))
def test_every_journey_step_changes_something(stage: int) -> None:
    old = load_model(MODELS / f"stage{stage}.yaml")
    new = load_model(MODELS / f"stage{stage + 1}.yaml")
    diff = compare(old, new)
    assert not diff.is_empty
    assert Change in {type(c) for c in diff.changes}
    assert compare(new, new).is_empty


STAGE9 = load_model(MODELS / "stage9.yaml")
IDS = [c.id for c in STAGE9.model.components]


@settings(max_examples=40, deadline=None)
@given(
    dropped=st.sets(st.sampled_from(IDS)),
    relabelled=st.dictionaries(st.sampled_from(IDS), st.text(min_size=1, max_size=20)),
)
def test_exactly_the_edits_made_are_reported(dropped: set[str], relabelled: dict[str, str]) -> None:
    components = [
        c.model_copy(update={"label": relabelled[c.id]}) if c.id in relabelled else c
        for c in STAGE9.model.components
        if c.id not in dropped
    ]
    edited = STAGE9.model.model_copy(update={"components": components})
    new = LoadedModel(STAGE9.path, edited, STAGE9.documents, STAGE9.origins)
    diff = compare(STAGE9, new, old_findings=[], new_findings=[])
    assert diff.components_removed == [i for i in IDS if i in dropped]
    assert diff.components_added == []
    expected = {
        i: (STAGE9.model.component(i).label, label)  # type: ignore[union-attr]
        for i, label in relabelled.items()
        if i not in dropped and STAGE9.model.component(i).label != label  # type: ignore[union-attr]
    }
    changed = {c.key: c.fields for c in diff.of("component", "changed")}
    assert changed == {i: (FieldChange("label", *pair),) for i, pair in expected.items()}
    assert {c.section for c in diff.changes} <= {"component"}
    assert diff.is_empty == (not dropped and not expected)


def test_a_component_changed_by_update_is_located_at_its_update() -> None:
    old, new = load_model(MODELS / "stage8.yaml"), load_model(MODELS / "stage9.yaml")
    diff = compare(old, new, old_findings=[], new_findings=[])
    changes = {c.key: c for c in diff.of("component")}
    assert changes["db"].status == "changed"
    assert changes["db"].location == "models/stage9.yaml:51:3"  # `db:` under `update:`
    assert [(f.field, f.new) for f in changes["db"].fields] == [
        ("logging", True),
        ("monitoring", "monitoring"),
    ]
    assert changes["monitoring"].status == "added"


def test_views_added_and_changed_are_reported() -> None:
    old, new = load_model(MODELS / "stage8.yaml"), STAGE9
    views = [c for c in compare(old, new).changes if c.section == "view"]
    assert [(c.key, c.status) for c in views] == [
        ("request-path", "added"),
        ("seoul", "added"),
        ("oregon", "added"),
        ("data", "added"),
    ]
    assert views[0].location == "models/stage9.yaml:72:5"
