"""Property-based tests: random valid models go through every stage of the pipeline
without an exception; random mutations of the nine journey models never produce a
traceback (every outcome is exit 0, 1 or 2, with a message).

Bounded for CI (a few dozen examples each); `ARCHGEN_FUZZ_EXAMPLES=2000 pytest
tests/hostile/test_hostile_properties.py` runs a long fuzzing session.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.diff import compare
from archgen.diff.formats import as_json, as_text
from archgen.diff.markdown import as_markdown
from archgen.load.loader import LoadedModel, load_text
from archgen.render import render_files, svg_text
from archgen.render.mermaid import to_mermaid
from archgen.rules import check
from tests.conftest import MODELS
from tests.hostile.hostile_support import run_in_process
from tests.hostile.model_strategies import EXAMPLES, models, mutated
from tests.hostile.test_hostile_corpus import check_located

JOURNEY = sorted(p.name for p in MODELS.glob("stage*.yaml"))
PROFILE = settings(
    max_examples=EXAMPLES or 15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def load(data: dict[str, Any], name: str = "random.yaml") -> LoadedModel:
    """Dump `data` as YAML text and load it the way a file is loaded."""
    return load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), name)


@PROFILE
@given(models())
def test_a_random_valid_model_loads_validates_and_renders(data: dict[str, Any]) -> None:
    loaded = load(data)
    findings = check(loaded)
    with tempfile.TemporaryDirectory() as folder:
        paths = render_files(loaded, Path(folder), "random", ["mermaid", "dot"], findings=findings)
        assert paths["dot"].read_text("utf-8").rstrip().endswith("}")
    assert to_mermaid(loaded.model, findings=findings).startswith("flowchart")


@PROFILE
@given(models(odd_names=True), models())
def test_any_two_random_models_diff(old: dict[str, Any], new: dict[str, Any]) -> None:
    before, after = load(old, "old.yaml"), load(new, "new.yaml")
    diff = compare(before, after)
    as_text(diff)
    as_json(diff)
    as_markdown(diff)
    assert compare(after, after).is_empty


@settings(PROFILE, max_examples=EXAMPLES or 3)
@given(models())
def test_a_random_model_draws_with_graphviz(data: dict[str, Any]) -> None:
    """A few through real `dot`: whatever the text, Graphviz accepts the DOT."""
    loaded = load(data)
    svg = svg_text(loaded)
    assert svg.rstrip().endswith("</svg>")


@pytest.fixture(scope="module")
def journey_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the nine models, so a mutated stage still finds the stage it extends."""
    folder = tmp_path_factory.mktemp("journey")
    for name in JOURNEY:
        shutil.copy(MODELS / name, folder / name)
    return folder


def _mutant_outcome(folder: Path, stage: str, text: str, command: list[str]) -> None:
    (folder / "mutant.yaml").write_text(text, "utf-8", newline="")
    outcome = run_in_process(*command, cwd=folder)
    assert outcome.code in (0, 1, 2), outcome
    if outcome.code == 2:
        check_located(outcome.stderr)
        assert outcome.stderr.strip(), "exit 2 says what is wrong"
    else:
        assert outcome.stdout.strip(), "a report, a diagram path or a diff"


@settings(PROFILE, max_examples=EXAMPLES or 60)
@given(st.sampled_from(JOURNEY), st.data())
def test_a_mutated_journey_model_never_crashes_validate(
    journey_copy: Path, stage: str, data: st.DataObject
) -> None:
    text = data.draw(mutated((MODELS / stage).read_text("utf-8")))
    _mutant_outcome(journey_copy, stage, text, ["validate", "mutant.yaml"])


@settings(PROFILE, max_examples=EXAMPLES or 15)
@given(st.sampled_from(JOURNEY), st.data())
def test_a_mutated_journey_model_never_crashes_render_or_diff(
    journey_copy: Path, stage: str, data: st.DataObject
) -> None:
    text = data.draw(mutated((MODELS / stage).read_text("utf-8")))
    out = journey_copy / "out"
    _mutant_outcome(
        journey_copy,
        stage,
        text,
        ["render", "mutant.yaml", "-o", str(out), "--format", "mermaid,dot"],
    )
    _mutant_outcome(journey_copy, stage, text, ["diff", stage, "mutant.yaml"])


def test_mutants_in_a_real_process(journey_copy: Path) -> None:
    """A few mutants through a real `archgen` process: exit code and no traceback."""
    lines = (MODELS / "stage9.yaml").read_text("utf-8").split("\n")
    for cut in (5, len(lines) // 2):
        mutant = "\n".join([*lines[:cut], "\t" + lines[cut], *lines[cut + 1 :]])
        (journey_copy / "mutant.yaml").write_text(mutant, "utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "archgen", "validate", "mutant.yaml"],
            cwd=journey_copy,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        check_located(result.stderr)
        assert "tab character" in result.stderr
