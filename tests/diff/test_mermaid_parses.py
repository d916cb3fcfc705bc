"""The Mermaid block of `archgen diff --format markdown` parses with Mermaid's own parser.

Mermaid (from the npm registry, installed by `./dev.sh test` into build/node) runs in
Debian's headless Chromium, the way GitHub's renderer runs it in a browser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_archgen
from tests.terminal_support import control_model, write_model

FENCE = re.compile(r"^```mermaid\n(.*?)^```$", re.DOTALL | re.MULTILINE)

pytestmark = pytest.mark.browser

_RENDER = """async (text) => {
  await mermaid.parse(text);
  const { svg } = await mermaid.render("diagram" + Math.floor(Math.random() * 1e9), text);
  return svg;
}"""


@pytest.fixture
def page(mermaid_page: Any) -> Any:
    """A page with Mermaid loaded (tests/conftest.py)."""
    return mermaid_page


def mermaid_blocks(markdown: str) -> list[str]:
    """The bodies of the ```mermaid fences in `markdown`."""
    return FENCE.findall(markdown)


@pytest.mark.parametrize("stage", range(1, 9))
def test_the_diff_diagram_of_each_journey_step_parses(page: Any, stage: int) -> None:
    done = run_archgen(
        "diff", f"models/stage{stage}.yaml", f"models/stage{stage + 1}.yaml", "--format", "markdown"
    )
    assert done.returncode == 0, done.stderr
    [block] = mermaid_blocks(done.stdout)
    svg = page.evaluate(_RENDER, block)
    assert svg.startswith("<svg")
    assert "1E8900" in svg.upper() or "30, 137, 0" in svg  # added components are green


@pytest.mark.parametrize(
    ("old", "new", "removed"),
    [(2, 1, "c_db"), (7, 6, "c_web_usw2")],  # a database; a whole region
)
def test_removed_components_are_drawn_red_and_dashed(
    page: Any, old: int, new: int, removed: str
) -> None:
    done = run_archgen(
        "diff", f"models/stage{old}.yaml", f"models/stage{new}.yaml", "--format", "markdown"
    )
    [block] = mermaid_blocks(done.stdout)
    assert f"  {removed}[" in block
    assert re.search(rf"style {removed} stroke:#D13212.*dasharray", block)
    svg = page.evaluate(_RENDER, block)
    assert svg.startswith("<svg")
    assert "stroke-dasharray:5 3" in svg.replace("stroke-dasharray: 5 3", "stroke-dasharray:5 3")


def test_the_parser_rejects_a_broken_flowchart(page: Any) -> None:
    from playwright.sync_api import Error

    with pytest.raises(Error, match=r"Parse error|Lexical error|Syntax error"):
        page.evaluate(_RENDER, 'flowchart TB\n  a["unclosed]\n')


def test_the_focused_diagram_of_a_big_model_parses(page: Any, tmp_path: Path) -> None:
    from benchmarks.generate import generate_model

    text = generate_model(100)
    (tmp_path / "old.yaml").write_text(text)
    (tmp_path / "new.yaml").write_text(text.replace("min: 2,", "min: 3,", 3))
    done = run_archgen(
        "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--format", "markdown"
    )
    assert "Only the changed components and their neighbours are drawn" in done.stdout
    [block] = mermaid_blocks(done.stdout)
    assert page.evaluate(_RENDER, block).startswith("<svg")


def test_the_fenced_render_output_parses(page: Any, tmp_path: Path) -> None:
    done = run_archgen(
        "render", "models/stage9.yaml", "--format", "mermaid", "--fenced", "-o", str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    [block] = mermaid_blocks(done.stdout)
    assert page.evaluate(_RENDER, block).startswith("<svg")


def test_the_diagram_of_a_model_full_of_control_characters_parses(
    page: Any, tmp_path: Path
) -> None:
    """Bidi controls in labels reach the Mermaid block as visible escapes (``\\u202e``):
    the block still parses and draws."""
    old = write_model(tmp_path / "old.yaml", control_model("plain"))
    new = write_model(tmp_path / "new.yaml", control_model())
    done = run_archgen("diff", str(old), str(new), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    [block] = mermaid_blocks(done.stdout)
    assert "\\u202e" in block and "\u202e" not in block
    assert page.evaluate(_RENDER, block).startswith("<svg")
