"""`archgen site`: the documentation site of a models folder, with no MkDocs project.

A temporary mkdocs.yml (material theme, search, the archgen plugin at the site's root)
drives a normal MkDocs build. The site is built into a fresh folder beside the output
and swapped in only when the build succeeded, so a failed build never loses the last
good site.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from archgen.errors import InputError, ToolError
from archgen.publish.pages import SiteContent
from archgen.publish.plugin import ArchgenPlugin, ModelsError, load_content

#: what a folder built by `archgen site` contains; anything else is not replaced
_SITE_MARKERS = ("index.html", "sitemap.xml", "search")


def site_config(
    models_dir: Path, site_dir: Path, docs_dir: Path, cache_dir: Path, title: str
) -> dict[str, Any]:
    """The mkdocs.yml of a standalone site, as data."""
    return {
        "site_name": title,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "font": False,  # no Google Fonts: the site works offline and leaks nothing
            "features": [
                "navigation.sections",
                "navigation.indexes",
                "navigation.top",
                "content.tabs.link",
                "search.highlight",
            ],
            "palette": {"primary": "indigo", "accent": "orange"},
        },
        "plugins": [
            "search",
            {"archgen": {"models": str(models_dir), "path": "", "cache": str(cache_dir)}},
        ],
    }


@contextlib.contextmanager
def _project(models_dir: Path, site_dir: Path, cache_dir: Path, title: str) -> Iterator[Path]:
    """A temporary MkDocs project (config + empty docs folder); yields the config path."""
    with tempfile.TemporaryDirectory(prefix="archgen-site-") as temporary:
        root = Path(temporary)
        docs = root / "docs"
        docs.mkdir()
        config = root / "mkdocs.yml"
        data = site_config(models_dir.resolve(), site_dir, docs, cache_dir.resolve(), title)
        config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        yield config


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    built_here = any((out_dir / marker).exists() for marker in _SITE_MARKERS)
    if out_dir.is_dir() and any(out_dir.iterdir()) and not built_here:
        raise InputError(
            f"{out_dir}: not empty and not a site archgen built; choose another -o folder"
        )


def build_site(
    models_dir: Path, out_dir: Path, *, cache_dir: Path, title: str = "Architecture"
) -> float:
    """Build the site of `models_dir` into `out_dir`; returns the seconds it took.

    Raises `InputError` for bad models (every problem, `file:line:col`) and `ToolError`
    when MkDocs fails.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    started = time.perf_counter()
    # absolute: MkDocs resolves a relative site_dir against its (temporary) config's folder
    out_dir = out_dir.resolve()
    _check_replaceable(out_dir)
    content = _load(models_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        with _project(models_dir, fresh, cache_dir, title) as config_file:
            config = load_config(str(config_file), strict=True)
            plugin: ArchgenPlugin = config.plugins["archgen"]  # type: ignore[assignment]
            plugin.preloaded = content
            with _mkdocs_logging(hide=lambda message: _is_failure(plugin, message)):
                try:
                    build(config)
                except (Abort, MkDocsException) as error:
                    # the plugin's own failure (Graphviz missing) keeps its message and code
                    if plugin.failure is not None:
                        raise plugin.failure from None
                    raise ToolError(f"mkdocs build failed: {error}") from None
        _swap(fresh, out_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return time.perf_counter() - started


def serve_site(
    models_dir: Path, *, cache_dir: Path, dev_addr: str, title: str = "Architecture"
) -> None:
    """Serve the site with live reload until interrupted; editing a model rebuilds it."""
    from mkdocs.commands.serve import serve

    _load(models_dir)  # report bad models as input errors before the server starts
    with (
        tempfile.TemporaryDirectory(prefix="archgen-serve-") as unused_site,
        _project(models_dir, Path(unused_site), cache_dir, title) as config_file,
        _mkdocs_logging(logging.INFO),
    ):
        serve(str(config_file), dev_addr=dev_addr, livereload=True)


def _load(models_dir: Path) -> SiteContent:
    try:
        return load_content(models_dir)
    except ModelsError as error:
        raise InputError(error.problems) from None


def _swap(fresh: Path, out_dir: Path) -> None:
    """Put `fresh` where `out_dir` is; the old site goes only once the new one is in."""
    if not out_dir.exists():
        os.replace(fresh, out_dir)
        return
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.replace(out_dir, old)
    try:
        os.replace(fresh, out_dir)
    except OSError:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _is_failure(plugin: ArchgenPlugin, message: str) -> bool:
    return plugin.failure is not None and message == plugin.failure.message


@contextlib.contextmanager
def _mkdocs_logging(
    level: int = logging.WARNING, hide: Callable[[str], bool] | None = None
) -> Iterator[None]:
    """Show MkDocs' warnings (and errors) on stderr while it runs, except `hide`'s."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    if hide is not None:
        handler.addFilter(lambda record: not hide(record.getMessage()))
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(level)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(level, previous) if previous else level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
