"""How render time grows with the model: 100 … 5,000 components, and the crossings.

For each size, a generated model (`benchmarks/generate.py`: regions, VPCs, tiers,
about 1.5 connections per component) is drawn to SVG the way `archgen render` draws
it (`render_outputs`, one `dot` run), a few times; the median wall time and `dot`'s
CPU time are printed as a table. The edge crossings of the layout are counted from
its geometry (`benchmarks/crossings.py`), once per size and variant.

    python benchmarks/scale_bench.py [--sizes 100,500,1000,2000,5000] [--runs 3]
        [--variants before,after] [--no-crossings]

Variants change the Graphviz settings archgen writes above `LARGE_GRAPH`
(`archgen.render.dot`): "after" is archgen as it is (above `HUGE_GRAPH`, laid out in
parts: `archgen.render.parts`), "whole" the same with one `dot` layout at every size,
"before" the settings of issue 11 (the same for every size above `LARGE_GRAPH`); the
others are the experiments that chose the settings (each applied to every size above
`LARGE_GRAPH`). Every variant but "after" lays the drawing out whole. Wall time is noisy on
a shared machine; CPU time is steadier. Results: `benchmarks/scale_results.md`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archgen.render.scene import Scene

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

#: issue 11's settings: one set above LARGE_GRAPH (200) components
ISSUE_11 = ("mclimit=0.5", "nslimit=0.5", "nslimit1=0.5", "searchsize=10")
#: the experiments, as settings above LARGE_GRAPH and above HUGE_GRAPH
VARIANTS: dict[str, tuple[str, ...] | None] = {
    "before": ISSUE_11,
    "after": None,  # archgen as it is
    "whole": None,  # archgen with one `dot` layout at every size (no parts)
    "m0.1": ("mclimit=0.1", "nslimit=0.1", "nslimit1=0.1", "searchsize=10"),
    "m0.1-remincross": (
        "mclimit=0.1",
        "nslimit=0.1",
        "nslimit1=0.1",
        "searchsize=10",
        "remincross=false",
    ),
    "m0.05-n0.02-line": (
        "mclimit=0.05",
        "nslimit=0.02",
        "nslimit1=0.02",
        "searchsize=5",
        "remincross=false",
        "splines=line",
    ),
}


@contextmanager
def variant(name: str, components: int) -> Iterator[None]:
    """archgen's DOT writer with the settings of variant `name` for this size."""
    from archgen.render import dot, parts

    settings = VARIANTS[name]
    saved, saved_huge = dot.large_graph_settings, parts.HUGE_GRAPH
    if settings is not None:
        fixed = settings
        dot.large_graph_settings = lambda count: fixed if count > dot.LARGE_GRAPH else ()  # type: ignore[assignment]
    if name != "after":  # the experiments before parts: one layout at every size
        parts.HUGE_GRAPH = sys.maxsize
    try:
        yield
    finally:
        dot.large_graph_settings, parts.HUGE_GRAPH = saved, saved_huge  # type: ignore[assignment]


def layout_json(scene: Scene) -> bytes:
    """``-Tjson`` of the layout `render_outputs` draws `scene` with (whole or in parts)."""
    from archgen.render.dot import to_dot
    from archgen.render.graphviz import run_dot
    from archgen.render.icon_cache import icon_set
    from archgen.render.parts import draw_in_parts, split

    icons = icon_set()
    paths = icons.paths_for({n.service for n in scene.nodes.values()})
    cut = split(scene)
    if cut is None:
        return run_dot(to_dot(scene, paths), ["json"], image_path=icons.root, timeout=900)["json"]
    done = draw_in_parts(
        scene,
        cut,
        paths,
        ["json"],
        image_path=icons.root,
        dpi=96,
        timeout=900,
        theme="light",
    )
    return done["json"]


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(components: int, name: str, runs: int, crossings: bool) -> str:
    """One row: size, variant, median wall and `dot` CPU seconds, crossings."""
    from generate import generate_model  # type: ignore[import-not-found]

    from archgen.load.loader import load_text
    from archgen.render.pipeline import render_outputs, scene_of

    scene = scene_of(load_text(generate_model(components), "generated.yaml"))
    walls, cpus = [], []
    with variant(name, components):
        for _ in range(runs):
            cpu, start = child_cpu(), time.perf_counter()
            render_outputs(scene, ["svg"], 96, timeout=900)
            walls.append(time.perf_counter() - start)
            cpus.append(child_cpu() - cpu)
        counted = "-"
        if crossings:
            from crossings import count_crossings  # type: ignore[import-not-found]

            counted = str(count_crossings(layout_json(scene)))
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return f"{components:>10} {name:18} {runs:>4} {wall:8.1f} {cpu:7.1f} {counted:>10}"


def main() -> None:
    """Measure every size under every variant; print one row each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,500,1000,2000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", default="after")
    parser.add_argument("--no-crossings", action="store_true")
    args = parser.parse_args()
    print(
        "{:>10} {:18} {:>4} {:>8} {:>7} {:>10}".format(
            "components", "variant", "runs", "wall s", "CPU s", "crossings"
        )
    )
    for size in (int(s) for s in args.sizes.split(",")):
        for name in args.variants.split(","):
            print(measure(size, name, args.runs, not args.no_crossings), flush=True)


if __name__ == "__main__":
    main()
