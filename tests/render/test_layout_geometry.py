"""Read from the drawn SVG of the nine stages and the corpus: no edge label sits on a
group's title, and a regional service is drawn inside its region's box, outside VPCs."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

import pytest

from archgen.load.loader import load_model
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.scene import SceneGroup
from tests.render.conftest import CASES, ROOT
from tests.render.svg_geometry import SVG, Drawing, drawing

MODELS = sorted(
    [
        *(ROOT / "models").glob("stage*.yaml"),
        *(ROOT / "examples" / "real").glob("*.yaml"),
        CASES / "long_names.yaml",
    ]
)


@cache
def _rendered(path: Path) -> str:
    return render_outputs(scene_of(load_model(path)), ["svg"], 96)["svg"].decode()


def _drawing(path: Path) -> Drawing:
    return drawing(_rendered(path))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_no_edge_label_sits_on_a_group_title(path: Path) -> None:
    drawn = _drawing(path)
    assert drawn.titles, "every model here has groups"
    covered = [
        (edge, group)
        for edge, boxes in drawn.labels.items()
        for box in boxes
        for group, title in drawn.titles.items()
        if box.overlaps(title)
    ]
    assert not covered, f"edge labels on group titles: {covered}"


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_a_label_left_out_of_the_picture_is_still_in_its_tooltip(path: Path) -> None:
    scene = scene_of(load_model(path))
    root = ElementTree.fromstring(_rendered(path))
    edges = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"}
    for index, edge in enumerate(scene.edges):
        if not edge.label:
            continue
        group = edges[f"e-{index}"]
        drawn = " ".join((t.text or "").strip() for t in group.iter(f"{SVG}text"))
        tooltip = group.findtext(f"{SVG}title") or ""
        assert edge.label in drawn or tooltip.endswith(f": {edge.label}"), (index, edge)


#: regional services placed by `region:` alone (no subnet, no VPC), per model
REGIONAL = {
    "stage9": ("r/ap-northeast-2", ["jobs"]),
    "event-driven": ("r/us-east-1", ["bus", "order-processor", "order-table", "get-qr"]),
    "data-lake": ("r/us-east-1", ["submissions", "submissions-topic", "indexer"]),
    "long_names": ("r/us-east-1", ["queue", "table", "topic"]),
}


@pytest.mark.parametrize("name", sorted(REGIONAL))
def test_a_regional_service_is_drawn_in_its_region_outside_every_vpc(name: str) -> None:
    path = next(p for p in MODELS if p.stem == name)
    drawn = _drawing(path)
    region, components = REGIONAL[name]
    vpcs = [box for key, box in drawn.groups.items() if key.startswith("g-v/")]
    for component in components:
        node = drawn.nodes[f"c-{component}"]
        assert drawn.groups[f"g-{region}"].contains(node), component
        assert not any(vpc.overlaps(node) for vpc in vpcs), component


@pytest.mark.parametrize("regions", [1, 2])
def test_a_same_rank_hint_keeps_its_order_inside_a_box(regions: int) -> None:
    """Rows of one region's caches, web tiers and databases, reversed and shuffled:
    one rank each, in the order given, and every component still inside its boxes."""
    import sys

    from archgen.load.loader import load_text
    from archgen.model.schema import Layout
    from archgen.model.views import home_regions
    from archgen.render.scene import build_scene

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    model = load_text(generate_model(60, regions), "generated.yaml").model
    home = home_regions(model)
    first = home["s0-cache"]
    for ending in ("-cache", "-web", "-db"):
        row = [c.id for c in model.components if c.id.endswith(ending) and home[c.id] == first]
        for wanted in (row[::-1], row[1::2] + row[::2]):
            scene = build_scene(model.model_copy(update={"layout": Layout(same_rank=[wanted])}))
            found = drawing(render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8"))
            boxes = [found.nodes[f"c-{i}"] for i in wanted]
            assert [b.left for b in boxes] == sorted(b.left for b in boxes), wanted
            assert len({round(b.top) for b in boxes}) == 1, wanted
            for key, members in _boxes(scene.root):  # no box broken apart by the hint
                box = found.groups[f"g-{key}"]
                for member in members:
                    node = found.nodes[f"c-{member}"]
                    assert box.left <= node.left and node.right <= box.right, member
                    assert box.top <= node.top and node.bottom <= box.bottom, member


def _boxes(group: SceneGroup) -> list[tuple[str, list[str]]]:
    """(key, every component inside) of each box drawn below `group`."""
    found = []
    for child in group.groups:
        if not child.is_empty():
            found.append((child.key, _inside(child)))
            found += _boxes(child)
    return found


def _inside(group: SceneGroup) -> list[str]:
    return [*group.nodes, *(m for child in group.groups for m in _inside(child))]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_no_edge_runs_through_a_group_title(path: Path) -> None:
    """A box's title is a node of its own, which Graphviz routes edges around (a
    cluster's label is not an obstacle: 85 edges ran through one in these models)."""
    drawn = _drawing(path)
    assert drawn.titles, "every model here has groups"
    assert len(drawn.titles) == len({k for k in drawn.titles if k.startswith("g-")})
    through = [
        (edge, group)
        for edge, points in drawn.lines.items()
        for group, title in drawn.titles.items()
        if any(title.holds(x, y) for x, y in points)
    ]
    assert not through, f"edges through group titles: {through}"
