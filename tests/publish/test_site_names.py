"""Model file names become page and diagram names: none may replace another's, or one
of the site's own pages, and none may be too long for the files derived from it."""

from __future__ import annotations

import shutil
from pathlib import Path

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


def test_a_model_named_like_a_changes_diagram_is_refused(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    add_model(models, "stage2.yaml")
    add_model(models, "stage2-changes.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "models/stage2-changes.yaml:1:1: a model named 'stage2-changes' would replace the "
        "diagram of the changes in models/stage2.yaml; rename the file"
    )


def test_a_model_named_like_a_view_drawing_is_refused(tmp_path: Path) -> None:
    """`stage2.data.yaml` would write `stage2.data.svg`, the name of the drawing of a
    `data` view of stage2.yaml: refused by name, whatever views stage 2 has today."""
    models = one_model(tmp_path)
    add_model(models, "stage2.yaml")
    add_model(models, "stage2.data.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "models/stage2.data.yaml:1:1: a model named 'stage2.data' would replace the drawing "
        "of a view of models/stage2.yaml (stage2.data.svg); rename the file"
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


def test_a_model_named_like_a_dark_drawing_is_refused(tmp_path: Path) -> None:
    """The site draws every diagram twice, light and dark (``<stem>-dark.svg``)."""
    models = one_model(tmp_path)
    add_model(models, "stage2.yaml")
    add_model(models, "stage2-changes-dark.yaml")
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "models/stage2-changes-dark.yaml:1:1: a model named 'stage2-changes-dark' would "
        "replace the dark drawing of the changes in models/stage2.yaml; rename the file"
    )
