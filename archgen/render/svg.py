"""Make Graphviz's SVG self-contained: icons inlined once, tooltips, no paths, no comments.

Graphviz links each icon by its file path, which shows nothing on another machine or
through `<img>`. Each distinct icon becomes one `<symbol>` in `<defs>` holding a PNG
data URI downscaled to twice its drawn size (sharp on high-density screens) as a
256-colour palette (a fraction of the original bytes), and every drawing of it a
`<use>`. Each component's `<title>` (the browser's tooltip) says what it is, where it
runs and what was found.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.render.dot import node_name, title_name
from archgen.render.scene import Scene, SceneGroup

if TYPE_CHECKING:
    from archgen.render.icon_cache import IconSet

#: pixels of the embedded icon per point drawn (2× of 96 dpi's 4/3)
PIXELS_PER_POINT = 8 / 3

_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\n?", re.S)
_IMAGE = re.compile(
    r'<image xlink:href="(?P<href>[^"]*)" width="(?P<w>[0-9.]+)px" height="(?P<h>[0-9.]+)px"'
    r' preserveAspectRatio="xMinYMin meet" x="(?P<x>[-0-9.]+)" y="(?P<y>[-0-9.]+)"/>'
)
_TITLED_GROUP = re.compile(
    r'<g id="(?P<id>[^"]*)" class="(?P<cls>node|edge|cluster)">\n<title>(?P<title>[^<]*)</title>'
)
_SVG_OPEN = re.compile(r"<svg [^>]*>\n")


def xml_text(text: str) -> str:
    """`text` escaped for XML character data; characters XML 1.0 forbids become spaces."""
    allowed = "".join(
        " "
        if (ord(c) < 32 and c not in "\n\t")
        or c == "\r"
        or 0xD800 <= ord(c) <= 0xDFFF
        or c in "\ufffe\uffff"
        else c
        for c in text
    )
    return html.escape(allowed, quote=True)


def self_contained(svg: str, scene: Scene, icons: IconSet) -> str:
    """`svg` from Graphviz with `icons` inlined (once each) and tooltips on every part."""
    svg = _COMMENT.sub("", svg)
    svg = _DOCTYPE.sub("", svg)

    symbols: dict[str, str] = {}

    def use(match: re.Match[str]) -> str:
        href = match["href"]
        symbol = symbols.setdefault(href, f"icon-{len(symbols)}")
        return (
            f'<use xlink:href="#{symbol}" x="{match["x"]}" y="{match["y"]}"'
            f' width="{match["w"]}" height="{match["h"]}"/>'
        )

    sizes = {float(m["w"]) for m in _IMAGE.finditer(svg)}
    svg = _IMAGE.sub(use, svg)
    titles = _titles(scene)
    svg = _TITLED_GROUP.sub(
        lambda m: (
            f'<g id="{m["id"]}" class="{m["cls"]}">\n'
            f"<title>{xml_text(titles.get(html.unescape(m['id']), html.unescape(m['title'])))}"
            "</title>"
        ),
        svg,
    )
    drawn = max(sizes, default=48.0)
    pixels = round(drawn * PIXELS_PER_POINT)
    defs = "".join(
        f'<symbol id="{symbol}" viewBox="0 0 {pixels} {pixels}">'
        f'<image width="{pixels}" height="{pixels}"'
        f' xlink:href="{icons.data_uri(href, pixels)}"/>'
        "</symbol>"
        for href, symbol in symbols.items()
    )
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise ValueError("Graphviz output has no <svg> element")
    head = svg[: opening.end()]
    return f"{head}<defs>{defs}</defs>\n{svg[opening.end() :]}"


def _titles(scene: Scene) -> dict[str, str]:
    titles = {node_name(node.id): node.tooltip for node in scene.nodes.values()}
    for index, edge in enumerate(scene.edges):
        source, target = scene.nodes[edge.source].title, scene.nodes[edge.target].title
        what = f": {edge.label}" if edge.label else ""
        titles[f"e-{index}"] = f"{source} → {target} ({edge.style}){what}"

    def groups(group: SceneGroup) -> None:
        for child in group.groups:
            titles[f"g-{child.key}"] = child.label
            titles[title_name(child.key)] = child.label
            groups(child)

    groups(scene.root)
    return titles


def downscaled_data_uri(path: Path, pixels: int) -> str:
    """The icon at `path` as a PNG data URI, downscaled to `pixels` square."""
    from PIL import Image

    with Image.open(path) as source:
        image = source.convert("RGBA")
        if image.width > pixels or image.height > pixels:
            image = image.resize((pixels, pixels), Image.Resampling.LANCZOS)
        # AWS icons are flat colours: a 256-colour palette looks the same at a third
        # of the bytes, and is much quicker to compress than full RGBA
        palette = image.quantize(256, method=Image.Quantize.FASTOCTREE)
        buffer = io.BytesIO()
        palette.save(buffer, format="PNG", compress_level=9)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
