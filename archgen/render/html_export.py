"""A scene as one self-contained interactive HTML file: pan, zoom, click for details.

The page holds the diagram's SVG inline (icons are data URIs already), its stylesheet,
one script, and each component's kind, service, settings and findings as JSON. It
loads nothing: its Content-Security-Policy forbids every fetch (``default-src
'none'``) and runs only the one script, named by its hash. Model text is untrusted
(see SECURITY.md): jinja2 escapes it in the page, the JSON has ``<``, ``>`` and ``&``
as escapes (so no ``</script>`` can end its block), and the script writes it with
``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from archgen.render.dot import node_name
from archgen.render.names import service_name
from archgen.render.scene import Scene

if TYPE_CHECKING:
    import jinja2

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'


def content_security_policy(script: str) -> str:
    """The page's policy: nothing fetched, no plugin, no form; only `script` runs."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def components_json(scene: Scene) -> str:
    """What the side panel shows for each component, by SVG element id, as JSON safe
    inside a ``<script>`` element."""
    data = {
        node_name(node.id): {
            "id": node.id,
            "title": node.title,
            "kind": node.kind,
            "service": service_name(node.service),
            "settings": list(node.lines),
            "findings": [
                {"severity": severity, "rule": rule, "message": message}
                for severity, rule, message in node.findings
            ],
        }
        for node in scene.nodes.values()
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # JSON allows these escapes in strings; HTML never sees a tag or an entity in them
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def to_html(scene: Scene, svg: str, theme: str = "light") -> str:
    """The interactive page of `scene`, drawn as `svg` (archgen's self-contained SVG),
    its panels in `theme`'s colours."""
    from markupsafe import Markup

    template, script, css = _viewer()
    return template.render(
        title=scene.title,
        theme=theme,
        policy=content_security_policy(script),
        css=Markup(css),
        # Graphviz escaped every text of the SVG; the XML declaration has no place in HTML
        svg=Markup(svg.replace(_XML_DECLARATION, "", 1).lstrip()),
        components=Markup(components_json(scene)),
        script=Markup(script),
    )


@cache
def _viewer() -> tuple[jinja2.Template, str, str]:
    import jinja2

    folder = resources.files("archgen.render") / "html_viewer"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string((folder / "page.html.j2").read_text("utf-8"))
    script = (folder / "viewer.js").read_text("utf-8")
    return template, script, (folder / "viewer.css").read_text("utf-8")
