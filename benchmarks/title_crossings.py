"""How many edges cross a group's title, per model: issue 15 asks for none.

Each journey stage and each real-architecture example is drawn to SVG as `archgen
render` draws it; an edge crosses a title when a point along its line lies inside the
box Graphviz reserved for a region's, VPC's or subnet tier's title
(`tests/render/svg_geometry.py`, the same reading the layout tests use). Edge labels on
titles are a test already (`tests/render/test_layout_geometry.py`); lines are not yet.

    python benchmarks/title_crossings.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def crossings(path: Path) -> tuple[int, int]:
    """(edges drawn, edge-title pairs where the edge runs through the title)."""
    from archgen.load.loader import load_model
    from archgen.render.pipeline import render_outputs, scene_of
    from tests.render.svg_geometry import drawing

    svg = render_outputs(scene_of(load_model(path)), ["svg"], 96)["svg"].decode("utf-8")
    found = drawing(svg)
    hits = {
        (edge, group)
        for edge, points in found.lines.items()
        for group, title in found.titles.items()
        if any(title.holds(x, y) for x, y in points)
    }
    return len(found.lines), len(hits)


def main() -> None:
    """One row per model, then the total."""
    models = sorted(ROOT.glob("models/stage*.yaml")) + sorted(ROOT.glob("examples/real/*.yaml"))
    print(f"{'model':24} {'edges':>6} {'through a title':>16}")
    total = 0
    for path in models:
        edges, hits = crossings(path)
        total += hits
        print(f"{path.stem:24} {edges:>6} {hits:>16}")
    print(f"{'total':24} {'':>6} {total:>16}")


if __name__ == "__main__":
    main()
