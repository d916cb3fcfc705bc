"""The corpus of real architectures (`examples/real/`): every model loads, draws each
component with its own icon, and every finding archgen reports on it has been reviewed
by hand (`reviews.py`): the true ones must be reported, and nothing else may appear but
what the review calls noise — a false positive fails the test. Each weakness archgen
misses but a rule should catch stays listed until the rule reports it; that day the
test fails, and its entry moves to the true ones.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache

import pytest

from archgen.load.loader import LoadedModel, load_model
from archgen.model.schema import Generic
from archgen.rules import check
from archgen.rules.finding import Finding
from tests.conftest import ROOT
from tests.examples.reviews import MISSED, NOISE, TRUE, Pair

REAL = ROOT / "examples" / "real"
NAMES = sorted(path.stem for path in REAL.glob("*.yaml"))
#: the header every model starts with: where it comes from and what it covers
HEADER_LINES = ("Source", "Commit", "Licence", "Resources", "Left out", "Findings")


@cache
def _loaded(name: str) -> LoadedModel:
    return load_model(REAL / f"{name}.yaml")


@cache
def _reported(name: str) -> frozenset[Pair]:
    findings: list[Finding] = check(_loaded(name))
    assert all(f.component is not None for f in findings), "a model-level finding"
    return frozenset((f.rule, f.component) for f in findings if f.component is not None)


def test_the_corpus_has_the_ten_reviewed_architectures() -> None:
    assert len(NAMES) >= 8
    assert set(NAMES) == set(TRUE) == set(NOISE) == set(MISSED)


@pytest.mark.parametrize("name", NAMES)
def test_the_header_names_source_licence_and_coverage(name: str) -> None:
    text = (REAL / f"{name}.yaml").read_text("utf-8")
    header = text[: text.index("\narchgen: 1")]
    for line in HEADER_LINES:
        assert re.search(rf"^# {line}", header, re.M), f"{name}: no '{line}' in the header"
    words = " ".join(line.lstrip("#") for line in header.splitlines()).split()
    prose = " ".join(words)
    assert "our own description" in prose, name
    modelled = re.search(r"(\d+) architecture-relevant.*?(\d+) modelled \((\d+) %\)", prose)
    assert modelled, f"{name}: the header does not count what was modelled"
    relevant, done, percent = (int(g) for g in modelled.groups())
    assert done >= 0.9 * relevant and percent == round(100 * done / relevant), name


@pytest.mark.parametrize("name", NAMES)
def test_every_true_finding_is_reported(name: str) -> None:
    missing = set(TRUE[name]) - _reported(name)
    assert not missing, f"{name}: true findings no longer reported: {sorted(missing)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_reported_finding_was_reviewed(name: str) -> None:
    reviewed = set(TRUE[name]) | set(NOISE[name])
    unreviewed = _reported(name) - reviewed
    assert not unreviewed, (
        f"{name}: a finding that is neither true nor noise is a false positive to fix in "
        f"the rules, or a new finding to review in reviews.py: {sorted(unreviewed)}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_noise_entry_is_still_reported(name: str) -> None:
    """A rule made more precise stops reporting some noise: its entry goes, so that the
    corpus's noise count stays what archgen reports today."""
    stale = set(NOISE[name]) - _reported(name)
    assert not stale, f"{name}: no longer reported, remove from NOISE: {sorted(stale)}"


def test_the_verdicts_do_not_overlap() -> None:
    for name in NAMES:
        missed = {(rule, component) for rule, component, _ in MISSED[name] if rule}
        true, noise = set(TRUE[name]), set(NOISE[name])
        assert not (true & noise or missed & (true | noise)), name


@pytest.mark.parametrize("name", NAMES)
def test_a_weakness_a_rule_misses_stays_listed_until_it_is_reported(name: str) -> None:
    """A miss with the rule that should catch it is an expected failure: the day the rule
    reports it, this fails, and the entry moves to TRUE."""
    expected = {(rule, component) for rule, component, _ in MISSED[name] if rule}
    caught = expected & _reported(name)
    assert not caught, f"{name}: reported now, move these to TRUE: {sorted(caught)}"


def test_every_reviewed_component_exists() -> None:
    for name in NAMES:
        ids = {c.id for c in _loaded(name).model.components}
        reviewed = {*TRUE[name], *NOISE[name]}
        named = {component for _, component in reviewed}
        named |= {component for _, component, _ in MISSED[name]}
        assert named <= ids, f"{name}: {sorted(named - ids)}"


@pytest.mark.parametrize("name", NAMES)
def test_it_draws_every_component_with_its_own_icon(name: str) -> None:
    from archgen.render.icons import icon_path
    from archgen.render.pipeline import render_outputs, scene_of

    loaded = _loaded(name)
    scene = scene_of(loaded, check(loaded))
    svg = render_outputs(scene, ["svg"], 96)["svg"].decode("utf-8")
    ids = {element.get("id") for element in ElementTree.fromstring(svg).iter()}
    for component in loaded.model.components:
        assert f"c-{component.id}" in ids, f"{name}: {component.id} is not drawn"
        own = component.icon if isinstance(component, Generic) else component.drawn_service
        assert scene.nodes[component.id].service == own
    files = {icon_path(node.service) for node in scene.nodes.values()}
    assert svg.count("<symbol ") == len(files)
