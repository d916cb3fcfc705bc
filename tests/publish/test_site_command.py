"""`archgen site`: the whole site with no MkDocs project, and no output lost on failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODELS, run_archgen


def small_models(tmp_path: Path) -> Path:
    models = tmp_path / "models"
    models.mkdir()
    for name in ("stage1.yaml", "stage2.yaml"):
        shutil.copy(MODELS / name, models / name)
    return models


def test_builds_a_site_from_a_models_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    small_models(tmp_path)
    out = tmp_path / "out"
    result = run_archgen("site", "models", "-o", "out", cwd=tmp_path)  # relative paths
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    assert (out / "stage2" / "index.html").is_file()
    assert (out / "rules" / "index.html").is_file()
    assert (out / "search" / "search_index.json").is_file()
    # the drawings are kept in the user's cache folder, never in the working directory
    assert len(list((tmp_path / "user-cache" / "archgen").rglob("*.svg"))) == 3
    # nothing else is left beside the output (the temporary build folder was swapped in)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "out", "user-cache"]


def test_bad_model_is_exit_2_and_the_previous_site_survives(tmp_path: Path) -> None:
    models = small_models(tmp_path)
    out = tmp_path / "out"
    assert run_archgen("site", str(models), "-o", str(out), cwd=tmp_path).returncode == 0
    before = (out / "index.html").read_bytes()
    (models / "stage2.yaml").write_text(
        (models / "stage2.yaml").read_text().replace("stage: 2", "stage: two")
    )
    result = run_archgen("site", str(models), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "stage2.yaml:5:" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "out"]


def test_missing_models_folder_is_exit_2(tmp_path: Path) -> None:
    result = run_archgen("site", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "nope" in result.stderr
    assert not (tmp_path / "out").exists()


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    models = small_models(tmp_path)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    result = run_archgen("site", str(models), "-o", str(precious), cwd=tmp_path)
    assert result.returncode == 2
    assert (precious / "notes.txt").read_text() == "keep me"


def test_rebuild_after_one_edit_redraws_only_that_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    models = small_models(tmp_path)
    assert run_archgen("site", "models", "-o", "out", cwd=tmp_path).returncode == 0
    cache = tmp_path / "user-cache" / "archgen" / "site-diagrams"
    drawn = {p.name: p.stat().st_mtime_ns for p in cache.rglob("*.svg")}
    assert len(drawn) == 3  # stage1, stage2 and stage2's changes, named by content

    assert run_archgen("site", "models", "-o", "out", cwd=tmp_path).returncode == 0
    unchanged = {p.name: p.stat().st_mtime_ns for p in cache.rglob("*.svg")}
    assert unchanged == drawn, "nothing changed: nothing is drawn again"

    model = models / "stage2.yaml"
    model.write_text(model.read_text().replace("label: MySQL\n", "label: MySQL 8\n"))
    assert run_archgen("site", "models", "-o", "out", cwd=tmp_path).returncode == 0
    after = {p.name: p.stat().st_mtime_ns for p in cache.rglob("*.svg")}
    kept = {name for name in after if after[name] == drawn.get(name)}
    assert len(after) == 3 and len(kept) == 1  # stage1's; stage2's two drawn again
    assert "MySQL 8" in (tmp_path / "out" / "stage2.svg").read_text()


def test_missing_graphviz_is_exit_3_with_how_to_install(tmp_path: Path) -> None:
    small_models(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "archgen", "site", "models", "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(empty)},  # no `dot` anywhere
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.count("apt-get install graphviz") == 1, result.stderr
    assert "Traceback" not in result.stderr and "mkdocs" not in result.stderr
    # no output and no half-built temporary folder left behind (the cache may exist)
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == []
