"""Running Graphviz `dot` once per model for every image format wanted.

One `dot` process lays the graph out once and writes each format from that layout
(``-Tsvg -o a.svg -Tpng -o b.png``), so the SVG and the PNG always show the same
picture and the layout is never paid twice.

`dot` runs bounded: a wall-clock time limit (`DEFAULT_TIMEOUT`, ``--timeout``), an
address-space limit (`MEMORY_LIMIT`) and a CPU-time limit that ends it even if
archgen is gone; on Linux it also dies with the process that started it.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from archgen.errors import ToolError
from archgen.render.processes import prepare_die_with_parent

INSTALL_HINT = (
    "Graphviz 'dot' is needed to draw diagrams and was not found on PATH. Install it: "
    "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "'dnf install graphviz' (Fedora), or see https://graphviz.org/download/"
)

#: formats `dot` writes (json: the layout's coordinates, for the draw.io export);
#: mermaid and dot text are ours
IMAGE_FORMATS = ("svg", "png", "json")
#: seconds one layout may take before it is stopped (`archgen render --timeout`)
DEFAULT_TIMEOUT = 60.0
#: bytes of address space `dot` may use: far above any real diagram's needs
MEMORY_LIMIT = 4 * 1024**3


class DotRoutingFailed(ToolError):
    """`dot` laid the graph out but could not route an edge between the clusters (a
    Graphviz bug: "triangulation failed", "Pshortestpath failed")."""


#: what `dot` says when its spline router fails; straight edges always route
_ROUTING_FAILED = ("triangulation failed", "Pshortestpath failed", "in routesplines")
_CURVED, _STRAIGHT = "splines=true", "splines=line"


class DotRankingFailed(ToolError):
    """`dot` could not rank the graph with `newrank` (a Graphviz 2.43 bug some large
    clustered graphs hit: "trouble in init_rank")."""


_RANKING_FAILED = ("trouble in init_rank",)
#: Graphviz 2.43 turns `newrank` on whatever its value: the older ranking is its absence
_NEWRANK = "newrank=true, "


class DotTimeout(ToolError):
    """Exit 3: `dot` did not finish its layout within the time limit."""

    def __init__(self, seconds: float, model: str = "") -> None:
        self.seconds, self.model = seconds, model
        where = f"{model}: " if model else ""
        super().__init__(
            f"{where}Graphviz 'dot' did not finish the layout within {seconds:g} s and "
            "was stopped. Draw a smaller view (split the model into several files, e.g. "
            "one per region or service group), or allow more time with --timeout SECONDS"
        )

    def __reduce__(self) -> tuple[type[DotTimeout], tuple[float, str]]:
        # a worker sends it to archgen pickled: rebuilt from its arguments
        return type(self), (self.seconds, self.model)


def dot_executable() -> str:
    """The path of `dot`, or a `ToolError` (exit 3) saying how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise ToolError(INSTALL_HINT)
    return found


def run_dot(
    dot_text: str,
    formats: Sequence[str],
    *,
    image_path: Path,
    dpi: int = 96,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, bytes]:
    """Lay `dot_text` out once; return the bytes of each of `formats` (svg, png).

    `image_path` is where `dot` looks for the icons named in the DOT text. The SVG is
    returned as if drawn at 72 dpi whatever `dpi` is, so it does not change with the
    PNG resolution. `DotTimeout` when the layout takes longer than `timeout` seconds.
    When Graphviz cannot route the curved edges between clusters, or cannot rank the
    graph with `newrank` (Graphviz bugs some layouts hit), the graph is drawn again with
    straight edges, or with Graphviz's older ranking (a guard may then sit above what it
    guards rather than beside it), rather than not at all.
    """
    wanted = [f for f in IMAGE_FORMATS if f in formats]
    if not wanted:
        return {}
    try:
        return _draw(dot_text, wanted, image_path, dpi, timeout)
    except DotRankingFailed:
        if _NEWRANK not in dot_text:
            raise
        # the first occurrence is the root graph's own attribute (see `archgen.render.dot`)
        return run_dot(
            dot_text.replace(_NEWRANK, "", 1),
            wanted,
            image_path=image_path,
            dpi=dpi,
            timeout=timeout,
        )
    except DotRoutingFailed:
        if _CURVED not in dot_text:
            raise
        return _draw(dot_text.replace(_CURVED, _STRAIGHT, 1), wanted, image_path, dpi, timeout)


def _draw(
    dot_text: str, wanted: list[str], image_path: Path, dpi: int, timeout: float
) -> dict[str, bytes]:
    command = [dot_executable(), f"-Gimagepath={image_path}", f"-Gdpi={dpi}"]
    if len(wanted) == 1:  # one format: read it from `dot`'s standard output
        command.append(f"-T{wanted[0]}")
        produced = {wanted[0]: _run(command, dot_text, timeout, to_stdout=True).stdout}
    else:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="archgen-dot-") as folder:
            outputs = {fmt: Path(folder) / f"out.{fmt}" for fmt in wanted}
            for fmt, path in outputs.items():
                command += [f"-T{fmt}", f"-o{path}"]
            _run(command, dot_text, timeout, to_stdout=False)
            if not all(p.exists() for p in outputs.values()):
                raise ToolError(f"Graphviz 'dot' wrote no {', '.join(wanted)} output")
            produced = {fmt: path.read_bytes() for fmt, path in outputs.items()}
    if "svg" in produced:
        produced["svg"] = _at_72_dpi(produced["svg"].decode("utf-8")).encode("utf-8")
    return produced


def _run(
    command: list[str], dot_text: str, timeout: float, *, to_stdout: bool
) -> subprocess.CompletedProcess[bytes]:
    # `subprocess.run` kills `dot` on a timeout and on any exception (Ctrl-C included)
    try:
        result = subprocess.run(
            command,
            input=dot_text.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=timeout,
            preexec_fn=_limits(timeout),
        )
    except subprocess.TimeoutExpired:
        raise DotTimeout(timeout) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolError(f"could not run Graphviz 'dot': {error}") from None
    if result.returncode != 0 or (to_stdout and not result.stdout):
        failed = result.stderr.decode("utf-8", "replace")
        if result.returncode > 0 and any(marker in failed for marker in _ROUTING_FAILED):
            raise DotRoutingFailed(_failure(result))
        if result.returncode > 0 and any(marker in failed for marker in _RANKING_FAILED):
            raise DotRankingFailed(_failure(result))
        raise ToolError(_failure(result))
    return result


def _failure(result: subprocess.CompletedProcess[bytes]) -> str:
    message = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode >= 0:
        return f"Graphviz 'dot' failed (exit {result.returncode}): {message}"
    try:
        name = signal.Signals(-result.returncode).name
    except ValueError:
        name = f"signal {-result.returncode}"
    return (
        f"Graphviz 'dot' was ended by {name} (it may have run out of memory: it may use "
        f"{MEMORY_LIMIT // 1024**3} GiB; split the model into smaller views): {message}"
    ).rstrip(": ")


def _limits(timeout: float) -> Callable[[], None] | None:
    """What runs in `dot`'s process before it starts: its limits, and on Linux a
    request to be killed when archgen (or its worker) dies. Everything it needs is
    prepared here, in the parent: a child between fork and exec must not import."""
    if os.name != "posix":
        return None
    import resource

    arrange = prepare_die_with_parent()
    parent = os.getpid()
    # CPU time: a backstop where the parent can no longer enforce `timeout` (it died)
    cpu = math.ceil(timeout) * 2 + 10
    limits = [
        (resource.RLIMIT_AS, _within(resource.RLIMIT_AS, MEMORY_LIMIT)),
        (resource.RLIMIT_CPU, _within(resource.RLIMIT_CPU, cpu)),
    ]
    return functools.partial(_in_child, arrange, parent, resource.setrlimit, limits)


def _within(which: int, wanted: int) -> tuple[int, int]:
    """Soft and hard limits: `wanted` as the soft limit, never above a limit already in
    force; the hard limit stays (going over the soft CPU limit sends SIGXCPU, which
    ends `dot`)."""
    import resource

    soft, hard = resource.getrlimit(which)
    value = min(limit for limit in (wanted, soft, hard) if limit != resource.RLIM_INFINITY)
    return value, hard


def _in_child(
    arrange: Callable[[int, int], None] | None,
    parent: int,
    setrlimit: Callable[[int, tuple[int, int]], None],
    limits: list[tuple[int, tuple[int, int]]],
) -> None:
    if arrange is not None:
        arrange(parent, signal.SIGKILL)
    for which, values in limits:
        setrlimit(which, values)


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
