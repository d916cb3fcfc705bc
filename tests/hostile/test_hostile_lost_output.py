"""No lost output: a render or a site build that fails or is interrupted leaves the
previous files as they were, byte for byte; two renders into one folder at once leave
complete files.

Graphviz is made to fail with a fake `dot` first on PATH: one that exits 1 after
scribbling on the files it was asked to write, and one that hangs until killed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MODELS
from tests.processes import reap, start_archgen

FORMATS = "svg,png,mermaid,dot"

FAILING_DOT = """#!/bin/sh
# scribble on every -oFILE it is given, then fail like a crashing Graphviz
for arg in "$@"; do
  case "$arg" in -o*) printf 'half a file' > "${arg#-o}" ;; esac
done
echo "Error: fake dot failed on purpose" >&2
exit 1
"""
HANGING_DOT = """#!/bin/sh
touch "$ARCHGEN_TEST_STARTED"
exec sleep 600
"""


def fake_dot(folder: Path, script: str) -> dict[str, str]:
    """An environment whose PATH finds `script` as `dot` first."""
    folder.mkdir(exist_ok=True)
    dot = folder / "dot"
    dot.write_text(script)
    dot.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


#: every process the tests here start; the fixture below reaps them
_STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _reap_what_the_test_started() -> Iterator[None]:
    """However a test ends (a failed assert, a timeout), every process it started is
    killed with its group, waited for, and its pipes are closed."""
    try:
        yield
    finally:
        while _STARTED:
            reap(_STARTED.pop())


def archgen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`archgen` in a process group of its own (and its workers'), as a shell starts it;
    reaped at the end of the test."""
    process = start_archgen(*args, cwd=cwd, env=env)
    _STARTED.append(process)
    return process


def finish(process: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    """Wait for `process`; its exit code and stderr (pipes closed)."""
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) → the hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def stage(tmp_path: Path) -> Path:
    """stage1.yaml and stage2.yaml (which extends it) in a folder of their own."""
    for name in ("stage1.yaml", "stage2.yaml"):
        (tmp_path / name).write_bytes((MODELS / name).read_bytes())
    return tmp_path / "stage2.yaml"


def _change(model: Path) -> None:
    """Edit the model, so that a render that went through would change every file."""
    model.write_text(model.read_text("utf-8").replace("title: ", "title: Changed ", 1), "utf-8")


def test_a_failing_graphviz_leaves_the_previous_render(stage: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = archgen("render", stage.name, "-o", str(out), "--format", FORMATS, cwd=stage.parent)
    assert finish(first, 120)[0] == 0
    before = snapshot(out)
    assert {"stage2.svg", "stage2.png", "stage2.mmd", "stage2.dot"} <= set(before)
    _change(stage)
    env = fake_dot(tmp_path / "bin", FAILING_DOT)
    second = archgen(
        "render", stage.name, "-o", str(out), "--format", FORMATS, cwd=stage.parent, env=env
    )
    _, stderr = second.communicate(timeout=120)
    assert second.returncode == 3, stderr
    assert "fake dot failed on purpose" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before


def test_an_interrupted_render_leaves_the_previous_render(stage: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = archgen("render", stage.name, "-o", str(out), "--format", FORMATS, cwd=stage.parent)
    assert finish(first, 120)[0] == 0
    before = snapshot(out)
    _change(stage)
    started = tmp_path / "dot-started"
    env = {**fake_dot(tmp_path / "bin", HANGING_DOT), "ARCHGEN_TEST_STARTED": str(started)}
    second = archgen(
        "render", stage.name, "-o", str(out), "--format", FORMATS, cwd=stage.parent, env=env
    )
    _interrupt_when_started(second, started)  # Ctrl-C while Graphviz draws
    assert second.returncode != 0
    assert snapshot(out) == before


def test_a_failing_site_build_leaves_the_previous_site(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    for name in ("stage1.yaml", "stage2.yaml"):
        (models / name).write_bytes((MODELS / name).read_bytes())
    site = tmp_path / "site"
    here = tmp_path
    first = archgen("site", str(models), "-o", str(site), cwd=here)
    assert finish(first, 300)[0] == 0
    before = snapshot(site)
    assert "index.html" in before
    _change(models / "stage2.yaml")
    env = fake_dot(tmp_path / "bin", FAILING_DOT)
    second = archgen("site", str(models), "-o", str(site), cwd=here, env=env)
    _, stderr = second.communicate(timeout=300)
    assert second.returncode == 3, stderr
    assert "Traceback" not in stderr
    assert snapshot(site) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []
    # and a build interrupted (Ctrl-C) while Graphviz draws
    started = tmp_path / "dot-started"
    env = {**fake_dot(tmp_path / "hang", HANGING_DOT), "ARCHGEN_TEST_STARTED": str(started)}
    third = archgen("site", str(models), "-o", str(site), cwd=here, env=env)
    _interrupt_when_started(third, started)
    assert third.returncode != 0
    assert snapshot(site) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def _interrupt_when_started(process: subprocess.Popen[str], started: Path) -> None:
    """Ctrl-C once the fake `dot` runs: SIGINT to the process group, as a terminal sends it
    (worker processes and their `dot` included). Whatever is left is killed afterwards."""
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the fake dot never ran"
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.communicate(timeout=60)
    finally:
        reap(process)  # what is left of the group (a hanging `dot`) is killed


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".svg":
        ElementTree.fromstring(data)
        return True
    if path.suffix == ".png":
        return data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82")
    if path.suffix == ".mmd":
        return data.startswith(b"flowchart")
    return data.rstrip().endswith(b"}")


def test_two_renders_into_one_folder_at_once_leave_complete_files(tmp_path: Path) -> None:
    """Two different models with the same file name, drawn into one folder together:
    every file is one model's or the other's, whole, never a mix."""
    out = tmp_path / "out"
    sides = []
    for side, source in (("a", "stage1.yaml"), ("b", "stage3.yaml")):
        folder = tmp_path / side
        folder.mkdir()
        for name in ("stage1.yaml", "stage2.yaml", "stage3.yaml"):
            (folder / name).write_bytes((MODELS / name).read_bytes())
        (folder / "same.yaml").write_bytes((folder / source).read_bytes())
        sides.append(folder)
    for _ in range(2):
        runs = [
            archgen("render", "same.yaml", "-o", str(out), "--format", FORMATS, cwd=folder)
            for folder in sides
        ]
        for run in runs:
            _, stderr = run.communicate(timeout=180)
            assert run.returncode == 0, stderr
        files = [out / f"same.{ext}" for ext in ("svg", "png", "mmd", "dot")]
        assert all(_complete(path) for path in files)
        hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
        assert hidden == []  # no temporary file left
