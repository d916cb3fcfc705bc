"""`update:` in an extending model: change some keys of inherited components.

``update: {db: {monitoring: monitoring, logging: true}}`` keeps everything the parent
says of `db` and sets two keys, where redeclaring the component would repeat all of it.
The changed component is checked as a whole against its kind's schema; a problem is
located at the key of `update:` that caused it. The component still counts as declared
where the parent declared it, except the keys changed here, which point at this file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from archgen.common import did_you_mean
from archgen.load.problems import Problem
from archgen.load.schema_errors import translate
from archgen.load.yaml_reader import Document, Path_
from archgen.model.references import Key
from archgen.model.schema import Model

#: keys that say which component it is: changing them means redeclaring it
_FIXED = ("id", "kind")


def check_without_parent(model: Model, document: Document) -> list[Problem]:
    """`update:` in a model that extends nothing has nothing to change."""
    if not model.update:
        return []
    message = "'update' needs 'extends': there is no inherited component to change"
    return [document.problem(("update",), message, key=True)]


def apply_updates(
    components: list[Any],
    child: Model,
    document: Document,
    removed: set[str],
    origins: dict[Key, tuple[Document, Path_]],
) -> list[Problem]:
    """Apply `child.update` to `components` (the merged list) in place; the problems."""
    problems: list[Problem] = []
    redeclared = {c.id for c in child.components}
    position = {c.id: index for index, c in enumerate(components)}
    for name, patch in child.update.items():
        where: Path_ = ("update", name)
        if name in removed:
            message = f"cannot update {name!r}: this file removes it"
        elif name in redeclared:
            message = (
                f"{name!r} is declared again under 'components' in this file: "
                "change it there, or update it here, not both"
            )
        elif name not in position:
            known = [c.id for c in components if c.id not in redeclared]
            message = (
                f"cannot update {name!r}: not in the model it extends{did_you_mean(name, known)}"
            )
        else:
            message = ""
        if message:
            problems.append(document.problem(where, message, key=True))
            continue
        fixed = [key for key in _FIXED if key in patch]
        if fixed:
            what = "the id" if fixed[0] == "id" else "the kind"
            problems.append(
                document.problem(
                    (*where, fixed[0]),
                    f"{what} of a component cannot be updated: remove it and declare a new one",
                    key=True,
                )
            )
            continue
        index = position[name]
        kind = type(components[index])
        data = components[index].model_dump(exclude_unset=True)
        for key, value in patch.items():  # null: back to the default
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        try:
            components[index] = kind.model_validate(data)
        except ValidationError as error:
            problems.extend(translate(error, document, kind, _placed_under(where, patch)))
            continue
        for key in patch:
            origins[("components", name, key)] = (document, (*where, key))
    return problems


def _placed_under(where: Path_, patch: dict[str, Any]) -> Callable[[Path_], Path_]:
    """Places a problem of the changed component at the `update:` key that caused it."""

    def place(path: Path_) -> Path_:
        return (*where, *path) if path and path[0] in patch else where

    return place
