"""Model → scene → DOT → one `dot` run → SVG, PNG, Mermaid and DOT files.

All outputs of a model are computed in memory first and then replace the earlier files
as a set, so a failure (bad model, `dot` missing, failing or too slow, a full disk)
leaves the files of an earlier render as they were. Every render draws afresh: nothing
in the output folder is read back or trusted (stage 7 draws in about 0.15 s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from archgen.common import did_you_mean
from archgen.errors import InputError, file_error
from archgen.files import replace_together
from archgen.load.loader import LoadedModel
from archgen.model.schema import View
from archgen.render.dot import to_dot
from archgen.render.graphviz import DEFAULT_TIMEOUT, run_dot
from archgen.render.scene import Scene, build_scene
from archgen.rules.finding import Finding

#: bump when the drawing changes other than through its DOT text (which the site's kept
#: drawings are keyed by too), so that drawings of older versions are redrawn.
#: 2: drawings above 1,000 components laid out in parts; titles as nodes
RENDER_VERSION = "2"
FORMATS = ("svg", "png", "mermaid", "dot", "drawio", "html")
EXTENSIONS = {
    "svg": "svg",
    "png": "png",
    "mermaid": "mmd",
    "dot": "dot",
    "drawio": "drawio",
    "html": "html",
}
#: what `dot` must write for each format drawn from its layout (one run for them all)
_LAYOUT_OUTPUTS = {"svg": "svg", "png": "png", "drawio": "json", "html": "svg"}

_DOT_HEADER = (
    "// Drawn by archgen. Icons are paths inside the `diagrams` package folder\n"
    "// (site-packages): dot -Gimagepath=<site-packages> -Tsvg this.dot\n"
)


def scene_of(
    loaded: LoadedModel,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
    highlight_findings: bool = True,
    view: str | None = None,
) -> Scene:
    """The scene of a loaded model, or of its view named `view` (`InputError` if none)."""
    return build_scene(
        loaded.model,
        findings=findings,
        highlight=highlight,
        highlight_findings=highlight_findings,
        view=None if view is None else view_named(loaded, view),
    )


def view_named(loaded: LoadedModel, name: str) -> View:
    """The view `name` of a loaded model; `InputError` (exit 2) naming those it has."""
    for view in loaded.model.views:
        if view.name == name:
            return view
    names = [v.name for v in loaded.model.views]
    why = did_you_mean(name, names) if names else ": the model declares no views"
    raise InputError(f"{loaded.path}: no view {name!r}{why}")


def render_outputs(
    scene: Scene,
    formats: Sequence[str],
    dpi: int,
    timeout: float = DEFAULT_TIMEOUT,
    theme: str = "light",
) -> dict[str, bytes]:
    """The bytes of each requested format, from one layout (`timeout`: for `dot`);
    `theme` colours the SVG, PNG and HTML (`archgen.render.theme`)."""
    from archgen.render.icon_cache import icon_set
    from archgen.render.parts import draw_in_parts, split
    from archgen.render.svg import self_contained
    from archgen.render.theme import themed_dot

    icons = icon_set()
    paths = icons.paths_for({node.service for node in scene.nodes.values()})
    drawn = [_LAYOUT_OUTPUTS[f] for f in formats if f in _LAYOUT_OUTPUTS]
    cut = split(scene) if drawn else None
    # the whole drawing's DOT text: what `dot` lays out, unless the parts are, and the
    # `dot` format (a quarter of a second at 5,000 components: not made for nothing)
    dot_text = to_dot(scene, paths) if cut is None or "dot" in formats else ""
    if cut is not None:  # a huge drawing: laid out region by region, in parallel
        images = draw_in_parts(
            scene, cut, paths, drawn, image_path=icons.root, dpi=dpi, timeout=timeout, theme=theme
        )
    else:
        images = run_dot(
            themed_dot(dot_text, theme), drawn, image_path=icons.root, dpi=dpi, timeout=timeout
        )
    outputs: dict[str, bytes] = {}
    svg = ""
    if "svg" in images:
        svg = self_contained(images["svg"].decode("utf-8"), scene, icons)
        icons.save()
    for fmt in formats:
        if fmt == "svg":
            outputs[fmt] = svg.encode("utf-8")
        elif fmt == "png":
            outputs[fmt] = images["png"]
        elif fmt == "mermaid":
            from archgen.render.mermaid import scene_to_mermaid

            outputs[fmt] = scene_to_mermaid(scene).encode("utf-8")
        elif fmt == "dot":
            outputs[fmt] = (_DOT_HEADER + dot_text).encode("utf-8")
        elif fmt == "drawio":
            from archgen.render.drawio import to_drawio

            outputs[fmt] = to_drawio(scene, images["json"]).encode("utf-8")
        elif fmt == "html":
            from archgen.render.html_export import to_html

            outputs[fmt] = to_html(scene, svg, theme).encode("utf-8")
    return outputs


def check_formats(formats: Sequence[str]) -> list[str]:
    """`formats` in canonical order without repeats; `ValueError` for an unknown one."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in formats]


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
    timeout: float = DEFAULT_TIMEOUT,
    theme: str = "light",
    view: str | None = None,
    with_views: bool = True,
) -> dict[str, Path]:
    """Write ``stem.svg``/``.png``/``.mmd``/``.dot``/``.drawio``/``.html`` into
    `out_dir`, and the same formats of each of the model's views as
    ``stem.<view>.svg`` …; returns format → path for the whole model and
    ``<view>.<format>`` → path for each view.

    `view` draws only that view (its files keyed by format); `with_views=False` only the
    whole model. All the files are replaced as a set (`archgen.files.replace_together`):
    a failure leaves every earlier file as it was. A folder or file that cannot be
    written is an `InputError` (exit 2), a full disk or an I/O error a `ToolError`
    (exit 3).
    """
    wanted = check_formats(formats)
    out_dir = Path(out_dir)
    # (key prefix, file stem, view name) of each drawing
    drawings: list[tuple[str, str, str | None]]
    if view is not None:
        view_named(loaded, view)  # an unknown name before any drawing
        drawings = [("", f"{stem}.{view}", view)]
    else:
        drawings = [("", stem, None)]
        if with_views:
            drawings += [(f"{v.name}.", f"{stem}.{v.name}", v.name) for v in loaded.model.views]
    paths: dict[str, Path] = {}
    contents: dict[Path, bytes] = {}
    for prefix, file_stem, name in drawings:
        scene = scene_of(loaded, findings, highlight, highlight_findings, name)
        for fmt, data in render_outputs(scene, wanted, dpi, timeout, theme).items():
            path = out_dir / f"{file_stem}.{EXTENSIONS[fmt]}"
            paths[prefix + fmt] = path
            contents[path] = data
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        replace_together(contents)
    except OSError as error:
        raise file_error(error, error.filename or out_dir, "cannot write") from None
    return paths


def scene_svg(scene: Scene) -> str:
    """The self-contained SVG of `scene` (a job for a worker process)."""
    return render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")


def svg_text(
    loaded: LoadedModel,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
) -> str:
    """The self-contained SVG of a model, for pages that embed it."""
    scene = scene_of(loaded, findings, highlight)
    return render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")
