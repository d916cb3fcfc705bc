"""How validation cost grows with model size: 100, 1,000 and 5,000 components.

Generates each model with `benchmarks/generate.py`, then, in-process, times loading
(YAML → positioned tree → pydantic models → references) and the rules, several runs
each; prints medians, the best run, and the median time per component. A flat time
per component means the cost grows linearly. Wall time and process CPU time are both
shown: on a shared machine the CPU time and the best run are the steadier figures.

    .venv/bin/python benchmarks/validate_scale.py [--runs 5] [--sizes 100,1000,5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_model

from archgen.load.loader import LoadedModel, load_model
from archgen.rules import check, rule_classes


def _timed(work: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def measure(components: int, runs: int, folder: Path) -> dict[str, float]:
    """Median wall/CPU seconds of load and rules for one generated model size."""
    path = folder / f"generated-{components}.yaml"
    path.write_text(generate_model(components))
    samples: dict[str, list[float]] = {k: [] for k in ("load", "rules", "total", "cpu")}
    findings = 0
    for _ in range(runs):
        load_wall, load_cpu, loaded = _timed(lambda: load_model(path))
        assert isinstance(loaded, LoadedModel)
        rules_wall, rules_cpu, result = _timed(partial(check, loaded))
        assert isinstance(result, list)
        findings = len(result)
        samples["load"].append(load_wall)
        samples["rules"].append(rules_wall)
        samples["total"].append(load_wall + rules_wall)
        samples["cpu"].append(load_cpu + rules_cpu)
    medians = {k: statistics.median(v) for k, v in samples.items()}
    medians["best"] = min(samples["total"])  # the least disturbed run, on a shared machine
    medians["findings"] = findings
    medians["bytes"] = path.stat().st_size
    return medians


def main() -> None:
    """Run the sizes and print the curve."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,5000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    rule_classes()  # import the rule modules (and, on first graph use, rustworkx) up front
    columns = ("components", "KiB", "load s", "rules s", "total s", "best s", "cpu s", "µs/comp")
    columns += ("findings",)
    print(" ".join(f"{c:>10}" for c in columns))
    with tempfile.TemporaryDirectory() as tmp:
        measure(sizes[0], 1, Path(tmp))  # warm-up: imports, building the validator
        for size in sizes:
            m = measure(size, args.runs, Path(tmp))
            per = m["total"] / size * 1e6
            cells = [f"{size}", f"{m['bytes'] / 1024:.0f}"]
            cells += [f"{m[k]:.3f}" for k in ("load", "rules", "total", "best", "cpu")]
            cells += [f"{per:.1f}", f"{int(m['findings'])}"]
            print(" ".join(f"{c:>10}" for c in cells))


if __name__ == "__main__":
    main()
