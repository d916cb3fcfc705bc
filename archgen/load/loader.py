"""Load a model file: YAML → positioned data → `Model`, `extends` resolved, references checked.

The result remembers, for every component, connection, region, environment, decision
and suppression, the file and the YAML path it came from, so that anything later in the
pipeline (a rule finding, a diff) can point at the line that declared it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archgen.common import did_you_mean
from archgen.load.partial import validate_partly
from archgen.load.problems import (
    MAX_REPORTED,
    ModelError,
    Problem,
    RunLimitError,
    more_not_shown,
)
from archgen.load.update import apply_updates, check_without_parent, declared_at
from archgen.load.yaml_reader import Document, Path_
from archgen.model.references import MAX_SUGGESTIONS, Key
from archgen.model.schema import Connection, Decision, Model

if TYPE_CHECKING:
    from archgen.load.reader import Reader

MAX_EXTENDS_DEPTH = 32


@dataclass(frozen=True)
class Location:
    """Where something was declared. Lines and columns count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class LoadedModel:
    """A model after `extends`, with the source of each of its parts."""

    path: str
    model: Model
    documents: list[Document]
    origins: dict[Key, tuple[Document, Path_]] = field(default_factory=dict)
    #: what is wrong with it so far (a model with problems is never handed out: the
    #: run adds the reference problems and raises them all together)
    problems: list[Problem] = field(default_factory=list)
    #: names and ids of items left out because they failed the schema: a reference
    #: to one of them is not checked
    broken: frozenset[str] = frozenset()
    #: where each part was declared when the model was imported from another file (a
    #: CloudFormation template, `archgen.iac`): findings point there, not at the YAML
    #: the import made; a part it does not name points at that file's top
    sources: dict[Key, Location] | None = None
    #: the resolved model this one `extends`, if any
    parent: LoadedModel | None = field(default=None, repr=False, compare=False)

    @property
    def document(self) -> Document:
        """The document of the file itself (the last in the `extends` chain)."""
        return self.documents[-1]

    def locate(self, key: Key) -> Location:
        """The file, line and column of a semantic path such as ``("components", "web")``.

        Paths start with a section and an identity (component id, region name, list
        index for connections and suppressions); the rest is the YAML path below it.
        Unknown paths fall back to the nearest known parent, then to the file's top.
        """
        if self.sources is not None:
            return self.sources.get(key[:2]) or Location(self.path, 1, 1)
        document, path = self._resolve(key)
        line, column = document.mark(path)
        return Location(document.path, line, column)

    def declared_in(self, key: Key) -> str:
        """The file that declared the item at `key` (through `extends`, maybe a parent)."""
        return self._resolve(key)[0].path

    def _resolve(self, key: Key) -> tuple[Document, Path_]:
        found = declared_at(self.origins, key)  # a key changed by `update:`, or its item
        if found is not None:
            return found
        if key and isinstance(key[0], str) and key[0] not in _SECTIONS:
            return self.document, key
        return self.document, key[:1]

    def update_of(self, section: str, name: str, keys: Iterable[str]) -> Location | None:
        """The entry under `update:` (or `replace:`) that changed one of `keys` of the item
        `name` of `section`, if one did."""
        for key in keys:
            if (section, name, key) in self.origins:
                document, path = self.origins[(section, name, key)]
                line, column = document.mark(path[:2], key=True)
                return Location(document.path, line, column)
        return None

    def __getstate__(self) -> dict[str, object]:
        # a worker that draws it needs no parent (findings are worked out before)
        return {**self.__dict__, "parent": None}

    def changed_here(self, section: str, name: str) -> Location | None:
        """The entry under this file's own `update:` (or `replace:`) that changed the
        item `name` of `section`, if it did (not a parent's)."""
        for key, (document, path) in self.origins.items():
            if len(key) > 2 and key[:2] == (section, name) and document is self.document:
                line, column = document.mark(path[:2], key=True)
                return Location(document.path, line, column)
        return None

    def problem(self, key: Key, message: str) -> Problem:
        """A `Problem` located at `key`."""
        location = self.locate(key)
        return Problem(location.file, location.line, location.column, message)


_SECTIONS = (
    "components",
    "connections",
    "regions",
    "environments",
    "decisions",
    "suppress",
    "security_groups",
    "views",
)
_IDENTITY = {
    "components": "id",
    "regions": "name",
    "environments": "name",
    "decisions": "id",
    "security_groups": "name",
    "views": "name",
}


def load_model(
    path: str | Path, reader: Reader | None = None, *, root: str | Path | None = None
) -> LoadedModel:
    """Load and resolve the model at `path`; raise `ModelError` with every problem found.

    One model, one run: to load several, use one `archgen.load.run.ModelLoader`, which
    reads each file once. `root` is the project root (see `archgen.load.project`).
    """
    from archgen.load.run import ModelLoader  # it builds on this module

    return ModelLoader(reader, root).load(path)


def resolve(document: Document, parent: Callable[[str], LoadedModel]) -> LoadedModel:
    """The model of `document` with `extends` resolved; `parent(extends)` gives the
    resolved model it extends, or raises `ModelError` (`archgen.load.run` finds it).

    Problems of this file (schema, duplicates, `remove:`, `update:`) are gathered in the
    result's `problems` rather than raised, so that the run reports them all at once;
    an item that failed the schema is left out (see `archgen.load.partial`).
    """
    model, problems, broken = validate_partly(document)
    problems += _duplicate_identities(model, document)
    own = _own_origins(model, document)
    if model.extends is None:
        problems += _needs_parent(model, document)
        model = model.model_copy(update={"decisions": superseded(model.decisions)})
        return LoadedModel(document.path, model, [document], own, problems, broken)
    try:
        base = parent(model.extends)
    except RunLimitError:
        raise  # one line, where the run's budget ran out
    except ModelError as error:  # the parent's problems, and this file's own
        raise ModelError([*error.problems, *problems]) from None
    return _merge(base, model, document, own, problems, broken)


def _own_origins(model: Model, document: Document) -> dict[Key, tuple[Document, Path_]]:
    origins: dict[Key, tuple[Document, Path_]] = {}
    for section in _SECTIONS:
        for index, item in enumerate(getattr(model, section)):
            attribute = _IDENTITY.get(section)
            identity: str | int = getattr(item, attribute) if attribute else index
            origins.setdefault((section, identity), (document, (section, index)))
    return origins


_NOUNS = {
    "components": "component id",
    "regions": "region",
    "environments": "environment",
    "decisions": "decision id",
    "security_groups": "security group",
    "views": "view",
}


def _duplicate_identities(model: Model, document: Document) -> list[Problem]:
    """Ids declared twice in one file (across files, a later one replaces an earlier one),
    at most `MAX_REPORTED` of each kind."""
    problems: list[Problem] = []
    for section, attribute in _IDENTITY.items():
        first: dict[str, int] = {}
        found: list[Problem] = []
        hidden = 0
        summary_at: Key = ()
        for index, item in enumerate(getattr(model, section)):
            name = getattr(item, attribute)
            if name not in first:
                first[name] = index
            elif len(found) < MAX_REPORTED:
                line = document.mark((section, first[name], attribute))[0]
                message = f"duplicate {_NOUNS[section]} {name!r} (first at line {line})"
                found.append(document.problem((section, index, attribute), message))
            else:
                hidden += 1
                if hidden == 1:
                    summary_at = (section, index, attribute)
        if hidden:
            found.append(document.problem(summary_at, more_not_shown(hidden, _NOUNS[section])))
        problems.extend(found)
    return problems


def _needs_parent(model: Model, document: Document) -> list[Problem]:
    problems = check_without_parent(model, document)
    if model.remove is not None:
        message = "'remove' needs 'extends': there is nothing to remove from"
        problems.append(document.problem(("remove",), message))
    return problems


def _merge(
    parent: LoadedModel,
    child: Model,
    document: Document,
    own: dict[Key, tuple[Document, Path_]],
    earlier: list[Problem],
    broken: frozenset[str],
) -> LoadedModel:
    base = parent.model
    origins = dict(parent.origins)
    problems: list[Problem] = []
    removal = child.remove

    def removed(section: str, names: list[str], known: list[str]) -> set[str]:
        present = set(known)
        for i, name in enumerate(names):
            if name not in present:
                message = f"cannot remove {name!r}: not in the model it extends"
                if len(problems) < MAX_SUGGESTIONS:  # a suggestion searches every name
                    message += did_you_mean(name, known)
                problems.append(document.problem(("remove", section, i), message))
        return set(names)

    def capped(found: list[Problem]) -> list[Problem]:
        # what cannot be removed, `MAX_REPORTED` at most
        if len(found) <= MAX_REPORTED:
            return found
        found = sorted(found)
        rest = len(found) - MAX_REPORTED
        summary = found[MAX_REPORTED]._replace(message=more_not_shown(rest, "removal"))
        return [*found[:MAX_REPORTED], summary]

    # keys changed by a parent's `update:`, by item: gone when the item is replaced
    updated: dict[Key, list[Key]] = {}
    for key in origins:
        if len(key) > 2:
            updated.setdefault(key[:2], []).append(key)

    def forget(section: str, name: str) -> None:
        origins.pop((section, name), None)
        for key in updated.pop((section, name), []):
            del origins[key]

    def by_identity(section: str, attribute: str, drop: set[str]) -> list[Any]:
        merged: dict[str, Any] = {}
        for item in getattr(base, section):
            name = getattr(item, attribute)
            if name not in drop:
                merged.setdefault(name, item)
            else:
                forget(section, name)
        for index, item in enumerate(getattr(child, section)):
            name = getattr(item, attribute)
            merged[name] = item
            forget(section, name)
            origins[(section, name)] = own.get((section, name), (document, (section, index)))
        return list(merged.values())

    empty: list[str] = []
    components = by_identity(
        "components",
        "id",
        removed(
            "components", removal.components if removal else empty, [c.id for c in base.components]
        ),
    )
    regions = by_identity(
        "regions",
        "name",
        removed("regions", removal.regions if removal else empty, [r.name for r in base.regions]),
    )
    environments = by_identity(
        "environments",
        "name",
        removed(
            "environments",
            removal.environments if removal else empty,
            [e.name for e in base.environments],
        ),
    )
    decisions = by_identity(
        "decisions",
        "id",
        removed(
            "decisions", removal.decisions if removal else empty, [d.id for d in base.decisions]
        ),
    )
    security_groups = by_identity(
        "security_groups",
        "name",
        removed(
            "security_groups",
            removal.security_groups if removal else empty,
            [g.name for g in base.security_groups],
        ),
    )
    views = by_identity(
        "views",
        "name",
        removed("views", removal.views if removal else empty, [v.name for v in base.views]),
    )

    # connections: the parent's, less those removed or redeclared, then the child's
    drop_pairs = {(r.source, r.target) for r in (removal.connections if removal else [])}
    known_pairs = {(c.source, c.target) for c in base.connections}
    for i, ref in enumerate(removal.connections if removal else []):
        if (ref.source, ref.target) not in known_pairs:
            problems.append(
                document.problem(
                    ("remove", "connections", i),
                    f"cannot remove connection {ref.source} -> {ref.target}: "
                    "not in the model it extends",
                )
            )
    redeclared = {(c.source, c.target, c.mode) for c in child.connections}
    # a removed component takes the parent's connections to and from it along
    gone = set(removal.components if removal else empty) - {c.id for c in child.components}
    connections: list[Connection] = []
    connection_origins: dict[Key, tuple[Document, Path_]] = {}
    for index, connection in enumerate(base.connections):
        if (connection.source, connection.target) in drop_pairs:
            continue
        if connection.source in gone or connection.target in gone:
            continue
        if (connection.source, connection.target, connection.mode) in redeclared:
            continue
        connection_origins[("connections", len(connections))] = parent.origins[
            ("connections", index)
        ]
        connections.append(connection)
    for index, connection in enumerate(child.connections):
        connection_origins[("connections", len(connections))] = (document, ("connections", index))
        connections.append(connection)
    for key in [k for k in origins if k[0] in ("connections", "suppress")]:
        del origins[key]
    origins.update(connection_origins)
    for index in range(len(child.suppress)):
        origins[("suppress", index)] = (document, ("suppress", index))

    problems[:] = capped(problems)
    removed_ids = set(removal.components if removal else empty)
    problems.extend(apply_updates(components, child, document, removed_ids, origins, broken))
    merged = child.model_copy(
        update={  # a resolved model: what it extended, removed and updated is applied
            "extends": None,
            "stage": base.stage if child.stage is None else child.stage,  # inherited
            "remove": None,
            "update": {},
            "replace": {},
            "decisions": superseded(decisions),
            "components": components,
            "regions": regions,
            "environments": environments,
            "connections": connections,
            "security_groups": security_groups,
            "views": views,
            "layout": base.layout if child.layout is None else child.layout,  # inherited
        }
    )
    documents = [*parent.documents, document]
    return LoadedModel(
        document.path,
        merged,
        documents,
        origins,
        [*earlier, *problems],
        broken | parent.broken,
        parent=parent,
    )


def superseded(decisions: list[Decision]) -> list[Decision]:
    """`decisions` with those another one `supersedes` marked ``status: superseded``."""
    replaced = {name for d in decisions for name in d.supersedes}
    if not replaced:
        return decisions
    return [
        d.model_copy(update={"status": "superseded"})
        if d.id in replaced and d.status != "superseded"
        else d
        for d in decisions
    ]


def load_text(text: str, name: str = "<model>") -> LoadedModel:
    """Load a model from YAML text; handy for tests and tools. A model it `extends` is
    read from disk, relative to the current directory."""
    from archgen.load.reader import TextReader

    return load_model(name, TextReader({name: text.encode("utf-8")}))
