"""Edge crossings of a laid-out drawing, counted from its geometry (``dot -Tjson``).

Each edge is taken as the polyline through its spline's control points (what Graphviz
draws stays close to it); two edges cross where two of their segments intersect.
Touching at a shared end (two edges of one node) is not a crossing. Segments are
bucketed on a grid so that only neighbours are compared, and the tests run on numpy
arrays (numpy comes with rustworkx, an archgen dependency): 2,000 components take
about 20 s of CPU. The control polygon strays from the curve, so compare counts of
curved layouts with each other, not with straight-edge ones.

`dot -v` also prints a crossing count, but it is taken before the final
re-ordering and between ranks only, and `remincross=false` changes what it counts,
so it cannot compare settings; this counts what the reader sees.
"""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import pairwise
from typing import Any

import numpy as np

#: grid cell side, in points: a few node widths
CELL = 150.0


def edge_polylines(layout_json: bytes) -> list[tuple[int, int, list[tuple[float, float]]]]:
    """(tail, head, points) of each edge of ``dot -Tjson`` output."""
    layout: dict[str, Any] = json.loads(layout_json)
    edges = []
    for edge in layout.get("edges", []):
        points = []
        for token in str(edge.get("pos", "")).split():
            if token.startswith(("e,", "s,")):
                continue  # the arrowhead's tip, not on the curve
            x, y = token.split(",")[:2]
            points.append((float(x), float(y)))
        if len(points) >= 2:
            edges.append((int(edge["tail"]), int(edge["head"]), points))
    return edges


def count_crossings(layout_json: bytes) -> int:
    """How many pairs of segments of different edges intersect (not at a shared node).

    A pair is counted in the grid cell that holds its intersection point only, so a
    pair that shares several cells is counted once.
    """
    segments: list[tuple[float, float, float, float]] = []
    owners: list[tuple[int, int, int]] = []  # (edge index, tail, head)
    for index, (tail, head, points) in enumerate(edge_polylines(layout_json)):
        for (x1, y1), (x2, y2) in pairwise(points):
            segments.append((x1, y1, x2, y2))
            owners.append((index, tail, head))
    if not segments:
        return 0
    seg = np.array(segments)
    own = np.array(owners)
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x1, y1, x2, y2) in enumerate(segments):
        for cx in range(int(min(x1, x2) // CELL), int(max(x1, x2) // CELL) + 1):
            for cy in range(int(min(y1, y2) // CELL), int(max(y1, y2) // CELL) + 1):
                cells[(cx, cy)].append(i)
    total = 0
    for (cx, cy), members in cells.items():
        if len(members) < 2:
            continue
        idx = np.array(members)
        for first in range(0, len(idx), 256):  # bounded memory in crowded cells
            a_rows, b_rows = np.meshgrid(
                np.arange(first, min(first + 256, len(idx))), np.arange(len(idx)), indexing="ij"
            )
            keep = a_rows < b_rows
            a, b = idx[a_rows[keep]], idx[b_rows[keep]]
            # edges of one node meet at that node: not a crossing
            shared = (
                (own[a, 0] == own[b, 0])
                | (own[a, 1] == own[b, 1])
                | (own[a, 1] == own[b, 2])
                | (own[a, 2] == own[b, 1])
                | (own[a, 2] == own[b, 2])
            )
            a, b = a[~shared], b[~shared]
            hit, x, y = _intersect(seg[a], seg[b])
            inside = hit & (np.floor(x / CELL) == cx) & (np.floor(y / CELL) == cy)
            total += int(inside.sum())
    return total


def _intersect(s: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether each segment of `s` properly crosses the one of `t` at the same row, and
    where (x, y; meaningless where they do not cross)."""

    def orient(ax: Any, ay: Any, bx: Any, by: Any, cx: Any, cy: Any) -> Any:
        return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))

    d1 = orient(s[:, 0], s[:, 1], s[:, 2], s[:, 3], t[:, 0], t[:, 1])
    d2 = orient(s[:, 0], s[:, 1], s[:, 2], s[:, 3], t[:, 2], t[:, 3])
    d3 = orient(t[:, 0], t[:, 1], t[:, 2], t[:, 3], s[:, 0], s[:, 1])
    d4 = orient(t[:, 0], t[:, 1], t[:, 2], t[:, 3], s[:, 2], s[:, 3])
    hit = (d1 * d2 < 0) & (d3 * d4 < 0)
    dx1, dy1 = s[:, 2] - s[:, 0], s[:, 3] - s[:, 1]
    dx2, dy2 = t[:, 2] - t[:, 0], t[:, 3] - t[:, 1]
    denominator = dx1 * dy2 - dy1 * dx2
    safe = np.where(denominator == 0, 1.0, denominator)
    share = ((t[:, 0] - s[:, 0]) * dy2 - (t[:, 1] - s[:, 1]) * dx2) / safe
    return hit, s[:, 0] + share * dx1, s[:, 1] + share * dy1
