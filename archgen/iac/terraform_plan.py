"""The resources of ``terraform show -json`` output: a plan or a state.

A plan's values are in ``planned_values.root_module`` (a state's in
``values.root_module``), each module's resources with their ``child_modules``. Values
a plan cannot know yet (the id of a VPC it creates) are ``null`` there; which resources
an argument names is then read from ``configuration``'s ``references``. In a state the
ids are real: an argument holding another resource's ``id`` or ``arn`` names it. Each
resource's position is the line of its ``address`` in the JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from archgen.iac.intrinsics import Ref, Unknown
from archgen.iac.stack import Resource, Stack
from archgen.iac.terraform_types import cloudformation_type, properties_of
from archgen.load.problems import ModelError, Problem
from archgen.load.yaml_reader import MAX_BYTES, MAX_DEPTH, too_big


def looks_like_plan(data: Any) -> bool:
    """``terraform show -json`` output: it says its ``format_version`` and has values."""
    return (
        isinstance(data, dict)
        and "format_version" in data
        and ("planned_values" in data or "values" in data)
    )


def read_plan(raw: bytes, name: str) -> dict[str, Any]:
    """The JSON document, or a located `ModelError`."""
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(name, 1, 1, too_big(len(raw)))])
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError([Problem(name, 1, 1, "not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        raise ModelError([Problem(name, error.lineno, error.colno, error.msg)]) from None
    except RecursionError:
        raise ModelError([Problem(name, 1, 1, "nesting too deep")]) from None
    if not looks_like_plan(data):
        raise ModelError(
            [Problem(name, 1, 1, "not `terraform show -json` output: no planned_values or values")]
        )
    assert isinstance(data, dict)
    return data


def plan_stack(
    data: dict[str, Any], text: str, name: str
) -> tuple[Stack, dict[tuple[str, str], dict[str, Any]], str | None]:
    """The resources of a plan or state, their values by key, and the provider's region."""
    values = data.get("planned_values") or data.get("values") or {}
    root = values.get("root_module") if isinstance(values, dict) else None
    found: list[dict[str, Any]] = []
    stack_modules = [root] if isinstance(root, dict) else []
    while stack_modules:
        module = stack_modules.pop(0)
        found += [r for r in module.get("resources") or [] if isinstance(r, dict)]
        stack_modules += [m for m in module.get("child_modules") or [] if isinstance(m, dict)]
    managed = [r for r in found if r.get("mode", "managed") == "managed" and "type" in r]
    references = _references(data.get("configuration"))
    ids: dict[str, tuple[str, str]] = {}
    for resource in managed:
        scope, address = _split(str(resource.get("address", "")))
        for key in ("id", "arn"):
            value = (resource.get("values") or {}).get(key)
            if isinstance(value, str) and value:
                ids[value] = (scope, address)
    stack = Stack(public_on_launch=True)
    bodies: dict[tuple[str, str], dict[str, Any]] = {}
    lines = text.splitlines()
    for resource in managed:
        full = str(resource.get("address", ""))
        scope, address = _split(full)
        kind = str(resource["type"])
        body = _linked(resource.get("values") or {}, ids, (scope, address))
        configured = references.get(_configured(full), {})
        for key, refs in configured.items():
            if body.get(key) in (None, "", []):
                body[key] = _as_refs(refs, scope)
        bodies[(scope, address)] = body
        stack.resources.append(
            Resource(
                scope,
                address,
                cloudformation_type(kind),
                properties_of(kind, body),
                name,
                _line_of(lines, full),
                written_type=kind,
                hint=_hint(resource),
            )
        )
    return stack, bodies, _region(data.get("configuration"))


def _split(address: str) -> tuple[str, str]:
    """``module.vpc.aws_subnet.a[0]`` -> (``vpc``, ``aws_subnet.a[0]``)."""
    parts = address.split(".")
    scope: list[str] = []
    while len(parts) > 2 and parts[0] == "module":
        scope.append(parts[1].split("[")[0])
        parts = parts[2:]
    return "/".join(scope), ".".join(parts)


def _configured(address: str) -> str:
    """The configuration's address of an instance (indexes dropped)."""
    return ".".join(part.split("[")[0] for part in address.split("."))


def _hint(resource: dict[str, Any]) -> str:
    index = resource.get("index")
    name = str(resource.get("name", "resource"))
    return name if index is None else f"{name}-{index}"


def _linked(
    values: Any, ids: dict[str, tuple[str, str]], me: tuple[str, str], depth: int = 0
) -> Any:
    """Values with another resource's id or ARN replaced by a reference to it (deeper
    than any provider's schema nests, a value is dropped)."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(values, dict):
        return {
            k: _linked(v, ids, me, depth + 1) for k, v in values.items() if k not in ("id", "arn")
        }
    if isinstance(values, list):
        return [_linked(v, ids, me, depth + 1) for v in values]
    if isinstance(values, str) and values in ids and ids[values] != me:
        return Ref(*ids[values])
    return values


def _as_refs(references: list[str], scope: str) -> Any:
    """``["aws_vpc.main.id", "aws_vpc.main"]`` as a reference to ``aws_vpc.main``."""
    refs = []
    for reference in references:
        parts = reference.split(".")
        if len(parts) >= 2 and not reference.startswith(("var.", "local.", "module.", "data.")):
            refs.append(Ref(scope, ".".join(parts[:2]), parts[2] if len(parts) > 2 else None))
    unique = list(dict.fromkeys(Ref(r.scope, r.name) for r in refs))
    if len(unique) == 1:
        return unique[0]
    return Unknown(frozenset(unique))


def _references(configuration: Any) -> dict[str, dict[str, list[str]]]:
    """Each configured resource's top-level arguments that name other resources."""
    found: dict[str, dict[str, list[str]]] = {}
    modules = [("", configuration.get("root_module"))] if isinstance(configuration, dict) else []
    while modules:
        prefix, module = modules.pop()
        if not isinstance(module, dict):
            continue
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict):
                continue
            expressions = resource.get("expressions") or {}
            named = {
                key: list(expression["references"])
                for key, expression in expressions.items()
                if isinstance(expression, dict) and isinstance(expression.get("references"), list)
            }
            found[prefix + str(resource.get("address", ""))] = named
        for call_name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                modules.append((f"{prefix}module.{call_name}.", call.get("module")))
    return found


def _region(configuration: Any) -> str | None:
    if not isinstance(configuration, dict):
        return None
    provider = (configuration.get("provider_config") or {}).get("aws") or {}
    region = (provider.get("expressions") or {}).get("region") or {}
    value = region.get("constant_value") if isinstance(region, dict) else None
    return value if isinstance(value, str) else None


def _line_of(lines: list[str], address: str) -> tuple[int, int]:
    needle = json.dumps(address)
    for number, line in enumerate(lines, 1):
        column = line.find(needle)
        if column >= 0 and '"address"' in line:
            return number, line.find('"address"') + 1
    return 1, 1
