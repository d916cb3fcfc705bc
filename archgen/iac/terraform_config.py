"""A Terraform configuration's resources, evaluated, with its local modules.

The root module is a folder of ``.tf`` files. A ``module`` block whose ``source`` is a
relative path (``./modules/vpc``) is read too, with the inputs its caller passes, its
resources in the scope of its name (``vpc``, ``vpc/subnets``), its outputs readable by
the caller (``module.vpc.vpc_id``); a module from a registry or a repository is left
out with the reason, as is one outside the project root (as CloudFormation's nested
stacks are, `archgen.iac.stack`). Each resource becomes a `Resource` of the
CloudFormation type it stands for (`archgen.iac.terraform_types`), one per instance of
its ``count`` or ``for_each``; those folded into another (a target group attachment, an
S3 bucket's versioning) add to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archgen.iac.intrinsics import Unknown, refs_in
from archgen.iac.stack import Resource, Stack
from archgen.iac.terraform_eval import (
    Evaluated,
    Scope,
    instance_address,
    instance_values,
    instances,
)
from archgen.iac.terraform_hcl import Block, read_module
from archgen.iac.terraform_types import canonical, cloudformation_type, properties_of
from archgen.load.problems import ModelError
from archgen.load.project import ProjectRoot

#: modules below the root that are read
MAX_NESTING = 8
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]$")


@dataclass
class Config:
    """What a configuration gives the import besides its resources."""

    stack: Stack = field(default_factory=lambda: Stack(public_on_launch=True))
    region: str | None = None
    notes: list[str] = field(default_factory=list)
    #: each resource's evaluated body, by its key, as Terraform names its arguments
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Declared:
    """One resource block, before evaluation."""

    block: Block
    type: str
    name: str


def load_config(
    folder: Path,
    display: str,
    variables: dict[str, str],
    region: str | None,
    root: ProjectRoot,
    default_region: str,
) -> Config:
    """The resources of the configuration in `folder` (see the module docstring)."""
    config = Config()
    blocks = read_module(folder, display, root)
    config.region = region or _provider_region(blocks, variables) or default_region
    _module(config, blocks, folder, display, "", dict(variables), root, 0)
    fold(config.stack, config.bodies)
    tell_apart(config.stack)
    return config


def _provider_region(blocks: list[Block], given: dict[str, str]) -> str | None:
    """The region of the first ``provider "aws"`` block, when written out."""
    scope = Scope("", "us-east-1", {**_defaults(blocks), **given}, {})
    for block in blocks:
        if block.kind == "provider" and block.labels[:1] == ("aws",) and "alias" not in block.body:
            region = scope.value(block.body.get("region"))
            if isinstance(region, str) and _REGION.fullmatch(region):
                return region
    return None


def _defaults(blocks: list[Block]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for block in blocks:
        if block.kind == "variable" and block.labels:
            found[block.labels[0]] = block.body.get("default", Unknown())
    return found


def _module(
    config: Config,
    blocks: list[Block],
    folder: Path,
    display: str,
    scope_name: str,
    inputs: dict[str, Any],
    root: ProjectRoot,
    depth: int,
) -> Scope:
    local_values: dict[str, Any] = {}
    for block in blocks:
        if block.kind == "locals":
            local_values.update(block.body)
    scope = Scope(scope_name, config.region or "", {**_defaults(blocks), **inputs}, local_values)
    declared = [
        _Declared(b, b.labels[0], b.labels[1])
        for b in blocks
        if b.kind == "resource" and len(b.labels) == 2
    ]
    for item in declared:
        scope.resources[f"{item.type}.{item.name}"] = instances(scope, item.block.body)
    for block in blocks:
        if block.kind == "module" and block.labels:
            _child(config, block, scope, folder, display, root, depth)
    for item in declared:
        address = f"{item.type}.{item.name}"
        counted = scope.resources[address]
        keys: list[int | str | None] = [None] if counted is None else list(counted)
        for key in keys:
            here = scope.at(instance_values(scope, item.block.body, key))
            body = here.value({k: v for k, v in item.block.body.items() if k not in _META})
            config.bodies[(scope_name, instance_address(address, key))] = body
            config.stack.resources.append(
                Resource(
                    scope_name,
                    instance_address(address, key),
                    cloudformation_type(item.type),
                    properties_of(item.type, body),
                    item.block.file,
                    (item.block.line, item.block.column),
                    written_type=item.type,
                    hint=item.name if key is None else f"{item.name}-{key}",
                )
            )
    return scope


_META = ("count", "for_each", "depends_on", "lifecycle", "provider", "provisioner")


def _child(
    config: Config,
    block: Block,
    parent: Scope,
    folder: Path,
    display: str,
    root: ProjectRoot,
    depth: int,
) -> None:
    name = block.labels[0]
    source = parent.value(block.body.get("source"))
    where = f"module {name}"
    if not isinstance(source, str) or not source.startswith(("./", "../")):
        config.notes.append(f"{where} is not read: its source is not a local path")
        return
    child_folder = (folder / source).resolve()
    if not root.contains(str(child_folder)):
        config.notes.append(f"{where} is not read: {source} is {root.outside()}")
        return
    if depth >= MAX_NESTING or not child_folder.is_dir():
        why = "nested too deep" if depth >= MAX_NESTING else f"{source} is not a folder"
        config.notes.append(f"{where} is not read: {why}")
        return
    try:
        child_blocks = read_module(child_folder, str(Path(display) / source), root)
    except ModelError as error:
        config.notes.append(f"{where} is not read: {error.problems[0].message}")
        return
    inputs = {
        key: value
        for key, value in block.body.items()
        if key not in ("source", "version", "providers", *_META)
    }
    # the inputs are evaluated in the caller's scope, then read as values in the child's
    evaluated = {key: Evaluated(parent.value(value)) for key, value in inputs.items()}
    scope_name = f"{parent.name}/{name}" if parent.name else name
    child = _module(
        config,
        child_blocks,
        child_folder,
        str(Path(display) / source),
        scope_name,
        evaluated,
        root,
        depth + 1,
    )
    outputs = {
        b.labels[0]: b.body.get("value") for b in child_blocks if b.kind == "output" and b.labels
    }
    parent.modules[name] = lambda output: (
        child.value(outputs[output]) if output in outputs else Unknown()
    )


def fold(stack: Stack, bodies: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Resources that configure another add to its properties, as CloudFormation writes
    the same settings inline."""
    by_key = {r.key: r for r in stack.resources}

    def targets(resource: Resource, key: str) -> list[Resource]:
        found = refs_in(bodies[resource.key].get(key))
        return [by_key[(r.scope, r.name)] for r in found if (r.scope, r.name) in by_key]

    for resource in stack.resources:
        body = bodies[resource.key]
        kind = canonical(resource.written_type)
        if kind == "aws_lb_target_group_attachment":
            for group in targets(resource, "target_group_arn"):
                group.properties.setdefault("Targets", []).append({"Id": body.get("target_id")})
        elif kind == "aws_cloudwatch_event_target":
            for rule in targets(resource, "rule"):
                rule.properties.setdefault("Targets", []).append({"Arn": body.get("arn")})
        elif kind == "aws_s3_bucket_versioning":
            status = body.get("versioning_configuration") or [{}]
            status = status[0] if isinstance(status, list) and status else status
            for bucket in targets(resource, "bucket"):
                if isinstance(status, dict) and isinstance(status.get("status"), str):
                    bucket.properties["VersioningConfiguration"] = {"Status": status["status"]}
        elif kind == "aws_s3_bucket_server_side_encryption_configuration":
            for bucket in targets(resource, "bucket"):
                bucket.properties["BucketEncryption"] = True
        elif kind == "aws_s3_bucket_logging":
            for bucket in targets(resource, "bucket"):
                bucket.properties["LoggingConfiguration"] = {"DestinationBucketName": "?"}


def tell_apart(stack: Stack) -> None:
    """A name used by resources of several types is told apart by the type
    (``aws_vpc.main`` and ``aws_subnet.main`` are ``vpc-main`` and ``subnet-main``)."""
    seen: dict[tuple[str, str], set[str]] = {}
    for resource in stack.resources:
        seen.setdefault((resource.scope, resource.hint), set()).add(resource.written_type)
    for index, resource in enumerate(stack.resources):
        if len(seen[(resource.scope, resource.hint)]) > 1:
            short = canonical(resource.written_type).removeprefix("aws_")
            stack.resources[index] = Resource(
                resource.scope,
                resource.name,
                resource.type,
                resource.properties,
                resource.file,
                resource.mark,
                resource.written_type,
                f"{short}-{resource.hint}",
            )
