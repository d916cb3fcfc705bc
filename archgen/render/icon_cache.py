"""Icon files and their downscaled data URIs, remembered between runs.

Importing `diagrams` (for its icon classes) and Pillow (to downscale icons) costs more
than laying out and drawing a whole stage. Both answers depend only on the installed
`diagrams` and Pillow, so the first render computes them and stores them in a small
JSON file in the user's cache folder (`archgen.user_cache`); later renders read it
and import neither. The file name holds a hash of what the answers depend on, so an
upgrade starts a new file. A cache that cannot be read or written is simply not used.

What is read back is not trusted, since the data URIs go into every SVG as they are
(and a CI cache may be restored from a run someone else controlled): each icon path
must be a plain relative path (no ``..``, no absolute path) of a service archgen
knows or of a generic icon (``aws.<group>.<Class>``, looked up in `diagrams` on first
use and remembered like the rest), and each data URI ``data:image/png;base64,``
followed by base64 of a PNG. A file that breaks any of this is ignored, and the icons
are computed afresh.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import importlib.machinery
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archgen.files import write_atomic
from archgen.model.icon_names import ICON_PATTERN
from archgen.user_cache import cache_folder, private_folder

#: bump when the way icons are downscaled or encoded changes
ICON_FORMAT = "2"


def _diagrams_folder() -> Path:
    """The installed `diagrams` package folder, found without importing it."""
    spec = importlib.machinery.PathFinder.find_spec("diagrams")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the 'diagrams' package is not installed")
    return Path(spec.origin).resolve().parent


@dataclass
class IconSet:
    """Every service's icon file (relative to `root`) and downscaled data URIs."""

    root: Path
    paths: dict[str, str]
    uris: dict[str, str] = field(default_factory=dict)
    cache_file: Path | None = None
    _dirty: bool = False

    def paths_for(self, drawn: Iterable[str]) -> dict[str, str]:
        """The icon file of each drawn service or generic icon (``aws.ml.Sagemaker``);
        a generic icon not seen before is looked up in `diagrams` and remembered."""
        found: dict[str, str] = {}
        for name in drawn:
            if name not in self.paths:
                from archgen.render.icons import _RESOURCES_ROOT, icon_path

                self.paths[name] = icon_path(name).relative_to(_RESOURCES_ROOT).as_posix()
                self._dirty = True
            found[name] = self.paths[name]
        return found

    def data_uri(self, relative: str, pixels: int) -> str:
        """The icon at `relative` as a PNG data URI of `pixels` square."""
        key = f"{relative}@{pixels}"
        if key not in self.uris:
            from archgen.render.svg import downscaled_data_uri

            self.uris[key] = downscaled_data_uri(self.root / relative, pixels)
            self._dirty = True
        return self.uris[key]

    def save(self) -> None:
        """Store newly computed data URIs for the next run (best effort)."""
        if not self._dirty or self.cache_file is None:
            return
        if not private_folder(self.cache_file.parent):
            return
        document = {"paths": self.paths, "uris": dict(sorted(self.uris.items()))}
        try:
            write_atomic(self.cache_file, json.dumps(document, sort_keys=True).encode())
        except OSError:
            return
        self._dirty = False


def _fresh_paths() -> tuple[Path, dict[str, str]]:
    from archgen.render.icons import _RESOURCES_ROOT, SERVICE_ICONS, icon_path

    paths = {s: icon_path(s).relative_to(_RESOURCES_ROOT).as_posix() for s in SERVICE_ICONS}
    return _RESOURCES_ROOT, paths


_LOADED: IconSet | None = None


def icon_set(use_cache: bool = True) -> IconSet:
    """The icons of this installation, from the cache file when there is a current one."""
    global _LOADED
    if use_cache and _LOADED is not None:
        return _LOADED
    folder = _diagrams_folder()
    root = folder.parent
    if not use_cache:
        return IconSet(*_fresh_paths())
    cache_file = cache_folder() / f"icons-{icon_fingerprint()}.json"
    try:
        if not private_folder(cache_file.parent):
            raise ValueError("not a private folder")
        paths, uris = checked(json.loads(cache_file.read_text("utf-8")))
        icons = IconSet(root, paths, uris, cache_file)
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        fresh_root, paths = _fresh_paths()
        icons = IconSet(fresh_root, paths, {}, cache_file, True)
    _LOADED = icons
    return icons


#: an icon file inside the `diagrams` package: plain names, no ``..``, no absolute path
_ICON_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.png")
#: a generic component's icon, as `archgen.model.icon_names` checks it
_GENERIC_ICON = re.compile(ICON_PATTERN)
_URI_KEY = re.compile(r"(?P<path>.+)@[1-9][0-9]{0,3}")
_PNG_URI = "data:image/png;base64,"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def checked(document: object) -> tuple[dict[str, str], dict[str, str]]:
    """The icon paths and data URIs of a cache file's `document`, or `ValueError` if
    anything in it is not what archgen writes (see the module's docstring)."""
    from archgen.model.services import all_services

    if not isinstance(document, dict) or set(document) != {"paths", "uris"}:
        raise ValueError("not an icon cache")
    paths, uris = document["paths"], document["uris"]
    if not isinstance(paths, dict) or not set(all_services()) <= set(paths):
        raise ValueError("not the services archgen draws")
    services = set(all_services())
    for name, path in paths.items():
        if name not in services and not _GENERIC_ICON.fullmatch(name):
            raise ValueError(f"not a service or an icon: {name!r}")
        if not isinstance(path, str) or not _ICON_PATH.fullmatch(path):
            raise ValueError(f"not an icon path: {path!r}")
    if not isinstance(uris, dict):
        raise ValueError("no data URIs")
    known = set(paths.values())
    for key, uri in uris.items():
        match = _URI_KEY.fullmatch(key) if isinstance(key, str) else None
        if match is None or match["path"] not in known:
            raise ValueError(f"not an icon size: {key!r}")
        if not isinstance(uri, str) or not uri.startswith(_PNG_URI):
            raise ValueError("not a PNG data URI")
        try:
            png = base64.b64decode(uri[len(_PNG_URI) :], validate=True)
        except binascii.Error:
            raise ValueError("not base64") from None
        if not png.startswith(_PNG_SIGNATURE):
            raise ValueError("not a PNG")
    return dict(paths), dict(uris)


def icon_fingerprint() -> str:
    """A hash of what icons depend on: archgen's icon code, `diagrams` and Pillow.

    An installed package is identified by where its ``__init__.py`` is, its size and
    its modification time, which an upgrade changes; reading package metadata instead
    would cost more than the render it saves (``importlib.metadata`` alone is ~25 ms).
    """
    from archgen.model.services import all_services

    parts = [ICON_FORMAT, str(_diagrams_folder()), ",".join(all_services())]
    for package in ("diagrams", "PIL"):
        try:
            spec = importlib.machinery.PathFinder.find_spec(package)
            origin = Path(spec.origin) if spec is not None and spec.origin else None
            info = origin.stat() if origin is not None else None
        except (ImportError, OSError, ValueError):
            info = origin = None
        parts.append(f"{package}={origin}:{info.st_size}:{info.st_mtime_ns}" if info else "?")
    icons_module = Path(__file__).with_name("icons.py")
    parts.append(hashlib.sha256(icons_module.read_bytes()).hexdigest())
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]
