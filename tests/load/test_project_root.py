"""`extends` reaches only archgen models under the project root, and quotes nothing
of a file it refuses (`archgen.load.project`, `archgen.load.run`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_archgen
from tests.diff.conftest import commit_all, git
from tests.hostile.hostile_support import run_in_process

#: what a file outside the project holds; no message may ever show it
SECRET = "root:x:0:0:SECRET-PASSWORD-HASH:/root:/bin/bash"


def _model(path: Path, extends: str, name: str = "child") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"archgen: 1\nname: {name}\nextends: {extends}\n", encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git work tree `project/` (with a base model), next to a `secrets` file outside it."""
    root = tmp_path / "project"
    (root / "shared").mkdir(parents=True)
    (root / "shared" / "base.yaml").write_text("archgen: 1\nname: base\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    (tmp_path / "secrets").write_text(f"{SECRET}\nAWS_KEY: SECRET-KEY\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "extends", ["../../secrets", "{tmp}/secrets", "../../../../../../../../{tmp}/secrets"]
)
def test_a_file_outside_the_root_is_refused_unread(project: Path, extends: str) -> None:
    written = extends.format(tmp=project.parent).replace("//", "/")
    _model(project / "models" / "x.yaml", written)
    outcome = run_in_process("validate", "models/x.yaml", cwd=project)
    assert outcome.code == 2
    assert outcome.stderr == (
        f"models/x.yaml:3:10: cannot extend {written!r}: outside the project root "
        f"{project.resolve()} (pass --root to widen it)\n"
    )
    assert "SECRET" not in outcome.stderr + outcome.stdout


def test_a_symbolic_link_out_of_the_root_is_refused(project: Path) -> None:
    (project / "models").mkdir()
    (project / "models" / "base.yaml").symlink_to(project.parent / "secrets")
    _model(project / "models" / "x.yaml", "base.yaml")
    outcome = run_in_process("validate", "models/x.yaml", cwd=project)
    assert outcome.code == 2
    assert "cannot extend 'base.yaml': outside the project root" in outcome.stderr
    assert "SECRET" not in outcome.stderr


def test_a_link_to_a_folder_out_of_the_root_is_refused_too(project: Path) -> None:
    (project / "models").mkdir()
    (project / "models" / "outside").symlink_to(project.parent, target_is_directory=True)
    _model(project / "models" / "x.yaml", "outside/secrets")
    outcome = run_in_process("validate", "models/x.yaml", cwd=project)
    assert "cannot extend 'outside/secrets': outside the project root" in outcome.stderr
    assert "SECRET" not in outcome.stderr


def test_a_file_in_the_root_that_is_not_a_model_is_refused_unquoted(project: Path) -> None:
    (project / "notes.yaml").write_text("password: SECRET-1\napi_key: SECRET-2\n")
    (project / "notes.txt").write_text(f"{SECRET}\nroot: [unclosed SECRET\n")
    (project / "list.yaml").write_text("- SECRET-3\n- archgen: 1\n")
    for parent in ("notes.yaml", "notes.txt", "list.yaml"):
        _model(project / "models" / "x.yaml", f"../{parent}")
        outcome = run_in_process("validate", "models/x.yaml", cwd=project)
        assert outcome.code == 2
        assert outcome.stderr == (
            f"models/x.yaml:3:10: cannot extend '../{parent}': "
            "not an archgen model (no 'archgen:' key)\n"
        )


def test_a_broken_parent_that_is_a_model_still_shows_its_problems(project: Path) -> None:
    (project / "shared" / "base.yaml").write_text("archgen: 1\nname: base\nbogus: 1\n")
    _model(project / "models" / "x.yaml", "../shared/base.yaml")
    outcome = run_in_process("validate", "models/x.yaml", cwd=project)
    assert outcome.stderr.splitlines() == [
        "models/x.yaml:3:10: the model it extends, '../shared/base.yaml', has errors",
        "shared/base.yaml:3:1: unknown key 'bogus'",
    ]


def test_anywhere_in_the_work_tree_is_inside(project: Path) -> None:
    _model(project / "models" / "team" / "x.yaml", "../../shared/base.yaml")
    assert run_in_process("validate", "models/team/x.yaml", cwd=project).code == 0
    # from any current folder, and for a worktree or submodule (whose .git is a file)
    assert run_in_process("validate", str(project / "models/team/x.yaml")).code == 0
    os.rename(project / ".git", project / "git-dir")
    (project / ".git").write_text(f"gitdir: {project / 'git-dir'}\n")
    assert run_in_process("validate", "models/team/x.yaml", cwd=project).code == 0


def test_without_a_work_tree_the_root_is_the_folder_of_the_first_model(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text("archgen: 1\nname: base\n")
    for name in ("a", "b"):
        _model(tmp_path / "models" / f"{name}.yaml", "../shared/base.yaml", name)
    outcome = run_in_process("validate", "models/a.yaml", "models/b.yaml", cwd=tmp_path)
    assert outcome.code == 2
    folder = (tmp_path / "models").resolve()
    for name in ("a", "b"):
        assert (
            f"models/{name}.yaml:3:10: cannot extend '../shared/base.yaml': outside the "
            f"project root {folder} (the folder of the first model: no git work tree holds "
            "it; pass --root to widen it)"
        ) in outcome.stderr.splitlines()
    widened = run_in_process(
        "validate", "--root", ".", "models/a.yaml", "models/b.yaml", cwd=tmp_path
    )
    assert widened.code == 0, widened.stderr


def test_the_models_on_the_command_line_may_be_anywhere(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "one.yaml").write_text("archgen: 1\nname: one\n")
    _model(project / "models" / "x.yaml", "../shared/base.yaml")
    outcome = run_in_process("validate", "models/x.yaml", str(elsewhere / "one.yaml"), cwd=project)
    assert outcome.code == 0, outcome.stderr


@pytest.mark.parametrize("command", ["render", "diff", "site"])
def test_every_command_that_reads_models_confines_extends(project: Path, command: str) -> None:
    _model(project / "models" / "x.yaml", "../../secrets")
    args = {
        "render": ["render", "--format", "mermaid", "-o", "out", "models/x.yaml"],
        "diff": ["diff", "models/x.yaml", "models/x.yaml"],
        "site": ["site", "models", "-o", "out"],
    }[command]
    done = run_archgen(*args, cwd=project)
    assert done.returncode == 2, done.stderr
    assert "cannot extend '../../secrets': outside the project root" in done.stderr
    assert "SECRET" not in done.stderr + done.stdout
    widened = run_archgen(*args[:1], "--root", str(project.parent), *args[1:], cwd=project)
    assert "outside the project root" not in widened.stderr
    assert "not an archgen model" in widened.stderr


def test_a_revision_reads_nothing_outside_the_repository(project: Path) -> None:
    for extends in ("../../secrets", str(project.parent / "secrets")):
        _model(project / "models" / "x.yaml", extends)
        commit_all(project, f"extends {extends}")
        outcome = run_in_process("validate", "HEAD:models/x.yaml", cwd=project)
        assert outcome.code == 2
        assert "is outside repository" in outcome.stderr
        assert "SECRET" not in outcome.stderr


def test_a_parent_at_a_revision_is_never_taken_for_a_file_on_disk(project: Path) -> None:
    # `HEAD:x.yaml` fails before its parent is read; the plain `base.yaml` named next is
    # still read from disk, not at HEAD (the reader once remembered the wrong parent)
    (project / "base.yaml").write_text("archgen: 1\nname: base-at-head\n")
    (project / "x.yaml").write_text(
        "archgen: 1\nname: x\nextends: base.yaml\n"
        "components:\n  - {id: a, kind: compute}\n  - {id: a, kind: compute}\n"
    )
    commit_all(project, "a broken child")
    (project / "base.yaml").write_text("archgen: 1\nname: base-on-disk\nbogus: 1\n")
    outcome = run_in_process("validate", "HEAD:x.yaml", "base.yaml", cwd=project)
    assert "base.yaml:3:1: unknown key 'bogus'" in outcome.stderr.splitlines()


def test_the_mkdocs_plugin_takes_a_root_option(project: Path) -> None:
    from mkdocs.config import load_config

    from archgen.publish.plugin import ArchgenPlugin, ModelsError

    _model(project / "models" / "x.yaml", "../../secrets")
    (project / "docs").mkdir()
    messages = []
    for option in ("", "      root: ..\n"):
        (project / "mkdocs.yml").write_text(
            f"site_name: t\nplugins:\n  - archgen:\n      models: models\n{option}"
        )
        config = load_config(str(project / "mkdocs.yml"))
        plugin = config.plugins["archgen"]
        assert isinstance(plugin, ArchgenPlugin)
        with pytest.raises(ModelsError) as caught:
            plugin.on_config(config)
        messages.append(str(caught.value))
    assert "outside the project root" in messages[0]
    assert "not an archgen model" in messages[1]  # reached, under the wider root
