"""The command line as users meet it: help, version, exit codes, JSON shape, scaffolding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archgen import __version__
from archgen.cli import cli
from tests.conftest import MODELS, ROOT, run_archgen

STAGES = [f"models/stage{n}.yaml" for n in range(1, 10)]
COMMANDS = sorted(cli.commands)
FINDING_KEYS = {
    "rule",
    "severity",
    "message",
    "component",
    "file",
    "line",
    "column",
    "pillar",
    "upcoming",
}
PILLARS = {"security", "reliability", "performance", "operations", "cost", "sustainability"}


def test_version() -> None:
    result = run_archgen("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"archgen, version {__version__}"


def test_top_level_help_lists_every_command() -> None:
    result = run_archgen("--help")
    assert result.returncode == 0
    listed = result.stdout.split("Commands:")[1]
    for name in COMMANDS:
        assert f"  {name} " in listed
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    result = run_archgen(name, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: archgen {name}")
    first_words = " ".join(command.help.split()[:6])
    assert first_words in " ".join(result.stdout.split())


def test_validate_json_on_all_nine_stages() -> None:
    result = run_archgen("validate", *STAGES, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"files", "findings", "summary", "upcoming_hidden", "problems"}
    assert document["problems"] == []
    assert document["files"] == STAGES
    assert document["upcoming_hidden"] > 0
    assert set(document["summary"]) == {"error", "warning", "info"}
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in document["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in counts
        assert finding["pillar"] in PILLARS
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert finding["component"] is None or isinstance(finding["component"], str)
        assert (ROOT / finding["file"]).is_file()
        counts[finding["severity"]] += 1
    assert document["summary"] == counts
    assert counts["error"] == 0


def test_stage9_passes_the_warning_gate() -> None:
    result = run_archgen("validate", "models/stage9.yaml", "--fail-on", "warning")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("fail_on", "code"), [("never", 0), ("error", 0), ("warning", 1), ("info", 1)]
)
def test_exit_code_follows_fail_on(fail_on: str, code: int) -> None:
    # stage 1 has warnings (single points of failure, one host) and no errors
    result = run_archgen("validate", "models/stage1.yaml", "--fail-on", fail_on)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "models/no-such.yaml"), "models/no-such.yaml:1:1: no such file"),
        (("validate", "tests"), "tests: no archgen models in this folder"),
        (("validate", "models/stage1.yaml", "--fail-on", "sometimes"), "Invalid value"),
        (("validate", "models/stage1.yaml", "--no-such-option"), "No such option"),
        (("validate",), "name a model, a folder or -"),
        (("no-such-command",), "No such command"),
    ],
)
def test_bad_input_exits_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    result = run_archgen(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_new_writes_a_model_that_validates(tmp_path: Path) -> None:
    result = run_archgen("new", "checkout-service", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "checkout-service.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=")
    checked = run_archgen("validate", str(path), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_from_a_stage_extends_it(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "my-stage.yaml"
    target.parent.mkdir()
    parent = str(MODELS / "stage3.yaml")
    result = run_archgen("new", "my-stage", "--from", parent, "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "extends: ../../" in target.read_text()
    # the parent is in this checkout, outside the folder of the model: --root widens it
    checked = run_archgen("validate", str(target), "--format", "json", "--root", "/", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["files"] == [str(target)]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me\n")
    result = run_archgen("new", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert path.read_text() == "keep me\n"
    forced = run_archgen("new", "mine", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert path.read_text() != "keep me\n"


#: parent file names that YAML would misread unquoted: a comment, a mapping, a list
#: item, quotes, a flow collection, a tag, an alias, null and booleans, and unicode
AWKWARD_PARENTS = [
    "base #2.yaml",
    "a: b.yaml",
    "-lead.yaml",
    "- dash.yaml",
    'it\'s "quoted".yaml',
    "[x].yaml",
    "{y}.yaml",
    "!tag.yaml",
    "*alias.yaml",
    "&anchor.yaml",
    "%pct.yaml",
    "@at.yaml",
    "null",
    "true",
    "~",
    "12",
    " padded .yaml",
    "ünïcødé 서울.yaml",
]


@pytest.mark.parametrize("parent_name", AWKWARD_PARENTS)
def test_new_from_an_awkward_file_name_extends_that_file(parent_name: str, tmp_path: Path) -> None:
    from archgen.load.loader import load_model

    parent = tmp_path / parent_name
    parent.write_bytes((MODELS / "stage1.yaml").read_bytes())
    result = run_archgen("new", "next-stage", "--from", parent_name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = load_model(tmp_path / "next-stage.yaml")
    assert [Path(d.path).name for d in loaded.documents] == [parent_name, "next-stage.yaml"]
    assert loaded.model.title == "Next stage"
    assert {c.id for c in loaded.model.components} >= {"users", "dns", "server"}


@pytest.mark.parametrize(
    "where",
    [
        "a-file/model.yaml",  # a folder on the way that is a file
        "x" * 300 + ".yaml",  # a name too long for the file system
        "/proc/new-model.yaml",  # a folder where no file can be made
    ],
)
def test_new_into_an_unwritable_place_is_a_message(where: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n")
    result = run_archgen("new", "next-stage", "-o", where, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{where}: cannot write: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_schema_into_an_unwritable_place_names_the_file_asked_for(tmp_path: Path) -> None:
    result = run_archgen("schema", "-o", "/proc/archgen.schema.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "/proc/archgen.schema.json: cannot write: No such file or directory\n"


@pytest.mark.parametrize("name", ["Checkout", "checkout_service", "web-", "two words", ""])
def test_new_rejects_a_name_that_is_not_kebab_case(name: str, tmp_path: Path) -> None:
    result = run_archgen("new", name, cwd=tmp_path)
    assert result.returncode == 2
    assert "kebab-case" in result.stderr
    assert list(tmp_path.iterdir()) == []


HEAVY = ("diagrams", "mkdocs", "jinja2", "networkx", "material", "playwright", "PIL")

_PROBE = """
import sys
from archgen.cli import main
sys.argv = ["archgen", "validate", "models/stage7.yaml"]
code = 0
try:
    main()
except SystemExit as exit_:
    code = exit_.code
print("MODULES", " ".join(sorted(sys.modules)))
print("EXIT", code)
"""


def test_validate_does_not_import_heavy_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["EXIT"].strip() in ("0", "None")
    top_level = {name.split(".")[0] for name in lines["MODULES"].split()}
    assert "archgen" in top_level and "yaml" in top_level
    assert top_level.isdisjoint(HEAVY), sorted(top_level & set(HEAVY))


#: what `archgen render --format svg` leaves out once the icon cache is warm (start-up)
RENDER_SKIPS = ("diagrams", "PIL", "jinja2", "mkdocs", "material", "playwright")


def test_render_svg_does_not_import_heavy_modules(tmp_path: Path) -> None:
    probe = _PROBE.replace(
        '["archgen", "validate", "models/stage7.yaml"]',
        f'["archgen", "render", "models/stage7.yaml", "-o", {str(tmp_path)!r}, "--format", "svg"]',
    )
    for _ in range(2):  # the first run may fill the icon cache (it imports diagrams)
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
        )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["EXIT"].strip() in ("0", "None")
    modules = set(lines["MODULES"].split())
    assert "archgen.render.svg" in modules
    loaded = {
        m for m in RENDER_SKIPS if m in modules or any(n.startswith(m + ".") for n in modules)
    }
    assert loaded == set(), sorted(loaded)
