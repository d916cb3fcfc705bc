"""The benchmark generator makes valid, realistic models whose findings grow with size."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from archgen.load.loader import load_text
from archgen.rules import check

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("components", "regions"), [(6, 1), (13, 2), (200, 3)])
def test_generated_model_loads_with_exact_size(components: int, regions: int) -> None:
    loaded = load_text(_generator().generate_model(components, regions), "generated.yaml")
    model = loaded.model
    assert len(model.components) == components
    assert len(model.regions) == regions
    assert all(c.source in {x.id for x in model.components} for c in model.connections)


def test_generated_findings_are_the_planted_ones() -> None:
    loaded = load_text(_generator().generate_model(805), "generated.yaml")
    pairs = {(f.rule, f.component) for f in check(loaded)}
    # 100 stacks: stacks 9, 19, ... have a single-node cache, 4, 14, ... a queue without DLQ
    assert {c for r, c in pairs if r == "REL008"} == {f"s{i}-cache" for i in range(9, 100, 10)}
    assert {c for r, c in pairs if r == "REL014"} == {f"s{i}-jobs" for i in range(4, 100, 10)}
    assert {r for r, _ in pairs} == {"REL001", "REL008", "REL014"}


def test_sizes_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError):
        _generator().generate_model(3)
    with pytest.raises(ValueError):
        _generator().generate_model(100, regions=9)
