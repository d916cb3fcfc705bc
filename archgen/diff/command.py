"""`archgen diff OLD NEW`: load both sides, compare, format, maybe write the diagram."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from archgen.diff.formats import as_json, as_text
from archgen.diff.markdown import as_markdown
from archgen.diff.merge import merged_model
from archgen.diff.model_diff import ModelDiff
from archgen.diff.semantic import compare
from archgen.errors import InputError, file_error
from archgen.load.loader import LoadedModel
from archgen.load.problems import ModelError, Problem
from archgen.load.run import ModelLoader


def load_pair(
    old: str, new: str, loader: ModelLoader | None = None
) -> tuple[LoadedModel, LoadedModel]:
    """Both models (one run: a file both sides share is read once), or `InputError`
    with the problems of both sides."""
    problems: list[Problem] = []
    loaded: list[LoadedModel] = []
    models = loader or ModelLoader()
    for path in (old, new):
        try:
            loaded.append(models.load(path))
        except ModelError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return loaded[0], loaded[1]


def diagram_stem(diff: ModelDiff) -> str:
    """``stage7-diff`` for a diff whose new side is ``…/stage7.yaml`` (or ``REV:…``)."""
    name = PurePosixPath(diff.new_path.replace("\\", "/").rsplit(":", 1)[-1]).stem
    return f"{name or 'model'}-diff"


def write_diagram(diff: ModelDiff, out_dir: Path) -> Path:
    """The self-contained SVG of both models with the change coloured; returns its path.

    A file that cannot be written is `InputError` (exit 2), or `ToolError` (exit 3)
    when the disk is full.
    """
    from archgen.render import render_files

    assert diff.old is not None and diff.new is not None
    both = merged_model(diff.old, diff.new)
    stem = diagram_stem(diff)
    try:
        written = render_files(
            both, out_dir, stem, ["svg"], highlight=diff.highlight(), with_views=False
        )
    except OSError as error:  # a name too long for the file system, a full disk, ...
        raise file_error(error, out_dir / f"{stem}.svg", "cannot write") from None
    return written["svg"]


def run_diff(
    old: str,
    new: str,
    *,
    fmt: str = "text",
    out_dir: str | None = None,
    fail_on: str = "never",
    rules_url: str,
    colour: bool = False,
    loader: ModelLoader | None = None,
) -> tuple[str, bool]:
    """The formatted diff and whether it fails `fail_on` (introduced findings only)."""
    from archgen.rules import check

    before, after = load_pair(old, new, loader)
    # upcoming findings (rules of a later stage) are hidden, as `validate` hides them: one
    # that starts to apply is introduced, not also "resolved" at its upcoming info
    diff = compare(
        before,
        after,
        old_findings=[f for f in check(before) if not f.upcoming],
        new_findings=[f for f in check(after) if not f.upcoming],
    )
    if out_dir is not None:
        write_diagram(diff, Path(out_dir))
    if fmt == "json":
        text = as_json(diff)
    elif fmt == "markdown":
        text = as_markdown(diff, rules_url)
    else:
        text = as_text(diff, colour)
    return text, diff.fails(fail_on)
