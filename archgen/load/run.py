"""One run's loader: every model of a command (or of a site) goes through one `ModelLoader`.

- Each file is read and parsed once per run, cached by the file it is (its real path,
  or its commit and path at a git revision), however many models extend it.
- A parent's resolved `LoadedModel` is shared by every model that extends it.
- What `extends` reaches must be an archgen model under the project root
  (`archgen.load.project`); a file that is not one is refused without quoting it.
- The run as a whole is bounded (`archgen.load.budget`): past its limits it stops with a
  `RunLimitError` located in the file where the budget ran out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archgen.common import gc_paused
from archgen.load.budget import RunBudget
from archgen.load.loader import MAX_EXTENDS_DEPTH, LoadedModel, resolve
from archgen.load.problems import ModelError, RunLimitError
from archgen.load.project import ProjectRoot
from archgen.load.reader import DiskReader, Reader, looks_like_model
from archgen.load.yaml_reader import Document
from archgen.model.references import check_references

#: (identity, name shown) of each model below the one being resolved
_Chain = list[tuple[str, str]]


@dataclass(frozen=True)
class _File:
    """A file as read once for the run: its document, or why it has none."""

    document: Document | None
    error: ModelError | None = None
    #: the error says why it could not be read, quoting nothing from it
    unreadable: bool = False
    #: whether it is an archgen model (has a top-level ``archgen:`` key)
    model: bool = False


class ModelLoader:
    """Loads the models of one run (see the module's docstring).

    `root` is the project root (``--root``); by default it is found around the first
    model loaded (`ProjectRoot.around`).
    """

    def __init__(
        self,
        reader: Reader | None = None,
        root: str | Path | None = None,
        budget: RunBudget | None = None,
    ) -> None:
        self.reader: Reader = reader or DiskReader()
        self.root = ProjectRoot.given(str(root)) if root is not None else None
        self.budget = budget or RunBudget()
        self._files: dict[str, _File] = {}
        self._models: dict[str, LoadedModel] = {}

    def load(self, path: str | Path) -> LoadedModel:
        """Load, resolve and check the model at `path`, which the user named (so it need
        not be under the root); `ModelError` with every problem found, `RunLimitError`
        once the run's budget is spent."""
        text = str(path)
        self.budget.check()
        if self.root is None:
            self.root = ProjectRoot.around(self.reader.folder(text))
        with gc_paused():
            key = self.reader.identity(text)
            loaded = self._models.get(key) or self._resolve(text, key, [])
            references = check_references(loaded.model)
        problems = [*loaded.problems]
        for where, message in references:
            if not _names_left_out(message, loaded.broken):
                problems.append(loaded.problem(where, message))
        if problems:
            raise ModelError(problems)
        return loaded

    def _file(self, path: str, key: str) -> _File:
        if key not in self._files:
            self._files[key] = self._read(path)
        return self._files[key]

    def _read(self, path: str) -> _File:
        try:
            raw = self.reader.read(path)
        except ModelError as error:
            return _File(None, error, unreadable=True)
        try:
            document = self.budget.parse(raw, self.reader.display(path))
        except RunLimitError:
            raise
        except ModelError as error:
            return _File(None, error, model=looks_like_model(raw))
        return _File(document, model="archgen" in document.data)

    def _resolve(self, path: str, key: str, chain: _Chain) -> LoadedModel:
        file = self._file(path, key)
        if file.document is None:
            assert file.error is not None
            raise file.error
        document = file.document

        def parent(extends: str) -> LoadedModel:
            return self._parent(path, key, document, extends, chain)

        loaded = resolve(document, parent)
        self._models[key] = loaded
        return loaded

    def _parent(
        self, path: str, key: str, document: Document, extends: str, chain: _Chain
    ) -> LoadedModel:
        """The resolved model that `document` (at `path`) extends, or `ModelError` at its
        `extends`."""

        def refuse(reason: str) -> ModelError:
            message = f"cannot extend {extends!r}: {reason}"
            return ModelError([document.problem(("extends",), message)])

        assert self.root is not None
        parent_path = self.reader.parent(path, extends)
        real = self.reader.real_path(parent_path)
        if real is not None and not self.root.contains(real):
            raise refuse(self.root.outside())
        parent_key = self.reader.identity(parent_path)
        below = [*chain, (key, document.path)]
        if any(parent_key == seen for seen, _ in below):
            shown = [name for _, name in below] + [self.reader.display(parent_path)]
            cycle = " -> ".join(shown)
            raise ModelError([document.problem(("extends",), f"extends cycle: {cycle}")])
        if len(chain) >= MAX_EXTENDS_DEPTH:
            message = f"extends chain deeper than {MAX_EXTENDS_DEPTH}"
            raise ModelError([document.problem(("extends",), message)])
        file = self._file(parent_path, parent_key)
        if file.unreadable:
            assert file.error is not None
            raise refuse(file.error.problems[0].message)
        if not file.model:
            raise refuse("not an archgen model (no 'archgen:' key)")
        loaded = self._models.get(parent_key)
        # a parent resolved for a shorter chain is reused only where the limit holds, so
        # that a chain too deep gets the same message whichever model was loaded first
        if loaded is None or len(below) + len(loaded.documents) > MAX_EXTENDS_DEPTH + 1:
            try:
                loaded = self._resolve(parent_path, parent_key, below)
                if loaded.problems:
                    raise ModelError(loaded.problems)
            except RunLimitError:
                raise  # one line, where the run's budget ran out
            except ModelError as error:
                if any(p.path == document.path for p in error.problems):
                    raise
                note = document.problem(
                    ("extends",), f"the model it extends, {extends!r}, has errors"
                )
                raise ModelError([*error.problems, note]) from None
        elif loaded.problems:
            note = document.problem(("extends",), f"the model it extends, {extends!r}, has errors")
            raise ModelError([*loaded.problems, note])
        self.budget.inherit(document, sum(d.size for d in loaded.documents))
        return loaded


def _names_left_out(message: str, broken: frozenset[str]) -> bool:
    """Whether a reference problem names an item left out for failing the schema: that
    reference depends on a check that could not run."""
    return any(repr(name) in message for name in broken)
