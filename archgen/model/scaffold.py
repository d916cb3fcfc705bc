"""`archgen new`: a small, valid model to start from, and the schema its first line names."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from archgen.errors import InputError
from archgen.files import write_atomic
from archgen.model.schema import ID_PATTERN, MAX_STAGE

_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_FRESH = """\
# yaml-language-server: $schema={schema}
archgen: 1
name: {name}
title: {title}
stage: 1
summary: One server behind DNS. Describe what this stage adds and why.

regions:
  - name: us-east-1
    zones: [us-east-1a, us-east-1b]
    networks:
      - name: main-vpc
        cidr: 10.0.0.0/16
        subnets:
          - {{name: public-a, zone: us-east-1a, public: true}}

components:
  - {{id: users, kind: client, label: Users}}
  - {{id: dns, kind: dns, service: route53, domain: www.example.com}}
  - id: server
    kind: compute
    service: ec2
    roles: [web, app]
    subnets: [public-a]

connections:
  - {{from: users, to: dns, protocol: dns, label: DNS lookup}}
  - {{from: users, to: server, protocol: https}}

environments:
  - {{name: production}}

decisions: []
"""

_EXTENDING = """\
# yaml-language-server: $schema={schema}
archgen: 1
name: {name}
title: {title}
{extends}
{stage}summary: What this stage changes, and why.

# Components listed here are added, or replace the component with the same id.
components: []

# Connections listed here are added.
connections: []

# remove:
#   components: []
#   connections: [{{from: a, to: b}}]

# Change some keys of an inherited component and keep the rest (mappings merge):
# update:
#   web: {{instances: 4}}
#   cache: {{policy: {{ttl: 5m}}}}
# Set some keys whole (this policy is then only a TTL):
# replace:
#   cache: {{policy: {{ttl: 5m}}}}

decisions: []
"""


#: the schema file `archgen new` writes beside a model when none is found
SCHEMA_NAME = "archgen.schema.json"


@dataclass(frozen=True)
class Scaffold:
    """What `write_scaffold` did: the files it wrote, and a note about a schema it left."""

    model: str
    schema: str | None = None
    note: str | None = None


def write_scaffold(
    name: str,
    parent: str | None,
    output: str | None,
    force: bool,
    schema_text: Callable[[], str] | None = None,
    parent_stage: int | None = None,
) -> Scaffold:
    """Write the new model; with `schema_text` (the format's JSON Schema), write it beside
    the model too when no schema is found around it. A model extending `parent` is
    given the stage after `parent_stage` (the parent's, as loaded). `InputError` for a
    bad name or a file in the way."""
    if not re.fullmatch(ID_PATTERN, name) or not _KEBAB.fullmatch(name):
        raise InputError(f"{name!r} is not a kebab-case name (e.g. checkout-service)")
    path = Path(output or f"{name}.yaml")
    if path.exists() and not force:
        raise InputError(f"{path}: already exists (use --force to overwrite)")
    folder = path.parent.resolve()
    found = _schema_path(folder)
    schema = os.path.relpath(found, folder) if found else SCHEMA_NAME
    title = name.replace("-", " ").capitalize()
    if parent is None:
        text = _FRESH.format(name=name, title=title, schema=schema)
    else:
        relative = os.path.relpath(Path(parent).resolve(), folder)
        text = _EXTENDING.format(
            name=name,
            title=title,
            extends=_extends(relative),
            stage=_next_stage(parent_stage),
            schema=schema,
        )
    write_atomic(path, text.encode("utf-8"))
    if schema_text is None:
        return Scaffold(str(path))
    beside = path.parent / SCHEMA_NAME
    if found is None and os.path.lexists(beside):  # a folder, a broken link: not ours
        return Scaffold(str(path), note=f"{beside}: not a file, left as it is")
    if found is None:
        write_atomic(beside, schema_text().encode("utf-8"))
        return Scaffold(str(path), schema=str(beside))
    if found.read_bytes() != schema_text().encode("utf-8"):
        shown = os.path.relpath(found)
        note = (
            f"{shown}: not the schema of this archgen version, left as it is "
            f"(`archgen schema -o {shown}` replaces it)"
        )
        return Scaffold(str(path), note=note)
    return Scaffold(str(path))


def _next_stage(parent_stage: int | None) -> str:
    """The ``stage:`` line of a model extending one at `parent_stage`: one more (nothing
    when the parent has no stage, or is at the last)."""
    if parent_stage is None or parent_stage >= MAX_STAGE:
        return ""
    return f"stage: {parent_stage + 1}\n"


def _extends(parent: str) -> str:
    """The ``extends:`` line, quoted as YAML needs (``'base #2.yaml'``, ``'null'``)."""
    line: str = yaml.safe_dump({"extends": parent}, allow_unicode=True, width=2**31 - 1)
    return line.rstrip("\n")


def _schema_path(folder: Path) -> Path | None:
    """The nearest committed schema: beside the model, in a parent, or in a `models/` there."""
    for directory in (folder, *folder.parents):
        for candidate in (
            directory / SCHEMA_NAME,
            directory / "models" / SCHEMA_NAME,
        ):
            if candidate.is_file():
                return candidate
    return None
