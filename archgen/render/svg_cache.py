"""Self-contained SVGs kept between site builds, named by what they are drawn from.

A site draws every stage twice; a rebuild after one model edit should draw only what
the edit changed. A drawing is kept in a folder (the site's: by default in the user's
cache folder, never in the repository) as ``<key>-<sha256>.svg``: the key is a hash of
everything the drawing depends on (`drawing_key`), the second hash that of the file's
own bytes.

Nothing read back is trusted: a file whose bytes do not match its name, that is too
large, or that is not an SVG archgen could have written (`svg_check.check_svg`) is
ignored and drawn again. Nothing is unpickled or run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from archgen.files import write_atomic
from archgen.render.scene import Scene
from archgen.render.svg_check import UnsafeSvg, check_svg
from archgen.user_cache import private_folder

#: larger than any drawing archgen makes (a 2,000-component model is a few MB)
MAX_BYTES = 64 * 1024 * 1024
_NAME = re.compile(r"(?P<key>[0-9a-f]{64})-(?P<digest>[0-9a-f]{64})\.svg")


def drawing_key(scene: Scene) -> str:
    """A hash of everything a site drawing depends on: archgen's render version, the
    icons in use (`diagrams`, Pillow, archgen's icon code), the scene, which holds
    every word and mark drawn, and the DOT text Graphviz lays out (so that a change of
    the DOT writer redraws the kept drawings even if no one bumps the version). Site
    drawings are SVG at 96 dpi."""
    from archgen.render.dot import to_dot
    from archgen.render.icon_cache import icon_fingerprint, icon_set
    from archgen.render.pipeline import RENDER_VERSION

    digest = hashlib.sha256(f"{RENDER_VERSION}|{icon_fingerprint()}|svg|96|".encode())
    digest.update(repr(scene).encode("utf-8"))
    icons = icon_set().paths_for({node.service for node in scene.nodes.values()})
    digest.update(to_dot(scene, icons).encode("utf-8"))
    return digest.hexdigest()


def read(folder: Path, key: str) -> str | None:
    """The drawing stored under `key` in `folder`, if there is one that passes every
    check; else None."""
    if not private_folder(folder):
        return None
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{key}-*.svg"):
            svg = _verified(path)
            if svg is not None:
                return svg
    return None


def _verified(path: Path) -> str | None:
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        # O_NONBLOCK: a FIFO planted under this name must not block the build
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = stream.read(MAX_BYTES + 1)
    if hashlib.sha256(data).hexdigest() != match["digest"]:
        return None
    try:
        check_svg(data)
    except UnsafeSvg:
        return None
    return data.decode("utf-8")


def store(folder: Path, key: str, svg: str) -> None:
    """Keep `svg` under `key` in `folder` (best effort: a cache that cannot be written
    is not used)."""
    data = svg.encode("utf-8")
    name = f"{key}-{hashlib.sha256(data).hexdigest()}.svg"
    if not private_folder(folder):
        return
    with contextlib.suppress(OSError):
        write_atomic(folder / name, data)


def prune(folder: Path, keep: Iterable[str]) -> None:
    """Remove the drawings in `folder` whose key is not in `keep` (the drawings of
    earlier versions of the models). Only files named as this cache names them."""
    wanted = set(keep)
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _NAME.fullmatch(path.name)
            if match is not None and match["key"] not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()
