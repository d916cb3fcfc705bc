"""site/code-review.md and site/ci.md hold real output: regenerated, they do not change."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from tests.conftest import ROOT

GENERATOR = ROOT / "tests" / "diff" / "docs" / "generate.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_review_docs", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pages_are_current(tmp_path: Path) -> None:
    written = generator().build(tmp_path)
    stale = [
        str(path.relative_to(tmp_path))
        for path in written
        if (ROOT / path.relative_to(tmp_path)).read_text() != path.read_text()
    ]
    assert not stale, f"out of date: {stale}; run .venv/bin/python {GENERATOR.relative_to(ROOT)}"
    # the diagram is compared for what it shows, not byte for byte: renderer improvements
    # may move a line without making the page wrong
    fresh = (tmp_path / "site" / "code-review" / "stage7-diff.svg").read_text()
    committed = (ROOT / "site" / "code-review" / "stage7-diff.svg").read_text()
    for text in (fresh, committed):
        assert "<svg" in text and "Oregon" in text
        assert "#1E8900" in text.upper() and "#E07B00" in text.upper()
        assert "/work/" not in text and "file:" not in text


def test_the_pages_show_real_runs() -> None:
    review = (ROOT / "site" / "code-review.md").read_text()
    assert "$ archgen diff models/stage6.yaml models/stage7.yaml\n" in review
    assert "+ us-west-2 (us-west-2a, us-west-2b)" in review
    assert "$ echo $?\n1\n" in review  # the --fail-on gate
    assert "unknown git revision 'nope'" in review
    assert "](code-review/stage7-diff.svg)" in review
    assert "<!-- output:" not in review and "<!-- markdown:" not in review
    ci = (ROOT / "site" / "ci.md").read_text()
    assert (ROOT / "examples" / "github-actions.yml").read_text().strip() in ci
    assert (ROOT / ".pre-commit-hooks.yaml").read_text().strip() in ci
