"""The command line: parse options, call the pipeline, map errors to exit codes.

Each command imports what it needs inside its function, so `archgen --help` and
`archgen validate` never pay for the renderer or the site builder.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from archgen import __version__, terminal
from archgen.errors import ArchgenError, FindingsError, InputError, file_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from archgen.config import Config
    from archgen.load.inputs import Inputs
    from archgen.load.run import ModelLoader

F = TypeVar("F", bound="Callable[..., object]")

FAIL_ON = click.Choice(["error", "warning", "info", "never"])
EPILOG = (
    "Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input, "
    "3 missing tool or full disk, 130 interrupted (Ctrl-C), 143 terminated."
)
ROOT = click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False),
    help="Project root: `extends` and nested stack templates read only files under it "
    "(default: the git work tree "
    "holding the first model, else the first model's folder).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="archgen")
def cli() -> None:
    """Diagram-as-code for AWS architectures that also checks the design.

    Describe each stage of an architecture in a YAML model; archgen validates it
    against design rules, renders AWS diagrams and publishes a documentation site.
    """


SELECT = click.option(
    "--select",
    multiple=True,
    metavar="LIST",
    help="Show only these findings: rule ids (REL001), id prefixes (SEC), pillars "
    "(security) or severities (error); comma-separated or repeated. Replaces the "
    "configuration's select.",
)
IGNORE = click.option(
    "--ignore",
    multiple=True,
    metavar="LIST",
    help="Hide these findings (rule ids, id prefixes, pillars, severities, as --select). "
    "Replaces the configuration's ignore.",
)
SHOW_UPCOMING = click.option(
    "--show-upcoming/--hide-upcoming",
    default=None,
    help="Show the upcoming findings too: those of rules that apply from a later stage "
    "than the model's (as info, never failing --fail-on). Hidden by default.",
)
QUIET = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print the findings only, without the summary line (as ruff's --quiet).",
)
COLOUR = click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour the text (default: when writing to a terminal, unless NO_COLOR is set; "
    "FORCE_COLOR colours a pipe too).",
)


def _fail_on_option(extra: str = "") -> Callable[[F], F]:
    return click.option(
        "--fail-on",
        type=FAIL_ON,
        default=None,
        help=f"Exit 1 when a finding shown is at or above this severity{extra}. "
        "[default: the configuration's fail-on, else error]",
    )


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default="text",
    show_default=True,
    help="Report format: text for people, json for scripts, sarif for code scanning, "
    "github for annotations in a GitHub Actions workflow.",
)
@_fail_on_option()
@SELECT
@IGNORE
@SHOW_UPCOMING
@QUIET
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule has, not the findings (text format).",
)
@COLOUR
@ROOT
def validate(
    paths: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    show_upcoming: bool | None,
    quiet: bool,
    statistics: bool,
    colour: bool | None,
    root: str | None,
) -> None:
    """Check models against the design rules.

    PATH is a model file, a folder (its *.yaml and *.yml files that hold an
    `archgen:` key), - for a model on stdin, or REV:PATH for a file at a git revision;
    without PATH, the configuration's models folder. Every problem in the input is
    reported as file:line:col, then each finding once, as
    `path:line:col: severity RULE [component] message`. With input problems, json, sarif
    and github still print a document that lists them.

    Defaults come from [tool.archgen] in pyproject.toml or from archgen.toml (the
    nearest, from the current folder up); options given here override them.
    """
    from archgen.validate_command import run_validate

    if statistics and fmt != "text":
        raise click.UsageError("--statistics counts findings in the text format only")
    config = _config()
    inputs = _inputs(paths, config)
    failed = run_validate(
        inputs.paths,
        fmt=fmt,
        fail_on=fail_on or config.fail_on or "error",
        selection=config.selection(select, ignore, show_upcoming),
        quiet=quiet,
        statistics=statistics,
        colour=terminal.wants_colour(colour, sys.stdout),
        loader=_loader_for(inputs, root),
        site_url=config.site_url,
    )
    if failed:
        raise FindingsError("")


def _config() -> Config:
    from archgen.config import load_config

    return load_config()


def _inputs(paths: Sequence[str], config: Config) -> Inputs:
    """The model paths: folders expanded, `-` read from stdin; without any, the
    configuration's models folder."""
    from archgen.load.inputs import expand

    if not paths:
        if config.models is None:
            raise click.UsageError(
                "name a model, a folder or - (or set models in pyproject.toml's "
                "[tool.archgen] or in archgen.toml)"
            )
        paths = (str(config.models),)
    return expand(paths, lambda note: terminal.echo(note, err=True))


def _loader_for(inputs: Inputs | Sequence[str], root: str | None) -> ModelLoader:
    """The run's loader: it also reads `REV:PATH` (a file at a git revision) if any path
    may be one (see `archgen.load.git_reader`), or the model on stdin; `extends` stays
    under `root`."""
    from archgen.load.run import ModelLoader

    paths = inputs if isinstance(inputs, Sequence) else inputs.paths
    if not isinstance(inputs, Sequence) and inputs.stdin is not None:
        from archgen.load.git_reader import has_rev_paths
        from archgen.load.inputs import STDIN
        from archgen.load.reader import TextReader

        if has_rev_paths(p for p in paths if p != STDIN):
            raise InputError("-: a model on stdin cannot be checked with REV:PATH models")
        return ModelLoader(TextReader({STDIN: inputs.stdin}), root)
    if not any(":" in path for path in paths):
        return ModelLoader(root=root)  # the common case, without importing the git reader
    from archgen.load.git_reader import GitReader, has_rev_paths

    return ModelLoader(GitReader() if has_rev_paths(paths) else None, root)


@cli.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Folder for the diagram files (default: the current directory; needed for a "
    "model on stdin).",
)
@click.option(
    "--format",
    "formats",
    default="svg,png",
    show_default=True,
    metavar="LIST",
    help="Comma-separated formats: svg, png, mermaid, dot, drawio (editable in "
    "diagrams.net), html (one interactive page: pan, zoom, click for findings).",
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
    "--view",
    metavar="NAME",
    help="Draw only the view NAME of each model (its views: key) as MODEL.NAME.svg, "
    "... (default: the whole model and every view).",
)
@_fail_on_option(" (files are still written)")
@SELECT
@IGNORE
@SHOW_UPCOMING
@QUIET
@ROOT
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="Stop Graphviz when one drawing's layout takes longer (exit 3).",
)
@click.option(
    "--theme",
    type=click.Choice(["light", "dark"]),
    default="light",
    show_default=True,
    help="Colours of the svg, png and html diagrams (dark: the site's slate palette).",
)
def render(
    paths: tuple[str, ...],
    out_dir: str | None,
    formats: str,
    dpi: int,
    highlight_findings: bool,
    fenced: bool,
    view: str | None,
    fail_on: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    show_upcoming: bool | None,
    quiet: bool,
    root: str | None,
    timeout: float,
    theme: str,
) -> None:
    """Draw each model as AWS diagrams: stage7.yaml gives stage7.svg, stage7.png, ...
    and each view the model declares, stage7.NAME.svg, ...

    PATH is as for validate: a model file, a folder of models, - for stdin (then -o is
    needed, and the files are named after the model's name), or REV:PATH. Validates
    first: findings are printed on stderr; a model that does not load stops
    everything before a file is written. Each model's files are replaced together, or
    not at all when drawing fails or is interrupted.
    """
    from archgen.render.command import run_render

    config = _config()
    inputs = _inputs(paths, config)
    if inputs.stdin is not None and out_dir is None:
        raise InputError("-: a model read from stdin is drawn only with -o FOLDER")
    failed = run_render(
        inputs.paths,
        out_dir=out_dir or ".",
        formats=formats,
        dpi=dpi,
        highlight_findings=highlight_findings,
        fenced=fenced,
        view=view,
        timeout=timeout,
        theme=theme,
        fail_on=fail_on or config.fail_on or "error",
        selection=config.selection(select, ignore, show_upcoming),
        quiet=quiet,
        loader=_loader_for(inputs, root),
    )
    if failed:
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
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as error:  # the file asked for, or the folder in the way
            raise file_error(error, error.filename or output, "cannot write") from None
    else:
        terminal.echo(text, nl=False)


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
    from archgen.model.json_schema import schema_text
    from archgen.model.scaffold import write_scaffold
    from archgen.rules import catalogue

    stage = None if parent is None else _stage_of(parent)
    try:
        done = write_scaffold(
            name, parent, output, force, lambda: schema_text(catalogue()), parent_stage=stage
        )
    except OSError as error:  # a folder that cannot be made or written, a name too long
        raise file_error(error, output or f"{name}.yaml", "cannot write") from None
    for path in (done.model, done.schema):
        if path is not None:
            terminal.echo(terminal.text([["wrote ", path]]), err=True)
    if done.note is not None:
        terminal.echo(terminal.text([done.note]), err=True)


def _stage_of(path: str) -> int | None:
    """The stage of the model at `path` (inherited through `extends`); its problems,
    located, as `InputError`."""
    from archgen.load.loader import load_model
    from archgen.load.problems import ModelError

    try:
        return load_model(path).model.stage
    except ModelError as error:
        raise InputError(error.problems) from None


@cli.command(epilog=EPILOG)
@click.argument("models_dir", required=False, type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--output",
    default="build/site",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of the built HTML site: a new or empty folder, or a site archgen built "
    "there before (replaced only when the build succeeds).",
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
@ROOT
def site(
    models_dir: str | None, output: str, serve: bool, dev_addr: str, title: str, root: str | None
) -> None:
    """Build the documentation site of a folder of models (MkDocs-material).

    One page per stage (diagram, trade-offs, caching, findings, changes), the caching
    policies, the environment layout, the rules and a pillar-by-stage matrix. Diagrams
    are kept in the user's cache folder, so a rebuild re-renders only changed models.

    archgen replaces the -o folder as a whole, so it refuses a folder that holds
    anything it did not write: each site lists its files in .archgen-site.json, and a
    folder holding other files (or the models, the current folder, a git repository,
    your home folder) is never replaced.
    """
    from pathlib import Path

    from archgen.publish.standalone import build_site, serve_site
    from archgen.user_cache import cache_folder

    models = Path(models_dir) if models_dir else _config().models or Path("models")
    cache = cache_folder()
    top = Path(root) if root else None
    if serve:
        serve_site(models, cache_dir=cache, dev_addr=dev_addr, title=title, root=top)
        return
    seconds = build_site(models, Path(output), cache_dir=cache, title=title, root=top)
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
    help="Base URL of the rule pages the Markdown links to (RULE/ is appended). "
    "[default: the configuration's site-url + rules/, else archgen's own rule pages]",
)
@COLOUR
@ROOT
def diff(
    old: str,
    new: str,
    fmt: str,
    out_dir: str | None,
    fail_on: str,
    rules_url: str | None,
    colour: bool | None,
    root: str | None,
) -> None:
    """Show what a change does to a model: parts added, removed, changed; findings.

    OLD and NEW are model files, or REV:PATH for a file at a git revision
    (archgen diff main:models/stage7.yaml models/stage7.yaml). Exits 0 whatever the
    diff, unless --fail-on is given and the change introduces findings that reach it.
    """
    from archgen.diff.command import run_diff

    use_colour = terminal.wants_colour(colour, sys.stdout)
    from archgen.rules.base import DEFAULT_SITE_URL, RULES_FOLDER

    site_url = _config().site_url or DEFAULT_SITE_URL
    shown, failed = run_diff(
        old,
        new,
        fmt=fmt,
        out_dir=out_dir,
        fail_on=fail_on,
        rules_url=rules_url or site_url + RULES_FOLDER,
        colour=use_colour,
        loader=_loader_for((old, new), root),
    )
    terminal.echo(shown, colour=use_colour)
    if failed:
        raise FindingsError("")


#: where `archgen import …` writes the model
IMPORT_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    callback=lambda _ctx, _param, value: None if value == "-" else value,
    help="Write the model here, not stdout ('-': stdout).",
)


def _imported(text: str | None, output: str | None) -> None:
    """Show an imported model's text, or say where it was written."""
    if text is not None:
        terminal.echo(text, nl=False)
    else:
        terminal.echo(f"wrote {terminal.printable(output or '')}", err=True)


@cli.group("import", epilog=EPILOG)
def import_group() -> None:
    """Make a model from infrastructure as code that already exists."""


@import_group.command("cloudformation", epilog=EPILOG)
@click.argument("template", metavar="TEMPLATE")
@IMPORT_OUTPUT
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A template parameter's value (the others take their defaults); repeatable.",
)
@click.option(
    "--region",
    help="The region the stack is deployed to (default: a region parameter's default, "
    "else us-east-1).",
)
@ROOT
def import_cloudformation(
    template: str,
    output: str | None,
    params: tuple[str, ...],
    region: str | None,
    root: str | None,
) -> None:
    """Import a CloudFormation or SAM template (YAML or JSON) as an archgen model.

    Nested stacks whose template is a local file are imported too. Every resource is
    drawn as a component, read into settings and connections, or left out with a
    reason that the model's header lists. `archgen validate TEMPLATE` checks a
    template directly, with findings at the template's lines.
    """
    from archgen.iac.command import run_import

    _imported(run_import(template, output, params, region, root), output)


@import_group.command("terraform", epilog=EPILOG)
@click.argument("path", metavar="DIR|PLAN.json")
@IMPORT_OUTPUT
@click.option(
    "--var",
    "variables",
    multiple=True,
    metavar="KEY=VALUE",
    help="A variable's value (the others take their defaults); repeatable.",
)
@click.option(
    "--region",
    help="The region deployed to (default: the aws provider's region, else us-east-1).",
)
@ROOT
def import_terraform(
    path: str,
    output: str | None,
    variables: tuple[str, ...],
    region: str | None,
    root: str | None,
) -> None:
    """Import a Terraform configuration folder (or `terraform show -json` output) as an
    archgen model.

    Modules from local paths are imported too; `count` and `for_each` are expanded
    where their value is written out. Every resource is drawn as a component, read
    into settings and connections, or left out with a reason that the model's header
    lists; an AWS type archgen does not know yet is drawn as a generic component.
    `archgen validate main.tf` checks a configuration directly.
    """
    from archgen.iac.terraform import run_import_terraform

    _imported(run_import_terraform(path, output, variables, region, root), output)


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
    terminal.echo(as_json(entries) if fmt == "json" else as_table(entries))


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
    terminal.echo(as_page(rule, _config().site_url))


def main() -> None:
    """Run the command line; every error ends as a message and an exit code, never a traceback.

    The console entry point (`archgen.__main__.main`) wraps this in the Ctrl-C and
    SIGTERM handling, so that an interrupt during the imports above is handled too.
    """
    # pydantic looks through every installed distribution for plugins when it builds the
    # model's validator (~20 ms); the command line uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        code = cli.main(standalone_mode=False, prog_name="archgen")
    except ArchgenError as error:
        _fail(error.message, error.exit_code)
    except click.exceptions.Abort:  # click's form of Ctrl-C
        raise KeyboardInterrupt from None
    except click.ClickException as error:  # a usage error: click's message, with usage
        shown = io.StringIO()
        error.show(shown)
        _fail(shown.getvalue().rstrip("\n"), 2)
    except OSError as error:  # a file that could not be read or written
        failure = file_error(error, error.filename or "archgen")
        _fail(failure.message, failure.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, exit_code: int) -> NoReturn:
    if message:
        terminal.echo(terminal.printable_lines(message), err=True)
    sys.exit(exit_code)
