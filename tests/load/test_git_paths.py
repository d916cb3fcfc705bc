"""`REV:PATH` arguments: a revision is never shadowed by a file named like it, and odd
paths at a revision are located problems (`archgen.load.git_reader`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MODELS, run_archgen
from tests.diff.conftest import commit_all, git
from tests.hostile.hostile_support import run_in_process
from tests.hostile.test_hostile_corpus import check_located


@pytest.fixture
def journey_repo(tmp_path: Path) -> Path:
    """A git repository with stage 1 and 2 of the journey committed in `models/`."""
    root = tmp_path / "repo"
    (root / "models").mkdir(parents=True)
    for name in ("stage1.yaml", "stage2.yaml"):
        shutil.copy(MODELS / name, root / "models" / name)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "journey")
    return root


def test_a_revision_wins_over_a_folder_named_like_it(journey_repo: Path) -> None:
    """The CI recipe (`archgen diff "$BASE:$model" "$model"`) against a pull request that
    commits a folder named `<base>:models` holding its own copy."""
    base = git(journey_repo, "rev-parse", "HEAD").strip()
    stage2 = journey_repo / "models" / "stage2.yaml"
    stage2.write_text(stage2.read_text().replace("label: MySQL", "label: Changed in the PR"))
    decoy = journey_repo / f"{base}:models"
    decoy.mkdir()
    for name in ("stage1.yaml", "stage2.yaml"):
        shutil.copy(journey_repo / "models" / name, decoy / name)
    commit_all(journey_repo, "a pull request with a decoy folder")
    done = run_archgen(
        "diff", f"{base}:models/stage2.yaml", "models/stage2.yaml", "--format", "markdown",
        cwd=journey_repo,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "**No change**" not in done.stdout
    assert "Changed in the PR" in done.stdout


def test_a_file_whose_prefix_is_no_revision_is_read_from_disk(journey_repo: Path) -> None:
    odd = journey_repo / "notes:v1.yaml"
    odd.write_text("archgen: 1\nname: odd\n")
    done = run_archgen("validate", "notes:v1.yaml", "--format", "json", cwd=journey_repo)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("where", ["a" * 300 + "/x.yaml", "a" * 300 + ".yaml"])
def test_an_over_long_name_in_extends_at_a_revision_is_located(
    journey_repo: Path, where: str
) -> None:
    (journey_repo / "long.yaml").write_text(f"archgen: 1\nname: long\nextends: {where}\n")
    commit_all(journey_repo, "a long parent name")
    for argument in ("HEAD:long.yaml", "long.yaml"):
        outcome = run_in_process("validate", argument, cwd=journey_repo)
        assert outcome.code == 2, outcome.stderr
        check_located(outcome.stderr)
        assert outcome.stderr.startswith(f"{argument}:3:10: cannot extend ")


def test_an_over_long_folder_for_the_site_is_located(tmp_path: Path) -> None:
    outcome = run_in_process("site", "a" * 300, "-o", "out", cwd=tmp_path)
    assert outcome.code == 2
    check_located(outcome.stderr)
    assert "File name too long" in outcome.stderr


def test_extends_in_a_file_on_disk_never_names_a_revision(journey_repo: Path) -> None:
    # with a REV:PATH on the command line, a model on disk still finds its parent on
    # disk: `extends: HEAD:base.yaml` is a file name (absent here), not base.yaml at HEAD
    (journey_repo / "base.yaml").write_text("archgen: 1\nname: base\n")
    (journey_repo / "x.yaml").write_text("archgen: 1\nname: x\nextends: HEAD:base.yaml\n")
    commit_all(journey_repo, "a model extending a name with a colon")
    outcome = run_in_process("validate", "HEAD:models/stage1.yaml", "x.yaml", cwd=journey_repo)
    assert outcome.stderr == "x.yaml:3:10: cannot extend 'HEAD:base.yaml': no such file\n"
