"""The command line: parse options, call the pipeline, map errors to exit codes.

Each command imports what it needs inside its function, so `archgen --help` and
`archgen validate` never pay for the renderer or the site builder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from archgen import __version__
from archgen.errors import ArchgenError, FindingsError, InputError

if TYPE_CHECKING:
    from archgen.load.loader import Reader

FAIL_ON = click.Choice(["error", "warning", "info", "never"])
EPILOG = "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input, 3 missing tool."


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="archgen")
def cli() -> None:
    """Diagram-as-code for AWS architectures that also checks the design.

    Describe each stage of an architecture in a YAML model; archgen validates it
    against design rules, renders AWS diagrams and publishes a documentation site.
    """


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="Report format: text for people, json for scripts, sarif for code scanning.",
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text report (default: when writing to a terminal).",
)
def validate(paths: tuple[str, ...], fmt: str, fail_on: str, colour: bool | None) -> None:
    """Check models against the design rules.

    PATH is a model file (or REV:PATH for a file at a git revision). Every problem
    in the input is reported as file:line:col, then findings in the chosen format.
    """
    from archgen import report
    from archgen.validate import validate_paths

    result = validate_paths(list(paths), _reader_for(paths))
    if result.problems:
        raise InputError(result.problems)
    if fmt == "json":
        click.echo(report.as_json(result))
    elif fmt == "sarif":
        click.echo(report.as_sarif(result))
    else:
        use_colour = sys.stdout.isatty() if colour is None else colour
        click.echo(report.as_text(result, use_colour), color=use_colour)
    if result.fails(fail_on):
        raise FindingsError("")


def _reader_for(paths: Sequence[str]) -> Reader | None:
    """A reader that also reads `REV:PATH` (a file at a git revision), if any path is one.

    Plain paths keep the loader's own disk reader. See `archgen.load.git_reader`.
    """
    if not any(":" in path for path in paths):
        return None  # the common case, without importing the git reader
    from archgen.load.git_reader import GitReader, has_rev_paths

    return GitReader() if has_rev_paths(paths) else None


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default=".",
    help="Folder for the diagram files (default: the current directory).",
)
@click.option(
    "--format",
    "formats",
    default="svg,png",
    show_default=True,
    metavar="LIST",
    help="Comma-separated formats: svg, png, mermaid, dot.",
)
@click.option(
    "--dpi",
    type=click.IntRange(24, 600),
    default=96,
    show_default=True,
    help="PNG resolution (the SVG does not change).",
)
@click.option(
    "--highlight-findings",
    is_flag=True,
    help="Outline components with findings in red and name their rules.",
)
@click.option(
    "--fenced",
    is_flag=True,
    help="Also print each Mermaid diagram as a ```mermaid block to paste into Markdown "
    "(file paths then go to stderr). Needs mermaid in --format.",
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity (files are still written).",
)
def render(
    paths: tuple[str, ...],
    out_dir: str,
    formats: str,
    dpi: int,
    highlight_findings: bool,
    fenced: bool,
    fail_on: str,
) -> None:
    """Draw each model as AWS diagrams: stage7.yaml gives stage7.svg, stage7.png, ...

    Validates first: findings are printed on stderr; a model that does not load
    stops everything before a file is written. Unchanged models are not redrawn.
    """
    from pathlib import Path

    from archgen import report
    from archgen.load.loader import LoadedModel
    from archgen.render.batch import plan_jobs, run_jobs
    from archgen.render.dot import to_dot
    from archgen.render.graphviz import dot_executable, feed_early, start_early, stop_early
    from archgen.render.icon_cache import icon_set
    from archgen.render.pipeline import check_formats, scene_of
    from archgen.validate import validate_paths

    try:
        wanted = check_formats([f.strip() for f in formats.split(",") if f.strip()])
    except ValueError as error:
        raise InputError(f"--format: {error}") from None
    if not wanted:
        raise InputError("--format: name at least one of svg, png, mermaid, dot")
    if fenced and "mermaid" not in wanted:
        raise InputError("--fenced: add mermaid to --format (e.g. --format mermaid --fenced)")
    # one model, one image format, no findings drawn: the layout can start early
    early = len(paths) == 1 and not highlight_findings and len({"svg", "png"} & set(wanted)) == 1
    if early:  # `dot` starts up while the model loads, and lays it out while rules run
        start_early(wanted, image_path=icon_set().root, dpi=dpi)

    def lay_out_early(loaded: LoadedModel) -> None:
        icons = icon_set()
        feed_early(to_dot(scene_of(loaded), icons.paths), wanted, image_path=icons.root, dpi=dpi)

    try:
        result = validate_paths(paths, _reader_for(paths), lay_out_early if early else None)
        if result.problems:
            raise InputError(result.problems)
        click.echo(report.as_text(result, False), err=True)
        if {"svg", "png"} & set(wanted):
            dot_executable()
        jobs = plan_jobs(paths, result, Path(out_dir), wanted, dpi, highlight_findings)
        try:
            rendered = run_jobs(jobs)
        except OSError as error:  # an output folder that cannot be written
            where = error.filename or out_dir
            raise InputError(f"{where}: cannot write: {error.strerror}") from None
    finally:
        stop_early()
    for index, written in enumerate(rendered):
        for path in written.values():
            click.echo(str(path), err=fenced)
        if fenced:  # labels are entity-escaped, so the flowchart never holds ```
            flowchart = written["mermaid"].read_text(encoding="utf-8").rstrip("\n")
            click.echo(("\n" if index else "") + f"```mermaid\n{flowchart}\n```")
    if result.fails(fail_on):
        raise FindingsError("")


@cli.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file, not stdout."
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the model format (for editors and CI)."""
    from archgen.files import write_atomic
    from archgen.model.json_schema import schema_text
    from archgen.rules import catalogue

    text = schema_text(catalogue())
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("name")
@click.option(
    "--from",
    "parent",
    type=click.Path(exists=True, dir_okay=False),
    help="Extend this model instead of starting empty.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: NAME.yaml in the current directory).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(name: str, parent: str | None, output: str | None, force: bool) -> None:
    """Scaffold a new model called NAME (kebab-case)."""
    from archgen.model.scaffold import write_scaffold

    path = write_scaffold(name, parent, output, force)
    click.echo(f"wrote {path}", err=True)


@cli.command()
@click.argument("models_dir", default="models", type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--output",
    default="build/site",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of the built HTML site (replaced only when the build succeeds).",
)
@click.option("--serve", is_flag=True, help="Serve the site with live reload instead.")
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="Address --serve listens on.",
)
@click.option("--title", default="Architecture", show_default=True, help="The site's name.")
def site(models_dir: str, output: str, serve: bool, dev_addr: str, title: str) -> None:
    """Build the documentation site of a folder of models (MkDocs-material).

    One page per stage (diagram, trade-offs, caching, findings, changes), the caching
    policies, the environment layout, the rules and a pillar-by-stage matrix. Diagrams
    are cached in .archgen-cache/, so a rebuild re-renders only changed models.
    """
    from pathlib import Path

    from archgen.publish.standalone import build_site, serve_site

    cache = Path(".archgen-cache")
    if serve:
        serve_site(Path(models_dir), cache_dir=cache, dev_addr=dev_addr, title=title)
        return
    seconds = build_site(Path(models_dir), Path(output), cache_dir=cache, title=title)
    click.echo(f"built {output} in {seconds:.2f}s", err=True)


@cli.command(epilog=EPILOG)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts, markdown for a pull-request comment.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Also write the diagram with the change coloured (NEW-diff.svg) to this folder.",
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default="never",
    show_default=True,
    help="Exit 1 when the change introduces a finding at or above this severity.",
)
@click.option(
    "--rules-url",
    default="https://archgen.dev/rules/",
    show_default=True,
    help="Base URL of the rule pages the Markdown links to (RULE/ is appended).",
)
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text diff (default: when writing to a terminal).",
)
def diff(
    old: str,
    new: str,
    fmt: str,
    out_dir: str | None,
    fail_on: str,
    rules_url: str,
    colour: bool | None,
) -> None:
    """Show what a change does to a model: parts added, removed, changed; findings.

    OLD and NEW are model files, or REV:PATH for a file at a git revision
    (archgen diff main:models/stage7.yaml models/stage7.yaml). Exits 0 whatever the
    diff, unless --fail-on is given and the change introduces findings that reach it.
    """
    from archgen.diff.command import run_diff

    use_colour = sys.stdout.isatty() if colour is None else colour
    text, failed = run_diff(
        old,
        new,
        fmt=fmt,
        out_dir=out_dir,
        fail_on=fail_on,
        rules_url=rules_url,
        colour=use_colour,
        reader=_reader_for((old, new)),
    )
    click.echo(text, color=use_colour)
    if failed:
        raise FindingsError("")


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table for people, or every field and page section as JSON.",
)
def rules_command(fmt: str) -> None:
    """List the design rules: id, name, pillar, severity, stage they apply from."""
    from archgen.rules import catalogue
    from archgen.rules.pages import as_json, as_table

    entries = catalogue()
    click.echo(as_json(entries) if fmt == "json" else as_table(entries))


@cli.command(epilog=EPILOG)
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> None:
    """Show one rule's page: what it checks, why it matters, a bad and a good model."""
    from archgen.rules import catalogue
    from archgen.rules.pages import as_page, find_rule, unknown_rule_message

    entries = catalogue()
    rule = find_rule(entries, rule_id)
    if rule is None:
        raise InputError(unknown_rule_message(entries, rule_id))
    click.echo(as_page(rule))


def main() -> None:
    """Console entry point: never a traceback for user errors."""
    # pydantic looks through every installed distribution for plugins when it builds the
    # model's validator (~20 ms); the command line uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        cli.main(standalone_mode=False, prog_name="archgen")
    except ArchgenError as error:
        if error.message:
            click.echo(error.message, err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
