"""The site of any set of models: models form a journey only through `extends` (or the
plugin's `journey` order); unrelated models get pages of their own with no journey
wording and no change diagrams; the prose says what the models say, nothing more."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.publish import pages
from archgen.publish.journey import load_journey
from archgen.publish.plugin import ModelsError, load_content
from tests.conftest import MODELS, ROOT
from tests.publish.test_plugin import make_project, mkdocs

UNRELATED = ROOT / "tests" / "publish" / "fixtures" / "unrelated"
#: what only a journey may say: the words of `stage.md.j2`, `stage_changes.md.j2` and
#: the overview when a model builds on another
JOURNEY_WORDING = (
    "builds on",
    "Resolves",
    "previous stage",
    "What changed since",
    "Where the journey starts",
    "journey",
    "Findings resolved",
    "Findings introduced",
)
#: text that was true only of the repository's nine-stage example
EXAMPLE_ONLY = ("seed", "five environments", "QA", "qa")


def _text(html: str) -> str:
    """A built page's visible text (tags dropped), one line."""
    body = html.split('<article class="md-content__inner md-typeset">', 1)[-1]
    body = body.split("</article>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.fixture(scope="module")
def unrelated_site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("unrelated") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "archgen", "site", str(UNRELATED), "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_dir)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # a YAML file without an `archgen:` key is no model: skipped, with a note
    assert "docker-compose.yaml: skipped, not a model" in done.stderr
    return out


def test_unrelated_models_have_no_journey_wording(unrelated_site: Path) -> None:
    for name in ("blog", "payments", "reports"):
        assert (unrelated_site / name / "index.html").is_file(), name
    assert not (unrelated_site / "docker-compose").exists()
    assert not list(unrelated_site.glob("*-changes.svg"))
    for page in ("index.html", "blog/index.html", "payments/index.html", "reports/index.html"):
        text = _text((unrelated_site / page).read_text(encoding="utf-8"))
        assert [w for w in JOURNEY_WORDING if w in text] == [], page
    for page in sorted(unrelated_site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        assert "-changes.svg" not in html, page
        assert "ag-step" not in html, page  # no previous/next between unrelated models


def test_the_environments_page_describes_the_environments_the_models_have(
    unrelated_site: Path,
) -> None:
    text = _text((unrelated_site / "environments" / "index.html").read_text(encoding="utf-8"))
    assert "Serves readers." in text and "Shops test their integration" in text
    assert "sandbox" in text and "custom" in text
    # the standard names appear once, in OPS005's rule, not as environments of a model
    prose = text.replace("`production`, `qa`, `staging`, `dev`, `local`", "")
    prose = prose.replace("production , qa , staging , dev , local", "")
    assert [w for w in EXAMPLE_ONLY if re.search(rf"\b{w}\b", prose)] == []
    assert "Staging" not in prose


def test_a_cache_id_shared_by_unrelated_models_is_two_caches(unrelated_site: Path) -> None:
    text = _text((unrelated_site / "caching" / "index.html").read_text(encoding="utf-8"))
    assert "Page cache" in text and "Rates cache" in text
    assert "across stages" not in text


def test_a_model_builds_on_the_model_it_extends(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("stage1.yaml", "stage2.yaml", "stage3.yaml"):
        shutil.copy(MODELS / name, folder / name)
    (folder / "a-branch.yaml").write_text("archgen: 1\nname: a-branch\nextends: stage1.yaml\n")
    shutil.copy(UNRELATED / "payments.yaml", folder / "payments.yaml")  # stage 3, alone
    journey = load_journey(folder, root=tmp_path)
    stages = {s.slug: s for s in journey.stages}
    assert journey.linked
    assert stages["a-branch"].previous is stages["stage1"]  # not stage 3, the one before
    assert stages["stage3"].previous is stages["stage2"]
    assert stages["stage1"].next is stages["stage2"]
    assert stages["payments"].standalone and stages["payments"].diff is None
    # each stage after the one it builds on; the model on its own last
    order = [s.slug for s in journey.stages]
    assert order.index("stage1") < order.index("a-branch") and order[-1] == "payments"


def test_the_journey_option_orders_models_that_extend_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = load_content(UNRELATED, order=["reports.yaml", "blog.yaml"])
    stages = {s.slug: s for s in content.journey.stages}
    assert stages["blog"].previous is stages["reports"] and stages["blog"].diff is not None
    assert stages["reports"].next is stages["blog"]
    assert stages["payments"].standalone
    page = pages.render_pages(content)["blog.md"]
    assert "builds on [Stage 2 · Nightly reports](reports.md)" in page
    with pytest.raises(ModelsError, match=r"journey: 'missing\.yaml' is not a model file"):
        load_content(UNRELATED, order=["missing.yaml"])
    # in mkdocs.yml
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    project = make_project(tmp_path, {"journey": ["stage2.yaml", "stage1.yaml"]})
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    stage1 = (project / "site" / "arch" / "stage1" / "index.html").read_text(encoding="utf-8")
    assert "builds on" in _text(stage1) and "Stage 2" in _text(stage1).split("builds on")[1]
