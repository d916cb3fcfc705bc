"""The output folder of `archgen site`: which folder archgen may replace, and how.

archgen replaces the `-o` folder as a whole, so it must be sure that the folder holds
nothing but what archgen itself wrote there. Every site it builds carries a manifest,
`.archgen-site.json`, listing each file it wrote (with its SHA-256) and each folder. A
folder may be replaced when it is new, empty, or a site whose files are all in its
manifest, unchanged; the old site is then removed file by file from that manifest, so
a file archgen did not write is never deleted. Folders that hold the models, the
current folder, a git repository, the home folder or `/` are never replaced.

The new site is built in `.NAME.new-PID-XXXX` beside the output and swapped in by
renames once it is complete; the old one goes through `.NAME.old-PID-XXXX`. Such
folders left by a killed build are removed by the next build (only when they carry
archgen's manifest and their process is gone).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archgen import terminal
from archgen.errors import ArchgenError, InputError, file_error
from archgen.files import signals_held

#: the manifest of a site archgen built: every file it wrote (with its SHA-256)
MANIFEST = ".archgen-site.json"
_FORMAT = 1
#: how many foreign files a refusal names
_SHOWN = 3


def check_output(out_dir: Path, shown: str, models_dir: Path) -> None:
    """Refuse (`InputError`) an `out_dir` (resolved) that archgen may not replace.

    `shown` is the path as the user wrote it, for the messages.
    """
    _check_not_protected(out_dir, shown, models_dir)
    if not out_dir.exists():
        existing = next(p for p in out_dir.parents if p.exists())
        if not existing.is_dir():
            raise InputError(
                f"{shown}: cannot be made: {existing} is a file; choose another folder with -o"
            )
        return
    if not out_dir.is_dir():
        raise InputError(f"{shown}: exists and is not a folder; choose a folder with -o")
    check_replaceable(out_dir, shown)


def check_replaceable(out_dir: Path, shown: str) -> None:
    """Refuse a folder that holds anything archgen did not write, or changed since."""
    if not any(out_dir.iterdir()):
        return
    manifest = _read_manifest(out_dir, shown)
    if manifest is None:
        raise InputError(
            f"{shown}: not empty and not a site archgen built (no {MANIFEST}); "
            "choose an empty or new folder with -o"
        )
    foreign = _foreign(out_dir, manifest)
    if foreign:
        more = f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else ""
        raise InputError(
            f"{shown}: holds files archgen did not write, or changed after writing "
            f"({', '.join(foreign[:_SHOWN])}{more}); move them out of it, "
            "or choose another folder with -o"
        )


def _check_not_protected(out_dir: Path, shown: str, models_dir: Path) -> None:
    protected = [(models_dir.resolve(), "the models folder"), (Path.cwd(), "the current folder")]
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known
        protected.append((Path.home().resolve(), "your home folder"))
    for folder, what in protected:
        if folder == out_dir or folder.is_relative_to(out_dir):
            verb = "is" if folder == out_dir else "holds"
            raise InputError(
                f"{shown}: {verb} {what}; archgen replaces the -o folder as a whole, "
                "so give the site a folder of its own (e.g. -o build/site)"
            )
    if (out_dir / ".git").exists():
        raise InputError(
            f"{shown}: is the root of a git repository; give the site a folder of its own "
            "(e.g. -o build/site)"
        )


def _read_manifest(folder: Path, shown: str) -> dict[str, Any] | None:
    """The manifest of `folder`, or None when it has none; `InputError` when it is not
    one archgen wrote."""
    path = folder / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():  # never read a pipe or follow a link
        raise InputError(f"{shown}/{MANIFEST}: not a manifest archgen wrote (not a file)")
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise InputError(f"{shown}/{MANIFEST}: not a manifest archgen wrote ({error})") from None
    if not (
        isinstance(data, dict)
        and data.get("archgen-site") == _FORMAT
        and isinstance(data.get("files"), dict)
        and all(isinstance(v, str) for v in data["files"].values())
        and isinstance(data.get("folders"), list)
        and all(isinstance(f, str) for f in data["folders"])
    ):
        raise InputError(f"{shown}/{MANIFEST}: not a manifest archgen wrote")
    return data


def _foreign(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """Paths in `folder` that the manifest does not list as they are (sorted)."""
    files: dict[str, str] = manifest["files"]
    folders = set(manifest["folders"])
    foreign: list[str] = []
    for relative, entry in _walk(folder):
        if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):
            foreign.append(relative)  # archgen writes no links, pipes or devices
        elif entry.is_dir():
            if relative not in folders:
                foreign.append(relative + "/")
        elif relative != MANIFEST and not _unchanged(entry, files.get(relative)):
            foreign.append(relative)
    return sorted(foreign)


def _walk(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every entry under `folder` (never following links), as (posix path, path)."""
    for root, dirs, names in os.walk(folder):
        base = Path(root)
        for name in dirs + names:
            entry = base / name
            yield entry.relative_to(folder).as_posix(), entry


def _hash(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _unchanged(path: Path, listed: str | None) -> bool:
    """Whether `path` is a file the manifest lists with this content."""
    return listed is not None and _hash(path) == listed


def write_manifest(site: Path) -> None:
    """List every file and folder of the freshly built `site` in its manifest."""
    files: dict[str, str] = {}
    folders: list[str] = []
    for relative, entry in _walk(site):
        if entry.is_dir() and not entry.is_symlink():
            folders.append(relative)
        elif relative != MANIFEST:
            files[relative] = _hash(entry)
    _write_marker(site, {"files": files, "folders": sorted(folders)})


def _write_marker(folder: Path, content: dict[str, Any]) -> None:
    data = {"archgen-site": _FORMAT, "pid": os.getpid(), **content}
    (folder / MANIFEST).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")


# --- building beside the output, and swapping in -------------------------------------


@contextlib.contextmanager
def fresh_folder(out_dir: Path) -> Iterator[Path]:
    """A new, marked folder beside `out_dir` to build in; removed unless swapped in.

    Created with `os.mkdir` (not `tempfile.mkdtemp`, which makes it private), so the
    site gets the modes the user's umask gives any new folder.
    """
    while True:
        fresh = _sibling(out_dir, "new")
        try:
            fresh.mkdir()
            break
        except FileExistsError:
            continue
    try:
        _write_marker(fresh, {"files": {}, "folders": []})
        yield fresh
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _sibling(out_dir: Path, kind: str) -> Path:
    return out_dir.with_name(f".{out_dir.name}.{kind}-{os.getpid()}-{os.urandom(4).hex()}")


def swap_in(fresh: Path, out_dir: Path, shown: str) -> None:
    """Put the complete site `fresh` where `out_dir` is, then remove the old site's files.

    The renames run with SIGINT and SIGTERM held back, so an interruption never falls
    between them: the output folder is always the old site or the new one.
    """
    with signals_held():
        if out_dir.is_dir():
            check_replaceable(out_dir, shown)  # again: files may have come during the build
        if not out_dir.exists() or not any(out_dir.iterdir()):
            os.replace(fresh, out_dir)  # onto nothing, or onto an empty folder: one rename
            return
        old = _sibling(out_dir, "old")
        os.replace(out_dir, old)
        try:
            os.replace(fresh, out_dir)
        except BaseException:
            os.replace(old, out_dir)
            raise
    if not remove_site(old):  # a file came in the instant between the check and the rename
        warning = ["warning: kept ", str(old), ": it holds files archgen did not write"]
        terminal.echo(terminal.text([warning]), err=True)


def remove_site(folder: Path) -> bool:
    """Remove what `folder`'s manifest lists, unchanged; True when nothing is left.

    Walks the folder itself (never the manifest's paths, which could point anywhere)
    and removes a file only when the manifest lists it with the same content; the
    manifest goes last, so a removal cut short still carries it.
    """
    try:
        manifest = _read_manifest(folder, str(folder)) or {"files": {}, "folders": []}
    except InputError:
        return False
    files: dict[str, str] = manifest["files"]
    folders = set(manifest["folders"])
    entries = list(_walk(folder))
    for relative, entry in entries:
        if entry.is_file() and not entry.is_symlink() and _unchanged(entry, files.get(relative)):
            entry.unlink()
    for relative, entry in reversed(entries):  # os.walk lists a folder before its contents
        if relative in folders and entry.is_dir() and not entry.is_symlink():
            with contextlib.suppress(OSError):  # not empty: it holds someone's file
                entry.rmdir()
    with contextlib.suppress(FileNotFoundError):
        if [p.name for p in folder.iterdir()] == [MANIFEST]:
            (folder / MANIFEST).unlink()
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


# --- what a killed build left behind ------------------------------------------------


def clean_stale(out_dir: Path) -> None:
    """Remove the `.NAME.new-*` and `.NAME.old-*` folders that killed builds left.

    Only folders carrying archgen's manifest, written by a process that is gone. A lost
    old site whose output folder is missing (killed between the two renames) is put back.
    """
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(new|old)-(\d+)-[0-9a-f]+")
    try:
        candidates = list(out_dir.parent.iterdir())
    except OSError:
        return
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match is None or not path.is_dir() or path.is_symlink():
            continue
        kind, pid = match.group(1), int(match.group(2))
        if _alive(pid) or not _marked_by(path, pid):
            continue
        if kind == "new":  # a build cut short: everything in it is archgen's
            shutil.rmtree(path, ignore_errors=True)
        elif not out_dir.exists():
            os.replace(path, out_dir)
        else:
            remove_site(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _marked_by(folder: Path, pid: int) -> bool:
    try:
        manifest = _read_manifest(folder, str(folder))
    except InputError:
        return False
    return manifest is not None and manifest.get("pid") == pid


# --- file-system errors -------------------------------------------------------------


def file_system_error(error: OSError, out_dir: Path, shown: str) -> ArchgenError:
    """A located message for an `OSError` of the build: exit 3 for the machine (disk
    full, read-only), exit 2 for a path the user chose (too long, not a folder, no
    permission). A path in the folder being built is shown where it was going."""
    paths = [os.fsdecode(p) for p in (error.filename, error.filename2) if p is not None]
    shown_paths = [_as_output(Path(p), out_dir, shown) for p in paths]
    ours = [p for p in shown_paths if p is not None]
    where = ours[0] if ours else paths[0] if paths else shown
    return file_error(error, where, "cannot write the site")


def _as_output(path: Path, out_dir: Path, shown: str) -> str | None:
    """`path` inside `out_dir` or one of its `.NAME.new-*` or `.NAME.old-*` folders, as
    the same path inside the output folder (as the user wrote it); None when outside."""
    try:
        parts = path.relative_to(out_dir.parent).parts
    except ValueError:
        return None
    ours = re.compile(rf"{re.escape(out_dir.name)}|\.{re.escape(out_dir.name)}\.(new|old)-.+")
    if not parts or not ours.fullmatch(parts[0]):
        return None
    return str(Path(shown, *parts[1:]))
