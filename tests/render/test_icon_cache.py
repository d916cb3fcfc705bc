"""The per-user icon cache gives exactly what computing the icons afresh gives, and
nothing else: a cache file someone else changed is not used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archgen.load.loader import LoadedModel, load_text
from archgen.render import icon_cache
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.svg import downscaled_data_uri


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(icon_cache, "_LOADED", None)
    return tmp_path / "cache" / "archgen"


def test_first_render_fills_the_cache_later_ones_read_it(
    two_regions: LoadedModel, private_cache: Path
) -> None:
    svg = render_outputs(scene_of(two_regions), ["svg"], 96)["svg"]
    files = list(private_cache.glob("icons-*.json"))
    assert len(files) == 1
    icon_cache._LOADED = None  # as a new process would
    cached = icon_cache.icon_set()
    assert cached.paths == icon_cache.icon_set(use_cache=False).paths
    assert cached.uris, "the data URIs were stored"
    for key, uri in cached.uris.items():
        relative, pixels = key.rsplit("@", 1)
        assert uri == downscaled_data_uri(cached.root / relative, int(pixels))
    assert render_outputs(scene_of(two_regions), ["svg"], 96)["svg"] == svg


def test_a_broken_cache_file_is_ignored(two_regions: LoadedModel, private_cache: Path) -> None:
    render_outputs(scene_of(two_regions), ["svg"], 96)
    (cache_file,) = private_cache.glob("icons-*.json")
    cache_file.write_text("{not json")
    icon_cache._LOADED = None
    svg = render_outputs(scene_of(two_regions), ["svg"], 96)["svg"]
    assert b"data:image/png;base64," in svg


def test_a_cached_render_imports_neither_diagrams_nor_pillow(
    two_regions: LoadedModel, private_cache: Path, tmp_path: Path
) -> None:
    render_outputs(scene_of(two_regions), ["svg"], 96)
    code = (
        "import sys\n"
        "from archgen.load.loader import load_model\n"
        "from archgen.render.pipeline import render_outputs, scene_of\n"
        f"render_outputs(scene_of(load_model({str(two_regions.path)!r})), ['svg'], 96)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('diagrams', 'PIL')))\n"
    )
    env = {"XDG_CACHE_HOME": str(private_cache.parent), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


PNG_PREFIX = "data:image/png;base64,"
#: changes someone else could make to a cache file (a CI cache restored from another
#: run, say); each is ignored and the icons are computed afresh
POISONED = {
    "a data URI of another type": lambda d: {
        **d,
        "uris": {k: "data:image/svg+xml,<svg onload='alert(1)'/>" for k in d["uris"]},
    },
    "a data URI that is not base64": lambda d: {
        **d,
        "uris": {k: PNG_PREFIX + '"/><script>alert(1)</script>' for k in d["uris"]},
    },
    "base64 of something else": lambda d: {
        **d,
        "uris": {k: PNG_PREFIX + "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" for k in d["uris"]},
    },
    "a path outside the icons": lambda d: {
        **d,
        "paths": {s: "resources/../../../../etc/passwd.png" for s in d["paths"]},
    },
    "an absolute path": lambda d: {**d, "paths": {s: "/etc/passwd.png" for s in d["paths"]}},
    "a path with markup": lambda d: {
        **d,
        "paths": {s: 'a"/><script>alert(1)</script>.png' for s in d["paths"]},
    },
    "a service missing": lambda d: {**d, "paths": dict(list(d["paths"].items())[1:])},
    "a name that is neither a service nor an icon": lambda d: {
        **d,
        "paths": {**d["paths"], "../../etc": "resources/aws/ml/sagemaker.png"},
    },
    "not a mapping": lambda d: [d],
}


@pytest.mark.parametrize("poison", POISONED.values(), ids=list(POISONED))
def test_a_poisoned_cache_file_is_not_used(
    two_regions: LoadedModel, private_cache: Path, poison: object
) -> None:
    fresh = render_outputs(scene_of(two_regions), ["svg"], 96)["svg"]
    (cache_file,) = private_cache.glob("icons-*.json")
    document = json.loads(cache_file.read_text())
    cache_file.write_text(json.dumps(poison(document)))  # type: ignore[operator]
    icon_cache._LOADED = None
    svg = render_outputs(scene_of(two_regions), ["svg"], 96)["svg"]
    assert svg == fresh
    assert json.loads(cache_file.read_text()) == document  # computed afresh, stored again


GENERIC = """\
archgen: 1
name: generic
components:
  - {id: notebook, kind: generic, icon: aws.ml.Sagemaker}
  - {id: catalog, kind: generic, icon: aws.analytics.GlueDataCatalog}
"""


def test_generic_icons_are_remembered_like_services(private_cache: Path) -> None:
    loaded = load_text(GENERIC)
    svg = render_outputs(scene_of(loaded), ["svg"], 96)["svg"]
    (cache_file,) = private_cache.glob("icons-*.json")
    paths = json.loads(cache_file.read_text())["paths"]
    assert paths["aws.ml.Sagemaker"] == "resources/aws/ml/sagemaker.png"
    assert paths["aws.analytics.GlueDataCatalog"] == "resources/aws/analytics/glue-data-catalog.png"
    icon_cache._LOADED = None  # a new process reads them back, and draws the same
    assert icon_cache.icon_set().paths == paths
    assert render_outputs(scene_of(loaded), ["svg"], 96)["svg"] == svg
