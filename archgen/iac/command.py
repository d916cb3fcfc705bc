"""`archgen import cloudformation`: read a template, build the model, write it; and
the in-memory import that lets `archgen validate` check a template directly."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.errors import InputError
from archgen.load.problems import ModelError
from archgen.load.project import ProjectRoot

if TYPE_CHECKING:
    from archgen.iac.builder import Imported
    from archgen.load.loader import LoadedModel
    from archgen.load.run import ModelLoader

DEFAULT_REGION = "us-east-1"
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]$")


def import_template(
    path: str,
    parameters: dict[str, str] | None = None,
    region: str | None = None,
    root: ProjectRoot | None = None,
) -> tuple[Imported, str]:
    """The model imported from the template at `path`, and its YAML text.

    Nested templates are read only under `root` (default: the git work tree around the
    template, as for a model's `extends`). A template that cannot be read or parsed
    raises `ModelError` (located problems).
    """
    # here, not at the top: `archgen validate` imports this module for every model
    from archgen.iac.builder import build_model
    from archgen.iac.names import kebab
    from archgen.iac.stack import load_stack
    from archgen.iac.template import read_template
    from archgen.iac.writer import model_yaml

    given = parameters or {}
    template = read_template(Path(path), path)
    chosen = region or _template_region(template.data) or DEFAULT_REGION
    stack, _ = load_stack(template, Path(path).resolve().parent, chosen, dict(given), root=root)
    name = kebab(Path(path).stem)
    description = template.data.get("Description")
    title = f"{Path(path).name} (imported)"
    if isinstance(description, str) and description.strip():
        first = description.strip().splitlines()[0].split(". ")[0].rstrip(".")
        title = first[:97] + "..." if len(first) > 100 else first
    imported = build_model(stack, chosen, name, title)
    return imported, model_yaml(imported, path, given, chosen)


def _template_region(data: dict[str, Any]) -> str | None:
    """A region the template itself names as a parameter's default, if one does."""
    parameters = data.get("Parameters")
    for name, spec in parameters.items() if isinstance(parameters, dict) else ():
        default = spec.get("Default") if isinstance(spec, dict) else None
        if "region" in name.lower() and isinstance(default, str) and _REGION.fullmatch(default):
            return default
    return None


def parse_parameters(pairs: tuple[str, ...], option: str = "--param") -> dict[str, str]:
    """``K=V`` pairs as a mapping; a pair without ``=`` is a usage error."""
    parameters: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise InputError(f"{option} {pair!r}: write KEY=VALUE")
        parameters[key] = value
    return parameters


def check_region(region: str | None) -> None:
    """A region given with ``--region`` must look like one."""
    if region is not None and not _REGION.fullmatch(region):
        raise InputError(f"--region {region!r}: not an AWS region such as us-east-1")


def write_model(text: str, output: str | None) -> str | None:
    """Check the imported model loads, then write it to `output` (returned as None), or
    return its text: a mistake of the importer is never written."""
    from archgen.errors import file_error
    from archgen.files import write_atomic
    from archgen.load.loader import load_text

    try:
        load_text(text, output or "<imported model>")
    except ModelError as error:
        problems = [p._replace(message=f"imported model: {p.message}") for p in error.problems]
        raise InputError(problems) from None
    if output is None:
        return text
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise file_error(error, output, "cannot write") from None
    return None


def run_import(
    template: str,
    output: str | None,
    parameters: tuple[str, ...],
    region: str | None,
    root: str | None = None,
) -> str | None:
    """Import `template`; write the model to `output` (returned as None) or return its text."""
    return import_and_write(
        import_template, template, parse_parameters(parameters), region, root, output
    )


#: an importer: (path, parameters or variables, region, project root) -> (model, its YAML)
Importer = Callable[[str, dict[str, str], str | None, ProjectRoot | None], tuple[Any, str]]


def import_and_write(
    importer: Importer,
    path: str,
    given: dict[str, str],
    region: str | None,
    root: str | None,
    output: str | None,
) -> str | None:
    """What `archgen import …` does with any importer: check the region, import `path`
    (bad input: `InputError`, exit 2), then write the model to `output` (returned as
    None) or return its text."""
    check_region(region)
    try:
        top = ProjectRoot.given(root) if root is not None else None
        _, text = importer(path, given, region, top)
    except ModelError as error:
        raise InputError(error.problems) from None
    return write_model(text, output)


# --- validate a template directly -------------------------------------------------------

_TEMPLATE_MARKERS = (
    re.compile(rb"^AWSTemplateFormatVersion\s*:", re.M),
    re.compile(rb'"AWSTemplateFormatVersion"\s*:'),
)
_AWS_TYPE = re.compile(rb"""Type["']?\s*:\s*["']?AWS::""")
_ARCHGEN = re.compile(rb"""^["']?archgen["']?\s*:""", re.M)


def looks_like_template(raw: bytes) -> bool:
    """A CloudFormation template, not an archgen model: it says
    ``AWSTemplateFormatVersion``, or has ``Resources:`` with ``Type: AWS::``; and has
    no top-level ``archgen:`` key."""
    if _ARCHGEN.search(raw):
        return False
    if any(marker.search(raw) for marker in _TEMPLATE_MARKERS):
        return True
    return b"Resources" in raw and _AWS_TYPE.search(raw) is not None


def load_or_import(loader: ModelLoader, path: str) -> LoadedModel:
    """The model at `path`; a CloudFormation template, a Terraform ``.tf`` file (its
    module folder) or ``terraform show -json`` output is imported in memory, and its
    findings then point at the template's, the ``.tf`` file's or the JSON's lines."""
    try:
        return loader.load(path)
    except ModelError as error:
        try:
            raw = loader.reader.read(path)
        except ModelError:
            raise error from None
        from archgen.iac.terraform import looks_like_terraform

        if looks_like_terraform(path, raw):
            return _imported_model(loader, path, raw, terraform=True)
        if not looks_like_template(raw):
            raise
        return _imported_model(loader, path, raw)


def _imported_model(
    loader: ModelLoader, path: str, raw: bytes, terraform: bool = False
) -> LoadedModel:
    from archgen.iac.template import parse_template
    from archgen.load.loader import Location, load_text

    display = loader.reader.display(path)
    if terraform:
        from archgen.iac.terraform import import_terraform

        imported, text = import_terraform(path, root=loader.root)
    else:
        parse_template(raw, display)  # its problems, located in the template
        imported, text = import_template(path, root=loader.root)
    loaded = load_text(text, display)
    sources: dict[tuple[str | int, ...], Location] = {**imported.origins}
    loaded.sources = sources
    return loaded
