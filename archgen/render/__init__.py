"""Diagrams of a model: self-contained SVG, PNG, Mermaid and DOT.

The only package that imports `diagrams` (for its AWS icons). Importing this package
is cheap: the heavy modules load when a function here is first called.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archgen.load.loader import LoadedModel
    from archgen.rules.finding import Finding

__all__ = ["render_files", "svg_text"]


def render_files(
    loaded: LoadedModel,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
    dpi: int = 96,
    highlight_findings: bool = True,
    timeout: float = 60.0,
    view: str | None = None,
    with_views: bool = True,
) -> dict[str, Path]:
    """Write `stem`.svg/.png/.mmd/.dot into `out_dir`, and `stem.<view>.svg` … for each
    of the model's views; return format → path (``<view>.<format>`` → path for views).

    `view` draws only that view (keyed by format), `with_views=False` only the model.

    `highlight` maps component id → ``added``/``removed``/``changed`` (diff colours:
    green, red dashed, amber). Components with `findings` (errors and warnings) get a
    red outline and their rule ids when `highlight_findings`; every finding is listed in
    the component's SVG tooltip. The files replace earlier ones as a set, or not at all
    when drawing fails; Graphviz gets `timeout` seconds for the layout.
    """
    from archgen.render import pipeline

    return pipeline.render_files(
        loaded,
        out_dir,
        stem,
        formats,
        findings=findings,
        highlight=highlight,
        dpi=dpi,
        highlight_findings=highlight_findings,
        timeout=timeout,
        view=view,
        with_views=with_views,
    )


def svg_text(
    loaded: LoadedModel,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
) -> str:
    """The self-contained SVG of `loaded` (icons inlined, tooltips) for embedding in pages."""
    from archgen.render import pipeline

    return pipeline.svg_text(loaded, findings, highlight)
