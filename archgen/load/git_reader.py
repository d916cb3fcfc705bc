"""Read models at a git revision: ``REV:PATH`` wherever a model path is accepted.

``archgen diff main:models/stage7.yaml models/stage7.yaml`` compares the file on the
``main`` branch with the one on disk. PATH is read like a path on disk: relative to the
current directory (git's ``REV:./PATH``), and the `extends` chain of a model read at a
revision is read at the same revision (the same commit, even if a branch moves while
archgen runs). Problems are located as ``REV:PATH:line:col``.

An argument is ``REV:PATH`` only when it is not a file on disk (a path that exists wins),
not a Windows drive path (``C:\\models\\x.yaml``) and not a URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from archgen.errors import ToolError
from archgen.load.problems import ModelError, Problem
from archgen.load.yaml_reader import MAX_BYTES, Document, parse_document, read_document
from archgen.model.schema import Model

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:([\\/]|$)")
_GIT_TIMEOUT = 60


@dataclass(frozen=True)
class RevPath:
    """A file at a git revision; `path` is relative to the current directory."""

    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_rev_path(text: str, exists: Callable[[str], bool] = os.path.exists) -> RevPath | None:
    """`text` as ``REV:PATH``, or None when it is a plain path (on disk, Windows, URL).

    The revision ends at the first ``:`` outside ``@{...}`` (``main@{12:00}:x.yaml``).
    """
    if exists(text) or _WINDOWS_DRIVE.match(text) or "://" in text or text.startswith("\\\\"):
        return None
    depth = 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == ":" and depth == 0:
            rev, path = text[:index], text[index + 1 :]
            if not rev or not path or rev.startswith("-") or "\n" in text:
                return None
            if rev.endswith((".yaml", ".yml")) and exists(rev):
                return None  # a `file:line:col` location pasted as a path
            return RevPath(rev, os.path.normpath(path))
    return None


def has_rev_paths(texts: Iterable[str]) -> bool:
    """Whether any argument names a file at a git revision."""
    return any(parse_rev_path(text) is not None for text in texts)


class GitReader:
    """A `Reader` for `archgen.load.loader.load_model` that understands ``REV:PATH``.

    Plain paths are read from disk as usual, so one reader serves a command line that
    mixes both (``archgen diff HEAD:m.yaml m.yaml``).
    """

    def __init__(self, cwd: str | Path | None = None, git: str = "git") -> None:
        self.cwd = Path(cwd) if cwd is not None else Path.cwd()
        self.git = git
        self._commits: dict[str, str] = {}
        # The loader finds a parent at ``normpath(join(dirname(child), extends))``. For
        # ``HEAD:stage7.yaml`` that string loses the revision (``stage6.yaml``), so the
        # reader remembers which string the loader will ask for next and what it means.
        self._next_parent: dict[str, RevPath] = {}

    def __call__(self, path: str) -> Document:
        target = self._next_parent.pop(path, None)
        self._next_parent.clear()
        if target is None:
            target = parse_rev_path(path, lambda p: (self.cwd / p).exists())
        if target is None:
            return _read_disk(self.cwd, path)
        document = self.read(target)
        self._expect_parent(path, target, document)
        return document

    def read(self, target: RevPath) -> Document:
        """The document at `target`, or `ModelError` (bad revision, no such file)."""
        name = str(target)
        commit = self._commit(target.rev, name)
        spec = f"{commit}:{_git_relative(target.path)}"
        header, content = self._cat_file(spec, name)
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            raise ModelError([Problem(name, 1, 1, "no such file")])
        _oid, kind, size = header.rsplit(" ", 2)
        if kind == "tree":
            raise ModelError([Problem(name, 1, 1, "is a directory, not a model file")])
        if kind != "blob":
            raise ModelError([Problem(name, 1, 1, f"is a git {kind}, not a model file")])
        if int(size) > MAX_BYTES:
            message = f"file is {int(size):,} bytes; the limit is {MAX_BYTES:,}"
            raise ModelError([Problem(name, 1, 1, message)])
        return parse_document(content, name)

    def _expect_parent(self, path: str, target: RevPath, document: Document) -> None:
        extends = document.data.get("extends")
        if not isinstance(extends, str) or not extends:
            return
        asked = os.path.normpath(os.path.join(os.path.dirname(path), extends))
        meant = RevPath(
            target.rev, os.path.normpath(os.path.join(os.path.dirname(target.path), extends))
        )
        if parse_rev_path(asked, lambda p: (self.cwd / p).exists()) == meant:
            return
        try:
            # a child the loader rejects is never followed by a read of its parent
            Model.model_validate(document.data)
        except ValidationError:
            return
        self._next_parent[asked] = meant

    def _commit(self, rev: str, name: str) -> str:
        if rev not in self._commits:
            result = self._run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"])
            if result.returncode != 0:
                if "not a git repository" in result.stderr:
                    message = f"cannot read {name}: not inside a git repository"
                else:
                    message = f"unknown git revision {rev!r}"
                raise ModelError([Problem(name, 1, 1, message)])
            self._commits[rev] = result.stdout.decode().strip()
        return self._commits[rev]

    def _cat_file(self, spec: str, name: str) -> tuple[str, bytes]:
        result = self._run(["cat-file", "--batch"], (spec + "\n").encode())
        if result.returncode != 0:
            # e.g. "fatal: '../x.yaml' is outside repository at '/repo'"
            reason = result.stderr.strip().removeprefix("fatal: ").splitlines()[0:1]
            message = f"cannot read at this revision: {reason[0] if reason else 'git failed'}"
            raise ModelError([Problem(name, 1, 1, message)])
        header, _, rest = result.stdout.partition(b"\n")
        text = header.decode("utf-8", "replace")
        if text.endswith(" missing") or text.endswith(" ambiguous"):
            return text, b""
        size = int(text.rsplit(" ", 1)[1])
        return text, rest[:size]

    def _run(self, args: list[str], stdin: bytes = b"") -> _GitResult:
        # imported here: `archgen validate` asks `has_rev_paths` for every run, and most
        # runs read no revision at all
        import shutil
        import subprocess

        executable = shutil.which(self.git)
        if executable is None:
            raise ToolError(
                f"{self.git!r} not found: REV:PATH arguments read files with git; install "
                "git (Debian/Ubuntu: sudo apt-get install git) or pass a plain path"
            )
        try:
            done = subprocess.run(
                [executable, *args],
                input=stdin,
                capture_output=True,
                cwd=self.cwd,
                timeout=_GIT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ToolError(f"git failed: {error}") from None
        return _GitResult(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


@dataclass(frozen=True)
class _GitResult:
    returncode: int
    stdout: bytes
    stderr: str


def _git_relative(path: str) -> str:
    """Git reads ``REV:./x`` and ``REV:../x`` relative to the current directory."""
    if path.startswith(("./", "../")) or path in (".", ".."):
        return path
    return "./" + path


def _read_disk(cwd: Path, path: str) -> Document:
    relative = os.path.relpath(cwd / path, Path.cwd())
    display = path if relative.startswith("..") else relative
    return read_document(cwd / path, display)
