"""The hostile corpus: every broken input gets a located message and exit 2, never a
traceback; inputs that are odd but valid (a BOM, CRLF, names that are not kebab-case)
load. Each case runs through the console entry point in-process (fast); all of them
also run once through a real `archgen` process.

`ARCHGEN_UPDATE_GOLDEN=1` rewrites the `.expected` files (keeping their `stdout:`
lines); review the diff before committing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import run_archgen
from tests.hostile.hostile_support import (
    CORPUS,
    GENERATED,
    LOAD_CASES,
    ROOT,
    SIDE_EFFECT_PREFIX,
    Expected,
    corpus_args,
    corpus_names,
    load_case_names,
    no_side_effects,
    run_in_process,
)

NAMES = corpus_names()
UPDATE = os.environ.get("ARCHGEN_UPDATE_GOLDEN") == "1"
LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<message>\S.*)$")


def test_the_corpus_has_at_least_eighty_cases() -> None:
    # own committed cases + generated ones + the models helper's golden cases, referenced
    own = len(NAMES) + len(GENERATED)
    assert len(NAMES) >= 80
    assert own + len(load_case_names()) >= 128


def test_every_case_has_an_expected_file() -> None:
    missing = [n for n in NAMES if not (CORPUS / f"{n}.expected").exists()]
    orphans = [p.name for p in CORPUS.glob("*.expected") if p.stem not in NAMES]
    assert (missing, orphans) == ([], [])


def test_every_parent_file_is_extended_by_a_model() -> None:
    # a case named `*-parent.yaml` by mistake would never run
    texts = [p.read_text("utf-8", "replace") for p in CORPUS.glob("*.yaml")]
    parents = [p.name for p in CORPUS.glob("*-parent.yaml")]
    assert [name for name in parents if not any(f"extends: {name}" in t for t in texts)] == []


def test_no_case_repeats_a_load_case() -> None:
    # the models helper's corpus is referenced, not copied: no identical input twice
    theirs = {p.read_bytes() for p in LOAD_CASES.glob("*.yaml")}
    repeated = [n for n in NAMES if (CORPUS / f"{n}.yaml").read_bytes() in theirs]
    assert repeated == []


def portable(stderr: str) -> list[str]:
    """The lines of `stderr` with this checkout's folder (the project root that messages
    name) written as ``<root>``, as the `.expected` files hold them."""
    return stderr.replace(str(ROOT), "<root>").splitlines()


def check_located(stderr: str) -> None:
    """Every stderr line is `path:line:col: message`, never a traceback."""
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        match = LOCATED.match(line)
        assert match is not None, f"not a located message: {line!r}"
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str) -> None:
    with no_side_effects():
        outcome = run_in_process(*corpus_args(name))
    expected_file = CORPUS / f"{name}.expected"
    if UPDATE:
        old = Expected.parse(expected_file.read_text("utf-8")) if expected_file.exists() else None
        keep = old.stdout_contains if old else ()
        fresh = Expected(outcome.code, tuple(portable(outcome.stderr)), keep)
        expected_file.write_text(fresh.dump(), "utf-8")
    expected = Expected.parse(expected_file.read_text("utf-8"))
    check_located(outcome.stderr)
    assert outcome.code == expected.code, outcome.stderr
    assert tuple(portable(outcome.stderr)) == expected.stderr
    for line in expected.stdout_contains:
        assert line in outcome.stdout
    if expected.code == 2:
        assert outcome.stdout == ""
        assert expected.stderr, "a rejected input must say why"


def test_all_cases_in_one_real_process() -> None:
    """The same cases through a real `archgen` process: one run, every problem, sorted."""
    rejected = [
        n for n in NAMES if Expected.parse((CORPUS / f"{n}.expected").read_text()).code == 2
    ]
    paths = [f"tests/hostile/corpus/{n}.yaml" for n in rejected]
    with no_side_effects():
        result = run_archgen("validate", *paths)
    assert result.returncode == 2
    check_located(result.stderr)
    expected = set()
    for name in rejected:
        expected |= set(Expected.parse((CORPUS / f"{name}.expected").read_text()).stderr)
    assert set(portable(result.stderr)) == expected
    lines = result.stderr.splitlines()
    assert lines == sorted(lines, key=_position)  # by file, then line and column as numbers


def _position(line: str) -> tuple[str, int, int, str]:
    match = LOCATED.match(line)
    assert match is not None
    return match["path"], int(match["line"]), int(match["column"]), match["message"]


def test_the_payloads_would_run_under_an_unsafe_loader() -> None:
    """The side-effect check can fail: PyYAML's unsafe loader does run the payload."""
    import yaml

    with pytest.raises(AssertionError, match="a payload in the corpus ran"), no_side_effects():
        text = (CORPUS / "tag-directive-shorthand.yaml").read_text()
        yaml.load(text, Loader=yaml.UnsafeLoader)  # the point of the test
    Path(f"{SIDE_EFFECT_PREFIX}-tag").unlink()


def test_a_bom_file_loads_like_the_same_file_without_it(tmp_path: Path) -> None:
    text = (CORPUS / "bom-utf8-valid.yaml").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    (tmp_path / "bom-utf8-valid.yaml").write_bytes(text.removeprefix(b"\xef\xbb\xbf"))
    with_bom = run_in_process("validate", "--format", "json", str(CORPUS / "bom-utf8-valid.yaml"))
    without = run_in_process("validate", "--format", "json", "bom-utf8-valid.yaml", cwd=tmp_path)
    assert (with_bom.code, without.code) in ((0, 0), (1, 1))
    findings = [json.loads(o.stdout)["findings"] for o in (with_bom, without)]
    for finding in [*findings[0], *findings[1]]:
        finding.pop("file")
    assert findings[0] == findings[1]  # same lines and columns: the BOM shifts nothing


def test_names_not_kebab_case_load_and_ops005_warns() -> None:
    outcome = run_in_process(*corpus_args("names-not-kebab-case"))
    assert outcome.code == 0
    warned = [line for line in outcome.stdout.splitlines() if "warning OPS005" in line]
    assert len(warned) >= 5, outcome.stdout
    failing = run_in_process(
        "validate", "--fail-on", "warning", "tests/hostile/corpus/names-not-kebab-case.yaml"
    )
    assert failing.code == 1
