"""The site's drawing cache treats what it reads back as untrusted: every SVG archgen
writes passes `check_svg`, and anything that could run or load something in a browser
is refused, as is a file whose bytes do not match its name."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

import pytest

from archgen.load.loader import load_model, load_text
from archgen.publish.diagrams import diagram_cache, drawings, render_diagrams
from archgen.publish.journey import load_journey
from archgen.render import svg_cache, svg_text
from archgen.render.pipeline import scene_of
from archgen.render.svg_check import UnsafeSvg, check_svg
from archgen.rules import check
from tests.conftest import MODELS
from tests.render.conftest import CASES

HOSTILE = """\
archgen: 1
name: hostile
title: "Title <script>alert('title')</script> ]]> <!-- <?pi?>"
components:
  - {id: users, kind: client, label: "<svg onload=alert(1)>"}
  - {id: web, kind: compute, label: "<foreignObject>x</foreignObject> &amp; javascript:x"}
connections:
  - {from: users, to: web, label: "<a xlink:href='javascript:alert(1)'>x</a>"}
"""


@pytest.fixture(scope="module")
def stage7_svg() -> str:
    return svg_text(load_model(MODELS / "stage7.yaml"))


def _every_model() -> list[Path]:
    return sorted(MODELS.glob("stage*.yaml")) + sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("path", _every_model(), ids=lambda p: p.stem)
def test_every_svg_archgen_writes_passes(path: Path) -> None:
    loaded = load_model(path)
    findings = check(loaded)
    check_svg(svg_text(loaded, findings).encode())
    highlight = {c.id: "changed" for c in loaded.model.components[:3]}
    check_svg(svg_text(loaded, highlight=highlight).encode())


def test_a_model_full_of_markup_passes() -> None:
    svg = svg_text(load_text(HOSTILE, "hostile.yaml"))
    check_svg(svg.encode())
    assert "<script" not in svg


def _png_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


#: changes a pull request could make to a cached drawing; each must be refused
TAMPERED = {
    "script": lambda s: s.replace("<defs>", "<defs><script>alert(1)</script>", 1),
    "script in another prefix": lambda s: s.replace(
        "<defs>", '<defs><x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>', 1
    ),
    "html script": lambda s: s.replace(
        "<defs>", '<defs><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>', 1
    ),
    "foreignObject": lambda s: s.replace(
        "<defs>", "<defs><foreignObject><div>x</div></foreignObject>", 1
    ),
    "style": lambda s: s.replace("<defs>", "<defs><style>*{}</style>", 1),
    "animation": lambda s: s.replace(
        "<defs>", '<defs><set attributeName="onmouseover" to="alert(1)"/>', 1
    ),
    "link": lambda s: s.replace('<g id="graph0"', '<a xlink:href="#x"><g id="graph0"', 1),
    "event attribute": lambda s: s.replace("<svg ", '<svg onload="alert(1)" ', 1),
    "event attribute on a group": lambda s: s.replace(
        'class="graph"', 'class="graph" onclick="alert(1)"', 1
    ),
    "external image": lambda s: re.sub(
        r'xlink:href="data:[^"]*"', 'xlink:href="https://example.com/x.png"', s, count=1
    ),
    "javascript link": lambda s: re.sub(
        r'xlink:href="#icon-0"', 'xlink:href="javascript:alert(1)"', s, count=1
    ),
    "svg data URI": lambda s: re.sub(
        r'xlink:href="data:[^"]*"',
        'xlink:href="data:image/svg+xml;base64,PHN2Zy8+"',
        s,
        count=1,
    ),
    "data URI that is not a PNG": lambda s: re.sub(
        r'xlink:href="data:[^"]*"',
        'xlink:href="' + _png_uri(b"<script>alert(1)</script>") + '"',
        s,
        count=1,
    ),
    "data URI that is not base64": lambda s: re.sub(
        r'xlink:href="data:[^"]*"', 'xlink:href="data:image/png;base64,&lt;x&gt;"', s, count=1
    ),
    "plain href": lambda s: s.replace("<svg ", '<svg href="#x" ', 1),
    "external url() paint": lambda s: s.replace(
        'fill="white"', 'fill="url(https://example.com/#x)"', 1
    ),
    "xml:base": lambda s: s.replace("<svg ", '<svg xml:base="https://example.com/" ', 1),
    "doctype and entity": lambda s: s.replace(
        "<svg ", '<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg ', 1
    ),
    "comment": lambda s: s.replace("<defs>", "<!-- x --><defs>", 1),
    "processing instruction": lambda s: s.replace(
        "<svg ", '<?xml-stylesheet href="https://example.com/x.css"?>\n<svg ', 1
    ),
    "no declaration": lambda s: s.split("\n", 1)[1],
    "cut short": lambda s: s[: len(s) // 2],
    "not svg": lambda s: s.split("\n", 1)[0] + "\n<html/>",
}


@pytest.mark.parametrize("change", TAMPERED.values(), ids=list(TAMPERED))
def test_a_tampered_drawing_is_refused(stage7_svg: str, change: object) -> None:
    tampered = change(stage7_svg)  # type: ignore[operator]
    assert tampered != stage7_svg
    with pytest.raises(UnsafeSvg):
        check_svg(tampered.encode())


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def _plant(folder: Path, key: str, data: bytes) -> Path:
    path = folder / f"{key}-{hashlib.sha256(data).hexdigest()}.svg"
    path.write_bytes(data)
    return path


def test_a_stored_drawing_is_read_back(cache: Path, stage7_svg: str) -> None:
    key = "a" * 64
    svg_cache.store(cache, key, stage7_svg)
    (stored,) = cache.iterdir()
    assert stored.name == f"{key}-{hashlib.sha256(stage7_svg.encode()).hexdigest()}.svg"
    assert svg_cache.read(cache, key) == stage7_svg
    assert svg_cache.read(cache, "b" * 64) is None


def test_a_file_whose_bytes_do_not_match_its_name_is_ignored(cache: Path, stage7_svg: str) -> None:
    key = "a" * 64
    svg_cache.store(cache, key, stage7_svg)
    (stored,) = cache.iterdir()
    stored.write_text(stage7_svg.replace("Multi", "Mono"))
    assert svg_cache.read(cache, key) is None


def test_a_planted_script_with_a_matching_name_is_ignored(cache: Path, stage7_svg: str) -> None:
    key = "a" * 64
    _plant(cache, key, TAMPERED["script"](stage7_svg).encode())  # type: ignore[no-untyped-call]
    assert svg_cache.read(cache, key) is None


def test_a_fifo_does_not_block_and_a_huge_file_is_not_read(
    cache: Path, stage7_svg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "a" * 64
    os.mkfifo(cache / f"{key}-{'0' * 64}.svg")
    assert svg_cache.read(cache, key) is None
    monkeypatch.setattr(svg_cache, "MAX_BYTES", 1000)
    _plant(cache, key, stage7_svg.encode())
    assert svg_cache.read(cache, key) is None


def test_a_folder_others_may_write_is_not_used(cache: Path, stage7_svg: str) -> None:
    key = "a" * 64
    svg_cache.store(cache, key, stage7_svg)
    cache.chmod(0o777)
    assert svg_cache.read(cache, key) is None
    svg_cache.store(cache, "b" * 64, stage7_svg)
    assert len(list(cache.iterdir())) == 1


def test_prune_removes_only_old_drawings(cache: Path, stage7_svg: str) -> None:
    svg_cache.store(cache, "a" * 64, stage7_svg)
    svg_cache.store(cache, "b" * 64, stage7_svg)
    (cache / "notes.txt").write_text("not a drawing")
    svg_cache.prune(cache, ["b" * 64])
    names = sorted(p.name[:1] for p in cache.iterdir())
    assert names == ["b", "n"]


def _two_stage_journey(tmp_path: Path) -> Path:
    models = tmp_path / "models"
    models.mkdir()
    for name in ("stage1.yaml", "stage2.yaml"):
        (models / name).write_bytes((MODELS / name).read_bytes())
    return models


def test_the_site_uses_the_checked_drawings_and_only_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = load_journey(_two_stage_journey(tmp_path))
    cache = diagram_cache(tmp_path / "cache", journey.models_dir)
    first = render_diagrams(journey, cache)
    assert set(first) == {"stage1", "stage2", "stage2-changes"}
    assert len(list(cache.glob("*.svg"))) == 3
    # drawn once: a rebuild reads them all back, so it needs no Graphviz
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert render_diagrams(journey, cache) == first
    # a planted drawing for a key the site asks for is not used: drawn again instead
    monkeypatch.undo()
    for path in cache.glob("*.svg"):
        path.unlink()
    stage1 = next(d for d in drawings(journey) if d.stem == "stage1")
    key = svg_cache.drawing_key(scene_of(stage1.loaded, stage1.findings))
    planted = first["stage1"].replace("<defs>", "<defs><script>alert(1)</script>", 1)
    _plant(cache, key, planted.encode())
    again = render_diagrams(journey, cache)
    assert again == first and "<script" not in again["stage1"]


def test_a_change_of_the_dot_writer_changes_the_drawing_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kept site drawing of an older writer is drawn again, even if the render version
    was not bumped: the key covers the DOT text Graphviz lays out."""
    from archgen.render import dot

    scene = scene_of(load_model(MODELS / "stage3.yaml"))
    before = svg_cache.drawing_key(scene)
    assert svg_cache.drawing_key(scene) == before  # stable
    monkeypatch.setitem(dot.EDGE_STYLES, "sync", 'color="#000000"')
    assert svg_cache.drawing_key(scene) != before
