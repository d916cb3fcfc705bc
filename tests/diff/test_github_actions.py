"""examples/github-actions.yml: its shell steps run for real against a temporary repo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from archgen.load.git_reader import GitReader
from archgen.load.loader import load_model
from tests.conftest import ROOT
from tests.diff.conftest import commit_all, git

WORKFLOW = ROOT / "examples" / "github-actions.yml"


def workflow() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text())
    return document


def step(job: str, name: str) -> dict[str, Any]:
    for item in workflow()["jobs"][job]["steps"]:
        if item.get("name") == name:
            found: dict[str, Any] = item
            return found
    raise AssertionError(f"no step {name!r} in job {job!r}")


def run_step(job: str, name: str, repo: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a step's `run:` script as Actions does (bash -e), archgen from this venv."""
    variables = {
        **os.environ,
        **workflow()["env"],
        **env,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step(job, name)["run"]],
        cwd=repo,
        env=variables,
        capture_output=True,
        text=True,
        check=False,
    )


def test_sarif_is_written_then_uploaded_then_gated(repo: Path) -> None:
    steps = [s.get("name") or s.get("uses") for s in workflow()["jobs"]["validate"]["steps"]]
    assert steps.index("Findings as SARIF") < steps.index("Upload to code scanning")
    assert steps.index("Upload to code scanning") < steps.index("Gate on errors")
    upload = step("validate", "Upload to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert workflow()["jobs"]["validate"]["permissions"]["security-events"] == "write"

    done = run_step("validate", "Findings as SARIF", repo)
    assert done.returncode == 0, done.stderr
    sarif = json.loads((repo / upload["with"]["sarif_file"]).read_text())
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"], "stage 1 has findings"
    assert run_step("validate", "Gate on errors", repo).returncode == 0


def test_the_pull_request_comment_shows_the_change(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "feature")
    stage6 = repo / "models" / "stage6.yaml"
    stage6.write_text(stage6.read_text().replace("sticky_sessions: false", "sticky_sessions: true"))
    (repo / "models" / "checkout.yaml").write_text("archgen: 1\nname: checkout\n")
    commit_all(repo, "sticky sessions again")
    assert workflow()["jobs"]["review"]["steps"][0]["with"]["fetch-depth"] == 0

    done = run_step("review", "Diff every model against the base branch", repo, BASE=base)
    assert done.returncode == 0, done.stderr
    comment = (repo / "archgen-diff.md").read_text()
    assert "New model `models/checkout.yaml`." in comment
    # stage 6 changed, and so did the stages that extend it without redeclaring `alb`
    reader = GitReader(repo)
    changed = [
        stage
        for stage in range(1, 10)
        if load_model(f"{base}:models/stage{stage}.yaml", reader).model
        != load_model(repo / "models" / f"stage{stage}.yaml").model
    ]
    assert changed[0] == 6
    for stage in range(1, 10):
        heading = f"### archgen diff: `{base}:models/stage{stage}.yaml`"
        assert (heading in comment) == (stage in changed), stage
    assert "`sticky_sessions`: false → true" in comment
    assert "[REL010](https://archgen.dev/architecture/rules/rel010/)" in comment
    assert comment.count("```mermaid") == len(changed)


def test_no_change_gives_a_one_line_comment(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    done = run_step("review", "Diff every model against the base branch", repo, BASE=base)
    assert done.returncode == 0, done.stderr
    assert (repo / "archgen-diff.md").read_text() == "archgen: no change to the architecture.\n"
