"""`--theme dark`: the same drawing in MkDocs-material's slate colours."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from archgen.load.loader import LoadedModel
from archgen.render import dot
from archgen.render.icon_cache import icon_set
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.theme import (
    DARK_COLOURS,
    ICON_TILE,
    SLATE_BACKGROUND,
    themed_dot,
    themed_svg,
)
from tests.conftest import MODELS, run_archgen
from tests.render.conftest import render_cli
from tests.render.test_text_formats import _model_with

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b")


def test_every_colour_the_dot_writer_uses_has_a_dark_counterpart() -> None:
    used = {c.upper() for c in COLOUR.findall(inspect.getsource(dot))}
    assert used and used <= set(DARK_COLOURS)


def light_dot(loaded: LoadedModel) -> str:
    scene = scene_of(loaded)
    return dot.to_dot(scene, icon_set().paths_for({n.service for n in scene.nodes.values()}))


def test_dark_changes_colours_only(two_regions: LoadedModel) -> None:
    light = light_dot(two_regions)
    dark = themed_dot(light, "dark")
    assert themed_dot(light, "light") == light
    unchanged = {k for k, v in DARK_COLOURS.items() if k == v}
    assert {c.upper() for c in COLOUR.findall(dark)} & (set(DARK_COLOURS) - unchanged) == set()
    assert f'bgcolor="{SLATE_BACKGROUND}"' in dark
    # every icon on a light tile, and nothing else different
    assert dark.count(f'BGCOLOR="{ICON_TILE}"') == len(scene_of(two_regions).nodes)

    def shape(text: str) -> str:
        text = text.replace(f'BGCOLOR="{ICON_TILE}" ', "")
        return COLOUR.sub("#", text.replace('"white"', '"#"'))

    assert shape(dark) == shape(light)


def test_unknown_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown theme 'purple'"):
        themed_dot("digraph {}", "purple")


def test_render_dark_svg_png_and_html(tmp_path: Path) -> None:
    render_cli(MODELS / "stage7.yaml", tmp_path, "--format", "svg,png,html", "--theme", "dark")
    svg = (tmp_path / "stage7.svg").read_text("utf-8")
    assert f'fill="{SLATE_BACKGROUND.lower()}"' in svg and 'fill="white"' not in svg
    assert 'data-theme="dark"' in (tmp_path / "stage7.html").read_text("utf-8")
    assert (tmp_path / "stage7.png").read_bytes().startswith(b"\x89PNG")


def test_a_theme_archgen_does_not_have_is_exit_2(tmp_path: Path) -> None:
    done = run_archgen(
        "render", str(MODELS / "stage1.yaml"), "-o", str(tmp_path), "--theme", "purple"
    )
    assert done.returncode == 2
    assert "--theme" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_text_that_looks_like_a_colour_is_left_alone(
    model_from_text: Callable[[str], LoadedModel],
) -> None:
    loaded = model_from_text(_model_with("ticket #C9CED3 white"))
    dark = themed_dot(light_dot(loaded), "dark")
    assert dark.count("ticket #C9CED3 white") == 4  # the title, two names, the edge label
    svg = render_outputs(scene_of(loaded), ["svg"], 96)["svg"].decode()
    assert themed_svg(svg, "dark").count("ticket #C9CED3 white") >= 3


def test_the_sites_dark_svg_matches_a_dark_render(two_regions: LoadedModel) -> None:
    """The site derives its dark drawing from the light SVG: same colours as
    `--theme dark`, every icon on a tile, nothing else changed."""
    scene = scene_of(two_regions)
    light = render_outputs(scene, ["svg"], 96)["svg"].decode()
    dark = render_outputs(scene, ["svg"], 96, theme="dark")["svg"].decode()
    derived = themed_svg(light, "dark")
    attribute = re.compile(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"')

    def colours(svg: str) -> set[str]:
        return {c.upper() for c in attribute.findall(svg)}

    assert colours(derived) == colours(dark)
    tiles = re.findall(rf'<rect [^>]*fill="{ICON_TILE}"/><use ', derived)
    assert len(tiles) == len(scene.nodes)
    assert themed_svg(light, "light") == light
    assert len(re.findall("<text", derived)) == len(re.findall("<text", light))
