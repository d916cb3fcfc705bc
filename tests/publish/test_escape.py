"""Model text in generated Markdown shows as text: no tag, link or formatting gets in."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.publish.escape import code_block, code_span, md_text
from archgen.publish.plugin import EXTENSIONS

#: the generated pages' extensions, and inline ones a site using the plugin may add
TEST_EXTENSIONS = [
    *EXTENSIONS,
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.keys",
    "pymdownx.arithmatex",
    "footnotes",
    "def_list",
    "abbr",
]


def to_html(text: str) -> str:
    """Markdown → HTML with the extensions the generated pages use (and a few more)."""
    return markdown.markdown(text, extensions=TEST_EXTENSIONS, extension_configs=EXTENSIONS)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_script_shows_as_text() -> None:
    page = to_html(f"Summary: {md_text('<script>alert(1)</script>')}")
    assert "<script" not in page
    assert parse(page).text == "Summary: <script>alert(1)</script>"


def test_no_link_emphasis_or_block_syntax_from_model_text() -> None:
    hostile = [
        "[click](javascript:alert(1))",
        "**bold** _em_ `code`",
        '!!! danger "fake admonition"',
        '=== "fake tab"',
        "# heading",
        "1. list",
        "- item",
        "<img src=x onerror=alert(1)>",
        "{ .class onclick=alert(1) }",
        "a | b | c",
        "~~struck~~ ^^inserted^^ ==marked== ++ctrl+alt++ $x^2$",
        "??? note",
        " - indented item",
        "12) numbered",
        "term\n: definition",
        '--8<-- "/etc/passwd"',
    ]
    for text in hostile:
        tags = parse(to_html(md_text(text)))
        assert tags.tags == ["p"], (text, tags.tags)
        assert tags.text == " ".join(text.split()), text


def test_table_cell_keeps_its_pipes() -> None:
    page = to_html(f"| a | b |\n|---|---|\n| {md_text('x | y')} | z |\n")
    cells = parse(page)
    assert cells.tags.count("td") == 2
    assert "x | y" in cells.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1))
def test_any_printable_text_round_trips_as_plain_text(text: str) -> None:
    folded = " ".join(text.split())
    if not folded:
        return
    page = parse(to_html(md_text(text)))
    assert page.tags == ["p"]
    assert page.text.strip() == folded.strip()


def test_code_block_holds_backticks_verbatim() -> None:
    text = "a: 1\n```\n<b>x</b>\n"
    page = to_html(code_block(text, "yaml"))
    assert html.unescape(parse(page).text).strip() == text.strip()
    assert "<b>" not in page


def test_code_span_escapes_html() -> None:
    page = to_html(f"x {code_span('<i>db</i>')}")
    assert "<i>" not in page
    assert "&lt;i&gt;db&lt;/i&gt;" in page
