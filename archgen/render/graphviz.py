"""Running Graphviz `dot` once per model for every image format wanted.

One `dot` process lays the graph out once and writes each format from that layout
(``-Tsvg -o a.svg -Tpng -o b.png``), so the SVG and the PNG always show the same
picture and the layout is never paid twice.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from archgen.errors import ToolError

INSTALL_HINT = (
    "Graphviz 'dot' is needed to draw diagrams and was not found on PATH. Install it: "
    "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "'dnf install graphviz' (Fedora), or see https://graphviz.org/download/"
)

#: formats `dot` writes; mermaid and dot text are ours
IMAGE_FORMATS = ("svg", "png")


def _which(name: str) -> str | None:
    """The executable `name` on PATH, as `shutil.which` finds it, without importing
    `shutil` (which brings bz2 and lzma along)."""
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(folder or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def dot_executable() -> str:
    """The path of `dot`, or a `ToolError` (exit 3) saying how to install it."""
    found = _which("dot")
    if found is None:
        raise ToolError(INSTALL_HINT)
    return found


def run_dot(
    dot_text: str, formats: Sequence[str], *, image_path: Path, dpi: int = 96
) -> dict[str, bytes]:
    """Lay `dot_text` out once; return the bytes of each of `formats` (svg, png).

    `image_path` is where `dot` looks for the icons named in the DOT text. The SVG is
    returned as if drawn at 72 dpi whatever `dpi` is, so it does not change with the
    PNG resolution.
    """
    wanted = [f for f in IMAGE_FORMATS if f in formats]
    if not wanted:
        return {}
    command = [dot_executable(), f"-Gimagepath={image_path}", f"-Gdpi={dpi}"]
    if len(wanted) == 1:  # one format: read it from `dot`'s standard output
        command.append(f"-T{wanted[0]}")
        fed = _FED.pop((tuple(command), dot_text), None)
        started = _STARTED.pop(tuple(command), None) if fed is None else None
        if fed is not None:
            produced = {wanted[0]: _finish(fed, None)}
        elif started is not None:
            produced = {wanted[0]: _finish(started, dot_text)}
        else:
            produced = {wanted[0]: _run(command, dot_text, to_stdout=True).stdout}
    else:
        import tempfile  # only here: it costs more to import than a small layout

        with tempfile.TemporaryDirectory(prefix="archgen-dot-") as folder:
            outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in wanted}
            for fmt, path in outputs.items():
                command += [f"-T{fmt}", f"-o{path}"]
            _run(command, dot_text, to_stdout=False)
            if not all(p.exists() for p in outputs.values()):
                raise ToolError(f"Graphviz 'dot' wrote no {', '.join(wanted)} output")
            produced = {fmt: path.read_bytes() for fmt, path in outputs.items()}
    if "svg" in produced:
        produced["svg"] = _at_72_dpi(produced["svg"].decode("utf-8")).encode("utf-8")
    return produced


#: `dot` processes started ahead by `start_early`, by command line
_STARTED: dict[tuple[str, ...], subprocess.Popen[bytes]] = {}
#: those already given their graph by `feed_early`, by command line and DOT text
_FED: dict[tuple[tuple[str, ...], str], subprocess.Popen[bytes]] = {}


def _early_command(formats: Sequence[str], image_path: Path, dpi: int) -> tuple[str, ...] | None:
    wanted = [f for f in IMAGE_FORMATS if f in formats]
    found = _which("dot")
    if len(wanted) != 1 or found is None:
        return None
    return (found, f"-Gimagepath={image_path}", f"-Gdpi={dpi}", f"-T{wanted[0]}")


def start_early(formats: Sequence[str], *, image_path: Path, dpi: int = 96) -> None:
    """Start the `dot` that a later `run_dot` with these arguments will use.

    `dot` spends about 10 ms loading its libraries and plugins before it reads a
    graph; started before the model is validated, that start-up runs on another core
    while archgen loads and checks the model. Only for one image format (read from
    standard output); anything unusual (no `dot`, several formats) just skips it, and
    `run_dot` starts `dot` itself. `stop_early` ends a process that was not used.
    """
    command = _early_command(formats, image_path, dpi)
    if command is None or command in _STARTED:
        return
    try:
        _STARTED[command] = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError:
        return


def feed_early(dot_text: str, formats: Sequence[str], *, image_path: Path, dpi: int = 96) -> None:
    """Give the `dot` of `start_early` its graph now, so it lays it out meanwhile.

    The rules do not change the drawing unless findings are highlighted (they only
    add tooltips, which `archgen.render.svg` writes afterwards), so the layout can
    run while the rules do. `run_dot` uses the result only for the very same DOT text.
    """
    command = _early_command(formats, image_path, dpi)
    process = _STARTED.pop(command, None) if command is not None else None
    if command is None or process is None or process.stdin is None:
        return
    try:
        process.stdin.write(dot_text.encode("utf-8"))
        process.stdin.close()
    except OSError:  # dot died: `run_dot` starts a new one and reports what goes wrong
        process.kill()
        process.wait()
        return
    process.stdin = None  # written and closed: `communicate` only reads from now on
    _FED[(command, dot_text)] = process


def stop_early() -> None:
    """End every `dot` started by `start_early` and not used (nothing is written)."""
    for process in [*_STARTED.values(), *_FED.values()]:
        process.kill()
        process.communicate()
    _STARTED.clear()
    _FED.clear()


def _finish(process: subprocess.Popen[bytes], dot_text: str | None) -> bytes:
    stdout, stderr = process.communicate(None if dot_text is None else dot_text.encode("utf-8"))
    if process.returncode != 0 or not stdout:
        message = stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"Graphviz 'dot' failed (exit {process.returncode}): {message}")
    return stdout


def _run(
    command: list[str], dot_text: str, *, to_stdout: bool
) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(
            command, input=dot_text.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as error:
        raise ToolError(f"could not run Graphviz 'dot': {error}") from None
    if result.returncode != 0 or (to_stdout and not result.stdout):
        message = result.stderr.decode("utf-8", "replace").strip()
        raise ToolError(f"Graphviz 'dot' failed (exit {result.returncode}): {message}")
    return result


_SVG_SIZE = re.compile(
    r'<svg width="[0-9.]+pt" height="[0-9.]+pt"\n'
    r' viewBox="0\.00 0\.00 (?P<w>[0-9.]+) (?P<h>[0-9.]+)"'
)
_SCALE = re.compile(r'(<g id="graph0" class="graph" transform=")scale\([0-9. ]+\)')


def _at_72_dpi(svg: str) -> str:
    """Undo the scale `dot` applies to SVG when dpi is not 72 (the only lines it changes)."""
    match = _SVG_SIZE.search(svg)
    if match is None:
        return svg
    width, height = float(match["w"]), float(match["h"])
    header = (
        f'<svg width="{round(width)}pt" height="{round(height)}pt"\n'
        f' viewBox="0.00 0.00 {match["w"]} {match["h"]}"'
    )
    svg = svg[: match.start()] + header + svg[match.end() :]
    return _SCALE.sub(r"\1scale(1 1)", svg, count=1)
