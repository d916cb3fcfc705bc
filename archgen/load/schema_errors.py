"""Turn pydantic's validation errors into plain, located sentences.

Pydantic says where (`loc`) and what (`type`); we find the line and column of `loc` in
the YAML document, point a missing key at the mapping that lacks it, drop the
discriminator step that tagged unions add (``components.0.cache.nodes``), and word the
message for someone editing YAML, not for a Python programmer.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from archgen.load.problems import Problem, did_you_mean
from archgen.load.yaml_reader import Document, Path_

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "literal_error": None,
}


#: what an item of each top-level list looks like, for an item that is not a mapping
_ITEM_EXAMPLES = {
    "components": ("a component", "{id: web, kind: compute}"),
    "connections": ("a connection", "{from: users, to: web}"),
    "regions": ("a region", "{name: us-east-1, zones: [us-east-1a]}"),
    "environments": ("an environment", "{name: production}"),
    "decisions": ("a decision", "{id: scale-out, title: ..., decision: ...}"),
    "suppress": ("a suppression", "{rule: REL001, reason: ...}"),
}


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


def _has(node: Any, step: int | str) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _data_path(document: Document, loc: tuple[int | str, ...]) -> Path_:
    """The document path for a pydantic `loc`, without the union-tag steps."""
    path: list[str | int] = []
    node: Any = document.data
    for step in loc:
        if _has(node, step):
            node = node[step]
            path.append(step)
        elif isinstance(node, dict) and node.get("kind") == step:
            continue  # the discriminated-union tag pydantic inserts
        else:
            path.append(step)
            node = None
    return tuple(path)


def _fields_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed in the mapping at `loc`, for "did you mean" on unknown keys."""
    current: Any = root
    for step in loc:
        current = _unwrap(current, step)
        if current is None:
            return []
    cls = _model_class(current)
    if cls is None:
        return []
    return [f.alias or name for name, f in cls.model_fields.items()]


def _model_class(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members: list[Any] = []
        for arg in typing.get_args(annotation):
            members.extend(_members(arg))
        return members
    return [annotation]


def _unwrap(annotation: Any, step: int | str) -> Any:
    for member in _members(annotation):
        origin = typing.get_origin(member)
        if isinstance(step, int) and origin is list:
            return typing.get_args(member)[0]
        if isinstance(step, str) and origin is dict:
            return typing.get_args(member)[1]
        cls = _model_class(member)
        if cls is not None and isinstance(step, str):
            for name, info in cls.model_fields.items():
                if step in (name, info.alias):
                    return info.annotation
    # a union tag step ("cache"): choose the member whose `kind` is that tag
    for member in _members(annotation):
        cls = _model_class(member)
        kind = cls.model_fields.get("kind") if cls else None
        if kind is not None and step in typing.get_args(kind.annotation):
            return cls
    return None


def translate(error: ValidationError, document: Document, root: type[BaseModel]) -> list[Problem]:
    """Every pydantic error in `error` as a located `Problem`."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        path = _data_path(document, loc)
        ctx = item.get("ctx") or {}
        value = item.get("input")
        name = str(path[-1]) if path else ""
        if kind == "missing":
            problems.append(document.problem(path[:-1], _missing(loc, name)))
            continue
        if loc == ("archgen",) and kind == "literal_error":
            if isinstance(value, str) and value.strip() == "1":
                message = "the format version is the number 1: write it without quotes"
            else:
                version = value if type(value) is int else _describe(value)
                message = f"format version {version} is not supported: this archgen reads 1"
            problems.append(document.problem(path, message))
            continue
        if kind == "union_tag_invalid":
            path = (*path, "kind")
        if kind == "extra_forbidden":
            problems.append(document.problem(path, _unknown_key(root, loc, name), key=True))
            continue
        if loc[:1] == ("suppress",) and name == "reason" and kind == "string_too_short":
            message = "a suppression's 'reason' is empty: say why the finding is accepted"
            problems.append(document.problem(path, message))
            continue
        if len(loc) == 2 and loc[0] in _ITEM_EXAMPLES and _TYPE_WORDS.get(kind) == "a mapping":
            noun, example = _ITEM_EXAMPLES[str(loc[0])]
            message = f"{noun} is a mapping such as {example}, got {_describe(value)}"
            problems.append(document.problem(path, message))
            continue
        problems.append(document.problem(path, _message(kind, ctx, value, item["msg"], name)))
    return problems


def _missing(loc: tuple[int | str, ...], name: str) -> str:
    if loc[:1] == ("suppress",) and name == "reason":
        return "a suppression needs a 'reason': say why the finding is accepted"
    return f"missing required key {name!r}"


def _unknown_key(root: type[BaseModel], loc: tuple[int | str, ...], name: str) -> str:
    """ "unknown key" with a near miss, or the kinds of component the key belongs to."""
    allowed = _fields_at(root, loc[:-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
    if close:
        return f"unknown key {name!r} (did you mean {close[0]!r}?)"
    owners, kind = _kinds_with(root, loc[:-1], name)
    if owners and kind:
        return f"{name!r} is a setting of {_any_of(owners)}, not of a {kind}"
    return f"unknown key {name!r}{did_you_mean(name, allowed)}"


def _kinds_with(
    root: type[BaseModel], loc: tuple[int | str, ...], name: str
) -> tuple[list[str], str | None]:
    """For a key inside one member of a tagged union: the other members that have it."""
    if not loc or not isinstance(loc[-1], str):
        return [], None
    union: Any = root
    for step in loc[:-1]:
        union = _unwrap(union, step)
        if union is None:
            return [], None
    owners: list[str] = []
    for member in _members(union):
        cls = _model_class(member)
        tag = cls.model_fields.get("kind") if cls else None
        if cls is None or tag is None:
            return [], None
        if name in cls.model_fields and loc[-1] not in typing.get_args(tag.annotation):
            owners.extend(str(a) for a in typing.get_args(tag.annotation))
    return owners, str(loc[-1])


def _any_of(kinds: list[str]) -> str:
    named = [f"a {k}" for k in sorted(kinds)]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def _unquote(kind: str, value: Any) -> str:
    """A hint for a number or a boolean written in quotes, which YAML reads as text."""
    if not isinstance(value, str):
        return ""
    quoted_number = kind in ("int_type", "float_type") and value.strip().lstrip("-").isdigit()
    quoted_bool = kind == "bool_type" and value.strip().lower() in ("true", "false")
    return " (write it without quotes)" if quoted_number or quoted_bool else ""


def _message(kind: str, ctx: dict[str, Any], value: Any, fallback: str, name: str) -> str:
    where = f"{name!r}: " if name and not name.isdigit() else ""
    if kind == "union_tag_invalid":
        tags = str(ctx.get("expected_tags", "")).replace("'", "").split(", ")
        tag = str(ctx.get("tag", value))
        return f"unknown kind {tag!r}{did_you_mean(tag, tags)}"
    if kind == "union_tag_not_found":
        return "missing required key 'kind'"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        text = str(value)
        hint = did_you_mean(text, options)
        if not hint:
            hint = f" (expected one of: {', '.join(options)})"
        return f"{where}{_describe(value)} is not allowed{hint}"
    if kind == "string_pattern_mismatch":
        if "A-Z]{2,6}" in str(ctx.get("pattern", "")):
            upper = str(value).upper()
            hint = f" (did you mean {upper!r}?)" if re.match(r"^[A-Z]{2,6}[0-9]{3}$", upper) else ""
            return f"{where}{_describe(value)} is not a rule id such as REL001{hint}"
        return (
            f"{where}{_describe(value)} is not a valid id or name: start with a letter or "
            "digit, then letters, digits, '-' or '_' (kebab-case: web-tier), at most 63"
        )
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{where}{_describe(value)} is too small: the least allowed is {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"{where}{_describe(value)} is too large: the most allowed is {bound}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{where}needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_short":
        return f"{where}must not be empty"
    if kind == "string_too_long":
        return f"{where}is longer than {ctx.get('max_length')} characters"
    if kind == "value_error":
        return f"{where}{ctx.get('error', fallback)}"
    if _TYPE_WORDS.get(kind):
        return f"{where}expected {_TYPE_WORDS[kind]}, got {_describe(value)}{_unquote(kind, value)}"
    return f"{where}{fallback}"
