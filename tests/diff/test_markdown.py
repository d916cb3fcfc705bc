"""The pull-request Markdown: summary, table, findings with rule links, diagram; escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archgen.diff import compare
from archgen.diff.markdown import as_markdown, code, md_text, rule_link
from archgen.load.loader import load_model
from tests.conftest import MODELS, run_archgen

HOSTILE = "a|b <script>alert(1)</script> `tick` *bold* [link](http://x) #1"


def test_plain_text_cannot_become_markup() -> None:
    escaped = md_text(HOSTILE + "\nsecond line")
    assert "<" not in escaped and ">" not in escaped
    assert "|" not in escaped.replace("\\|", "")
    assert "`" not in escaped.replace("\\`", "")
    assert "\n" not in escaped
    assert code("a`b|c") == "`a'b\\|c`"
    assert rule_link("REL001", "https://docs.example.com/rules") == (
        "[REL001](https://docs.example.com/rules/rel001/)"
    )


def test_a_hostile_label_keeps_the_table_intact(tmp_path: Path) -> None:
    base = "archgen: 1\nname: m\ncomponents:\n  - {id: users, kind: client, label: Users}\n"
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(base)
    new.write_text(base.replace("label: Users", f"label: {HOSTILE!r}".replace("'", '"')))
    text = as_markdown(compare(load_model(old), load_model(new)), diagram=False)
    [row] = [line for line in text.splitlines() if line.startswith("| 🟧 changed |")]
    cells = re.split(r"(?<!\\)\|", row)
    assert len(cells) == 6  # four cells between five unescaped pipes
    assert "<script>" not in text


def test_no_change_is_one_sentence() -> None:
    done = run_archgen("diff", "models/stage3.yaml", "models/stage3.yaml", "--format", "markdown")
    assert done.returncode == 0
    assert done.stdout == (
        "### archgen diff: `models/stage3.yaml` → `models/stage3.yaml`\n\n"
        "**No change** to the architecture or its findings.\n\n"
    )


def test_stage_1_to_2_comment() -> None:
    done = run_archgen(
        "diff",
        "models/stage1.yaml",
        "models/stage2.yaml",
        "--format",
        "markdown",
        "--rules-url",
        "https://docs.example.com/rules/",
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    summary = text.splitlines()[2]
    assert summary.startswith("**1 component added, 1 changed; 1 connection added;")
    assert "| 🟩 added | component `db` | database, rds-mysql |  |" in text
    assert "`roles`: \\[web, app, database\\] → \\[web, app\\]" in text
    resolved = [line for line in text.splitlines() if line.startswith("| ✅ resolved |")]
    assert any("[SEC008](https://docs.example.com/rules/sec008/)" in line for line in resolved)
    assert "archgen.dev" not in text
    assert text.count("```mermaid") == 1
    assert re.search(r"^  style c_db stroke:#1E8900", text, re.MULTILINE)
    assert re.search(r"^  style c_server stroke:#E07B00", text, re.MULTILINE)


@pytest.mark.parametrize(("old", "new"), [(1, 2), (3, 5), (6, 7), (2, 9)])
def test_diffs_are_symmetric(old: int, new: int) -> None:
    before = load_model(MODELS / f"stage{old}.yaml")
    after = load_model(MODELS / f"stage{new}.yaml")
    forward, backward = compare(before, after), compare(after, before)
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    assert sorted((c.section, c.key, flip[c.status]) for c in forward.changes) == sorted(
        (c.section, c.key, c.status) for c in backward.changes
    )
    assert forward.introduced == backward.resolved
    assert forward.resolved == backward.introduced


def _big_pair(tmp_path: Path, every: bool) -> tuple[Path, Path]:
    from benchmarks.generate import generate_model

    text = generate_model(1000 if every else 100)
    old, new = tmp_path / "big.yaml", tmp_path / "big-changed.yaml"
    old.write_text(text)
    changed = text.replace("min: 2,", "min: 3,") if every else text.replace("min: 2,", "min: 3,", 1)
    assert changed != text
    new.write_text(changed)
    return old, new


def test_a_big_model_draws_the_change_and_its_neighbours(tmp_path: Path) -> None:
    old, new = _big_pair(tmp_path, every=False)
    text = as_markdown(compare(load_model(old), load_model(new)))
    assert re.search(
        r"Only the changed components and their neighbours are drawn \(\d of 100\)", text
    )
    [block] = re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert "c_s0_web[" in block and "c_s0_alb[" in block
    assert "c_s5_web[" not in block


def test_a_diagram_too_big_for_mermaid_is_left_out(tmp_path: Path) -> None:
    old, new = _big_pair(tmp_path, every=True)
    text = as_markdown(compare(load_model(old), load_model(new)))
    assert "```mermaid" not in text
    assert "above Mermaid's limit of 50,000" in text
    assert len(text) < 65_536
