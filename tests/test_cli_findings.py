"""How `validate` shows findings: each once, upcoming ones hidden, one clickable line each,
--select/--ignore, --quiet, --statistics, --format github, colour, folders and stdin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.report import as_github, as_json, as_sarif, as_text
from archgen.rules.finding import Finding
from archgen.rules.selection import Selection
from archgen.validate import ValidationResult, validate_paths
from tests.conftest import MODELS, ROOT

STAGES = [f"models/stage{n}.yaml" for n in range(1, 10)]
LINE = re.compile(
    r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>[A-Z]+\d{3}) "
)


def archgen(
    *args: str, cwd: Path = ROOT, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m archgen` in a real process, with stdin and the environment given."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "archgen", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
        check=False,
    )


# --- each finding once ------------------------------------------------------------------


def test_the_nine_stages_print_each_distinct_finding_once() -> None:
    done = archgen("validate", *STAGES, "--show-upcoming")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if LINE.match(line)]
    assert len(lines) == len(set(lines))
    # the production environment of stage 1 is inherited by later stages: one line
    ops004 = [line for line in lines if line.startswith("models/stage1.yaml:43:5: info OPS004")]
    assert len(ops004) == 1, ops004


def test_text_json_and_sarif_agree_on_the_findings() -> None:
    result = validate_paths(STAGES, None, Selection(show_upcoming=True))
    every = [f for findings in result.by_model.values() for f in findings]
    assert len(result.findings) < len(every)  # inherited findings were repeated per model
    identities = {f.identity for f in result.findings}
    assert len(identities) == len(result.findings) == len({f.identity for f in every})
    text_lines = as_text(result, False).splitlines()[:-1]
    json_findings = json.loads(as_json(result))["findings"]
    sarif_results = json.loads(as_sarif(result))["runs"][0]["results"]
    assert len(text_lines) == len(json_findings) == len(sarif_results) == len(identities)


# --- upcoming findings ------------------------------------------------------------------


def test_upcoming_findings_are_hidden_and_counted() -> None:
    hidden = archgen("validate", "models/stage1.yaml")
    shown = archgen("validate", "models/stage1.yaml", "--show-upcoming")
    assert hidden.returncode == shown.returncode == 0
    assert "applies from stage" not in hidden.stdout
    upcoming = [line for line in shown.stdout.splitlines() if "(applies from stage" in line]
    assert upcoming
    assert hidden.stdout.splitlines()[-1] == f"{len(upcoming)} upcoming hidden; --show-upcoming"
    assert "upcoming hidden" not in shown.stdout
    document = json.loads(archgen("validate", "models/stage1.yaml", "--format", "json").stdout)
    assert document["upcoming_hidden"] == len(upcoming)
    assert not any(f["upcoming"] for f in document["findings"])
    sarif = json.loads(archgen("validate", "models/stage1.yaml", "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"] == {"upcomingHidden": len(upcoming)}
    assert not any("applies from" in r["message"]["text"] for r in sarif["runs"][0]["results"])


def test_fail_on_never_counts_hidden_findings(tmp_path: Path) -> None:
    # stage 3 has only upcoming infos once its warnings are ignored
    args = ("validate", "models/stage3.yaml", "--fail-on", "info", "--ignore", "warning")
    assert archgen(*args).returncode == 0
    assert archgen(*args, "--show-upcoming").returncode == 1


def test_diff_leaves_upcoming_findings_out() -> None:
    done = archgen("diff", "models/stage6.yaml", "models/stage7.yaml", "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    messages = [
        f["message"] for key in ("introduced", "resolved") for f in document["findings"][key]
    ]
    assert not [m for m in messages if "applies from stage" in m]


# --- one line per finding, summary, quiet, statistics -----------------------------------


def test_one_clickable_line_per_finding_then_the_summary() -> None:
    done = archgen("validate", "models/stage2.yaml", "--show-upcoming")
    *findings, summary = done.stdout.splitlines()
    assert findings and all(LINE.match(line) for line in findings), findings
    # an inherited finding names the parent's file, as every other line names its own
    assert any(line.startswith("models/stage1.yaml:") for line in findings)
    assert "models/stage2.yaml:23:5: warning REL001 [server] single point of failure" in (
        done.stdout
    )
    assert summary.startswith("1 file checked: ")


def test_quiet_prints_the_findings_only() -> None:
    done = archgen("validate", "models/stage1.yaml", "-q")
    assert done.returncode == 0
    assert done.stdout and all(LINE.match(line) for line in done.stdout.splitlines())
    assert archgen("validate", "models/stage9.yaml", "-q", "--ignore", "info").stdout == ""


def test_statistics_counts_per_rule() -> None:
    done = archgen("validate", *STAGES, "--show-upcoming", "--statistics")
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()[:-1]]
    result = validate_paths(STAGES, None, Selection(show_upcoming=True))
    expected = {
        rule: sum(f.rule == rule for f in result.findings)
        for f in result.findings
        for rule in [f.rule]
    }
    assert {row[1]: int(row[0]) for row in rows} == expected
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert rows[0][2] == "unmonitored-component"  # the rule's name
    wrong = archgen("validate", "models/stage1.yaml", "--statistics", "--format", "json")
    assert wrong.returncode == 2 and "--statistics" in wrong.stderr


# --- select and ignore -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "kept"),
    [
        (("--select", "REL001"), {"REL001"}),
        (("--select", "sec"), {"SEC008"}),
        (("--select", "reliability,SEC008"), {"REL001", "SEC008"}),
        (("--select", "warning", "--ignore", "REL"), {"SEC008"}),
        (("--select", "security", "--select", "info"), set()),  # severity and rule: both
        (("--ignore", "warning"), set()),
    ],
)
def test_select_and_ignore(options: tuple[str, ...], kept: set[str]) -> None:
    done = archgen("validate", "models/stage1.yaml", "--format", "json", *options)
    assert done.returncode == 0, done.stderr
    assert {f["rule"] for f in json.loads(done.stdout)["findings"]} == kept


def test_select_of_nothing_known_is_a_usage_error() -> None:
    done = archgen("validate", "models/stage1.yaml", "--ignore", "XYZ9")
    assert done.returncode == 2
    assert done.stderr.startswith("--ignore: 'XYZ9' is no rule id, id prefix")


# --- GitHub annotations ------------------------------------------------------------------


def test_github_annotations_escape_what_github_reads() -> None:
    nasty = Finding(
        file="odd,na:me.yaml",
        line=3,
        column=7,
        rule="REL001",
        severity="info",
        pillar="reliability",
        message="100% sure\r\n::error::forged",
        component="web",
    )
    result = ValidationResult(files=["odd,na:me.yaml"], findings=[nasty])
    assert as_github(result) == (
        "::notice file=odd%2Cna%3Ame.yaml,line=3,col=7,title=REL001::"
        "[web] 100%25 sure%0D%0A::error::forged"
    )


def test_github_format_from_the_command_line() -> None:
    done = archgen("validate", "models/stage1.yaml", "--format", "github")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "::warning file=models/stage1.yaml,line=28,col=5,title=REL001::[server] single point "
        "of failure: the only copy of this data store on the request path"
    )
    broken = archgen("validate", "models/no-such.yaml", "--format", "github")
    assert broken.returncode == 2
    assert broken.stdout == (
        "::error file=models/no-such.yaml,line=1,col=1,title=archgen::no such file\n"
    )


# --- colour ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "options", "coloured"),
    [
        ({}, (), False),  # a pipe
        ({"FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"NO_COLOR": ""}, ("--color",), True),  # empty is unset; the option wins anyway
        ({"NO_COLOR": "1"}, ("--color",), True),
        ({"FORCE_COLOR": "1"}, ("--no-color",), False),
    ],
)
def test_no_color_and_force_color(
    env: dict[str, str], options: tuple[str, ...], coloured: bool
) -> None:
    done = archgen("validate", "models/stage1.yaml", *options, env=env)
    assert done.returncode == 0, done.stderr
    assert ("\x1b[" in done.stdout) is coloured


# --- folders and stdin -------------------------------------------------------------------


def test_a_folder_is_its_models_and_other_yaml_is_skipped_with_a_note(tmp_path: Path) -> None:
    for name in ("stage1.yaml", "stage2.yaml"):
        (tmp_path / name).write_bytes((MODELS / name).read_bytes())
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (tmp_path / "notes.txt").write_text("archgen: 1\n", "utf-8")
    done = archgen("validate", ".", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] == ["stage1.yaml", "stage2.yaml"]
    assert done.stderr == "mkdocs.yml: skipped, not an archgen model (no 'archgen:' key)\n"


def test_a_model_on_stdin_is_named_stdin_and_extends_from_the_current_folder() -> None:
    text = (MODELS / "stage2.yaml").read_text("utf-8")
    done = archgen("validate", "-", "--format", "json", cwd=MODELS, stdin=text)
    assert done.returncode == 0, done.stderr
    files = {f["file"] for f in json.loads(done.stdout)["findings"]}
    assert files == {"<stdin>"}
    broken = archgen("validate", "-", stdin="archgen: 1\nname: [\n")
    assert broken.returncode == 2 and broken.stderr.startswith("<stdin>:")


def test_render_from_stdin_needs_an_output_folder(tmp_path: Path) -> None:
    text = (MODELS / "stage1.yaml").read_text("utf-8")
    refused = archgen("render", "-", "--format", "mermaid", cwd=tmp_path, stdin=text)
    assert refused.returncode == 2 and "-o" in refused.stderr
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "out"
    done = archgen("render", "-", "-o", str(out), "--format", "mermaid", stdin=text)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] == ["stage-1-single-server.mmd"]
