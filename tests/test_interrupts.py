"""Ctrl-C, SIGTERM and closed or full outputs, sent to a real archgen process: a short
message and an exit code, never a traceback, and no temporary file left behind."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.processes import archgen_process, reap, start_archgen

STAGES = [f"models/stage{n}.yaml" for n in range(1, 10)]
#: `python -X importtime` writes a line as each import finishes: this one means that
#: archgen's entry point runs and is importing the rest of archgen
ARCHGEN_IMPORTING = re.compile(r"\|\s+archgen\.(?!__main__\b)\w")


def _without_import_times(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("import time:")]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("delay", [0, 0.01, 0.05])
def test_a_signal_during_start_up_aborts_without_a_traceback(
    signum: int, code: int, delay: float
) -> None:
    """The signal arrives while the modules are still being imported (delay 0) or just
    after, while the first models load."""
    with archgen_process(
        "validate",
        *STAGES * 4,
        cwd=ROOT,
        python=["-X", "importtime"],
        stdout=subprocess.DEVNULL,
    ) as process:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if ARCHGEN_IMPORTING.search(line):
                break
        time.sleep(delay)
        assert process.poll() is None, "archgen ended before the signal: nothing was tested"
        process.send_signal(signum)
        _, rest = process.communicate(timeout=60)
    stderr = "".join(seen) + rest
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    shown = _without_import_times(stderr)
    assert shown[-1] == "aborted" and not "".join(shown[:-1]).strip(), shown
    assert process.returncode == code


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("rules",), 0),
        (("schema",), 0),
        (("validate", *STAGES, "--format", "sarif"), 0),
        (("validate", "models/stage1.yaml", "--fail-on", "info"), 1),  # the findings decide
        (("diff", "models/stage1.yaml", "models/stage9.yaml", "--format", "markdown"), 0),
    ],
)
def test_a_reader_that_went_away_ends_the_output_quietly(args: tuple[str, ...], code: int) -> None:
    """`archgen … | head -1`, where head has already exited: no message at all (not even
    Python's "Exception ignored … BrokenPipeError"), and the command's own exit code."""
    process = start_archgen(*args, cwd=ROOT)
    try:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before archgen writes a byte
        stderr = process.stderr.read()
        process.wait(timeout=60)
    finally:
        reap(process)
    assert stderr == ""
    assert process.returncode == code


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_disk_on_stdout_is_exit_3_with_a_message(fmt: str) -> None:
    with (
        open("/dev/full", "w") as full,
        archgen_process(
            "validate", "models/stage1.yaml", "--format", fmt, cwd=ROOT, stdout=full
        ) as process,
    ):
        _, stderr = process.communicate(timeout=60)
    assert stderr == "<stdout>: cannot write: No space left on device\n"
    assert process.returncode == 3


def test_reap_stops_a_process_group_and_closes_its_pipes(tmp_path: Path) -> None:
    """The helper every test above relies on: the process and its child are gone and
    waited for, and the pipes are closed."""
    child_pid = tmp_path / "child.pid"
    process = subprocess.Popen(
        ["sh", "-c", f'sleep 600 & echo $! > "{child_pid}"; wait'],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not child_pid.exists() or not child_pid.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    reap(process)
    assert process.returncode == -signal.SIGKILL
    assert process.stdout is not None and process.stdout.closed
    assert process.stderr is not None and process.stderr.closed
    sleeper = Path(f"/proc/{child_pid.read_text().strip()}")
    deadline = time.monotonic() + 30
    while sleeper.exists() and "Z" not in _state(sleeper):  # killed; init reaps it
        assert time.monotonic() < deadline, "the child was not killed"
        time.sleep(0.01)


def _state(proc: Path) -> str:
    try:
        return (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
