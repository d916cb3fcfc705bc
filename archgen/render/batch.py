"""`archgen render PATH...`: validate every model, then draw them in parallel.

Validation comes first and for all models: a model that does not load stops the
command (exit 2) before any file is written. Models are then drawn in worker
processes over the cores; `dot` runs in each, so two models use two cores.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.errors import InputError
from archgen.load.loader import LoadedModel
from archgen.rules.finding import Finding
from archgen.validate import ValidationResult


@dataclass(frozen=True)
class RenderJob:
    """One model to draw and where."""

    loaded: LoadedModel
    findings: tuple[Finding, ...]
    out_dir: Path
    stem: str
    formats: tuple[str, ...]
    dpi: int
    highlight_findings: bool


def output_stem(path: str) -> str:
    """``stage7`` for ``models/stage7.yaml`` (and for ``HEAD~1:models/stage7.yaml``)."""
    name = path.rsplit(":", 1)[-1] if ":" in path and not os.path.exists(path) else path
    return Path(name).stem


def plan_jobs(
    paths: Sequence[str],
    result: ValidationResult,
    out_dir: Path,
    formats: Sequence[str],
    dpi: int,
    highlight_findings: bool,
) -> list[RenderJob]:
    """One job per model; two models that would write the same file names are an error."""
    stems: dict[str, str] = {}
    jobs = []
    for path, loaded in zip(result.by_model, result.models, strict=True):
        stem = output_stem(path)
        if stem in stems:
            raise InputError(
                f"{path}: would overwrite the diagrams of {stems[stem]} ({stem}.*); "
                "render them into different folders with -o"
            )
        stems[stem] = path
        jobs.append(
            RenderJob(
                loaded,
                tuple(result.by_model[path]),
                out_dir,
                stem,
                tuple(formats),
                dpi,
                highlight_findings,
            )
        )
    return jobs


def run_job(job: RenderJob) -> dict[str, Path]:
    """Draw one model (in a worker process or in this one)."""
    from archgen.render.pipeline import render_files

    return render_files(
        job.loaded,
        job.out_dir,
        job.stem,
        job.formats,
        findings=job.findings,
        dpi=job.dpi,
        highlight_findings=job.highlight_findings,
    )


def run_jobs(jobs: Sequence[RenderJob]) -> list[dict[str, Path]]:
    """Draw every model, in parallel over the cores when there are several."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers <= 1:
        return [run_job(job) for job in jobs]
    # imported here: the process pool's modules cost more than drawing one model
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_job, jobs))
