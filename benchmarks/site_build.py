"""Time `archgen site` on the nine-stage journey: cold, warm, and after one model edit.

Each round runs every case once, in turn, as a whole new `archgen site` process (what
a user waits for); the table shows medians over the rounds. The anchor is a plain
mkdocs-material `build --strict` of as many pages as the site has, each showing one of
the same SVG diagrams: the floor any MkDocs site of this size pays.

    python benchmarks/site_build.py [--rounds 5] [--models models]

- cold: empty diagram cache, empty output folder (every stage drawn, in parallel);
- warm: the cache is current and nothing changed (no stage drawn);
- one edit: one model's title changed since the last build (only that stage drawn).

Machines are noisy: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHGEN = str(Path(sys.executable).parent / "archgen")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _timed(command: list[str], cwd: Path, env: dict[str, str] = ENV) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - start


class Workspace:
    """A copy of the models, a cache folder and an output folder in a temporary place."""

    def __init__(self, models: Path, root: Path) -> None:
        self.root = root
        #: the user's cache folder of these runs (where the site keeps its drawings)
        self.cache = root / "user-cache"
        self.models = root / "models"
        shutil.copytree(models, self.models)
        self.last_model = sorted(self.models.glob("*.yaml"))[-1]
        self.edits = 0

    def build(self) -> float:
        env = {**ENV, "XDG_CACHE_HOME": str(self.cache)}
        return _timed([ARCHGEN, "site", str(self.models), "-o", "out"], self.root, env)

    def cold(self) -> float:
        shutil.rmtree(self.cache / "archgen" / "site-diagrams", ignore_errors=True)
        shutil.rmtree(self.root / "out", ignore_errors=True)
        return self.build()

    def one_edit(self) -> float:
        self.edits += 1
        text = self.last_model.read_text()
        lines = [
            f"title: {line.split(':', 1)[1].strip()} ({self.edits})"
            if line.startswith("title:")
            else line
            for line in text.split("\n")
        ]
        self.last_model.write_text("\n".join(lines))
        return self.build()


def plain_mkdocs(root: Path, pages: int, diagrams: list[Path]) -> Callable[[], float]:
    """The anchor: mkdocs-material over `pages` hand-written pages with one SVG each."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for diagram in diagrams:
        shutil.copy(diagram, docs / diagram.name)
    for n in range(pages):
        svg = diagrams[n % len(diagrams)].name
        (docs / f"page{n}.md").write_text(f"# Page {n}\n\n![diagram]({svg})\n\nText.\n")
    (docs / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(
        "site_name: anchor\ntheme: {name: material, font: false}\nplugins: [search]\n"
    )

    def run() -> float:
        return _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], root)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="archgen-site-bench-") as temporary:
        work = Workspace(args.models.resolve(), Path(temporary) / "site")
        work.cold()  # also a check that the site builds at all
        site = work.root / "out"
        pages = len(list(site.rglob("index.html")))
        anchor = plain_mkdocs(Path(temporary) / "anchor", pages, sorted(site.glob("*.svg")))
        cases: dict[str, Callable[[], float]] = {
            f"anchor: mkdocs-material, {pages} pages with one SVG each": anchor,
            "archgen site, cold (no cache)": work.cold,
            "archgen site, warm (nothing changed)": work.build,
            f"archgen site, one edit ({work.last_model.name})": work.one_edit,
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, run in cases.items():
                times[name].append(run())

    medians = {name: statistics.median(values) for name, values in times.items()}
    anchor_time = next(iter(medians.values()))
    width = max(len(name) for name in medians)
    print(f"{'case':<{width}}  median   ratio to anchor  (rounds: {args.rounds})")
    for name, value in medians.items():
        print(f"{name:<{width}}  {value:6.2f}s  {value / anchor_time:5.2f}x")


if __name__ == "__main__":
    main()
