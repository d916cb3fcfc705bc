"""The start-up budget: what a user waits for on the two everyday commands.

Side by side in one run, each a whole new process, run in turn for several rounds
(medians shown, and the best run, the steadier figure on a shared machine):

- ``python -c pass`` — the interpreter alone, the floor under everything;
- ``python -c "import pydantic"`` — what the model library costs to import;
- ``archgen validate models/stage7.yaml``;
- ``archgen render models/stage7.yaml --format svg`` (icon cache warmed first);
- ``python -c "import click, yaml; from pydantic import BaseModel"`` — the stack's own
  imports, the floor under any archgen command;
With ``--phases``, also the CPU time of each phase of one validate (`startup_phases.py`),
median over the rounds.

    python benchmarks/startup_bench.py [--rounds 7] [--model models/stage7.yaml] [--phases]

Targets (issue 12) on a quiet 2-core machine: validate <= 0.30 s and render SVG
<= 0.40 s wall. archgen's modules are byte-compiled first, as installing a wheel does.
To see where start-up goes: ``python -X importtime -m archgen validate ...``.
"""

from __future__ import annotations

import argparse
import json
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
PHASES = str(ROOT / "benchmarks" / "startup_phases.py")
STACK = "import click, yaml; from pydantic import BaseModel"

TARGETS = {"archgen validate": 0.30, "archgen render --format svg": 0.40}


def _timed(command: list[str], out: str | None = None) -> Callable[[], float]:
    def run() -> float:
        with tempfile.TemporaryDirectory() as folder:  # a fresh folder: no cached outputs
            argv = [folder if part == out else part for part in command]
            start = time.perf_counter()
            subprocess.run(argv, check=False, capture_output=True, cwd=ROOT)
            return time.perf_counter() - start

    return run


def main() -> None:
    """Warm the icon cache, time each contender per round, print medians and targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--model", default="models/stage7.yaml")
    parser.add_argument("--phases", action="store_true", help="also time each phase")
    args = parser.parse_args()
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "archgen")], check=True)
    contenders = {
        "python -c pass": _timed([PYTHON, "-c", "pass"]),
        'python -c "import pydantic"': _timed([PYTHON, "-c", "import pydantic"]),
        "stack imports (click, pydantic, yaml)": _timed([PYTHON, "-c", STACK]),
        "archgen validate": _timed([ARCHGEN, "validate", args.model, "--fail-on", "never"]),
        "archgen render --format svg": _timed(
            [ARCHGEN, "render", args.model, "-o", "OUT", "--format", "svg", "--fail-on", "never"],
            out="OUT",
        ),
        "raw diagrams: SVG": _timed([PYTHON, RAW, "OUT", "svg"], out="OUT"),
    }
    contenders["archgen render --format svg"]()  # warm the icon cache
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, run in contenders.items():
            times[name].append(run())
    print(f"{args.model}, {args.rounds} rounds, whole processes (wall seconds)")
    print(f"{'contender':38} {'median':>8} {'best':>8} {'target':>8}")
    for name, values in times.items():
        target = f"{TARGETS[name]:.2f}" if name in TARGETS else ""
        print(f"{name:38} {statistics.median(values):8.3f} {min(values):8.3f} {target:>8}")
    if args.phases:
        _phases(args.model, args.rounds)


def _phases(model: str, rounds: int) -> None:
    """Median CPU milliseconds of each phase of `archgen validate`, over `rounds` runs."""
    runs = [
        json.loads(
            subprocess.run(
                [PYTHON, PHASES, model], check=True, capture_output=True, text=True, cwd=ROOT
            ).stdout
        )
        for _ in range(rounds)
    ]
    print(f"\nphases of one validate, CPU ms (median of {rounds})")
    for name in runs[0]:
        print(f"{name:38} {statistics.median(run[name] for run in runs):8.1f}")
    total = statistics.median(sum(run.values()) for run in runs)
    print(f"{'total':38} {total:8.1f}")


if __name__ == "__main__":
    main()
