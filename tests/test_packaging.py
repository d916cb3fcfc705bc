"""The wheel's metadata: project URLs, and run-time dependencies that are exactly what
archgen imports (test and lint tools only in the dev extra)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.conftest import ROOT

#: declared although never imported: the MkDocs theme `archgen site` builds with
NOT_IMPORTED = {"mkdocs-material"}


def _project() -> dict[str, object]:
    document = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    project = document["project"]
    assert isinstance(project, dict)
    return project


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match[0]).lower()


def _imported_distributions() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "archgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - {"archgen"}
    owners = importlib.metadata.packages_distributions()
    return {_name(owners[module][0]) for module in third_party}


def test_dependencies_are_what_archgen_imports() -> None:
    declared = {_name(r) for r in _project()["dependencies"]}  # type: ignore[attr-defined]
    assert declared - NOT_IMPORTED == _imported_distributions()


def test_dev_tools_are_only_extras() -> None:
    declared = {_name(r) for r in _project()["dependencies"]}  # type: ignore[attr-defined]
    tools = {"pytest", "ruff", "mypy", "jsonschema", "hypothesis", "playwright", "pre-commit"}
    assert not declared & tools


def test_project_urls() -> None:
    urls = _project()["urls"]
    assert isinstance(urls, dict)
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Source"] == "https://github.com/archgen/archgen"
