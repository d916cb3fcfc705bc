"""The JSON Schema of the model format, as committed in `models/archgen.schema.json`.

Pydantic derives most of it from `archgen.model.schema`. Two facts live in validators
that pydantic cannot see, so they are added here for editors: which services each kind
allows, and what a duration looks like.
"""

from __future__ import annotations

import json
from typing import Any

from archgen.model.schema import DURATION_PATTERN, Model
from archgen.model.services import SERVICES

SCHEMA_ID = "https://archgen.dev/schema/v1/archgen.schema.json"

#: (definition, property) pairs whose value is a duration such as ``10m``
_DURATIONS = (("CachePolicy", "ttl"), ("CdnPolicy", "ttl"), ("HealthCheck", "interval"))


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model file."""
    document = Model.model_json_schema(by_alias=True, mode="validation")
    definitions: dict[str, Any] = document.get("$defs", {})
    for definition in definitions.values():
        properties = definition.get("properties", {})
        kind = properties.get("kind", {}).get("const")
        if kind in SERVICES and "service" in properties:
            properties["service"] = {
                "anyOf": [{"enum": list(SERVICES[kind])}, {"type": "null"}],
                "default": None,
                "title": "Service",
                "description": f"the AWS service drawn; default {SERVICES[kind][0]}",
            }
    for name, field in _DURATIONS:
        for option in definitions[name]["properties"][field].get("anyOf", []):
            if option.get("type") == "string":
                option["pattern"] = DURATION_PATTERN
        prop = definitions[name]["properties"][field]
        if prop.get("type") == "string":
            prop["pattern"] = DURATION_PATTERN
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "archgen model (format v1)",
        **{k: v for k, v in document.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
