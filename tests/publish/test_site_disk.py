"""A file system that refuses to write ends `archgen site` with a located message and
exit 3, never a traceback, and the earlier site survives.

Tests run as root, where permission bits stop no write: a read-only bind mount and a
small tmpfs make the real errors (EROFS, ENOSPC). Both need root and mount(8); the
tests are skipped, saying why, where they cannot mount.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import run_archgen
from tests.hostile.test_hostile_lost_output import snapshot
from tests.publish.test_site_output import one_model


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here (needs root and mount(8)): {result.stderr.strip()}")


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made read-only by a bind mount over itself."""
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextmanager
def small_disk(folder: Path, size: int) -> Iterator[None]:
    """A tmpfs of `size` bytes mounted on `folder`."""
    folder.mkdir()
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def _change(models: Path) -> None:
    model = models / "stage1.yaml"
    model.write_text(model.read_text().replace("title: ", "title: Changed ", 1))


def test_a_read_only_parent_is_exit_2_and_the_site_survives(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    parent = tmp_path / "public"
    assert run_archgen("site", "models", "-o", "public/site", cwd=tmp_path).returncode == 0
    before = snapshot(parent)
    _change(models)
    with read_only(parent):
        result = run_archgen("site", "models", "-o", "public/site", cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            "public/site: cannot write the site: Read-only file system"
        )
        # a folder to create inside a read-only one
        result = run_archgen("site", "models", "-o", "public/new/site", cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            f"{parent / 'new'}: cannot write the site: Read-only file system"
        )
    assert snapshot(parent) == before


def test_a_full_disk_is_exit_3_and_the_site_survives(tmp_path: Path) -> None:
    """Room for one site, not for the new one beside it."""
    models = one_model(tmp_path)
    assert run_archgen("site", "models", "-o", "probe", cwd=tmp_path).returncode == 0
    size = sum(p.stat().st_size for p in (tmp_path / "probe").rglob("*") if p.is_file())
    disk = tmp_path / "disk"
    with small_disk(disk, size * 3 // 2):
        assert run_archgen("site", "models", "-o", "disk/site", cwd=tmp_path).returncode == 0
        before = snapshot(disk)
        _change(models)
        result = run_archgen("site", "models", "-o", "disk/site", cwd=tmp_path)
        assert result.returncode == 3, result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith("disk/site/") and last.endswith(
            ": cannot write the site: No space left on device; the earlier files are unchanged"
        ), result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(disk) == before  # and no half-built folder beside it


def test_an_output_path_that_cannot_be_made_is_exit_2(tmp_path: Path) -> None:
    one_model(tmp_path)
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    long_name = "x" * 250  # legal, but .NAME.new-PID-XXXX beside it is not
    for out, message in [
        ("notes.txt/site", f"notes.txt/site: cannot be made: {tmp_path / 'notes.txt'} is a file"),
        (long_name, f"{long_name}: cannot write the site: File name too long"),
    ]:
        result = run_archgen("site", "models", "-o", out, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "notes.txt"]
