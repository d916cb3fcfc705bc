"""The broken-input corpus: every case exits 2 with exact, located messages.

Each `cases/<name>.yaml` is run through the real CLI (`archgen validate`); its
`cases/<name>.expected` holds the exact stderr, one `path:line:col: message` per line.
Files named `*-parent.yaml` are the models that the `extends` cases extend.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_archgen

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.yaml") if not p.stem.endswith("-parent"))
SIDE_EFFECT = Path("/tmp/archgen-tag-side-effect")


def test_corpus_is_large_enough() -> None:
    assert len(NAMES) >= 25


def test_every_case_has_an_expected_file() -> None:
    missing = [n for n in NAMES if not (CASES / f"{n}.expected").exists()]
    orphans = [p.name for p in CASES.glob("*.expected") if p.stem not in NAMES]
    assert (missing, orphans) == ([], [])


@pytest.mark.parametrize("name", NAMES)
def test_broken_input(name: str, update_golden: bool) -> None:
    relative = os.path.relpath(CASES / f"{name}.yaml", ROOT)
    result = run_archgen("validate", relative)
    expected_file = CASES / f"{name}.expected"
    if update_golden:
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    for line in result.stderr.splitlines():
        path, line_no, column, message = line.split(":", 3)
        assert path.startswith("tests/load/cases/")
        assert int(line_no) >= 1 and int(column) >= 1 and message.startswith(" ")


def test_language_specific_tag_has_no_side_effect() -> None:
    SIDE_EFFECT.unlink(missing_ok=True)
    result = run_archgen("validate", "tests/load/cases/language-specific-tag.yaml")
    assert result.returncode == 2
    assert not SIDE_EFFECT.exists()


def test_all_problems_of_several_files_in_one_run() -> None:
    first, second = (f"tests/load/cases/{n}.yaml" for n in ("duplicate-key", "unknown-kind"))
    result = run_archgen("validate", first, second)
    assert result.returncode == 2
    expected = [
        *(CASES / "duplicate-key.expected").read_text().splitlines(),
        *(CASES / "unknown-kind.expected").read_text().splitlines(),
    ]
    assert result.stderr.splitlines() == sorted(expected)
