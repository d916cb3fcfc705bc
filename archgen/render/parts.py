"""Huge drawings laid out in parts: each region on its own, in parallel, then packed.

`dot`'s time grows faster than the graph: most of it goes into placing nodes across
each rank, over every edge's chain of virtual nodes, and an edge from one region to
another spans the whole picture. Above `HUGE_GRAPH` components, a scene whose
components sit in more than one top-level box (its regions, and the global services
outside every region) is therefore laid out one box at a time, as many at once as
there are cores (`graphviz.lay_out_each`). Graphviz's `gvpack` places the laid-out
boxes one above the other (side by side for ``direction: LR``), the global services
first, and ``neato -n2`` draws the whole from those positions. The edges between boxes
(users to each region, cross-region replication) are drawn straight: only they are
not routed around the nodes. Measured: ``benchmarks/scale_results.md``.

Smaller drawings keep the single `dot` layout, whose curved edges between regions
read better.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from archgen.render.dot import HUGE_GRAPH, edge_line, heading_label, to_dot
from archgen.render.graphviz import DotTimeout, lay_out_each, pack, run_dot
from archgen.render.scene import Scene, SceneGroup
from archgen.render.theme import themed_dot

#: how ``neato -n2`` draws the packed layout: every position as given; the edges
#: between parts, which have none, straight
_DRAW_AS_PACKED = ("-n2", "-Gsplines=line")


@dataclass(frozen=True)
class Part:
    """One box of the drawing, laid out alone, with the ids its edges have in the whole."""

    scene: Scene
    edge_ids: tuple[int, ...]


@dataclass(frozen=True)
class Split:
    """A scene cut into parts, and the edges between parts (ids in the whole)."""

    parts: list[Part]
    between: list[int]


def split(scene: Scene) -> Split | None:
    """`scene` cut into its top-level boxes, or None when it is drawn whole: at most
    `HUGE_GRAPH` components, or everything in one box."""
    if len(scene.nodes) <= HUGE_GRAPH:
        return None
    boxes: list[SceneGroup] = []
    if scene.root.nodes:
        boxes.append(SceneGroup("root", "root", scene.title, nodes=list(scene.root.nodes)))
    for group in scene.root.groups:
        if not group.is_empty():
            boxes.append(SceneGroup("root", "root", scene.title, groups=[group]))
    if len(boxes) < 2:
        return None
    part_of = {member: index for index, box in enumerate(boxes) for member in _members(box)}
    inside: list[list[int]] = [[] for _ in boxes]
    between: list[int] = []
    for index, edge in enumerate(scene.edges):
        if part_of[edge.source] == part_of[edge.target]:
            inside[part_of[edge.source]].append(index)
        else:
            between.append(index)
    parts = []
    for number, box in enumerate(boxes):
        members = set(_members(box))
        part = Scene(
            title=scene.title,
            nodes={i: node for i, node in scene.nodes.items() if i in members},
            root=box,
            edges=[scene.edges[i] for i in inside[number]],
            beside=[pair for pair in scene.beside if set(pair) <= members],
            direction=scene.direction,
            same_rank=[group for group in scene.same_rank if set(group) <= members],
        )
        parts.append(Part(part, tuple(inside[number])))
    return Split(parts, between)


def _members(group: SceneGroup) -> list[str]:
    found = list(group.nodes)
    for child in group.groups:
        found += _members(child)
    return found


def draw_in_parts(
    scene: Scene,
    cut: Split,
    icons: dict[str, str],
    formats: Sequence[str],
    *,
    image_path: Path,
    dpi: int,
    timeout: float,
    theme: str,
) -> dict[str, bytes]:
    """The bytes of each of `formats` (as `graphviz.run_dot` returns them) of `scene`,
    laid out part by part (`split`); `timeout` is for all the Graphviz runs together."""
    deadline = time.monotonic() + timeout

    def left() -> float:
        seconds = deadline - time.monotonic()
        if seconds <= 0:
            raise DotTimeout(timeout)
        return seconds

    texts = [
        themed_dot(
            to_dot(
                part.scene,
                icons,
                heading=False,
                edge_ids=part.edge_ids,
                graph_attributes=[f"sortv={number}"],
            ),
            theme,
        )
        for number, part in enumerate(cut.parts)
    ]
    try:
        laid_out = lay_out_each(texts, image_path=image_path, timeout=left())
        packed = pack(laid_out, direction=scene.direction, timeout=left())
        # the title and legend of the whole, and the edges between parts, which no part
        # has (a whole-group tail is `dot`'s alone: drawn from the component)
        added = [f"  graph [{heading_label(scene)}];"]
        added += [
            "  " + edge_line(scene.edges[i]._replace(tail_group=None), i) for i in cut.between
        ]
        whole = packed.rstrip().removesuffix("}") + themed_dot("\n".join(added), theme) + "\n}\n"
        return run_dot(
            whole,
            formats,
            image_path=image_path,
            dpi=dpi,
            timeout=left(),
            program="neato",
            options=_DRAW_AS_PACKED,
        )
    except DotTimeout:
        raise DotTimeout(timeout) from None
