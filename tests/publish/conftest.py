"""Fixtures for the site tests: the nine-stage site built once, served on localhost,
and Debian's headless chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archgen.publish.standalone import build_site
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"

#: a model whose text tries to inject markup everywhere the site shows model text
HOSTILE_MODEL = """\
archgen: 1
name: hostile
title: "Title <script>window.__pwned = 'title'</script>"
stage: 1
summary: >-
  Summary <script>window.__pwned = 'summary'</script> and <img src=x onerror="window.__pwned='img'">
  and [a link](javascript:window.__pwned='link') and **bold** and | pipes |.
components:
  - {id: users, kind: client, label: "Users <b>bold</b>"}
  - {id: web, kind: compute, label: "<script>window.__pwned='label'</script>", description: "x"}
connections:
  - {from: users, to: web, protocol: https, label: "<iframe src=javascript:1>"}
decisions:
  - id: d1
    title: "Decision <script>window.__pwned='decision'</script>"
    context: "!!! danger \\"fake\\""
    decision: "=== \\"tab\\""
    pros: ["<svg onload=window.__pwned='pros'>"]
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The diagram cache of the test session (never the repository's)."""
    return tmp_path_factory.mktemp("archgen-cache")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The site of the repository's models, built once per session."""
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT / "models", out, cache_dir=cache_dir)
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The site of a model whose text tries to inject markup."""
    models = tmp_path_factory.mktemp("hostile-models")
    (models / "hostile.yaml").write_text(HOSTILE_MODEL, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-site") / "site"
    build_site(models, out, cache_dir=cache_dir)
    return out


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free localhost port."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    """The hostile model's site served over HTTP."""
    yield from _serve(hostile_site)


@pytest.fixture(scope="session")
def browser(chromium_browser: Any) -> Any:
    """Headless Debian chromium (shared by every browser test, see tests/conftest.py)."""
    return chromium_browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page whose console errors and page errors are collected in `page.errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    try:
        yield page
    finally:
        context.close()
