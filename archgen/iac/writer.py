"""Write an imported model as YAML a person would keep: a header that says what was
imported, from where, what was left out and why; the model's sections in the format's
order; a comment naming the resource each component came from."""

from __future__ import annotations

from collections import Counter
from typing import Any

import yaml

from archgen.iac.builder import Imported
from archgen.iac.resource_types import ESCAPE_HATCH_DETAIL
from archgen.terminal import printable

_SECTIONS = ("archgen", "name", "title", "regions", "security_groups", "components", "connections")


def _dump(value: Any) -> str:
    return yaml.safe_dump(
        value, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100
    )


def _flow(value: dict[str, Any]) -> str:
    text = yaml.safe_dump(
        value, sort_keys=False, default_flow_style=True, allow_unicode=True, width=1000
    )
    return text.strip()


def header(
    imported: Imported,
    source: str,
    parameters: dict[str, str],
    region: str,
    tool: str = "cloudformation",
) -> list[str]:
    """The comment lines that open the written model."""
    entries = imported.accounting
    counts = Counter(e.fate for e in entries)
    lines = [
        f"Imported by `archgen import {tool}` from {source}",
        f"Region     {region}",
        f"Resources  {len(entries)}: {counts['drawn']} drawn as components, "
        f"{counts['read']} read into settings and connections, {counts['left']} left out",
    ]
    if parameters:
        given = ", ".join(f"{k}={v}" for k, v in sorted(parameters.items()))
        what = "Variables " if tool == "terraform" else "Parameters"
        lines.append(f"{what} {given} (the others take their defaults)")
    if imported.added:
        lines.append(f"Added      {', '.join(imported.added)} (declared by no resource)")
    unknown = Counter(e.resource.shown_type for e in entries if e.detail == ESCAPE_HATCH_DETAIL)
    if unknown:
        lines.append("Unknown types, drawn as generic components:")
        lines += [f"  {kind} ({count})" for kind, count in sorted(unknown.items())]
    for title, fate in (("Read into", "read"), ("Left out", "left")):
        grouped = Counter((e.resource.shown_type, e.detail) for e in entries if e.fate == fate)
        if grouped:
            lines.append(f"{title}:")
            for (kind, detail), count in sorted(grouped.items()):
                lines.append(f"  {kind} ({count}): {detail}")
    for note in dict.fromkeys(imported.notes):
        lines.append(f"Note       {note}")
    return lines


def model_yaml(
    imported: Imported,
    source: str,
    parameters: dict[str, str],
    region: str,
    tool: str = "cloudformation",
) -> str:
    """The text of the model file (see the module docstring)."""
    # a template's names and types are untrusted: a line break in one would end the
    # comment and write YAML of the template's choosing into the model
    lines = [
        f"# {printable(line)}".rstrip()
        for line in header(imported, source, parameters, region, tool)
    ]
    origin = {e.component: e.resource for e in imported.accounting if e.component}
    model = imported.model
    for key in _SECTIONS:
        if key not in model:
            continue
        value = model[key]
        if key == "components" and not value:
            lines.append("components: []")
        elif key == "components":
            lines.append("components:")
            for component in value:
                resource = origin.get(component["id"])
                if resource is not None:
                    where = f"{resource.file}:{resource.mark[0]}"
                    comment = printable(f"{resource.name} ({resource.shown_type}), {where}")
                    lines.append(f"  # {comment}")
                body = _dump([component]).rstrip("\n").split("\n")
                lines += [f"  {line}" for line in body]
        elif key == "connections":
            lines.append("connections:")
            lines += [f"  - {_flow(connection)}" for connection in value]
        else:
            lines.append(_dump({key: value}).rstrip("\n"))
    return "\n".join(lines) + "\n"
