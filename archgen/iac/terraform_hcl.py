"""Read the ``.tf`` files of one Terraform module into blocks with positions.

python-hcl2 (a maintained HCL2 parser on Lark) parses each file. Its serialised form
keeps a literal string quoted (``'"10.0.0.0/16"'``) and an expression wrapped
(``"${aws_vpc.main.id}"``), which is what lets `archgen.iac.terraform_eval` tell the two
apart. The position of each top-level block comes from the parse tree: python-hcl2 8's
``with_meta`` option writes no positions, so the block's own Lark metadata is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.iac.template import source_text
from archgen.load.problems import ModelError, Problem
from archgen.load.project import ProjectRoot
from archgen.load.yaml_reader import read_bytes

#: .tf files read in one module folder (a folder of generated files is not a module)
MAX_FILES = 200


@dataclass(frozen=True)
class Block:
    """A top-level block: ``resource "aws_vpc" "main" { ... }`` is kind ``resource`` with
    labels ``("aws_vpc", "main")``."""

    kind: str
    labels: tuple[str, ...]
    body: dict[str, Any]
    file: str
    line: int
    column: int


def read_module(folder: Path, display: str, root: ProjectRoot) -> list[Block]:
    """The blocks of every ``.tf`` file in `folder` (not its subfolders), in file-name
    order; a file that does not parse raises `ModelError` located at its error, and so
    does a file linked from outside the project `root` (it is not read)."""
    files = sorted(p for p in folder.glob("*.tf") if p.is_file())
    if len(files) > MAX_FILES:
        raise ModelError([Problem(display, 1, 1, f"more than {MAX_FILES} .tf files")])
    blocks: list[Block] = []
    for path in files:
        name = str(Path(display) / path.name)
        if not root.contains(os.path.realpath(path)):
            raise ModelError(
                [Problem(name, 1, 1, f"not read: it links to a file {root.outside()}")]
            )
        blocks += parse_file(read_bytes(path, name), name)
    return blocks


def parse_file(raw: bytes, name: str) -> list[Block]:
    """The top-level blocks of one file's text (see the module docstring)."""
    # here: python-hcl2 and Lark are imported only when Terraform is imported
    from hcl2.api import parses
    from hcl2.rules.base import BlockRule
    from hcl2.utils import SerializationOptions
    from lark.exceptions import UnexpectedInput

    text = source_text(raw, name)
    options = SerializationOptions(
        with_comments=False, preserve_heredocs=False, explicit_blocks=False
    )
    try:
        tree = parses(text, discard_comments=True)
        children = [
            (child, [str(label.serialize(options)).strip('"') for label in child.labels])
            for child in tree.body.children
            if isinstance(child, BlockRule)
        ]
        bodies = [child.body.serialize(options) for child, _ in children]
    except UnexpectedInput as error:
        line, column = max(error.line, 1), max(error.column, 1)
        raise ModelError([Problem(name, line, column, "HCL syntax error")]) from None
    except RecursionError:  # the parser and its serialiser recurse on nesting
        raise ModelError([Problem(name, 1, 1, "nesting too deep")]) from None
    blocks: list[Block] = []
    for (child, words), body in zip(children, bodies, strict=True):
        if not words:
            continue
        meta = child._meta  # the parser propagates positions; no public accessor
        line = getattr(meta, "line", 1) if meta is not None else 1
        column = getattr(meta, "column", 1) if meta is not None else 1
        blocks.append(
            Block(
                words[0],
                tuple(words[1:]),
                body if isinstance(body, dict) else {},
                name,
                line,
                column,
            )
        )
    return blocks
