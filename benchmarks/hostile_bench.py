"""Resource use of every hostile input: wall time and peak memory of `archgen validate`.

Runs each case of the hostile corpus (committed, generated, benchmark-only) and of the
models helper's broken-input corpus in its own process, measured with `os.wait4`
(the child's own peak RSS, not the maximum over all children). Asserts nothing: prints
the slowest and the largest cases and those over the targets (2 s, 500 MB).

    .venv/bin/python benchmarks/hostile_bench.py [--repeat 3] [--only NAME...]

A reference row runs `validate` on `models/stage1.yaml`: compare cases with it, on the
same machine in the same run, not with numbers from elsewhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.hostile_support import (  # noqa: E402  (needs the path above)
    BENCH_ONLY,
    CORPUS,
    GENERATED,
    LOAD_CASES,
    corpus_names,
    load_case_names,
    validate_args,
)

TIME_TARGET = 2.0
MEMORY_TARGET_MB = 500
TIMEOUT = 300.0


@dataclass(frozen=True)
class Case:
    """One input: a name, the arguments of `archgen`, and the folder to run in."""

    name: str
    args: tuple[str, ...]
    cwd: Path


@dataclass(frozen=True)
class Measure:
    """Median wall and CPU time, largest peak RSS and the exit code of one case."""

    name: str
    seconds: float
    cpu: float
    megabytes: float
    code: int


def run_once(case: Case) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MB and exit code of one run (killed after
    `TIMEOUT`). CPU time (user + system) is steadier than wall time on a busy machine."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "archgen", *case.args],
        cwd=case.cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    timer = threading.Timer(TIMEOUT, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
    seconds = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, process.returncode


def measure(case: Case, repeat: int) -> Measure:
    """The median time and largest memory over `repeat` runs."""
    runs = [run_once(case) for _ in range(repeat)]
    return Measure(
        case.name,
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
        runs[-1][3],
    )


def cases(scratch: Path, only: list[str]) -> list[Case]:
    """Every case whose name contains one of `only` (all if empty): the committed corpora,
    then the generated inputs (made in `scratch`, only when selected)."""

    def wanted(name: str) -> bool:
        return not only or any(word in name for word in only)

    found = [Case("reference: models/stage1.yaml", ("validate", "models/stage1.yaml"), ROOT)]
    found += [
        Case(f"hostile/{n}", ("validate", str(CORPUS / f"{n}.yaml")), ROOT) for n in corpus_names()
    ]
    found += [
        Case(f"load/{n}", ("validate", str(LOAD_CASES / f"{n}.yaml")), ROOT)
        for n in load_case_names()
    ]
    found = [case for case in found if wanted(case.name)]
    for group, generators in (("generated", GENERATED), ("bench-only", BENCH_ONLY)):
        for name, (generate, _) in generators.items():
            if not wanted(f"{group}/{name}"):
                continue
            folder = scratch / name
            folder.mkdir()
            args = validate_args(folder, generate(folder))
            found.append(Case(f"{group}/{name}", tuple(args), folder))
    return found


def table(title: str, rows: list[Measure]) -> str:
    """A plain-text table of `rows`."""
    lines = [title, f"  {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'exit':>4}  case"]
    lines += [
        f"  {m.seconds:8.3f} {m.cpu:8.3f} {m.megabytes:8.1f} {m.code:4d}  {m.name}" for m in rows
    ]
    return "\n".join(lines)


def main() -> None:
    """Measure every case and print the slowest, the largest and those over target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (median time)")
    parser.add_argument("--only", nargs="*", default=[], help="case names containing these")
    parser.add_argument("--top", type=int, default=10, help="rows in each table")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="archgen-hostile-bench-") as scratch:
        selected = cases(Path(scratch), options.only)
        results = [measure(case, options.repeat) for case in selected]
    print(f"{len(results)} cases, {options.repeat} run(s) each, Python {sys.version.split()[0]}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(table("slowest (CPU)", sorted(results, key=lambda m: -m.cpu)[: options.top]))
    print(table("slowest (wall)", sorted(results, key=lambda m: -m.seconds)[: options.top]))
    print(table("largest peak memory", sorted(results, key=lambda m: -m.megabytes)[: options.top]))
    over = [m for m in results if m.seconds > TIME_TARGET or m.megabytes > MEMORY_TARGET_MB]
    print(
        table(f"over {TIME_TARGET} s or {MEMORY_TARGET_MB} MB", over)
        if over
        else "none over target"
    )
    unexpected = [m for m in results if m.code not in (0, 1, 2)]
    if unexpected:
        print(table("unexpected exit codes (a crash or a kill)", unexpected))


if __name__ == "__main__":
    main()
