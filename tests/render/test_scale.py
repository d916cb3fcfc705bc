"""A generated 400-component model renders (raw diagrams with defaults crashes on it)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree

from archgen.load.loader import load_text
from archgen.render.pipeline import render_outputs, scene_of
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
    nodes = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
    assert len(nodes) == 400
