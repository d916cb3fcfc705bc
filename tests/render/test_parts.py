"""Huge drawings are laid out region by region, in parallel, and packed
(`archgen.render.parts`): every component, edge and group drawn once, each region's
components inside its box, the boxes apart, and every Graphviz run bounded."""

from __future__ import annotations

import os
import shutil
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from archgen.load.loader import LoadedModel, load_text
from archgen.render import parts
from archgen.render.dot import HUGE_GRAPH
from archgen.render.graphviz import DotTimeout, lay_out_each
from archgen.render.icon_cache import icon_set
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.scene import SceneGroup
from archgen.render.theme import SLATE_BACKGROUND
from tests.render.conftest import ROOT
from tests.render.svg_geometry import drawing
from tests.render.test_drawio import SLACK, cells, geometry
from tests.render.test_text_formats import NASTY, _model_with


def generated(components: int, regions: int = 2) -> LoadedModel:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return load_text(generate_model(components, regions), "generated.yaml")


@pytest.fixture
def small_is_huge(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Drawings of more than 10 components are laid out in parts (real ones take
    seconds: 1,000 components)."""
    monkeypatch.setattr(parts, "HUGE_GRAPH", 10)
    yield


def members(group: SceneGroup) -> list[str]:
    return [*group.nodes, *(m for child in group.groups for m in members(child))]


@pytest.mark.usefixtures("small_is_huge")
def test_a_scene_is_cut_into_its_global_services_and_its_regions() -> None:
    scene = scene_of(generated(60, regions=3))
    cut = parts.split(scene)
    assert cut is not None
    # the global services first (users, DNS, CDN…), then each region in the model's order
    assert cut.parts[0].scene.root.nodes == scene.root.nodes
    assert [p.scene.root.groups for p in cut.parts[1:]] == [[g] for g in scene.root.groups]
    drawn = [node for part in cut.parts for node in part.scene.nodes]
    assert sorted(drawn) == sorted(scene.nodes)  # each component in exactly one part
    part_of = {node: n for n, part in enumerate(cut.parts) for node in part.scene.nodes}
    inside = [i for part in cut.parts for i in part.edge_ids]
    assert sorted(inside + cut.between) == list(range(len(scene.edges)))
    for part in cut.parts:
        assert [scene.edges[i] for i in part.edge_ids] == part.scene.edges
        assert set(members(part.scene.root)) == set(part.scene.nodes)
    for i in cut.between:
        edge = scene.edges[i]
        assert part_of[edge.source] != part_of[edge.target]
    assert cut.between  # users reach every region, replicas sit in the next one


def test_drawings_up_to_the_huge_size_or_in_one_box_are_laid_out_whole() -> None:
    assert parts.split(scene_of(generated(HUGE_GRAPH))) is None
    one_region = scene_of(generated(60, regions=1))
    one_region.root.nodes.clear()  # nothing outside the region: one box
    assert parts.split(one_region) is None


@pytest.mark.usefixtures("small_is_huge")
def test_a_drawing_in_parts_has_everything_once_and_each_region_apart() -> None:
    loaded = generated(60, regions=3)
    scene = scene_of(loaded)
    out = render_outputs(scene, ["svg", "drawio"], 96)
    svg = out["svg"].decode("utf-8")
    found = drawing(svg)
    assert set(found.nodes) == {f"c-{i}" for i in scene.nodes}
    assert set(found.lines) == {f"e-{i}" for i in range(len(scene.edges))}
    assert scene.title in svg  # the whole drawing's title, once
    assert svg.count(f">{scene.title}<") == 1
    regions = [g for g in scene.root.groups if not g.is_empty()]
    boxes = {g.key: found.groups[f"g-{g.key}"] for g in regions}
    for group in regions:
        for node in members(group):  # each component inside its region's box
            box, region = found.nodes[f"c-{node}"], boxes[group.key]
            assert region.left <= box.left and box.right <= region.right, node
            assert region.top <= box.top and box.bottom <= region.bottom, node
        for other in regions:  # and the regions apart
            if other is not group:
                assert not boxes[group.key].overlaps(boxes[other.key])
    for node in scene.root.nodes:  # the global services outside every region
        assert not any(box.overlaps(found.nodes[f"c-{node}"]) for box in boxes.values())
    # the draw.io file has the same layout: every component inside its container
    found_cells = cells(ElementTree.fromstring(out["drawio"]))
    for node in scene.nodes:
        cell = found_cells[f"c-{node}"]
        x, y, width, height = geometry(cell)
        parent = found_cells[str(cell.get("parent"))]
        if parent.get("id") != "1":
            _, _, parent_width, parent_height = geometry(parent)
            assert x >= -SLACK and x + width <= parent_width + SLACK, node
            assert y >= -SLACK and y + height <= parent_height + SLACK, node


def test_a_model_above_the_huge_size_is_drawn_in_parts() -> None:
    """The real threshold, real Graphviz: 1,008 components over two regions."""
    scene = scene_of(generated(HUGE_GRAPH + 8))
    assert parts.split(scene) is not None
    svg = render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")
    assert set(drawing(svg).nodes) == {f"c-{i}" for i in scene.nodes}


def stand_in_dot(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir()
    (folder / "dot").write_text(script)
    (folder / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_laying_parts_out_is_bounded_and_ends_every_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `dot` that never finishes: the time limit ends every one still running."""
    pids = tmp_path / "pids"
    pids.mkdir()
    stand_in_dot(tmp_path / "bin", f'#!/bin/sh\necho > "{pids}/$$"\nexec sleep 60\n', monkeypatch)
    started = time.monotonic()
    with pytest.raises(DotTimeout) as raised:
        lay_out_each(["digraph { a }"] * 3, image_path=tmp_path, timeout=1.0)
    assert time.monotonic() - started < 30
    assert "within 1 s" in str(raised.value)
    assert list(pids.iterdir())  # they did start
    for pid in pids.iterdir():
        with pytest.raises(ProcessLookupError):  # ended and reaped
            os.kill(int(pid.name), 0)


def test_a_part_graphviz_cannot_rank_is_laid_out_with_the_older_ranking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `run_dot` does for a whole drawing (tests/render/test_dot_limits.py)."""
    real = shutil.which("dot")
    assert real is not None
    stand_in_dot(
        tmp_path / "bin",
        "#!/bin/sh\n"
        'input=$(mktemp)\ncat > "$input"\n'
        'if grep -q "newrank" "$input"; then\n'
        '  rm -f "$input"; echo "Error: trouble in init_rank" >&2; exit 1\nfi\n'
        f'"{real}" "$@" < "$input"\ncode=$?\nrm -f "$input"\nexit $code\n',
        monkeypatch,
    )
    texts = ["digraph { newrank=true, a -> b }", "digraph { c -> d }"]
    laid_out = lay_out_each(texts, image_path=icon_set().root, timeout=30)
    assert "newrank" not in laid_out[0]
    assert all("pos=" in text for text in laid_out)


@pytest.mark.usefixtures("small_is_huge")
def test_a_dark_drawing_in_parts_is_dark_throughout() -> None:
    scene = scene_of(generated(40, regions=2))
    assert parts.split(scene) is not None
    svg = render_outputs(scene, ["svg"], 96, theme="dark")["svg"].decode("utf-8").lower()
    background = svg.index('<polygon fill="')
    assert svg[background:].startswith(f'<polygon fill="{SLATE_BACKGROUND.lower()}"')
    assert 'fill="white"' not in svg and "#232f3e" not in svg  # no light text or page


def test_hostile_names_survive_the_parts_and_the_packing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part's layout goes through `dot -Tdot`, `gvpack` and `neato` as DOT text:
    quotes, markup, brackets and newlines in names stay text all the way."""
    label = NASTY.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    model = load_text(
        _model_with(NASTY).replace(
            "components:\n",
            f'components:\n  - {{id: users, kind: client, label: "{label}"}}\n',
        )
        + f'  - {{from: users, to: a, label: "{label}"}}\n',
        "nasty.yaml",
    )
    monkeypatch.setattr(parts, "HUGE_GRAPH", 1)
    scene = scene_of(model)
    cut = parts.split(scene)
    assert cut is not None and len(cut.parts) == 2 and len(cut.between) == 1
    svg = render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")
    ElementTree.fromstring(svg)  # well-formed
    assert "<script>" not in svg
    # three components, the edge inside the region, the one between parts, the title
    assert svg.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6
    assert set(drawing(svg).nodes) == {"c-users", "c-a", "c-b"}


@pytest.mark.usefixtures("small_is_huge")
def test_the_dot_file_of_a_drawing_in_parts_is_the_whole_graph() -> None:
    """`--format dot` writes the whole graph (what `dot` would lay out in one piece),
    even when the picture is laid out in parts."""
    from archgen.render.dot import to_dot

    scene = scene_of(generated(40, regions=2))
    assert parts.split(scene) is not None
    written = render_outputs(scene, ["svg", "dot"], 96)["dot"].decode("utf-8")
    paths = icon_set().paths_for({node.service for node in scene.nodes.values()})
    assert written.endswith(to_dot(scene, paths)) and written.startswith("// Drawn by archgen")
