"""`archgen site`: the documentation site of a models folder, with no MkDocs project.

A temporary mkdocs.yml (material theme, search, the archgen plugin at the site's root)
drives a normal MkDocs build. The site is built into a fresh folder beside the output
and swapped in only when the build succeeded, so a failed build never loses the last
good site; `site_folder` decides which output folder may be replaced at all.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from archgen.errors import InputError, ToolError
from archgen.publish import preview, site_folder
from archgen.publish.pages import SiteContent
from archgen.publish.plugin import ArchgenPlugin, ModelsError, load_content, skipped_notes

#: Material's light and dark schemes, with the reader's system setting first and a toggle
PALETTE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "accent": "orange",
        "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "accent": "orange",
        "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
    },
]


def site_config(
    models_dir: Path,
    site_dir: Path,
    docs_dir: Path,
    cache_dir: Path,
    title: str,
    root: Path | None = None,
) -> dict[str, Any]:
    """The mkdocs.yml of a standalone site, as data."""
    archgen = {"models": str(models_dir), "path": "", "cache": str(cache_dir)}
    if root is not None:
        archgen["root"] = str(root.resolve())
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
            "palette": PALETTE,
        },
        "plugins": [
            "search",
            {"archgen": archgen},
        ],
    }


@contextlib.contextmanager
def _project(
    models_dir: Path,
    site_dir: Path,
    cache_dir: Path,
    title: str,
    project_root: Path | None = None,
) -> Iterator[Path]:
    """A temporary MkDocs project (config + empty docs folder); yields the config path."""
    with tempfile.TemporaryDirectory(prefix="archgen-site-") as temporary:
        root = Path(temporary)
        docs = root / "docs"
        docs.mkdir()
        config = root / "mkdocs.yml"
        data = site_config(
            models_dir.resolve(), site_dir, docs, cache_dir.resolve(), title, project_root
        )
        config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        yield config


def build_site(
    models_dir: Path,
    out_dir: Path,
    *,
    cache_dir: Path,
    title: str = "Architecture",
    root: Path | None = None,
) -> float:
    """Build the site of `models_dir` into `out_dir`; returns the seconds it took.

    `out_dir` is replaced only by a complete site, and only when archgen may replace it
    (see `archgen.publish.site_folder`). Raises `InputError` for bad models (every
    problem, `file:line:col`) or an output folder it may not replace, and `ToolError`
    when MkDocs fails or the disk does.
    """
    started = time.perf_counter()
    shown = str(out_dir)
    # absolute: MkDocs resolves a relative site_dir against its (temporary) config's folder
    out_dir = out_dir.resolve()
    try:
        site_folder.check_output(out_dir, shown, models_dir)
        content = _load(models_dir, root)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        site_folder.clean_stale(out_dir)
        with site_folder.fresh_folder(out_dir) as fresh:
            _build(models_dir, content, fresh, cache_dir, title, root)
            site_folder.write_manifest(fresh)
            site_folder.swap_in(fresh, out_dir, shown)
    except OSError as error:
        raise site_folder.file_system_error(error, out_dir, shown) from None
    return time.perf_counter() - started


def _build(
    models_dir: Path,
    content: SiteContent,
    site_dir: Path,
    cache_dir: Path,
    title: str,
    root: Path | None,
) -> None:
    """A strict MkDocs build of the site into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    with _project(models_dir, site_dir, cache_dir, title, root) as config_file:
        config = load_config(str(config_file), strict=True)
        # as `mkdocs build` does; the plugins may keep state from a serve in this process
        config.plugins.on_startup(command="build", dirty=False)
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


def serve_site(
    models_dir: Path,
    *,
    cache_dir: Path,
    dev_addr: str,
    title: str = "Architecture",
    root: Path | None = None,
) -> None:
    """Serve the site with live reload until interrupted; saving a model rebuilds it.

    A bad `dev_addr`, a port in use or bad models are an `InputError`, found before the
    server starts. Once it serves, a model saved broken shows its problems over the last
    good pages, never a hung page (`archgen.publish.preview`).
    """
    host, port = parse_dev_addr(dev_addr)
    _check_port_free(host, port)
    content = _load(models_dir, root)  # bad models are input errors before the server starts
    with (
        tempfile.TemporaryDirectory(prefix="archgen-serve-") as site,
        _project(models_dir, Path(site), cache_dir, title, root) as config_file,
        _mkdocs_logging(logging.INFO, hide=_is_dirty_warning),
    ):
        try:
            preview.serve(config_file, Path(site), host, port, models_dir, content)
        except OSError as error:  # the port was taken while the site was built
            raise _listen_error(error, host, port) from None


def parse_dev_addr(text: str) -> tuple[str, int]:
    """`(host, port)` of an `IP:PORT` address, as MkDocs reads it; `InputError` if it is
    not one."""
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import IpAddress

    try:
        host, port = IpAddress().validate(text)  # type: ignore[no-untyped-call]
    except ValidationError as error:
        raise InputError(
            f"--dev-addr {text!r}: {error}; give IP:PORT, e.g. 127.0.0.1:8000"
        ) from None
    if not 1 <= port <= 65535:
        raise InputError(f"--dev-addr {text!r}: the port must be 1 to 65535")
    return host, port


def _check_port_free(host: str, port: int) -> None:
    """Bind the address as the server will (SO_REUSEADDR), to fail before the build."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise _listen_error(error, host, port) from None


def _listen_error(error: OSError, host: str, port: int) -> InputError:
    if error.errno == errno.EADDRINUSE:
        return InputError(f"port {port} is in use: pass --dev-addr IP:PORT")
    return InputError(f"--dev-addr {host}:{port}: cannot listen there: {error.strerror or error}")


def _load(models_dir: Path, root: Path | None = None) -> SiteContent:
    try:
        content = load_content(models_dir, root)
    except ModelsError as error:
        raise InputError(error.problems) from None
    for note in skipped_notes(content):
        print(f"note: {note}", file=sys.stderr)
    return content


def _is_dirty_warning(message: str) -> bool:
    # the preview's dirty builds are exact (`archgen.publish.preview`): no need to warn
    return message.startswith("A 'dirty' build is being performed")


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
