"""The built site in headless Debian chromium: pages, diagrams, links, search, escaping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from playwright.sync_api import expect

from tests.publish.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

#: the search index is built in a web worker after the page loads: allow for a slow machine
SEARCH_TIMEOUT = 15_000


#: loads every image of the page (lazy ones too) and lists those that did not render
BROKEN_IMAGES = """async () => {
    const imgs = [...document.querySelectorAll('img')];
    imgs.forEach(i => { i.loading = 'eager'; });
    await Promise.all(imgs.map(i => i.decode().catch(() => null)));
    return imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
}"""


def page_urls(site: Path, base: str) -> list[str]:
    """The URL of every page of a built site (directory URLs)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [urljoin(base, "" if p == "." else p + "/") for p in pages]


def open_page(page: Any, url: str, wait_until: str = "load") -> None:
    response = page.goto(url, wait_until=wait_until)
    assert response is not None and response.ok, url


def test_every_page_loads_clean_with_its_images_and_links(
    page: Any, built_site: Path, site_url: str
) -> None:
    urls = page_urls(built_site, site_url)
    stages = sorted(p.stem for p in built_site.glob("stage*.svg") if "-" not in p.stem)
    assert len(stages) >= 2 and len(urls) > len(stages) + 5
    links: set[str] = set()
    for url in urls:
        open_page(page, url)
        assert page.evaluate(BROKEN_IMAGES) == [], url
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        links.update(urldefrag(h).url for h in hrefs if urlparse(h).netloc == urlparse(url).netloc)
        stem = urlparse(url).path.strip("/")
        if stem in stages:
            check_stage_page(page, stem)
    assert page.errors == []
    missing = [link for link in sorted(links) if not served_file(built_site, link).is_file()]
    assert missing == [], "broken internal links"


def test_a_view_tab_shows_that_views_diagram(page: Any, site_url: str) -> None:
    """Stage 9 declares views: each is a tab above the diagram; a click shows its SVG."""
    open_page(page, urljoin(site_url, "stage9/"))
    whole = page.locator("a.ag-light img.ag-diagram:not(.ag-changes):not(.ag-view)")
    data = page.locator('img.ag-view[src$="stage9.data.svg"]')
    expect(whole).to_be_visible()
    expect(data).to_be_hidden()
    page.locator(".tabbed-labels label", has_text="Data tier").click()
    expect(data).to_be_visible()
    expect(whole).to_be_hidden()
    expect(data).to_have_js_property("complete", True)
    assert data.evaluate("i => i.naturalWidth") > 0
    expect(
        page.locator('a.ag-zoomable:has(img.ag-view[src$="stage9.data.svg"])')
    ).to_have_attribute("href", re.compile(r"stage9\.data\.svg$"))
    page.locator(".tabbed-labels label", has_text="Whole model").click()
    expect(whole).to_be_visible()
    expect(data).to_be_hidden()


def served_file(site: Path, url: str) -> Path:
    """The file of the built site that the test server answers `url` with."""
    path = site / urlparse(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def check_stage_page(page: Any, stem: str) -> None:
    """A stage page shows its diagram (linked full size, light and dark) and every
    section."""
    for theme, suffix in (("light", ""), ("dark", "-dark")):
        diagram = page.locator(f"a.ag-{theme} img.ag-diagram:not(.ag-changes):not(.ag-view)")
        assert diagram.count() == 1, stem
        assert diagram.evaluate("i => i.naturalWidth") > 0, stem
        link = page.locator(f"a.ag-{theme}:has(img.ag-diagram:not(.ag-changes):not(.ag-view))")
        assert (link.get_attribute("href") or "").endswith(f"{stem}{suffix}.svg"), stem
        if stem != "stage1":  # every later stage also shows its changes coloured
            changes = page.locator(f"a.ag-{theme} img.ag-changes")
            assert changes.count() == 1, stem
            src = changes.get_attribute("src") or ""
            assert src.endswith(f"{stem}-changes{suffix}.svg")
    headings = page.eval_on_selector_all("article h2", "hs => hs.map(h => h.textContent)")
    for section in ("Components", "Connections", "Trade-offs", "Caching policies", "Findings"):
        assert any(h.startswith(section) for h in headings), (stem, section)


def test_diagram_icons_are_inlined_and_decode(page: Any, built_site: Path, site_url: str) -> None:
    for svg in sorted(built_site.glob("stage*.svg")):
        open_page(page, urljoin(site_url, svg.name))
        icons = page.evaluate(
            """async () => {
                const hrefs = [...document.querySelectorAll('image')].map(
                    i => i.getAttribute('href') || i.getAttribute('xlink:href'));
                const sizes = await Promise.all(hrefs.map(h => new Promise(done => {
                    const img = new Image();
                    img.onload = () => done(img.naturalWidth);
                    img.onerror = () => done(0);
                    img.src = h;
                })));
                return {hrefs: hrefs.map(h => h.slice(0, 11)), sizes};
            }"""
        )
        assert icons["hrefs"], f"{svg.name} has no icons"
        assert all(h.startswith("data:image/") for h in icons["hrefs"]), svg.name
        assert all(size > 0 for size in icons["sizes"]), svg.name


def test_search_finds_a_rule_by_id(page: Any, site_url: str) -> None:
    open_page(page, site_url)
    page.wait_for_load_state("networkidle")  # the search index is fetched after load
    page.locator("input.md-search__input").click()
    page.keyboard.type("REL004")
    # results are redrawn as each letter is searched: wait for those of the whole word
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("REL004", timeout=SEARCH_TIMEOUT)
    expect(result.locator("a").first).to_have_attribute(
        "href", re.compile("rel004"), timeout=SEARCH_TIMEOUT
    )


def test_stage7_screenshot(page: Any, site_url: str) -> None:
    open_page(page, urljoin(site_url, "stage7/"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "stage7.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_markup_in_a_model_shows_as_text_and_never_runs(
    page: Any, hostile_site: Path, hostile_url: str
) -> None:
    for url in page_urls(hostile_site, hostile_url):
        open_page(page, url, "domcontentloaded")  # inline scripts run before this event
        assert page.evaluate("window.__pwned") is None, url
    open_page(page, urljoin(hostile_url, "hostile/"))
    article = page.locator("article")
    expect(article).to_contain_text("Summary <script>window.__pwned = 'summary'</script>")
    expect(article).to_contain_text("[a link](javascript:window.__pwned='link')")
    expect(article).to_contain_text("**bold**")
    expect(page.locator("article a[href^='javascript']")).to_have_count(0)
    expect(page.locator("article iframe, article svg[onload]")).to_have_count(0)
    # search results show the model's text too: still text. They are redrawn as each
    # letter is searched, so the read retries until those of the whole query are shown
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("summary script")
    expect(page.locator(".md-search-result")).to_contain_text("<script>", timeout=SEARCH_TIMEOUT)
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []


def test_diagrams_follow_the_palette_toggle(page: Any, site_url: str) -> None:
    """The light drawing with the light palette; the reader's toggle swaps in the dark
    (slate) drawing, on the stage page and on the overview's cards."""
    open_page(page, urljoin(site_url, "stage7/"))
    page.evaluate("localStorage.clear()")
    open_page(page, urljoin(site_url, "stage7/"))
    light = page.locator("a.ag-light img.ag-diagram:not(.ag-changes)")
    dark = page.locator("a.ag-dark img.ag-diagram:not(.ag-changes)")
    scheme = page.locator("body")
    toggle = page.locator("form[data-md-component='palette'] label:visible")
    if scheme.get_attribute("data-md-color-scheme") == "slate":
        toggle.click()  # chromium said it prefers dark: start from the light palette
    expect(scheme).to_have_attribute("data-md-color-scheme", "default")
    expect(light).to_be_visible()
    expect(dark).to_be_hidden()
    toggle.click()
    expect(scheme).to_have_attribute("data-md-color-scheme", "slate")
    expect(dark).to_be_visible()
    expect(light).to_be_hidden()
    assert (dark.get_attribute("src") or "").endswith("stage7-dark.svg")
    assert dark.evaluate("i => i.naturalWidth") > 0
    open_page(page, site_url)  # the choice is kept: the overview's cards are dark too
    expect(page.locator("img.ag-thumb.ag-dark").first).to_be_visible()
    expect(page.locator("img.ag-thumb.ag-light").first).to_be_hidden()
