"""Is this an SVG archgen could have written? For drawings read back from a cache.

A cached drawing is copied into a site that people open in browsers, so it is checked
as untrusted input before it is used: it must be the XML archgen writes (declaration,
then one `<svg>`; no DOCTYPE, entity, comment, processing instruction or CDATA), made
only of the elements and attributes Graphviz and `archgen.render.svg` produce. That
rules out `<script>`, `<foreignObject>`, `<style>`, links, event attributes (``on…``),
and any reference that is not ``#id`` inside the file or a base64 PNG data URI.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Final
from xml.etree import ElementTree

SVG: Final = "{http://www.w3.org/2000/svg}"
XLINK_HREF: Final = "{http://www.w3.org/1999/xlink}href"
DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'

#: the elements of archgen's SVG (Graphviz's shapes and text, the inlined icons)
ELEMENTS: Final = frozenset(
    SVG + name
    for name in (
        "svg",
        "defs",
        "symbol",
        "image",
        "use",
        "g",
        "title",
        "polygon",
        "polyline",
        "ellipse",
        "path",
        "text",
    )
)
#: the attributes they carry; `xlink:href` is checked on its own
ATTRIBUTES: Final = frozenset(
    {
        "id",
        "class",
        "width",
        "height",
        "viewBox",
        "transform",
        "points",
        "d",
        "x",
        "y",
        "cx",
        "cy",
        "rx",
        "ry",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "text-anchor",
        "text-decoration",
        "preserveAspectRatio",
        XLINK_HREF,
    }
)
_LOCAL_REFERENCE = re.compile(r"#[A-Za-z0-9_.:-]+")
_PNG_URI = "data:image/png;base64,"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UnsafeSvg(ValueError):
    """The data is not an SVG archgen could have written; the message says why."""


def check_svg(data: bytes) -> None:
    """Return if `data` is an SVG archgen could have written; `UnsafeSvg` if not."""
    if not data.startswith(DECLARATION.encode("ascii")):
        raise UnsafeSvg("no XML declaration as archgen writes it")
    body = data[len(DECLARATION) :]
    # outside markup `<` is always `&lt;`: these can only open a DOCTYPE, an entity,
    # a comment, CDATA or a processing instruction (none of which archgen writes)
    for opening in (b"<!", b"<?"):
        if opening in body:
            raise UnsafeSvg(f"contains {opening.decode()}")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise UnsafeSvg(f"not well-formed XML: {error}") from None
    if root.tag != SVG + "svg":
        raise UnsafeSvg(f"the root element is {root.tag}, not svg")
    for element in root.iter():
        if element.tag not in ELEMENTS:
            raise UnsafeSvg(f"element {element.tag} is not one archgen writes")
        for name, value in element.attrib.items():
            _check_attribute(element.tag, name, value)


def _check_attribute(tag: str, name: str, value: str) -> None:
    if name not in ATTRIBUTES:
        raise UnsafeSvg(f"attribute {name} (on {tag}) is not one archgen writes")
    if "url(" in value.lower().replace(" ", "") and not value.startswith("url(#"):
        raise UnsafeSvg(f"attribute {name} refers outside the file")
    if name != XLINK_HREF or _LOCAL_REFERENCE.fullmatch(value):
        return
    if not value.startswith(_PNG_URI):
        raise UnsafeSvg(f"a link that is not #id or a PNG data URI: {value[:40]!r}")
    try:
        png = base64.b64decode(value[len(_PNG_URI) :], validate=True)
    except binascii.Error:
        raise UnsafeSvg("a data URI that is not base64") from None
    if not png.startswith(_PNG_SIGNATURE):
        raise UnsafeSvg("a data URI that is not a PNG")
