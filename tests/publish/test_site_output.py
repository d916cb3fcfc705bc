"""`archgen site -o DIR` replaces DIR only when archgen wrote everything in it.

A folder that merely looks like a site (an `index.html`, a `search/` folder) is not
enough: a GitHub Pages root, a hand-written `docs/` or the project itself must never be
replaced. Every site lists its files in `.archgen-site.json`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODELS, run_archgen
from tests.hostile.test_hostile_lost_output import snapshot


def one_model(folder: Path) -> Path:
    """A models folder holding stage1.yaml (the quickest site to build)."""
    models = folder / "models"
    models.mkdir(parents=True)
    shutil.copy(MODELS / "stage1.yaml", models / "stage1.yaml")
    return models


def looks_like_a_site(folder: Path) -> None:
    """What the old check took for a site archgen built: index.html, sitemap.xml, search/."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<h1>my hand-written page</h1>")
    (folder / "sitemap.xml").write_text("<urlset/>")
    (folder / "search").mkdir(exist_ok=True)


def test_a_folder_that_only_looks_like_a_site_is_not_replaced(tmp_path: Path) -> None:
    models = one_model(tmp_path / "project")
    pages = tmp_path / "pages"  # a GitHub Pages root: hand-written HTML and its sources
    looks_like_a_site(pages)
    (pages / "notes.md").write_text("keep me")
    (pages / ".git").mkdir()
    (pages / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    docs = tmp_path / "docs"  # a hand-written docs/ folder with a built copy in it
    looks_like_a_site(docs)
    (docs / "guide.md").write_text("keep me too")
    for folder in (pages, docs):
        before = snapshot(folder)
        result = run_archgen("site", str(models), "-o", str(folder), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(folder) == before
    result = run_archgen("site", str(models), "-o", "docs", cwd=tmp_path)
    assert result.stderr.strip() == (
        "docs: not empty and not a site archgen built (no .archgen-site.json); "
        "choose an empty or new folder with -o"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "pages", "project"]


def test_the_project_the_models_home_and_root_are_never_replaced(tmp_path: Path) -> None:
    """Refused whatever they hold, even a valid manifest, and through a symbolic link."""
    project = tmp_path / "project"
    models = one_model(project)
    assert run_archgen("site", "models", "-o", "site", cwd=project).returncode == 0
    site = project / "site"
    looks_like_a_site(project)  # the project root, also a folder that looks like a site
    (project / ".git").mkdir()
    (tmp_path / "link").symlink_to(project)
    home = tmp_path / "home"
    looks_like_a_site(home)
    cases = [  # (cwd, -o, what the message says)
        (project, ".", "holds the models folder"),
        (project, "../link", "holds the models folder"),
        (site, ".", "is the current folder"),  # a site archgen built, but the current folder
        (project, "models", "is the models folder"),
        (tmp_path, str(home), "is your home folder"),
        (tmp_path, "/", "holds the models folder"),
    ]
    before = snapshot(tmp_path)
    for cwd, out, message in cases:
        result = subprocess.run(
            [sys.executable, "-m", "archgen", "site", str(models), "-o", out],
            cwd=cwd,
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(home)},
            check=False,
        )
        assert result.returncode == 2, (out, result.stderr)
        assert result.stderr.startswith(f"{out}: {message}; "), result.stderr
        assert snapshot(tmp_path) == before


def test_a_git_repository_is_never_replaced(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    repository = tmp_path / "repository"
    repository.mkdir()
    (repository / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's .git file
    result = run_archgen("site", str(models), "-o", "repository", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("repository: is the root of a git repository")
    assert (repository / ".git").read_text() == "gitdir: /elsewhere\n"


def test_its_own_site_is_replaced_only_while_it_holds_nothing_else(tmp_path: Path) -> None:
    models = one_model(tmp_path)
    site = tmp_path / "site"
    assert run_archgen("site", "models", "-o", "site", cwd=tmp_path).returncode == 0
    manifest = json.loads((site / ".archgen-site.json").read_text())
    written = {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file() and p.name != ".archgen-site.json"
    }
    assert manifest["files"] == written
    assert "stage1/index.html" in written

    (site / "CNAME").write_text("docs.example.com\n")  # a file the user added
    (site / "stage1" / "index.html").write_text("edited by hand")  # a file the user changed
    before = snapshot(site)
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "site: holds files archgen did not write, or changed after writing "
        "(CNAME, stage1/index.html); move them out of it, or choose another folder with -o"
    )
    assert snapshot(site) == before

    (site / "CNAME").unlink()
    (site / "stage1" / "index.html").unlink()  # a file archgen wrote, deleted: nothing lost
    model = models / "stage1.yaml"
    model.write_text(model.read_text().replace("title: ", "title: Rebuilt ", 1))
    result = run_archgen("site", "models", "-o", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Rebuilt" in (site / "stage1" / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models", "site"]


def test_an_empty_folder_is_replaced(tmp_path: Path) -> None:
    one_model(tmp_path)
    (tmp_path / "site").mkdir()
    assert run_archgen("site", "models", "-o", "site", cwd=tmp_path).returncode == 0
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_the_site_gets_the_modes_of_the_users_umask(tmp_path: Path, umask: int) -> None:
    one_model(tmp_path)
    command = f"umask {umask:03o} && exec {shlex.quote(sys.executable)} -m archgen site models"
    result = subprocess.run(
        ["sh", "-c", command + " -o build/site"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "build" / "site"
    modes = {
        p.relative_to(tmp_path).as_posix(): p.stat().st_mode & 0o777
        for p in [site.parent, site, *site.rglob("*")]
    }
    wanted = {path: (0o777 if (tmp_path / path).is_dir() else 0o666) & ~umask for path in modes}
    assert modes == wanted
