"""Ctrl-C, SIGTERM and SIGKILL while models are drawn: archgen stops at once, and no
worker process or Graphviz `dot` outlives it.

Graphviz is a fake `dot` first on PATH that hangs (``sleep``) so that the signal comes
mid-drawing. Every process these tests start carries a marker in its environment,
inherited by the workers and every `dot`; /proc says which of them are still alive.
Waiting is polling with a deadline, never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archgen.errors import ToolError
from archgen.render.processes import run_all
from tests.conftest import MODELS, ROOT

HANGING_DOT = """#!/bin/sh
touch "$ARCHGEN_TEST_STARTED/$$"
exec sleep 600
"""


def eventually(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Whether `condition` holds within `seconds` (checked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def marked(mark: str) -> list[int]:
    """The live processes whose environment holds `mark` (zombies have none)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environment = (entry / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if mark.encode() in environment:
                found.append(int(entry.name))
    return found


class Drawing:
    """An `archgen` command drawing with a hanging `dot`, in a session of its own."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        (bin_dir / "dot").write_text(HANGING_DOT)
        (bin_dir / "dot").chmod(0o755)
        self.started = tmp_path / "started"
        self.started.mkdir()
        self.mark = f"ARCHGEN_TEST_MARK={uuid.uuid4().hex}"
        key, value = self.mark.split("=")
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "ARCHGEN_TEST_STARTED": str(self.started),
            "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(tmp_path / "cache")),
            key: value,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "archgen", *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def wait_for_dots(self, count: int) -> None:
        assert eventually(lambda: len(list(self.started.iterdir())) >= count), "no dot ran"

    def survivors(self) -> list[int]:
        return [pid for pid in marked(self.mark) if pid != self.process.pid]

    def finish(self) -> tuple[int, str]:
        _, stderr = self.process.communicate(timeout=60)
        return self.process.returncode, stderr

    def clean_up(self) -> None:
        """Kill whatever a failed test left: only processes carrying this test's mark."""
        for pid in marked(self.mark):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


@pytest.fixture
def nine_models(tmp_path: Path) -> list[str]:
    """The nine stages (they extend each other) in a folder of their own."""
    folder = tmp_path / "models"
    folder.mkdir()
    for model in sorted(MODELS.glob("stage*.yaml")):
        (folder / model.name).write_bytes(model.read_bytes())
    return [str(p) for p in sorted(folder.glob("stage*.yaml"))]


@pytest.fixture
def drawing(tmp_path: Path) -> Iterator[Callable[..., Drawing]]:
    started: list[Drawing] = []

    def start(*args: str) -> Drawing:
        started.append(Drawing(tmp_path, *args))
        return started[-1]

    yield start
    for each in started:
        each.clean_up()


def _render(nine_models: list[str], tmp_path: Path) -> tuple[str, ...]:
    out = tmp_path / "out"
    return ("render", *nine_models, "-o", str(out), "--format", "svg", "--fail-on", "never")


def test_sigkill_leaves_no_worker_and_no_dot(
    nine_models: list[str], tmp_path: Path, drawing: Callable[..., Drawing]
) -> None:
    run = drawing(*_render(nine_models, tmp_path))
    run.wait_for_dots(1)
    assert run.survivors(), "archgen started no worker or dot"
    run.process.kill()
    run.process.wait()
    assert eventually(lambda: not run.survivors(), 10), run.survivors()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("to_group", [True, False], ids=["terminal", "archgen-only"])
def test_ctrl_c_stops_every_worker_at_once(
    nine_models: list[str], tmp_path: Path, drawing: Callable[..., Drawing], to_group: bool
) -> None:
    """A terminal's Ctrl-C goes to the whole process group; `kill -INT` to archgen only
    (its workers and their `dot` never see it). Either way: exit 130, "aborted"."""
    run = drawing(*_render(nine_models, tmp_path))
    run.wait_for_dots(1)
    if to_group:
        os.killpg(run.process.pid, signal.SIGINT)
    else:
        run.process.send_signal(signal.SIGINT)
    code, stderr = run.finish()
    assert code == 130, stderr
    assert "aborted" in stderr and "Traceback" not in stderr
    assert eventually(lambda: not run.survivors(), 10), run.survivors()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_sigterm_leaves_no_worker_and_no_dot(
    nine_models: list[str], tmp_path: Path, drawing: Callable[..., Drawing]
) -> None:
    run = drawing(*_render(nine_models, tmp_path))
    run.wait_for_dots(1)
    run.process.terminate()
    code, _ = run.finish()
    assert code != 0
    assert eventually(lambda: not run.survivors(), 10), run.survivors()


def test_ctrl_c_stops_the_sites_drawings(tmp_path: Path, drawing: Callable[..., Drawing]) -> None:
    models = tmp_path / "models"
    models.mkdir()
    for name in ("stage1.yaml", "stage2.yaml", "stage3.yaml"):
        (models / name).write_bytes((MODELS / name).read_bytes())
    run = drawing("site", str(models), "-o", str(tmp_path / "site"))
    run.wait_for_dots(1)
    run.process.send_signal(signal.SIGINT)
    code, stderr = run.finish()
    assert code == 130, stderr
    assert eventually(lambda: not run.survivors(), 10), run.survivors()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith((".site", "site"))] == []


def _children() -> set[int]:
    """This process's child processes."""
    mine = str(os.getpid())
    children = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                # the parent pid is the second field after the command in parentheses
                if (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == mine:
                    children.add(int(entry.name))
    return children


def test_run_all_ends_its_workers_on_system_exit() -> None:
    """SIGTERM becomes SystemExit in archgen (`cli.main`): the pool stops as for Ctrl-C."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: run_all uses no worker processes")
    before = _children()

    def stop(signal_number: int, frame: object) -> None:
        raise SystemExit(143)

    previous = signal.signal(signal.SIGALRM, stop)
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        with pytest.raises(SystemExit):
            run_all(time.sleep, [600.0] * 6)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert eventually(lambda: _children() <= before, 10), _children() - before


def test_run_all_stops_the_others_when_a_job_fails() -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: run_all uses no worker processes")
    before = _children()
    with pytest.raises(ValueError, match="could not convert"):
        run_all(float, ["600", "not a number", "1"])
    with pytest.raises(TypeError):
        run_all(time.sleep, [600.0, "not a number", 600.0])  # type: ignore[list-item]
    assert eventually(lambda: _children() <= before, 10), _children() - before


def test_a_worker_that_dies_is_a_tool_error_not_a_traceback() -> None:
    """A worker killed from outside (the kernel's out-of-memory killer, say)."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: run_all uses no worker processes")
    before = _children()
    with pytest.raises(ToolError, match="ended unexpectedly"):
        run_all(os._exit, [9, 9, 9])
    assert eventually(lambda: _children() <= before, 10), _children() - before


_STOP_IN_A_CALLBACK = """
import os, signal, sys, time, weakref
from archgen.render import processes

processes._start_worker(os.getppid())
processes._in_job = True  # as inside a drawing


class Thing:
    pass


thing = Thing()
# SIGTERM handled while Python runs a callback of its own (as logging's fork hooks are
# run around starting `dot`): an exception cannot leave such a callback
watch = weakref.ref(thing, lambda _: os.kill(os.getpid(), signal.SIGTERM))
try:
    del thing
    time.sleep(5)
    print("not stopped")
except SystemExit as stop:
    print("stopped", stop.code)
"""


def test_a_stop_that_lands_in_a_callback_is_delivered_again() -> None:
    """A worker's SIGTERM inside a callback is neither printed as "Exception ignored"
    (a traceback on archgen's stderr) nor lost: it stops the job a moment later."""
    done = subprocess.run(
        [sys.executable, "-c", _STOP_IN_A_CALLBACK],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert (done.stdout, done.stderr) == ("stopped 143\n", "")
