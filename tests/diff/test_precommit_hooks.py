"""The hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself in a temporary repo.

The published hooks use `language: python`: pre-commit builds their environment with pip
from this repository, which needs the package index. To run offline, the test declares
the same hooks (id, entry, args, files, types) as `repo: local` hooks with
`language: system`, calling the `archgen` of this virtualenv; see site/ci.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MODELS, ROOT
from tests.diff.conftest import commit_all, git

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def published_hooks() -> list[dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS_FILE.read_text())
    return hooks


def local_config(hooks: list[dict[str, Any]]) -> str:
    """A .pre-commit-config.yaml running `hooks` from the local virtualenv."""
    local = [{**hook, "language": "system"} for hook in hooks]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def hooked(tmp_path: Path) -> Path:
    """A repository with stages 1-2 and the hooks configured, all committed."""
    root = tmp_path / "repo"
    (root / "models").mkdir(parents=True)
    for name in ("stage1.yaml", "stage2.yaml"):
        shutil.copy(MODELS / name, root / "models" / name)
    (root / "notes.yaml").write_text("not: a model\n")
    (root / ".pre-commit-config.yaml").write_text(local_config(published_hooks()))
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "models and hooks")
    return root


def test_the_hook_file_declares_validate_and_render() -> None:
    hooks = {hook["id"]: hook for hook in published_hooks()}
    assert set(hooks) == {"archgen-validate", "archgen-render"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["entry"].startswith("archgen ")


def test_validate_passes_good_models_and_stops_a_bad_one(hooked: Path) -> None:
    done = pre_commit(hooked, "run", "archgen-validate", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archgen validate" in done.stdout and "Passed" in done.stdout

    stage2 = hooked / "models" / "stage2.yaml"
    stage2.write_text(stage2.read_text().replace("    encrypted: true\n", "    public: true\n", 1))
    git(hooked, "add", "models/stage2.yaml")
    done = pre_commit(hooked, "run", "archgen-validate")
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert "error SEC001 [db]" in done.stdout
    assert "notes.yaml" not in done.stdout  # not a model: outside `files`


def test_validate_reports_a_broken_model_with_its_location(hooked: Path) -> None:
    (hooked / "models" / "broken.yaml").write_text("archgen: 1\nname: broken\nstage: two\n")
    git(hooked, "add", "models/broken.yaml")
    done = pre_commit(hooked, "run", "archgen-validate")
    assert done.returncode == 1
    assert "models/broken.yaml:3:8: " in done.stdout


def test_render_keeps_committed_diagrams_current(hooked: Path) -> None:
    done = pre_commit(hooked, "run", "archgen-render", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (hooked / "diagrams").glob("*.svg")) == [
        "stage1.svg",
        "stage2.svg",
    ]
    commit_all(hooked, "diagrams")

    again = pre_commit(hooked, "run", "archgen-render", "--all-files")
    assert again.returncode == 0, again.stdout  # same models, byte-identical diagrams
    assert git(hooked, "status", "--porcelain") == ""

    stage1 = hooked / "models" / "stage1.yaml"
    stage1.write_text(stage1.read_text().replace("label: Users", "label: Customers"))
    git(hooked, "add", "models/stage1.yaml")
    changed = pre_commit(hooked, "run", "archgen-render")
    assert changed.returncode == 1
    assert "files were modified by this hook" in changed.stdout
    assert "Customers" in (hooked / "diagrams" / "stage1.svg").read_text()
