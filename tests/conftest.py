"""Shared fixtures: paths to the repository's models and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"


def run_archgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m archgen` as a user would: a real process, real exit code."""
    return subprocess.run(
        [sys.executable, "-m", "archgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
    )


@pytest.fixture
def models_dir() -> Path:
    return MODELS
