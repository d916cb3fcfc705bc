"""Typed, immutable records: the small base the model schema is declared with.

A record class is declared like a dataclass: annotated fields, plain defaults or
`field(...)` for a factory, a YAML key other than the attribute name, or a description.
Constraints ride on the types with `typing.Annotated` (`Pattern`, `Length`, `Range`,
`Check`, `Before`, `Tag`), so the schema reads as one list of fields and
`archgen.model.decode` can check a YAML tree against it, and `archgen.model.json_schema`
can describe it, from the same declarations.

Why not pydantic: declaring the ~30 classes of the schema with pydantic and building its
validator cost about 0.25 s of every command's start-up, more than half of an
`archgen render`; declaring them here costs about a millisecond (issue 4's target).
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

T = TypeVar("T")
R = TypeVar("R", bound="Record")


class _Missing:
    """No default: the key is required."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FieldSpec:
    """One field of a record class: its attribute, YAML key, type and default."""

    __slots__ = ("annotation", "default", "description", "factory", "key", "name")

    def __init__(
        self,
        *,
        default: Any = MISSING,
        factory: Callable[[], Any] | None = None,
        key: str | None = None,
        description: str | None = None,
    ) -> None:
        self.name = ""
        self.key = key or ""
        self.annotation: Any = None
        self.default = default
        self.factory = factory
        self.description = description

    @property
    def required(self) -> bool:
        """Whether a YAML file must give this key."""
        return self.default is MISSING and self.factory is None

    def make_default(self) -> Any:
        """A fresh default value (a new list for a list default)."""
        return self.factory() if self.factory is not None else self.default

    def _bind(self, name: str, annotation: Any) -> FieldSpec:
        self.name = name
        self.key = self.key or name
        self.annotation = annotation
        return self


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | None = None,
    key: str | None = None,
    description: str | None = None,
) -> Any:
    """A field with a factory default, a YAML `key` other than its name, or a description."""
    return FieldSpec(default=default, factory=default_factory, key=key, description=description)


# --- constraints, carried by `Annotated[...]` --------------------------------------------


class _Marker:
    """Base of the constraint markers: immutable, compared by type and value.

    Plain classes rather than dataclasses or named tuples: a frozen dataclass costs a
    millisecond to declare, and a named tuple equals any tuple of the same values,
    which would let `Annotated[int, Range(1, 9)]` and `Annotated[int, Length(1, 9)]`
    share a cache entry.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._values()!r}"


class Pattern(_Marker):
    """Text must match `regex` (anchored by the regex itself); `noun` names what it is."""

    __slots__ = ("noun", "regex")

    def __init__(self, regex: str, noun: str) -> None:
        self.regex = regex
        self.noun = noun


class Length(_Marker):
    """Bounds on the length of text or of a list."""

    __slots__ = ("max", "min")

    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        self.min = min
        self.max = max


class Range(_Marker):
    """Bounds on a whole number, both inclusive."""

    __slots__ = ("ge", "le")

    def __init__(self, ge: int | None = None, le: int | None = None) -> None:
        self.ge = ge
        self.le = le


class Check(_Marker):
    """A check after the type is right: returns the value or raises `ValueError`."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func


class Before(_Marker):
    """A conversion before the type is checked (``ttl: 600`` to ``"600"``)."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func


class Tag(_Marker):
    """On a union of records: the key whose value picks the member (``kind``)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class Invalid(ValueError):
    """Raised by a record's `check`: what is wrong, and at which of its keys, if one."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


# --- the record base ----------------------------------------------------------------------


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """Base of the model's classes: keyword construction, immutable, compared by value."""

    __fields__: ClassVar[dict[str, FieldSpec]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, FieldSpec] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "__fields__", {}))
        for name, annotation in inspect.get_annotations(cls).items():
            origin: object = typing.get_origin(annotation)
            written = annotation if isinstance(annotation, str) else ""
            if origin is ClassVar or written.startswith(("ClassVar", "typing.ClassVar")):
                continue
            if name.startswith("__"):
                continue
            value = cls.__dict__.get(name, MISSING)
            spec = value if isinstance(value, FieldSpec) else FieldSpec(default=value)
            if name in cls.__dict__:
                delattr(cls, name)  # every instance has every field in its __dict__
            fields[name] = spec._bind(name, annotation)
        cls.__fields__ = fields

    def __init__(self, **values: Any) -> None:
        for name, spec in self.__fields__.items():
            if name in values:
                value = values.pop(name)
            elif spec.required:
                raise TypeError(f"{type(self).__name__}() needs {name!r}")
            else:
                value = spec.make_default()
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}() has no field {sorted(values)[0]!r}")

    @classmethod
    def check_value(cls, key: str, value: Any) -> Any:
        """A check of one decoded value that needs the class; raises `ValueError`."""
        return value

    def check(self) -> None:
        """A check across fields, after each field decoded cleanly; raises `Invalid`."""

    def replace(self: R, **changes: Any) -> R:
        """A copy with some fields changed (no checks: the caller keeps it valid)."""
        unknown = set(changes) - set(self.__fields__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({inner})"


def resolve(cls: type[Record]) -> dict[str, FieldSpec]:
    """The fields of `cls`, with annotations written as text (``from __future__ import
    annotations``) turned into the types they name."""
    fields = cls.__fields__
    if any(isinstance(spec.annotation, str) for spec in fields.values()):
        hints = typing.get_type_hints(cls, include_extras=True)
        for spec in fields.values():
            spec.annotation = hints[spec.name]
    return fields


def build(cls: type[R], values: dict[str, Any]) -> R:
    """An instance of `cls` from decoded values (every field present), without `__init__`."""
    record = object.__new__(cls)
    record.__dict__.update(values)
    return record


def dump(value: Any, exclude: typing.Collection[str] = ()) -> Any:
    """Plain JSON-ready data for a record (by YAML key), a list, a mapping or a scalar."""
    if isinstance(value, Record):
        return {
            spec.key: dump(getattr(value, name))
            for name, spec in value.__fields__.items()
            if name not in exclude
        }
    if isinstance(value, list | tuple):
        return [dump(item) for item in value]
    if isinstance(value, dict):
        return {key: dump(item) for key, item in value.items()}
    return value


def tag_of(cls: type[Record], key: str = "kind") -> str | None:
    """The one value a `Literal` tag field of `cls` takes (``"cache"``), if it has one."""
    spec = cls.__fields__.get(key)
    if spec is None or typing.get_origin(spec.annotation) is not typing.Literal:
        return None
    return str(typing.get_args(spec.annotation)[0])
