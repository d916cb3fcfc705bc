"""`dot` started ahead of time (`start_early`): same pictures, nothing left running."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archgen.load.loader import load_model
from archgen.render import graphviz
from archgen.render.dot import to_dot
from archgen.render.icon_cache import icon_set
from archgen.render.pipeline import scene_of
from archgen.rules import check
from tests.conftest import MODELS, run_archgen


def _dot_text() -> tuple[str, Path]:
    icons = icon_set()
    return to_dot(scene_of(load_model(MODELS / "stage7.yaml")), icons.paths), icons.root


def test_an_early_dot_draws_the_same_svg() -> None:
    text, root = _dot_text()
    plain = graphviz.run_dot(text, ["svg"], image_path=root)
    graphviz.start_early(["svg"], image_path=root)
    assert len(graphviz._STARTED) == 1
    early = graphviz.run_dot(text, ["svg"], image_path=root)
    assert graphviz._STARTED == {}  # used up
    assert early == plain and early["svg"].startswith(b"<?xml")


def test_an_early_dot_for_other_arguments_is_not_used() -> None:
    text, root = _dot_text()
    graphviz.start_early(["svg"], image_path=root, dpi=150)
    try:
        graphviz.run_dot(text, ["svg"], image_path=root, dpi=96)
        assert len(graphviz._STARTED) == 1  # still waiting: its arguments differ
    finally:
        processes = list(graphviz._STARTED.values())
        graphviz.stop_early()
    assert graphviz._STARTED == {} and all(p.returncode is not None for p in processes)


def test_several_formats_are_not_started_early() -> None:
    graphviz.start_early(["svg", "png"], image_path=Path("."))
    assert graphviz._STARTED == {}


def _dot_children() -> list[str]:
    """`dot` processes whose parent is gone or is this test's child (none should be)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
                stat = (entry / "stat").read_text().split()
            except OSError:
                continue
            if command and command[0].endswith(b"/dot") and stat[3] != str(os.getpid()):
                found.append(entry.name)
    return found


def test_a_model_that_does_not_load_leaves_no_dot_running(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("archgen: 1\nname: broken\ncomponents: [{id: w, kind: compute, nodes: 2}]\n")
    before = set(_dot_children())
    result = run_archgen("render", str(broken), "-o", str(tmp_path / "out"), "--format", "svg")
    assert result.returncode == 2 and "'nodes' is a setting of a cache" in result.stderr
    assert not (tmp_path / "out").exists()
    assert set(_dot_children()) <= before


@pytest.mark.parametrize("stage", range(1, 10))
def test_findings_do_not_change_the_layout_unless_highlighted(stage: int) -> None:
    """What lets `archgen render` lay out while the rules run: without
    --highlight-findings, findings only add tooltips, which are not in the DOT."""
    loaded = load_model(MODELS / f"stage{stage}.yaml")
    findings = check(loaded)
    paths = icon_set().paths
    bare = to_dot(scene_of(loaded), paths)
    assert to_dot(scene_of(loaded, findings, highlight_findings=False), paths) == bare
    if any(f.severity != "info" and f.component for f in findings):
        assert to_dot(scene_of(loaded, findings, highlight_findings=True), paths) != bare


def test_a_fed_dot_is_used_only_for_the_same_text() -> None:
    text, root = _dot_text()
    plain = graphviz.run_dot(text, ["svg"], image_path=root)
    graphviz.start_early(["svg"], image_path=root)
    graphviz.feed_early(text, ["svg"], image_path=root)
    assert graphviz._STARTED == {} and len(graphviz._FED) == 1
    assert graphviz.run_dot(text, ["svg"], image_path=root) == plain
    assert graphviz._FED == {}

    graphviz.start_early(["svg"], image_path=root)
    graphviz.feed_early(text + "// another graph\n", ["svg"], image_path=root)
    try:
        assert graphviz.run_dot(text, ["svg"], image_path=root) == plain
        assert len(graphviz._FED) == 1  # another graph: left alone
    finally:
        processes = list(graphviz._FED.values())
        graphviz.stop_early()
    assert graphviz._FED == {} and all(p.returncode is not None for p in processes)
