"""`archgen diff` through the real command line: formats, exit codes, revisions, -o."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_archgen
from tests.diff.conftest import commit_all
from tests.terminal_support import CONTROLS, RAW, assert_inert, control_model, write_model


def test_stage_6_to_7_lists_what_stage_7_adds() -> None:
    done = run_archgen("diff", "models/stage6.yaml", "models/stage7.yaml")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("models/stage6.yaml → models/stage7.yaml\n")
    for added in (
        "+ us-west-2 ",
        "+ alb-usw2 (load-balancer, alb)",
        "+ db-usw2 (database, rds-mysql)",
    ):
        assert added in out
    assert "      routing: simple → latency" in out
    # stage 6's one CDN origin is an ALB over two zones in one region: nothing to resolve
    assert out.splitlines()[1].endswith("findings: 0 resolved, 0 introduced")


def test_stage_1_to_2_lists_the_findings_it_resolves_and_introduces() -> None:
    done = run_archgen("diff", "models/stage1.yaml", "models/stage2.yaml")
    assert done.returncode == 0, done.stderr
    resolved = done.stdout.split("findings resolved\n", 1)[1].split("\n\n", 1)[0]
    introduced = done.stdout.split("findings introduced\n", 1)[1].split("\n\n", 1)[0]
    assert "SEC008 [server]" in resolved
    assert "REL001 [db]" in introduced


def test_head_against_a_clean_tree_is_no_change(repo: Path) -> None:
    done = run_archgen("diff", "HEAD:models/stage7.yaml", "models/stage7.yaml", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "HEAD:models/stage7.yaml → models/stage7.yaml\nno change\n"


def test_a_change_since_the_last_commit(repo: Path) -> None:
    stage7 = repo / "models" / "stage7.yaml"
    stage7.write_text(
        stage7.read_text().replace(
            "scaling: {min: 2, max: 12, metric: cpu}", "scaling: {min: 1, max: 12, metric: cpu}", 1
        )
    )
    done = run_archgen(
        "diff", "main:models/stage7.yaml", "models/stage7.yaml", "--format", "json", cwd=repo
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["old"] == "main:models/stage7.yaml"
    assert document["summary"] == {"component": {"changed": 1}}
    [change] = document["changes"]
    assert change["key"] == "web-usw2"
    assert change["fields"] == [{"field": "scaling.min", "old": 2, "new": 1}]
    assert change["location"].startswith("models/stage7.yaml:")
    assert "REL003" in {f["rule"] for f in document["findings"]["introduced"]}


def test_extends_changed_at_head_shows_in_the_child(repo: Path) -> None:
    stage6 = repo / "models" / "stage6.yaml"
    stage6.write_text(stage6.read_text().replace("sticky_sessions: false", "sticky_sessions: true"))
    commit_all(repo, "sticky again")
    done = run_archgen("diff", "HEAD~1:models/stage7.yaml", "HEAD:models/stage7.yaml", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "  ~ alb (load-balancer, alb)" in done.stdout
    assert "      sticky_sessions: false → true" in done.stdout


def test_fail_on_gates_introduced_findings_only() -> None:
    backwards = ("diff", "models/stage2.yaml", "models/stage1.yaml")
    assert run_archgen(*backwards).returncode == 0
    failed = run_archgen(*backwards, "--fail-on", "warning")
    assert failed.returncode == 1
    assert "SEC008" in failed.stdout.split("findings introduced", 1)[1]
    forwards = ("diff", "models/stage1.yaml", "models/stage2.yaml")
    # stage 2 resolves SEC008 but introduces a REL001 warning on its single database
    assert run_archgen(*forwards, "--fail-on", "warning").returncode == 1
    assert run_archgen(*forwards, "--fail-on", "error").returncode == 0


def test_bad_input_is_exit_2_with_both_sides_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("archgen: 1\nname: bad\ncomponents: 3\n")
    done = run_archgen("diff", str(tmp_path / "missing.yaml"), str(bad))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert any(line.endswith("missing.yaml:1:1: no such file") for line in lines)
    assert any("bad.yaml:3:13: " in line for line in lines)
    assert done.stdout == ""
    assert run_archgen("diff", "models/stage1.yaml").returncode == 2
    assert (
        run_archgen(
            "diff", "models/stage1.yaml", "models/stage2.yaml", "--format", "html"
        ).returncode
        == 2
    )


def test_output_dir_gets_a_self_contained_coloured_svg(tmp_path: Path) -> None:
    out = tmp_path / "review"
    done = run_archgen("diff", "models/stage6.yaml", "models/stage7.yaml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    svg = (out / "stage7-diff.svg").read_text()
    assert svg.lstrip().startswith(("<?xml", "<svg"))
    assert "#1E8900" in svg.upper()  # the green of added components
    assert "/work/" not in svg and "file:" not in svg


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    pair = ("diff", "models/stage1.yaml", "models/stage2.yaml")
    assert "\x1b[" not in run_archgen(*pair).stdout  # a pipe: no colour by default
    coloured = run_archgen(*pair, "--color").stdout
    assert "\x1b[32m+\x1b[0m db" in coloured
    assert "\x1b[" not in run_archgen(*pair, "--no-color").stdout


def test_control_characters_in_a_model_are_shown_escaped(tmp_path: Path) -> None:
    """Every field a diff shows (labels, titles, summaries, decisions, purposes) carries
    C1, DEL, bidi and newline characters (the YAML reader refuses ESC and the other C0
    controls): text and Markdown show them escaped, on one
    line; JSON keeps them exactly, as escapes."""
    old = write_model(tmp_path / "old.yaml", control_model("plain"))
    new = write_model(tmp_path / "new.yaml", control_model())
    text = run_archgen("diff", str(old), str(new), "--color")
    assert text.returncode == 0, text.stderr
    assert "\x9b" not in text.stdout and "\u202e" not in text.stdout
    plain = run_archgen("diff", str(old), str(new))
    assert_inert(plain.stdout)
    assert "      label: Users plain → Users x\\x9b31m\\x7f\\u202eevil" in plain.stdout
    markdown = run_archgen("diff", str(old), str(new), "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert_inert(markdown.stdout)
    assert "Users x\\\\x9b31m\\\\x7f\\\\u202eevil" in markdown.stdout  # Markdown shows \x9b…
    done = run_archgen("diff", str(old), str(new), "--format", "json")
    assert not RAW.search(done.stdout.replace("\n", " "))
    changes = {c["key"]: c for c in json.loads(done.stdout)["changes"]}
    label = next(f for f in changes["users"]["fields"] if f["field"] == "label")
    assert label["new"] == f"Users {CONTROLS}"


def test_an_output_name_too_long_is_a_message(tmp_path: Path) -> None:
    """A legal model file name (245 characters) whose diagram name (or the temporary
    file beside it) is too long for the file system: a message and exit 2."""
    new = tmp_path / ("m" * 240 + ".yaml")
    new.write_bytes(Path("models/stage2.yaml").resolve().read_bytes())
    (tmp_path / "stage1.yaml").write_bytes(Path("models/stage1.yaml").resolve().read_bytes())
    out = tmp_path / "out"
    done = run_archgen("diff", "stage1.yaml", new.name, "-o", str(out), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line == f"{out / ('m' * 240)}-diff.svg: cannot write: File name too long"
    assert not out.exists() or list(out.iterdir()) == []
