"""A large diagram opens zoomable in headless Debian chromium: the wheel zooms, dragging
pans, Esc closes; the script is the site's own file and nothing is fetched elsewhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_largest_diagram_zooms_and_pans_offline(
    page: Any, built_site: Path, site_url: str
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    assert (built_site / "assets" / "archgen-zoom.js").is_file()
    page.goto(urljoin(site_url, "stage9/"))
    page.locator(
        "a.ag-zoomable.ag-light:has(img.ag-diagram:not(.ag-changes):not(.ag-view))"
    ).click()
    image = page.locator(".ag-zoom img.ag-zoom-image")
    expect(image).to_be_visible()
    expect(image).to_have_attribute("src", re.compile(r"stage9\.svg$"))
    expect(image).to_have_attribute("data-scale", re.compile(r"^\d"))
    fitted = image.get_attribute("data-scale")
    box = page.locator(".ag-zoom").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)  # zoom in
    expect(image).not_to_have_attribute("data-scale", fitted)
    zoomed = float(image.get_attribute("data-scale") or 0)
    assert zoomed > float(fitted or 0)
    offset = image.get_attribute("data-offset")
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 200, box["y"] + box["height"] / 2 - 100)
    page.mouse.up()
    expect(image).not_to_have_attribute("data-offset", offset or "")
    page.keyboard.press("Escape")
    expect(page.locator(".ag-zoom")).to_have_count(0)
    assert hosts == {urlparse(site_url).netloc}, "only the site itself is fetched"
    assert page.errors == []


def test_the_palette_toggles_between_light_and_dark(page: Any, site_url: str) -> None:
    page.goto(site_url)
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", scheme or "")
    assert page.errors == []
