"""A template's resources with their properties evaluated, nested stacks included.

A nested stack (`AWS::CloudFormation::Stack`) whose ``TemplateURL`` is a relative path
to a file beside its parent is read and its resources join the import, each in the
scope of its stack (``Parent/Child``), with the parameters the parent passes and the
outputs the parent reads (``!GetAtt Child.Outputs.Name``). Any other URL (S3, HTTPS)
leaves the stack out, with the reason. A resource whose ``Condition`` is false is left
out too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archgen.iac.intrinsics import Resolver, Unknown
from archgen.iac.resource_types import RAIN_MODULE
from archgen.iac.template import Mark, Template, read_template
from archgen.load.problems import ModelError
from archgen.load.project import ProjectRoot

#: nested stacks below the template imported
MAX_NESTING = 8


@dataclass(frozen=True)
class Resource:
    """One resource of one stack, its properties evaluated."""

    scope: str
    name: str
    type: str
    properties: dict[str, Any]
    file: str
    mark: Mark
    #: the type as its file writes it, when that is not `type` (a Terraform type)
    written_type: str = ""
    #: the name its model id and label come from, when not `name` (Terraform's
    #: ``main`` for ``aws_vpc.main``)
    hint: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """What a `Ref` to it holds: its stack's scope and its logical id."""
        return (self.scope, self.name)

    @property
    def id_name(self) -> str:
        """The name the model's id and label are made from."""
        return self.hint or self.name

    @property
    def shown_type(self) -> str:
        """The type as the user wrote it, for the header and comments."""
        return self.written_type or self.type


@dataclass
class Stack:
    """Every resource imported, and those left out before their type was looked at."""

    resources: list[Resource] = field(default_factory=list)
    #: (resource type, reason) of each resource left out by a condition or a nesting
    left_out: list[tuple[str, str, Resource]] = field(default_factory=list)
    nested: list[str] = field(default_factory=list)
    #: a subnet that maps public addresses on launch is public when no route table of
    #: the configuration is associated with it (Terraform; see `archgen.iac.network`)
    public_on_launch: bool = False


def load_stack(
    template: Template,
    folder: Path,
    region: str,
    parameters: dict[str, Any],
    scope: str = "",
    into: Stack | None = None,
    depth: int = 0,
    root: ProjectRoot | None = None,
) -> tuple[Stack, dict[str, Any]]:
    """The resources of `template` (and its local nested stacks), and its outputs.

    A nested template is read only under `root` (the project root, as for a model's
    `extends`; by default the git work tree around `folder`), symbolic links resolved
    first: an untrusted template cannot make archgen read files outside the project.
    """
    root = root if root is not None else ProjectRoot.around(str(folder))
    stack = into if into is not None else Stack()
    outputs: dict[str, dict[str, Any]] = {}
    resolver = Resolver(template.data, region, parameters, scope, outputs)
    resources = template.resources
    for name in _nested_in_order(resources):
        spec = resources[name]
        resource = _resource(template, resolver, scope, name, spec, {})
        holds = _condition(resolver, spec)
        if holds is False:
            stack.left_out.append(
                (resource.type, f"condition {spec['Condition']} is false", resource)
            )
            continue
        child_path = _local_child(resolver.value(spec.get("Properties", {}).get("TemplateURL")))
        if child_path is None or depth >= MAX_NESTING:
            why = "its template is not a local file" if child_path is None else "nested too deep"
            stack.left_out.append((resource.type, f"a nested stack: {why}", resource))
            continue
        child_file = (folder / child_path).resolve()
        display = str(Path(template.path).parent / child_path)
        if not root.contains(str(child_file)):
            why = f"a nested stack: its template {child_path} is {root.outside()}"
            stack.left_out.append((resource.type, why, resource))
            continue
        try:
            child = read_template(child_file, display)
        except ModelError as error:
            problem = error.problems[0]
            stack.left_out.append((resource.type, f"a nested stack: {problem.message}", resource))
            continue
        passed = resolver.value(spec.get("Properties", {}).get("Parameters") or {})
        given = {k: v for k, v in passed.items() if not isinstance(v, Unknown)}
        child_scope = f"{scope}/{name}" if scope else name
        stack.nested.append(display)
        stack.resources.append(resource)
        _, outputs[name] = load_stack(
            child, child_file.parent, region, given, child_scope, stack, depth + 1, root
        )
    for name, spec in resources.items():
        if not isinstance(spec, dict) or spec.get("Type") == "AWS::CloudFormation::Stack":
            continue
        properties = resolver.value(spec.get("Properties") or {})
        resource = _resource(template, resolver, scope, name, spec, properties)
        if _condition(resolver, spec) is False:
            stack.left_out.append(
                (resource.type, f"condition {spec['Condition']} is false", resource)
            )
            continue
        stack.resources.append(resource)
    declared = template.data.get("Outputs") or {}
    values = {
        name: resolver.value(output.get("Value"))
        for name, output in (declared.items() if isinstance(declared, dict) else ())
        if isinstance(output, dict)
    }
    return stack, values


def _resource(
    template: Template,
    resolver: Resolver,
    scope: str,
    name: str,
    spec: Any,
    properties: Any,
) -> Resource:
    kind = spec.get("Type") if isinstance(spec, dict) else None
    if isinstance(kind, dict) and list(kind) == [RAIN_MODULE]:
        kind = RAIN_MODULE  # `Type: !Rain::Module path`: expanded by `rain pkg` only
    return Resource(
        scope,
        name,
        kind if isinstance(kind, str) else "(no Type)",
        properties if isinstance(properties, dict) else {},
        template.path,
        template.mark(("Resources", name)),
    )


def _condition(resolver: Resolver, spec: Any) -> bool | None:
    name = spec.get("Condition") if isinstance(spec, dict) else None
    return resolver.condition(name) if isinstance(name, str) else None


def _local_child(url: Any) -> str | None:
    """The relative path a ``TemplateURL`` names, if it names a local file."""
    if not isinstance(url, str) or "://" in url or url.startswith(("/", "\\")) or not url:
        return None
    return url


def _nested_in_order(resources: dict[str, Any]) -> list[str]:
    """The nested stacks, each after the stacks whose outputs its parameters read."""
    nested = [
        name
        for name, spec in resources.items()
        if isinstance(spec, dict) and spec.get("Type") == "AWS::CloudFormation::Stack"
    ]
    reads = {name: json.dumps(resources[name], default=str) for name in nested}
    ordered: list[str] = []
    while len(ordered) < len(nested):
        ready = [
            name
            for name in nested
            if name not in ordered
            and all(
                other in ordered or f'"{other}"' not in reads[name]
                for other in nested
                if other != name
            )
        ]
        if not ready:  # a cycle: take them as written
            ready = [name for name in nested if name not in ordered]
        ordered.extend(ready)
    return ordered
