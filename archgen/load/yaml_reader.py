"""Read YAML safely into plain data plus the line and column of every key and value.

The tree is built from PyYAML's event stream (libyaml when available) without
recursion, so that hostile files fail fast with a message instead of a crash:

- only the core YAML types (mappings, sequences, strings, numbers, booleans, null);
  a language-specific tag such as ``!!python/object`` is refused, never constructed;
- values are counted as they are read, in two tallies: those written in the file
  (at most `MAX_NODES`, which scales with `MAX_BYTES`) and those aliases add (each
  alias adds the size of what it points at, at most `MAX_ALIAS_NODES`; aliases are not
  copied, so a "billion laughs" stops at once), and each refusal says which it was;
- a character that XML 1.0 forbids (C0 controls other than tab and line breaks,
  U+FFFE, U+FFFF, lone surrogates) is refused where it is written, even as an escape
  in a quoted string: it would pass every check, then break the diagrams;
- nesting deeper than `MAX_DEPTH`, files over `MAX_BYTES`, duplicate keys, non-UTF-8
  and binary content are reported with their position.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from archgen.common import gc_paused
from archgen.load.problems import MAX_REPORTED, ModelError, Problem, RunLimitError, more_not_shown

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
#: values written in one file: one per 4 bytes, twice as dense as a real model (a model
#: of 7,600 components is 1.9 MB and 242,000 values), so any real file within
#: `MAX_BYTES` fits, while a file of `[a,a,a,...]` stops here
MAX_NODES = MAX_BYTES // 4
#: values that aliases add to one file (each alias counts what it points at)
MAX_ALIAS_NODES = MAX_NODES

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]
#: a `Mark` packed into one int (``line << 32 | column``): a third of the memory of a
#: tuple, for a position kept for every value of every file of a run
_Packed = int

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: characters XML 1.0 forbids (and YAML 1.1 too, unless escaped): SVG and Graphviz
#: cannot hold them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_resolver = Resolver()
_constructor = SafeConstructor()


@dataclass
class Document:
    """A YAML file as plain data, with positions keyed by path (``("components", 0, "id")``)."""

    path: str
    data: dict[str, Any]
    values: dict[Path_, _Packed] = field(default_factory=dict)
    keys: dict[Path_, _Packed] = field(default_factory=dict)
    #: how many values the file holds, aliases expanded (what checking it walks)
    size: int = 0

    def mark(self, path: Path_, *, key: bool = False) -> Mark:
        """Position of the value (or key) at `path`, else of its nearest existing parent."""
        table = self.keys if key else self.values
        if path in table:
            return _unpack(table[path])
        if key and path in self.values:
            return _unpack(self.values[path])
        while path:
            path = path[:-1]
            if path in self.values:
                return _unpack(self.values[path])
        return (1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        """A problem located at `path`."""
        line, column = self.mark(path, key=key)
        return Problem(self.path, line, column, message)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    size: int = 1
    anchor: str | None = None
    pending_key: str | None = None
    #: the path of `pending_key`, shared by the key's position and its value's
    pending_path: Path_ = ()


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _pack(event: Any) -> _Packed:
    line: int = event.start_mark.line + 1
    column: int = event.start_mark.column + 1
    return line << 32 | column


def _unpack(packed: _Packed) -> Mark:
    return packed >> 32, packed & 0xFFFFFFFF


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise ModelError([Problem(name, line, column, "binary file: a model is YAML text")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ModelError(
            [Problem(name, line, column, f"not UTF-8 text (byte 0x{raw[error.start]:02x})")]
        ) from None
    return text.removeprefix("\ufeff")


#: libyaml's words for what it was reading, and for two common mistakes, in plain words
_PLAIN_WORDS = {
    "a block collection": "a list",
    "a block mapping": "a mapping",
    "a flow sequence": "a [...] list",
    "a flow mapping": "a {...} mapping",
    "a quoted scalar": "a quoted string",
    "did not find expected '-' indicator": "expected a '-' list item here; check the indentation",
    "did not find expected key": "expected a key here; check the indentation",
    "did not find expected ',' or ']'": "expected ',' or ']'",
    "did not find expected ',' or '}'": "expected ',' or '}'",
}


def _char_at(text: str, mark: Any) -> str:
    index = getattr(mark, "index", -1)
    return text[index] if 0 <= index < len(text) else ""


def _offset_mark(text: str, position: int) -> Mark:
    """Line and column of a reader error; libyaml counts UTF-8 bytes, PyYAML characters."""
    if _Parser is not yaml.BaseLoader:
        before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
    else:
        before = text[:position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML model file, or raise `ModelError` with located problems."""
    name = display or str(path)
    return parse_document(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """The bytes of a model file, or `ModelError` at `name`:1:1 saying why it cannot be
    read (no such file, a folder, a FIFO or device, too big, any `OSError`). The messages
    quote nothing from the file."""
    try:
        info = path.stat()
        # a FIFO or a device (/dev/zero) would block or never end: read regular files only
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise ModelError([Problem(name, 1, 1, "not a regular file: a model is a file")])
        if info.st_size > MAX_BYTES:
            raise ModelError([Problem(name, 1, 1, too_big(info.st_size))])
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # a file that grew since `stat` stops here
    except IsADirectoryError:
        raise ModelError([Problem(name, 1, 1, "is a directory, not a model file")]) from None
    except FileNotFoundError:
        raise ModelError([Problem(name, 1, 1, "no such file")]) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ModelError([Problem(name, 1, 1, f"cannot read: {reason}")]) from None
    except ValueError:  # a NUL character in the path (from `extends`)
        shown = name.replace("\x00", "\\x00")
        raise ModelError([Problem(shown, 1, 1, "cannot read: the path contains NUL")]) from None
    return raw


def too_big(size: int) -> str:
    """The message for a file of `size` bytes, over `MAX_BYTES`."""
    return f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"


def parse_document(raw: bytes, name: str, room: int | None = None) -> Document:
    """Parse YAML bytes (see `read_document`).

    `room` is how many values the run may still load (`archgen.load.budget`): past it
    the file is refused with `RunLimitError`, which stops the run.
    """
    if len(raw) > MAX_BYTES:
        raise ModelError([Problem(name, 1, 1, too_big(len(raw)))])
    text = _decode(raw, name)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ModelError(
            [Problem(name, 1, 1, "file is empty: a model needs at least `archgen: 1` and `name`")]
        )
    builder = _Builder(name, room)
    try:
        with gc_paused():
            builder.run(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "invalid YAML"
        if mark is not None and "cannot start any token" in what and _char_at(text, mark) == "\t":
            what = "a tab character; YAML indents with spaces only"
        elif error.problem and error.context and error.context_mark is not None:
            # "while parsing a flow sequence" -> where the unfinished thing began
            opened = error.context.removeprefix("while parsing ").removeprefix("while scanning ")
            opened = _PLAIN_WORDS.get(opened, opened)
            what = _PLAIN_WORDS.get(what, what)
            start = error.context_mark
            what += f" ({opened} started at line {start.line + 1}, column {start.column + 1})"
        raise ModelError([Problem(name, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as error:
        # a control character (BEL, a NUL past the binary sniff): point at it, plainly
        line, column = _offset_mark(text, error.position)
        what = f"character U+{error.character:04X} is not allowed ({error.reason})"
        raise ModelError([Problem(name, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as error:
        raise ModelError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
    if builder.problems:
        raise ModelError(builder.reported())
    return builder.document()


class _Builder:
    """Turns the event stream into data; collects problems instead of stopping at the first."""

    def __init__(self, name: str, room: int | None = None) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.duplicates = 0  # duplicate keys found (only the first `MAX_REPORTED` shown)
        self.first_hidden: Mark = (1, 1)
        self.values: dict[Path_, _Packed] = {}
        self.keys: dict[Path_, _Packed] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.root: Any = None
        self.root_mark: Mark = (1, 1)
        self.written = 0  # values written in the file
        self.aliased = 0  # values aliases add
        self.room = MAX_NODES + MAX_ALIAS_NODES if room is None else room
        # the fast path compares one number: the written values at which a limit is hit
        self.stop = min(MAX_NODES, self.room)

    def document(self) -> Document:
        if not isinstance(self.root, dict):
            line, column = self.root_mark
            raise ModelError(
                [Problem(self.name, line, column, "a model is a mapping of keys at the top level")]
            )
        return Document(self.name, self.root, self.values, self.keys, self.written + self.aliased)

    def reported(self) -> list[Problem]:
        """The problems found, with one line for the duplicate keys not shown."""
        hidden = self.duplicates - MAX_REPORTED
        if hidden <= 0:
            return self.problems
        line, column = self.first_hidden
        summary = more_not_shown(hidden, "duplicate key")
        return [*self.problems, Problem(self.name, line, column, summary)]

    def _fail(self, event: Any, message: str) -> None:
        line, column = _mark(event)
        raise ModelError([*self.reported(), Problem(self.name, line, column, message)])

    def run(self, text: str) -> None:
        stack: list[_Frame] = []
        documents = 0
        parser = _Parser(text)
        plain: dict[tuple[str, Any], Any] = {}  # resolved plain values, by (text, implicit)
        try:
            while parser.check_event():
                event = parser.get_event()
                # Fast path for most events of a large model: an untagged, unanchored
                # scalar inside a container. Same result as `_scalar` + `_add`, inlined.
                if (
                    type(event) is yaml.ScalarEvent
                    and stack
                    and event.tag is None
                    and event.anchor is None
                ):
                    self.written += 1
                    if self.written > self.stop:
                        self._count(event, 0)  # refuses the document
                    if event.style == '"' and _NOT_XML.search(event.value):
                        self._not_xml(event)
                    self._add_plain(stack[-1], event, plain)
                    continue
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._fail(event, "more than one YAML document: a model is one document")
                elif isinstance(event, yaml.AliasEvent):
                    anchor = str(event.anchor)
                    if anchor not in self.anchors:
                        self._fail(event, f"unknown alias *{anchor}")
                    value, size = self.anchors[anchor]
                    self._count(event, 1, size)
                    self._add(stack, event, value, size)
                elif isinstance(event, yaml.ScalarEvent):
                    self._count(event, 1)
                    self._add(stack, event, self._scalar(stack, event), 1)
                elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    self._check_tag(event, event.tag, ("map", "seq"))
                    if len(stack) >= MAX_DEPTH:
                        self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
                    self._count(event, 1)
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    container: dict[str, Any] | list[Any] = {} if is_map else []
                    path = self._child_path(stack, event)
                    self.values[path] = _pack(event)
                    stack.append(_Frame(container, path, anchor=event.anchor))
                elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    frame = stack.pop()
                    if frame.anchor is not None:
                        self.anchors[frame.anchor] = (frame.container, frame.size)
                    self._attach(stack, event, frame.container, frame.size, frame.path)
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()

    def _add_plain(self, top: _Frame, event: Any, plain: dict[tuple[str, Any], Any]) -> None:
        """`_add` for an untagged, unanchored scalar in a container (the common case)."""
        container = top.container
        mark = (event.start_mark.line + 1) << 32 | (event.start_mark.column + 1)  # `_pack`
        if type(container) is list:
            identity = (event.value, event.implicit)
            if identity not in plain:
                plain[identity] = self._scalar([top], event)
            path = (*top.path, len(container))
            self.values[path] = mark
            top.size += 1
            container.append(plain[identity])
            return
        assert isinstance(container, dict)
        key = top.pending_key
        if key is None:
            name = intern(event.value)  # one string for every `id:` of every component
            path = (*top.path, name)
            if name == "<<" or name in container or path in self.keys:
                self._key(top, event, name)  # refuses or reports it
                return
            self.keys[path] = mark
            top.pending_key = name
            top.pending_path = path
            return
        identity = (event.value, event.implicit)
        if identity not in plain:
            plain[identity] = self._scalar([top], event)
        path = top.pending_path
        self.values[path] = mark
        top.size += 1
        top.pending_key = None
        if not key.startswith("\x00dup"):
            container[key] = plain[identity]

    def _count(self, event: Any, written: int, aliased: int = 0) -> None:
        self.written += written
        self.aliased += aliased
        if self.written > MAX_NODES:
            message = f"the file holds more than {MAX_NODES:,} values, the limit for one file"
            self._fail(event, message)
        if self.aliased > MAX_ALIAS_NODES:
            self._fail(
                event,
                f"aliases expand the file by more than {MAX_ALIAS_NODES:,} values, "
                "the limit for one file (an alias bomb?)",
            )
        if self.written + self.aliased > self.room:
            line, column = _mark(event)
            message = f"the run had room for {self.room:,} more values; this file holds more"
            raise RunLimitError([Problem(self.name, line, column, message)])
        self.stop = min(MAX_NODES, self.room - self.aliased)

    def _not_xml(self, event: Any) -> None:
        character = _NOT_XML.search(event.value)
        assert character is not None
        self._fail(
            event,
            f"character U+{ord(character.group()):04X} is not allowed in a YAML file, not "
            "even as an escape: diagrams (XML) cannot hold it",
        )

    def _check_tag(self, event: Any, tag: str | None, short: tuple[str, ...]) -> None:
        if tag is None or tag == "!" or tag in {f"tag:yaml.org,2002:{s}" for s in short}:
            return
        if tag in _CORE_TAGS and isinstance(event, yaml.ScalarEvent):
            return
        self._fail(event, f"tag {_short(tag)} is not allowed: models use plain YAML values only")

    def _child_path(self, stack: list[_Frame], event: Any) -> Path_:
        if not stack:
            self.root_mark = _mark(event)
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.pending_key is None:
            self._fail(event, "a mapping key must be plain text, not a list or mapping")
        return top.pending_path

    def _scalar(self, stack: list[_Frame], event: Any) -> Any:
        top = stack[-1] if stack else None
        is_key = top is not None and isinstance(top.container, dict) and top.pending_key is None
        if event.tag not in (None, "!"):
            self._check_tag(event, event.tag, ("str",))
        if event.style == '"' and _NOT_XML.search(event.value):
            self._not_xml(event)
        if is_key:
            return event.value
        if event.tag is not None and event.tag != "!":
            tag = event.tag
        else:
            tag = _resolver.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag == _TIMESTAMP or tag == "tag:yaml.org,2002:str":
            return event.value
        if tag not in _CORE_TAGS:
            self._fail(
                event, f"tag {_short(tag)} is not allowed: models use plain YAML values only"
            )
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _constructor.yaml_constructors[tag](_constructor, node)
        except (ValueError, yaml.YAMLError):
            self._fail(event, f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}")
        return None

    def _add(self, stack: list[_Frame], event: Any, value: Any, size: int) -> None:
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.ScalarEvent) and anchor is not None:
            self.anchors[anchor] = (value, 1)
        if not stack:
            self.root = value
            self.root_mark = _mark(event)
            return
        top = stack[-1]
        if isinstance(top.container, dict) and top.pending_key is None:
            self._key(top, event, value)
            return
        path = self._child_path(stack, event)
        self.values[path] = _pack(event)
        self._attach(stack, event, value, size, path)

    def _key(self, top: _Frame, event: Any, value: Any) -> None:
        if not isinstance(value, str) or isinstance(event, yaml.AliasEvent):
            self._fail(event, "a mapping key must be plain text")
        if value == "<<":
            self._fail(event, "merge keys (<<) are not supported: write the keys out")
        assert isinstance(top.container, dict)
        path = (*top.path, value)
        if value in top.container or path in self.keys:
            self.duplicates += 1
            line, column = _mark(event)
            if self.duplicates <= MAX_REPORTED:
                first = _unpack(self.keys[path])[0] if path in self.keys else 0
                message = f"duplicate key {value!r} (first at line {first})"
                self.problems.append(Problem(self.name, line, column, message))
            elif self.duplicates == MAX_REPORTED + 1:
                self.first_hidden = (line, column)
            top.pending_key = f"\x00dup{self.duplicates}"
            top.pending_path = (*top.path, top.pending_key)
            return
        self.keys[path] = _pack(event)
        top.pending_key = value
        top.pending_path = path

    def _attach(self, stack: list[_Frame], event: Any, value: Any, size: int, path: Path_) -> None:
        if not stack:
            self.root = value
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            key = top.pending_key
            top.pending_key = None
            if key is not None and not key.startswith("\x00dup"):
                top.container[key] = value
