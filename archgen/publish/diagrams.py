"""The diagrams of a site: every stage rendered in parallel, cached by content.

Each stage gets two drawings: its architecture with its findings marked, and the same
architecture with what changed since the previous stage coloured (green added, amber
changed). `archgen.render.render_files` skips a drawing whose content has not changed
since the last render into the same folder, so the cache is simply a stable folder per
models folder: a rebuild after one model edit redraws only what that edit changed.
Drawings run in worker processes, one per core (Graphviz and the SVG assembly are both
CPU-bound).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from archgen.load.loader import LoadedModel
from archgen.publish.journey import Journey
from archgen.rules.finding import Finding


@dataclass(frozen=True)
class Drawing:
    """One SVG to draw: a model, what to mark on it, and its file name."""

    loaded: LoadedModel
    stem: str
    findings: tuple[Finding, ...] = ()
    highlight: dict[str, str] = field(default_factory=dict)


def diagram_cache(cache_root: Path, models_dir: Path) -> Path:
    """The folder holding one models folder's rendered diagrams, under `cache_root`."""
    key = hashlib.sha256(str(models_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_root / "site-diagrams" / key


def changes_stem(slug: str) -> str:
    """The file stem of a stage's diagram with its changes coloured."""
    return f"{slug}-changes"


def drawings(journey: Journey) -> list[Drawing]:
    """Every drawing the site shows."""
    result: list[Drawing] = []
    for stage in journey.stages:
        result.append(Drawing(stage.loaded, stage.slug, findings=tuple(stage.findings)))
        if stage.diff is not None:
            marks = {k: v for k, v in stage.diff.highlight().items() if v != "removed"}
            result.append(Drawing(stage.loaded, changes_stem(stage.slug), highlight=marks))
    return result


def render_diagrams(journey: Journey, out_dir: Path) -> dict[str, Path]:
    """Draw every SVG the site shows into `out_dir`; file stem → SVG path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(drawing, out_dir) for drawing in drawings(journey)]
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    if workers == 1:
        paths = [_draw(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            paths = list(pool.map(_draw, jobs))
    return {drawing.stem: path for (drawing, _), path in zip(jobs, paths, strict=True)}


def _draw(job: tuple[Drawing, Path]) -> Path:
    from archgen.render import render_files

    drawing, out_dir = job
    return render_files(
        drawing.loaded,
        out_dir,
        drawing.stem,
        ["svg"],
        findings=drawing.findings,
        highlight=drawing.highlight or None,
    )["svg"]
