"""Schema problems in bulk: each kind is shown at most 100 times, then counted."""

from __future__ import annotations

import pytest

from archgen.load.loader import load_text
from archgen.load.problems import MAX_REPORTED, ModelError


def _problems(text: str) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_text(text, "big.yaml")
    return [str(p) for p in caught.value.problems]


def test_unknown_keys_past_the_cap_are_counted_on_one_line() -> None:
    keys = "".join(f"    key{i}: 1\n" for i in range(250))
    lines = _problems(f"archgen: 1\nname: m\ncomponents:\n  - id: web\n    kind: compute\n{keys}")
    assert len(lines) == MAX_REPORTED + 1
    assert lines[0] == "big.yaml:6:5: unknown key 'key0'"
    assert lines[MAX_REPORTED - 1] == "big.yaml:105:5: unknown key 'key99'"
    assert (
        lines[-1]
        == "big.yaml:106:5: ...and 150 more unknown keys (not shown): fix these, then run again"
    )


def test_each_kind_has_its_own_cap() -> None:
    components = "".join(
        f"  - {{id: c{i}, kind: cache, nodes: '2', colour: red}}\n" for i in range(120)
    )
    lines = _problems(f"archgen: 1\nname: m\ncomponents:\n{components}")
    assert sum("unknown key 'colour'" in line for line in lines) == MAX_REPORTED
    assert sum("expected a whole number" in line for line in lines) == MAX_REPORTED
    assert lines[-2:] == [
        "big.yaml:104:36: ...and 20 more problems like those above (not shown): fix these, "
        "then run again",
        "big.yaml:104:41: ...and 20 more unknown keys (not shown): fix these, then run again",
    ]
