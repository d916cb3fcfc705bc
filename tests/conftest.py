"""Shared fixtures: paths to the repository's models and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
