"""Evaluate CloudFormation's intrinsic functions as far as a template alone allows.

Parameters take their defaults (or the values given with ``--param``), pseudo
parameters take the import's region, conditions are evaluated when everything they
read is known. A reference to a resource becomes a `Ref` (the resource and the
attribute asked for); a value that depends on something only a deployment knows (an
account id, an imported output, a string built from a resource's name) becomes an
`Unknown` that remembers which resources it names, so a connection can still be read
from it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ref:
    """A resource of the stack `scope` (its logical id), or one of its attributes."""

    scope: str
    name: str
    attribute: str | None = None


@dataclass(frozen=True)
class Unknown:
    """A value the template alone does not decide; `refs` are the resources it names."""

    refs: frozenset[Ref] = frozenset()


class _NoValue:
    """``!Ref AWS::NoValue``: the property is as if not written."""


NO_VALUE = _NoValue()

_SUB = re.compile(r"\$\{([^}!][^}]*)\}")
_PSEUDO = {"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com", "AWS::StackName": "stack"}
_LISTS = ("List<", "CommaDelimitedList")


def refs_in(value: Any) -> list[Ref]:
    """Every resource `value` names, however deep, once each, in the order written."""
    found: dict[Ref, None] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Ref):
            found[item] = None
        elif isinstance(item, Unknown):
            found.update(dict.fromkeys(sorted(item.refs, key=_order)))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return list(found)


def _order(ref: Ref) -> tuple[str, str, str]:
    return (ref.scope, ref.name, ref.attribute or "")


def _unknown(*values: Any) -> Unknown:
    return Unknown(frozenset(r for value in values for r in refs_in(value)))


class Resolver:
    """Evaluates the values of one stack (see the module docstring)."""

    def __init__(
        self,
        data: Mapping[str, Any],
        region: str,
        parameters: Mapping[str, Any],
        scope: str = "",
        outputs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.scope = scope
        self.region = region
        self.resources = data.get("Resources") or {}
        self.mappings = data.get("Mappings") or {}
        self.conditions = data.get("Conditions") or {}
        #: the outputs of nested stacks, by the stack's logical id
        self.outputs = outputs if outputs is not None else {}
        self.parameters: dict[str, Any] = {}
        declared = data.get("Parameters") or {}
        for name, spec in declared.items() if isinstance(declared, dict) else ():
            spec = spec if isinstance(spec, dict) else {}
            value = parameters.get(name, spec.get("Default", Unknown()))
            kind = str(spec.get("Type", ""))
            if isinstance(value, str) and kind.startswith(_LISTS):
                value = [part.strip() for part in value.split(",")]
            self.parameters[name] = value
        self._conditions: dict[str, bool | None] = {}

    def value(self, value: Any, depth: int = 0) -> Any:
        """`value` with every function evaluated; `NO_VALUE` entries dropped."""
        if depth > 64:
            return Unknown()
        if isinstance(value, list):
            items = [self.value(v, depth + 1) for v in value]
            return [v for v in items if v is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Ref" or key.startswith("Fn::") or key == "Condition":
                return self._function(key, argument, depth + 1)
        resolved = {k: self.value(v, depth + 1) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def condition(self, name: str) -> bool | None:
        """Whether the named condition holds; None when the template cannot tell."""
        if name not in self._conditions:
            self._conditions[name] = None  # a cycle stays unknown
            if name in self.conditions:
                result = self.value(self.conditions[name])
                self._conditions[name] = result if isinstance(result, bool) else None
        return self._conditions[name]

    # --- the functions ------------------------------------------------------------------

    def _function(self, key: str, argument: Any, depth: int) -> Any:
        if key == "Ref":
            return self._ref(argument)
        if key == "Condition":
            return self.condition(str(argument))
        if key == "Fn::GetAtt":
            return self._get_att(argument, depth)
        if key == "Fn::If":
            return self._if(argument, depth)
        handler = _FUNCTIONS.get(key)
        if handler is None:
            return _unknown(self.value(argument, depth))
        return handler(self, self.value(argument, depth) if key != "Fn::Sub" else argument, depth)

    def _ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            return Unknown()
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            return Ref(self.scope, name)
        if name == "AWS::NoValue":
            return NO_VALUE
        if name == "AWS::Region":
            return self.region
        return _PSEUDO.get(name, Unknown())

    def _get_att(self, argument: Any, depth: int) -> Any:
        argument = self.value(argument, depth)
        if not isinstance(argument, list) or len(argument) != 2:
            return Unknown()
        name, attribute = argument
        if not isinstance(name, str):
            return Unknown()
        if isinstance(attribute, str) and attribute.startswith("Outputs."):
            outputs = self.outputs.get(name)
            if outputs is not None:
                return outputs.get(attribute.removeprefix("Outputs."), Unknown())
        if name in self.resources:
            return Ref(self.scope, name, attribute if isinstance(attribute, str) else None)
        return Unknown()

    def _if(self, argument: Any, depth: int) -> Any:
        if not isinstance(argument, list) or len(argument) != 3:
            return Unknown()
        holds = self.condition(str(argument[0]))
        if holds is None:
            return _unknown(self.value(argument[1], depth), self.value(argument[2], depth))
        return self.value(argument[1] if holds else argument[2], depth)

    def _sub(self, argument: Any, depth: int) -> Any:
        if isinstance(argument, list) and len(argument) == 2:
            text, names = argument
            variables = self.value(names, depth) if isinstance(names, dict) else {}
        else:
            text, variables = argument, {}
        if not isinstance(text, str):
            return Unknown()
        parts: list[Any] = []

        def replace(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            if name in variables:
                value = variables[name]
            elif "." in name and name.split(".", 1)[0] in self.resources:
                value = Ref(self.scope, *name.split(".", 1))
            else:
                value = self._ref(name)
            parts.append(value)
            return str(value) if isinstance(value, str | int | float) else "\x00"

        result = _SUB.sub(replace, text).replace("${!", "${")
        return _unknown(*parts) if "\x00" in result else result


def _join(resolver: Resolver, argument: Any, depth: int) -> Any:
    if not isinstance(argument, list) or len(argument) != 2 or not isinstance(argument[1], list):
        return _unknown(argument)
    delimiter, items = argument
    if isinstance(delimiter, str) and all(isinstance(i, str | int | float) for i in items):
        return delimiter.join(str(i) for i in items)
    return _unknown(items)


def _select(resolver: Resolver, argument: Any, depth: int) -> Any:
    if isinstance(argument, list) and len(argument) == 2:
        index, items = argument
        if isinstance(index, str) and index.isdigit():
            index = int(index)
        if isinstance(index, int) and isinstance(items, list) and 0 <= index < len(items):
            return items[index]
    return _unknown(argument)


def _split(resolver: Resolver, argument: Any, depth: int) -> Any:
    if isinstance(argument, list) and len(argument) == 2:
        delimiter, text = argument
        if isinstance(delimiter, str) and isinstance(text, str) and delimiter:
            return text.split(delimiter)
    return _unknown(argument)


def _equals(resolver: Resolver, argument: Any, depth: int) -> Any:
    if not isinstance(argument, list) or len(argument) != 2:
        return None
    a, b = argument
    if isinstance(a, Unknown | Ref) or isinstance(b, Unknown | Ref):
        return None
    return str(a) == str(b)


def _logic(combine: Any) -> Any:
    def evaluate(resolver: Resolver, argument: Any, depth: int) -> Any:
        if not isinstance(argument, list):
            return None
        values = [v if isinstance(v, bool) else None for v in argument]
        return combine(values)

    return evaluate


def _and(values: list[bool | None]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _or(values: list[bool | None]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


def _not(values: list[bool | None]) -> bool | None:
    return None if len(values) != 1 or values[0] is None else not values[0]


def _find_in_map(resolver: Resolver, argument: Any, depth: int) -> Any:
    if isinstance(argument, list) and len(argument) in (3, 4):
        name, first, second = argument[:3]
        try:
            return resolver.mappings[name][first][second]
        except (KeyError, TypeError):
            if len(argument) == 4 and isinstance(argument[3], dict):
                return argument[3].get("DefaultValue", Unknown())
    return _unknown(argument)


def _get_azs(resolver: Resolver, argument: Any, depth: int) -> Any:
    # the zones a region has are known only to AWS: three named as AWS names them
    region = argument if isinstance(argument, str) and argument else resolver.region
    return [f"{region}{letter}" for letter in "abc"]


def _cidr(resolver: Resolver, argument: Any, depth: int) -> Any:
    try:
        block, count, bits = argument
        network = ipaddress.ip_network(str(block), strict=False)
        prefix = network.max_prefixlen - int(bits)
        blocks = network.subnets(new_prefix=prefix)
        return [str(b) for _, b in zip(range(int(count)), blocks, strict=False)]
    except (ValueError, TypeError):
        return _unknown(argument)


def _passthrough(resolver: Resolver, argument: Any, depth: int) -> Any:
    return argument


def _opaque(resolver: Resolver, argument: Any, depth: int) -> Any:
    return _unknown(argument)


_FUNCTIONS: dict[str, Any] = {
    "Fn::Sub": lambda r, a, d: r._sub(a, d),
    "Fn::Join": _join,
    "Fn::Select": _select,
    "Fn::Split": _split,
    "Fn::Equals": _equals,
    "Fn::And": _logic(_and),
    "Fn::Or": _logic(_or),
    "Fn::Not": _logic(_not),
    "Fn::FindInMap": _find_in_map,
    "Fn::GetAZs": _get_azs,
    "Fn::Cidr": _cidr,
    "Fn::Base64": _passthrough,
    "Fn::ImportValue": _opaque,
}
