"""A generated 400-component model renders (raw diagrams with defaults crashes on it)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from archgen.load.loader import load_text
from archgen.render.pipeline import render_outputs, scene_of
from tests.conftest import run_archgen
from tests.render.conftest import ROOT


def test_four_hundred_components_render_to_svg() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    loaded = load_text(generate_model(400), "generated.yaml")
    assert len(loaded.model.components) == 400
    svg = render_outputs(scene_of(loaded), ["svg"], 96)["svg"]
    root = ElementTree.fromstring(svg)
    nodes = [
        g
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "node" and g.get("id", "").startswith("c-")
    ]
    assert len(nodes) == 400


def test_a_model_too_large_to_draw_well_gets_one_line_of_advice(tmp_path: Path) -> None:
    from archgen.render.dot import HUGE_GRAPH

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for count, hinted in ((HUGE_GRAPH, False), (HUGE_GRAPH + 8, True)):
        model = tmp_path / f"big{count}.yaml"
        model.write_text(generate_model(count))
        done = run_archgen(
            "render", str(model), "-o", str(tmp_path), "--format", "mermaid", "--fail-on", "never"
        )
        assert done.returncode == 0, done.stderr
        advice = [line for line in done.stderr.splitlines() if "one model per region" in line]
        if hinted:
            assert len(advice) == 1
            components = len(load_text(model.read_text(), "m.yaml").model.components)
            assert advice[0].startswith(f"{model}: {components:,} components")
            assert "draw a view" in advice[0]
        else:
            assert advice == []


def test_larger_models_get_cheaper_layout_settings() -> None:
    """Issue 11's settings above 200 components, cheaper ones above 1,000."""
    from archgen.render import dot
    from archgen.render.icon_cache import icon_set

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for count, settings in (
        (150, ()),
        (400, dot.LARGE_GRAPH_SETTINGS),
        (1100, dot.HUGE_GRAPH_SETTINGS),
    ):
        scene = scene_of(load_text(generate_model(count), "generated.yaml"))
        graph = dot.to_dot(scene, icon_set().paths).split("\n", 2)[1]
        written = {a for a in ("mclimit", "nslimit", "searchsize") if f"{a}=" in graph}
        assert written == ({"mclimit", "nslimit", "searchsize"} if settings else set())
        assert all(setting in graph for setting in settings)
