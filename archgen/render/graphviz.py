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
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from archgen.errors import ToolError
from archgen.render.processes import prepare_die_with_parent

INSTALL_HINT = (
    "Graphviz 'dot' is needed to draw diagrams and was not found on PATH. Install it: "
    "'apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS), "
    "'dnf install graphviz' (Fedora), or see https://graphviz.org/download/"
)

#: formats `dot` writes (json: the layout's coordinates, for the draw.io export; dot:
#: the graph with its layout, for `archgen.render.parts`); mermaid and dot text are ours
IMAGE_FORMATS = ("svg", "png", "json", "dot")
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
    return _executable("dot")


def _executable(program: str) -> str:
    """The path of a Graphviz program (`dot`, `neato`, `gvpack`: one package)."""
    found = shutil.which(program)
    if found is None:
        raise ToolError(INSTALL_HINT.replace("'dot'", repr(program), 1))
    return found


def _name(command: Sequence[str]) -> str:
    """How messages name the Graphviz program of `command`: 'dot'."""
    return repr(Path(command[0]).name)


def run_dot(
    dot_text: str,
    formats: Sequence[str],
    *,
    image_path: Path,
    dpi: int = 96,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = "dot",
    options: Sequence[str] = (),
) -> dict[str, bytes]:
    """Lay `dot_text` out once; return the bytes of each of `formats` (svg, png, json,
    dot: the graph with its layout).

    `program` with `options` draws instead of `dot` (``neato -n2`` draws a packed
    layout as it is, see `archgen.render.parts`).
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
    command = [_executable(program), *options, f"-Gimagepath={image_path}", f"-Gdpi={dpi}"]
    while True:
        try:
            return _draw(command, dot_text, wanted, timeout)
        except (DotRankingFailed, DotRoutingFailed) as error:
            retry = fallback(dot_text, error)
            if retry is None:
                raise
            dot_text = retry


def fallback(dot_text: str, error: ToolError) -> str | None:
    """`dot_text` changed to avoid the Graphviz bug `error` reports, or None if nothing
    is left to change: straight edges when the spline router failed, the older ranking
    when `newrank` failed."""
    if isinstance(error, DotRankingFailed) and _NEWRANK in dot_text:
        # the first occurrence is the root graph's own attribute (see `archgen.render.dot`)
        return dot_text.replace(_NEWRANK, "", 1)
    if isinstance(error, DotRoutingFailed) and _CURVED in dot_text:
        return dot_text.replace(_CURVED, _STRAIGHT, 1)
    return None


def _draw(command: list[str], dot_text: str, wanted: list[str], timeout: float) -> dict[str, bytes]:
    command = list(command)
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
                raise ToolError(f"Graphviz {_name(command)} wrote no {', '.join(wanted)} output")
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
        raise ToolError(f"could not run Graphviz {_name(command)}: {error}") from None
    return _checked(result, to_stdout=to_stdout)


def _checked(
    result: subprocess.CompletedProcess[bytes], *, to_stdout: bool
) -> subprocess.CompletedProcess[bytes]:
    """`result`, or the error its exit status and messages say."""
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
    program = _name(result.args)
    if result.returncode >= 0:
        return f"Graphviz {program} failed (exit {result.returncode}): {message}"
    try:
        name = signal.Signals(-result.returncode).name
    except ValueError:
        name = f"signal {-result.returncode}"
    return (
        f"Graphviz {program} was ended by {name} (it may have run out of memory: it may "
        f"use {MEMORY_LIMIT // 1024**3} GiB; split the model into smaller views): {message}"
    ).rstrip(": ")


def lay_out_each(
    dot_texts: Sequence[str], *, image_path: Path, timeout: float = DEFAULT_TIMEOUT
) -> list[str]:
    """Each of `dot_texts` laid out by `dot` (``-Tdot``: the graph with the positions of
    its nodes, edges and clusters), as many at once as this process may use cores.

    Every `dot` runs bounded as `run_dot`'s does; `timeout` is for them all. A text that
    hits a Graphviz bug `run_dot` works around is laid out again the same way. Any
    error, Ctrl-C included, ends every `dot` still running.
    """
    deadline = time.monotonic() + timeout
    command = [dot_executable(), f"-Gimagepath={image_path}", "-Tdot"]
    results = _run_at_once(command, dot_texts, deadline, timeout)
    laid_out: list[str] = []
    for text, result in zip(dot_texts, results, strict=True):
        try:
            laid_out.append(_checked(result, to_stdout=True).stdout.decode("utf-8"))
        except (DotRankingFailed, DotRoutingFailed) as error:
            retry = fallback(text, error)
            if retry is None:
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise DotTimeout(timeout) from None
            try:
                again = run_dot(retry, ["dot"], image_path=image_path, timeout=left)
            except DotTimeout:
                raise DotTimeout(timeout) from None
            laid_out.append(again["dot"].decode("utf-8"))
    return laid_out


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _run_at_once(
    command: list[str], texts: Sequence[str], deadline: float, timeout: float
) -> list[subprocess.CompletedProcess[bytes]]:
    """`command` run on each of `texts`, up to one process per core at a time."""
    import tempfile

    done: dict[int, subprocess.CompletedProcess[bytes]] = {}
    running: dict[int, subprocess.Popen[bytes]] = {}
    waiting = list(range(len(texts)))
    with tempfile.TemporaryDirectory(prefix="archgen-dot-") as folder:
        files = Path(folder)
        try:
            while waiting or running:
                while waiting and len(running) < _cores():
                    index = waiting.pop(0)
                    (files / f"{index}.in").write_text(texts[index], encoding="utf-8")
                    running[index] = _start(command, files, index, deadline - time.monotonic())
                ended = [i for i, process in running.items() if process.poll() is not None]
                for index in ended:
                    process = running.pop(index)
                    done[index] = subprocess.CompletedProcess(
                        command,
                        process.returncode,
                        (files / f"{index}.out").read_bytes(),
                        (files / f"{index}.err").read_bytes(),
                    )
                if not ended:
                    if time.monotonic() > deadline:
                        raise DotTimeout(timeout)
                    time.sleep(0.01)
        finally:
            for process in running.values():  # a timeout, an error, Ctrl-C
                process.kill()
                process.wait()
    return [done[index] for index in range(len(texts))]


def _start(command: list[str], files: Path, index: int, left: float) -> subprocess.Popen[bytes]:
    try:
        with (
            open(files / f"{index}.in", "rb") as source,
            open(files / f"{index}.out", "wb") as out,
            open(files / f"{index}.err", "wb") as err,
        ):
            return subprocess.Popen(
                command, stdin=source, stdout=out, stderr=err, preexec_fn=_limits(max(left, 1))
            )
    except (OSError, subprocess.SubprocessError) as error:
        raise ToolError(f"could not run Graphviz {_name(command)}: {error}") from None


def pack(laid_out: Sequence[str], *, direction: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """The graphs `laid_out` (`lay_out_each`) as one, placed by Graphviz's `gvpack`:
    one above the other in their order (``direction="TB"``), or side by side ("LR").
    Each graph's ``sortv`` attribute is its place in that order."""
    order = "-array_u1" if direction == "TB" else "-array_uc1"
    command = [_executable("gvpack"), "-g", "-m36", order, "-sarchgen"]
    return _run(command, "".join(laid_out), timeout, to_stdout=True).stdout.decode("utf-8")


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
