"""Fixtures for the render tests: the test models and golden-file comparison.

Golden files are reviewed, not blindly regenerated: set ``ARCHGEN_UPDATE_GOLDEN=1``
to rewrite them, then read the diff before committing.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from archgen.load.loader import LoadedModel, load_model, load_text

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
GOLDEN = HERE / "golden"
ROOT = HERE.parents[1]


def render_cli(model: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`archgen render MODEL -o OUT OPTIONS…` as a user runs it, findings not failing it;
    it must succeed."""
    from tests.conftest import run_archgen

    done = run_archgen("render", str(model), "-o", str(out), *options, "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def two_regions() -> LoadedModel:
    """A stage-7-like model: two regions, tiers, replicas, queue, CDN, monitoring."""
    return load_model(CASES / "two_regions.yaml")


@pytest.fixture
def model_from_text() -> Callable[[str], LoadedModel]:
    """Load a model from YAML text."""
    return load_text


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare `text` with `golden/<name>`; rewrite it when ARCHGEN_UPDATE_GOLDEN=1."""

    def compare(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("ARCHGEN_UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {path}; run with ARCHGEN_UPDATE_GOLDEN=1"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file"

    return compare
