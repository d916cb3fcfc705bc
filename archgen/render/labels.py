"""The words on a diagram: a component's detail lines, its zones, its tooltip.

Labels stay short (a scaled tier is one node: ``EC2 ×2–12 · stateless``); the
tooltip carries the rest (kind, service, placement, findings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from archgen.model.schema import (
    Api,
    Cache,
    Cdn,
    Component,
    Compute,
    Database,
    Dns,
    Queue,
    Region,
    Search,
    Stream,
    Workflow,
)
from archgen.render.names import service_name
from archgen.rules.finding import Finding


def details(component: Component) -> tuple[str, ...]:
    """The line under a component's name: service, count or scaling, key settings."""
    service = service_name(component.drawn_service)
    parts: list[str] = []
    if isinstance(component, Compute):
        if component.scaling is not None:
            low, high = component.scaling.min, component.scaling.max
            parts.append(f"{service} ×{low}–{high}" if high != low else f"{service} ×{low}")
        else:
            parts.append(
                f"{service} ×{component.instances}" if component.instances > 1 else service
            )
        if component.state:
            parts.append(component.state)
    elif isinstance(component, Database):
        count = f" ×{component.instances}" if component.instances > 1 else ""
        if component.readers is not None:
            count = ""
        parts.append(f"{service}{count}")
        if component.readers:
            plural = "s" if component.readers > 1 else ""
            parts.append(f"writer + {component.readers} reader{plural}")
        if component.role != "standalone":
            parts.append(component.role)
    elif isinstance(component, Cache):
        parts.append(f"{service} ×{component.nodes}" if component.nodes > 1 else service)
        if component.policy is not None and component.policy.ttl:
            parts.append(f"TTL {component.policy.ttl}")
    elif isinstance(component, Cdn):
        parts.append(service)
        if component.policy is not None and component.policy.ttl:
            parts.append(f"TTL {component.policy.ttl}")
    elif isinstance(component, Dns):
        parts.append(service)
        if component.routing != "simple":
            parts.append(f"{component.routing} routing")
    elif isinstance(component, Queue):
        parts.append(service + (" FIFO" if component.fifo else ""))
        if component.dead_letter is not None:
            parts.append("DLQ")
    elif isinstance(component, Search):
        parts.append(f"{service} ×{component.nodes}" if component.nodes > 1 else service)
    elif isinstance(component, Stream):
        parts.append(service)
        if component.shards is not None:
            parts.append(f"{component.shards} shard{'s' if component.shards > 1 else ''}")
    elif isinstance(component, Workflow):
        parts.append(service + (" Express" if component.type == "express" else ""))
    elif isinstance(component, Api):
        parts.append(service + (" (private)" if component.private else ""))
    else:
        parts.append(service)
    title = (component.label or component.id).lower()
    if parts and parts[0].lower() == service.lower() and service.lower() in title:
        # "CloudFront" titled "CloudFront": the title says it already
        parts = parts[1:]
    return (" · ".join(parts),) if parts else ()


def zone_suffix(zone: str, region: Region) -> str:
    """``2a`` for ``ap-northeast-2a`` in ``ap-northeast-2``: what differs between zones."""
    if zone.startswith(region.name) and len(zone) > len(region.name):
        return region.name.rsplit("-", 1)[-1] + zone[len(region.name) :]
    return zone


def zones_text(zones: Sequence[str], region: Region, *, bare: bool = False) -> str:
    """``2 AZs (2a, 2c)`` or ``AZ 2a``; just the suffixes when `bare`."""
    short = ", ".join(zone_suffix(z, region) for z in zones)
    if bare:
        return short
    if len(zones) == 1:
        return f"AZ {short}"
    return f"{len(zones)} AZs ({short})"


def tooltip(component: Component, placement: str, findings: Sequence[Finding]) -> str:
    """What a reader sees hovering over a component: kind, service, placement, findings."""
    lines = [
        f"{component.label or component.id} ({component.id})",
        f"kind: {component.kind} · service: {service_name(component.drawn_service)}",
        f"placement: {placement}",
    ]
    if component.description:
        lines.append(" ".join(component.description.split()))
    if findings:
        lines.append("findings:")
        lines.extend(f"  {f.severity} {f.rule}: {f.message}" for f in findings)
    else:
        lines.append("findings: none")
    return "\n".join(lines)


#: where a name too long for a line may break: after a hyphen, underscore or slash,
#: before a dot, and between the words of a camelCase name (``LoadBalancer``,
#: ``ALBTarget``, ``Ec2Instance``)
_TOKEN_BREAK = re.compile(
    r"(?<=[-_/])(?=.)|(?<=.)(?=\.)|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"
)


def wrap_name(text: str, width: int) -> tuple[str, ...]:
    """`text` in lines of at most `width` characters, broken at spaces first.

    A word longer than a line is broken where its own words meet (hyphen, underscore,
    slash, dot, camelCase), its pieces filling the lines as words do; a piece with no
    such place in it stays whole up to twice `width`, and only a longer one is cut
    inside, as a last resort (a hash or a generated id has no words to keep). Joining
    the lines (with a space where a space was) gives back `text` with its runs of
    whitespace made single spaces.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        # a piece of a word joins the line without a space; a whole word with one
        pieces = [word] if len(word) <= width else _word_pieces(word, width)
        for index, piece in enumerate(pieces):
            joiner = "" if index else " "
            if not line:
                line = piece
            elif len(line) + len(joiner) + len(piece) <= width:
                line += joiner + piece
            else:
                lines.append(line)
                line = piece
    if line:
        lines.append(line)
    return tuple(lines)


def _word_pieces(word: str, width: int) -> list[str]:
    """`word` cut where its own words meet; a piece longer than twice `width` is cut
    every `width` characters."""
    pieces: list[str] = []
    for piece in _TOKEN_BREAK.split(word):
        if len(piece) > 2 * width:
            pieces.extend(piece[i : i + width] for i in range(0, len(piece), width))
        else:
            pieces.append(piece)
    return pieces
