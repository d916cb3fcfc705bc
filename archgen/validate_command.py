"""`archgen validate PATH...`: load and check every model, print the findings as asked.

Every path is one model, a folder of models, or `-` for stdin (`archgen.load.inputs`).
The text report is one clickable line per finding; `--format` json, sarif and github
print a document (or annotations) that also lists the input problems.
"""

from __future__ import annotations

from collections.abc import Sequence

from archgen import terminal
from archgen.errors import InputError
from archgen.load.run import ModelLoader
from archgen.rules.selection import Selection


def run_validate(
    paths: Sequence[str],
    *,
    fmt: str,
    fail_on: str,
    selection: Selection,
    quiet: bool = False,
    statistics: bool = False,
    colour: bool = False,
    loader: ModelLoader | None = None,
    site_url: str | None = None,
) -> bool:
    """Validate `paths` and print the report; whether the findings shown reach `fail_on`.

    Raises `InputError` (exit 2) when a model does not load, after json, sarif and
    github have printed their document with the problems in it.
    """
    from archgen import report
    from archgen.validate import validate_paths

    result = validate_paths(paths, loader, selection)
    # JSON, SARIF and annotations carry the input problems too: CI keeps a document
    if fmt == "json":
        terminal.echo(report.as_json(result))
    elif fmt == "sarif":
        terminal.echo(report.as_sarif(result, site_url))
    elif fmt == "github":
        if result.findings or result.problems:
            terminal.echo(report.as_github(result))
    elif not result.problems:
        if statistics:
            terminal.echo(report.as_statistics(result, quiet=quiet))
        elif result.findings or not quiet:
            terminal.echo(report.as_text(result, colour, quiet=quiet), colour=colour)
    if result.problems:
        raise InputError(result.problems)
    return result.fails(fail_on)
