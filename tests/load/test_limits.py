"""Per-file limits: values counted apart from what aliases add, characters XML forbids,
and lists of problems capped (`archgen.load.yaml_reader`, `archgen.load.loader`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from archgen.load import yaml_reader
from archgen.load.problems import MAX_REPORTED, ModelError
from archgen.load.yaml_reader import MAX_BYTES, MAX_NODES, parse_document
from tests.conftest import ROOT, run_archgen
from tests.hostile.hostile_support import duplicate_ids, duplicate_keys, run_in_process
from tests.hostile.test_hostile_corpus import check_located

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_model  # benchmarks/ is not a package


def test_the_value_limit_scales_with_the_size_limit() -> None:
    # a real model uses 8 bytes a value (7,600 components: 1.9 MB, 242,000 values)
    assert MAX_NODES == MAX_BYTES // 4


def test_a_large_valid_model_loads(tmp_path: Path) -> None:
    """7,600 components, each with a label: 257,000 values, over the old cap of 250,000
    that called such a model an alias bomb."""
    stack = r"\{id: (s[0-9]+-[a-z]+), "  # the components of each generated stack
    text = re.sub(stack, r"{id: \1, label: \1 of the estate, ", generate_model(7600))
    path = tmp_path / "estate.yaml"
    path.write_text(text)
    assert parse_document(path.read_bytes(), "estate.yaml").size > 250_000
    done = run_archgen("validate", "--fail-on", "never", str(path))
    assert done.returncode == 0, done.stderr[-500:]
    assert "7600" in path.read_text().splitlines()[2]


def test_aliases_count_apart_from_written_values() -> None:
    roles = "  - {id: c%d, kind: compute, roles: *roles}\n"
    text = "archgen: 1\nname: a\nx-roles: &roles [web, app, worker]\ncomponents:\n"
    document = parse_document((text + "".join(roles % i for i in range(100))).encode(), "a")
    # keys count as values, and so do mappings and lists: the top mapping, two keys and
    # their values, x-roles and its list of 3, `components` and its list
    written = 1 + 4 + (1 + 1 + 3) + 2
    # each component: its mapping, 3 keys, 2 values and the alias; the alias adds the
    # 4 values (list and items) it points at
    assert document.size == written + 100 * (1 + 3 + 2 + 1) + 100 * 4


def test_too_many_written_values_are_refused_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "MAX_NODES", 1000)
    with pytest.raises(ModelError) as caught:
        parse_document(b"a: [" + b"x, " * 1200 + b"]\n", "big.yaml")
    # the mapping, `a` and the list are 3 values: the 998th x is the 1,001st value
    column = len("a: [") + 1 + 997 * len("x, ")
    assert str(caught.value) == (
        f"big.yaml:1:{column}: the file holds more than 1,000 values, the limit for one file"
    )


def test_too_many_aliased_values_are_refused_as_an_alias_bomb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_reader, "MAX_ALIAS_NODES", 1000)
    text = b"a: &a [" + b"x, " * 100 + b"]\nb: [" + b"*a, " * 20 + b"]\n"
    with pytest.raises(ModelError) as caught:
        parse_document(text, "bomb.yaml")
    # each alias adds the 101 values of the list: the 10th passes 1,000
    column = len("b: [") + 1 + 9 * len("*a, ")
    assert str(caught.value) == (
        f"bomb.yaml:2:{column}: aliases expand the file by more than 1,000 values, the "
        "limit for one file (an alias bomb?)"
    )


FORBIDDEN = {
    "\\uFFFE": "U+FFFE",
    "\\uFFFF": "U+FFFF",
    "\\x01": "U+0001",
    "\\e": "U+001B",
    "\\b": "U+0008",
    "\\v": "U+000B",
    "\\x1f": "U+001F",
}


@pytest.mark.parametrize("escape", sorted(FORBIDDEN))
def test_a_character_xml_forbids_is_refused_where_it_is_written(escape: str) -> None:
    line = f'  - {{id: a, kind: compute, label: "A{escape}"}}'
    with pytest.raises(ModelError) as caught:
        parse_document(f"archgen: 1\nname: x\ncomponents:\n{line}\n".encode(), "x.yaml")
    column = line.index('"') + 1  # at the quoted string
    assert str(caught.value) == (
        f"x.yaml:4:{column}: character {FORBIDDEN[escape]} is not allowed in a YAML file, "
        "not even as an escape: diagrams (XML) cannot hold it"
    )


def test_in_a_key_too() -> None:
    with pytest.raises(ModelError, match=r"^x.yaml:2:1: character U\+0007 is not allowed"):
        parse_document(b'archgen: 1\n"a\\a": 1\n', "x.yaml")


@pytest.mark.parametrize("allowed", ["\\t", "\\n", "\\r", "\\u2028", "\\x85", "\\U0001F600"])
def test_characters_xml_allows_still_load(allowed: str) -> None:
    document = parse_document(f'archgen: 1\ntitle: "a{allowed}b"\n'.encode(), "x.yaml")
    assert document.data["title"].startswith("a")


def test_render_refuses_it_with_a_location_before_graphviz(tmp_path: Path) -> None:
    model = tmp_path / "label.yaml"
    line = '  - {id: web, kind: compute, label: "W\\uFFFEb"}'
    model.write_text(f"archgen: 1\nname: label\ncomponents:\n{line}\n")
    done = run_archgen("render", str(model), "--format", "svg", "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    column = line.index('"') + 1
    assert done.stderr == (
        f"{model}:4:{column}: character U+FFFE is not allowed in a YAML file, "
        "not even as an escape: diagrams (XML) cannot hold it\n"
    )
    assert not (tmp_path / "out").exists()


def test_duplicate_keys_are_capped_with_one_line_for_the_rest(tmp_path: Path) -> None:
    duplicate_keys(tmp_path, 2_000)
    outcome = run_in_process("validate", "duplicate-keys.yaml", cwd=tmp_path)
    lines = outcome.stderr.splitlines()
    check_located(outcome.stderr)
    assert len(lines) == MAX_REPORTED + 1
    assert all("duplicate key 'zones'" in line for line in lines[:-1])
    assert lines[-1] == (
        f"duplicate-keys.yaml:{MAX_REPORTED + 6}:5: ...and 1,900 more duplicate keys "
        "(not shown): fix these, then run again"
    )


def test_duplicate_ids_are_capped(tmp_path: Path) -> None:
    duplicate_ids(tmp_path)
    outcome = run_in_process("validate", "duplicate-ids.yaml", cwd=tmp_path)
    lines = outcome.stderr.splitlines()
    assert len(lines) == MAX_REPORTED + 1
    assert lines[-1].endswith(
        "...and 4,899 more component ids (not shown): fix these, then run again"
    )


def test_removals_of_unknown_names_are_capped(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text("archgen: 1\nname: parent\n")
    names = ", ".join(f"gone-{i}" for i in range(500))
    (tmp_path / "child.yaml").write_text(
        f"archgen: 1\nname: child\nextends: parent.yaml\nremove:\n  components: [{names}]\n"
    )
    outcome = run_in_process("validate", "child.yaml", cwd=tmp_path)
    lines = outcome.stderr.splitlines()
    check_located(outcome.stderr)
    assert len(lines) == MAX_REPORTED + 1
    assert lines[-1].endswith("...and 400 more removals (not shown): fix these, then run again")
