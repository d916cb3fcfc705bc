"""`archgen new` writes a model whose first line finds the nearest committed schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.errors import InputError
from archgen.load.loader import load_model
from archgen.model.scaffold import write_scaffold


def _first_line(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").splitlines()[0]


def test_schema_in_a_parent_models_folder(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "archgen.schema.json").write_text("{}")
    (tmp_path / "models" / "team").mkdir()
    path = write_scaffold("svc", None, str(tmp_path / "models" / "team" / "svc.yaml"), False)
    assert _first_line(path) == "# yaml-language-server: $schema=../archgen.schema.json"
    assert load_model(path).model.name == "svc"


def test_no_schema_anywhere_points_beside_the_model(tmp_path: Path) -> None:
    path = write_scaffold("svc", None, str(tmp_path / "svc.yaml"), False)
    assert _first_line(path) == "# yaml-language-server: $schema=archgen.schema.json"


def test_extending_model_names_its_parent_relative_to_itself(tmp_path: Path) -> None:
    parent = write_scaffold("base", None, str(tmp_path / "base.yaml"), False)
    (tmp_path / "next").mkdir()
    child = write_scaffold("child", parent, str(tmp_path / "next" / "child.yaml"), False)
    assert "extends: ../base.yaml" in Path(child).read_text()
    loaded = load_model(child, root=tmp_path)  # the parent is above the child's folder
    assert [c.id for c in loaded.model.components] == ["users", "dns", "server"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "svc.yaml"
    target.write_text("mine")
    with pytest.raises(InputError, match="already exists"):
        write_scaffold("svc", None, str(target), False)
    assert target.read_text() == "mine"
