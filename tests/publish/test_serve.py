"""`archgen site --serve`: a live preview that rebuilds when a model changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.publish.test_site_command import small_models


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_until(url: str, wanted: str, timeout: float) -> str:
    """The page at `url` once it contains `wanted`; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            text = ""
        if wanted in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {wanted!r} within {timeout}s")


def test_editing_a_model_rebuilds_its_page(tmp_path: Path) -> None:
    models = small_models(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "archgen",
            "site",
            str(models),
            "--serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = f"http://127.0.0.1:{port}/stage2/"
        fetch_until(page, "Database on its own server", timeout=90)
        model = models / "stage2.yaml"
        model.write_text(
            model.read_text().replace("summary: >-", "summary: >-\n  Edited while serving")
        )
        fetch_until(page, "Edited while serving", timeout=90)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "Traceback" not in output, output
