"""Turn the decoder's issues into plain, located sentences.

The decoder (`archgen/model/decode.py`) says where (`loc`, a path in the document) and
what (`code`); we find the line and column of `loc` in the YAML document, point a missing
key at the mapping that lacks it, and word the message for someone editing YAML, not for
a Python programmer.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from archgen.load.problems import Problem, did_you_mean
from archgen.load.yaml_reader import Document
from archgen.model.decode import DecodeError

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
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


def translate(error: DecodeError, document: Document) -> list[Problem]:
    """Every issue in `error` as a located `Problem`."""
    problems: list[Problem] = []
    for issue in error.issues:
        loc, kind, value, info = issue.loc, issue.code, issue.value, issue.info
        name = str(loc[-1]) if loc else ""
        if kind == "missing":
            problems.append(document.problem(loc[:-1], _missing(loc, name)))
            continue
        if loc == ("archgen",) and kind == "literal_error":
            if isinstance(value, str) and value.strip() == "1":
                message = "the format version is the number 1: write it without quotes"
            else:
                version = value if type(value) is int else _describe(value)
                message = f"format version {version} is not supported: this archgen reads 1"
            problems.append(document.problem(loc, message))
            continue
        if kind == "extra_forbidden":
            problems.append(document.problem(loc, _unknown_key(info, name), key=True))
            continue
        if info.get("key"):  # a mapping's key that is not a valid name
            problems.append(document.problem(loc, _message(kind, info, value, ""), key=True))
            continue
        if loc[:1] == ("suppress",) and name == "reason" and kind == "string_too_short":
            message = "a suppression's 'reason' is empty: say why the finding is accepted"
            problems.append(document.problem(loc, message))
            continue
        if loc == ("update",) and kind == "dict_type":
            message = (
                "'update' maps a component id to the keys to change, such as "
                f"{{db: {{logging: true}}}}, got {_describe(value)}"
            )
            problems.append(document.problem(loc, message))
            continue
        if len(loc) == 2 and loc[0] in _ITEM_EXAMPLES and _TYPE_WORDS.get(kind) == "a mapping":
            noun, example = _ITEM_EXAMPLES[str(loc[0])]
            message = f"{noun} is a mapping such as {example}, got {_describe(value)}"
            problems.append(document.problem(loc, message))
            continue
        where = "" if kind == "union_tag_invalid" else name
        problems.append(document.problem(loc, _message(kind, info, value, where)))
    return problems


def _missing(loc: tuple[int | str, ...], name: str) -> str:
    if loc[:1] == ("suppress",) and name == "reason":
        return "a suppression needs a 'reason': say why the finding is accepted"
    return f"missing required key {name!r}"


def _unknown_key(info: dict[str, Any], name: str) -> str:
    """ "unknown key" with a near miss, or the kinds of component the key belongs to."""
    allowed: list[str] = info.get("allowed", [])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
    if close:
        return f"unknown key {name!r} (did you mean {close[0]!r}?)"
    owners: list[str] = info.get("owners", [])
    if owners and info.get("kind"):
        return f"{name!r} is a setting of {_any_of(owners)}, not of a {info['kind']}"
    return f"unknown key {name!r}{did_you_mean(name, allowed)}"


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


def _message(kind: str, info: dict[str, Any], value: Any, name: str) -> str:
    where = f"{name!r}: " if name and not name.isdigit() else ""
    if kind == "union_tag_invalid":
        tag = str(value)
        return f"unknown kind {tag!r}{did_you_mean(tag, info['options'])}"
    if kind == "union_tag_not_found":
        return f"missing required key {info['key']!r}"
    if kind == "literal_error":
        options = [str(o) for o in info["options"]]
        hint = did_you_mean(str(value), options)
        if not hint:
            hint = f" (expected one of: {', '.join(options)})"
        return f"{where}{_describe(value)} is not allowed{hint}"
    if kind == "string_pattern_mismatch":
        if info["noun"] == "rule id":
            upper = str(value).upper()
            hint = f" (did you mean {upper!r}?)" if re.fullmatch(info["pattern"], upper) else ""
            return f"{where}{_describe(value)} is not a rule id such as REL001{hint}"
        return (
            f"{where}{_describe(value)} is not a valid id or name: start with a letter or "
            "digit, then letters, digits, '-' or '_' (kebab-case: web-tier), at most 63"
        )
    if kind == "greater_than_equal":
        return f"{where}{_describe(value)} is too small: the least allowed is {info['bound']}"
    if kind == "less_than_equal":
        return f"{where}{_describe(value)} is too large: the most allowed is {info['bound']}"
    if kind == "too_short":
        least = info["min_length"]
        return f"{where}needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_too_short":
        return f"{where}must not be empty"
    if kind == "string_too_long":
        return f"{where}is longer than {info['max_length']} characters"
    if kind == "value_error":
        return f"{where}{info['message']}"
    if kind == "string_type" and info.get("noun") == "duration":
        return f"{where}expected a duration such as 30s, 10m, 24h or 7d, got {_describe(value)}"
    return f"{where}expected {_TYPE_WORDS[kind]}, got {_describe(value)}{_unquote(kind, value)}"
