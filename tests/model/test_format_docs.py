"""site/model-format.md stays true to the model: its tables are the fields' descriptions,
every key and value is documented, every example is valid."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel, TypeAdapter

from archgen.load.yaml_reader import parse_document
from archgen.model import schema
from archgen.model.services import SERVICES
from tests.conftest import ROOT

PAGE = (ROOT / "site" / "model-format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.DOTALL)
CLASSES = [
    cls
    for cls in vars(schema).values()
    if isinstance(cls, type)
    and issubclass(cls, BaseModel)
    and cls.__module__.startswith("archgen.model.")
    and cls is not schema.Strict
]
#: `<!-- fields: Class -->` and the table under it: key, type, default, what it is
TABLES = {
    match.group(1): re.findall(r"^\| `([^`]+)` \|.*\| (.*) \| (.*) \|$", match.group(2), re.M)
    for match in re.finditer(r"<!-- fields: (\w+) -->\n((?:\|.*\n)+)", PAGE)
}


def _rows(cls: type[BaseModel]) -> list[tuple[str, str, str]]:
    """The rows the page should have for `cls`: a kind lists only its own keys."""
    inherited = schema.ComponentBase.model_fields if cls in schema.COMPONENT_CLASSES else {}
    return [
        (info.alias or name, "required" if info.is_required() else "", info.description or "")
        for name, info in cls.model_fields.items()
        if name not in inherited
    ]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_page_shows_each_field_with_its_description(cls: type[BaseModel]) -> None:
    expected = _rows(cls)
    if not expected:  # a kind with no keys of its own (client) has no table
        assert cls.__name__ not in TABLES
        return
    shown = [
        (key, "required" if default == "required" else "", what)
        for key, default, what in TABLES[cls.__name__]
    ]
    assert shown == expected, f"{cls.__name__}: site/model-format.md and the model differ"


def test_every_table_names_a_class() -> None:
    assert set(TABLES) <= {cls.__name__ for cls in CLASSES}


def test_every_kind_and_service_is_documented() -> None:
    for kind, services in SERVICES.items():
        assert f"### {kind}" in PAGE
        for service in services:
            assert f"`{service}`" in PAGE


def test_every_literal_value_is_documented() -> None:
    for cls in CLASSES:
        for name, info in cls.model_fields.items():
            for value in _literals(info.annotation):
                if name != "kind" and name != "archgen":
                    assert f"`{value}`" in PAGE, f"{cls.__name__}.{name}: {value}"


def _literals(annotation: object) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    found: list[str] = []
    for arg in typing.get_args(annotation):
        found.extend(_literals(arg))
    return found


def test_there_is_an_example_per_kind() -> None:
    kinds = {m.group(1) for block in BLOCKS for m in re.finditer(r"kind: ([a-z-]+)", block)}
    assert kinds >= set(SERVICES)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_is_valid(block: str) -> None:
    if block.lstrip().startswith("- "):
        data = parse_document(("items:\n" + block).encode(), "example").data["items"]
        TypeAdapter(list[schema.Component]).validate_python(data)
        return
    text = block if "archgen: 1" in block else "archgen: 1\nname: example\n" + block
    schema.Model.model_validate(parse_document(text.encode(), "example").data)


def test_documented_limits_are_the_real_ones() -> None:
    from archgen.load.loader import MAX_EXTENDS_DEPTH
    from archgen.load.yaml_reader import MAX_BYTES, MAX_DEPTH, MAX_NODES

    assert f"files over {MAX_BYTES // 2**20} MiB" in PAGE
    assert f"nesting deeper than {MAX_DEPTH} levels" in PAGE
    assert f"more than {MAX_NODES:,} values" in " ".join(PAGE.split())
    assert f"deeper than {MAX_EXTENDS_DEPTH} files" in PAGE
