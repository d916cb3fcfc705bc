"""Model file names become page and diagram names: none may replace another's, or one
of the site's own pages, and none may be too long for the files derived from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archgen.publish import diagrams, pages
from archgen.publish.journey import CHANGES_SUFFIX, MAX_STEM_BYTES, SITE_PAGES
from archgen.publish.plugin import load_content
from tests.conftest import MODELS, run_archgen
from tests.publish.test_site_output import one_model


def add_model(models: Path, name: str) -> None:
    """A valid model (stage 2, which extends stage1.yaml) saved as `name`."""
    shutil.copy(MODELS / "stage2.yaml", models / name)


def test_a_model_named_like_a_site_page_is_refused(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    names = ["caching", "Environments", "index", "pillars", "README", "rules"]
    for name in names:
        add_model(models, f"{name}.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    pages_of = {
        "caching": "caching",
        "Environments": "environment layout",
        "index": "overview",
        "pillars": "pillars",
        "README": "overview",
        "rules": "rules",
    }
    assert result.stderr.splitlines() == sorted(
        f"models/{name}.yaml:1:1: a model named {name!r} would replace the site's "
        f"{pages_of[name]} page; rename the file"
        for name in names
    )
    assert not (tmp_path / "site").exists()


#: a model named like one of the drawings the site makes of stage2.yaml, and what it
#: would replace: `stage2.data.yaml` would write `stage2.data.svg`, the drawing of a
#: `data` view of stage 2 (refused by name, whatever views stage 2 has today); the site
#: draws every diagram twice, light and dark (``<stem>-dark.svg``)
DRAWING_NAMES = {
    "stage2-changes": "the diagram of the changes in models/stage2.yaml",
    "stage2.data": "the drawing of a view of models/stage2.yaml (stage2.data.svg)",
    "stage2-changes-dark": "the dark drawing of the changes in models/stage2.yaml",
}


@pytest.mark.parametrize("name", sorted(DRAWING_NAMES))
def test_a_model_named_like_a_drawing_of_another_is_refused(tmp_path: Path, name: str) -> None:
    models = one_model(tmp_path)
    add_model(models, "stage2.yaml")
    add_model(models, f"{name}.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"models/{name}.yaml:1:1: a model named {name!r} would replace "
        f"{DRAWING_NAMES[name]}; rename the file"
    )
    assert not (tmp_path / "site").exists()


def test_two_models_with_one_stem_are_refused(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    shutil.copy(models / "stage1.yaml", models / "stage1.yml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "models/stage1.yml:1:1: models/stage1.yaml and models/stage1.yml would both be "
        "the site's page 'stage1'; keep one of them, or rename one"
    )
    assert not (tmp_path / "site").exists()


def test_a_long_model_name_is_refused_and_the_site_survives(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    assert run_archgen("site", "models", "-o", "site", cwd=tmp_path).returncode == 0
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "site").rglob("*"))
    long_name = "s" * 245
    add_model(models, f"{long_name}.yaml")  # legal: 250 bytes
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"models/{long_name}.yaml:1:1: the name is too long for the site's files (245 bytes "
        f"before .yaml, at most {MAX_STEM_BYTES}); rename the file"
    )
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "site").rglob("*")) == before
    # the longest name allowed does fit every file derived from it
    (models / f"{long_name}.yaml").rename(models / f"{'s' * MAX_STEM_BYTES}.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_reserved_names_are_the_pages_the_site_makes() -> None:
    """journey.py refuses the names pages.py and diagrams.py use: they stay in step."""
    content = load_content(MODELS)
    slugs = {stage.slug for stage in content.journey.stages}
    top_level = {path.split("/")[0].removesuffix(".md") for path in pages.render_pages(content)}
    assert top_level - slugs - {"assets"} == set(SITE_PAGES) - {"readme"}
    for stage in content.journey.stages:
        assert pages.changes_file(stage) == f"{stage.slug}{CHANGES_SUFFIX}.svg"
        assert diagrams.changes_stem(stage.slug) == f"{stage.slug}{CHANGES_SUFFIX}"
