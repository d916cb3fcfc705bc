"""The models a command is given: files, folders of models, and `-` for stdin.

A folder stands for its `*.yaml` and `*.yml` files that hold a top-level ``archgen:``
key, in name order; its other YAML files (a mkdocs.yml, a CI workflow) are skipped with
a note. `-` is a model read from stdin, named `<stdin>` in messages; its `extends`
resolves against the current folder, under the project root like any other.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from archgen.errors import InputError
from archgen.load.reader import looks_like_model
from archgen.load.yaml_reader import MAX_BYTES
from archgen.terminal import printable

STDIN = "<stdin>"
MODEL_SUFFIXES = (".yaml", ".yml")


@dataclass
class Inputs:
    """The model paths to load, and stdin's bytes when `-` was given."""

    paths: list[str] = field(default_factory=list)
    stdin: bytes | None = None


def folder_models(folder: Path) -> tuple[list[Path], list[Path]]:
    """(models, skipped): the folder's YAML files with an ``archgen:`` key, and the
    others, each in name order."""
    models: list[Path] = []
    skipped: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in MODEL_SUFFIXES or not path.is_file():
            continue
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + 1)
        except OSError:
            models.append(path)  # loading it says why it cannot be read, located
            continue
        (models if looks_like_model(raw) else skipped).append(path)
    return models, skipped


def expand(
    given: Sequence[str],
    note: Callable[[str], None],
    read_stdin: Callable[[int], bytes] | None = None,
) -> Inputs:
    """The models `given` names (see the module's docstring); `note` is told of each
    file a folder holds that is not a model. `InputError` for a folder with no model."""
    inputs = Inputs()
    for path in given:
        if path == "-":
            if inputs.stdin is None:
                inputs.stdin = _stdin(read_stdin)
            inputs.paths.append(STDIN)
        elif Path(path).is_dir():
            models, skipped = folder_models(Path(path))
            for other in skipped:
                note(f"{printable(str(other))}: skipped, not an archgen model (no 'archgen:' key)")
            if not models:
                raise InputError(
                    f"{printable(path)}: no archgen models in this folder "
                    "(*.yaml or *.yml files with an 'archgen:' key)"
                )
            inputs.paths += [str(model) for model in models]
        else:
            inputs.paths.append(path)
    return inputs


def _stdin(read: Callable[[int], bytes] | None) -> bytes:
    raw = (read or sys.stdin.buffer.read)(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{STDIN}:1:1: more than {MAX_BYTES:,} bytes, the limit of a model file")
    return raw
