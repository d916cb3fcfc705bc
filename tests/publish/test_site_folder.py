"""Removing an old site deletes only what its manifest lists, unchanged, inside it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from archgen.errors import InputError
from archgen.publish.site_folder import MANIFEST, check_replaceable, remove_site, write_manifest


def built(folder: Path) -> Path:
    """A small site with its manifest, as `archgen site` leaves it."""
    (folder / "stage1").mkdir(parents=True)
    (folder / "index.html").write_text("home")
    (folder / "stage1" / "index.html").write_text("stage 1")
    write_manifest(folder)
    return folder


def test_removes_a_whole_site(tmp_path: Path) -> None:
    site = built(tmp_path / "site")
    assert remove_site(site)
    assert not site.exists()


def test_keeps_files_it_did_not_write_or_that_changed(tmp_path: Path) -> None:
    site = built(tmp_path / "site")
    (site / "stage1" / "notes.txt").write_text("mine")
    (site / "index.html").write_text("edited")
    assert not remove_site(site)
    remaining = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert remaining == [MANIFEST, "index.html", "stage1", "stage1/notes.txt"]


def test_a_forged_manifest_cannot_reach_outside_the_folder(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    site = built(tmp_path / "site")
    manifest = json.loads((site / MANIFEST).read_text())
    digest = hashlib.sha256(b"precious").hexdigest()
    manifest["files"].update({"../victim.txt": digest, str(victim): digest})
    manifest["folders"].append("..")
    (site / MANIFEST).write_text(json.dumps(manifest))
    assert remove_site(site)
    assert victim.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["victim.txt"]


def test_a_link_in_the_site_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("home")  # the same content as a listed file
    site = built(tmp_path / "site")
    (site / "stage1" / "index.html").unlink()
    (site / "stage1").rmdir()
    (site / "stage1").symlink_to(outside)
    with pytest.raises(InputError, match=r"site: holds files archgen did not write.*\(stage1\)"):
        check_replaceable(site, "site")
    assert not remove_site(site)
    assert (outside / "index.html").read_text() == "home"


def test_a_manifest_archgen_did_not_write_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("home")
    for text in ["not json", '{"files": {"index.html": 1}, "folders": []}', "[]"]:
        (site / MANIFEST).write_text(text)
        with pytest.raises(InputError, match=r"site/\.archgen-site\.json: not a manifest"):
            check_replaceable(site, "site")
        assert not remove_site(site)
    assert (site / "index.html").read_text() == "home"
