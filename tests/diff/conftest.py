"""Temporary git repositories holding copies of the journey models."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MODELS

GitRun = Callable[..., str]


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity; return stdout; fail loudly."""
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    """Stage every file in `repo` and commit."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with `models/stage1.yaml` … `stage9.yaml` committed on `main`."""
    root = tmp_path / "repo"
    (root / "models").mkdir(parents=True)
    for model in sorted(MODELS.glob("stage*.yaml")):
        shutil.copy(model, root / "models" / model.name)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "journey models")
    return root
