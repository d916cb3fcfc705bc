"""The drawings of `archgen render PATH...`: one job per model, run in parallel.

Models are drawn in worker processes over the cores (`processes.run_all`); `dot` runs
in each, so two models use two cores. A job's files are replaced as a set.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.errors import InputError
from archgen.load.inputs import STDIN
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
    timeout: float
    theme: str = "light"
    #: draw only this view of the model (else the model and all its views)
    view: str | None = None


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
    timeout: float,
    theme: str = "light",
    view: str | None = None,
) -> list[RenderJob]:
    """One job per model; two models that would write the same file names are an error,
    and so is a `view` that a model does not have (before anything is drawn)."""
    from archgen.render.pipeline import view_named

    stems: dict[str, str] = {}
    jobs = []
    for path, loaded in zip(result.by_model, result.models, strict=True):
        # a model from stdin has no file name: its files are named after the model
        stem = loaded.model.name if path == STDIN else output_stem(path)
        if view is not None:
            view_named(loaded, view)
        # the whole model's files and each view's (`stage9.data.*`), which another
        # model's (a `stage9.data.yaml`) must not overwrite
        if view is not None:
            written = [f"{stem}.{view}"]
        else:
            written = [stem, *(f"{stem}.{v.name}" for v in loaded.model.views)]
        for name in written:
            if name in stems:
                raise InputError(
                    f"{path}: would overwrite the diagrams of {stems[name]} ({name}.*); "
                    "render them into different folders with -o"
                )
        stems.update(dict.fromkeys(written, path))
        jobs.append(
            RenderJob(
                loaded,
                tuple(result.by_model[path]),
                out_dir,
                stem,
                tuple(formats),
                dpi,
                highlight_findings,
                timeout,
                theme,
                view,
            )
        )
    return jobs


def run_job(job: RenderJob) -> dict[str, Path]:
    """Draw one model (in a worker process or in this one)."""
    from archgen.render.graphviz import DotTimeout
    from archgen.render.pipeline import render_files

    try:
        return render_files(
            job.loaded,
            job.out_dir,
            job.stem,
            job.formats,
            findings=job.findings,
            dpi=job.dpi,
            highlight_findings=job.highlight_findings,
            timeout=job.timeout,
            theme=job.theme,
            view=job.view,
        )
    except DotTimeout as error:  # which of the models was too large to lay out
        raise DotTimeout(job.timeout, job.loaded.path) from error


def run_jobs(jobs: Sequence[RenderJob]) -> list[dict[str, Path]]:
    """Draw every model, in parallel over the cores when there are several; Ctrl-C or
    a failing model stops them all (each model's earlier files stay as they were)."""
    from archgen.render.processes import run_all

    return run_all(run_job, jobs)
