"""Escaping model text for generated Markdown pages.

Model text (titles, summaries, decisions, labels) is data, never markup: a summary
containing `<script>` or `[click](javascript:alert(1))` must show as those characters.
The page templates output Markdown, so escaping HTML alone is not enough: every ASCII
character that Markdown or its extensions give a meaning (emphasis, links, lists,
tables, admonitions, tabs) becomes a numeric character reference, which Markdown never
reads as syntax and the browser shows as the character itself. Filters that build
trusted markup return `Markup`, so the template environment does not escape them twice.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SYNTAX = "\\`*_{}[]()#+-.!|:=~^%$@"
_REPLACEMENTS = {**_HTML, **{c: f"&#{ord(c)};" for c in _SYNTAX}}
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_WHITESPACE = re.compile(r"\s+")


def md_text(value: object) -> Markup:
    """`value` as inline Markdown text: whitespace folded to one line, nothing interpreted."""
    if isinstance(value, Markup):
        return value
    text = _WHITESPACE.sub(" ", str(value))
    return Markup(_SPECIAL.sub(lambda match: _REPLACEMENTS[match.group(0)], text))


def finalize(value: object) -> object:
    """Jinja `finalize`: every `{{ value }}` in a page template is escaped unless trusted."""
    if value is None:
        return ""
    if isinstance(value, Markup | int | float):
        return value
    return md_text(value)


def attribute(value: object) -> Markup:
    """`value` for an HTML attribute inside a page (title, alt): HTML-escaped only."""
    text = _WHITESPACE.sub(" ", str(value)).strip()
    return Markup("".join(_HTML.get(c, c) for c in text))


def code_block(text: str, language: str = "") -> Markup:
    """A fenced code block holding `text` verbatim, whatever backticks it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{language}\n{text.rstrip()}\n{fence}")


def code_span(value: object) -> Markup:
    """An inline code span holding `value` verbatim (Markdown escapes it as HTML itself)."""
    text = _WHITESPACE.sub(" ", str(value)).strip()
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{ticks}{pad}{text}{pad}{ticks}")
