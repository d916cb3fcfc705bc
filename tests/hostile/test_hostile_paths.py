"""Hostile paths on the command line, including `REV:PATH` (a file at a git revision):
each is one located problem and exit 2, nothing runs, nothing is read outside the
repository through a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.hostile_support import run_in_process
from tests.hostile.test_hostile_corpus import check_located

PAYLOAD = Path("/tmp/archgen-hostile-side-effect-git")

PATHS = {
    "HEAD:../../../etc/passwd": "outside repository",
    "HEAD:/etc/passwd": "outside repository",
    "nosuchrev:models/stage1.yaml": "unknown git revision",
    "HEAD~99999:models/stage1.yaml": "unknown git revision",
    "HEAD:models": "is a directory",
    f"--upload-pack=touch {PAYLOAD}:x": "no such file",
    "-oops:models/stage1.yaml": "no such file",
    f"$(touch {PAYLOAD}):x.yaml": "unknown git revision",
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_hostile_path_is_one_located_problem(path: str) -> None:
    PAYLOAD.unlink(missing_ok=True)
    outcome = run_in_process("validate", "--", path)
    assert outcome.code == 2
    check_located(outcome.stderr)
    assert PATHS[path] in outcome.stderr
    assert not PAYLOAD.exists()


@pytest.mark.parametrize("command", [["render", "-o", "out"], ["diff", "models/stage1.yaml"]])
def test_other_commands_refuse_it_the_same_way(command: list[str]) -> None:
    outcome = run_in_process(*command, "HEAD:../../../etc/passwd")
    assert outcome.code == 2
    assert "outside repository" in outcome.stderr
