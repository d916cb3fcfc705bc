"""Shared fixtures: paths to the repository's models and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

#: no time limit on one example: a property test's verdict must not depend on how busy
#: the machine is (a deadline turned a loaded machine into a "flaky" failure)
settings.register_profile("archgen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("archgen")

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"


def run_archgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m archgen` as a user would: a real process, real exit code."""
    return subprocess.run(
        [sys.executable, "-m", "archgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
    )


@pytest.fixture
def models_dir() -> Path:
    return MODELS


#: Debian's headless chromium: never a downloaded browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """One headless chromium for the whole run.

    Playwright's sync API refuses to start while another sync session is open, so every
    browser test shares this one instead of launching its own.
    """
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (./dev.sh test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


#: Mermaid from the npm registry, installed by `./dev.sh test` into build/node
MERMAID_JS = ROOT / "build" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"


@pytest.fixture(scope="module")
def mermaid_page(chromium_browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A page with Mermaid loaded (strict security, as GitHub renders it), in the shared
    chromium."""
    if not MERMAID_JS.exists():
        pytest.fail(f"{MERMAID_JS} is missing: run ./dev.sh test (it runs npm install mermaid)")
    html = tmp_path_factory.mktemp("mermaid") / "index.html"
    html.write_text(
        f'<!doctype html><html><body><script src="{MERMAID_JS.as_uri()}"></script>'
        "<script>mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});</script>"
        "</body></html>"
    )
    page = chromium_browser.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("typeof mermaid !== 'undefined'")
    yield page
    page.close()
