"""Independent models on the site: a model with neither `stage` nor `extends` stands on
its own (no "builds on", no changes), and the plugin's `examples` option gives a folder
of them a page each and an index, beside the journey."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archgen.publish import pages
from archgen.publish.journey import load_journey
from archgen.publish.plugin import ModelsError, load_content
from tests.conftest import MODELS, ROOT
from tests.publish.test_plugin import make_project, mkdocs, nav_titles

REAL = ROOT / "examples" / "real"
TWO = ("containers.yaml", "static-site.yaml")


def _folder(tmp_path: Path, names: tuple[str, ...], source: Path = REAL) -> Path:
    folder = tmp_path / "models"
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(source / name, folder / name)
    return folder


def test_models_without_stage_or_extends_stand_outside_the_journey(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ("stage1.yaml", "stage2.yaml"), MODELS)
    for name in TWO:
        shutil.copy(REAL / name, folder / name)
    (folder / "x-later.yaml").write_text("archgen: 1\nname: x-later\nextends: stage2.yaml\n")
    stages = {s.slug: s for s in load_journey(folder, root=tmp_path).stages}
    for name in ("containers", "static-site"):
        assert stages[name].standalone
        assert stages[name].previous is None and stages[name].diff is None
    # the journey goes on around them: stage 2 builds on stage 1, and a model without a
    # stage that extends another builds on the journey's last stage, not on an example
    assert not stages["stage1"].standalone and stages["stage2"].previous is stages["stage1"]
    assert not stages["x-later"].standalone
    assert stages["x-later"].previous is stages["stage2"] and stages["x-later"].diff


def test_examples_get_pages_of_their_own_under_examples(tmp_path: Path) -> None:
    examples = _folder(tmp_path, TWO)
    content = load_content(MODELS, examples_dir=examples)
    assert content.examples is not None
    rendered = pages.render_pages(content)
    assert {"examples/index.md", "examples/containers.md", "examples/static-site.md"} <= set(
        rendered
    )
    page = rendered["examples/containers.md"]
    assert "](../examples/containers.svg)" in page  # beside its page, in examples/
    assert "builds on" not in page and "## What changed" not in page
    assert "## Where the journey starts" not in page and "-changes.svg" not in page
    assert "This model records no trade-off." in page
    index = rendered["examples/index.md"]
    assert "ECS on EC2 behind an ALB" in index and "(../examples/static-site.md)" in index
    nav = pages.navigation(content, "arch/")
    listed = next(e["Examples"] for e in nav if isinstance(e, dict) and "Examples" in e)
    assert listed[0] == {"All examples": "arch/examples/index.md"}
    assert list(listed[-1].values()) == ["arch/examples/static-site.md"]


def test_the_plugin_builds_the_examples_beside_the_journey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    project = make_project(tmp_path, {"examples": "examples"})
    shutil.copytree(_folder(tmp_path / "src", TWO), project / "examples")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site" / "arch"
    for page in ("examples/index.html", "examples/containers/index.html", "stage2/index.html"):
        assert (site / page).is_file(), page
    svg = (site / "examples" / "containers.svg").read_text().lstrip()
    assert svg.startswith(("<?xml", "<svg"))
    assert not list((site / "examples").glob("*-changes.svg"))
    home = nav_titles(project / "site")
    assert home.index("Stage 2 · Database on its own server") < home.index("All examples")
    assert "ECS on EC2 behind an ALB (ecs-refarch-cloudformation)" in home


def test_problems_of_both_folders_are_reported_together(tmp_path: Path) -> None:
    models = _folder(tmp_path / "journey", ("stage1.yaml",), MODELS)
    (models / "examples.yaml").write_text("archgen: 1\nname: examples\n")
    examples = _folder(tmp_path / "gallery", ("containers.yaml",))
    (examples / "broken.yaml").write_text("archgen: 1\nname: broken\nstage: x\n")
    with pytest.raises(ModelsError) as raised:
        load_content(models, root=tmp_path, examples_dir=examples)
    message = str(raised.value)
    assert "broken.yaml:3:" in message
    assert "would replace the index of the examples" in message
