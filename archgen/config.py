"""A project's defaults: `archgen.toml`, or `[tool.archgen]` in `pyproject.toml`.

The nearest file wins, found by walking up from the current folder; in one folder
`archgen.toml` comes before `pyproject.toml`, and a `pyproject.toml` without a
`[tool.archgen]` table is passed over (as ruff does). Command-line options override it.

    [tool.archgen]                 # or, in archgen.toml, the keys at the top level
    fail-on = "warning"            # error, warning, info or never
    select = ["SEC", "REL001"]     # rule ids, id prefixes, pillars, severities
    ignore = ["info"]
    show-upcoming = false
    site-url = "https://docs.example.com/architecture/"   # rule links: <site-url>rules/<id>/
    models = "architecture"        # the folder `validate`, `render` and `site` default to

A key archgen does not know, or a value of the wrong type, is an input error (exit 2)
located at its line: ``pyproject.toml:12: fail-on: expected one of ...``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archgen.common import did_you_mean
from archgen.errors import InputError, file_error
from archgen.rules.selection import Selection, split_tokens
from archgen.terminal import printable

FILE_NAMES = ("archgen.toml", "pyproject.toml")
FAIL_ON_LEVELS = ("error", "warning", "info", "never")
#: each key and the type of its value, as TOML writes it
_KEYS: dict[str, type] = {
    "fail-on": str,
    "select": list,
    "ignore": list,
    "show-upcoming": bool,
    "site-url": str,
    "models": str,
}


@dataclass(frozen=True)
class Config:
    """The defaults a configuration file sets; None (or empty) where it sets none."""

    path: Path | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    show_upcoming: bool = False
    #: the root of the published site, ending in "/"
    site_url: str | None = None
    #: the models folder, relative to the configuration file's folder
    models: Path | None = None

    def selection(
        self, select: Sequence[str], ignore: Sequence[str], show_upcoming: bool | None
    ) -> Selection:
        """Which findings to show: each command-line option where given (a comma-separated
        list, or the option repeated), else this file's value. `InputError` for a
        command-line token that names no rule, pillar or severity."""
        from archgen.rules import rule_classes

        given = Selection(split_tokens(select), split_tokens(ignore))
        given.check([rule.id for rule in rule_classes()])
        return Selection(
            given.select or self.select,
            given.ignore or self.ignore,
            self.show_upcoming if show_upcoming is None else show_upcoming,
        )


def find_config(start: Path) -> Path | None:
    """The nearest `archgen.toml`, or `pyproject.toml` with a `[tool.archgen]` table,
    in `start` or a folder above it."""
    for folder in (start, *start.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # not ours to judge: a file we cannot read has no archgen table
    return re.search(r"^\s*\[\s*tool\.archgen\s*\]", text, re.MULTILINE) is not None


def load_config(start: Path | None = None) -> Config:
    """The configuration found from `start` (the current folder), or an empty one.

    Raises `InputError` (exit 2) for a file that is no TOML, an unknown key or a value
    of the wrong type.
    """
    path = find_config((start or Path.cwd()).absolute())
    # relative to the current folder, as the user would type it (messages, model paths)
    return Config() if path is None else read_config(Path(os.path.relpath(path)))


def read_config(path: Path) -> Config:
    """The configuration of one file (see the module's docstring)."""
    import tomllib

    shown = printable(str(path))
    try:
        text = path.read_text(encoding="utf-8")
        document = tomllib.loads(text)
    except OSError as error:
        raise file_error(error, path, "cannot read") from None
    except UnicodeDecodeError:
        raise InputError(f"{shown}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        # Python 3.11's error has no line attribute: its message ends "(at line L, column C)"
        where = re.search(r"\(at line (\d+), column (\d+)\)$", str(error))
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(error))
        last = len(text.splitlines()) or 1  # "at end of document": its last line
        place = f"{shown}:{where[1]}:{where[2]}" if where else f"{shown}:{last}"
        raise InputError(f"{place}: not valid TOML: {reason}") from None
    table = document
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("archgen", {})
        if not isinstance(table, dict):
            raise InputError(f"{shown}: tool.archgen: expected a table")
    return _config(path, table, text)


def _config(path: Path, table: dict[str, Any], text: str) -> Config:
    def fail(key: str, why: str) -> InputError:
        line = _line_of(text, key, in_pyproject=path.name == "pyproject.toml")
        place = f"{printable(str(path))}:{line}" if line else printable(str(path))
        return InputError(f"{place}: {printable(key)}: {why}")

    for key, value in table.items():
        if key not in _KEYS:
            raise fail(key, f"unknown key{did_you_mean(key, _KEYS)}")
        expected = _KEYS[key]
        if not isinstance(value, expected):
            noun = {str: "a string", list: "a list of strings", bool: "true or false"}
            raise fail(key, f"expected {noun[expected]}, not {type(value).__name__}")
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise fail(key, "expected a list of strings")
            _check_tokens(value, key, fail)
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON_LEVELS:
        raise fail("fail-on", f"{fail_on!r} is not one of {', '.join(FAIL_ON_LEVELS)}")
    site_url = table.get("site-url")
    if site_url is not None:
        if not re.match(r"https?://[^/\s]+", site_url):
            raise fail("site-url", f"{site_url!r} is not an http(s) URL")
        site_url = site_url if site_url.endswith("/") else site_url + "/"
    models = table.get("models")
    folder = Path(os.path.normpath(path.parent / models)) if models is not None else None
    if folder is not None:
        # a repository's configuration is a pull request's to change: like `extends`, the
        # folder it names must lie under the project root, links resolved first
        from archgen.load.project import ProjectRoot

        root = ProjectRoot.around(str(path.parent))
        if not root.contains(os.path.realpath(folder)):
            raise fail("models", f"{models!r} is {root.outside()}")
    return Config(
        path=path,
        fail_on=fail_on,
        select=tuple(table.get("select", ())),
        ignore=tuple(table.get("ignore", ())),
        show_upcoming=table.get("show-upcoming", False),
        site_url=site_url,
        models=folder,
    )


def _check_tokens(tokens: list[str], key: str, fail: Callable[[str, str], InputError]) -> None:
    """A `fail` at `key` for a token that names no rule, pillar or severity."""
    from archgen.rules import rule_classes

    try:
        Selection(tuple(tokens)).check([rule.id for rule in rule_classes()])
    except InputError as error:  # "--select: 'X' is no rule id, ...": said of the key
        raise fail(key, error.message.split(": ", 1)[1]) from None


def _line_of(text: str, key: str, *, in_pyproject: bool) -> int | None:
    """The line (from 1) where `key` is set in archgen's table, if it can be found."""
    inside = not in_pyproject
    assignment = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("["):
            inside = not in_pyproject or re.match(r"\s*\[\s*tool\.archgen\s*\]", line) is not None
        elif inside and assignment.match(line):
            return number
    return None
