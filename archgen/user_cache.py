"""The per-user cache folder: ``$XDG_CACHE_HOME/archgen``, else ``~/.cache/archgen``.

Caches live here and never in the working directory, so a repository (or a pull
request) cannot plant one. Even so, nothing read back from a cache is trusted: each
cache checks what it reads before using it (`archgen.render.icon_cache`,
`archgen.render.svg_cache`), and falls back to computing the answer again.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_folder() -> Path:
    """Where archgen keeps its per-user cache (it may not exist yet).

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG specification says. Without
    a home folder (a container user with no ``HOME`` and no passwd entry), a folder
    named after the user id in the system's temporary folder; `is_private` then
    decides whether it may be used.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "archgen"
    try:
        return Path.home() / ".cache" / "archgen"
    except RuntimeError:
        import tempfile

        return Path(tempfile.gettempdir()) / f"archgen-cache-{_user_id()}"


def private_folder(folder: Path) -> bool:
    """Create `folder` (mode 0700) if needed; whether it is ours and only ours to write.

    A cache folder that another user owns, or that others may write, could hold files
    someone else planted: such a folder is not used.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name != "posix":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _user_id() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else "user"
