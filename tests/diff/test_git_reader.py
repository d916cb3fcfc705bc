"""`REV:PATH` arguments: telling them from plain paths, and reading models at a revision."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.load.git_reader import GitReader, RevPath, parse_rev_path
from archgen.load.loader import load_model
from archgen.load.problems import ModelError
from tests.conftest import ROOT, run_archgen
from tests.diff.conftest import commit_all, git


def _never(_: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HEAD:models/stage7.yaml", RevPath("HEAD", "models/stage7.yaml")),
        ("main:stage7.yaml", RevPath("main", "stage7.yaml")),
        ("origin/main:models/./stage7.yaml", RevPath("origin/main", "models/stage7.yaml")),
        ("HEAD~1:../x.yaml", RevPath("HEAD~1", "../x.yaml")),
        ("main@{2026-01-01 10:00:00}:m.yaml", RevPath("main@{2026-01-01 10:00:00}", "m.yaml")),
        ("v1.0:a:b.yaml", RevPath("v1.0", "a:b.yaml")),
        ("models/stage7.yaml", None),
        (r"C:\models\stage7.yaml", None),
        ("C:/models/stage7.yaml", None),
        ("c:", None),
        (r"\\server\share\m.yaml", None),
        ("https://example.com/m.yaml", None),
        (":models/stage7.yaml", None),
        ("HEAD:", None),
        ("--upload-pack=x:m.yaml", None),
    ],
)
def test_rev_path_or_plain_path(text: str, expected: RevPath | None) -> None:
    assert parse_rev_path(text, _never) == expected


def test_a_file_on_disk_wins(tmp_path: Path) -> None:
    odd = tmp_path / "HEAD:odd.yaml"
    odd.write_text("archgen: 1\n")
    assert parse_rev_path(str(odd)) is None
    assert parse_rev_path(str(tmp_path / "HEAD:other.yaml")) is not None


def test_extends_is_read_at_the_same_revision(repo: Path) -> None:
    committed = (repo / "models" / "stage1.yaml").read_text()
    (repo / "models" / "stage1.yaml").write_text(
        committed.replace("title: Single server", "title: Edited")
    )
    at_head = load_model("HEAD:models/stage2.yaml", GitReader(repo))
    on_disk = load_model(repo / "models" / "stage2.yaml")
    assert at_head.path == "HEAD:models/stage2.yaml"
    assert [d.path for d in at_head.documents] == [
        "HEAD:models/stage1.yaml",
        "HEAD:models/stage2.yaml",
    ]
    assert at_head.model.component("users") == on_disk.model.component("users")
    assert str(at_head.locate(("components", "users"))).startswith("HEAD:models/stage1.yaml:")


def test_a_model_at_the_top_of_the_repository_keeps_its_revision(repo: Path) -> None:
    # `HEAD:stage2.yaml` loses its revision in the loader's dirname/join: the reader
    # must still read the parent at HEAD, and a plain path afterwards from disk
    for name in ("stage1.yaml", "stage2.yaml"):
        (repo / name).write_text((repo / "models" / name).read_text())
    commit_all(repo, "top-level copies")
    (repo / "stage1.yaml").write_text("archgen: 1\nname: broken-on-disk\nbogus: 1\n")
    reader = GitReader(repo)
    loaded = load_model("HEAD:stage2.yaml", reader)
    assert [d.path for d in loaded.documents] == ["HEAD:stage1.yaml", "HEAD:stage2.yaml"]
    with pytest.raises(ModelError, match="bogus"):
        load_model(str(repo / "stage1.yaml"), reader)


def test_a_branch_name_with_a_slash(repo: Path) -> None:
    git(repo, "branch", "feature/multi-region")
    loaded = load_model("feature/multi-region:models/stage3.yaml", GitReader(repo))
    assert loaded.documents[0].path == "feature/multi-region:models/stage1.yaml"


def test_paths_are_relative_to_the_current_directory(repo: Path) -> None:
    done = run_archgen("validate", "HEAD:stage2.yaml", "--format", "json", cwd=repo / "models")
    assert done.returncode in (0, 1), done.stderr
    assert '"HEAD:stage2.yaml"' in done.stdout


def test_locations_read_rev_path_line_col(repo: Path) -> None:
    (repo / "models" / "bad.yaml").write_text("archgen: 1\nname: bad\nstage: high\n")
    commit_all(repo, "a bad model")
    done = run_archgen("validate", "HEAD:models/bad.yaml", cwd=repo)
    assert done.returncode == 2
    assert done.stderr.startswith("HEAD:models/bad.yaml:3:8: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("nope:models/stage2.yaml", "nope:models/stage2.yaml:1:1: unknown git revision 'nope'"),
        ("HEAD:models/missing.yaml", "HEAD:models/missing.yaml:1:1: no such file"),
        ("HEAD:models", "HEAD:models:1:1: is a directory, not a model file"),
        (
            "HEAD:../outside.yaml",
            "HEAD:../outside.yaml:1:1: cannot read at this revision: "
            "'../outside.yaml' is outside repository at '{repo}'",
        ),
        ("models/stage2.yaml:3:1", "models/stage2.yaml:3:1:1:1: no such file"),
    ],
)
def test_bad_revision_or_path_is_exit_2(repo: Path, argument: str, message: str) -> None:
    done = run_archgen("validate", argument, cwd=repo)
    assert done.returncode == 2
    assert done.stderr.strip() == message.format(repo=repo.resolve())


def test_outside_a_repository_is_exit_2(tmp_path: Path) -> None:
    done = run_archgen("validate", "HEAD:models/stage2.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "not inside a git repository" in done.stderr


def test_git_missing_is_exit_3(repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "archgen", "validate", "HEAD:models/stage2.yaml"],
        cwd=repo,
        env={**os.environ, "PATH": str(empty), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "'git' not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_render_reads_a_revision_too(repo: Path, tmp_path: Path) -> None:
    stage2 = repo / "models" / "stage2.yaml"
    stage2.write_text(stage2.read_text().replace("label: MySQL", "label: Edited on disk"))
    out = tmp_path / "out"
    done = run_archgen(
        "render", "HEAD:models/stage2.yaml", "--format", "mermaid", "-o", str(out), cwd=repo
    )
    assert done.returncode == 0, done.stderr
    flowchart = (out / "stage2.mmd").read_text()
    assert "MySQL" in flowchart and "Edited on disk" not in flowchart
