"""`--format drawio`: draw.io's mxfile structure, AWS 4 shapes, containers, one layout."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest

from archgen.load.loader import LoadedModel, load_model
from archgen.render.drawio import AWS4_SHAPES, GENERIC_STYLE, layout_boxes
from archgen.render.names import SERVICE_NAMES
from archgen.render.pipeline import render_outputs, scene_of
from tests.conftest import MODELS
from tests.render.conftest import render_cli
from tests.render.test_text_formats import NASTY, _model_with

#: how far (points) a child may stick out of its container: coordinates are rounded
SLACK = 0.5


def drawio_of(loaded: LoadedModel) -> ElementTree.Element:
    data = render_outputs(scene_of(loaded), ["drawio"], 96)["drawio"]
    return ElementTree.fromstring(data)


def cells(mxfile: ElementTree.Element) -> dict[str, ElementTree.Element]:
    root = mxfile.find("./diagram/mxGraphModel/root")
    assert root is not None, "not <mxfile><diagram><mxGraphModel><root>"
    found: dict[str, ElementTree.Element] = {}
    for cell in root:
        assert cell.tag == "mxCell"
        assert cell.get("id") not in found, f"id {cell.get('id')} twice"
        # draw.io reads cells in order: a parent, source or target comes before its user
        for reference in ("parent", "source", "target"):
            if cell.get(reference) is not None:
                assert cell.get(reference) in found, f"{cell.get('id')}: {reference} unknown"
        found[str(cell.get("id"))] = cell
    return found


def geometry(cell: ElementTree.Element) -> tuple[float, float, float, float]:
    box = cell.find("mxGeometry")
    assert box is not None and box.get("as") == "geometry"
    return tuple(float(box.get(k, "0")) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


@pytest.mark.parametrize("stage", ["stage7", "stage9"])
def test_the_file_is_a_valid_mxfile_of_the_whole_model(stage: str) -> None:
    loaded = load_model(MODELS / f"{stage}.yaml")
    found = cells(drawio_of(loaded))
    assert found["0"].get("parent") is None and found["1"].get("parent") == "0"
    components = {c.id for c in loaded.model.components}
    vertices = {k: v for k, v in found.items() if v.get("vertex") == "1"}
    assert {k[2:] for k in vertices if k.startswith("c-")} == components
    edges = [cell for cell in found.values() if cell.get("edge") == "1"]
    assert len(edges) == len(scene_of(loaded).edges) > 0
    for edge in edges:
        assert edge.get("source") in vertices and edge.get("target") in vertices
    for cell_id, cell in vertices.items():
        x, y, width, height = geometry(cell)
        assert width > 0 and height > 0
        parent = found[str(cell.get("parent"))]
        if parent.get("id") == "1":
            continue
        # children are placed relative to their container, and inside it
        assert "container=1" in str(parent.get("style"))
        _, _, parent_width, parent_height = geometry(parent)
        assert x >= -SLACK and x + width <= parent_width + SLACK, cell_id
        assert y >= -SLACK and y + height <= parent_height + SLACK, cell_id


def test_components_sit_in_their_groups_and_use_the_aws4_library(
    two_regions: LoadedModel,
) -> None:
    found = cells(drawio_of(two_regions))
    scene = scene_of(two_regions)

    def walk(group_key: str, cell_id: str) -> None:
        group = next(g for g in _groups(scene.root) if g.key == group_key)
        for component_id in group.nodes:
            assert found[f"c-{component_id}"].get("parent") == cell_id
        for child in group.groups:
            if not child.is_empty():
                assert found[f"g-{child.key}"].get("parent") == cell_id
                assert "grIcon=mxgraph.aws4.group_" in str(found[f"g-{child.key}"].get("style"))
                walk(child.key, f"g-{child.key}")

    walk("root", "1")
    for node in scene.nodes.values():
        style = str(found[f"c-{node.id}"].get("style"))
        shape = AWS4_SHAPES.get(node.service)
        assert style == GENERIC_STYLE if shape is None else f"mxgraph.aws4.{shape.name};" in style
        assert "html=1" not in style  # labels are text, never markup


def _groups(group):  # type: ignore[no-untyped-def]
    yield group
    for child in group.groups:
        yield from _groups(child)


def test_positions_come_from_the_graphviz_layout(two_regions: LoadedModel) -> None:
    """The same `dot` run gives the SVG and the layout: the draw.io page has the
    drawing's size, and a component drawn lower in the SVG is lower in draw.io."""
    outputs = render_outputs(scene_of(two_regions), ["svg", "drawio"], 96)
    model = ElementTree.fromstring(outputs["drawio"]).find("./diagram/mxGraphModel")
    assert model is not None
    svg = ElementTree.fromstring(outputs["svg"])
    width = float(str(svg.get("viewBox")).split()[2])
    # the SVG has Graphviz's pad (0.2 in = 14.4 pt) on each side; draw.io has none
    assert float(str(model.get("pageWidth"))) == pytest.approx(width - 28.8, abs=1.5)


def test_layout_boxes_flip_graphviz_coordinates() -> None:
    layout = (
        b'{"bb": "0,0,200,100", "objects": ['
        b'{"name": "cluster_x", "bb": "10,20,110,90"},'
        b'{"name": "c-a", "pos": "60,50", "width": "1", "height": "0.5"}]}'
    )
    bounds, boxes = layout_boxes(layout)
    assert bounds == (0, 0, 200, 100)
    assert boxes["cluster_x"] == (10, 10, 100, 70)  # top edge 90 → 100 - 90
    assert boxes["c-a"] == (24, 32, 72, 36)


def test_hostile_labels_stay_text(model_from_text: Callable[[str], LoadedModel]) -> None:
    found = cells(drawio_of(model_from_text(_model_with(NASTY))))
    values = [str(cell.get("value")) for cell in found.values()]
    edge = next(cell for cell in found.values() if cell.get("edge") == "1")
    assert edge.get("value") == NASTY  # the whole label, as text (XML escaping is undone)
    assert any("<script>alert(1)</script>" in value for value in values)
    assert all("html=1" not in str(cell.get("style")) for cell in found.values())


def test_every_service_is_mapped_or_generic() -> None:
    """A new service gets a shape decision: the table lists only services we draw."""
    assert set(AWS4_SHAPES) <= set(SERVICE_NAMES)


def test_render_writes_a_drawio_file(tmp_path: Path) -> None:
    done = render_cli(MODELS / "stage7.yaml", tmp_path, "--format", "drawio")
    assert done.stdout.strip().endswith("stage7.drawio")
    assert [p.name for p in tmp_path.iterdir()] == ["stage7.drawio"]
    ElementTree.parse(tmp_path / "stage7.drawio")
