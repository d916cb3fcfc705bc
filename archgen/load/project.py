"""The project root: the one folder whose files a model may reach through `extends`.

A model from a pull request is untrusted; the files it names in `extends` must not be
anything the user running archgen can read (``/etc/passwd``, ``~/.aws/credentials``).
The root is, in order:

1. the folder given with ``--root``;
2. the git work tree holding the first model of the run, found by walking up from its
   folder to one that has a ``.git`` (a folder, or the file of a worktree or a
   submodule), without running git;
3. otherwise the folder of the first model itself: outside a work tree there is no
   better guess, and a model that extends ``../shared/base.yaml`` is told to pass
   ``--root``.

Paths are compared after resolving symbolic links (`os.path.realpath`), so a link inside
the root that points out of it is outside. The models named on the command line are
trusted (the user chose them); only what `extends` reaches is checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectRoot:
    """A folder (its real path) and how it was chosen, for messages."""

    path: str
    how: str = ""

    @classmethod
    def given(cls, folder: str) -> ProjectRoot:
        """The root given with ``--root``."""
        return cls(os.path.realpath(folder), "given with --root")

    @classmethod
    def around(cls, folder: str) -> ProjectRoot:
        """The git work tree holding `folder`, else `folder` itself."""
        start = os.path.realpath(folder)
        here = start
        while True:
            if os.path.lexists(os.path.join(here, ".git")):
                return cls(here)
            up = os.path.dirname(here)
            if up == here:
                return cls(start, "the folder of the first model: no git work tree holds it")
            here = up

    def contains(self, real_path: str) -> bool:
        """Whether `real_path` (already resolved) is the root or below it."""
        return real_path == self.path or real_path.startswith(self.path.rstrip(os.sep) + os.sep)

    def outside(self) -> str:
        """Why a path outside the root is refused, in the words of a message."""
        how = f"{self.how}; " if self.how else ""
        return f"outside the project root {self.path} ({how}pass --root to widen it)"
