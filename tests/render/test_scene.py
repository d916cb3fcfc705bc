"""What the diagram says: groups, one node per component, labels, edges."""

from __future__ import annotations

from archgen.load.loader import LoadedModel
from archgen.render.scene import Scene, SceneGroup, build_scene
from archgen.rules.finding import Finding


def _groups(group: SceneGroup) -> list[SceneGroup]:
    found = []
    for child in group.groups:
        found.append(child)
        found.extend(_groups(child))
    return found


def _group_of(scene: Scene, component: str) -> SceneGroup:
    for group in [scene.root, *_groups(scene.root)]:
        if component in group.nodes:
            return group
    raise AssertionError(component)


def test_regions_hold_vpcs_hold_subnet_tiers(two_regions: LoadedModel) -> None:
    scene = build_scene(two_regions.model)
    regions = scene.root.groups
    assert [g.label for g in regions] == ["Region ap-northeast-2", "Region us-west-2"]
    vpc = regions[0].groups[0]
    assert vpc.kind == "vpc" and vpc.label == "VPC main-vpc · 10.0.0.0/16"
    assert [(t.kind, t.label) for t in vpc.groups] == [
        ("public", "public subnets · 2 AZs (2a, 2c)"),
        ("private", "private app subnets · 2 AZs (2a, 2c)"),
        ("private", "private data subnets · 2 AZs (2a, 2c)"),
    ]


def test_a_component_spanning_zones_is_one_node_in_one_tier(two_regions: LoadedModel) -> None:
    scene = build_scene(two_regions.model)
    assert list(scene.nodes) == [c.id for c in two_regions.model.components]
    web = scene.nodes["web"]
    assert web.lines == ("EC2 ×2–10 · stateless", "2 AZs (2a, 2c)")
    assert _group_of(scene, "web").label == "private app subnets · 2 AZs (2a, 2c)"
    # single-zone db and db-replica join the tier the cache spans
    assert _group_of(scene, "db") is _group_of(scene, "cache")
    assert _group_of(scene, "db-replica") is _group_of(scene, "cache")
    assert scene.nodes["db"].lines == ("RDS MySQL · primary", "AZ 2a · standby 2c")
    assert scene.nodes["db-replica"].lines == ("RDS MySQL ×2 · replica", "AZ 2c")


def test_regional_and_global_components(two_regions: LoadedModel) -> None:
    scene = build_scene(two_regions.model)
    assert _group_of(scene, "jobs").key == "r/ap-northeast-2"
    assert _group_of(scene, "users") is scene.root
    assert _group_of(scene, "dns") is scene.root


def test_edges_are_per_pair_and_styled_by_meaning(two_regions: LoadedModel) -> None:
    scene = build_scene(two_regions.model)
    pairs = [(e.source, e.target) for e in scene.edges]
    assert len(pairs) == len(set(pairs))
    by_pair = {(e.source, e.target): e for e in scene.edges}
    assert by_pair[("web", "db")].label == "write MySQL · read MySQL"
    assert by_pair[("web", "jobs")].style == "async"
    assert by_pair[("web", "jobs")].label == "enqueue"
    assert by_pair[("db", "db-replica")].style == "replication"
    assert by_pair[("db", "db-usw2")].label == "cross-region replication"
    assert by_pair[("cdn", "assets")].style == "origin"
    # a consumer reading the queue is laid out below it; requests are not reversed
    assert by_pair[("workers", "jobs")].consumes
    assert not by_pair[("web", "db-replica")].consumes
    # labels of edges leaving a VPC for another or for a regional service are placed
    # after the layout (xlabel); edges coming in from global parts keep plain labels
    assert by_pair[("web", "jobs")].leaves_network
    assert by_pair[("web-usw2", "db")].leaves_network
    assert not by_pair[("users", "alb")].leaves_network
    assert not by_pair[("alb", "web")].leaves_network
    # web and workers report to CloudWatch from one tier: one faint line, from the box
    monitoring = [e for e in scene.edges if e.style == "monitoring"]
    assert len(monitoring) == 1
    assert monitoring[0].tail_group == "t/ap-northeast-2/0/app-a"
    assert not monitoring[0].constraint


def test_highlight_and_findings_mark_nodes(two_regions: LoadedModel) -> None:
    finding = Finding("m.yaml", 1, 1, "REL001", "error", "reliability", "single point", "db")
    info = Finding("m.yaml", 1, 1, "OPS001", "info", "operations", "no logging", "alb")
    scene = build_scene(
        two_regions.model, findings=[finding, info], highlight={"web": "added", "jobs": "x"}
    )
    assert scene.nodes["db"].mark == "finding"
    assert scene.nodes["db"].rules == ("REL001",)
    assert "REL001: single point" in scene.nodes["db"].tooltip
    assert scene.nodes["alb"].mark is None  # info findings are listed, not drawn
    assert "OPS001" in scene.nodes["alb"].tooltip
    assert scene.nodes["web"].mark == "added"
    assert scene.nodes["jobs"].mark is None


def test_findings_are_only_listed_when_not_highlighting(two_regions: LoadedModel) -> None:
    finding = Finding("m.yaml", 1, 1, "REL001", "error", "reliability", "single point", "db")
    scene = build_scene(two_regions.model, findings=[finding], highlight_findings=False)
    assert scene.nodes["db"].mark is None
    assert "REL001" in scene.nodes["db"].tooltip


def test_tooltip_says_kind_service_placement(two_regions: LoadedModel) -> None:
    tooltip = build_scene(two_regions.model).nodes["web"].tooltip
    assert "kind: compute · service: EC2" in tooltip
    assert "placement: ap-northeast-2 › main-vpc › app-a, app-c" in tooltip
    assert "findings: none" in tooltip
