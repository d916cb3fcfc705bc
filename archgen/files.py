"""Writing outputs so that a failure never leaves a half-written, lost or mixed file set.

Each new file is written to a temporary file beside its target (`tempfile.mkstemp`),
and only when every one of a set is complete are they renamed over their targets.
Readers see the old file or the new one, never a mix; an error while writing leaves
every old file as it was. A replaced file keeps its permissions; a new file gets those
the umask gives, as any program's new file does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    The folder is created if needed. `OSError` on failure, with the old file intact.
    """
    replace_together({Path(path): data})


def replace_together(files: Mapping[Path, bytes]) -> None:
    """Write every file of `files` (path → bytes), or none of them.

    All data goes to temporary files first; only then are they renamed over their
    targets, one `os.replace` each. An error before the renames removes the temporary
    files and leaves every old file as it was. A target that is a folder is refused
    before anything is renamed. While renaming, Ctrl-C and SIGTERM are held back until
    the set is complete, and a rename the system refuses (an immutable file, another
    user's file in a sticky folder) puts back the files already replaced, from hard
    links made just before. Only SIGKILL or a power cut during the renames (a few
    system calls), or a refused rename on a file system without hard links, can leave
    part of a set replaced.
    """
    staged: dict[Path, str] = {}
    #: target → a hard link to its old file, or None where there was no file
    backups: dict[Path, str | None] = {}
    try:
        for target, data in files.items():
            staged[target] = _stage(target, data)
        for target in staged:
            if _has_no_file(target):
                backups[target] = None
            elif (backup := _backup(target)) is not None:
                backups[target] = backup
        with signals_held():
            replaced: list[Path] = []
            try:
                for target, temporary in staged.items():
                    try:
                        os.replace(temporary, target)
                    except OSError as error:
                        raise _about(error, target) from None
                    replaced.append(target)
            except BaseException:
                _put_back(replaced, backups)
                raise
            staged.clear()
    finally:
        for leftover in [*staged.values(), *backups.values()]:
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


def _has_no_file(target: Path) -> bool:
    """Whether nothing is at `target` yet; `IsADirectoryError` if a folder is."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return not os.path.lexists(target)  # a dangling symbolic link is something
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    return False


def _backup(target: Path) -> str | None:
    """A hard link to the file at `target`, to put it back if the set fails; None
    when the file system makes none (then that file cannot be put back)."""
    for _ in range(100):
        backup = str(target.parent / f".{target.name}.{os.urandom(6).hex()}.old")
        try:
            os.link(target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return None
        return backup
    return None


def _put_back(replaced: list[Path], backups: Mapping[Path, str | None]) -> None:
    """Undo the renames of `replaced`: their old files back, or no file where there
    was none (best effort: the error that got us here is what is reported)."""
    for target in reversed(replaced):
        if target not in backups:
            continue  # its old file could not be linked: the new one stays
        backup = backups[target]
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            else:
                os.unlink(target)


def _stage(target: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `target`, with the mode `target` will have."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise _about(error, target) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for(target))  # mkstemp made it 0600
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _about(error, target) from None
        raise
    return temporary


def _about(error: OSError, target: Path) -> OSError:
    """`error` naming `target`, not the temporary file it happened to (same type)."""
    return OSError(error.errno, error.strerror, str(target))


def _mode_for(target: Path) -> int:
    """The mode of the file `target` is now, or the mode a new file gets from the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system says (Linux)."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (a moment's race with threads)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they arrive afterwards) where the system allows."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
