"""The diagrams of a site: every stage rendered in parallel, cached by content.

`archgen.render` skips a model whose drawing has not changed since the last render
into the same folder, so the cache is simply a stable folder per models folder: a
rebuild after one model edit re-renders only the stages that changed. Stages are drawn
by the render part's batch runner, one worker process per core.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from archgen.publish.journey import Journey


def diagram_cache(cache_root: Path, models_dir: Path) -> Path:
    """The folder holding one models folder's rendered diagrams, under `cache_root`."""
    key = hashlib.sha256(str(models_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_root / "site-diagrams" / key


def render_diagrams(journey: Journey, out_dir: Path) -> dict[str, Path]:
    """Render every stage's SVG into `out_dir`, its findings marked; slug → SVG path."""
    from archgen.render.batch import RenderJob, run_jobs

    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        RenderJob(
            loaded=stage.loaded,
            findings=tuple(stage.findings),
            out_dir=out_dir,
            stem=stage.slug,
            formats=("svg",),
            dpi=96,
            highlight_findings=True,
        )
        for stage in journey.stages
    ]
    paths = run_jobs(jobs)
    return {stage.slug: path["svg"] for stage, path in zip(journey.stages, paths, strict=True)}
