"""`update:` and `replace:` in an extending model: change some keys of inherited components.

``update: {cache: {policy: {ttl: 5m}}}`` keeps everything the parent says of `cache`,
and of its policy, and sets one key, where redeclaring the component would repeat all of
it. Mappings merge key by key at any depth; a list or a scalar is replaced whole; a key
set to null goes back to its default. ``replace: {cache: {policy: {ttl: 5m}}}`` sets the
keys given whole: the policy is then `{ttl: 5m}` and nothing else.

The changed component is checked as a whole against its kind's schema; a problem is
located at the key of `update:` (or `replace:`) that caused it. The component still
counts as declared where the parent declared it, except the keys changed here, which
point at this file (see `_Changed.record`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from archgen.common import did_you_mean
from archgen.load.problems import Problem
from archgen.load.schema_errors import translate
from archgen.load.yaml_reader import Document, Path_
from archgen.model.references import Key
from archgen.model.schema import Model

#: the sections that change inherited components, in the order they apply
SECTIONS = ("update", "replace")
#: keys that say which component it is: changing them means redeclaring it
_FIXED = ("id", "kind")

Origins = dict[Key, tuple[Document, Path_]]
#: a component's changes: (section, the keys it sets), in the order of `SECTIONS`
_Patches = list[tuple[str, dict[str, Any]]]


def check_without_parent(model: Model, document: Document) -> list[Problem]:
    """`update:` or `replace:` in a model that extends nothing has nothing to change."""
    return [
        document.problem(
            (section,),
            f"{section!r} needs 'extends': there is no inherited component to change",
            key=True,
        )
        for section in SECTIONS
        if getattr(model, section)
    ]


def apply_updates(
    components: list[Any],
    child: Model,
    document: Document,
    removed: set[str],
    origins: Origins,
    broken: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Apply `child.update` and `child.replace` to `components` (the merged list) in place;
    the problems. A component in `broken` failed its own checks: it is left alone."""
    problems: list[Problem] = []
    redeclared = {c.id for c in child.components}
    position = {c.id: index for index, c in enumerate(components)}
    changes: dict[str, _Patches] = {}
    for section in SECTIONS:
        for name, patch in getattr(child, section).items():
            where: Path_ = (section, name)
            if name in broken:
                continue  # what is wrong with it is reported already
            if name in removed:
                message = f"cannot {section} {name!r}: this file removes it"
            elif name in redeclared:
                message = (
                    f"{name!r} is declared again under 'components' in this file: "
                    f"change it there, or {section} it here, not both"
                )
            elif name not in position:
                hint = did_you_mean(name, [c.id for c in components if c.id not in redeclared])
                message = f"cannot {section} {name!r}: not in the model it extends{hint}"
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
                        f"{what} of a component cannot be {section}d: "
                        "remove it and declare a new one",
                        key=True,
                    )
                )
                continue
            changes.setdefault(name, []).append((section, patch))
    # keys that earlier files changed, by component (one pass over every origin)
    earlier: dict[str | int, list[Key]] = {}
    for key in origins:
        if len(key) > 2 and key[0] == "components" and key[1] in changes:
            earlier.setdefault(key[1], []).append(key)
    for name, patches in changes.items():
        changed = _Changed(document, origins, earlier.get(name, []))
        problems.extend(_change(components, position[name], name, patches, changed))
    return problems


def _change(
    components: list[Any],
    index: int,
    name: str,
    patches: _Patches,
    changed: _Changed,
) -> list[Problem]:
    """Apply one component's `patches`; its problems."""
    if len(patches) > 1:  # both sections: each key in one of them
        both = [key for key in patches[1][1] if key in patches[0][1]]
        if both:
            message = f"{both[0]!r} of {name!r} is both updated and replaced here: keep one"
            return [changed.document.problem(("replace", name, both[0]), message, key=True)]
    kind = type(components[index])
    before = components[index].model_dump(exclude_unset=True)
    data = before
    for section, patch in patches:
        data = merged(data, patch) if section == "update" else _replaced(data, patch)
    try:
        components[index] = kind.model_validate(data)
    except ValidationError as error:
        return translate(error, changed.document, kind, _placed_in(name, patches))
    for section, patch in patches:
        changed.record(("components", name), (section, name), patch, before, section)
    return []


def merged(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """`base` with `patch` merged in: mappings key by key, null removes a key, anything
    else (a list, a scalar) replaces the value whole. Neither argument is changed."""
    result = dict(base)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            below = result.get(key)
            result[key] = merged(below if isinstance(below, dict) else {}, value)
        else:
            result[key] = value
    return result


def _replaced(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """`base` with each key of `patch` set whole (null: back to the default)."""
    result = dict(base)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@dataclass
class _Changed:
    """Where the keys changed by one file's `update:` and `replace:` now point."""

    document: Document
    origins: Origins
    #: the keys of this component that earlier files changed
    earlier: list[Key]

    def record(
        self,
        item: Key,
        where: Path_,
        patch: dict[str, Any],
        before: dict[str, Any],
        section: str,
    ) -> None:
        """Point each key `patch` changes in `item` at `where` in this file.

        A key set whole (or to null) forgets what earlier files said below it. A mapping
        merged by `update:` points here itself, and each key it kept is pinned where it
        was declared before, so that a lookup below it does not stop at this file.
        """
        origins = self.origins
        for key, value in patch.items():
            path = (*item, key)
            old = before.get(key)
            merging = section == "update" and isinstance(value, dict)
            if merging and isinstance(old, dict):
                for kept in old.keys() - value.keys():
                    found = declared_at(origins, (*path, kept))
                    if found is not None:
                        origins[(*path, kept)] = found
            else:
                for stale in self.earlier:
                    if len(stale) > len(path) and stale[: len(path)] == path:
                        origins.pop(stale, None)
            origins[path] = (self.document, (*where, key))
            if merging:
                below = old if isinstance(old, dict) else {}
                self.record(path, (*where, key), value, below, section)


def declared_at(origins: Origins, key: Key) -> tuple[Document, Path_] | None:
    """Where `key` was declared, from the longest prefix of it in `origins`."""
    for length in range(len(key), 1, -1):
        found = origins.get(key[:length])
        if found is not None:
            document, prefix = found
            return document, (*prefix, *key[length:])
    return None


def _placed_in(name: str, patches: _Patches) -> Callable[[Path_], Path_]:
    """Places a problem of the changed component at the key that caused it."""

    def place(path: Path_) -> Path_:
        for section, patch in patches:
            if path and path[0] in patch:
                return (section, name, *path)
        return (patches[0][0], name)

    return place
