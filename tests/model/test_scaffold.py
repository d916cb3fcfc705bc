"""`archgen new` writes a model whose first line finds the nearest committed schema, and
that schema beside the model when there is none; `--from` writes the next stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.errors import InputError
from archgen.load.loader import load_model
from archgen.model.json_schema import schema_text
from archgen.model.scaffold import write_scaffold
from archgen.rules import catalogue
from tests.conftest import run_archgen


def _first_line(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").splitlines()[0]


def test_schema_in_a_parent_models_folder(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "archgen.schema.json").write_text("{}")
    (tmp_path / "models" / "team").mkdir()
    path = write_scaffold("svc", None, str(tmp_path / "models" / "team" / "svc.yaml"), False).model
    assert _first_line(path) == "# yaml-language-server: $schema=../archgen.schema.json"
    assert load_model(path).model.name == "svc"


def test_no_schema_anywhere_points_beside_the_model(tmp_path: Path) -> None:
    path = write_scaffold("svc", None, str(tmp_path / "svc.yaml"), False).model
    assert _first_line(path) == "# yaml-language-server: $schema=archgen.schema.json"


def test_extending_model_names_its_parent_relative_to_itself(tmp_path: Path) -> None:
    parent = write_scaffold("base", None, str(tmp_path / "base.yaml"), False).model
    (tmp_path / "next").mkdir()
    child = write_scaffold("child", parent, str(tmp_path / "next" / "child.yaml"), False).model
    assert "extends: ../base.yaml" in Path(child).read_text()
    loaded = load_model(child, root=tmp_path)  # the parent is above the child's folder
    assert [c.id for c in loaded.model.components] == ["users", "dns", "server"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "svc.yaml"
    target.write_text("mine")
    with pytest.raises(InputError, match="already exists"):
        write_scaffold("svc", None, str(target), False)
    assert target.read_text() == "mine"


def _schema() -> str:
    return schema_text(catalogue())


def test_writes_the_schema_beside_the_model_when_there_is_none(tmp_path: Path) -> None:
    done = write_scaffold("svc", None, str(tmp_path / "svc.yaml"), False, _schema)
    beside = tmp_path / "archgen.schema.json"
    assert done.schema == str(beside) and done.note is None
    assert beside.read_text(encoding="utf-8") == _schema()
    assert _first_line(done.model) == "# yaml-language-server: $schema=archgen.schema.json"


def test_an_up_to_date_schema_is_used_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    schema = tmp_path / "models" / "archgen.schema.json"
    schema.write_text(_schema(), encoding="utf-8")
    done = write_scaffold("svc", None, str(tmp_path / "models" / "svc.yaml"), False, _schema)
    assert (done.schema, done.note) == (None, None)
    assert sorted(p.name for p in schema.parent.iterdir()) == ["archgen.schema.json", "svc.yaml"]


@pytest.mark.parametrize("kind", ["other file", "folder", "broken link"])
def test_a_schema_archgen_did_not_write_is_left_and_named(tmp_path: Path, kind: str) -> None:
    beside = tmp_path / "archgen.schema.json"
    if kind == "other file":
        beside.write_text('{"mine": true}\n')
    elif kind == "folder":
        beside.mkdir()
    else:
        beside.symlink_to(tmp_path / "gone.json")
    done = write_scaffold("svc", None, str(tmp_path / "svc.yaml"), False, _schema)
    assert done.schema is None and done.note is not None
    assert done.note.startswith(f"{beside}: " if kind != "other file" else "")
    assert "left as it is" in done.note
    if kind == "other file":
        assert beside.read_text() == '{"mine": true}\n'
    assert not (tmp_path / "gone.json").exists()


def _stage_line(path: str) -> list[str]:
    return [line for line in Path(path).read_text().splitlines() if line.startswith("stage:")]


def test_new_from_a_parent_writes_the_next_stage(tmp_path: Path) -> None:
    first = write_scaffold("first", None, str(tmp_path / "first.yaml"), False).model
    assert _stage_line(first) == ["stage: 1"]
    result = run_archgen("new", "second", "--from", "first.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    second = str(tmp_path / "second.yaml")
    assert _stage_line(second) == ["stage: 2"]
    # a parent that sets no stage inherits its own parent's: the next is still one more
    Path(second).write_text(Path(second).read_text().replace("stage: 2\n", ""))
    assert load_model(second).model.stage == 1
    result = run_archgen("new", "third", "--from", "second.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    third = str(tmp_path / "third.yaml")
    assert _stage_line(third) == ["stage: 2"]
    assert load_model(third).model.stage == 2


@pytest.mark.parametrize(("parent_stage", "written"), [(None, []), (99, [])])
def test_no_next_stage_without_one_to_follow(
    tmp_path: Path, parent_stage: int | None, written: list[str]
) -> None:
    first = write_scaffold("first", None, str(tmp_path / "first.yaml"), False).model
    text = Path(first).read_text().replace("stage: 1\n", "")
    if parent_stage is not None:
        text = text.replace("summary:", f"stage: {parent_stage}\nsummary:")
    Path(first).write_text(text)
    stage = load_model(first).model.stage
    child = write_scaffold("child", first, str(tmp_path / "child.yaml"), False, None, stage).model
    assert _stage_line(child) == written
    assert load_model(child).model.stage == parent_stage


def test_new_from_a_broken_parent_reports_its_problems(tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text("archgen: 1\nname: parent\nstage: zero\n")
    result = run_archgen("new", "child", "--from", "parent.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "parent.yaml:3:8: 'stage': expected a whole number, got 'zero'\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parent.yaml"]


def test_the_command_says_what_it_wrote(tmp_path: Path) -> None:
    result = run_archgen("new", "svc", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "wrote svc.yaml\nwrote archgen.schema.json\n"
    assert (tmp_path / "archgen.schema.json").read_text(encoding="utf-8") == _schema()
    (tmp_path / "archgen.schema.json").write_text("{}\n")
    again = run_archgen("new", "svc-two", "--from", "svc.yaml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr == (
        "wrote svc-two.yaml\narchgen.schema.json: not the schema of this archgen version, "
        "left as it is (`archgen schema -o archgen.schema.json` replaces it)\n"
    )
    assert (tmp_path / "archgen.schema.json").read_text() == "{}\n"
    assert _stage_line(str(tmp_path / "svc-two.yaml")) == ["stage: 2"]
