"""The live preview's rebuilds (`archgen.publish.preview`), in process: a dirty rebuild
after a save writes the same pages as a build from scratch, and bad models become a
banner over the last good pages instead of a failed build."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archgen.publish.preview import preview_builder
from archgen.publish.standalone import _project
from tests.publish.test_site_command import small_models

URL = "http://127.0.0.1:8000/"


@pytest.fixture
def rebuild(tmp_path: Path, cache_dir: Path) -> Iterator[Callable[[Path, Path], None]]:
    """Builds the site of a models folder into a folder, as `archgen site --serve` does
    on each save. The plugin is one per process: a new pair of folders starts anew."""
    previews: dict[tuple[Path, Path], Callable[[], None]] = {}
    with contextlib.ExitStack() as stack:

        def build(models: Path, site: Path) -> None:
            if (models, site) not in previews:
                config_file = stack.enter_context(_project(models, site, cache_dir, "Architecture"))
                startup, builder = preview_builder(config_file, site, URL)
                stack.callback(startup.plugins.on_shutdown)
                previews[models, site] = builder
            previews[models, site]()

        yield build


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site, by path."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


def edit(model: Path, old: str, new: str) -> None:
    text = model.read_text(encoding="utf-8")
    assert old in text
    model.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("summary: >-", "summary: >-\n  Edited while serving."),  # its page and the overview
        ("title: Single server", "title: One server only"),  # the navigation of every page
    ],
    ids=["summary", "title"],
)
def test_a_rebuild_after_a_save_writes_what_a_fresh_build_writes(
    tmp_path: Path, rebuild: Callable[[Path, Path], None], old: str, new: str
) -> None:
    models = small_models(tmp_path)
    served = tmp_path / "served"
    rebuild(models, served)
    before = pages(served)
    edit(models / "stage1.yaml", old, new)
    rebuild(models, served)
    fresh = tmp_path / "fresh"
    rebuild(models, fresh)
    after = pages(served)
    assert after == pages(fresh)
    assert after != before


def test_bad_models_show_over_the_last_good_pages_until_fixed(
    tmp_path: Path, rebuild: Callable[[Path, Path], None]
) -> None:
    models = small_models(tmp_path)
    site = tmp_path / "site"
    rebuild(models, site)
    good = pages(site)
    model = models / "stage2.yaml"
    text = model.read_text(encoding="utf-8")
    edit(model, "\nstage: 2\n", "\nstage: '<two>'\n")
    rebuild(models, site)  # no exception: the preview goes on
    broken = pages(site)
    message = (
        "stage2.yaml:5:8: &#x27;stage&#x27;: expected a whole number, got &#x27;&lt;two&gt;&#x27;"
    )
    assert sorted(broken) == sorted(good)
    for path, page in broken.items():
        assert message in page, path
        assert "<two>" not in page, path
        # the last good page, with the banner added at the top of its body
        assert html_without_banner(page) == good[path], path
    model.write_text(text, encoding="utf-8")
    rebuild(models, site)
    assert pages(site) == good


def html_without_banner(page: str) -> str:
    start = page.index("<!--archgen-preview-->")
    end = page.index("<!--/archgen-preview-->") + len("<!--/archgen-preview-->")
    return page[:start] + page[end:]


def test_the_banner_escapes_what_it_quotes() -> None:
    from archgen.publish.preview import Preview

    preview = Preview(problems=("m.yaml:1:1: got '</pre><script>x()</script>'",))
    banner = preview._banner()
    assert html.escape("</pre><script>x()</script>") in banner
    assert "<script>" not in banner


def test_models_bad_from_the_start_show_an_error_page_until_fixed(
    tmp_path: Path, rebuild: Callable[[Path, Path], None]
) -> None:
    # `mkdocs serve` of a project whose models are bad before the first build
    models = small_models(tmp_path)
    model = models / "stage1.yaml"
    text = model.read_text(encoding="utf-8")
    edit(model, "\nstage: 1\n", "\nstage: one\n")
    site = tmp_path / "site"
    rebuild(models, site)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "The models have errors" in index
    assert "stage1.yaml:5:8: " in index
    assert "showing no pages yet" in index
    model.write_text(text, encoding="utf-8")
    rebuild(models, site)
    built = pages(site)
    assert "stage1/index.html" in built
    assert not any("archgen-preview" in page for page in built.values())
