"""Light and dark diagrams: the dark theme is the light drawing's DOT with its colours
swapped for MkDocs-material's slate palette (the site's dark scheme).

Every colour `archgen.render.dot` writes has a dark counterpart in `DARK_COLOURS`
(a test keeps them in step), so a dark drawing has the same layout as the light one:
only colours change. Dark icons (users, clients) would vanish on a dark background,
so in the dark theme each icon sits on a light tile. The site derives its dark
drawings from the light SVGs (`themed_svg`) rather than laying each stage out twice.
"""

from __future__ import annotations

import re
from typing import Final

THEMES: Final = ("light", "dark")

#: slate's background and text (``--md-default-bg-color``, ``--md-default-fg-color``
#: of ``[data-md-color-scheme="slate"]``, hue 232)
SLATE_BACKGROUND: Final = "#1E2129"
SLATE_TEXT: Final = "#E2E4E9"
SLATE_TEXT_LIGHT: Final = "#A9AEBC"

#: light colour (as `archgen.render.dot` writes it) -> its colour on slate
DARK_COLOURS: Final[dict[str, str]] = {
    "#232F3E": SLATE_TEXT,  # names and titles
    "#545B64": SLATE_TEXT_LIGHT,  # details, edge labels, request edges
    "#5B9CD5": "#6CB4EE",  # region and private-tier borders
    "#147EBA": "#6CB4EE",  # region and private-tier titles
    "#693BC5": "#A48DF2",  # VPC
    "#7AA116": "#8DB82A",  # public-tier border
    "#E9F3E6": "#1F2E24",  # public-tier fill
    "#1E8900": "#7FD07A",  # public-tier title, "added"
    "#E6F2F8": "#1D2B38",  # private-tier fill
    "#879196": "#879196",  # mixed-tier border (reads on both)
    "#F2F3F3": "#2A2D36",  # mixed-tier fill
    "#D13212": "#FF6E4A",  # findings, "removed"
    "#E07B00": "#FFA040",  # "changed"
    "#3B48CC": "#8C9EFF",  # replication (slate's indigo accent)
    "#8C4FFF": "#B388FF",  # CDN origin
    "#C9CED3": "#4A4F5C",  # monitoring: faint on either background
    "#DD344C": "#FF6B7F",  # firewall beside what it protects
    "#B0084D": "#F06292",  # monitoring badges and notes under a component (views)
}

#: the tile behind each icon in the dark theme (AWS icons are drawn for white)
ICON_TILE: Final = "#E2E4E9"

#: a colour attribute of DOT (graph, node, edge, HTML label), never text a user wrote:
#: user text reaches DOT escaped, so it holds no ``color="``
_DOT_COLOUR = re.compile(r'(\b(?:color|fillcolor|fontcolor|COLOR)=")(#[0-9A-Fa-f]{6})"')
_BACKGROUND = 'bgcolor="white"'
#: a colour attribute of Graphviz's SVG, and its background's ``fill="white"``
_SVG_COLOUR = re.compile(r'(\b(?:fill|stroke)=")(#[0-9a-fA-F]{6}|white)"')
#: an icon as `archgen.render.svg` draws it
_SVG_ICON = re.compile(
    r'<use xlink:href="#icon-[0-9]+" x="(?P<x>[-0-9.]+)" y="(?P<y>[-0-9.]+)"'
    r' width="(?P<w>[0-9.]+)" height="(?P<h>[0-9.]+)"/>'
)
#: how `archgen.render.dot` opens the table cell of a component's icon
_ICON_CELL = '<TD FIXEDSIZE="TRUE"'


def check_theme(theme: str) -> str:
    """`theme` if archgen knows it; `ValueError` otherwise."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose from {', '.join(THEMES)}")
    return theme


def themed_dot(dot_text: str, theme: str) -> str:
    """`dot_text` (light) drawn in `theme`: the same graph, other colours."""
    if check_theme(theme) == "light":
        return dot_text
    # one pass, so that a colour is never swapped twice
    text = _DOT_COLOUR.sub(lambda m: f'{m[1]}{_dark(m[2])}"', dot_text)
    text = text.replace(_BACKGROUND, f'bgcolor="{SLATE_BACKGROUND}"', 1)
    return text.replace(_ICON_CELL, f'<TD BGCOLOR="{ICON_TILE}" FIXEDSIZE="TRUE"')


def themed_svg(svg: str, theme: str) -> str:
    """archgen's light SVG in `theme`, without laying it out again (the site's dark
    drawings): the colours of `themed_dot`, and the icons on the same tiles."""
    if check_theme(theme) == "light":
        return svg

    def colour(match: re.Match[str]) -> str:
        value = SLATE_BACKGROUND if match[2] == "white" else _dark(match[2])
        return f'{match[1]}{value}"'

    def tile(match: re.Match[str]) -> str:
        rect = (
            f'<rect x="{match["x"]}" y="{match["y"]}" width="{match["w"]}"'
            f' height="{match["h"]}" fill="{ICON_TILE}"/>'
        )
        return rect + match[0]

    return _SVG_ICON.sub(tile, _SVG_COLOUR.sub(colour, svg))


def _dark(colour: str) -> str:
    return DARK_COLOURS.get(colour.upper(), colour)
