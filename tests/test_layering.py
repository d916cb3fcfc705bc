"""The pipeline's layers: the model stands alone, and only the command line knows click."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "archgen"
#: the command line, and the module that writes (and colours) text for a terminal
CLICK_ALLOWED = {"cli.py", "terminal.py"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_in_model_imports_load() -> None:
    reaching = {
        str(path.relative_to(PACKAGE)): sorted(n for n in _imports(path) if "archgen.load" in n)
        for path in (PACKAGE / "model").glob("*.py")
    }
    assert {k: v for k, v in reaching.items() if v} == {}


def test_importing_the_model_loads_neither_the_loader_nor_click() -> None:
    probe = (
        "import sys, archgen.model.schema, archgen.model.references, archgen.model.scaffold, "
        "archgen.model.json_schema, archgen.errors\n"
        "print(sorted(m for m in sys.modules if m.startswith('archgen.load') or m == 'click'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_only_the_command_line_imports_click() -> None:
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "click" in {name.split(".")[0] for name in _imports(path)}
    )
    assert set(users) <= CLICK_ALLOWED, users
