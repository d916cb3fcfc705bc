"""[tool.archgen] in pyproject.toml, or archgen.toml: found upwards, nearest wins,
located errors, command-line options override it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archgen.config import load_config
from archgen.errors import InputError
from tests.conftest import MODELS
from tests.test_cli_findings import archgen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MODELS, tmp_path / "arch", ignore=shutil.ignore_patterns("*.json"))
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_nearest_file_wins_and_archgen_toml_comes_first(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.archgen]\nfail-on = "info"\n', "utf-8")
    assert load_config(project / "sub").fail_on == "info"
    (project / "archgen.toml").write_text('fail-on = "warning"\n', "utf-8")
    assert load_config(project / "sub").fail_on == "warning"
    # a pyproject.toml without archgen's table is passed over
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert load_config(project / "sub").fail_on == "warning"
    (project / "sub" / "archgen.toml").write_text('fail-on = "never"\n', "utf-8")
    assert load_config(project / "sub").fail_on == "never"


def test_defaults_from_the_file_and_options_override_them(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.archgen]\nmodels = "arch"\nfail-on = "warning"\nignore = ["SEC008"]\n', "utf-8"
    )
    done = archgen("validate", "--format", "json", cwd=project / "sub")
    assert done.returncode == 1  # fail-on warning: stage 1 and 2 have REL001 warnings
    document = json.loads(done.stdout)
    assert document["files"][0] == "../arch/stage1.yaml"
    assert "SEC008" not in {f["rule"] for f in document["findings"]}
    overridden = archgen(
        "validate", "--fail-on", "error", "--ignore", "REL001", "--format", "json", cwd=project
    )
    assert overridden.returncode == 0
    assert "SEC008" in {f["rule"] for f in json.loads(overridden.stdout)["findings"]}
    (project / "archgen.toml").write_text('models = "arch"\nshow-upcoming = true\n', "utf-8")
    shown = archgen("validate", "arch/stage1.yaml", "--format", "json", cwd=project)
    assert any(f["upcoming"] for f in json.loads(shown.stdout)["findings"])
    hidden = archgen("validate", "--hide-upcoming", "--format", "json", cwd=project)
    assert not any(f["upcoming"] for f in json.loads(hidden.stdout)["findings"])


def test_site_url_sets_the_rule_links_of_a_diff(project: Path) -> None:
    (project / "archgen.toml").write_text('site-url = "https://docs.example.com/a"\n', "utf-8")
    done = archgen(
        "diff", "arch/stage1.yaml", "arch/stage2.yaml", "--format", "markdown", cwd=project
    )
    assert done.returncode == 0, done.stderr
    assert "https://docs.example.com/a/rules/" in done.stdout
    assert "archgen.dev" not in done.stdout


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.archgen]\nfail_on = "warning"\n',
            "pyproject.toml:5: fail_on: unknown key (did you mean 'fail-on'?)",
        ),
        ("archgen.toml", "\nfail-on = 3\n", "archgen.toml:2: fail-on: expected a string, not int"),
        (
            "archgen.toml",
            'fail-on = "sometimes"\n',
            "archgen.toml:1: fail-on: 'sometimes' is not one of error, warning, info, never",
        ),
        (
            "archgen.toml",
            'select = ["SEC", "bogus"]\n',
            "archgen.toml:1: select: 'bogus' is no rule id",
        ),
        ("archgen.toml", 'ignore = "SEC"\n', "archgen.toml:1: ignore: expected a list"),
        ("archgen.toml", "show-upcoming = 1\n", "show-upcoming: expected true or false"),
        ("archgen.toml", 'site-url = "docs"\n', "site-url: 'docs' is not an http(s) URL"),
        ("archgen.toml", "fail-on = \n", "archgen.toml:1:11: not valid TOML"),
        # a pull request's configuration cannot send a bare `archgen validate` elsewhere
        (
            "archgen.toml",
            'models = "../.."\n',
            "archgen.toml:1: models: '../..' is outside the project root",
        ),
    ],
)
def test_a_wrong_file_is_a_located_error(project: Path, name: str, text: str, message: str) -> None:
    (project / name).write_text(text, "utf-8")
    with pytest.raises(InputError) as raised:
        load_config(project)
    assert message in raised.value.message
    done = archgen("validate", "arch/stage1.yaml", cwd=project)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
