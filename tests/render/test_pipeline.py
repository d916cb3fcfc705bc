"""render_files: files replaced as a set, nothing trusted from the output folder,
failures that keep old files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from archgen.errors import ToolError
from archgen.load.loader import LoadedModel
from archgen.render import pipeline, render_files, svg_text

ALL = ["svg", "png", "mermaid", "dot"]


def test_writes_every_format_named_after_the_stem(two_regions: LoadedModel, tmp_path: Path) -> None:
    paths = render_files(two_regions, tmp_path, "stage7", ALL)
    assert {fmt: p.name for fmt, p in paths.items()} == {
        "svg": "stage7.svg",
        "png": "stage7.png",
        "mermaid": "stage7.mmd",
        "dot": "stage7.dot",
    }
    assert all(p.stat().st_size > 0 for p in paths.values())
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".stage7.svg")]
    assert leftovers == []  # no temporary file left behind


def test_unknown_format_is_refused(two_regions: LoadedModel, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'jpeg'"):
        render_files(two_regions, tmp_path, "m", ["svg", "jpeg"])


def test_files_in_the_output_folder_are_never_trusted(
    two_regions: LoadedModel, tmp_path: Path
) -> None:
    """A pull request can commit anything into a diagrams folder: a planted SVG and the
    skip-if-unchanged manifest older versions trusted (its key computed as they did)
    must not keep the planted SVG."""
    planted = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    (tmp_path / "m.svg").write_bytes(planted)
    scene = pipeline.scene_of(two_regions)
    key = hashlib.sha256(f"1|svg|96|{scene!r}".encode()).hexdigest()
    manifest = {"key": key, "files": {"svg": hashlib.sha256(planted).hexdigest()}}
    (tmp_path / ".m.archgen-render.json").write_text(json.dumps(manifest))
    paths = render_files(two_regions, tmp_path, "m", ["svg"])
    svg = paths["svg"].read_bytes()
    assert b"<script" not in svg and svg == svg_text(two_regions).encode()


def test_a_failed_render_keeps_the_earlier_files(
    two_regions: LoadedModel,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths = render_files(two_regions, tmp_path, "m", ALL)
    before = {fmt: p.read_bytes() for fmt, p in paths.items()}
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    with pytest.raises(ToolError, match="apt-get install graphviz"):
        render_files(two_regions, tmp_path, "m", ALL, highlight={"web": "changed"})
    assert {fmt: p.read_bytes() for fmt, p in paths.items()} == before


def test_dot_failure_is_a_tool_error(
    two_regions: LoadedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    false = tmp_path / "bin" / "dot"
    false.parent.mkdir()
    false.write_text("#!/bin/sh\necho 'boom' >&2\nexit 1\n")
    false.chmod(0o755)
    monkeypatch.setenv("PATH", str(false.parent))
    with pytest.raises(ToolError, match="boom"):
        render_files(two_regions, tmp_path / "out", "m", ["svg"])
    assert not (tmp_path / "out" / "m.svg").exists()


def test_text_formats_need_no_graphviz(
    two_regions: LoadedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    paths = render_files(two_regions, tmp_path, "m", ["mermaid", "dot"])
    assert set(paths) == {"mermaid", "dot"}


def test_svg_text_is_the_rendered_svg(two_regions: LoadedModel, tmp_path: Path) -> None:
    paths = render_files(two_regions, tmp_path, "m", ["svg"])
    assert svg_text(two_regions) == paths["svg"].read_text("utf-8")


def test_stage_models_render(models_dir: Path, tmp_path: Path) -> None:
    from archgen.load.loader import load_model

    for path in sorted(models_dir.glob("stage*.yaml")):
        paths = render_files(load_model(path), tmp_path, path.stem, ["svg", "mermaid", "dot"])
        assert paths["svg"].read_text("utf-8").count("<use ") >= 1, path


def test_highlight_reaches_every_format(two_regions: LoadedModel, tmp_path: Path) -> None:
    marks = {"web": "added", "db": "removed", "cache": "changed"}
    paths = render_files(two_regions, tmp_path, "m", ALL, highlight=marks)
    dot = paths["dot"].read_text()
    assert 'COLOR="#1E8900"' in dot and 'STYLE="dashed"' in dot and 'COLOR="#E07B00"' in dot
    mermaid = paths["mermaid"].read_text()
    assert "style c_web stroke:#1E8900" in mermaid
    assert "style c_db stroke:#D13212,stroke-width:3px,stroke-dasharray:5 3" in mermaid
    assert "style c_cache stroke:#E07B00" in mermaid


ODD_MODELS = {
    "no components": "archgen: 1\nname: empty\n",
    "no regions, no edges": "archgen: 1\nname: one\ncomponents:\n  - {id: a, kind: compute}\n",
    "regional services only": (
        "archgen: 1\nname: r\nregions:\n  - {name: r1, zones: [r1a]}\ncomponents:\n"
        "  - {id: q, kind: queue, region: r1}\n  - {id: m, kind: monitoring, region: r1}\n"
        "  - {id: w, kind: compute, monitoring: m}\n"
        "connections:\n  - {from: w, to: q, mode: read}\n"
    ),
    "blank title and label": (
        "archgen: 1\nname: t\ntitle: '   '\ncomponents:\n  - {id: a, kind: compute, label: ' '}\n"
    ),
}


@pytest.mark.parametrize("text", ODD_MODELS.values(), ids=list(ODD_MODELS))
def test_odd_models_render_in_every_format(text: str, tmp_path: Path) -> None:
    from archgen.load.loader import load_text

    paths = render_files(load_text(text), tmp_path, "odd", ALL)
    assert all(p.stat().st_size > 0 for p in paths.values())


VIEWS = """\
views:
  - {name: seoul, title: Seoul, regions: [ap-northeast-2]}
  - {name: data, tiers: [data]}
"""


@pytest.fixture
def with_views(tmp_path: Path) -> LoadedModel:
    """The two-region model with two views."""
    from archgen.load.loader import load_model
    from tests.render.conftest import CASES

    path = tmp_path / "model" / "views.yaml"
    path.parent.mkdir()
    path.write_text((CASES / "two_regions.yaml").read_text() + VIEWS, encoding="utf-8")
    return load_model(path)


def test_each_view_is_written_beside_the_model(with_views: LoadedModel, tmp_path: Path) -> None:
    paths = render_files(with_views, tmp_path / "out", "m", ["svg", "mermaid"])
    assert {key: p.name for key, p in paths.items()} == {
        "svg": "m.svg",
        "mermaid": "m.mmd",
        "seoul.svg": "m.seoul.svg",
        "seoul.mermaid": "m.seoul.mmd",
        "data.svg": "m.data.svg",
        "data.mermaid": "m.data.mmd",
    }
    seoul = paths["seoul.svg"].read_text(encoding="utf-8")
    assert 'c&#45;web"' in seoul and "c&#45;web&#45;usw2" not in seoul
    assert "Two regions, render test · Seoul" in seoul
    assert "c&#45;web&#45;usw2" in paths["svg"].read_text(encoding="utf-8")


def test_one_view_only(with_views: LoadedModel, tmp_path: Path) -> None:
    paths = render_files(with_views, tmp_path, "m", ["mermaid"], view="data")
    assert {key: p.name for key, p in paths.items()} == {"mermaid": "m.data.mmd"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.data.mmd", "model"]


def test_an_unknown_view_is_an_input_error(with_views: LoadedModel, tmp_path: Path) -> None:
    from archgen.errors import InputError

    with pytest.raises(InputError, match=r"no view 'dat' \(did you mean 'data'\?\)"):
        render_files(with_views, tmp_path / "out", "m", ["mermaid"], view="dat")
    assert not (tmp_path / "out").exists()


def test_a_view_that_fails_to_draw_keeps_every_earlier_file(
    with_views: LoadedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model and its views are one set: `dot` failing on the last view leaves the
    files of the earlier render, the whole model's included, as they were."""
    out = tmp_path / "out"
    paths = render_files(with_views, out, "m", ["svg", "dot"])
    before = {p: p.read_bytes() for p in out.iterdir()}
    real = shutil.which("dot")
    assert real is not None
    wrapper = tmp_path / "bin" / "dot"
    wrapper.parent.mkdir()
    # the real dot, except for the drawing of the data view (its title names it)
    wrapper.write_text(
        "#!/bin/sh\ninput=$(cat)\n"
        "case \"$input\" in *'test · data'*) echo 'layout failed' >&2; exit 1;; esac\n"
        f'printf "%s" "$input" | exec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}:{os.environ['PATH']}")
    with pytest.raises(ToolError, match="layout failed"):
        render_files(with_views, out, "m", ["svg", "dot"], highlight={"web": "changed"})
    assert {p: p.read_bytes() for p in out.iterdir()} == before
    assert set(paths.values()) == set(before)
