"""`archgen render --format mermaid --fenced`: Markdown ready to paste, on stdout."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_archgen


def test_fenced_blocks_on_stdout_paths_on_stderr(tmp_path: Path) -> None:
    done = run_archgen(
        "render",
        "models/stage1.yaml",
        "models/stage2.yaml",
        "--format",
        "mermaid",
        "--fenced",
        "-o",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    first = (tmp_path / "stage1.mmd").read_text().rstrip("\n")
    second = (tmp_path / "stage2.mmd").read_text().rstrip("\n")
    assert done.stdout == f"```mermaid\n{first}\n```\n\n```mermaid\n{second}\n```\n"
    assert str(tmp_path / "stage1.mmd") in done.stderr
    assert not first.startswith("```")  # the .mmd file stays plain Mermaid


def test_fenced_needs_mermaid() -> None:
    done = run_archgen("render", "models/stage1.yaml", "--format", "svg", "--fenced")
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "--fenced: add mermaid to --format (e.g. --format mermaid --fenced)"
    )
