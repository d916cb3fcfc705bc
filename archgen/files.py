"""Writing outputs so that a failure never leaves a half-written or lost file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    Readers see the old file or the new one, never a mix; an error leaves the old file.
    The temporary file is created exclusively (``O_EXCL``) under a random name, as
    `tempfile.mkstemp` would, without importing `tempfile` (and `random`, `shutil`).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = target.parent / f".{target.name}.{os.urandom(6).hex()}"
        try:
            handle = os.open(temporary, flags, 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
