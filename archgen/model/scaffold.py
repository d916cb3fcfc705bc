"""`archgen new`: a small, valid model to start from."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from archgen.errors import InputError
from archgen.files import write_atomic
from archgen.model.schema import ID_PATTERN

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
summary: What this stage changes, and why.

# Components listed here are added, or replace the component with the same id.
components: []

# Connections listed here are added.
connections: []

# remove:
#   components: []
#   connections: [{{from: a, to: b}}]

# Change some keys of an inherited component and keep the rest:
# update:
#   web: {{instances: 4}}

decisions: []
"""


def write_scaffold(name: str, parent: str | None, output: str | None, force: bool) -> str:
    """Write the new model and return its path."""
    if not re.fullmatch(ID_PATTERN, name) or not _KEBAB.fullmatch(name):
        raise InputError(f"{name!r} is not a kebab-case name (e.g. checkout-service)")
    path = Path(output or f"{name}.yaml")
    if path.exists() and not force:
        raise InputError(f"{path}: already exists (use --force to overwrite)")
    found = _schema_path(path.parent.resolve())
    schema = os.path.relpath(found, path.parent.resolve()) if found else "archgen.schema.json"
    title = name.replace("-", " ").capitalize()
    if parent is None:
        text = _FRESH.format(name=name, title=title, schema=schema)
    else:
        relative = os.path.relpath(Path(parent).resolve(), path.parent.resolve())
        text = _EXTENDING.format(name=name, title=title, extends=_extends(relative), schema=schema)
    write_atomic(path, text.encode("utf-8"))
    return str(path)


def _extends(parent: str) -> str:
    """The ``extends:`` line, quoted as YAML needs (``'base #2.yaml'``, ``'null'``)."""
    line: str = yaml.safe_dump({"extends": parent}, allow_unicode=True, width=2**31 - 1)
    return line.rstrip("\n")


def _schema_path(folder: Path) -> Path | None:
    """The nearest committed schema: beside the model, in a parent, or in a `models/` there."""
    for directory in (folder, *folder.parents):
        for candidate in (
            directory / "archgen.schema.json",
            directory / "models/archgen.schema.json",
        ):
            if candidate.is_file():
                return candidate
    return None
