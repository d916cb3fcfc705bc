"""The JSON Schema of the model format, as committed in `models/archgen.schema.json`.

It is derived from the same declarations the decoder checks against
(`archgen/model/schema.py`): each record class is a definition, each constraint on a type
(`Pattern`, `Length`, `Range`) its JSON Schema keyword. Two facts live in checks that a
type cannot show, so they are written here for editors: which services each kind allows,
and that a duration may also be a bare number of seconds.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from archgen.model.record import (
    MISSING,
    Before,
    Length,
    Pattern,
    Range,
    Record,
    Tag,
    resolve,
    tag_of,
)
from archgen.model.schema import Model
from archgen.model.services import SERVICES

SCHEMA_ID = "https://archgen.dev/schema/v1/archgen.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model file."""
    definitions: dict[str, Any] = {}
    root = _record(Model, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **root,
        "title": "archgen model (format v1)",
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _record(cls: type[Record], definitions: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    kind = tag_of(cls)
    for spec in resolve(cls).values():
        prop = _type(spec.annotation, definitions)
        if spec.name == "service" and kind in SERVICES:
            prop = {
                "anyOf": [{"enum": list(SERVICES[kind])}, {"type": "null"}],
                "description": f"the AWS service drawn; default {SERVICES[kind][0]}",
            }
        if "$ref" in prop and spec.description:
            prop = {"allOf": [prop]}
        if spec.description:
            prop["description"] = spec.description
        prop["title"] = spec.key.lstrip("$").replace("_", " ").title()
        if spec.required:
            required.append(spec.key)
        elif spec.default is not MISSING:
            prop["default"] = spec.default
        properties[spec.key] = prop
    document: dict[str, Any] = {
        "additionalProperties": False,
        "description": " ".join((cls.__doc__ or "").split()),
        "properties": properties,
        "title": cls.__name__,
        "type": "object",
    }
    if required:
        document["required"] = required
    return document


def _ref(cls: type[Record], definitions: dict[str, Any]) -> dict[str, Any]:
    if cls.__name__ not in definitions:
        definitions[cls.__name__] = {}  # a placeholder first: a record may refer to itself
        definitions[cls.__name__] = _record(cls, definitions)
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _type(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *markers = typing.get_args(annotation)
        return _annotated(base, markers, definitions)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return {"anyOf": [_type(members[0], definitions), {"type": "null"}]}
    if origin is typing.Literal:
        options = list(typing.get_args(annotation))
        kind = "integer" if isinstance(options[0], int) else "string"
        if len(options) == 1:
            return {"const": options[0], "type": kind}
        return {"enum": options, "type": kind}
    if origin is list:
        return {"items": _type(typing.get_args(annotation)[0], definitions), "type": "array"}
    if origin is dict:
        key, value = typing.get_args(annotation)
        return {
            "additionalProperties": _type(value, definitions),
            "propertyNames": _type(key, definitions),
            "type": "object",
        }
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _ref(annotation, definitions)
    if annotation is Any:
        return {}
    words = {str: "string", int: "integer", bool: "boolean"}
    return {"type": words[annotation]}


def _annotated(base: Any, markers: list[Any], definitions: dict[str, Any]) -> dict[str, Any]:
    tags = [m.key for m in markers if isinstance(m, Tag)]
    if tags:
        members = typing.get_args(base)
        return {
            "discriminator": {
                "mapping": {tag_of(m, tags[0]): f"#/$defs/{m.__name__}" for m in members},
                "propertyName": tags[0],
            },
            "oneOf": [_ref(m, definitions) for m in members],
        }
    document = _type(base, definitions)
    for marker in markers:
        if isinstance(marker, Pattern):
            document["pattern"] = marker.regex
        elif isinstance(marker, Range):
            if marker.ge is not None:
                document["minimum"] = marker.ge
            if marker.le is not None:
                document["maximum"] = marker.le
        elif isinstance(marker, Length):
            low, high = ("minItems", "maxItems") if base is not str else ("minLength", "maxLength")
            if marker.min is not None:
                document[low] = marker.min
            if marker.max is not None:
                document[high] = marker.max
    if any(isinstance(m, Before) for m in markers):  # a duration: also a bare number of seconds
        return {
            "anyOf": [document, {"maximum": 9_999_999, "minimum": 0, "type": "integer"}],
            "description": "a duration such as 30s, 10m, 24h or 7d; a bare number is seconds",
        }
    return document
