"""`archgen rules`, `archgen explain` and suppressions, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from archgen.rules import catalogue
from tests.conftest import run_archgen


def test_rules_table_lists_every_rule() -> None:
    result = run_archgen("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "pillar", "severity", "since"]
    assert [line.split()[0] for line in lines[1:]] == [r.id for r in catalogue()]
    assert "REL001   single-point-of-failure" in result.stdout


def test_rules_json_lists_every_rule_with_its_page() -> None:
    result = run_archgen("rules", "--format", "json")
    entries = json.loads(result.stdout)
    assert len(entries) == 43
    assert {e["id"] for e in entries} == {r.id for r in catalogue()}
    sec001 = next(e for e in entries if e["id"] == "SEC001")
    assert sec001["since"] == 2 and sec001["upstream"][0] == "checkov CKV_AWS_17"
    assert sec001["bad"].startswith("components:") and sec001["help_uri"]


def test_explain_prints_the_page() -> None:
    result = run_archgen("explain", "perf001")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for heading in ("What it checks", "Why it matters", "Bad", "Good"):
        assert f"\n{heading}\n" in text
    assert text.startswith(
        "PERF001 cache-without-ttl\nperformance · warning · applies from stage 4"
    )
    assert "policy: {strategy: cache-aside, ttl: 10m}" in text


def test_explain_unknown_rule_suggests_one() -> None:
    result = run_archgen("explain", "SEC0001")
    assert result.returncode == 2
    assert "unknown rule 'SEC0001' (did you mean 'SEC001'?)" in result.stderr
    assert "Traceback" not in result.stderr
    # two edits from every SEC rule: no guess among 43 rules
    far = run_archgen("explain", "SEC99")
    assert far.returncode == 2 and far.stderr == "unknown rule 'SEC99'\n"
    by_name = run_archgen("explain", "single-point-of-failur")
    assert by_name.returncode == 2 and "'single-point-of-failure'" in by_name.stderr


def _model(tmp_path: Path, suppress: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(
        "archgen: 1\nname: m\nstage: 1\n"
        "components:\n"
        "  - {id: box, kind: compute, roles: [web, app, database]}\n"
        f"suppress:\n{suppress}"
    )
    return path


def test_unknown_rule_in_suppress_is_a_located_input_error(tmp_path: Path) -> None:
    path = _model(tmp_path, "  - {rule: SEC090, reason: typo}\n")
    result = run_archgen("validate", str(path))
    assert result.returncode == 2
    # the column of the rule id itself: `  - {rule: SEC090` puts it at 12
    assert f"{path}:7:12: unknown rule 'SEC090' in suppress" in result.stderr
    assert "Traceback" not in result.stderr


def test_suppression_drops_its_finding_and_an_unused_one_is_reported(tmp_path: Path) -> None:
    path = _model(
        tmp_path,
        "  - {rule: SEC008, component: box, reason: accepted}\n"
        "  - {rule: REL002, reason: nothing to match}\n",
    )
    result = run_archgen("validate", str(path), "--format", "json", "--fail-on", "warning")
    findings = json.loads(result.stdout)["findings"]
    rules = {(f["rule"], f["severity"]) for f in findings}
    assert ("SEC008", "warning") not in rules
    unused = [f for f in findings if f["rule"] == "REL002"]
    assert len(unused) == 1 and unused[0]["severity"] == "info" and unused[0]["line"] == 8
    assert "unused suppression" in unused[0]["message"]


def test_unknown_suppressed_rule_is_exit_2_in_every_command(tmp_path: Path) -> None:
    path = str(_model(tmp_path, "  - {rule: SEC090, reason: typo}\n"))
    commands = [
        ("render", path, "-o", str(tmp_path / "out"), "--format", "mermaid"),
        ("diff", path, path),
    ]
    for command in commands:
        result = run_archgen(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert "unknown rule 'SEC090'" in result.stderr and "Traceback" not in result.stderr
