"""The SVG shows its icons through `<img>` in a real browser (Debian's headless chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from archgen.load.loader import LoadedModel
from archgen.render import render_files
from tests.render.conftest import ROOT

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture
def chromium(chromium_browser: Any) -> Any:
    return chromium_browser


def _count(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return sum(
        1
        for i in range(0, len(data), 3)
        if all(abs(data[i + k] - colour[k]) <= tolerance for k in range(3))
    )


def test_svg_displays_with_icons_through_img(
    two_regions: LoadedModel, tmp_path: Path, chromium: Any
) -> None:
    svg = render_files(two_regions, tmp_path, "stage", ["svg"])["svg"]
    page_file = tmp_path / "page.html"
    page_file.write_text(
        '<!doctype html><body style="margin:0;background:#fff">'
        f'<img id="d" src="{svg.name}" style="width:1200px"></body>',
        encoding="utf-8",
    )
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(page_file.as_uri())
    page.wait_for_function("document.getElementById('d').complete")
    assert page.evaluate("document.getElementById('d').naturalWidth") > 0
    shot = tmp_path / "shot.png"
    page.locator("#d").screenshot(path=str(shot))
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "render-img-two-regions.png")
    # only the page and the SVG itself were fetched: the icons are inside it
    assert sorted(Path(u).name for u in requested) == ["page.html", "stage.svg"]
    with Image.open(shot) as image:
        small = image.resize((image.width // 2, image.height // 2))
        assert _count(small, (237, 113, 0)) > 200, "no orange EC2 icons drawn"
        assert _count(small, (59, 72, 204)) > 200, "no blue database icons drawn"
