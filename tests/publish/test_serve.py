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


def serve(models: Path, dev_addr: str) -> subprocess.CompletedProcess[str]:
    """`archgen site --serve` that is expected to stop by itself (killed if it serves)."""
    return subprocess.run(
        [sys.executable, "-m", "archgen", "site", str(models), "--serve", "--dev-addr", dev_addr],
        cwd=models.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_port_in_use_is_exit_2_with_what_to_do(tmp_path: Path) -> None:
    models = small_models(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(models, f"127.0.0.1:{port}")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"port {port} is in use: pass --dev-addr IP:PORT"


def test_a_dev_addr_that_is_not_ip_port_is_exit_2(tmp_path: Path) -> None:
    models = small_models(tmp_path)
    for dev_addr, message in [
        ("8000", "--dev-addr '8000': Must be a string of format 'IP:PORT'"),
        ("localhost:http", "--dev-addr 'localhost:http': 'http' is not a valid port"),
        ("300.1.1.1:8000", "--dev-addr '300.1.1.1:8000': '300.1.1.1' does not appear"),
        ("127.0.0.1:70000", "--dev-addr '127.0.0.1:70000': the port must be 1 to 65535"),
    ]:
        result = serve(models, dev_addr)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr
