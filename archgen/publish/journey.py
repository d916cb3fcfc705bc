"""The journey a site explains: every model of a folder, its findings, and its changes.

This is the data side of the site; page templates only format it. Loading stays cheap
(no `diagrams`, no `mkdocs`), so the MkDocs plugin can build it in `on_config` to know
the navigation before any page exists.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.load.loader import LoadedModel
from archgen.load.problems import ModelError, Problem, RunLimitError
from archgen.load.run import ModelLoader
from archgen.rules.finding import SEVERITIES, Finding

if TYPE_CHECKING:
    from archgen.diff import ModelDiff

MODEL_SUFFIXES = (".yaml", ".yml")
#: stems of the site's own pages (`pages.py`), which a model's page would replace (MkDocs
#: makes README.md the index, and both `rules.md` and `rules/index.md` `rules/index.html`)
SITE_PAGES = {
    "index": "overview",
    "readme": "overview",
    "caching": "caching",
    "environments": "environment layout",
    "pillars": "pillars",
    "rules": "rules",
}
#: what a stage's diagram with its changes coloured adds to the stage's file stem
CHANGES_SUFFIX = "-changes"
#: what a diagram's dark drawing (the slate palette's) adds to its file stem
DARK_SUFFIX = "-dark"
#: the longest stem (in UTF-8 bytes) whose derived files fit a 255-byte file name:
#: `.<stem>-changes.archgen-render.json.<12 hex>`, the diagram cache's longest
MAX_STEM_BYTES = 200


@dataclass
class Stage:
    """One model of the journey, as the site shows it."""

    slug: str  #: file stem: the page is `<slug>.md`, the diagram `<slug>.svg`
    loaded: LoadedModel
    findings: list[Finding]
    #: rule id → the stage it applies from (findings of later rules are "upcoming")
    since: Mapping[str, int] = field(default_factory=dict)
    #: the stage it builds on (the model it extends, or the one before it in the
    #: plugin's `journey` order), compared with it in `diff`
    previous: Stage | None = None
    #: the first stage that builds on it
    next: Stage | None = None
    diff: ModelDiff | None = None
    #: the folder of its page and diagram among the generated files: "" for the
    #: journey, "examples/" for a folder of independent models
    folder: str = ""

    @property
    def stem(self) -> str:
        """Its page's and diagram's path without the suffix: `<folder><slug>`."""
        return self.folder + self.slug

    @property
    def standalone(self) -> bool:
        """A model that builds on no model of the site and that none builds on stands on
        its own: no "builds on", no changes, whatever its `stage` number says."""
        return self.previous is None and self.next is None

    @property
    def parent(self) -> Path | None:
        """The file the model `extends`, if any."""
        documents = self.loaded.documents
        return Path(documents[-2].path).resolve() if len(documents) > 1 else None

    @property
    def number(self) -> int | None:
        """The stage number the model declares, if any."""
        return self.loaded.model.stage

    @property
    def title(self) -> str:
        """The model's title, or its name."""
        return self.loaded.model.title or self.loaded.model.name

    @property
    def heading(self) -> str:
        """`Stage 7 · Multi-region` (or just the title for a model without a stage)."""
        return f"Stage {self.number} · {self.title}" if self.number is not None else self.title

    @property
    def one_line(self) -> str:
        """The first sentence of the summary."""
        summary = " ".join((self.loaded.model.summary or "").split())
        match = re.match(r"(.+?[.!?])(\s|$)", summary)
        return match.group(1) if match else summary

    @property
    def applicable(self) -> list[Finding]:
        """Findings of rules that apply at this stage."""
        return [f for f in self.findings if not self._upcoming(f)]

    @property
    def upcoming(self) -> list[Finding]:
        """Findings of rules that apply only from a later stage (reported as info)."""
        return [f for f in self.findings if self._upcoming(f)]

    def _upcoming(self, finding: Finding) -> bool:
        return self.number is not None and self.since.get(finding.rule, 0) > self.number

    def counts(self) -> dict[str, int]:
        """Applicable findings by severity (every severity present, zero or more)."""
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.applicable:
            counts[finding.severity] += 1
        return counts


@dataclass
class Journey:
    """The models of a folder: the stages of its journeys in order (each after the one
    it builds on), then the models that stand on their own."""

    models_dir: Path
    stages: list[Stage] = field(default_factory=list)
    #: YAML files of the folder that are not models (no `archgen:` key), skipped
    skipped: list[Path] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        """Some model builds on another: the site tells a journey, not a set of models."""
        return any(stage.previous is not None for stage in self.stages)

    def stage(self, slug: str) -> Stage:
        """The stage whose page is `slug`."""
        return next(s for s in self.stages if s.slug == slug)


#: a model's top-level `archgen:` key (the format version) at the start of a line
_ARCHGEN_KEY = re.compile(rb"^archgen\s*:", re.MULTILINE)


def yaml_files(models_dir: Path) -> list[Path]:
    """The YAML files directly in `models_dir`, not hidden (MkDocs drops pages whose
    names start with '.'), so the JSON Schema and an editor's backups are left out."""
    return sorted(
        p
        for p in models_dir.iterdir()
        if p.suffix in MODEL_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def is_model(path: Path) -> bool:
    """A YAML file is a model when it has the top-level `archgen:` key; a CI workflow or
    a docker-compose file beside the models is not one. Unreadable files count as
    models, so that loading them reports why."""
    try:
        return _ARCHGEN_KEY.search(path.read_bytes()) is not None
    except OSError:
        return True


def model_files(models_dir: Path) -> list[Path]:
    """The model files directly in `models_dir` (`yaml_files` with an `archgen:` key)."""
    return [p for p in yaml_files(models_dir) if is_model(p)]


def load_journey(
    models_dir: Path, root: Path | None = None, folder: str = "", order: Sequence[str] = ()
) -> Journey:
    """Load every model in `models_dir`, check it, and link each to the stage it builds
    on: the model it `extends`, or the file before it in `order` (file names in
    `models_dir`, the plugin's `journey` option). Models linked to none stand on their
    own; nothing is compared with them.

    One run loads them all (each file read once, parents shared); `root` is the project
    root, by default the git work tree holding `models_dir` (`archgen.load.project`).
    `folder` is where the pages go among the generated files (`Stage.folder`). Raises
    `ModelError` with every problem of every file (one bad file does not hide the
    problems of the next).
    """
    from archgen.rules import catalogue, check

    try:
        found = yaml_files(models_dir) if models_dir.is_dir() else None
    except OSError as error:
        reason = f"cannot read the folder: {error.strerror}"
        raise ModelError([Problem(str(models_dir), 1, 1, reason)]) from None
    if found is None:
        raise ModelError([Problem(str(models_dir), 1, 1, "no such folder of models")])
    files = [p for p in found if is_model(p)]
    if not files:
        reason = "no model files (*.yaml with an 'archgen:' key) in it"
        raise ModelError([Problem(str(models_dir), 1, 1, reason)])
    since = {rule.id: rule.since for rule in catalogue()}
    problems = name_problems(files) + _order_problems(models_dir, files, order)
    stages: list[Stage] = []
    loader = ModelLoader(root=root)
    for path in files:
        try:
            loaded = loader.load(path)
        except RunLimitError as error:
            problems.extend(error.problems)
            break  # every later model would be refused too
        except ModelError as error:
            problems.extend(error.problems)
            continue
        stages.append(Stage(path.stem, loaded, check(loaded), since, folder=folder))
    if problems:
        raise ModelError(sorted(set(problems)))
    stages = _link(stages, order)
    return Journey(models_dir, stages, [p for p in found if p not in files])


def _order_problems(models_dir: Path, files: list[Path], order: Sequence[str]) -> list[Problem]:
    names = {p.name for p in files}
    problems = [
        Problem(_shown(models_dir), 1, 1, f"journey: {name!r} is not a model file of the folder")
        for name in order
        if name not in names
    ]
    problems += [
        Problem(_shown(models_dir), 1, 1, f"journey: {name!r} is listed twice")
        for name in sorted({n for n in order if list(order).count(n) > 1})
    ]
    return problems


def name_problems(files: list[Path]) -> list[Problem]:
    """Model files whose site pages or diagrams would replace others' (or the site's own
    pages), or whose names are too long for the files derived from them.

    Names are compared ignoring case, as macOS and Windows file systems compare them.
    """
    problems: list[Problem] = []
    by_stem: dict[str, Path] = {}
    for path in files:
        stem = path.stem.casefold()
        if stem in by_stem:
            first = _shown(by_stem[stem])
            problems.append(
                _name_problem(
                    path,
                    f"{first} and {_shown(path)} would both be the site's page "
                    f"{path.stem!r}; keep one of them, or rename one",
                )
            )
        by_stem.setdefault(stem, path)
    for stem, path in by_stem.items():
        if stem in SITE_PAGES:
            problems.append(
                _name_problem(
                    path,
                    f"a model named {path.stem!r} would replace the site's "
                    f"{SITE_PAGES[stem]} page; rename the file",
                )
            )
        problems += _derived_name_problems(stem, path, by_stem)
        owner, dot, _ = stem.rpartition(".")
        if dot and owner in by_stem:  # `stage9.data` beside `stage9`: a view's drawing
            problems.append(
                _name_problem(
                    path,
                    f"a model named {path.stem!r} would replace the drawing of a view of "
                    f"{_shown(by_stem[owner])} ({path.stem}.svg); rename the file",
                )
            )
        size = len(os.fsencode(path.stem))
        if size > MAX_STEM_BYTES:
            problems.append(
                _name_problem(
                    path,
                    f"the name is too long for the site's files ({size:,} "
                    f"bytes before {path.suffix}, at most {MAX_STEM_BYTES}); rename the file",
                )
            )
    return problems


def _derived_name_problems(stem: str, path: Path, by_stem: dict[str, Path]) -> list[Problem]:
    """A model whose diagram would replace one drawn for another model: its changes
    (``<stem>-changes``) or a dark drawing (``<stem>-dark``, ``<stem>-changes-dark``)."""
    derived = {
        CHANGES_SUFFIX: "the diagram of the changes in",
        DARK_SUFFIX: "the dark drawing of the diagram of",
        CHANGES_SUFFIX + DARK_SUFFIX: "the dark drawing of the changes in",
    }
    for suffix, what in derived.items():
        base = stem.removesuffix(suffix)
        if base != stem and base in by_stem:
            message = (
                f"a model named {path.stem!r} would replace {what} "
                f"{_shown(by_stem[base])}; rename the file"
            )
            return [_name_problem(path, message)]
    return []


def _name_problem(path: Path, message: str) -> Problem:
    return Problem(_shown(path), 1, 1, message)


def _shown(path: Path) -> str:
    """`path` as messages show it: relative to the current folder unless outside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _journey_order(stage: Stage) -> tuple[int, str]:
    # models without a stage number come after the numbered journey
    number = stage.number if stage.number is not None else 10_000
    return number, _natural(stage.slug)


def _later(child: Stage, parent: Stage) -> bool:
    """Whether `child` declares a later stage number than `parent`."""
    return child.number is not None and (parent.number is None or child.number > parent.number)


def _natural(text: str) -> str:
    # stage10 after stage9
    return re.sub(r"\d+", lambda m: m.group(0).zfill(6), text)


def _link(stages: list[Stage], order: Sequence[str]) -> list[Stage]:
    """Link each stage to the one it builds on and compare them; return the stages in
    site order: each journey from its first stage, each stage before those that build
    on it, then the models that stand on their own."""
    from archgen.diff import compare

    stages.sort(key=_journey_order)
    by_path = {Path(stage.loaded.path).resolve(): stage for stage in stages}
    by_name = {Path(stage.loaded.path).name: stage for stage in stages}
    listed = [by_name[name] for name in order]
    for previous, stage in itertools.pairwise(listed):
        stage.previous = previous
    for stage in stages:
        if stage not in listed and stage.parent in by_path:
            stage.previous = by_path[stage.parent]
    ordered: list[Stage] = []

    def visit(stage: Stage) -> None:
        ordered.append(stage)
        children = [child for child in stages if child.previous is stage]
        # the journey goes on to a later stage; a model that keeps its parent's stage
        # number (`stage` is inherited through `extends`) is a variant, a branch
        children.sort(key=lambda child: not _later(child, stage))
        for child in children:
            stage.next = stage.next or child
            visit(child)

    for stage in stages:
        if stage.previous is None:
            visit(stage)
    for stage in ordered:
        if stage.previous is not None:
            stage.diff = compare(
                stage.previous.loaded,
                stage.loaded,
                old_findings=stage.previous.findings,
                new_findings=stage.findings,
            )
    # the journeys first, then the models on their own, each group in the sorted order
    return sorted(ordered, key=lambda stage: stage.standalone)
