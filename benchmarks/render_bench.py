"""Time `archgen render` against raw `diagrams` on the same stage 7, side by side.

Each round runs every contender once, in turn, as a whole new process (what a user
waits for); the table shows medians over the rounds and the ratio to the anchor.
Machines are noisy: compare the ratios, not the absolute times. archgen's modules are
byte-compiled first, as installing a wheel does.

    python benchmarks/render_bench.py [--rounds 5] [--model models/stage7.yaml]
        [--components 400]
    python benchmarks/render_bench.py --svg-only --rounds 11   # the start-up budget

`--svg-only` times just `archgen render MODEL --format svg` into a fresh folder (warm
icon cache, cold process), the number the render path's budget (<= 0.40 s for stage 7)
is about.

Targets (issue 4): stage 7 to self-contained SVG within 1.5x the raw-diagrams SVG;
SVG+PNG within 1.0x raw diagrams' SVG+PNG at the same resolution (96 dpi, Graphviz's
PNG default, which raw diagrams uses); a 400-component model to SVG under 5 s. Since
issue 12 (the model is pydantic again, which costs start-up) the SVG target is an
absolute one, measured by `benchmarks/startup_bench.py`: render SVG <= 0.40 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARCHGEN = str(Path(PYTHON).parent / "archgen")
RAW = str(ROOT / "benchmarks" / "raw_diagrams_stage7.py")

#: the render step alone in a fresh process: model already loaded, no cache
RENDER_ONLY = """
import sys, time
from archgen.load.loader import load_model
loaded = load_model(sys.argv[1])
start = time.perf_counter()
from archgen.render.pipeline import render_outputs, scene_of
render_outputs(scene_of(loaded), sys.argv[2].split(","), 96)
print(time.perf_counter() - start)
"""


def _run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def _archgen(model: str, formats: str) -> Callable[[], float]:
    def run() -> float:
        with tempfile.TemporaryDirectory() as out:  # a fresh folder: no cached outputs
            return _run(
                [ARCHGEN, "render", model, "-o", out, "--format", formats, "--fail-on", "never"]
            )

    return run


def _validate(model: str) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(
            [ARCHGEN, "validate", model, "--fail-on", "never"], capture_output=True, cwd=ROOT
        )
        return time.perf_counter() - start

    return run


def _raw(formats: str) -> Callable[[], float]:
    def run() -> float:
        with tempfile.TemporaryDirectory() as out:
            return _run([PYTHON, RAW, out, formats])

    return run


def _render_only(model: str, formats: str) -> Callable[[], float]:
    def run() -> float:
        result = subprocess.run(
            [PYTHON, "-c", RENDER_ONLY, model, formats],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        return float(result.stdout.strip())

    return run


def _measure(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            times[name].append(run())
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    """Run the comparison and print a table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", default="models/stage7.yaml")
    parser.add_argument("--components", type=int, default=400)
    parser.add_argument("--svg-only", action="store_true", help="time only render --format svg")
    args = parser.parse_args()
    # compiled as a wheel install compiles it (raw diagrams' package has its .pyc files
    # from pip); an editable install under PYTHONDONTWRITEBYTECODE would have none
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "archgen")], check=True)
    if args.svg_only:
        _archgen(args.model, "svg")()  # fills the icon cache if it is cold
        times = [_archgen(args.model, "svg")() for _ in range(args.rounds)]
        print(
            f"archgen render {args.model} --format svg: median {statistics.median(times):.3f} s"
            f" over {args.rounds} processes (min {min(times):.3f}, max {max(times):.3f})"
        )
        return

    contenders = {
        "archgen validate (the floor render starts from)": _validate(args.model),
        "raw diagrams: SVG": _raw("svg"),
        "archgen render: SVG (validate + self-contained)": _archgen(args.model, "svg"),
        "archgen render step only: SVG": _render_only(args.model, "svg"),
        "raw diagrams: SVG+PNG (96 dpi)": _raw("svg,png"),
        "archgen render: SVG+PNG (96 dpi)": _archgen(args.model, "svg,png"),
        "archgen render step only: SVG+PNG": _render_only(args.model, "svg,png"),
    }
    medians = _measure(contenders, args.rounds)
    svg_anchor = medians["raw diagrams: SVG"]
    png_anchor = medians["raw diagrams: SVG+PNG (96 dpi)"]
    print(f"stage 7 ({args.model}), medians of {args.rounds} rounds, whole processes")
    print(f"{'contender':52} {'median s':>9} {'ratio':>7}")
    for name, median in medians.items():
        anchor = png_anchor if "PNG" in name else svg_anchor
        print(f"{name:52} {median:9.3f} {median / anchor:7.2f}")
    print(
        "targets: SVG <= 1.5x raw SVG: "
        f"{medians['archgen render: SVG (validate + self-contained)'] / svg_anchor:.2f}x; "
        "SVG+PNG <= 1.0x raw SVG+PNG: "
        f"{medians['archgen render: SVG+PNG (96 dpi)'] / png_anchor:.2f}x"
    )
    if args.components:  # 0 skips the scale run
        _scale(args.components, args.rounds)


def _scale(components: int, rounds: int) -> None:
    """A generated model of `components` components to SVG (needs benchmarks/generate.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_model  # type: ignore[import-not-found]
    except ImportError:
        print("scale: benchmarks/generate.py is not there yet; skipped")
        return
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / f"generated{components}.yaml"
        model.write_text(generate_model(components), encoding="utf-8")
        medians = _measure(
            {
                "archgen render: SVG": _archgen(str(model), "svg"),
                "archgen render step only: SVG": _render_only(str(model), "svg"),
            },
            max(1, rounds // 2),
        )
    for name, median in medians.items():
        verdict = "under 5 s" if median < 5 else "OVER 5 s"
        print(f"{components} components, {name:40} {median:7.3f} s  ({verdict})")


if __name__ == "__main__":
    main()
