"""Check a YAML tree against record types and build the records, collecting every issue.

`decode(Model, data)` walks `data` (plain dicts, lists and scalars, as the YAML reader
builds them) along the type annotations of `archgen.model.schema`. It coerces nothing:
YAML has already typed each scalar, so ``nodes: "2"`` is a mistake worth reporting. It
does not stop at the first issue: each comes back as an `Issue` with its document path,
so `archgen.load.schema_errors` can word and locate them all in one pass.

Each annotation is compiled once per process into a small function; decoding the nine
journey models takes a few milliseconds.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import Any

from archgen.model.record import (
    Before,
    Check,
    Invalid,
    Length,
    Pattern,
    Range,
    Record,
    Tag,
    build,
    resolve,
    tag_of,
)

Loc = tuple[str | int, ...]


class Issue:
    """One thing wrong at `loc`: a `code` such as ``missing`` or ``int_type``, the value
    found, and what the wording needs (allowed options, a bound, a message). Issues are
    equal when `loc`, `code` and `value` are."""

    __slots__ = ("code", "info", "loc", "value")

    def __init__(
        self, loc: Loc, code: str, value: Any = None, info: dict[str, Any] | None = None
    ) -> None:
        self.loc = loc
        self.code = code
        self.value = value
        self.info: dict[str, Any] = info or {}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Issue):
            return NotImplemented
        return (self.loc, self.code, self.value) == (other.loc, other.code, other.value)

    def __hash__(self) -> int:
        return hash((self.loc, self.code))

    def __repr__(self) -> str:
        return f"Issue({self.loc!r}, {self.code!r}, {self.value!r}, {self.info!r})"


class DecodeError(Exception):
    """The data does not fit the type; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} issue(s), the first at {issues[0].loc}: {issues[0].code}")
        self.issues = issues


class _Failed:
    """The result of a value that had an issue (never stored in a record)."""


FAILED: Any = _Failed()

Issues = list[Issue]
Decoder = Callable[[Any, Loc, Issues], Any]

_CACHE: dict[Any, Decoder] = {}

_SCALARS: dict[type, str] = {str: "string_type", int: "int_type", bool: "bool_type"}


def decode(annotation: Any, data: Any) -> Any:
    """`data` as `annotation` (a record class or any annotation the schema uses)."""
    issues: Issues = []
    result = decoder(annotation)(data, (), issues)
    if issues:
        raise DecodeError(issues)
    return result


def decoder(annotation: Any) -> Decoder:
    """The compiled decoder of `annotation`, made once."""
    try:
        return _CACHE[annotation]
    except KeyError:
        pass
    except TypeError:  # an unhashable annotation: compile it each time
        return _compile(annotation)
    compiled = _compile(annotation)
    _CACHE[annotation] = compiled
    return compiled


def _compile(annotation: Any) -> Decoder:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *markers = typing.get_args(annotation)
        return _annotated(base, markers)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == len(typing.get_args(annotation)) or len(members) != 1:
            raise TypeError(f"unsupported union {annotation!r}: only `X | None` or a tag")
        return _nullable(decoder(members[0]))
    if origin is typing.Literal:
        return _literal(typing.get_args(annotation))
    if origin is list:
        return _list(decoder(typing.get_args(annotation)[0]), None)
    if origin is dict:
        key_type, value_type = typing.get_args(annotation)
        return _dict(decoder(key_type), decoder(value_type))
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _record(annotation, ())
    if annotation in _SCALARS:
        return _scalar(annotation, _SCALARS[annotation])
    if annotation is Any:  # checked later, by whoever reads it (`update:` patches)
        return lambda value, loc, issues: value
    raise TypeError(f"unsupported annotation {annotation!r}")


def _annotated(base: Any, markers: list[Any]) -> Decoder:
    tags = [m.key for m in markers if isinstance(m, Tag)]
    if tags:
        return _tagged(base, tags[0])
    befores = [m.func for m in markers if isinstance(m, Before)]
    constraints = [m for m in markers if isinstance(m, Pattern | Length | Range | Check)]
    if typing.get_origin(base) is list:  # a `Length` on a list bounds its items
        lengths = [m for m in constraints if isinstance(m, Length)]
        inner = _list(decoder(typing.get_args(base)[0]), lengths[0] if lengths else None)
        constraints = [m for m in constraints if not isinstance(m, Length)]
    else:
        inner = decoder(base)
    checks = [_constraint(m) for m in constraints]
    nouns = [m.noun for m in markers if isinstance(m, Pattern)]

    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        for convert in befores:
            value = convert(value)
        seen = len(issues)
        result = inner(value, loc, issues)
        if result is FAILED:
            if nouns and len(issues) == seen + 1 and issues[-1].code == "string_type":
                issues[-1] = Issue(loc, "string_type", value, {"noun": nouns[0]})
            return FAILED
        for check in checks:
            problem = check(result)
            if problem is not None:
                code, info = problem
                issues.append(Issue(loc, code, result, info))
                return FAILED
        return result

    return run


Problem_ = tuple[str, dict[str, Any]] | None


def _constraint(marker: Pattern | Length | Range | Check) -> Callable[[Any], Problem_]:
    if isinstance(marker, Pattern):
        regex = re.compile(marker.regex)
        info = {"pattern": marker.regex, "noun": marker.noun}
        return lambda v: None if regex.fullmatch(v) else ("string_pattern_mismatch", info)
    if isinstance(marker, Length):
        low, high = marker.min, marker.max

        def length(value: Any) -> Problem_:
            if low is not None and len(value) < low:
                return "string_too_short", {"min_length": low}
            if high is not None and len(value) > high:
                return "string_too_long", {"max_length": high}
            return None

        return length
    if isinstance(marker, Range):
        ge, le = marker.ge, marker.le

        def bounds(value: Any) -> Problem_:
            if ge is not None and value < ge:
                return "greater_than_equal", {"bound": ge}
            if le is not None and value > le:
                return "less_than_equal", {"bound": le}
            return None

        return bounds
    func = marker.func

    def check(value: Any) -> Problem_:
        try:
            func(value)
        except ValueError as error:
            return "value_error", {"message": str(error)}
        return None

    return check


def _scalar(kind: type, code: str) -> Decoder:
    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        if type(value) is kind:
            return value
        issues.append(Issue(loc, code, value))
        return FAILED

    return run


def _nullable(inner: Decoder) -> Decoder:
    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        return None if value is None else inner(value, loc, issues)

    return run


def _literal(options: tuple[Any, ...]) -> Decoder:
    allowed = {(type(o), o) for o in options}
    info = {"options": [str(o) for o in options]}

    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        try:
            if (type(value), value) in allowed:
                return value
        except TypeError:  # an unhashable value: a list or a mapping
            pass
        issues.append(Issue(loc, "literal_error", value, info))
        return FAILED

    return run


def _list(item: Decoder, length: Length | None) -> Decoder:
    least = length.min if length is not None else None

    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        if type(value) is not list:
            issues.append(Issue(loc, "list_type", value))
            return FAILED
        if least is not None and len(value) < least:
            issues.append(Issue(loc, "too_short", value, {"min_length": least}))
            return FAILED
        before = len(issues)
        result = [item(entry, (*loc, index), issues) for index, entry in enumerate(value)]
        return FAILED if len(issues) > before else result

    return run


def _dict(key: Decoder, item: Decoder) -> Decoder:
    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        if type(value) is not dict:
            issues.append(Issue(loc, "dict_type", value))
            return FAILED
        before = len(issues)
        result = {}
        for name, entry in value.items():
            key_issues: Issues = []
            checked = key(name, (*loc, name), key_issues)
            issues.extend(
                Issue(i.loc, i.code, i.value, {**i.info, "key": True}) for i in key_issues
            )
            if checked is not FAILED:
                result[checked] = item(entry, (*loc, name), issues)
        return FAILED if len(issues) > before else result

    return run


def _record(cls: type[Record], siblings: tuple[type[Record], ...]) -> Decoder:
    fields = [
        (spec.key, spec.name, spec, decoder(spec.annotation)) for spec in resolve(cls).values()
    ]
    keys = {spec.key for spec in cls.__fields__.values()}
    checks_values = cls.check_value.__func__ is not Record.check_value.__func__  # type: ignore[attr-defined]
    checks_record = cls.check is not Record.check
    tag = tag_of(cls)

    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        if type(value) is not dict:
            issues.append(Issue(loc, "model_type", value))
            return FAILED
        before = len(issues)
        values: dict[str, Any] = {}
        for key, name, spec, decode_field in fields:
            if key in value:
                item = decode_field(value[key], (*loc, key), issues)
                if item is not FAILED and checks_values:
                    try:
                        item = cls.check_value(key, item)
                    except ValueError as error:
                        issues.append(
                            Issue((*loc, key), "value_error", item, {"message": str(error)})
                        )
                        item = FAILED
                values[name] = item
            elif spec.required:
                issues.append(Issue((*loc, key), "missing"))
            else:
                values[name] = spec.make_default()
        for key in value:
            if key not in keys:
                owners = [
                    tag_of(s) for s in siblings if key in {f.key for f in s.__fields__.values()}
                ]
                info = {
                    "allowed": sorted(keys),
                    "owners": sorted(o for o in owners if o),
                    "kind": tag,
                }
                issues.append(Issue((*loc, key), "extra_forbidden", key, info))
        if len(issues) > before:
            return FAILED
        record = build(cls, values)
        if checks_record:
            try:
                record.check()
            except Invalid as error:
                where = loc if error.key is None else (*loc, error.key)
                issues.append(Issue(where, "value_error", value, {"message": str(error)}))
                return FAILED
        return record

    return run


def _tagged(union: Any, key: str) -> Decoder:
    members: list[type[Record]] = [m for m in typing.get_args(union)]
    by_tag: dict[str, Decoder] = {}
    for member in members:
        tag = tag_of(member, key)
        if tag is None:
            raise TypeError(f"{member.__name__} has no Literal {key!r} field to tag it by")
        by_tag[tag] = _record(member, tuple(m for m in members if m is not member))
    tags = list(by_tag)

    def run(value: Any, loc: Loc, issues: Issues) -> Any:
        if type(value) is not dict:
            issues.append(Issue(loc, "model_type", value))
            return FAILED
        if key not in value:
            issues.append(Issue(loc, "union_tag_not_found", None, {"key": key}))
            return FAILED
        tag = value[key]
        member = by_tag.get(tag) if type(tag) is str else None
        if member is None:
            issues.append(Issue((*loc, key), "union_tag_invalid", tag, {"options": tags}))
            return FAILED
        return member(value, loc, issues)

    return run
