"""The JSON Schema of the model format, as committed in `models/archgen.schema.json`.

Pydantic derives it from `archgen.model.schema` (`model_json_schema`): every property
with its description, so editors show hover text. Three facts live outside the types,
so they are added here for editors: which services each kind allows, which rule ids
exist (each with its summary; the caller passes the rule catalogue, which the model
does not know), and what the keys under `update:` may be (any key of a component's
kind, or null to go back to the default).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from archgen.model.schema import COMPONENT_CLASSES, Model
from archgen.model.services import SERVICES

if TYPE_CHECKING:
    from archgen.rules.base import RuleInfo

SCHEMA_ID = "https://archgen.dev/schema/v1/archgen.schema.json"

#: keys that say which component it is: `update:` cannot change them
_FIXED = ("id", "kind")
_NULL = {"type": "null"}
_NOT_SHAPE = ("default", "description", "title")


def schema(rules: Iterable[RuleInfo]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model file; `rules`: the rule catalogue."""
    document = _names_checked(Model.model_json_schema(mode="validation"))
    definitions: dict[str, Any] = document["$defs"]
    components = [definitions[cls.__name__] for cls in COMPONENT_CLASSES]
    for cls, definition in zip(COMPONENT_CLASSES, components, strict=True):
        _describe_component(cls.kind_name(), definition)
    definitions["ComponentUpdate"] = _component_update(components)
    for section in ("update", "replace"):
        changes = document["properties"][section]
        changes["additionalProperties"] = {"$ref": "#/$defs/ComponentUpdate"}
    definitions["Suppression"]["properties"]["rule"]["oneOf"] = [
        {"const": rule.id, "description": f"{rule.name}: {rule.summary}"} for rule in rules
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **document,
        "title": "archgen model (format v1)",
    }


def schema_text(rules: Iterable[RuleInfo]) -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(schema(rules), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _names_checked(node: Any) -> Any:
    """Mappings keyed by ids (`overrides`, `update`) with their keys checked too.

    Pydantic writes ``patternProperties``, under which a key that is not an id would be
    let through with any value; ``propertyNames`` flags it in the editor.
    """
    if isinstance(node, list):
        return [_names_checked(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _names_checked(value) for key, value in node.items()}
    patterns = node.pop("patternProperties", None)
    if patterns:
        ((pattern, value),) = patterns.items()
        node["propertyNames"] = {"pattern": pattern}
        node["additionalProperties"] = value
    return node


def _describe_component(kind: str, definition: dict[str, Any]) -> None:
    """A kind's `kind` is required (the tag), and its services are listed (a kind
    without services, `generic`, takes no `service` key)."""
    properties = definition["properties"]
    properties["kind"].pop("default", None)
    definition["required"] = [
        "id",
        "kind",
        *[k for k in definition.get("required", []) if k != "id"],
    ]
    if not SERVICES[kind]:  # generic: its icon says what it is
        del properties["service"]
        return
    properties["service"] = {
        "anyOf": [{"enum": list(SERVICES[kind])}, {"type": "null"}],
        "default": None,
        "title": "Service",
        "description": f"the AWS service drawn; default {SERVICES[kind][0]}",
    }


def _component_update(components: list[dict[str, Any]]) -> dict[str, Any]:
    """Any key of any kind but `id` and `kind`; null sets it back to its default."""
    shapes: dict[str, list[dict[str, Any]]] = {}
    notes: dict[str, dict[str, str]] = {}
    for definition in components:
        kind = definition["properties"]["kind"]["const"]
        for key, prop in definition["properties"].items():
            if key in _FIXED:
                continue
            for shape in prop.get("anyOf", [prop]):
                shape = {k: v for k, v in shape.items() if k not in _NOT_SHAPE}
                if shape != _NULL and shape not in shapes.setdefault(key, []):
                    shapes[key].append(shape)
            notes.setdefault(key, {})[kind] = prop["description"]
    properties: dict[str, Any] = {}
    for key, options in shapes.items():
        by_text: dict[str, list[str]] = {}
        for kind, text in notes[key].items():
            by_text.setdefault(text, []).append(kind)
        description = (
            next(iter(by_text))
            if len(by_text) == 1
            else "; ".join(f"{', '.join(kinds)}: {text}" for text, kinds in by_text.items())
        )
        properties[key] = {
            "anyOf": [*options, _NULL],
            "description": f"{description} (null: back to the default)",
            "title": key.replace("_", " ").title(),
        }
    properties["service"] = {
        "anyOf": [{"enum": sorted({s for kind in SERVICES.values() for s in kind})}, _NULL],
        "description": "the AWS service drawn, one of its kind's (null: the kind's default)",
        "title": "Service",
    }
    return {
        "additionalProperties": False,
        "description": "The keys to change in one inherited component: any key of its kind "
        "but id and kind.",
        "properties": properties,
        "title": "ComponentUpdate",
        "type": "object",
    }
