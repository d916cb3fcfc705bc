"""The small stand-ins the render path uses to skip heavy imports give the same answers."""

from __future__ import annotations

import hashlib
import html
import shutil
import string

from hypothesis import given
from hypothesis import strategies as st

from archgen.digest import sha256, sha256_hex
from archgen.render.graphviz import _which
from archgen.render.svg import _unescape, xml_text

ENTITY_TEXT = st.text(alphabet="&#x;0123456789abcdefXltgmpquonbs <>\"'é", max_size=24)


@given(ENTITY_TEXT)
def test_unescape_is_html_unescape(text: str) -> None:
    assert _unescape(text) == html.unescape(text)
    assert _unescape(html.escape(text)) == text


@given(st.text(alphabet=string.printable + "é€", max_size=40))
def test_xml_text_is_html_escape_of_printable_text(text: str) -> None:
    cleaned = "".join(" " if (ord(c) < 32 and c not in "\n\t") or c == "\r" else c for c in text)
    assert xml_text(text) == html.escape(cleaned, quote=True)


@given(st.binary(max_size=300))
def test_sha256_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    digest = sha256()
    digest.update(data)
    digest.update(b"more")
    assert digest.hexdigest() == hashlib.sha256(data + b"more").hexdigest()


def test_which_finds_what_shutil_finds() -> None:
    for name in ("dot", "sh", "no-such-program-archgen"):
        assert _which(name) == shutil.which(name)
