"""`archgen render PATH...`: check the options, validate every model, draw them all.

Validation comes first and for all models: a model that does not load stops the
command (exit 2) before any file is written. The findings go to stderr; the paths of
the files written to stdout (to stderr with ``--fenced``, whose Mermaid blocks are the
output then).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from archgen import terminal
from archgen.errors import InputError
from archgen.load.run import ModelLoader
from archgen.rules.selection import Selection

if TYPE_CHECKING:
    from archgen.validate import ValidationResult


def parse_formats(formats: str) -> list[str]:
    """``"svg, png"`` → ``["svg", "png"]`` in canonical order; `InputError` if unknown."""
    from archgen.render.pipeline import FORMATS, check_formats

    try:
        wanted = check_formats([f.strip() for f in formats.split(",") if f.strip()])
    except ValueError as error:
        raise InputError(f"--format: {error}") from None
    if not wanted:
        raise InputError(f"--format: name at least one of {', '.join(FORMATS)}")
    return wanted


def run_render(
    paths: Sequence[str],
    *,
    out_dir: str,
    formats: str,
    dpi: int,
    highlight_findings: bool,
    fenced: bool,
    timeout: float,
    fail_on: str,
    theme: str = "light",
    selection: Selection | None = None,
    quiet: bool = False,
    loader: ModelLoader | None = None,
    view: str | None = None,
) -> bool:
    """Validate and draw every model of `paths`; whether the findings reach `fail_on`
    (the files are written either way).

    `view` draws only that view of each model (`InputError` for a model without it).
    Raises `InputError` (exit 2) for bad options, models or output paths, `ToolError`
    (exit 3) when Graphviz is missing, fails or runs out of time, or the disk is full.
    """
    from archgen import report
    from archgen.render.batch import plan_jobs, run_jobs
    from archgen.render.graphviz import dot_executable
    from archgen.validate import validate_paths

    wanted = parse_formats(formats)
    if fenced and "mermaid" not in wanted:
        raise InputError("--fenced: add mermaid to --format (e.g. --format mermaid --fenced)")
    result = validate_paths(paths, loader, selection)
    if result.problems:
        raise InputError(result.problems)
    if result.findings or not quiet:
        terminal.echo(report.as_text(result, False, quiet=quiet), err=True)
    if not quiet:
        for hint in size_hints(result):
            terminal.echo(terminal.text([hint]), err=True)
    if {"svg", "png", "drawio", "html"} & set(wanted):
        dot_executable()  # before any drawing: the install hint, not a worker's error
    jobs = plan_jobs(
        paths,
        result,
        Path(out_dir),
        wanted,
        dpi,
        highlight_findings,
        timeout,
        theme=theme,
        view=view,
    )
    for index, written in enumerate(run_jobs(jobs)):
        for path in written.values():  # a file name can hold any character but / and NUL
            terminal.echo(terminal.text([str(path)]), err=fenced)
        if fenced:  # labels are entity-escaped, so the flowchart never holds ```
            flowchart = written["mermaid"].read_text(encoding="utf-8").rstrip("\n")
            block = ("\n" if index else "") + f"```mermaid\n{flowchart}\n```"
            terminal.echo(terminal.printable_lines(block))
    return result.fails(fail_on)


def size_hints(result: ValidationResult) -> list[str]:
    """One line of advice per model too large to draw well in one picture."""
    from archgen.render.dot import HUGE_GRAPH

    hints = []
    for path, loaded in zip(result.by_model, result.models, strict=True):
        count = len(loaded.model.components)
        if count > HUGE_GRAPH:
            hints.append(
                f"{path}: {count:,} components are crowded in one diagram: draw a view of "
                "part of it, or split it into one model per region"
            )
    return hints
