"""The value types of the model format, and the base of its classes.

Ids and names, texts, durations and CIDR blocks are `Annotated` types: each carries the
check it needs, so a field says what it holds by its type (``zone: Id``). `Strict` is
the base of every model class: frozen, unknown keys refused, nothing converted.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

#: an id or a name: starts with a letter or digit; letters, digits, '-' and '_'.
#: Not necessarily kebab-case: rule OPS005 reports names that are not.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$"
RULE_ID_PATTERN = r"^[A-Z]{2,6}[0-9]{3}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
RuleId = Annotated[str, StringConstraints(pattern=RULE_ID_PATTERN)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=300)]

#: a duration: a whole number and an optional unit (s, m, h, d; bare means seconds)
DURATION_PATTERN = r"^(0|[1-9][0-9]{0,6})(s|m|h|d)?$"
_DURATION = re.compile(DURATION_PATTERN)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> int:
    """Seconds in a duration such as ``30s``, ``10m``, ``24h``, ``7d`` (bare: seconds)."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2) or "s"]


def _duration_text(value: Any) -> Any:
    """A bare number of seconds (``ttl: 600``) as the text ``"600"``; neither text nor a
    whole number is not a duration at all."""
    if type(value) is int:
        return str(value)
    if type(value) is not str:
        raise PydanticCustomError(
            "duration_type", "expected a duration such as 30s, 10m, 24h or 7d"
        )
    return value


def _check_duration(text: str) -> str:
    if _DURATION.fullmatch(text) is None:
        raise ValueError(
            f"{text!r} is not a duration: write a whole number and a unit, "
            "such as 30s, 10m, 24h or 7d"
        )
    return text


def _check_cidr(value: str) -> str:
    import ipaddress  # here: only models that give a CIDR pay for the import

    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError as error:
        why = " (host bits are set)" if "host bits set" in str(error) else ""
        raise ValueError(f"{value!r} is not a CIDR block such as 10.0.0.0/16{why}") from None
    return value


#: a duration such as ``10m``; a bare whole number means seconds
Duration = Annotated[
    str,
    BeforeValidator(_duration_text),
    AfterValidator(_check_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DURATION_PATTERN},
                {"type": "integer", "minimum": 0, "maximum": 9_999_999},
            ],
        }
    ),
]
#: a CIDR block such as ``10.0.0.0/16``, host bits clear
Cidr = Annotated[str, AfterValidator(_check_cidr)]


def _whole_number(value: Any) -> Any:
    """`Literal[1]` alone would take ``true`` and ``1.0``: they equal 1 in Python."""
    if type(value) is not int:
        raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
    return value


#: the format version: the number 1
FormatVersion = Annotated[Literal[1], BeforeValidator(_whole_number)]


class Strict(BaseModel):
    """Base of every model class: unknown keys are errors, no coercion, immutable."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        defer_build=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )
