"""Read models at a git revision: ``REV:PATH`` wherever a model path is accepted.

``archgen diff main:models/stage7.yaml models/stage7.yaml`` compares the file on the
``main`` branch with the one on disk. PATH is read like a path on disk: relative to the
current directory (git's ``REV:./PATH``), and the `extends` chain of a model read at a
revision is read at the same revision (the same commit, even if a branch moves while
archgen runs). Problems are located as ``REV:PATH:line:col``. Reads stay inside the
repository: git refuses a path that leaves it, and reads a committed symbolic link as
its text, never as the file it points at.

An argument is ``REV:PATH`` when the text before the first ``:`` names a commit, even if
a file of that name exists too: a pull request that commits a folder named
``<base-sha>:models`` must not make ``archgen diff "$BASE:models/x.yaml" models/x.yaml``
compare its own copy with itself. Otherwise a file on disk is read as a file. A Windows
drive path (``C:\\models\\x.yaml``) and a URL are never revisions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from archgen.errors import ToolError
from archgen.load.problems import ModelError, Problem
from archgen.load.reader import DiskReader
from archgen.load.yaml_reader import MAX_BYTES, too_big

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:([\\/]|$)")
_GIT_TIMEOUT = 60


@dataclass(frozen=True)
class RevPath:
    """A file at a git revision; `path` is relative to the current directory."""

    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_rev_path(
    text: str,
    exists: Callable[[str], bool] = os.path.exists,
    is_revision: Callable[[str], bool] | None = None,
) -> RevPath | None:
    """`text` as ``REV:PATH``, or None when it is a plain path (Windows, URL, or a file on
    disk whose text before the colon is not a revision by `is_revision`).

    The revision ends at the first ``:`` outside ``@{...}`` (``main@{12:00}:x.yaml``).
    """
    if _WINDOWS_DRIVE.match(text) or "://" in text or text.startswith("\\\\"):
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
            if exists(text) and (is_revision is None or not is_revision(rev)):
                return None
            if rev.endswith((".yaml", ".yml")) and exists(rev):
                return None  # a `file:line:col` location pasted as a path
            return RevPath(rev, os.path.normpath(path))
    return None


def has_rev_paths(texts: Iterable[str]) -> bool:
    """Whether any argument may name a file at a git revision (`GitReader` decides)."""
    return any(parse_rev_path(text, _never) is not None for text in texts)


def _never(_: str) -> bool:
    return False


class GitReader(DiskReader):
    """A `Reader` (`archgen.load.reader`) that understands ``REV:PATH``.

    Plain paths are read from disk as usual, so one reader serves a command line that
    mixes both (``archgen diff HEAD:m.yaml m.yaml``).
    """

    def __init__(self, cwd: str | Path | None = None, git: str = "git") -> None:
        self.workdir = Path(cwd) if cwd is not None else Path.cwd()
        super().__init__(self.workdir)
        self.git = git
        self._commits: dict[str, str] = {}
        #: what each path string this reader was asked about means (parents included)
        self._targets: dict[str, RevPath | None] = {}

    def target(self, path: str) -> RevPath | None:
        """The file at a revision that `path` names, or None for a file on disk."""
        if path not in self._targets:
            exists = self._exists
            self._targets[path] = parse_rev_path(path, exists, self._is_revision)
        return self._targets[path]

    def read(self, path: str) -> bytes:
        """The bytes of the file, at its revision or on disk."""
        target = self.target(path)
        return super().read(path) if target is None else self.read_at(target)

    def display(self, path: str) -> str:
        """``REV:PATH`` as given, or the path on disk as `DiskReader` shows it."""
        target = self.target(path)
        return super().display(path) if target is None else str(target)

    def parent(self, child: str, extends: str) -> str:
        """The parent of a model at a revision is at the same revision; the parent of a
        file on disk is on disk."""
        target = self.target(child)
        if target is None:  # on disk, `extends: main:x.yaml` is a file name, not a revision
            path = super().parent(child, extends)
            self._targets[path] = None
            return path
        folder = os.path.dirname(target.path)
        meant = RevPath(target.rev, os.path.normpath(os.path.join(folder, extends)))
        self._targets[str(meant)] = meant
        return str(meant)

    def identity(self, path: str) -> str:
        """The revision and the absolute path for a file at a revision."""
        target = self.target(path)
        if target is None:
            return super().identity(path)
        return f"git:{target.rev}:{os.path.normpath(self.workdir / target.path)}"

    def real_path(self, path: str) -> str | None:
        """None for a file at a revision: git keeps it inside the repository."""
        return super().real_path(path) if self.target(path) is None else None

    def folder(self, path: str) -> str:
        """The folder on disk of the path at a revision."""
        target = self.target(path)
        if target is None:
            return super().folder(path)
        return os.path.realpath(os.path.dirname(self.workdir / target.path))

    def read_at(self, target: RevPath) -> bytes:
        """The bytes of the file at `target`, or `ModelError` (bad revision, no such
        file, a path that leaves the repository)."""
        name = str(target)
        if "\n" in target.path:  # git reads one path per line
            raise ModelError([Problem(name, 1, 1, "no such file")])
        commit = self._commit(target.rev, name)
        spec = f"{commit}:{self._git_relative(target.path)}"
        header, content = self._cat_file(spec, name)
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            raise ModelError([Problem(name, 1, 1, "no such file")])
        _oid, kind, size = header.rsplit(" ", 2)
        if kind == "tree":
            raise ModelError([Problem(name, 1, 1, "is a directory, not a model file")])
        if kind != "blob":
            raise ModelError([Problem(name, 1, 1, f"is a git {kind}, not a model file")])
        if int(size) > MAX_BYTES:
            raise ModelError([Problem(name, 1, 1, too_big(int(size)))])
        return content

    def _exists(self, path: str) -> bool:
        return os.path.exists(self.workdir / path)  # False for any OSError (a long name)

    def _is_revision(self, rev: str) -> bool:
        try:
            self._commit(rev, rev)
        except (ModelError, ToolError):
            return False
        return True

    def _git_relative(self, path: str) -> str:
        """Git reads ``REV:./x`` and ``REV:../x`` relative to the current directory; an
        absolute path is made relative to it too, so git refuses one outside."""
        if os.path.isabs(path):
            path = os.path.relpath(path, self.workdir)
        if path.startswith(("./", "../")) or path in (".", ".."):
            return path
        return "./" + path

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
                cwd=self.workdir,
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
