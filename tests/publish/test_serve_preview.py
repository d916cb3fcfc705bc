"""The live preview in the browser: a model saved broken shows its error, never a hung
page, and the next good save brings the page back (`archgen.publish.preview`).

Both servers are real processes on a free port: `archgen site --serve`, and `mkdocs
serve` of a project using the plugin. The page reloads itself (MkDocs' live reload);
Playwright's retrying `expect` waits for what it should show.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.processes import archgen_process, reap
from tests.publish.test_serve import fetch_until, free_port
from tests.publish.test_site_command import small_models

pytestmark = pytest.mark.browser

#: a rebuild on a busy machine: an upper bound to wait, not a speed being tested
REBUILD_MS = 60_000
#: a stage number that is markup: the banner must show it as text
BROKEN_STAGE = 'stage: "<b>two</b>"'


def _environment(tmp_path: Path) -> dict[str, str]:
    cache = tmp_path / "user-cache"
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(cache)}


def _break(model: Path) -> tuple[str, str]:
    """Save `model` with a stage that is not a number; (good text, where the error is)."""
    good = model.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines) if text.startswith("stage: "))
    lines[line] = BROKEN_STAGE + "\n"
    model.write_text("".join(lines), encoding="utf-8")
    return good, f"{model.name}:{line + 1}:8: 'stage': expected a whole number"


def _shows_the_error_then_recovers(page: Any, url: str, model: Path) -> None:
    page.goto(url)
    heading = page.locator("h1", has_text="Database on its own server")
    expect(heading).to_be_visible()
    good, location = _break(model)
    banner = page.locator(".archgen-preview-error")
    expect(banner).to_contain_text(location, timeout=REBUILD_MS)
    expect(banner).to_contain_text("<b>two</b>")  # as text: escaped, not markup
    expect(banner.locator("b")).to_have_count(0)
    expect(heading).to_be_visible()  # the last good page, under the banner
    model.write_text(good, encoding="utf-8")
    expect(banner).to_have_count(0, timeout=REBUILD_MS)
    expect(heading).to_be_visible()
    assert page.errors == []


def test_site_serve_shows_a_broken_model_and_recovers(page: Any, tmp_path: Path) -> None:
    models = small_models(tmp_path)
    address = f"127.0.0.1:{free_port()}"
    command = ("site", "models", "--serve", "--dev-addr", address)
    with (
        open(tmp_path / "serve.log", "w") as log,
        archgen_process(*command, cwd=tmp_path, env=_environment(tmp_path), stderr=log) as server,
    ):
        url = f"http://{address}/stage2/"
        fetch_until(url, "Database on its own server", timeout=120)
        _shows_the_error_then_recovers(page, url, models / "stage2.yaml")
        assert server.poll() is None  # still serving


@pytest.fixture
def mkdocs_serve(tmp_path: Path) -> Iterator[str]:
    """`mkdocs serve` of a project with the plugin over two models; yields its address."""
    small_models(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = {
        "site_name": "Preview",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"archgen": {"models": "models"}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    address = f"127.0.0.1:{free_port()}"
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
            cwd=tmp_path,
            env=_environment(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            start_new_session=True,
        )
    try:
        yield address
        assert server.poll() is None  # still serving
    finally:
        reap(server)


def test_mkdocs_serve_shows_a_broken_model_and_recovers(
    page: Any, tmp_path: Path, mkdocs_serve: str
) -> None:
    url = f"http://{mkdocs_serve}/architecture/stage2/"
    fetch_until(url, "Database on its own server", timeout=120)
    _shows_the_error_then_recovers(page, url, tmp_path / "models" / "stage2.yaml")
