"""Validate a model file in part: what failed the schema is left out, the rest goes on.

A model with a bad value in one component still has its other components, its
connections and its `update:` to check, and README promises every problem in one run.
So a file that fails the schema is validated again without the items that failed (a
component, a region, one entry of `update:`, an unknown top-level key); the problems
of the first pass are kept, and the names the left-out items declared are returned so
that a reference to one of them is not reported as dangling. Where the file as a whole
is unusable (a wrong format version, no name, a section of the wrong type, a bad
`extends`), nothing more is checked.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from archgen.load.problems import ModelError, Problem
from archgen.load.schema_errors import translate
from archgen.load.yaml_reader import Document
from archgen.model.schema import Model

#: the sections that are lists of items: an item that fails is left out
_LISTS = (
    "components",
    "connections",
    "regions",
    "environments",
    "decisions",
    "suppress",
    "security_groups",
    "views",
)
#: the sections that map a component id to keys: an entry that fails is left out
_BY_ID = ("update", "replace")
#: top-level keys without which nothing else can be checked
_ESSENTIAL = ("archgen", "name", "extends")
#: keys of an item whose values other items refer to (and `zones`, a list of them)
_NAMES = ("id", "name")


def validate_partly(document: Document) -> tuple[Model, list[Problem], frozenset[str]]:
    """The model of `document` less what failed the schema, the schema problems, and the
    names declared by what was left out. `ModelError` when nothing can be checked."""
    try:
        return Model.model_validate(document.data), [], frozenset()
    except ValidationError as error:
        problems = translate(error, document, Model)
        locations = [tuple(item["loc"]) for item in error.errors(include_url=False)]
    data = dict(document.data)
    left_out: dict[str, set[Any]] = {}
    for loc in locations:
        section = loc[0] if loc else None
        if not isinstance(section, str) or section in _ESSENTIAL:
            raise ModelError(problems)
        if len(loc) == 1:  # an unknown key, or an optional value of the wrong type
            if section in _LISTS or section in _BY_ID:
                raise ModelError(problems)  # a whole section unusable
            data.pop(section, None)
        elif section in _LISTS or section in _BY_ID:
            left_out.setdefault(section, set()).add(loc[1])
        else:  # within `remove:`: what to remove is unknown
            data.pop(section, None)
    names: set[str] = set()
    for section, which in left_out.items():
        value = data[section]
        if section in _BY_ID:
            data[section] = {k: v for k, v in value.items() if k not in which}
        else:
            names.update(name for i in which for name in _declared(value[i]))
            data[section] = [item for i, item in enumerate(value) if i not in which]
    try:
        model = Model.model_validate(data)
    except ValidationError:  # what is left still fails: report what was found
        raise ModelError(problems) from None
    return model, problems, frozenset(names)


def _declared(item: Any) -> set[str]:
    """The ids and names `item` (raw YAML data) declares, at any depth."""
    found: set[str] = set()
    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _NAMES and isinstance(value, str):
                    found.add(value)
                elif key == "zones" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found
