"""Graphviz layout settings for large models: time, memory and edge crossings.

For generated models (`benchmarks/generate.py`) of several sizes, lays the DOT text
archgen writes out with `dot` under each variant of the graph attributes below and
reports the wall time, `dot`'s CPU time (steadier than wall time on a shared
machine), its peak memory, and the edge crossings `dot -v` reports once it has ordered
the whole graph.

    python benchmarks/layout_bench.py [--sizes 500,1000,2000] [--timeout 900]
        [--variants default,large]

"default" is the DOT text of archgen before large models got cheaper settings (the
small-model attributes); "large" is what archgen now writes above
`archgen.render.dot.LARGE_GRAPH` components. The other variants are the experiments
that chose it. Results go to stdout as a table.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

#: attribute changes of each variant, applied to the top-level graph statement
VARIANTS: dict[str, dict[str, str]] = {
    "default": {},
    "search": {"mclimit": "0.5", "nslimit": "0.5", "nslimit1": "0.5", "searchsize": "10"},
    "search+polyline": {
        "mclimit": "0.5",
        "nslimit": "0.5",
        "nslimit1": "0.5",
        "searchsize": "10",
        "splines": "polyline",
    },
    "fast": {"mclimit": "0.3", "nslimit": "0.2", "nslimit1": "0.2", "searchsize": "10"},
    "fast+line": {
        "mclimit": "0.3",
        "nslimit": "0.2",
        "nslimit1": "0.2",
        "searchsize": "10",
        "splines": "line",
    },
}


def dot_text(components: int, large: bool) -> str:
    """archgen's DOT text of a generated model; `large` False: as for a small model."""
    from generate import generate_model  # type: ignore[import-not-found]

    from archgen.load.loader import load_text
    from archgen.render import dot
    from archgen.render.icon_cache import icon_set
    from archgen.render.pipeline import scene_of

    scene = scene_of(load_text(generate_model(components), "generated.yaml"))
    limit = dot.LARGE_GRAPH
    try:
        if not large:
            dot.LARGE_GRAPH = sys.maxsize
        return dot.to_dot(scene, icon_set().paths)
    finally:
        dot.LARGE_GRAPH = limit


def with_attributes(text: str, changes: dict[str, str]) -> str:
    """`text` with the first `graph [...]` statement's attributes changed or added."""
    head, rest = text.split("  graph [", 1)
    attributes, tail = rest.split("];\n", 1)
    for name, value in changes.items():
        if f"{name}=" in attributes:
            before, after = attributes.split(f"{name}=", 1)
            after = after.split(",", 1)[1] if "," in after.split("<", 1)[0] else ""
            attributes = f"{before}{name}={value}, {after}".rstrip(", ")
        else:
            attributes = f"{name}={value}, {attributes}"
    return f"{head}  graph [{attributes}];\n{tail}"


def run_dot(text: str, timeout: float) -> tuple[float | None, float, int, int | None]:
    """Wall seconds (None on timeout), CPU seconds, peak memory (KiB) and edge crossings of one
    ``dot -v -Tsvg`` run; the crossings are what `dot -v` reports after its
    crossing reduction of the whole graph ("mincross archgen: N crossings")."""
    from archgen.render.icon_cache import icon_set

    with tempfile.TemporaryDirectory() as folder:
        source, log = Path(folder) / "in.dot", Path(folder) / "verbose.txt"
        source.write_text(text)
        command = ["dot", "-v", f"-Gimagepath={icon_set().root}", "-Tsvg", "-o/dev/null"]
        start = time.perf_counter()
        with log.open("w") as stderr:
            process = subprocess.Popen([*command, str(source)], stderr=stderr)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return None, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, None
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            raise RuntimeError(f"dot failed with {process.returncode}")
        found = re.findall(r"^mincross archgen: (\d+) crossings", log.read_text(), re.M)
        crossings = int(found[-1]) if found else None
        return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, crossings


def main() -> None:
    """Lay every size out under every variant; print one row each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--variants", default="default,large")
    args = parser.parse_args()
    header = ("components", "variant", "wall s", "CPU s", "peak MiB", "crossings")
    print("{:>10} {:16} {:>8} {:>7} {:>9} {:>9}".format(*header))
    for size in (int(s) for s in args.sizes.split(",")):
        for name in args.variants.split(","):
            if name == "large":
                text = dot_text(size, large=True)
            else:
                text = with_attributes(dot_text(size, large=False), VARIANTS[name])
            seconds, cpu, peak, crossed = run_dot(text, args.timeout)
            shown = f"{seconds:8.1f}" if seconds is not None else f">{args.timeout:7.0f}"
            crossings = "-" if crossed is None else str(crossed)
            row = f"{size:>10} {name:16} {shown} {cpu:7.1f} {peak / 1024:9.0f} {crossings:>9}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
