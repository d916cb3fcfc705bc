"""Component names wrap between words, and inside a long word only where its words meet."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archgen.load.loader import load_model
from archgen.render.dot import TITLE_WIDTH
from archgen.render.labels import wrap_name
from archgen.render.pipeline import render_outputs, scene_of
from tests.render.conftest import CASES

SVG = "{http://www.w3.org/2000/svg}"

#: words as names spell them: plain, camelCase, kebab, snake, dotted, digits
_WORD = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,40}", fullmatch=True)
_NAME = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_WIDTH = st.integers(min_value=4, max_value=40)


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("ResiliencyTestLoadBalancer", ("ResiliencyTestLoad", "Balancer")),
        ("ResiliencyTestServiceTaskDefinition", ("ResiliencyTestService", "TaskDefinition")),
        ("ALBTargetGroupForResiliencyTests", ("ALBTargetGroupFor", "ResiliencyTests")),
        ("order-processing-dead-letter-queue", ("order-processing-dead-", "letter-queue")),
        ("resiliency_test_orders_table_v2", ("resiliency_test_", "orders_table_v2")),
        ("api.internal.example-company.com", ("api.internal.example-", "company.com")),
        ("Application Load Balancer (Oregon)", ("Application Load", "Balancer (Oregon)")),
        ("Web front-end", ("Web front-end",)),
        # no place to break: whole up to twice the width; beyond, cut as a last resort
        ("Supercalifragilisticexpialidocious", ("Supercalifragilisticexpialidocious",)),
        ("a" * 50, ("a" * 22, "a" * 22, "a" * 6)),
    ],
)
def test_names_break_where_words_meet(name: str, lines: tuple[str, ...]) -> None:
    assert wrap_name(name, 22) == lines


@given(_NAME, _WIDTH)
def test_joining_the_lines_gives_back_the_name(name: str, width: int) -> None:
    lines = wrap_name(name, width)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    assert all(line == line.strip() and line for line in lines)
    if all(len(word) <= width for word in name.split()):
        # only spaces were broken at: one space between lines, as between words
        assert " ".join(lines) == name


@given(_NAME, _WIDTH)
def test_no_line_is_longer_than_the_width_unless_one_unbreakable_piece_is(
    name: str, width: int
) -> None:
    for line in wrap_name(name, width):
        if len(line) > width:
            assert " " not in line and len(line) <= 2 * width, line
            # a piece with a place to break in it would have been broken there
            assert not re.search(r"[-_/].|.\.|[a-z0-9][A-Z]|[A-Z][A-Z][a-z]", line), line


@given(_NAME, _WIDTH)
def test_a_word_that_fits_a_line_is_never_broken(name: str, width: int) -> None:
    lines = wrap_name(name, width)
    for word in name.split():
        if len(word) <= width:
            assert any(word in line.split(" ") for line in lines), (word, lines)


def _node_texts(svg: str) -> dict[str, list[str]]:
    root = ElementTree.fromstring(svg)
    return {
        group.get("id", ""): [t.text or "" for t in group.iter(f"{SVG}text")]
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "node"
    }


def test_drawn_names_break_between_words_never_inside_one() -> None:
    loaded = load_model(CASES / "long_names.yaml")
    texts = _node_texts(render_outputs(scene_of(loaded), ["svg"], 96)["svg"].decode())
    assert texts["c-lb"][:2] == ["ResiliencyTestLoad", "Balancer"]
    assert texts["c-app"][:3] == ["ResiliencyTestService", "TaskDefinition", "Container"]
    assert texts["c-queue"][:2] == ["order-processing-dead-", "letter-queue"]
    assert texts["c-topic"][:2] == ["Resiliency test", "notifications topic"]
    for component in loaded.model.components:
        title = component.label or component.id
        lines = wrap_name(title, TITLE_WIDTH)
        assert texts[f"c-{component.id}"][: len(lines)] == list(lines)
