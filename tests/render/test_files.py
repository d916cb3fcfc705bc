"""archgen/files.py: whole files, whole sets of files, the permissions users expect."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from archgen.files import replace_together, write_atomic


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    secret = tmp_path / "schema.json"
    secret.write_text("old")
    secret.chmod(0o600)
    write_atomic(secret, b"new")
    assert secret.read_bytes() == b"new"
    assert _mode(secret) == 0o600


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask_027: None) -> None:
    fresh = tmp_path / "sub" / "new.svg"
    write_atomic(fresh, b"data")
    assert _mode(fresh) == 0o640
    assert sorted(p.name for p in fresh.parent.iterdir()) == ["new.svg"]


def test_a_set_is_replaced_together(tmp_path: Path) -> None:
    files = {tmp_path / f"m.{ext}": ext.encode() for ext in ("svg", "png", "dot")}
    replace_together(files)
    assert {p: p.read_bytes() for p in files} == files
    replace_together({p: b"new " + data for p, data in files.items()})
    assert all(p.read_bytes().startswith(b"new ") for p in files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.dot", "m.png", "m.svg"]


def test_a_folder_in_the_way_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "m.svg").write_bytes(b"old svg")
    (tmp_path / "m.png").mkdir()  # the second file of the set cannot be written
    with pytest.raises(IsADirectoryError):
        replace_together({tmp_path / "m.svg": b"new svg", tmp_path / "m.png": b"new png"})
    assert (tmp_path / "m.svg").read_bytes() == b"old svg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.png", "m.svg"]


def test_a_rename_refused_midway_puts_back_what_was_replaced(tmp_path: Path) -> None:
    """An immutable file (root can still be refused) as the last of a set: the files
    renamed before it are put back, and a file that was new is removed again."""
    if os.geteuid() != 0:
        pytest.skip("needs root for chattr +i")
    (tmp_path / "m.svg").write_bytes(b"old svg")
    locked = tmp_path / "m.png"
    locked.write_bytes(b"old png")
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")
    try:
        files = {
            tmp_path / "m.svg": b"new svg",
            tmp_path / "m.mmd": b"new mermaid",
            locked: b"new png",
        }
        with pytest.raises(PermissionError):
            replace_together(files)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert (tmp_path / "m.svg").read_bytes() == b"old svg"
    assert locked.read_bytes() == b"old png"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.png", "m.svg"]
