"""A cache committed to the repository is never used: not jinja2 bytecode (it would
run code) and not drawings (they would plant markup in the site).

The repository of a pull request holds `.archgen-cache/` as older versions of archgen
wrote and trusted it: jinja2 bytecode for every page template whose code writes a file,
and for every drawing a `<script>` SVG with the skip-if-unchanged manifest that vouched
for it. `archgen site` and `mkdocs build` with the plugin, run in that repository, must
neither run the code nor publish the script.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from archgen.publish.diagrams import drawings
from archgen.publish.journey import load_journey
from archgen.publish.pages import templates_dir
from archgen.render.pipeline import scene_of
from tests.conftest import MODELS

PLANTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = 1</script></svg>\n'


def _plant_bytecode(cache: Path, marker: Path) -> None:
    """jinja2 bytecode, as its FileSystemBytecodeCache stores it, for every template."""
    folder = cache / "templates"
    folder.mkdir(parents=True)
    store = jinja2.FileSystemBytecodeCache(str(folder))
    code = compile(f"open({str(marker)!r}, 'w').write('ran')\n", "<planted>", "exec")
    site = templates_dir() / "site"
    for template in site.glob("*.j2"):
        filename = os.path.normpath(str(site / template.name))
        source = template.read_text("utf-8")
        bucket = jinja2.bccache.Bucket(
            jinja2.Environment(),
            store.get_cache_key(template.name, filename),
            store.get_source_checksum(source),
        )
        bucket.code = code
        store.dump_bytecode(bucket)


def _plant_drawings(cache: Path, models: Path) -> None:
    """A script SVG for every drawing, with the manifest older versions trusted."""
    folder_key = hashlib.sha256(str(models.resolve()).encode()).hexdigest()[:12]
    folder = cache / "site-diagrams" / folder_key
    folder.mkdir(parents=True)
    for drawing in drawings(load_journey(models)):
        scene = scene_of(
            drawing.loaded, drawing.findings, drawing.highlight or None, view=drawing.view
        )
        (folder / f"{drawing.stem}.svg").write_text(PLANTED_SVG)
        manifest = {
            "key": hashlib.sha256(f"1|svg|96|{scene!r}".encode()).hexdigest(),
            "files": {"svg": hashlib.sha256(PLANTED_SVG.encode()).hexdigest()},
        }
        (folder / f".{drawing.stem}.archgen-render.json").write_text(json.dumps(manifest))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A checkout with models/ and a committed, poisoned .archgen-cache/."""
    repo = tmp_path / "repo"
    models = repo / "models"
    models.mkdir(parents=True)
    for name in ("stage1.yaml", "stage2.yaml"):
        (models / name).write_bytes((MODELS / name).read_bytes())
    _plant_bytecode(repo / ".archgen-cache", tmp_path / "code-ran")
    _plant_drawings(repo / ".archgen-cache", models)
    return repo


def _run(repo: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(repo.parent / "user-cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=repo, env=env, capture_output=True, text=True
    )


def _assert_unused(repo: Path, site: Path, committed: dict[str, bytes]) -> None:
    assert not (repo.parent / "code-ran").exists(), "planted jinja2 bytecode ran"
    published = [p for p in site.rglob("*") if p.suffix in (".svg", ".html")]
    assert published
    assert [p for p in published if "__pwned" in p.read_text("utf-8")] == []
    assert _snapshot(repo / ".archgen-cache") == committed  # read nothing, wrote nothing


def test_archgen_site_ignores_a_committed_cache(repository: Path) -> None:
    committed = _snapshot(repository / ".archgen-cache")
    result = _run(repository, "archgen", "site", "models", "-o", "out")
    assert result.returncode == 0, result.stderr
    _assert_unused(repository, repository / "out", committed)


def test_the_plugin_ignores_a_committed_cache(repository: Path) -> None:
    committed = _snapshot(repository / ".archgen-cache")
    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Home\n")
    config = {
        "site_name": "test",
        "theme": {"name": "material", "font": False},
        "plugins": [{"archgen": {"models": "models", "path": "arch"}}],
    }
    (repository / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = _run(repository, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    _assert_unused(repository, repository / "site", committed)
    drawn = list((repository.parent / "user-cache" / "archgen" / "site-diagrams").rglob("*.svg"))
    assert len(drawn) == 3  # the drawings went to the user's cache folder instead


def test_an_explicit_cache_folder_is_checked_like_the_default(repository: Path) -> None:
    """`cache: .archgen-cache` in mkdocs.yml: drawings are kept there, but one planted
    under the very name archgen would look up is refused and drawn again."""
    from archgen.publish.diagrams import diagram_cache
    from archgen.render.svg_cache import drawing_key

    models = repository / "models"
    kept = diagram_cache(repository / ".archgen-cache", models)
    kept.chmod(0o700)
    for drawing in drawings(load_journey(models)):
        scene = scene_of(
            drawing.loaded, drawing.findings, drawing.highlight or None, view=drawing.view
        )
        key = drawing_key(scene)
        planted = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + PLANTED_SVG
        digest = hashlib.sha256(planted.encode()).hexdigest()
        (kept / f"{key}-{digest}.svg").write_text(planted)
    (repository / "docs").mkdir()
    (repository / "docs" / "index.md").write_text("# Home\n")
    config = {
        "site_name": "test",
        "theme": {"name": "material", "font": False},
        "plugins": [{"archgen": {"models": "models", "path": "arch", "cache": ".archgen-cache"}}],
    }
    (repository / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = _run(repository, "mkdocs", "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert not (repository.parent / "code-ran").exists()
    svgs = list((repository / "site" / "arch").glob("*.svg"))
    # three drawings, each light and dark (the dark one made from the checked light one)
    assert len(svgs) == 6 and not [p for p in svgs if "__pwned" in p.read_text()]
    assert len([p for p in kept.glob("*.svg") if "__pwned" not in p.read_text()]) == 3
