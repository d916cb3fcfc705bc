"""The `archgen` MkDocs plugin inside a real `mkdocs build --strict`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import MODELS, ROOT


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def make_project(tmp_path: Path, plugin: dict[str, object], **extra: object) -> Path:
    """A MkDocs project with two hand-written pages and stages 1-2 as its models."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\nWelcome.\n")
    (project / "docs" / "guide.md").write_text("# Guide\n\nRead the [overview](arch/index.md).\n")
    (project / "models").mkdir()
    for name in ("stage1.yaml", "stage2.yaml"):
        shutil.copy(MODELS / name, project / "models" / name)
    config = {
        "site_name": "test",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"archgen": {"models": "models", "path": "arch", **plugin}}],
        **extra,
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return project


def nav_titles(site: Path) -> list[str]:
    """The navigation entries of the home page, in order."""
    page = (site / "index.html").read_text()
    return [
        " ".join(t.split()) for t in re.findall(r'class="md-ellipsis">(.*?)</span>', page, re.S)
    ]


def test_build_adds_generated_pages_without_touching_the_docs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    project = make_project(tmp_path, {"guides": ["guide.md", "missing.md"]})
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in (
        "arch/index.html",
        "arch/stage1/index.html",
        "arch/stage2/index.html",
        "arch/caching/index.html",
        "arch/environments/index.html",
        "arch/pillars/index.html",
        "arch/rules/index.html",
    ):
        assert (site / page).is_file(), page
    assert (site / "arch" / "stage2.svg").read_text().lstrip().startswith(("<?xml", "<svg"))
    assert sorted(p.name for p in (project / "docs").iterdir()) == ["guide.md", "index.md"]
    home = nav_titles(site)
    # the generated navigation: home, the guide that exists, then the architecture section
    assert home.index("Guide") < home.index("Stage 1 · Single server")
    assert not [title for title in home if "missing" in title.lower()]
    # the drawings are kept in the user's cache folder, not beside mkdocs.yml
    assert len(list((tmp_path / "user-cache" / "archgen" / "site-diagrams").rglob("*.svg"))) == 3
    assert sorted(p.name for p in project.iterdir()) == ["docs", "mkdocs.yml", "models", "site"]


def test_explicit_nav_gets_the_architecture_section_appended(tmp_path: Path) -> None:
    project = make_project(tmp_path, {}, nav=[{"Start": "index.md"}, {"Guide": "guide.md"}])
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    home = nav_titles(project / "site")
    assert (
        home.index("Start")
        < home.index("Guide")
        < home.index("Stage 2 · Database on its own server")
    )


def test_bad_model_fails_the_build_with_its_location(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    (project / "models" / "broken.yaml").write_text("archgen: 1\nname: broken\nstage: x\n")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert "broken.yaml:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_generated_page_clashing_with_a_written_one_is_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    (project / "docs" / "arch").mkdir()
    (project / "docs" / "arch" / "caching.md").write_text("# Mine\n")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert "arch/caching.md exists" in result.stderr


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").is_file(), reason="no project mkdocs.yml")
def test_the_repository_site_builds_strict(tmp_path: Path) -> None:
    result = mkdocs(ROOT, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "architecture" / "stage9" / "index.html").is_file()
    examples = tmp_path / "site" / "architecture" / "examples"
    assert {p.stem for p in (ROOT / "examples" / "real").glob("*.yaml")} <= {
        p.name for p in examples.iterdir() if (p / "index.html").is_file()
    }
