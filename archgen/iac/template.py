"""Read a CloudFormation template (YAML or JSON) into plain data with positions.

YAML goes through a subclass of PyYAML's safe loader that knows CloudFormation's short
tags (``!Ref X`` becomes ``{"Ref": "X"}``, ``!GetAtt A.B`` becomes
``{"Fn::GetAtt": ["A", "B"]}``, and so on). The directives of AWS's `rain` tool
(``!Rain::Embed file``, ``!Rain::Module``, …), which ``rain pkg`` expands before
deployment, stay opaque values (``{"Rain::Embed": "file"}``): nothing they name is read.
Any other tag is refused, nothing is ever constructed from a tag. JSON goes through the
standard library's decoder, with its pure Python scanner told to note where each object
starts. The limits are the model
reader's (`archgen.load.yaml_reader`): bytes, values (aliases counted as what they
expand to) and nesting depth. Duplicate keys are allowed, as CloudFormation allows
them: the last one wins.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from archgen.load.problems import ModelError, Problem
from archgen.load.yaml_reader import (
    MAX_ALIAS_NODES,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    read_bytes,
    too_big,
)

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

#: the short tags of CloudFormation's YAML and the function each one stands for
SHORT_TAGS: dict[str, str] = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in [
            "GetAtt",
            "Sub",
            "If",
            "Join",
            "Select",
            "Equals",
            "Not",
            "And",
            "Or",
            "FindInMap",
            "ImportValue",
            "Base64",
            "Split",
            "GetAZs",
            "Cidr",
            "Transform",
            "Length",
            "ToJsonString",
            # the functions of a template's `Rules` (checks of parameter values)
            "Contains",
            "EachMemberEquals",
            "EachMemberIn",
            "RefAll",
            "ValueOf",
            "ValueOfAll",
        ]
    },
}


@dataclass
class Template:
    """A template as plain data, with the line and column of its mappings by path."""

    path: str
    data: dict[str, Any]
    marks: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_) -> Mark:
        """Where the value at `path` is written, else its nearest parent that is known."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    @property
    def resources(self) -> dict[str, Any]:
        """The ``Resources`` section (empty when there is none)."""
        resources = self.data.get("Resources")
        return resources if isinstance(resources, dict) else {}


def read_template(path: Path, display: str | None = None) -> Template:
    """Read and parse a template file, or raise `ModelError` with a located problem."""
    name = display or str(path)
    return parse_template(read_bytes(path, name), name)


def source_text(raw: bytes, name: str) -> str:
    """The text of an infrastructure file (a template, a .tf file) read as `raw`: at most
    `MAX_BYTES`, UTF-8 (a byte-order mark dropped); else a located `ModelError`."""
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(name, 1, 1, too_big(len(raw)))])
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ModelError([Problem(name, line, 1, "not UTF-8 text")]) from None


def parse_template(raw: bytes, name: str) -> Template:
    """Parse template bytes (see the module docstring)."""
    text = source_text(raw, name)
    is_json = text.lstrip().startswith("{")
    template = _parse_json(text, name) if is_json else _parse_yaml(text, name)
    if not isinstance(template.data.get("Resources"), dict):
        raise ModelError([Problem(name, 1, 1, "not a CloudFormation template: no Resources")])
    return template


# --- YAML ---------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """The safe loader plus CloudFormation's short tags; dates stay text."""


def _short_tag(function: str) -> Any:
    def construct(loader: _Loader, node: Node) -> dict[str, Any]:
        value: Any
        if isinstance(node, ScalarNode):
            value = loader.construct_scalar(node)
            if function == "Fn::GetAtt":
                value = str(value).split(".", 1)
        elif isinstance(node, SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            assert isinstance(node, MappingNode)
            value = loader.construct_mapping(node, deep=True)
        return {function: value}

    return construct


for _tag, _function in SHORT_TAGS.items():
    _Loader.add_constructor(_tag, _short_tag(_function))
#: a `rain` directive: ``!Rain::Embed`` -> ``{"Rain::Embed": …}``, never expanded
RAIN_PREFIX = "!Rain::"
_Loader.add_multi_constructor(
    RAIN_PREFIX,
    lambda loader, suffix, node: _short_tag(f"Rain::{suffix}")(loader, node),
)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _parse_yaml(text: str, name: str) -> Template:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ModelError([Problem(name, 1, 1, "file is empty: not a template")])
        marks = _yaml_marks(node, name)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        if "could not determine a constructor" in what:
            tag = what.split("tag ", 1)[-1].strip("'")
            message = f"tag {tag} is not a CloudFormation function"
        else:
            message = f"YAML syntax error: {what}"
        raise ModelError([Problem(name, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise ModelError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
    except RecursionError:
        raise ModelError([Problem(name, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ModelError([Problem(name, 1, 1, "a template is a mapping of keys at the top level")])
    return Template(name, data, marks)


def _yaml_marks(root: Node, name: str) -> dict[Path_, Mark]:
    """Positions by path (of the key, for a mapping's value: the line that names it),
    walked without recursion and counted."""
    marks: dict[Path_, Mark] = {}
    stack: list[tuple[Node, Path_, Node]] = [(root, (), root)]
    count = 0
    while stack:
        node, path, named = stack.pop()
        count += 1
        if count > MAX_NODES + MAX_ALIAS_NODES or len(path) > MAX_DEPTH:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            limit = (
                f"nesting deeper than {MAX_DEPTH} levels"
                if len(path) > MAX_DEPTH
                else f"the file holds more than {MAX_NODES:,} values, the limit for one file"
            )
            raise ModelError([Problem(name, line, column, limit)])
        marks[path] = (named.start_mark.line + 1, named.start_mark.column + 1)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    stack.append((value, (*path, str(key.value)), key))
        elif isinstance(node, SequenceNode):
            stack.extend((value, (*path, i), value) for i, value in enumerate(node.value))
    return marks


# --- JSON ---------------------------------------------------------------------------------


class _PositionedDecoder(json.JSONDecoder):
    """A decoder that notes the offset of every object it makes (by the object's id)."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            made, end = json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
            self.starts[id(made)] = s_and_end[1] - 1
            return made, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


def _parse_json(text: str, name: str) -> Template:
    decoder = _PositionedDecoder()
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as error:
        raise ModelError([Problem(name, error.lineno, error.colno, error.msg)]) from None
    except RecursionError:
        raise ModelError([Problem(name, 1, 1, f"nesting deeper than {MAX_DEPTH} levels")]) from None
    if not isinstance(data, dict):
        raise ModelError([Problem(name, 1, 1, "a template is a mapping of keys at the top level")])
    lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    marks: dict[Path_, Mark] = {}
    stack: list[tuple[Any, Path_]] = [(data, ())]
    count = 0
    while stack:
        value, path = stack.pop()
        count += 1
        if count > MAX_NODES or len(path) > MAX_DEPTH:
            raise ModelError([Problem(name, 1, 1, "the template is too large or too deep")])
        if isinstance(value, dict):
            offset = decoder.starts.get(id(value))
            if offset is not None:
                line = bisect.bisect_right(lines, offset)
                marks[path] = (line, offset - lines[line - 1] + 1)
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return Template(name, data, marks)
