"""A site build stopped by a signal leaves nothing behind and loses no site.

SIGTERM (`kill`, a cancelled CI job) ends the build through its clean-up; SIGKILL
cannot be caught, so the next build removes what the killed one left beside the output
(and nothing else). A fake `dot` that hangs keeps the build under way until the signal.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.hostile.test_hostile_lost_output import (
    FAILING_DOT,
    HANGING_DOT,
    archgen,
    fake_dot,
    finish,
    snapshot,
)
from tests.publish.test_site_output import one_model


def _first_build(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A models folder, its site (built), and the site's snapshot."""
    models = one_model(tmp_path)
    site = tmp_path / "out" / "site"
    assert finish(archgen("site", "models", "-o", str(site), cwd=tmp_path), 300)[0] == 0
    model = models / "stage1.yaml"  # changed, so the next build draws it again
    model.write_text(model.read_text().replace("title: ", "title: Changed ", 1))
    return models, site, snapshot(site)


def _hanging_build(tmp_path: Path, site: Path) -> tuple[subprocess.Popen[str], Path]:
    """`archgen site` with a private TMPDIR, stopped inside Graphviz; returns it and its
    TMPDIR once the build is under way."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    started = tmp_path / "dot-started"
    env = {
        **fake_dot(tmp_path / "bin", HANGING_DOT),
        "ARCHGEN_TEST_STARTED": str(started),
        "TMPDIR": str(temporary),
    }
    process = archgen("site", "models", "-o", str(site), cwd=tmp_path, env=env)
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert started.exists(), "the fake dot never ran"
    # under way: the temporary MkDocs project and the folder being built both exist
    assert any(p.name.startswith("archgen-site-") for p in temporary.iterdir())
    assert [p for p in site.parent.iterdir() if p.name.startswith(".site.new-")]
    return process, temporary


def test_sigterm_removes_the_temporary_folders_and_keeps_the_site(tmp_path: Path) -> None:
    _, site, before = _first_build(tmp_path)
    process, temporary = _hanging_build(tmp_path, site)
    try:
        process.send_signal(signal.SIGTERM)  # to archgen alone, as `kill PID` does
        code, stderr = finish(process, 60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # only the group this test started
    assert code == 128 + signal.SIGTERM, stderr
    assert stderr.splitlines()[-1] == "aborted" and "Traceback" not in stderr
    assert list(temporary.iterdir()) == []
    assert [p.name for p in site.parent.iterdir()] == ["site"]
    assert snapshot(site) == before


def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    _, site, before = _first_build(tmp_path)
    process, _ = _hanging_build(tmp_path, site)
    os.killpg(process.pid, signal.SIGKILL)
    finish(process, 60)
    left = [p.name for p in site.parent.iterdir() if p.name != "site"]
    assert len(left) == 1 and left[0].startswith(f".site.new-{process.pid}-"), left
    # not archgen's: no manifest, or a process that still runs (pid 1 always does)
    unmarked = site.parent / f".site.old-{process.pid}-00ff"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_text("mine")
    running = site.parent / ".site.new-1-00ff"
    running.mkdir()
    marker = (site.parent / left[0] / ".archgen-site.json").read_text()
    (running / ".archgen-site.json").write_text(marker.replace(str(process.pid), "1"))

    assert finish(archgen("site", "models", "-o", str(site), cwd=tmp_path), 300)[0] == 0
    assert sorted(p.name for p in site.parent.iterdir()) == sorted(
        ["site", unmarked.name, running.name]
    )
    assert (unmarked / "notes.txt").read_text() == "mine"
    assert snapshot(site) != before  # rebuilt with the changed model


def test_a_site_lost_between_the_two_renames_is_put_back(tmp_path: Path) -> None:
    """Killed after moving the old site aside and before moving the new one in: the next
    build puts the old one back first, so even a failing build leaves it."""
    _, site, before = _first_build(tmp_path)
    builder = json.loads((site / ".archgen-site.json").read_text())["pid"]  # long gone
    aside = site.with_name(f".site.old-{builder}-00ff")
    site.rename(aside)
    env = fake_dot(tmp_path / "bin", FAILING_DOT)
    code, stderr = finish(archgen("site", "models", "-o", str(site), cwd=tmp_path, env=env), 300)
    assert code == 3, stderr
    assert [p.name for p in site.parent.iterdir()] == ["site"]
    assert snapshot(site) == before
