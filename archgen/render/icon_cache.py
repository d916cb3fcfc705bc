"""Icon files and their downscaled data URIs, remembered between runs.

Importing `diagrams` (for its icon classes) and Pillow (to downscale icons) costs more
than laying out and drawing a whole stage. Both answers depend only on the installed
`diagrams` and Pillow, so the first render computes them and stores them in a small
JSON file in the user's cache folder (``$XDG_CACHE_HOME/archgen`` or
``~/.cache/archgen``); later renders read it and import neither. The file name holds
a hash of what the answers depend on, so an upgrade starts a new file. A cache that
cannot be read or written is simply not used.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from archgen.digest import sha256_hex
from archgen.files import write_atomic

#: bump when the way icons are downscaled or encoded changes
ICON_FORMAT = "2"


def _diagrams_folder() -> Path:
    """The installed `diagrams` package folder, found without importing it."""
    spec = importlib.machinery.PathFinder.find_spec("diagrams")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the 'diagrams' package is not installed")
    return Path(spec.origin).resolve().parent


def cache_folder() -> Path:
    """Where archgen keeps its per-user cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "archgen"


@dataclass
class IconSet:
    """Every service's icon file (relative to `root`) and downscaled data URIs."""

    root: Path
    paths: dict[str, str]
    uris: dict[str, str] = field(default_factory=dict)
    cache_file: Path | None = None
    _dirty: bool = False

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
    cache_file = cache_folder() / f"icons-{_fingerprint(folder)}.json"
    try:
        document = json.loads(cache_file.read_text("utf-8"))
        icons = IconSet(root, dict(document["paths"]), dict(document["uris"]), cache_file)
    except (OSError, ValueError, KeyError, TypeError):
        fresh_root, paths = _fresh_paths()
        icons = IconSet(fresh_root, paths, {}, cache_file, True)
    _LOADED = icons
    return icons


def _fingerprint(folder: Path) -> str:
    """What the cached answers depend on: archgen's icon code, diagrams and Pillow.

    An installed package is identified by where its ``__init__.py`` is, its size and
    its modification time, which an upgrade changes; reading package metadata instead
    would cost more than the render it saves (``importlib.metadata`` alone is ~25 ms).
    """
    from archgen.model.services import all_services

    parts = [ICON_FORMAT, str(folder), ",".join(all_services())]
    for package in ("diagrams", "PIL"):
        try:
            spec = importlib.machinery.PathFinder.find_spec(package)
            origin = Path(spec.origin) if spec is not None and spec.origin else None
            info = origin.stat() if origin is not None else None
        except (ImportError, OSError, ValueError):
            info = origin = None
        parts.append(f"{package}={origin}:{info.st_size}:{info.st_mtime_ns}" if info else "?")
    icons_module = Path(__file__).with_name("icons.py")
    parts.append(sha256_hex(icons_module.read_bytes()))
    return sha256_hex("|".join(parts).encode("utf-8"))[:16]
