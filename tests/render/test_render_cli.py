"""`archgen render` as a user runs it: files, exit codes, messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import MODELS, run_archgen
from tests.render.conftest import CASES

MODEL = str(CASES / "two_regions.yaml")


def test_plain_render_writes_svg_and_png_in_the_current_folder(tmp_path: Path) -> None:
    result = run_archgen("render", MODEL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "two_regions.png",
        "two_regions.svg",
    ]
    assert "1 file checked" in result.stderr
    assert result.stdout.split() == ["two_regions.svg", "two_regions.png"]


def test_formats_and_output_folder(tmp_path: Path) -> None:
    result = run_archgen(
        "render", MODEL, "-o", str(tmp_path / "out"), "--format", "mermaid,dot", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("two*")) == [
        "two_regions.dot",
        "two_regions.mmd",
    ]


def test_bad_format_is_exit_2(tmp_path: Path) -> None:
    result = run_archgen("render", MODEL, "--format", "svg,gif", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown format 'gif'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_model_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("archgen: 1\nname: x\ncomponents:\n  - {id: a, kind: compute, nodes: 2}\n")
    result = run_archgen("render", MODEL, str(broken), "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "broken.yaml:4:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_graphviz_is_exit_3_with_install_hint(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = subprocess.run(
        [sys.executable, "-m", "archgen", "render", MODEL],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert not list(tmp_path.glob("two_regions.*"))


def test_findings_at_fail_on_exit_1_but_files_are_written(tmp_path: Path) -> None:
    (tmp_path / "pub.yaml").write_text(
        "archgen: 1\nname: pub\nstage: 9\ncomponents:\n  - {id: db, kind: database, public: true}\n"
    )
    result = run_archgen(
        "render", "pub.yaml", "--format", "dot", "--highlight-findings", cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "error SEC001 [db]" in result.stderr  # the text report, on stderr
    dot = (tmp_path / "pub.dot").read_text()
    assert 'COLOR="#D13212"' in dot and "SEC001" in dot  # red outline, rule ids
    never = run_archgen("render", "pub.yaml", "--fail-on", "never", "--format", "dot", cwd=tmp_path)
    assert never.returncode == 0
    plain = (tmp_path / "pub.dot").read_text()
    assert "SEC001" not in plain  # without --highlight-findings nothing is drawn


def test_several_models_render_in_parallel(tmp_path: Path, models_dir: Path) -> None:
    models = [str(models_dir / "stage1.yaml"), str(models_dir / "stage2.yaml"), MODEL]
    result = run_archgen("render", *models, "-o", "out", "--format", "svg", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.svg")) == [
        "stage1.svg",
        "stage2.svg",
        "two_regions.svg",
    ]


def test_same_name_twice_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(CASES / "two_regions.yaml", other / "two_regions.yaml")
    result = run_archgen("render", MODEL, str(other / "two_regions.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert "would overwrite" in result.stderr


def test_a_model_named_like_another_models_view_is_refused(tmp_path: Path) -> None:
    """`stage9.data.yaml` would write `stage9.data.svg`, the drawing of stage 9's `data`
    view: refused before anything is drawn, whichever is named first."""
    for model in MODELS.glob("stage*.yaml"):
        shutil.copy(model, tmp_path / model.name)
    shutil.copy(MODELS / "stage1.yaml", tmp_path / "stage9.data.yaml")
    for order in (("stage9.yaml", "stage9.data.yaml"), ("stage9.data.yaml", "stage9.yaml")):
        result = run_archgen("render", *order, "-o", "out", "--format", "svg", cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines()[-1] == (
            f"{order[1]}: would overwrite the diagrams of {order[0]} (stage9.data.*); "
            "render them into different folders with -o"
        )
        assert not (tmp_path / "out").exists()


def test_every_format_is_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "archgen", "render", MODEL, "-o", str(out)]
        command += ["--format", "svg,png,mermaid,dot", "--fail-on", "never"]
        subprocess.run(command, capture_output=True, cwd=tmp_path, env=env, check=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("two_regions.*"))})
    assert len(outputs[0]) == 4
    assert outputs[0] == outputs[1]


def test_unwritable_output_folder_is_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    result = run_archgen("render", MODEL, "-o", "afile/sub", "--format", "dot", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def _with_views(tmp_path: Path) -> str:
    path = tmp_path / "views.yaml"
    path.write_text(
        (CASES / "two_regions.yaml").read_text(encoding="utf-8")
        + "views:\n  - {name: seoul, regions: [ap-northeast-2]}\n  - {name: data, tiers: [data]}\n",
        encoding="utf-8",
    )
    return str(path)


def test_render_writes_every_view_and_view_draws_one(tmp_path: Path) -> None:
    model = _with_views(tmp_path)
    result = run_archgen("render", model, "-o", "all", "--format", "mermaid", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["all/views.mmd", "all/views.seoul.mmd", "all/views.data.mmd"]
    result = run_archgen(
        "render", model, "-o", "one", "--format", "mermaid", "--view", "data", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["one/views.data.mmd"]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["views.data.mmd"]


def test_an_unknown_view_is_exit_2_before_anything_is_drawn(tmp_path: Path) -> None:
    args = ["render", _with_views(tmp_path), MODEL, "-o", "out", "--format", "mermaid"]
    result = run_archgen(*args, "--view", "seol", cwd=tmp_path)
    assert result.returncode == 2
    assert "views.yaml: no view 'seol' (did you mean 'seoul'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    # a model without views says so
    result = run_archgen(
        "render", MODEL, "-o", "out", "--format", "mermaid", "--view", "seoul", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "no view 'seoul': the model declares no views" in result.stderr
