"""Escaping model text for generated Markdown pages.

Model text (titles, summaries, decisions, labels) is data, never markup: a summary
containing `<script>` or `[click](javascript:alert(1))` must show as those characters.
The page templates output Markdown, so escaping HTML alone is not enough: the characters
that Markdown or a common extension gives a meaning inside a line (emphasis, code,
links, attributes, tables, math, strike-through, marks, keys, emoji) become numeric
character references, which Markdown never reads as syntax and the browser shows as
the character itself; so do the few that matter only at the start of a line (headings,
lists, quotes, tabs, admonitions) or doubled (snippets, keys). Escaping only these keeps
pages fast to convert: ordinary text (ids like `ap-northeast-2`, sentences) passes as is.
Filters that build trusted markup return `Markup`, so the template environment does
not escape them twice.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_INLINE = "\\`*_[]{}|$~^=:"
_SPECIAL = re.compile(
    "["
    + re.escape("".join(_HTML) + _INLINE)
    + "]"  # anywhere
    + r"|(?<=-)-|-(?=-)|(?<=\+)\+|\+(?=\+)"  # doubled: --8<--, ++ctrl++
    + r"|^[#\-+!?.]"  # first character: heading, list, admonition, details
    + r"|(?<=^\d)[.)]|(?<=^\d\d)[.)]|(?<=^\d\d\d)[.)]"  # ordered list: 1. or 1)
)
_WHITESPACE = re.compile(r"\s+")


def _reference(match: re.Match[str]) -> str:
    character = match.group(0)
    return _HTML.get(character) or f"&#{ord(character)};"


def md_text(value: object) -> Markup:
    """`value` as inline Markdown text: whitespace folded to one line, nothing interpreted."""
    if isinstance(value, Markup):
        return value
    text = _WHITESPACE.sub(" ", str(value))
    body = text.lstrip()  # a leading space must not hide a list marker from `^`
    return Markup(text[: len(text) - len(body)] + _SPECIAL.sub(_reference, body))


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
