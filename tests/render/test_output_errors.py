"""File-system errors while writing: a message and exit 2 (a path the user chose that
cannot be written) or 3 (disk full, file too large, I/O error), never a traceback, and
the earlier files stay as they were, as a set.

A full disk is a real one: a small tmpfs (needs root, as the test machines run; skipped
elsewhere), and a file-size limit (RLIMIT_FSIZE) for everyone.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MODELS

PAGE = 4096


def archgen(
    *args: str, cwd: Path, file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`archgen` in a process of its own, optionally with a file-size limit."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "archgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit,
    )


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Callable[[Path, int], None]]:
    """Mount a tmpfs of a size in bytes on a folder (skips without root); unmounted
    at the end of the test."""
    mounted: list[Path] = []

    def tmpfs(folder: Path, size: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(folder)

    yield tmpfs
    for folder in reversed(mounted):
        subprocess.run(["umount", str(folder)], check=True)


def _model(folder: Path, title: str) -> Path:
    folder.mkdir(exist_ok=True)
    text = (MODELS / "stage1.yaml").read_text("utf-8")
    model = folder / "stage1.yaml"
    model.write_text(text.replace("title: ", f"title: {title} ", 1), "utf-8")
    return model


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _pages(size: int) -> int:
    return -(-size // PAGE) * PAGE


def _clean(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_full_disk_is_exit_3_and_the_earlier_set_survives(
    tmp_path: Path, mount: Callable[[Path, int], None]
) -> None:
    model = _model(tmp_path / "models", "First")
    sizing = tmp_path / "sizing"
    assert archgen("render", str(model), "-o", str(sizing), cwd=tmp_path).returncode == 0
    svg, png = (_pages((sizing / f"stage1.{ext}").stat().st_size) for ext in ("svg", "png"))
    # room for the first set and a new SVG beside it, not for a new PNG as well
    out = tmp_path / "out"
    mount(out, svg + png + svg + png // 2)
    assert archgen("render", str(model), "-o", str(out), cwd=tmp_path).returncode == 0
    before = _files(out)
    _model(tmp_path / "models", "Second")
    result = archgen("render", str(model), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "No space left on device" in _clean(result)
    assert _files(out) == before  # the old SVG and PNG, and no temporary file


def test_a_file_size_limit_is_exit_3(tmp_path: Path) -> None:
    model = _model(tmp_path / "models", "Limited")
    out = tmp_path / "out"
    result = archgen(
        "render", str(model), "-o", str(out), "--format", "svg", cwd=tmp_path, file_size_limit=PAGE
    )
    assert result.returncode == 3, result.stderr
    assert "File too large" in _clean(result)
    assert list(out.iterdir()) == []


def _read_only(folder: Path) -> None:
    """Make `folder` unwritable, even for root: a read-only remount of its tmpfs."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_an_unwritable_output_folder_is_exit_2(
    tmp_path: Path, mount: Callable[[Path, int], None]
) -> None:
    model = _model(tmp_path / "models", "First")
    out = tmp_path / "out"
    mount(out, 1024 * 1024)
    assert archgen("render", str(model), "-o", str(out), cwd=tmp_path).returncode == 0
    before = _files(out)
    _read_only(out)
    _model(tmp_path / "models", "Second")
    result = archgen("render", str(model), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{out / 'stage1.svg'}: cannot write: Read-only file system" in _clean(result)
    assert _files(out) == before


def test_a_folder_in_place_of_one_file_changes_none_of_the_set(tmp_path: Path) -> None:
    model = _model(tmp_path / "models", "First")
    out = tmp_path / "out"
    args = ("render", str(model), "-o", str(out), "--format", "svg,png")
    assert archgen(*args, cwd=tmp_path).returncode == 0
    (out / "stage1.png").unlink()
    (out / "stage1.png").mkdir()
    before = (out / "stage1.svg").read_bytes()
    _model(tmp_path / "models", "Second")
    result = archgen(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "stage1.png: cannot write: Is a directory" in _clean(result)
    assert (out / "stage1.svg").read_bytes() == before  # not a new SVG beside no PNG
    assert sorted(p.name for p in out.iterdir()) == ["stage1.png", "stage1.svg"]


def test_an_immutable_output_file_is_exit_2_and_the_set_survives(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root for chattr +i")
    model = _model(tmp_path / "models", "First")
    out = tmp_path / "out"
    args = ("render", str(model), "-o", str(out), "--format", "svg,png,mermaid")
    assert archgen(*args, cwd=tmp_path).returncode == 0
    before = _files(out)
    locked = out / "stage1.mmd"  # the last of the set to be renamed
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")
    try:
        _model(tmp_path / "models", "Second")
        result = archgen(*args, cwd=tmp_path)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert result.returncode == 2, result.stderr
    assert "cannot write: Operation not permitted" in _clean(result)
    assert _files(out) == before


def test_schema_output_errors_are_messages(
    tmp_path: Path, mount: Callable[[Path, int], None]
) -> None:
    full = tmp_path / "full"
    mount(full, PAGE)
    (full / "filler").write_bytes(b"x" * PAGE)
    result = archgen("schema", "-o", str(full / "schema.json"), cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "No space left on device" in _clean(result)
    assert sorted(p.name for p in full.iterdir()) == ["filler"]

    (full / "filler").unlink()
    (full / "schema.json").write_text("earlier")
    _read_only(full)
    result = archgen("schema", "-o", str(full / "schema.json"), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "cannot write: Read-only file system" in _clean(result)
    assert (full / "schema.json").read_text() == "earlier"

    (tmp_path / "afile").write_text("not a folder")
    result = archgen("schema", "-o", str(tmp_path / "afile" / "schema.json"), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "afile: cannot write: not a folder" in _clean(result)
