"""The JSON Schema of the model format, as committed in `models/archgen.schema.json`."""

from __future__ import annotations

import json
from typing import Any

from archgen.model.schema import Model

SCHEMA_ID = "https://archgen.dev/schema/v1/archgen.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model file."""
    document = Model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "archgen model (format v1)",
        **{k: v for k, v in document.items() if k != "title"},
    }


def schema_text() -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
