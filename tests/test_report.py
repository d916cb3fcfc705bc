"""Reporters: text (grouped, coloured or plain), JSON (PRODUCT.md's shape), SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from archgen.report import as_json, as_sarif, as_text
from archgen.rules import catalogue
from archgen.rules.selection import Selection
from archgen.validate import validate_paths
from tests.conftest import MODELS, run_archgen
from tests.terminal_support import (
    CONTROLS,
    EVIL_NAME,
    EVIL_PARENT,
    RAW,
    assert_inert,
    control_model,
    write_model,
)

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def stages_1_and_2() -> object:
    # upcoming findings shown: stage 2 inherits several of them from stage 1
    shown = Selection(show_upcoming=True)
    return validate_paths([str(MODELS / "stage1.yaml"), str(MODELS / "stage2.yaml")], None, shown)


def test_sarif_is_valid_and_complete(stages_1_and_2: object) -> None:
    document = json.loads(as_sarif(stages_1_and_2))  # type: ignore[arg-type]
    errors = sorted(_validator().iter_errors(document), key=str)
    assert not errors, [e.message for e in errors[:5]]
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in catalogue()]
    assert all(r["help"]["text"] and r["helpUri"].startswith("https://") for r in rules)
    results = run["results"]
    # stage 2 inherits stage 1's components: a finding on one of them is one result
    every = sum(len(f) for f in stages_1_and_2.by_model.values())  # type: ignore[attr-defined]
    assert len(results) == len(stages_1_and_2.findings) < every  # type: ignore[attr-defined]
    first = results[0]
    assert first["level"] in ("error", "warning", "note")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(".yaml")
    assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]


def test_the_schema_check_can_fail(stages_1_and_2: object) -> None:
    document = json.loads(as_sarif(stages_1_and_2))  # type: ignore[arg-type]
    document["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    assert list(_validator().iter_errors(document))


def test_json_has_the_product_shape(stages_1_and_2: object) -> None:
    document = json.loads(as_json(stages_1_and_2))  # type: ignore[arg-type]
    assert set(document) == {"files", "findings", "summary", "upcoming_hidden", "problems"}
    assert document["problems"] == []
    assert document["upcoming_hidden"] == 0  # shown
    assert set(document["summary"]) == {"error", "warning", "info"}
    keys = {"rule", "severity", "message", "component", "file", "line", "column", "pillar"}
    keys.add("upcoming")
    assert all(set(f) == keys for f in document["findings"])


def test_text_is_one_line_per_finding_coloured_only_when_asked(stages_1_and_2: object) -> None:
    plain = as_text(stages_1_and_2, colour=False)  # type: ignore[arg-type]
    coloured = as_text(stages_1_and_2, colour=True)  # type: ignore[arg-type]
    assert "\x1b[" not in plain and "\x1b[" in coloured
    *findings, summary = plain.splitlines()
    assert summary.startswith("2 files checked: ")
    # no grouping header: every line names its file, line and column
    place = re.compile(r"^\S+\.yaml:\d+:\d+: (error|warning|info) [A-Z]+\d{3} ")
    assert findings and all(place.match(line) for line in findings), findings
    assert any(" REL001 [server] " in line for line in findings)


def test_cli_sarif_and_plain_text_when_piped() -> None:
    sarif = run_archgen("validate", "models/stage1.yaml", "--format", "sarif")
    assert sarif.returncode == 0, sarif.stderr
    assert not list(_validator().iter_errors(json.loads(sarif.stdout)))
    text = run_archgen("validate", "models/stage1.yaml")
    assert "\x1b[" not in text.stdout and "SEC008 [server]" in text.stdout


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_sets_the_exit_code(fail_on: str, code: int) -> None:
    # stage 1 has warnings (REL001, SEC008) and infos, no errors
    result = run_archgen("validate", "models/stage1.yaml", "--fail-on", fail_on)
    assert result.returncode == code, result.stderr


def test_text_names_each_findings_file_and_an_inherited_one_once(
    stages_1_and_2: object,
) -> None:
    lines = as_text(stages_1_and_2, colour=False).splitlines()  # type: ignore[arg-type]
    # a finding on the server, declared in stage 2 itself, names stage 2's file
    assert any("models/stage2.yaml:23:5: warning REL001 [server]" in line for line in lines)
    # one on the production environment, inherited by stage 2 from stage 1: once
    inherited = [line for line in lines if "stage1.yaml:43:5: info OPS004 environment" in line]
    assert len(inherited) == 1, inherited


def test_a_path_given_twice_is_checked_once() -> None:
    """`archgen validate models/*.yaml models/stage1.yaml` names stage 1 twice."""
    once = run_archgen("validate", "models/stage1.yaml", "--format", "json")
    twice = run_archgen("validate", "models/stage1.yaml", "models/stage1.yaml", "--format", "json")
    assert twice.returncode == 0, twice.stderr
    assert json.loads(twice.stdout) == json.loads(once.stdout)
    text = run_archgen("validate", "models/stage1.yaml", "models/stage1.yaml")
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[-2].startswith("1 file checked: ")


# --- input problems in JSON and SARIF: a document, not an empty file -------------------


def _broken_and_good(folder: Path) -> tuple[str, str]:
    broken = folder / "broken.yaml"
    broken.write_text("archgen: 1\nname: broken\ncomponents: 3\n", "utf-8")
    good = folder / "stage1.yaml"
    good.write_bytes((MODELS / "stage1.yaml").read_bytes())
    return str(broken), str(good)


def test_json_lists_the_input_problems(tmp_path: Path) -> None:
    broken, good = _broken_and_good(tmp_path)
    missing = str(tmp_path / "missing.yaml")
    done = run_archgen("validate", good, broken, missing, "--format", "json")
    assert done.returncode == 2
    document = json.loads(done.stdout)
    assert document["files"] == [good, broken, missing]
    assert document["problems"] == [
        {"file": broken, "line": 3, "column": 13, "message": document["problems"][0]["message"]},
        {"file": missing, "line": 1, "column": 1, "message": "no such file"},
    ]
    assert "components" in document["problems"][0]["message"]
    # the model that loaded is still checked; the summary counts its findings
    assert document["summary"]["warning"] >= 1
    assert {f["file"] for f in document["findings"]} == {good}
    # and the located messages still go to stderr
    assert f"{broken}:3:13: " in done.stderr and f"{missing}:1:1: no such file" in done.stderr


def test_sarif_lists_the_input_problems_and_stays_valid(tmp_path: Path) -> None:
    broken, good = _broken_and_good(tmp_path)
    done = run_archgen("validate", broken, "--format", "sarif")
    assert done.returncode == 2
    document = json.loads(done.stdout)
    assert not list(_validator().iter_errors(document))
    [invocation] = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert "components" in notification["message"]["text"]
    location = notification["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("broken.yaml")
    assert location["region"] == {"startLine": 3, "startColumn": 13}
    assert f"{broken}:3:13: " in done.stderr
    ok = run_archgen("validate", good, "--format", "sarif")
    [invocation] = json.loads(ok.stdout)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


# --- control characters from a model or a file name (see tests/terminal_support.py) ---


def test_validate_text_shows_a_quoted_model_text_escaped(tmp_path: Path) -> None:
    model = write_model(tmp_path / "controls.yaml", control_model())
    done = run_archgen("validate", str(model), "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout)
    # the finding quoting the override is there, its text escaped on one line
    [line] = [line for line in done.stdout.splitlines() if "OPS003" in line]
    assert (
        "engine x\\x9b31m\\x7f\\u202eevil\\u2066y\\u2069\\u2028\\r\\n  1:1: error FAKE001" in line
    )
    coloured = run_archgen("validate", str(model), "--fail-on", "never", "--color")
    assert "\x9b" not in coloured.stdout and "\u202e" not in coloured.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_validate_json_and_sarif_carry_the_text_faithfully(tmp_path: Path, fmt: str) -> None:
    model = write_model(tmp_path / "controls.yaml", control_model())
    done = run_archgen("validate", str(model), "--format", fmt, "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert not RAW.search(done.stdout.replace("\n", " "))  # C1 and bidi as \\u escapes
    document = json.loads(done.stdout)
    if fmt == "json":
        messages = [f["message"] for f in document["findings"]]
    else:
        messages = [r["message"]["text"] for r in document["runs"][0]["results"]]
    assert any(m.startswith(f"staging runs db on engine {CONTROLS}") for m in messages)


def test_model_file_names_are_shown_escaped(tmp_path: Path) -> None:
    """Each finding line starts with its file's name as given (a finding on an inherited
    component with the parent's), escaped, so no name forges a line of its own."""
    parent = tmp_path / EVIL_PARENT
    parent.write_bytes((MODELS / "stage1.yaml").read_bytes())
    child = tmp_path / "child.yaml"
    child.write_text(
        f"archgen: 1\nname: child\nstage: 2\nextends: {json.dumps(parent.name)}\n", "utf-8"
    )
    done = run_archgen("validate", parent.name, child.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout)
    escaped = "stage\\u202e\\n  1:1: error FAKE001 forged.yaml"
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{escaped}:")
    # the parent's findings, inherited by the child, are shown once, with its name
    assert not any(line.startswith("child.yaml:") for line in lines)
    # a name with ESC, given on the command line (`extends` cannot name it: YAML refuses ESC)
    (tmp_path / EVIL_NAME).write_bytes((MODELS / "stage1.yaml").read_bytes())
    direct = run_archgen("validate", EVIL_NAME, cwd=tmp_path)
    assert direct.returncode == 0, direct.stderr
    assert_inert(direct.stdout)
    assert direct.stdout.splitlines()[0].startswith(
        "stage\\x1b[2J\\u202e\\n  1:1: error FAKE001 forged.yaml:"
    )
    # and a located problem in such a file, on stderr
    broken = tmp_path / EVIL_NAME.replace("stage", "broken")
    broken.write_text("archgen: 1\nname: [\n", "utf-8")
    failed = run_archgen("validate", broken.name, cwd=tmp_path)
    assert failed.returncode == 2
    assert_inert(failed.stderr)
    assert failed.stderr.startswith("broken\\x1b[2J")
