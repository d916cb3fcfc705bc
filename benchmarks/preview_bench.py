"""Time the live preview: from saving a model to the served page showing the change.

Starts `archgen site MODELS --serve` on a free port over a copy of the models (and a
cache folder of its own), waits for the first build, then saves one model several
times and polls its page over HTTP until the page shows what was saved. Prints the
median and the range of each kind of save:

    python benchmarks/preview_bench.py [--edits 7] [--models models] [--model stage5]

- text: a sentence added to the model's summary (no drawing changes);
- broken: the model saved with an error, until the page shows the error's location;
- fixed: the good model saved again, until the error is gone from the page.

A save whose page does not change within --timeout seconds counts as that timeout (an
archgen whose server hangs on a broken model shows it so). Beside the wall-clock time,
the CPU time the server spent (Linux: /proc) shows the work a save costs on a machine
busy with other things, where the wall-clock time mostly shows the wait for a core.
The first build draws every diagram and is not measured. Machines are noisy: run it
on a quiet one, compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: how often the page is fetched while waiting for a change
POLL = 0.02


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float) -> str:
    """The page at `url`, or "" when the server does not answer (in time)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, shows: Callable[[str], bool], timeout: float) -> float:
    """Seconds until the page at `url` satisfies `shows`; `timeout` if it never does."""
    start = time.perf_counter()
    deadline = start + timeout
    while (left := deadline - time.perf_counter()) > 0:
        if shows(fetch(url, max(left, 0.1))):
            return time.perf_counter() - start
        time.sleep(POLL)
    return timeout


def cpu_seconds(pid: int) -> float:
    """The CPU time process `pid` has used (user and system), or NaN where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Saves:
    """The wall-clock and CPU seconds of each save, by kind."""

    def __init__(self, url: str, pid: int, timeout: float) -> None:
        self.url, self.pid, self.timeout = url, pid, timeout
        self.wall: dict[str, list[float]] = {"text": [], "broken": [], "fixed": []}
        self.cpu: dict[str, list[float]] = {"text": [], "broken": [], "fixed": []}

    def save(self, kind: str, path: Path, text: str, shows: Callable[[str], bool]) -> None:
        """Save `text` into `path`; time until the page `shows` it."""
        time.sleep(0.3)  # let the server settle (and the file's modification time move)
        cpu = cpu_seconds(self.pid)
        path.write_text(text, encoding="utf-8")
        self.wall[kind].append(wait_for(self.url, shows, self.timeout))
        self.cpu[kind].append(cpu_seconds(self.pid) - cpu)


def measure(models: Path, model: str, edits: int, timeout: float) -> Saves:
    """Each kind of save's times, `edits` of each."""
    with tempfile.TemporaryDirectory(prefix="archgen-preview-bench-") as temporary:
        work = Path(temporary)
        shutil.copytree(models, work / "models")
        path = work / "models" / f"{model}.yaml"
        good = path.read_text(encoding="utf-8")
        if "summary: >-" not in good or "\nstage: " not in good:
            raise SystemExit(f"{path.name}: needs a 'summary: >-' and a 'stage:' line")
        port = free_port()
        url = f"http://127.0.0.1:{port}/{model}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(work / "cache")}
        command = [sys.executable, "-m", "archgen", "site", "models", "--serve"]
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            if wait_for(url, lambda page: "</html>" in page, 600) >= 600:
                raise SystemExit("the first build did not finish within 10 minutes")
            saves = Saves(url, server.pid, timeout)
            for edit in range(edits):
                marker = f"Saved while serving {edit} {time.time_ns()}"
                edited = good.replace("summary: >-", f"summary: >-\n  {marker}", 1)
                saves.save("text", path, edited, lambda page, marker=marker: marker in page)
            location = f"{model}.yaml:{_stage_line(good)}:8:"
            for _ in range(edits):
                saves.save("broken", path, _broken(good), lambda page: location in page)
                saves.save(
                    "fixed", path, good, lambda page: "</html>" in page and location not in page
                )
            return saves
        finally:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _stage_line(text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("stage: "))


def _broken(text: str) -> str:
    """`text` with its stage number made a word: an error at `stage`'s value (column 8)."""
    lines = text.splitlines(keepends=True)
    number = _stage_line(text) - 1
    lines[number] = "stage: three\n"
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    parser.add_argument("--model", default="stage5", help="the model saved (file stem)")
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=30.0)
    options = parser.parse_args()
    saves = measure(options.models.resolve(), options.model, options.edits, options.timeout)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"save to page, {options.model}.yaml, {options.edits} saves each (load {load:.1f})")
    for kind, seconds in saves.wall.items():
        low, high = min(seconds), max(seconds)
        median = statistics.median(seconds)
        cpu = statistics.median(saves.cpu[kind])
        print(
            f"  {kind:<7} median {median:6.2f} s   range {low:.2f}-{high:.2f} s   cpu {cpu:.2f} s"
        )


if __name__ == "__main__":
    main()
