"""A model as a Mermaid flowchart with subgraphs, which GitHub renders inline.

Draws the same `Scene` as the DOT writer. Ids are derived from component ids (stable
across runs and edits); every label is quoted and every character that means something
to Mermaid or HTML is written as a Mermaid entity code (``#35;``), so no input can
break the flowchart or inject markup.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from archgen.model.schema import Model
from archgen.render.scene import Scene, SceneGroup, build_scene
from archgen.rules.finding import Finding

_UNSAFE = set('"#&<>;%|{}[]`\\')

#: Unicode categories of characters that could end a line or a statement
_BREAKING = ("Cc", "Zl", "Zp")

_GROUP_STYLES = {
    "region": "fill:#FFFFFF,stroke:#5B9CD5,stroke-dasharray:2 4,color:#147EBA",
    "vpc": "fill:#FFFFFF,stroke:#693BC5,color:#693BC5",
    "public": "fill:#E9F3E6,stroke:#7AA116,color:#1E8900",
    "private": "fill:#E6F2F8,stroke:#5B9CD5,color:#147EBA",
    "mixed": "fill:#F2F3F3,stroke:#879196,color:#545B64",
}
_MARK_STYLES = {
    "finding": "stroke:#D13212,stroke-width:3px",
    "added": "stroke:#1E8900,stroke-width:3px",
    "removed": "stroke:#D13212,stroke-width:3px,stroke-dasharray:5 3",
    "changed": "stroke:#E07B00,stroke-width:3px",
}
_LINK_STYLES = {
    "replication": "stroke:#3B48CC,stroke-width:1.5px,stroke-dasharray:2 3",
    "monitoring": "stroke:#C9CED3,stroke-width:1px",
    "origin": "stroke:#8C4FFF",
    "protects": "stroke:#DD344C,stroke-dasharray:5 3",
}


def text(value: str) -> str:
    """`value` safe inside a quoted Mermaid label: entity codes for special characters."""
    out = []
    for char in value:
        if unicodedata.category(char) in _BREAKING:
            out.append(" ")  # control characters and line/paragraph separators
        elif char in _UNSAFE:
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def _identifier(prefix: str, name: str) -> str:
    return prefix + re.sub(r"[^A-Za-z0-9]", "_", name)


def identifiers(ids: Sequence[str], prefix: str) -> dict[str, str]:
    """Mermaid ids for `ids`: readable, stable, and distinct even when two names map alike."""
    plain = [_identifier(prefix, name) for name in ids]
    result = {}
    for name, candidate in zip(ids, plain, strict=True):
        if plain.count(candidate) > 1:
            candidate += "_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
        result[name] = candidate
    return result


def to_mermaid(
    model: Model,
    *,
    highlight: Mapping[str, str] | None = None,
    findings: Sequence[Finding] = (),
) -> str:
    """Flowchart text of `model` (no Markdown fence); `highlight` and `findings` marked."""
    return scene_to_mermaid(build_scene(model, findings=findings, highlight=highlight))


def scene_to_mermaid(scene: Scene) -> str:
    """Flowchart text of an already built scene."""
    node_ids = identifiers(list(scene.nodes), "c_")
    group_keys: list[str] = []

    def collect(group: SceneGroup) -> None:
        for child in group.groups:
            group_keys.append(child.key)
            collect(child)

    collect(scene.root)
    group_ids = identifiers(group_keys, "g_")
    direction = "LR" if scene.direction == "LR" else "TB"
    lines = [f"flowchart {direction}", f"  %% {text(scene.title)}"]
    styles: list[str] = []

    def write(group: SceneGroup, indent: str) -> None:
        for component_id in group.nodes:
            node = scene.nodes[component_id]
            parts = [node.title, *node.lines, *node.notes]
            if node.mark is not None:
                note = ", ".join(node.rules) if node.mark == "finding" else node.mark
                parts.append(f"⚠ {note}" if node.mark == "finding" else note)
            label = "<br/>".join(text(p) for p in parts)
            lines.append(f'{indent}{node_ids[component_id]}["{label}"]')
            if node.mark is not None:
                styles.append(f"  style {node_ids[component_id]} {_MARK_STYLES[node.mark]}")
        for child in group.groups:
            if child.is_empty():
                continue
            identifier = group_ids[child.key]
            lines.append(f'{indent}subgraph {identifier}["{text(child.label)}"]')
            write(child, indent + "  ")
            lines.append(f"{indent}end")
            styles.append(f"  style {identifier} {_GROUP_STYLES[child.kind]}")

    write(scene.root, "  ")
    for index, edge in enumerate(scene.edges):
        arrow = "-.->" if edge.style in ("async", "replication", "monitoring") else "-->"
        if edge.style == "protects":
            arrow = "-.-"  # beside what it guards: no arrow, nothing flows through it
        label = f'|"{text(edge.label)}"|' if edge.label else ""
        # a link from a whole tier starts at its subgraph, as in the DOT drawing
        source = group_ids[edge.tail_group] if edge.tail_group else node_ids[edge.source]
        lines.append(f"  {source} {arrow}{label} {node_ids[edge.target]}")
        if edge.style in _LINK_STYLES:
            styles.append(f"  linkStyle {index} {_LINK_STYLES[edge.style]}")
    return "\n".join(lines + styles) + "\n"
