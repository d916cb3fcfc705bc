"""DOT and Mermaid: reviewed golden files, stable ids, and escaping that nothing breaks."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.load.loader import LoadedModel
from archgen.render.dot import html_text, quoted, to_dot
from archgen.render.mermaid import identifiers, text, to_mermaid
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.scene import build_scene

NASTY = 'a "quoted" <b>&amp;</b> {x} | y \\ z\nnext <script>alert(1)</script> ]; %% `code` #35;'


def _icons() -> dict[str, str]:
    from archgen.render.icon_cache import icon_set

    return icon_set().paths


def test_dot_matches_golden(two_regions: LoadedModel, golden: Callable[[str, str], None]) -> None:
    golden("two_regions.dot", render_outputs(scene_of(two_regions), ["dot"], 96)["dot"].decode())


def test_mermaid_matches_golden(
    two_regions: LoadedModel, golden: Callable[[str, str], None]
) -> None:
    golden("two_regions.mmd", to_mermaid(two_regions.model))


def test_text_formats_are_the_same_every_run(two_regions: LoadedModel) -> None:
    first = render_outputs(scene_of(two_regions), ["mermaid", "dot"], 96)
    second = render_outputs(scene_of(two_regions), ["mermaid", "dot"], 96)
    assert first == second


def test_ids_come_from_component_ids(two_regions: LoadedModel) -> None:
    dot = to_dot(build_scene(two_regions.model), _icons())
    assert '"c-web" [id="c-web"' in dot
    mermaid = to_mermaid(two_regions.model)
    assert 'c_web["Web tier' in mermaid


def test_mermaid_ids_stay_distinct_when_names_map_alike() -> None:
    ids = identifiers(["a-b", "a_b", "web"], "c_")
    assert len(set(ids.values())) == 3
    assert ids["web"] == "c_web"


def test_dot_text_has_no_machine_paths(two_regions: LoadedModel) -> None:
    dot = render_outputs(scene_of(two_regions), ["dot"], 96)["dot"].decode()
    assert "site-packages" not in dot.split("\n", 2)[2]
    assert re.search(r'SRC="resources/aws/compute/ec2\.png"', dot)


def _model_with(label: str) -> str:
    escaped = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f"""
archgen: 1
name: nasty
title: "{escaped}"
regions:
  - name: r1
    zones: [r1a]
    networks:
      - name: vpc
        cidr: 10.0.0.0/16
        subnets: [{{name: s1, zone: r1a}}]
components:
  - {{id: a, kind: compute, label: "{escaped}", subnets: [s1]}}
  - {{id: b, kind: database, label: "{escaped}", subnets: [s1]}}
connections:
  - {{from: a, to: b, label: "{escaped}"}}
"""


def test_nasty_labels_survive_dot(model_from_text: Callable[[str], LoadedModel]) -> None:
    loaded = model_from_text(_model_with(NASTY))
    svg = render_outputs(scene_of(loaded), ["svg"], 96)["svg"].decode()
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert svg.count("&lt;b&gt;&amp;amp;&lt;/b&gt;") >= 3  # both node labels and the edge


def test_nasty_labels_stay_inside_mermaid_strings(
    model_from_text: Callable[[str], LoadedModel],
) -> None:
    mermaid = to_mermaid(model_from_text(_model_with(NASTY)).model)
    for line in mermaid.splitlines():
        # every quote on a line opens or closes a label; label text holds no raw quote
        assert line.count('"') % 2 == 0, line
    assert "<script>" not in mermaid and "<b>" not in mermaid
    assert "#60;script#62;" in mermaid
    plain = to_mermaid(model_from_text(_model_with("x")).model)
    assert len(mermaid.splitlines()) == len(plain.splitlines())


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_escaped_text_has_no_syntax_characters(value: str) -> None:
    dot_label = html_text(value)
    assert not set(dot_label) & set("<>\"'\n[]{}|\\")
    assert re.sub(r"&(#\d+|amp|lt|gt|quot);", "", dot_label).count("&") == 0
    mermaid_label = text(value)
    assert not set(re.sub(r"#\d+;", "", mermaid_label)) & set('"#&<>;%|{}[]`\\')
    assert len(mermaid_label.splitlines()) <= 1 and len(dot_label.splitlines()) <= 1
    quoted_id = quoted(value)
    assert quoted_id.startswith('"') and quoted_id.endswith('"')
    assert re.fullmatch(r'"(?:[^"\\\x00-\x1f]|\\.)*"', quoted_id, re.S)


@pytest.mark.parametrize("label", [NASTY, "x" * 200, "ünïcödé 한국어 ×–·", "\\", '"', "}"])
def test_graphviz_parses_every_label(
    label: str, model_from_text: Callable[[str], LoadedModel]
) -> None:
    loaded = model_from_text(_model_with(label))
    dot = to_dot(build_scene(loaded.model), _icons())
    from archgen.render.icon_cache import icon_set

    command = ["dot", f"-Gimagepath={icon_set().root}", "-Tcanon"]
    result = subprocess.run(command, input=dot.encode(), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning" not in result.stderr and b"Error" not in result.stderr


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60))
def test_graphviz_parses_any_label(label: str) -> None:
    import xml.etree.ElementTree as ElementTree

    from archgen.model.schema import Model

    model = Model.model_validate(
        {
            "archgen": 1,
            "name": "fuzz",
            "title": label,
            "components": [
                {"id": "a", "kind": "compute", "label": label, "description": label},
                {"id": "b", "kind": "cache", "label": label},
            ],
            "connections": [{"from": "a", "to": "b", "label": label}],
        },
    )
    scene = build_scene(model)
    # dot parses it (a ToolError otherwise) and the SVG made of it is valid XML
    svg = render_outputs(scene, ["svg"], 96)["svg"]
    ElementTree.fromstring(svg)
    mermaid = to_mermaid(model)
    assert all(line.count('"') % 2 == 0 for line in mermaid.splitlines())


def test_layout_hints_become_graphviz_and_mermaid_directions(two_regions: LoadedModel) -> None:
    from archgen.model.schema import Layout

    hints = Layout(direction="LR", same_rank=[["alb", "alb-usw2"]])
    model = two_regions.model.model_copy(update={"layout": hints})
    scene = build_scene(model)
    dot = to_dot(scene, _icons())
    assert "rankdir=LR" in dot and "rankdir=TB" not in dot
    assert '  {rank=same; "c-alb-usw2"; "c-alb";}' in dot
    # LR turns the picture: the chain is reversed so that the first given is on top
    assert '  "c-alb-usw2" -> "c-alb" [style=invis, weight=10];' in dot
    assert to_mermaid(model).startswith("flowchart LR\n")
    down = build_scene(model.model_copy(update={"layout": Layout(same_rank=[["alb", "web"]])}))
    assert '  "c-alb" -> "c-web" [style=invis, weight=10];' in to_dot(down, _icons())
