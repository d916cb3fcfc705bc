"""The diagrams of a site: every stage drawn in parallel, kept in a cache by content.

Each stage gets two drawings: its architecture with its findings marked, and the same
architecture with what changed since the previous stage coloured (green added, amber
changed); and one more per view its model declares, with the findings marked. A drawing
whose scene was drawn before is read from the cache folder (`archgen.render.svg_cache`:
named by content, checked before use), so a rebuild after one model edit draws only
what that edit changed. The others are drawn in worker processes, one per core
(`archgen.render.processes.run_all`: Ctrl-C stops them all).
"""

from __future__ import annotations

import hashlib
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
    #: the view of the model it draws, if not the whole model
    view: str | None = None


def diagram_cache(cache_root: Path, models_dir: Path) -> Path:
    """The folder holding one models folder's drawings, under `cache_root`.

    One folder per models folder, so that pruning the drawings one build no longer
    uses leaves other projects' drawings alone.
    """
    key = hashlib.sha256(str(models_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_root / "site-diagrams" / key


def changes_stem(slug: str) -> str:
    """The file stem of a stage's diagram with its changes coloured."""
    return f"{slug}-changes"


def view_stem(stem: str, view: str) -> str:
    """The file stem of the diagram of a model's view: ``stage9.data``, as `render` names
    its files."""
    return f"{stem}.{view}"


def drawings(journey: Journey) -> list[Drawing]:
    """Every drawing the site shows: each stage, each of its views, and its changes."""
    result: list[Drawing] = []
    for stage in journey.stages:
        findings = tuple(stage.findings)
        result.append(Drawing(stage.loaded, stage.stem, findings=findings))
        result += [
            Drawing(stage.loaded, view_stem(stage.stem, v.name), findings=findings, view=v.name)
            for v in stage.loaded.model.views
        ]
        if stage.diff is not None:
            marks = {k: v for k, v in stage.diff.highlight().items() if v != "removed"}
            result.append(Drawing(stage.loaded, changes_stem(stage.stem), highlight=marks))
    return result


def render_diagrams(
    journey: Journey, cache: Path | None, kept: dict[str, str] | None = None
) -> dict[str, str]:
    """Every SVG the site shows: file stem → SVG text.

    `cache` is the folder of kept drawings (see `diagram_cache`), or None for none.
    `kept` holds the drawings this process drew or checked, by `svg_cache.drawing_key`,
    across builds (a live preview's): they are neither read nor checked again. It keeps
    only this build's drawings.
    """
    from archgen.render import svg_cache
    from archgen.render.pipeline import scene_of, scene_svg
    from archgen.render.processes import run_all

    scenes = {
        d.stem: scene_of(d.loaded, d.findings, d.highlight or None, view=d.view)
        for d in drawings(journey)
    }
    keys = {stem: svg_cache.drawing_key(scene) for stem, scene in scenes.items()}
    svgs: dict[str, str] = {}
    for stem, key in keys.items():
        found = kept.get(key) if kept is not None else None
        if found is None and cache is not None:
            found = svg_cache.read(cache, key)
        if found is not None:
            svgs[stem] = found
    missing = [stem for stem in scenes if stem not in svgs]
    for stem, svg in zip(missing, run_all(scene_svg, [scenes[s] for s in missing]), strict=True):
        svgs[stem] = svg
        if cache is not None:
            svg_cache.store(cache, keys[stem], svg)
    if cache is not None:
        svg_cache.prune(cache, keys.values())
    if kept is not None:
        kept.clear()
        kept.update((keys[stem], svg) for stem, svg in svgs.items())
    return {stem: svgs[stem] for stem in scenes}
