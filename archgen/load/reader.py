"""Where model files come from: the disk (`DiskReader`) or a git revision
(`archgen.load.git_reader.GitReader`), behind one small interface, `Reader`.

A reader only fetches bytes and says what a path means (the file it names, where its
parent is); parsing, caching and the project root are the loader's
(`archgen.load.run.ModelLoader`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

from archgen.load.yaml_reader import read_bytes

#: a top-level ``archgen:`` key (plain or quoted) at the start of a line
_ARCHGEN_KEY = re.compile(rb"""^(?:archgen|"archgen"|'archgen')[ \t]*:""", re.MULTILINE)


def looks_like_model(raw: bytes) -> bool:
    """Whether a file that did not parse still says it is an archgen model (has a
    top-level ``archgen:`` line), so that its own problems are worth showing."""
    return _ARCHGEN_KEY.search(raw) is not None


class Reader(Protocol):
    """Reads model files named by paths as the user and `extends` write them."""

    def read(self, path: str) -> bytes:
        """The bytes of the file, or `ModelError` at ``display(path):1:1`` saying why it
        cannot be read (quoting nothing from it)."""
        ...

    def display(self, path: str) -> str:
        """The name messages use for `path`."""
        ...

    def parent(self, child: str, extends: str) -> str:
        """The path of the model that `child` extends (its ``extends:`` value)."""
        ...

    def identity(self, path: str) -> str:
        """The file `path` names, however it is spelled: what the loader caches by."""
        ...

    def real_path(self, path: str) -> str | None:
        """The resolved path on disk (links followed), checked against the project root;
        None for a file that is not on disk (one at a git revision)."""
        ...

    def folder(self, path: str) -> str:
        """The folder on disk where the search for the project root starts."""
        ...


class DiskReader:
    """Reads files from disk; paths are relative to `cwd` (default: the current
    directory), as the user typed them."""

    def __init__(self, cwd: str | Path | None = None) -> None:
        self.cwd = str(cwd) if cwd is not None else None

    def _full(self, path: str) -> str:
        return os.path.join(self.cwd, path) if self.cwd is not None else path

    def read(self, path: str) -> bytes:
        """The bytes of the file (read where its links lead: what the root check saw)."""
        return read_bytes(Path(self._resolved(path)), self.display(path))

    def display(self, path: str) -> str:
        """`path` relative to the current directory, or as given when it is not below it."""
        relative = os.path.relpath(self._full(path))
        return path if relative.startswith("..") else relative

    def parent(self, child: str, extends: str) -> str:
        """`extends` relative to the folder of `child`."""
        return os.path.normpath(os.path.join(os.path.dirname(child), extends))

    def identity(self, path: str) -> str:
        """The real path of the file."""
        return self._resolved(path)

    def real_path(self, path: str) -> str | None:
        """`path` with every symbolic link resolved."""
        return self._resolved(path)

    def folder(self, path: str) -> str:
        """The folder of the file `path` (links resolved)."""
        return os.path.dirname(self._resolved(path))

    def _resolved(self, path: str) -> str:
        # a path with a NUL, which no file has, is only made absolute: reading it says so
        full = self._full(path)
        return os.path.abspath(full) if "\x00" in full else os.path.realpath(full)


class TextReader(DiskReader):
    """A `DiskReader` that serves some paths from memory (`archgen.load.loader.load_text`)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def read(self, path: str) -> bytes:
        """The text given for `path`, else the file on disk."""
        return self.files[path] if path in self.files else super().read(path)

    def display(self, path: str) -> str:
        """A name given in memory is shown as it is."""
        return path if path in self.files else super().display(path)

    def identity(self, path: str) -> str:
        """A name given in memory is its own identity."""
        return f"text:{path}" if path in self.files else super().identity(path)
