"""What the diagram says: groups, one node per component, labels, edges."""

from __future__ import annotations

from archgen.load.loader import LoadedModel
from archgen.model.schema import Layout, View
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
    # monitoring is a badge on each watched component, not an edge across the picture
    assert not [e for e in scene.edges if e.style == "monitoring"]
    assert scene.nodes["web"].notes == ("◉ CloudWatch",)
    assert scene.nodes["workers"].notes == ("◉ CloudWatch",)
    assert scene.nodes["db"].notes == ()


def test_monitoring_edges_when_the_layout_asks_for_them(two_regions: LoadedModel) -> None:
    model = two_regions.model.model_copy(update={"layout": Layout(monitoring="edges")})
    scene = build_scene(model)
    # web and workers report to CloudWatch from one tier: one faint line, from the box
    monitoring = [e for e in scene.edges if e.style == "monitoring"]
    assert len(monitoring) == 1
    assert monitoring[0].tail_group == "t/ap-northeast-2/0/app-a"
    assert not monitoring[0].constraint
    assert scene.nodes["web"].notes == ()


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


def _view(two_regions: LoadedModel, view: View) -> Scene:
    model = two_regions.model.model_copy(update={"views": [view]})
    return build_scene(model, view=view)


def test_a_view_draws_its_components_and_the_edges_among_them(two_regions: LoadedModel) -> None:
    scene = _view(two_regions, View(name="seoul", title="Seoul", regions=["ap-northeast-2"]))
    assert scene.title == "Two regions, render test · Seoul"
    assert "web" in scene.nodes and "jobs" in scene.nodes
    assert not {"web-usw2", "db-usw2", "users", "dns"} & set(scene.nodes)
    for edge in scene.edges:
        assert edge.source in scene.nodes and edge.target in scene.nodes
    assert [g.label for g in scene.root.groups if not g.is_empty()] == ["Region ap-northeast-2"]
    # what is left out is named on the component it connects to, not drawn as an edge
    assert scene.nodes["alb"].notes == ("↔ outside: Users",)
    assert scene.nodes["db"].notes == ("↔ outside: Web tier (Oregon)",)
    assert scene.nodes["web"].notes == ("◉ CloudWatch",)


def test_a_note_lists_two_names_then_counts(two_regions: LoadedModel) -> None:
    scene = _view(two_regions, View(name="db", components=["db"]))
    assert list(scene.nodes) == ["db"]
    assert scene.edges == []
    # web, workers and the Oregon web tier write to it
    assert scene.nodes["db"].notes == ("↔ outside: Web tier, workers +1",)


def test_findings_are_still_marked_inside_a_view(two_regions: LoadedModel) -> None:
    finding = Finding("m.yaml", 1, 1, "REL001", "error", "reliability", "single point", "db")
    view = View(name="data", tiers=["data"])
    model = two_regions.model.model_copy(update={"views": [view]})
    scene = build_scene(model, findings=[finding], view=view)
    assert scene.nodes["db"].mark == "finding" and scene.nodes["db"].rules == ("REL001",)
    assert "web" not in scene.nodes


def test_layout_hints_reach_the_scene(two_regions: LoadedModel) -> None:
    layout = Layout(direction="LR", same_rank=[["alb", "alb-usw2", "gone"], ["dns"]])
    scene = build_scene(two_regions.model.model_copy(update={"layout": layout}))
    assert scene.direction == "LR"
    # an id a view leaves out is dropped from its group; a group of one is no hint
    assert scene.same_rank == [("alb", "alb-usw2")]
    view = View(name="v", layout=Layout(direction="TB"), exclude=["alb-usw2"])
    scene = build_scene(two_regions.model.model_copy(update={"layout": layout}), view=view)
    assert scene.direction == "TB" and scene.same_rank == []
