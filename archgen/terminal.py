"""Text for a terminal or a CI log: what a model says is shown, never obeyed.

A model's free text (a label, a summary, an environment's override) and a model file's
name can hold ESC, CSI (U+009B), BEL and the other C0 and C1 controls, or Unicode bidi
controls. Written as they are, they could set the terminal's title, hide or rewrite
lines, reorder what is shown, or forge a finding line in a CI log. So every text writer
builds its lines with `text` (or `printable_lines`), which writes each such character as
Python writes it in a string literal (``\\x1b``, ``\\u202e``, ``\\n``) before archgen
adds its own colours; JSON writers use `json_text`. `echo` is how the lines get out.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import NamedTuple

#: DEL and the C1 controls, the bidi controls, line and paragraph separators, and lone
#: surrogates (the undecodable bytes of a file name): what `json.dumps` leaves as it is
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"


@functools.cache
def _unsafe(in_json: bool) -> re.Pattern[str]:
    """The characters to escape (compiled on first use: it costs a millisecond)."""
    return re.compile(f"[{_BEYOND_C0}]" if in_json else f"[\x00-\x1f{_BEYOND_C0}]")


def printable(value: str) -> str:
    """`value` with every control character written as an escape: one line, inert."""
    if value.isprintable():  # the common case: no control, format or separator character
        return value
    return _unsafe(False).sub(lambda match: repr(match[0])[1:-1], value)


class Styled(NamedTuple):
    """A piece of a line that is coloured when colour is on (escaped like any other)."""

    text: str
    fg: str | None = None
    bold: bool = False


#: a line: plain text, one styled piece, or pieces put side by side
Line = str | Styled | Sequence[str | Styled]


def text(lines: Iterable[Line], colour: bool = False) -> str:
    """The lines as terminal text: every piece escaped, then coloured if `colour`.

    A newline inside a piece is escaped too, so text from a model stays on its line.
    """
    return "\n".join(_line(line, colour) for line in lines)


def _line(line: Line, colour: bool) -> str:
    pieces = [line] if isinstance(line, str | Styled) else line
    out = []
    for piece in pieces:
        if isinstance(piece, Styled):
            shown = printable(piece.text)
            # bold=None, not False: False would write a "not bold" code of its own
            import click  # here: `printable` alone (errors.py uses it) needs no click

            style = click.style(shown, fg=piece.fg, bold=piece.bold or None)
            out.append(style if colour else shown)
        else:
            out.append(printable(piece))
    return "".join(out)


def printable_lines(value: str) -> str:
    """`value`, a text of lines (Markdown, a message), with each line made `printable`."""
    return "\n".join(printable(line) for line in value.split("\n"))


def json_text(document: object) -> str:
    """`document` as indented JSON whose strings carry no raw control character.

    `json.dumps` escapes C0 controls only; C1 controls, bidi controls and lone
    surrogates are written as ``\\uXXXX`` escapes too, which JSON readers decode back.
    """
    import json

    dumped = json.dumps(document, indent=2, ensure_ascii=False)
    if dumped.isascii() and "\x7f" not in dumped:
        return dumped
    return _unsafe(True).sub(lambda match: f"\\u{ord(match[0]):04x}", dumped)


def wants_colour(asked: bool | None, stream: object) -> bool:
    """Whether to colour text written to `stream`: as asked (``--color``/``--no-color``),
    else never when ``NO_COLOR`` is set (any non-empty value, https://no-color.org),
    else always when ``FORCE_COLOR`` is set (non-empty), else when `stream` is a terminal.
    """
    if asked is not None:
        return asked
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def echo(value: str, *, err: bool = False, colour: bool = False, nl: bool = True) -> None:
    """Write `value` (made by `text`, `printable_lines` or `json_text`) and a newline.

    A reader that went away (``archgen … | head``) ends the output quietly: what is
    left is discarded and the command's exit code stands. Any other failure to write
    stdout (a full disk) is `ToolError` (exit 3); a failing stderr is left silent,
    since there is nowhere to report it.
    """
    import click

    try:
        click.echo(value, err=err, color=colour, nl=nl)
    except OSError as error:
        _discard(sys.stderr if err else sys.stdout)
        if err or error.errno == errno.EPIPE:
            return
        from archgen.errors import ToolError

        raise ToolError(f"<stdout>: cannot write: {error.strerror}") from None


def _discard(stream: object) -> None:
    """Point `stream`'s file descriptor at the null device, so that the flush at exit
    neither fails nor prints Python's "Exception ignored … BrokenPipeError"."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())  # type: ignore[attr-defined]
        finally:
            os.close(null)
