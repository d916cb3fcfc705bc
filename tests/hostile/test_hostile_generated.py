"""Inputs made at run time: too big (50 MB, 10,000-deep nesting, alias bombs,
10,000-character ids) or not files at all (FIFOs, symbolic-link loops, devices).

Each fails with exit 2 and one located problem that says what is wrong. Those that
could hang (a FIFO waits for a writer; /dev/zero never ends) run in a real process
with a timeout, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.load.yaml_reader import MAX_ALIAS_NODES
from tests.hostile.hostile_support import GENERATED, run_in_process, validate_args
from tests.hostile.test_hostile_corpus import check_located

#: cases that would block or never end if the reader opened them blindly
BLOCKING = {"parent-is-a-fifo", "model-is-a-fifo"}


@pytest.mark.parametrize("name", sorted(set(GENERATED) - BLOCKING))
def test_generated_input(name: str, tmp_path: Path) -> None:
    generate, message = GENERATED[name]
    outcome = run_in_process(*validate_args(tmp_path, generate(tmp_path)), cwd=tmp_path)
    assert outcome.code == 2, outcome.stdout
    check_located(outcome.stderr)
    assert message in outcome.stderr
    assert outcome.stdout == ""


@pytest.mark.parametrize("name", sorted(BLOCKING))
def test_input_that_could_block(name: str, tmp_path: Path) -> None:
    generate, message = GENERATED[name]
    result = subprocess.run(
        [sys.executable, "-m", "archgen", *validate_args(tmp_path, generate(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    check_located(result.stderr)
    assert message in result.stderr


def test_a_device_that_never_ends_is_refused(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text("archgen: 1\nname: child\nextends: /dev/zero\n")
    result = subprocess.run(  # --root /: the device is reached, and refused unread
        [sys.executable, "-m", "archgen", "validate", "--root", "/", "child.yaml", "/dev/zero"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "/dev/zero:1:1: not a regular file: a model is a file",
        "child.yaml:3:10: cannot extend '/dev/zero': not a regular file: a model is a file",
    ]


def test_the_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = GENERATED["fifty-megabytes"][0](tmp_path)
    assert path.stat().st_size >= 50 * 1024 * 1024
    outcome = run_in_process("validate", path.name, cwd=tmp_path)
    assert outcome.stderr == (
        f"fifty-megabytes.yaml:1:1: file is {path.stat().st_size:,} bytes; the limit is 5,242,880\n"
    )


def test_an_alias_bomb_stops_where_it_crosses_the_limit(tmp_path: Path) -> None:
    path = GENERATED["billion-laughs"][0](tmp_path)
    outcome = run_in_process("validate", path.name, cwd=tmp_path)
    # line 9 holds the first anchor whose aliases add more than MAX_ALIAS_NODES values
    assert outcome.stderr.startswith("billion-laughs.yaml:9:")
    assert f"more than {MAX_ALIAS_NODES:,} values" in outcome.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_parent(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text("archgen: 1\nname: parent\n")
    (tmp_path / "parent.yaml").chmod(0)
    (tmp_path / "child.yaml").write_text("archgen: 1\nname: child\nextends: parent.yaml\n")
    outcome = run_in_process("validate", "child.yaml", cwd=tmp_path)
    assert outcome.code == 2
    assert "cannot extend 'parent.yaml': cannot read: Permission denied" in outcome.stderr


def test_the_benchmark_runs_and_reports() -> None:
    """benchmarks/hostile_bench.py stays runnable (on two cases; it asserts nothing)."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_bench.py"
    result = subprocess.run(
        [sys.executable, str(script), "--only", "whitespace-only", "deep-flow-nesting"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "hostile/whitespace-only" in result.stdout
    assert "generated/deep-flow-nesting" in result.stdout
    assert "largest peak memory" in result.stdout


def test_a_file_name_cannot_forge_a_message_line(tmp_path: Path) -> None:
    path = GENERATED["parent-name-with-newline"][0](tmp_path)
    outcome = run_in_process("validate", path.name, cwd=tmp_path)
    assert outcome.stderr.splitlines() == [
        "a\\nforged.yaml:1:1: forged message:3:1: YAML syntax error: "
        "expected ',' or ']' (a [...] list started at line 2, column 7)",
        "child-of-newline.yaml:3:10: the model it extends, "
        "'a\\nforged.yaml:1:1: forged message', has errors",
    ]
