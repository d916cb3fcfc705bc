"""One loader per run: each file read once, parents shared, the run bounded as a whole
(`archgen.load.run`, `archgen.load.budget`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.load.budget import MAX_RUN_BYTES, MAX_RUN_VALUES, RunBudget
from archgen.load.problems import ModelError, RunLimitError
from archgen.load.reader import DiskReader
from archgen.load.run import ModelLoader
from archgen.publish.journey import load_journey
from archgen.validate import validate_paths
from tests.conftest import MODELS
from tests.hostile.hostile_support import (
    chain_over_the_run_limit,
    models_extending_each_other,
    run_in_process,
    validate_args,
)


class CountingReader(DiskReader):
    """A disk reader that counts how often each file is read."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: dict[str, int] = {}

    def read(self, path: str) -> bytes:
        name = Path(path).name
        self.reads[name] = self.reads.get(name, 0) + 1
        return super().read(path)


def test_validate_reads_each_file_once_and_shares_parents(tmp_path: Path) -> None:
    paths = [str(p) for p in models_extending_each_other(tmp_path, models=6, each=3)]
    reader = CountingReader()
    result = validate_paths(paths, ModelLoader(reader))
    assert result.problems == []
    assert reader.reads == {f"m{i:03d}.yaml": 1 for i in range(6)}
    # every model holds the very document of m000 its chain starts from
    first = result.models[0].documents[0]
    assert all(loaded.documents[0] is first for loaded in result.models)


def test_without_a_shared_loader_each_command_line_model_shared_nothing_before(
    tmp_path: Path,
) -> None:
    # `validate_paths` with no loader given makes one for the run (it once loaded each
    # model on its own, parsing and keeping every parent again)
    paths = [str(p) for p in models_extending_each_other(tmp_path, models=4, each=2)]
    result = validate_paths(paths)
    assert len({id(loaded.documents[0]) for loaded in result.models}) == 1


def test_the_site_loads_its_journey_in_one_run() -> None:
    journey = load_journey(MODELS)
    stage1 = journey.stages[0].loaded.document
    assert all(stage.loaded.documents[0] is stage1 for stage in journey.stages)


def test_a_parent_is_resolved_once_per_run(tmp_path: Path) -> None:
    # the values a run counts: each file once, plus what each model inherits, once per
    # model; a parent resolved again would count its inheritance twice
    paths = [str(p) for p in models_extending_each_other(tmp_path, models=5, each=4)]
    loader = ModelLoader()
    for path in [*paths, *paths]:
        loader.load(path)
    sizes = [loader.load(path).document.size for path in paths]
    inherited = sum(sum(sizes[:index]) for index in range(len(sizes)))
    assert loader.budget.values == sum(sizes) + inherited


def test_past_the_values_budget_the_run_stops_at_a_located_file(tmp_path: Path) -> None:
    paths = [str(p) for p in models_extending_each_other(tmp_path, models=8, each=10)]
    loader = ModelLoader(budget=RunBudget(max_values=300))
    result = validate_paths(paths, loader)
    assert len(result.problems) == 1  # one line, then the run stops
    problem = result.problems[0]
    assert Path(problem.path).name == f"m{len(result.models):03d}.yaml"
    assert "the models of this run hold more than 300 values" in problem.message
    assert "check fewer models at once" in problem.message
    with pytest.raises(RunLimitError):  # every later load is refused the same way
        loader.load(paths[0])


def test_past_the_bytes_budget_the_run_stops_at_the_file_read(tmp_path: Path) -> None:
    paths = [str(p) for p in models_extending_each_other(tmp_path, models=3, each=10)]
    limit = Path(paths[1]).stat().st_size + 10
    loader = ModelLoader(budget=RunBudget(max_bytes=limit))
    with pytest.raises(RunLimitError) as caught:
        loader.load(paths[1])  # reads m001, then its parent m000
    (problem,) = caught.value.problems
    assert Path(problem.path).name == "m000.yaml" and (problem.line, problem.column) == (1, 1)
    assert f"more than {limit:,} bytes, the limit for one run" in problem.message


def test_the_limit_stops_a_run_even_while_a_file_is_parsed(tmp_path: Path) -> None:
    (path,) = models_extending_each_other(tmp_path, models=1, each=50)
    with pytest.raises(RunLimitError) as caught:
        ModelLoader(budget=RunBudget(max_values=100)).load(path)
    (problem,) = caught.value.problems
    assert problem.line > 3  # where the 101st value is, not the top of the file
    assert "hold more than 100 values" in problem.message


def test_a_broken_model_does_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("archgen: 1\nname: bad\nbogus: 1\n")
    (tmp_path / "good.yaml").write_text("archgen: 1\nname: good\n")
    result = validate_paths([str(tmp_path / "bad.yaml"), str(tmp_path / "good.yaml")])
    assert len(result.problems) == 1 and len(result.models) == 1
    with pytest.raises(ModelError):
        ModelLoader().load(tmp_path / "bad.yaml")


def test_a_long_chain_stops_at_the_run_limit_through_the_cli(tmp_path: Path) -> None:
    """The test-sized chain: 32 files of 700 components. Each model inherits the values
    of the files above it; their sum passes `MAX_RUN_VALUES` before the top."""
    args = validate_args(tmp_path, chain_over_the_run_limit(tmp_path))
    outcome = run_in_process(*args, cwd=tmp_path)
    assert outcome.code == 2
    (line,) = outcome.stderr.splitlines()
    assert line.endswith(
        f"the models of this run hold more than {MAX_RUN_VALUES:,} values, counting what "
        "each inherits through 'extends': the limit for one run; check fewer models at once"
    )
    assert line.split(":")[0].startswith("c") and ":3:10: " in line  # at an `extends`


def test_the_documented_run_limits_are_the_real_ones() -> None:
    from tests.conftest import ROOT

    page = " ".join((ROOT / "site" / "model-format.md").read_text().split())
    assert f"at most {MAX_RUN_BYTES // 2**20} MiB of models" in page
    assert f"at most {MAX_RUN_VALUES:,} values" in page
