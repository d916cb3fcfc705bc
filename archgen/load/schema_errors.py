"""Turn pydantic's validation errors into plain, located sentences.

Pydantic says where (`loc`) and what (`type`); we find the line and column of `loc` in
the YAML document, drop the step that a tagged union adds (``components.0.cache.nodes``
is ``components.0.nodes`` in the file), point a missing key at the mapping that lacks
it, and word the message for someone editing YAML, not for a Python programmer. Each
kind of problem is shown at most `MAX_REPORTED` times per file; one more line says how
many were left out.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from archgen.common import did_you_mean
from archgen.load.problems import MAX_REPORTED, Problem, more_not_shown
from archgen.load.yaml_reader import Document, Path_
from archgen.model.schema import COMPONENT_CLASSES, RULE_ID_PATTERN, ComponentBase

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}

#: what the line about problems left out calls them
_NOUNS = {"extra_forbidden": "unknown key", "missing": "missing key"}

#: what an item of each top-level list looks like, for an item that is not a mapping
_ITEM_EXAMPLES = {
    "components": ("a component", "{id: web, kind: compute}"),
    "connections": ("a connection", "{from: users, to: web}"),
    "regions": ("a region", "{name: us-east-1, zones: [us-east-1a]}"),
    "environments": ("an environment", "{name: production}"),
    "decisions": ("a decision", "{id: scale-out, title: ..., decision: ...}"),
    "suppress": ("a suppression", "{rule: REL001, reason: ...}"),
    "views": ("a view", "{name: data, tiers: [data]}"),
}


class _Place(NamedTuple):
    """Where an error is in the document, and the types around it."""

    path: Path_  # the document path of the value (or of the mapping key)
    key: bool  # the error is about a mapping's key, not its value
    owner: type[BaseModel] | None  # the model class whose field is the last step
    annotation: Any  # the type expected at `path`


def translate(
    error: ValidationError,
    document: Document,
    root: Any,
    place: Callable[[Path_], Path_] | None = None,
) -> list[Problem]:
    """Every error in `error` as a located `Problem`, at most `MAX_REPORTED` of a kind.

    `root` is the type that was validated (`Model`, or one component class); `place`
    moves a path of the validated data to where it is in the document.
    """
    problems: list[Problem] = []
    shown: Counter[str] = Counter()
    left_out: dict[str, tuple[Problem, int]] = {}  # by kind: where to say so, how many
    for item in error.errors(include_url=False):
        kind = item["type"]
        if kind in left_out:  # placing an error walks the types: only what is shown
            first, count = left_out[kind]
            left_out[kind] = (first, count + 1)
            continue
        where = _place(root, tuple(item["loc"]))
        path = place(where.path) if place else where.path
        if shown[kind] == MAX_REPORTED:
            left_out[kind] = (document.problem(path, "", key=kind == "extra_forbidden"), 1)
            continue
        shown[kind] += 1
        message, at, key = _wording(item, where, path)
        problems.append(document.problem(at, message, key=key))
    for kind, (first, count) in left_out.items():
        noun = _NOUNS.get(kind, "problem like those above")
        problems.append(first._replace(message=more_not_shown(count, noun)))
    return problems


def _wording(item: Any, where: _Place, path: Path_) -> tuple[str, Path_, bool]:
    """The message of one error, the path to locate it at, and whether at a key."""
    kind: str = item["type"]
    value = item.get("input")
    loc = where.path
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return _missing(loc, name), path[:-1], False
    if loc == ("archgen",) and kind == "literal_error":
        if isinstance(value, str) and value.strip() == "1":
            return "the format version is the number 1: write it without quotes", path, False
        version = value if type(value) is int else _describe(value)
        return f"format version {version} is not supported: this archgen reads 1", path, False
    if kind == "extra_forbidden":
        return _unknown_key(where.owner, name, loc), path, True
    if where.key:  # a mapping's key that is not a valid name
        return _message(item, where, ""), path, True
    if loc[:1] == ("suppress",) and name == "reason" and kind == "string_too_short":
        return "a suppression's 'reason' is empty: say why the finding is accepted", path, False
    if loc == ("update",) and kind == "dict_type":
        message = (
            "'update' maps a component id to the keys to change, such as "
            f"{{db: {{logging: true}}}}, got {_describe(value)}"
        )
        return message, path, False
    if len(loc) == 2 and loc[0] in _ITEM_EXAMPLES and _TYPE_WORDS.get(kind) == "a mapping":
        noun, example = _ITEM_EXAMPLES[str(loc[0])]
        return f"{noun} is a mapping such as {example}, got {_describe(value)}", path, False
    if kind == "union_tag_invalid":
        return _message(item, where, ""), (*path, "kind"), False
    return _message(item, where, name), path, False


# --- from pydantic's `loc` to the document ----------------------------------------------


def _place(root: Any, loc: tuple[int | str, ...]) -> _Place:
    """The document path of `loc` and the types along it.

    Walks the declared types beside the steps: where a tagged union stands, pydantic's
    next step is the tag (``cache``), which is no key of the document.
    """
    path: list[int | str] = []
    annotation: Any = root
    owner: type[BaseModel] | None = None
    steps = list(loc)
    key = bool(steps) and steps[-1] == "[key]"
    if key:
        steps.pop()
    for step in steps:
        tagged = _tagged_members(annotation)
        if tagged is not None and isinstance(step, str) and step in tagged:
            annotation = tagged[step]  # the tag step: choose the member, keep the path
            continue
        path.append(step)
        annotation, holder = _step(annotation, step)
        if holder is not None:
            owner = holder
    return _Place(tuple(path), key, owner, annotation)


def _members(annotation: Any) -> Iterator[Any]:
    """The types an annotation may be: through `Annotated`, unions and `None`."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _members(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _members(arg)
    elif annotation is not type(None):
        yield annotation


def _tagged_members(annotation: Any) -> dict[str, Any] | None:
    """The members of a tagged union by tag (``{"cache": Cache, ...}``), if it is one."""
    if typing.get_origin(annotation) is not typing.Annotated:
        return None
    if not any(isinstance(m, FieldInfo) and m.discriminator for m in annotation.__metadata__):
        return None
    return {_tag(member): member for member in _members(annotation)}


def _tag(cls: Any) -> str:
    return cls.kind_name() if isinstance(cls, type) and issubclass(cls, ComponentBase) else ""


def _step(annotation: Any, step: int | str) -> tuple[Any, type[BaseModel] | None]:
    """The type one step below `annotation`, and the model class the step is a field of."""
    for member in _members(annotation):
        origin = typing.get_origin(member)
        if isinstance(step, int) and origin is list:
            return typing.get_args(member)[0], None
        if isinstance(step, str) and origin is dict:
            return typing.get_args(member)[1], None
        if isinstance(member, type) and issubclass(member, BaseModel):
            for name, info in member.model_fields.items():
                if step in (name, info.alias):
                    return info.annotation, member
            return None, member  # an unknown key of this class
    return None, None


# --- wording ---------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _missing(loc: Path_, name: str) -> str:
    if loc[:1] == ("suppress",) and name == "reason":
        return "a suppression needs a 'reason': say why the finding is accepted"
    return f"missing required key {name!r}"


def _keys(cls: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in cls.model_fields.items()]


def _unknown_key(owner: type[BaseModel] | None, name: str, loc: Path_) -> str:
    """ "unknown key" with a near miss, or the kinds of component the key belongs to."""
    allowed = _keys(owner) if owner is not None else []
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
    if close:
        return f"unknown key {name!r} (did you mean {close[0]!r}?)"
    if owner is not None and issubclass(owner, ComponentBase):
        owners = [c.kind_name() for c in COMPONENT_CLASSES if name in c.model_fields]
        if owners:
            return f"{name!r} is a setting of {_any_of(owners)}, not of a {owner.kind_name()}"
    return f"unknown key {name!r}{did_you_mean(name, allowed)}"


def _any_of(kinds: list[str]) -> str:
    named = [f"a {k}" for k in sorted(kinds)]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def _unquote(kind: str, value: Any) -> str:
    """A hint for a number or a boolean written in quotes, which YAML reads as text."""
    if not isinstance(value, str):
        return ""
    quoted_number = kind == "int_type" and value.strip().lstrip("-").isdigit()
    quoted_bool = kind == "bool_type" and value.strip().lower() in ("true", "false")
    return " (write it without quotes)" if quoted_number or quoted_bool else ""


def _literals(annotation: Any) -> list[str]:
    """The values a `Literal` annotation allows, as text."""
    return [
        str(value)
        for member in _members(annotation)
        if typing.get_origin(member) is typing.Literal
        for value in typing.get_args(member)
    ]


def _message(item: Any, where: _Place, name: str) -> str:
    kind: str = item["type"]
    value = item.get("input")
    ctx: dict[str, Any] = item.get("ctx") or {}
    fallback: str = item["msg"]
    prefix = f"{name!r}: " if name and not name.isdigit() else ""
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        kinds = sorted(c.kind_name() for c in COMPONENT_CLASSES)
        # no typo to suggest: the kinds are few enough to list, and what to pick from
        hint = did_you_mean(tag, kinds) or f" (the kinds are: {', '.join(kinds)})"
        return f"unknown kind {tag!r}{hint}"
    if kind == "union_tag_not_found":
        return "missing required key 'kind'"
    if kind == "literal_error":
        options = _literals(where.annotation)
        hint = did_you_mean(str(value), options)
        if not hint:
            hint = f" (expected one of: {', '.join(options)})"
        return f"{prefix}{_describe(value)} is not allowed{hint}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == RULE_ID_PATTERN:
            upper = str(value).upper()
            hint = f" (did you mean {upper!r}?)" if re.fullmatch(RULE_ID_PATTERN, upper) else ""
            return f"{prefix}{_describe(value)} is not a rule id such as REL001{hint}"
        return (
            f"{prefix}{_describe(value)} is not a valid id or name: start with a letter or "
            "digit, then letters, digits, '-' or '_' (kebab-case: web-tier), at most 63"
        )
    if kind == "greater_than_equal":
        return f"{prefix}{_describe(value)} is too small: the least allowed is {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{prefix}{_describe(value)} is too large: the most allowed is {ctx['le']}"
    if kind == "too_short":
        least = ctx["min_length"]
        return f"{prefix}needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_short":
        return f"{prefix}must not be empty"
    if kind == "string_too_long":
        return f"{prefix}is longer than {ctx['max_length']} characters"
    if kind == "value_error":
        return f"{prefix}{ctx['error']}"
    if kind == "duration_type":
        return f"{prefix}expected a duration such as 30s, 10m, 24h or 7d, got {_describe(value)}"
    words = _TYPE_WORDS.get(kind)
    if words is None:  # a check without a sentence here yet: pydantic's own words
        return f"{prefix}{fallback}"
    return f"{prefix}expected {words}, got {_describe(value)}{_unquote(kind, value)}"
