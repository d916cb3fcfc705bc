"""Evaluate a Terraform module's values as far as the configuration alone allows.

Variables take their defaults (or ``--var``), locals and module outputs are evaluated
when read, ``count`` and ``for_each`` are expanded when their value is written out. A
reference to a resource (``aws_vpc.main.id``, ``aws_subnet.main[*].id``,
``module.net.vpc_id`` when that output names a resource) becomes a `Ref`, the same
value the CloudFormation importer makes of ``!Ref``/``!GetAtt``; an expression this
module does not evaluate (a function call, a conditional, arithmetic) becomes an
`Unknown` that still remembers the resources it names, so a connection can be read
from it. Nothing is ever executed: expressions are read, not run.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archgen.iac.intrinsics import Ref, Unknown, refs_in

#: how deep locals, variables and module outputs may read each other
MAX_DEPTH = 32
#: instances one ``count``/``for_each`` may make (a larger count is drawn as one)
MAX_INSTANCES = 64

_EXPRESSION = re.compile(r"^\$\{(.*)\}$", re.S)
_INTERPOLATION = re.compile(r"\$\{([^{}]*)\}")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
#: a traversal: ``a.b["c"][0][*].d``
_PART = r"(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:[0-9]+|\*|\"[^\"]*\")\])"
_TRAVERSAL = re.compile(rf"^([A-Za-z_][A-Za-z0-9_-]*)((?:{_PART})*)$")
_PARTS = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+|\*|\"[^\"]*\")\]")
#: a resource, data source, module, variable or local named anywhere in an expression
_NAMED = re.compile(
    r"(?<![A-Za-z0-9_.\"])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*"
    r"(?:\[(?:[0-9]+|\*|\"[^\"]*\")\])?|module\.[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_]*"
    r"|var\.[A-Za-z_][A-Za-z0-9_-]*|local\.[A-Za-z_][A-Za-z0-9_-]*)"
)


def literal(text: str) -> str:
    """A quoted HCL string as its text (the escapes HCL shares with JSON undone)."""
    try:
        value = json.loads(text)
    except ValueError:
        return text[1:-1]
    return value if isinstance(value, str) else text[1:-1]


@dataclass(frozen=True)
class Evaluated:
    """A value already evaluated in the caller's scope (a module's input)."""

    value: Any


@dataclass
class Scope:
    """One module instance: what its expressions can read.

    `resources` maps a resource's address in this module (``aws_subnet.main``) to its
    instances' keys (``None`` when it has no count or for_each) and is filled before
    any resource's body is evaluated; `outputs` evaluates a child module's output.
    """

    name: str
    region: str
    variables: dict[str, Any]
    locals: dict[str, Any]
    resources: dict[str, list[int | str] | None] = field(default_factory=dict)
    modules: dict[str, Callable[[str], Any]] = field(default_factory=dict)
    instance: dict[str, Any] = field(default_factory=dict)  # count.index, each.key/value
    _reading: set[str] = field(default_factory=set)

    def at(self, instance: dict[str, Any]) -> Scope:
        """The same module, evaluating one instance of a counted resource."""
        return Scope(
            self.name,
            self.region,
            self.variables,
            self.locals,
            self.resources,
            self.modules,
            instance,
            self._reading,
        )

    def value(self, raw: Any, depth: int = 0) -> Any:
        """`raw` (as python-hcl2 serialises it) evaluated (see the module docstring)."""
        if depth > MAX_DEPTH:
            return Unknown()
        if isinstance(raw, Evaluated):
            return raw.value
        if isinstance(raw, dict):
            return {k: self.value(v, depth + 1) for k, v in raw.items()}
        if isinstance(raw, list):
            return [self.value(v, depth + 1) for v in raw]
        if not isinstance(raw, str):
            return raw
        if match := _EXPRESSION.match(raw):
            return self.expression(match[1].strip(), depth + 1)
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            return self._template(literal(raw), depth + 1)
        return raw

    def _template(self, text: str, depth: int) -> Any:
        """A string with ``${...}`` interpolations: text when each part is known."""
        if "${" not in text:
            return text
        parts = [self.expression(m[1].strip(), depth) for m in _INTERPOLATION.finditer(text)]
        if all(isinstance(p, (str, int, float)) and not isinstance(p, bool) for p in parts):
            values = iter(parts)
            return _INTERPOLATION.sub(lambda _: str(next(values)), text)
        return Unknown(frozenset(r for p in parts for r in refs_in(p)))

    def expression(self, text: str, depth: int) -> Any:
        """One expression: a literal, a traversal, ``element(list, n)``, else unknown."""
        if depth > MAX_DEPTH:
            return Unknown()
        for name, value in self.instance.items():
            text = re.sub(rf"(?<![A-Za-z0-9_.]){re.escape(name)}(?![A-Za-z0-9_])", value, text)
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if _NUMBER.match(text):
            return float(text) if "." in text else int(text)
        if text.startswith('"') and text.endswith('"') and '"' not in text[1:-1]:
            return self._template(text[1:-1], depth + 1)
        if text.startswith("[") and text.endswith("]"):
            items = _split_items(text[1:-1])
            if items is not None:
                return [self.expression(item, depth + 1) for item in items]
        if text.startswith("element(") and text.endswith(")"):
            # split at the last comma, not with a regex: linear on any input
            listed_text, _, number = text[len("element(") : -1].rpartition(",")
            listed = self.expression(listed_text.strip(), depth + 1)
            if number.strip().isdigit() and isinstance(listed, list) and listed:
                return listed[int(number) % len(listed)]
        if text.startswith("cidrsubnet(") and text.endswith(")"):
            found = _cidrsubnet(self, text[len("cidrsubnet(") : -1], depth + 1)
            if found is not None:
                return found
        if traversal := _TRAVERSAL.match(text):
            return self._traverse(traversal[1], traversal[2], depth + 1)
        return Unknown(
            frozenset(r for name in _NAMED.findall(text) for r in self._refs(name, depth))
        )

    def _refs(self, name: str, depth: int) -> list[Ref]:
        found = _TRAVERSAL.match(name)
        if not found:
            return []
        return refs_in(self._traverse(found[1], found[2], depth + 1))

    def _traverse(self, head: str, tail: str, depth: int) -> Any:
        # each part: (True, index or key) for ``[...]``, (False, name) for ``.name``
        parts: list[tuple[bool, str | int]] = []
        for attribute, index in _PARTS.findall(tail):
            if attribute:
                parts.append((False, attribute))
            else:
                key = index if index == "*" else literal(index)
                parts.append((True, int(index) if index.isdigit() else key))
        first = parts[0][1] if parts and not parts[0][0] else None
        if head in ("var", "local") and isinstance(first, str):
            return _index(self._read(head, first, depth), parts[1:])
        if head == "module" and isinstance(first, str) and len(parts) >= 2:
            output = self.modules.get(first)
            return _index(output(str(parts[1][1])), parts[2:]) if output else Unknown()
        if head == "data" and len(parts) >= 2:
            return self._data([p for _, p in parts])
        if isinstance(first, str) and f"{head}.{first}" in self.resources:
            return self._resource(f"{head}.{first}", parts[1:])
        return Unknown()

    def _read(self, kind: str, name: str, depth: int) -> Any:
        values = self.variables if kind == "var" else self.locals
        if name not in values:
            return Unknown()
        key = f"{kind}.{name}"
        if key in self._reading:  # a cycle: Terraform refuses it, here it is unknown
            return Unknown()
        self._reading.add(key)
        try:
            return self.value(values[name], depth + 1)
        finally:
            self._reading.discard(key)

    def _data(self, parts: list[str | int]) -> Any:
        """Data sources are read by a deployment; the zones of the region are guessed
        as CloudFormation's ``!GetAZs`` is: ``a``, ``b``, ``c``."""
        if parts[0] == "aws_availability_zones" and len(parts) >= 3 and parts[2] == "names":
            zones = [f"{self.region}{letter}" for letter in "abcdef"]
            return _index(zones, [(True, p) for p in parts[3:]])
        if parts[0] == "aws_region" and len(parts) >= 3 and parts[2] in ("name", "id", "region"):
            return self.region
        return Unknown()

    def _resource(self, address: str, parts: list[tuple[bool, str | int]]) -> Any:
        """Refs to the instances named: one, or a list for a splat or a whole counted
        resource."""
        keys = self.resources[address]
        splat = bool(parts) and parts[0] == (True, "*")
        if parts and parts[0][0] and not splat:
            chosen: list[int | str | None] = [parts[0][1]] if parts[0][1] in (keys or []) else []
            one = True
        else:
            chosen = list(keys) if keys is not None else [None]
            one = keys is None and not splat
        if parts and parts[0][0]:
            parts = parts[1:]
        attribute = str(parts[0][1]) if parts and not parts[0][0] else None
        refs = [Ref(self.name, instance_address(address, key), attribute) for key in chosen]
        if not one:
            return refs
        return refs[0] if refs else Unknown()


def _cidrsubnet(scope: Scope, arguments: str, depth: int) -> str | None:
    """``cidrsubnet(prefix, newbits, netnum)`` when all three are known."""
    items = _split_items(arguments)
    if items is None or len(items) != 3:
        return None
    prefix, bits, number = (scope.expression(item, depth) for item in items)
    if not isinstance(prefix, str) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in (bits, number)
    ):
        return None
    assert isinstance(bits, int) and isinstance(number, int)
    try:
        network = ipaddress.ip_network(prefix, strict=False)
    except ValueError:
        return None
    length = network.prefixlen + bits
    if bits < 0 or length > network.max_prefixlen or not 0 <= number < 2**bits:
        return None
    # arithmetic, not enumeration: a large netnum costs nothing
    start = int(network.network_address) + (number << (network.max_prefixlen - length))
    return f"{type(network.network_address)(start)}/{length}"


def instance_address(address: str, key: int | str | None) -> str:
    """``aws_subnet.main`` with its count index or for_each key, as Terraform writes it."""
    if key is None:
        return address
    return f"{address}[{key}]" if isinstance(key, int) else f'{address}["{key}"]'


def _index(value: Any, parts: list[tuple[bool, str | int]]) -> Any:
    for _, part in parts:
        if isinstance(value, Unknown):
            return value
        listed = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        if listed or (isinstance(value, dict) and part in value):
            value = value[part]
        elif isinstance(value, Ref) and isinstance(part, str) and value.attribute is None:
            value = Ref(value.scope, value.name, part)
        else:
            return Unknown(frozenset(refs_in(value)))
    return value


def _split_items(text: str) -> list[str] | None:
    """The items of a tuple's text, split at top-level commas (None if unbalanced)."""
    items: list[str] = []
    depth, start, quoted = 0, 0, False
    for i, char in enumerate(text):
        if char == '"' and (i == 0 or text[i - 1] != "\\"):
            quoted = not quoted
        elif not quoted and char in "([{":
            depth += 1
        elif not quoted and char in ")]}":
            depth -= 1
        elif not quoted and char == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    if depth or quoted:
        return None
    last = text[start:].strip()
    if last:
        items.append(last)
    return items


def instances(scope: Scope, body: dict[str, Any]) -> list[int | str] | None:
    """The instance keys ``count`` or ``for_each`` give, ``None`` for a single block.

    A value not written out in the configuration (read from a resource or a data
    source) makes one instance, index 0, which the import notes."""
    if "count" in body:
        count = scope.value(body["count"])
        if isinstance(count, str) and count.isdigit():
            count = int(count)
        if isinstance(count, bool) or not isinstance(count, int):
            return [0]
        return list(range(max(0, min(count, MAX_INSTANCES))))
    if "for_each" in body:
        each = scope.value(body["for_each"])
        if isinstance(each, dict):
            return [str(k) for k in list(each)[:MAX_INSTANCES]]
        if isinstance(each, list) and all(isinstance(k, str) for k in each):
            return list(dict.fromkeys(each))[:MAX_INSTANCES]
        return ["0"]
    return None


def instance_values(scope: Scope, body: dict[str, Any], key: int | str | None) -> dict[str, str]:
    """What ``count.index``, ``each.key`` and ``each.value`` stand for in one instance,
    as expression text."""
    if key is None:
        return {}
    if isinstance(key, int):
        return {"count.index": str(key)}
    each = scope.value(body.get("for_each"))
    value = each.get(key) if isinstance(each, dict) else key
    text = json.dumps(value) if isinstance(value, (str, int, float, bool)) else '"?"'
    return {"each.key": json.dumps(key), "each.value": text}
