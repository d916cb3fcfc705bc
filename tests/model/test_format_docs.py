"""site/model-format.md stays true to the schema: every key documented, every example valid."""

from __future__ import annotations

import re
import typing

import pytest

from archgen.load.yaml_reader import parse_document
from archgen.model import schema
from archgen.model.decode import decode
from archgen.model.record import Record
from archgen.model.services import SERVICES
from tests.conftest import ROOT

PAGE = (ROOT / "site" / "model-format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.DOTALL)
CLASSES = [
    cls
    for cls in vars(schema).values()
    if isinstance(cls, type) and issubclass(cls, Record) and cls.__module__ == schema.__name__
]


def _keys(cls: type[Record]) -> list[str]:
    return [spec.key for spec in cls.__fields__.values()]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_key_is_documented(cls: type[Record]) -> None:
    missing = [key for key in _keys(cls) if f"`{key}`" not in PAGE]
    assert missing == [], f"{cls.__name__}: document {missing} in site/model-format.md"


def test_every_kind_and_service_is_documented() -> None:
    for kind, services in SERVICES.items():
        assert f"### {kind}" in PAGE
        for service in services:
            assert f"`{service}`" in PAGE


def test_every_literal_value_is_documented() -> None:
    for cls in CLASSES:
        for name, spec in cls.__fields__.items():
            for value in _literals(spec.annotation):
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
        decode(list[schema.Component], data)
        return
    text = block if "archgen: 1" in block else "archgen: 1\nname: example\n" + block
    decode(schema.Model, parse_document(text.encode(), "example").data)


def test_documented_limits_are_the_real_ones() -> None:
    from archgen.load.loader import MAX_EXTENDS_DEPTH
    from archgen.load.yaml_reader import MAX_BYTES, MAX_DEPTH, MAX_NODES

    assert f"files over {MAX_BYTES // 2**20} MiB" in PAGE
    assert f"nesting deeper than {MAX_DEPTH} levels" in PAGE
    assert f"more than {MAX_NODES:,} values" in " ".join(PAGE.split())
    assert f"deeper than {MAX_EXTENDS_DEPTH} files" in PAGE
