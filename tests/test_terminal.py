"""`archgen.terminal`: control characters escaped for a terminal, JSON kept faithful."""

from __future__ import annotations

import json

import pytest

from archgen.terminal import Styled, json_text, printable, printable_lines, text
from tests.terminal_support import C0_CONTROLS, RAW


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),
        ("\x07\x00\x7f", "\\x07\\x00\\x7f"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\u202eabc\u202c \u2066x\u2069 \u061c\u200e\u200f", "\\u202eabc\\u202c \\u2066x\\u2069 "),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("bad-\udcff.yaml", "bad-\\udcff.yaml"),  # an undecodable byte of a file name
    ],
)
def test_printable_escapes_every_control(raw: str, shown: str) -> None:
    assert printable(raw).startswith(shown)
    assert not RAW.search(printable(raw))


def test_printable_keeps_text_in_any_script() -> None:
    words = "Café — 서울 — 東京 — مرحبا — 🙂 — a\u00a0b — 👩\u200d💻"
    assert printable(words) == words


def test_styled_text_is_escaped_before_it_is_coloured() -> None:
    lines = [Styled("head\x1b[8m", bold=True), ["  ", Styled("warning", fg="yellow"), " \x9b2J"]]
    plain = text(lines, colour=False)
    assert plain == "head\\x1b[8m\n  warning \\x9b2J"
    coloured = text(lines, colour=True)
    assert "\x1b[8m" not in coloured and "\x9b" not in coloured
    assert coloured.count("\x1b[0m") == 2  # archgen's own two styles, nothing else
    assert printable_lines("a\x1b\nb") == "a\\x1b\nb"


def test_json_text_round_trips_and_carries_no_raw_control() -> None:
    document = {"message": C0_CONTROLS, "path": "bad-\udcff.yaml", "n": [1, None]}
    dumped = json_text(document)
    assert json.loads(dumped) == document
    assert not RAW.search(dumped.replace("\n", " "))
    assert "\\u009b" in dumped and "\\u202e" in dumped
