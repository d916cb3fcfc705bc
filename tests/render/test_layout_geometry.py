"""Read from the drawn SVG of the nine stages and the corpus: no edge label sits on a
group's title, and a regional service is drawn inside its region's box, outside VPCs."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

import pytest

from archgen.load.loader import load_model
from archgen.render.pipeline import render_outputs, scene_of
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
