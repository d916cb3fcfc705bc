"""The positioned YAML reader: data, positions and refusals."""

from __future__ import annotations

import pytest

from archgen.load.problems import ModelError
from archgen.load.yaml_reader import parse_document


def test_positions_of_keys_and_values() -> None:
    document = parse_document(b"a: 1\nb:\n  - {c: x}\n", "t.yaml")
    assert document.data == {"a": 1, "b": [{"c": "x"}]}
    assert document.mark(("b", 0, "c")) == (3, 9)
    assert document.mark(("b", 0, "c"), key=True) == (3, 6)
    assert document.mark(("b", 0, "missing")) == (3, 5)


def test_yes_and_dates_stay_what_yaml_says() -> None:
    document = parse_document(b"on: yes\nday: 2024-01-01\n", "t.yaml")
    assert document.data == {"on": True, "day": "2024-01-01"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"a: 1\na: 2\n", "t.yaml:2:1: duplicate key 'a' (first at line 1)"),
        (b"a: !!python/object/apply:os.system [x]\n", "t.yaml:1:4: tag !!python/object/apply"),
        (b"a: [1,\n", "t.yaml:2:1: YAML syntax error"),
        (b"- 1\n", "t.yaml:1:1: a model is a mapping"),
        (b"  \n# only a comment\n", "t.yaml:1:1: file is empty"),
        (b"a: \xff\n", "t.yaml:1:4: not UTF-8 text"),
        (b"a:\n\tb: 1\n", "t.yaml:2:1: YAML syntax error: a tab character"),
        (b"\x00\x01\x02", "t.yaml:1:1: binary file"),
        (b"a: 1\n---\nb: 2\n", "t.yaml:2:1: more than one YAML document"),
        (b"a: *nope\n", "t.yaml:1:4: unknown alias"),
    ],
)
def test_refusals_are_located(source: bytes, expected: str) -> None:
    with pytest.raises(ModelError) as caught:
        parse_document(source, "t.yaml")
    assert str(caught.value).startswith(expected)


def test_alias_bomb_fails_fast() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for i in range(1, 10):
        prev, this = chr(96 + i), chr(97 + i)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(ModelError, match="alias bomb"):
        parse_document("\n".join(lines).encode(), "bomb.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ModelError, match=r"nesting|depth"):
        parse_document(b"a: " + b"[" * 10_000 + b"]" * 10_000, "deep.yaml")
