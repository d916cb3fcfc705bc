"""`archgen import terraform`: a configuration folder (or ``terraform show -json``
output) as an archgen model, built by the same builder as a CloudFormation template.

`archgen validate main.tf` (or a plan's JSON) imports in memory, as for a template:
a ``.tf`` file stands for the module folder it is in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from archgen.load.problems import ModelError, Problem
from archgen.load.project import ProjectRoot

if TYPE_CHECKING:
    from archgen.iac.builder import Imported
    from archgen.iac.resource_types import Fate
    from archgen.iac.stack import Resource, Stack


def import_terraform(
    path: str,
    variables: dict[str, str] | None = None,
    region: str | None = None,
    root: ProjectRoot | None = None,
) -> tuple[Imported, str]:
    """The model imported from the configuration folder, ``.tf`` file or plan JSON at
    `path`, and its YAML text. Local modules are read only under `root` (default: the
    git work tree around the configuration). Bad input raises `ModelError`."""
    from archgen.iac.builder import build_model
    from archgen.iac.command import DEFAULT_REGION
    from archgen.iac.names import kebab
    from archgen.iac.writer import model_yaml

    given = dict(variables or {})
    target = Path(path)
    if not target.exists():
        raise ModelError([Problem(path, 1, 1, "no such file or folder")])
    if target.is_file() and target.suffix not in (".json", ".tf"):
        why = "not a .tf file, a configuration folder or `terraform show -json` output"
        raise ModelError([Problem(path, 1, 1, why)])
    if target.is_file() and target.suffix == ".json":
        stack, chosen, name = _plan(target, path, region, DEFAULT_REGION)
        notes: list[str] = []
    else:
        from archgen.iac.terraform_config import load_config

        folder = target if target.is_dir() else target.parent
        display = path if target.is_dir() else str(Path(path).parent)
        if not any(folder.glob("*.tf")):
            raise ModelError([Problem(path, 1, 1, "no .tf files: not a Terraform configuration")])
        top = root if root is not None else ProjectRoot.around(str(folder))
        config = load_config(folder, display, given, region, top, DEFAULT_REGION)
        stack, chosen, notes = config.stack, config.region or DEFAULT_REGION, config.notes
        name = kebab(folder.resolve().name)
    title = f"{target.name or path} (imported from Terraform)"
    imported = build_model(stack, chosen, name, title, _fate)
    imported.notes += notes
    return imported, model_yaml(imported, path, given, chosen, "terraform")


def _fate(resource: Resource) -> Fate:
    from archgen.iac.terraform_types import terraform_fate

    return terraform_fate(resource.written_type)


def _plan(target: Path, path: str, region: str | None, default: str) -> tuple[Stack, str, str]:
    from archgen.iac.names import kebab
    from archgen.iac.terraform_config import fold, tell_apart
    from archgen.iac.terraform_plan import plan_stack, read_plan
    from archgen.load.yaml_reader import read_bytes

    raw = read_bytes(target, path)
    data = read_plan(raw, path)
    stack, bodies, planned_region = plan_stack(data, raw.decode("utf-8"), path)
    fold(stack, bodies)
    tell_apart(stack)
    return stack, region or planned_region or default, kebab(target.stem)


def run_import_terraform(
    path: str,
    output: str | None,
    variables: tuple[str, ...],
    region: str | None,
    root: str | None = None,
) -> str | None:
    """Import `path`; write the model to `output` (returned as None) or return its text."""
    from archgen.iac.command import import_and_write, parse_parameters

    given = parse_parameters(variables, "--var")
    return import_and_write(import_terraform, path, given, region, root, output)


def looks_like_terraform(path: str, raw: bytes) -> bool:
    """A ``.tf`` file, or JSON from ``terraform show -json``."""
    if path.endswith(".tf"):
        return True
    if not path.endswith(".json"):
        return False
    head = raw[:4096]
    return b'"format_version"' in head and (b'"planned_values"' in raw or b'"values"' in raw)
