"""Model → scene → DOT → one `dot` run → SVG, PNG, Mermaid and DOT files.

All outputs of a model are computed in memory first and then written one by one with
`write_atomic`, so a failure (bad model, `dot` missing or failing) leaves the files of
an earlier render as they were. A small manifest next to the outputs records the
content hash of what was rendered; an unchanged model whose files are still there and
unmodified is not rendered again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from archgen.digest import sha256, sha256_hex
from archgen.files import write_atomic
from archgen.load.loader import LoadedModel
from archgen.render.dot import to_dot
from archgen.render.graphviz import run_dot
from archgen.render.scene import Scene, build_scene
from archgen.rules.finding import Finding

#: bump when the drawing changes, so cached outputs of older versions are redrawn
RENDER_VERSION = "1"
FORMATS = ("svg", "png", "mermaid", "dot")
EXTENSIONS = {"svg": "svg", "png": "png", "mermaid": "mmd", "dot": "dot"}

_DOT_HEADER = (
    "// Drawn by archgen. Icons are paths inside the `diagrams` package folder\n"
    "// (site-packages): dot -Gimagepath=<site-packages> -Tsvg this.dot\n"
)


def scene_of(
    loaded: LoadedModel,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
    highlight_findings: bool = True,
) -> Scene:
    """The scene of a loaded model."""
    return build_scene(
        loaded.model,
        findings=findings,
        highlight=highlight,
        highlight_findings=highlight_findings,
    )


def render_outputs(scene: Scene, formats: Sequence[str], dpi: int) -> dict[str, bytes]:
    """The bytes of each requested format, from one layout."""
    from archgen.render.icon_cache import icon_set
    from archgen.render.svg import self_contained

    icons = icon_set()
    dot_text = to_dot(scene, icons.paths)
    images = run_dot(
        dot_text, [f for f in formats if f in ("svg", "png")], image_path=icons.root, dpi=dpi
    )
    outputs: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "svg":
            outputs[fmt] = self_contained(images["svg"].decode("utf-8"), scene, icons).encode()
            icons.save()
        elif fmt == "png":
            outputs[fmt] = images["png"]
        elif fmt == "mermaid":
            from archgen.render.mermaid import scene_to_mermaid

            outputs[fmt] = scene_to_mermaid(scene).encode("utf-8")
        elif fmt == "dot":
            outputs[fmt] = (_DOT_HEADER + dot_text).encode("utf-8")
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
) -> dict[str, Path]:
    """Write ``stem.svg``/``.png``/``.mmd``/``.dot`` into `out_dir`; format → path.

    Skips the work when the manifest says these outputs are current.
    """
    wanted = check_formats(formats)
    out_dir = Path(out_dir)
    scene = scene_of(loaded, findings, highlight, highlight_findings)
    paths = {fmt: out_dir / f"{stem}.{EXTENSIONS[fmt]}" for fmt in wanted}
    key = _content_key(scene, wanted, dpi)
    manifest_path = out_dir / f".{stem}.archgen-render.json"
    if _is_current(manifest_path, key, paths):
        return paths
    outputs = render_outputs(scene, wanted, dpi)
    for fmt, data in outputs.items():
        write_atomic(paths[fmt], data)
    manifest = {
        "key": key,
        "files": {fmt: sha256_hex(data) for fmt, data in outputs.items()},
    }
    write_atomic(manifest_path, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    return paths


def _content_key(scene: Scene, formats: Sequence[str], dpi: int) -> str:
    """A hash of everything the outputs depend on (the scene holds every drawn word)."""
    digest = sha256()
    digest.update(f"{RENDER_VERSION}|{','.join(formats)}|{dpi}|".encode())
    digest.update(repr(scene).encode("utf-8"))
    return digest.hexdigest()


def _is_current(manifest_path: Path, key: str, paths: Mapping[str, Path]) -> bool:
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("key") != key:
        return False
    recorded = manifest.get("files", {})
    for fmt, path in paths.items():
        try:
            data = path.read_bytes()
        except OSError:
            return False
        if recorded.get(fmt) != sha256_hex(data):
            return False
    return True


def svg_text(
    loaded: LoadedModel,
    findings: Sequence[Finding] = (),
    highlight: Mapping[str, str] | None = None,
) -> str:
    """The self-contained SVG of a model, for pages that embed it."""
    scene = scene_of(loaded, findings, highlight)
    return render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")
