"""Where things sit in a diagram: boxes of group titles, edge labels, nodes and groups,
and points along edges, read from Graphviz's SVG.

Text is measured with DejaVu Sans, the font Graphviz lays out "Sans-Serif" with on
Debian (fonts-dejavu-core, which `dev.sh` installs): the boxes are those Graphviz
reserved, so an overlap here is an overlap in the layout, whatever font a browser picks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path
from typing import NamedTuple

from PIL import ImageFont

SVG = "{http://www.w3.org/2000/svg}"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class Box(NamedTuple):
    """An axis-aligned rectangle in SVG units (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, slack: float = 1.0) -> bool:
        """Whether the two boxes share more than `slack` points each way (text boxes
        include side bearings: two words that touch at a corner do not overlap)."""
        return (
            min(self.right, other.right) - max(self.left, other.left) > slack
            and min(self.bottom, other.bottom) - max(self.top, other.top) > slack
        )

    def holds(self, x: float, y: float) -> bool:
        """Whether the point is strictly inside."""
        return self.left < x < self.right and self.top < y < self.bottom

    def contains(self, other: Box) -> bool:
        """Whether `other` lies wholly inside this box."""
        return (
            self.left <= other.left
            and self.top <= other.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


class Drawing(NamedTuple):
    """The parts of one SVG diagram that layout checks look at."""

    #: group id (``g-r/us-east-1``) -> the box of its title text (a node of its own,
    #: ``t-r/us-east-1``, or the cluster's label)
    titles: dict[str, Box]
    #: group id -> the box drawn around the group
    groups: dict[str, Box]
    #: edge id (``e-3``) -> the boxes of its label lines
    labels: dict[str, list[Box]]
    #: edge id -> points along its line
    lines: dict[str, list[tuple[float, float]]]
    #: node id (``c-web``) -> the box around its icon and text
    nodes: dict[str, Box]


@cache
def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


def text_box(element: ElementTree.Element) -> Box:
    """The box of the ink of one SVG ``<text>``: from the first to the last drawn
    character, from the top of its tallest glyph to the bottom of its lowest."""
    font = _font(float(element.get("font-size", "14")))
    text = element.text or ""
    width = font.getlength(text)
    # the ink's height above and below the baseline (side bearings aside)
    _, top, _, bottom = font.getbbox(text, anchor="ls")
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    anchor = element.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    # the spaces archgen pads edge labels with take room but draw nothing
    ink_left = left + font.getlength(text[: len(text) - len(text.lstrip())])
    ink_right = left + font.getlength(text.rstrip())
    return Box(ink_left, y + top, ink_right, y + bottom)


_NUMBER = re.compile(r"-?[0-9.]+")


def _points(text: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _outline(group: ElementTree.Element) -> Box | None:
    for shape in group:
        if shape.tag == f"{SVG}polygon":
            points = _points(shape.get("points", ""))
        elif shape.tag == f"{SVG}path":
            points = _points(shape.get("d", ""))
        else:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Box(min(xs), min(ys), max(xs), max(ys))
    return None


def _curve(d: str) -> list[tuple[float, float]]:
    """Points along Graphviz's ``M p C p p p p p p ...`` path of cubic Béziers."""
    points = _points(d)
    samples = [points[0]]
    for i in range(1, len(points) - 2, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i - 1 : i + 3]
        for step in range(1, 21):
            t = step / 20
            u = 1 - t
            samples.append(
                (
                    u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                    u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                )
            )
    return samples


def drawing(svg: str) -> Drawing:
    """The titles, boxes, labels, lines and nodes of Graphviz's SVG `svg`."""
    root = ElementTree.fromstring(svg)
    found = Drawing({}, {}, {}, {}, {})
    for group in root.iter(f"{SVG}g"):
        kind, ident = group.get("class"), group.get("id", "")
        texts = [text_box(t) for t in group.iter(f"{SVG}text") if (t.text or "").strip()]
        if kind == "cluster":
            outline = _outline(group)
            if outline is not None:
                found.groups[ident] = outline
            if texts:
                found.titles[ident] = texts[0]
        elif kind == "edge":
            found.labels[ident] = texts
            path = group.find(f"{SVG}path")
            if path is not None:
                found.lines[ident] = _curve(path.get("d", ""))
        elif kind == "node" and ident.startswith("t-"):  # a box's title (`t-<key>`)
            if texts:
                found.titles[f"g-{ident[2:]}"] = texts[0]
        elif kind == "node":
            boxes = list(texts)
            for use in group.iter(f"{SVG}use"):
                x, y = float(use.get("x", "0")), float(use.get("y", "0"))
                w, h = float(use.get("width", "0")), float(use.get("height", "0"))
                boxes.append(Box(x, y, x + w, y + h))
            if boxes:
                found.nodes[ident] = Box(
                    min(b.left for b in boxes),
                    min(b.top for b in boxes),
                    max(b.right for b in boxes),
                    max(b.bottom for b in boxes),
                )
    return found
