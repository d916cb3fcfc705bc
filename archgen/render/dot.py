"""A `Scene` as Graphviz DOT text: AWS group styles, HTML labels, stable ids.

Everything a user wrote reaches DOT only through `html_text` (inside ``<...>`` HTML
labels) or `quoted` (inside ``"..."`` ids), so no name or label can break the syntax.
Icons are named relative to the `diagrams` resources folder and found through the
``imagepath`` attribute that `graphviz.run_dot` adds, so the DOT text (and its golden
files) is the same on every machine.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final

from archgen.render.labels import wrap_name
from archgen.render.scene import MONITORED, Scene, SceneEdge, SceneGroup, SceneNode

FONT: Final = "Sans-Serif"
#: characters per line of a component's name before it wraps (keeps nodes narrow);
#: `wrap_name` breaks between words, never inside one that has words of its own
TITLE_WIDTH: Final = 22
#: icon cell size in points (48 pt = 64 px at 96 dpi)
ICON_POINTS: Final = 48

#: AWS group colours (awslabs/aws-icons-for-plantuml dist/Groups): border, fill, label
GROUP_STYLES: Final[dict[str, dict[str, str]]] = {
    "region": {"style": "dotted,rounded", "color": "#5B9CD5", "fontcolor": "#147EBA"},
    "vpc": {"style": "solid", "color": "#693BC5", "fontcolor": "#693BC5"},
    "public": {
        "style": "filled",
        "color": "#7AA116",
        "fillcolor": "#E9F3E6",
        "fontcolor": "#1E8900",
    },
    "private": {
        "style": "filled",
        "color": "#5B9CD5",
        "fillcolor": "#E6F2F8",
        "fontcolor": "#147EBA",
    },
    "mixed": {
        "style": "filled",
        "color": "#879196",
        "fillcolor": "#F2F3F3",
        "fontcolor": "#545B64",
    },
}

#: the colour of a node's notes (what monitors it, links leaving a view): CloudWatch's
NOTE_COLOUR: Final = "#B0084D"

#: outline colour and style of marked components (diffs and findings)
MARK_STYLES: Final[dict[str, tuple[str, str]]] = {
    "finding": ("#D13212", "rounded"),
    "added": ("#1E8900", "rounded"),
    "removed": ("#D13212", "dashed"),
    "changed": ("#E07B00", "rounded"),
}

EDGE_STYLES: Final[dict[str, str]] = {
    "sync": 'color="#545B64"',
    "async": 'color="#545B64", style=dashed',
    "replication": 'color="#3B48CC", style=dotted, penwidth=1.6',
    "origin": 'color="#8C4FFF"',
    "monitoring": 'color="#C9CED3", arrowsize=0.5, penwidth=0.8',
    "protects": 'color="#DD344C", style=dashed, arrowhead=none',
}


def html_text(text: str) -> str:
    """`text` safe inside a Graphviz HTML label (and any XML): entities for markup."""
    out = []
    for char in text:
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == '"':
            out.append("&quot;")
        elif char == "'":
            out.append("&#39;")
        elif unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            out.append(" ")  # control characters and line/paragraph separators
        elif char in "[]{}|\\":
            # literal in HTML labels, but entities keep them inert in every renderer
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    """`text` as a DOT double-quoted string."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def node_name(component_id: str) -> str:
    """The DOT node id of a component (also its SVG element id)."""
    return f"c-{component_id}"


#: components above which a drawing gets the cheaper layout settings below
LARGE_GRAPH = 200
#: Graphviz's search limits for large drawings: fewer crossing-reduction rounds
#: (`mclimit`) and network-simplex iterations (`nslimit`, `nslimit1`: times the node
#: count) searching fewer edges each (`searchsize`). Measured on generated models
#: (benchmarks/layout_bench.py): half the CPU time at 2,000 components, no more
#: crossings; spline routing costs little, so edges stay curved.
LARGE_GRAPH_SETTINGS: Final = ("mclimit=0.5", "nslimit=0.5", "nslimit1=0.5", "searchsize=10")
#: components above which the searches are cut further: at 2,000 components half the
#: CPU time of the settings above for 1.5 % more edge crossings; `remincross=false`
#: and straight edges saved nothing more (benchmarks/scale_results.md)
HUGE_GRAPH = 1000
HUGE_GRAPH_SETTINGS: Final = ("mclimit=0.1", "nslimit=0.1", "nslimit1=0.1", "searchsize=10")


def large_graph_settings(components: int) -> tuple[str, ...]:
    """The cheaper layout settings for a drawing of this many components, if any."""
    if components > HUGE_GRAPH:
        return HUGE_GRAPH_SETTINGS
    return LARGE_GRAPH_SETTINGS if components > LARGE_GRAPH else ()


def to_dot(
    scene: Scene,
    icons: dict[str, str],
    *,
    heading: bool = True,
    edge_ids: Sequence[int] | None = None,
    graph_attributes: Sequence[str] = (),
) -> str:
    """DOT text of `scene`; `icons` maps a service to its icon file (relative path).

    A part of a larger drawing (`archgen.render.parts`) has no `heading` (the whole
    drawing has one), keeps its edges' ids in the whole (`edge_ids`, one per edge) and
    may carry more `graph_attributes`.
    """
    ids = range(len(scene.edges)) if edge_ids is None else edge_ids
    lines = [
        "digraph archgen {",
        "  graph ["
        + ", ".join(
            [
                "newrank=true",
                # an xlabel that would cover a group's title, a node or another label
                # is left out of the picture (it stays in the edge's tooltip): Graphviz
                # otherwise draws it anyway, over what it collides with
                "forcelabels=false",
                "compound=true",
                f"rankdir={'LR' if scene.direction == 'LR' else 'TB'}",
                "splines=true",
                *large_graph_settings(len(scene.nodes)),
                # `same_rank` orders its row with invisible edges; Graphviz's last
                # crossing-reduction pass over the whole graph would reorder it
                *(["remincross=false"] if scene.same_rank else []),
                "nodesep=0.3",
                "ranksep=0.45",
                "pad=0.2",
                'bgcolor="white"',
                f"fontname={quoted(FONT)}",
                "fontsize=16",
                'fontcolor="#232F3E"',
                "labelloc=t",
                *([heading_label(scene)] if heading else []),
                *graph_attributes,
            ]
        )
        + "];",
        f'  node [shape=plain, fontname={quoted(FONT)}, fontsize=11, fontcolor="#232F3E"];',
        f'  edge [fontname={quoted(FONT)}, fontsize=10, fontcolor="#545B64", arrowsize=0.7];',
    ]
    _write_group(scene, scene.root, icons, lines, "  ")
    for index, edge in zip(ids, scene.edges, strict=True):
        lines.append("  " + edge_line(edge, index))
    for guard, guarded in scene.beside:
        # one rank (newrank lets it cross boxes): beside, not upstream of, what it guards
        pair = f"{quoted(node_name(guard))}; {quoted(node_name(guarded))};"
        lines.append(f"  {{rank=same; {pair}}}")
    for group in scene.same_rank:
        # a layout hint: one rank, and invisible edges keep the order given (within a
        # rank, dot draws an edge's tail before its head: left of it, or below it once
        # LR turns the picture, hence the reversed chain, so the first is on top)
        names = [quoted(node_name(i)) for i in group]
        if scene.direction == "LR":
            names.reverse()
        lines.append(f"  {{rank=same; {'; '.join(names)};}}")
        lines.append(f"  {' -> '.join(names)} [style=invis, weight=10];")
    lines.append("}")
    return "\n".join(lines) + "\n"


#: what each edge style means, for the legend under the title
LEGEND: Final[dict[str, str]] = {
    "sync": "solid: request",
    "async": "dashed: asynchronous",
    "replication": "dotted blue: replication",
    "origin": "purple: CDN origin",
    "monitoring": "light grey: monitoring",
    "protects": "dashed red: firewall beside what it protects",
}


def heading_label(scene: Scene) -> str:
    """The ``label`` attribute of the drawing: its title, and a one-line legend of the
    edge styles it uses."""
    used = [text for style, text in LEGEND.items() if any(e.style == style for e in scene.edges)]
    if any(note.startswith(MONITORED) for n in scene.nodes.values() for note in n.notes):
        used.append(f"{MONITORED} monitored by (· logs: writes access logs)")
    rows = f"<TR><TD><B>{html_text(scene.title)}</B></TD></TR>"
    if used:  # Graphviz rejects an empty <FONT></FONT>
        legend = html_text("   ·   ".join(used))
        rows += f'<TR><TD><FONT POINT-SIZE="10" COLOR="#545B64">{legend}</FONT></TD></TR>'
    return f'label=<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{rows}</TABLE>>'


def _write_group(
    scene: Scene, group: SceneGroup, icons: dict[str, str], lines: list[str], indent: str
) -> None:
    for component_id in group.nodes:
        lines.append(indent + _node(scene.nodes[component_id], icons))
    for child in group.groups:
        if child.is_empty():
            continue
        style = GROUP_STYLES[child.kind]
        attributes = [f"{name}={quoted(value)}" for name, value in style.items()]
        # no label of the box's own (not the drawing's heading either): its title is a
        # node, which edges are routed around, where they would cross a box's label
        attributes += [f"id={quoted('g-' + child.key)}", 'label=""', "margin=10"]
        lines.append(f"{indent}subgraph {quoted('cluster_' + child.key)} {{")
        lines.append(f"{indent}  graph [{', '.join(attributes)}];")
        lines.append(f"{indent}  {_title_node(child)}")
        _write_group(scene, child, icons, lines, indent + "  ")
        # the title above what the box holds, on a rank of its own, and drawn to it
        # (centred over it, its box no taller than its content needs)
        title = quoted(title_name(child.key))
        below = [quoted(node_name(i)) for i in child.nodes]
        below += [quoted(title_name(g.key)) for g in child.groups if not g.is_empty()]
        for name in below:
            lines.append(f"{indent}  {title} -> {name} [style=invis];")
        lines.append(f"{indent}}}")


def title_name(group_key: str) -> str:
    """The DOT node id of a box's title (also its SVG element id)."""
    return f"t-{group_key}"


def _title_node(group: SceneGroup) -> str:
    style = GROUP_STYLES[group.kind]
    size = 12 if group.kind in ("region", "vpc") else 11
    text = f'<FONT POINT-SIZE="{size}" COLOR="{style["fontcolor"]}">{html_text(group.label)}</FONT>'
    name = quoted(title_name(group.key))
    return f"{name} [id={name}, label=<{text}>];"


def _node(node: SceneNode, icons: dict[str, str]) -> str:
    title = "<BR/>".join(html_text(line) for line in wrap_name(node.title, TITLE_WIDTH))
    rows = [
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_POINTS}" HEIGHT="{ICON_POINTS}">'
        f'<IMG SRC="{html_text(icons[node.service])}" SCALE="TRUE"/></TD></TR>',
        f"<TR><TD>{title}</TD></TR>",
    ]
    rows += [
        f'<TR><TD><FONT POINT-SIZE="10" COLOR="#545B64">{html_text(line)}</FONT></TD></TR>'
        for line in node.lines
    ]
    rows += [
        f'<TR><TD><FONT POINT-SIZE="9" COLOR="{NOTE_COLOUR}">{html_text(line)}</FONT></TD></TR>'
        for line in node.notes
    ]
    table = 'BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"'
    if node.mark is not None:
        colour, style = MARK_STYLES[node.mark]
        note = ", ".join(node.rules) if node.mark == "finding" else node.mark
        if node.mark != "finding" and node.rules:
            note += " · " + ", ".join(node.rules)
        rows.append(
            f'<TR><TD><FONT POINT-SIZE="10" COLOR="{colour}"><B>{html_text(note)}</B></FONT>'
            "</TD></TR>"
        )
        table = (
            f'BORDER="2" COLOR="{colour}" STYLE="{style}" CELLBORDER="0" '
            'CELLSPACING="0" CELLPADDING="2"'
        )
    label = f"<TABLE {table}>{''.join(rows)}</TABLE>"
    name = node_name(node.id)
    return f"{quoted(name)} [id={quoted(name)}, label=<{label}>];"


def edge_line(edge: SceneEdge, index: int) -> str:
    """The DOT statement of `edge`, whose id is ``e-<index>``."""
    attributes = [f"id={quoted(f'e-{index}')}", EDGE_STYLES[edge.style]]
    if edge.label:
        # dot places a label between the ranks next to its edge, but the label of an
        # edge that leaves a VPC can land on a neighbour's edge where many leave the
        # same box; an xlabel is placed after the layout, where it overlaps nothing
        kind = "xlabel" if edge.leaves_network else "label"
        # a space each side keeps neighbouring labels from reading as one
        attributes.append(f"{kind}=<&#160;{html_text(edge.label)}&#160;>")
    if not edge.constraint:
        attributes.append("constraint=false")
    if edge.tail_group is not None:
        attributes.append(f"ltail={quoted('cluster_' + edge.tail_group)}")
    source, target = quoted(node_name(edge.source)), quoted(node_name(edge.target))
    if edge.consumes:
        # ranked queue -> consumer (work flows down), arrow still drawn at the queue
        attributes.insert(1, "dir=back")
        source, target = target, source
    return f"{source} -> {target} [{', '.join(attributes)}];"
