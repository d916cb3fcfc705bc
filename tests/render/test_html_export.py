"""`--format html`: one self-contained page; pan, zoom, click for settings and findings.

The browser tests open the file in Debian's chromium with every request recorded: the
page must need nothing but itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archgen.load.loader import LoadedModel
from archgen.render.html_export import components_json
from archgen.render.pipeline import render_outputs, scene_of
from tests.conftest import MODELS
from tests.render.conftest import render_cli
from tests.render.test_text_formats import NASTY, _model_with


def render_html(model: Path, out: Path) -> Path:
    render_cli(model, out, "--format", "html")
    return out / f"{model.stem}.html"


def test_the_page_loads_nothing_and_runs_only_its_own_script(tmp_path: Path) -> None:
    page = render_html(MODELS / "stage7.yaml", tmp_path).read_text("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = policy[1].replace("&#39;", "'")
    assert "default-src 'none'" in rules and "img-src data:" in rules
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in rules
    # nothing to fetch: no link, no external source; the icons are data URIs
    assert "<link" not in page and not re.search(r"\ssrc=", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith(("#", "data:image/png;base64,")) for h in hrefs)


def test_component_data_cannot_end_its_script_block(
    model_from_text: Callable[[str], LoadedModel],
) -> None:
    scene = scene_of(model_from_text(_model_with(NASTY)))
    data = components_json(scene)
    assert "<" not in data and ">" not in data and "&" not in data
    page = render_outputs(scene, ["html"], 96)["html"].decode()
    assert "<script>alert(1)</script>" not in page
    assert page.count("<script") == 2  # the component data and the viewer


@pytest.mark.browser
def test_clicking_a_component_shows_its_settings_and_findings(
    tmp_path: Path, chromium_browser: Any
) -> None:
    from playwright.sync_api import expect

    html = render_html(MODELS / "stage1.yaml", tmp_path)
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: violations.append(message.text))
    try:
        page.goto(html.as_uri())
        expect(page.locator("#hint")).to_be_visible()
        page.locator("#c-server").click()
        panel = page.locator("#details")
        expect(panel).to_be_visible()
        expect(page.locator("#d-id")).to_have_text("server")
        expect(page.locator("#d-kind")).to_have_text("compute")
        expect(page.locator("#d-service")).to_have_text("EC2")
        expect(page.locator("#d-findings")).to_contain_text("REL001")
        expect(page.locator("#d-findings .sev-warning").first).to_have_text("warning")
        expect(page.locator("#c-server")).to_have_class(re.compile(r"\bselected\b"))

        # zoom with the button and the wheel, pan by dragging
        drawing = page.locator("#drawing")
        before = drawing.get_attribute("style")
        page.locator("#zoom-in").click()
        expect(drawing).not_to_have_attribute("style", before or "")
        zoomed = drawing.get_attribute("style") or ""
        box = page.locator("#canvas").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + 200, box["y"] + 200)
        page.mouse.wheel(0, -300)
        expect(drawing).not_to_have_attribute("style", zoomed)
        wheeled = drawing.get_attribute("style") or ""
        page.mouse.move(box["x"] + 300, box["y"] + 300)
        page.mouse.down()
        page.mouse.move(box["x"] + 400, box["y"] + 350, steps=5)
        page.mouse.up()
        expect(drawing).not_to_have_attribute("style", wheeled)
    finally:
        page.close()
    assert requests == [html.as_uri()]
    assert violations == []


@pytest.mark.browser
def test_a_script_in_a_label_shows_as_text(
    tmp_path: Path, model_from_text: Callable[[str], LoadedModel], chromium_browser: Any
) -> None:
    from playwright.sync_api import expect

    scene = scene_of(model_from_text(_model_with(NASTY)))
    html = tmp_path / "nasty.html"
    html.write_bytes(render_outputs(scene, ["html"], 96)["html"])
    page = chromium_browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(html.as_uri())
        expect(page.locator("h1")).to_contain_text("<script>alert(1)</script>")
        page.locator("#c-a").click()
        expect(page.locator("#d-title")).to_contain_text("<script>alert(1)</script>")
        assert page.locator("#details script, #drawing script, h1 script").count() == 0
    finally:
        page.close()
    assert dialogs == []
