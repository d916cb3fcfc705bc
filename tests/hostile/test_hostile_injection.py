"""No injection: text from a model comes out as text in DOT, SVG, Mermaid, Markdown and
HTML, never as markup or syntax; output file names stay in the output folder.

The model below is valid: every nasty string sits in free text (titles, labels,
summaries, descriptions, decisions), where archgen must carry it faithfully.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from archgen.diff import compare
from archgen.diff.markdown import as_markdown
from archgen.load.loader import LoadedModel, load_model
from archgen.render import render_files, svg_text
from archgen.render.mermaid import to_mermaid
from tests.hostile.hostile_support import run_in_process

#: short enough to stay on one line of a node (no wrapping), nasty in every format
LABEL = "<b>&\"'{x}|\\"
SCRIPT = "<script>document.title='pwned'</script>"
TEXTS = {
    "title": f"Title {SCRIPT} ]]> <!-- & \"q\" 'a'",
    "summary": f"Summary {SCRIPT}\n\n| a | b |\n**bold** [x](javascript:alert(1)) {{{{ config }}}}",
    "label": LABEL,
    "edge": "a->b [color=red] \\l \\N",
    "description": f'"><img src=x onerror=alert(1)> {SCRIPT}',
    "decision": f"Use {SCRIPT} | pipes | and `ticks` and \n newlines",
}


def hostile_model(extra: dict[str, object] | None = None) -> dict[str, object]:
    """A valid model whose free text is all hostile."""
    return {
        "archgen": 1,
        "name": "hostile",
        "stage": 1,
        "title": TEXTS["title"],
        "summary": TEXTS["summary"],
        "components": [
            {"id": "users", "kind": "client", "label": TEXTS["label"]},
            {
                "id": "web",
                "kind": "compute",
                "label": "Web",
                "description": TEXTS["description"],
            },
            *((extra or {}).get("components", [])),  # type: ignore[misc]
        ],
        "connections": [{"from": "users", "to": "web", "label": TEXTS["edge"]}],
        "decisions": [
            {"id": "d1", "title": TEXTS["decision"], "decision": TEXTS["decision"]},
        ],
    }


def write_model(folder: Path, name: str, data: dict[str, object]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedModel:
    return load_model(write_model(tmp_path, "hostile.yaml", hostile_model()))


def test_dot_text_is_accepted_by_graphviz_as_is(loaded: LoadedModel, tmp_path: Path) -> None:
    import diagrams

    dot = render_files(loaded, tmp_path, "hostile", ["dot"])["dot"].read_text("utf-8")
    root = Path(diagrams.__file__).resolve().parent.parent  # as the DOT header says
    result = subprocess.run(
        ["dot", f"-Gimagepath={root}", "-Tcanon"], input=dot, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # one graph, one node per component, one edge: nothing the text smuggled in
    canon = result.stdout
    assert len(re.findall(r"^\s*\"?c-[a-z]+\"?\s*\[", canon, re.MULTILINE)) == 2
    assert len(re.findall(r"->", canon.replace(TEXTS["edge"], ""))) >= 1
    assert "color=red" not in dot.replace("&#91;color=red&#93;", "")


def _svg_texts(root: ElementTree.Element) -> list[str]:
    return [
        (element.text or "")
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in ("text", "title")
    ]


def test_svg_is_xml_with_no_script_and_the_text_as_written(loaded: LoadedModel) -> None:
    svg = svg_text(loaded)
    root = ElementTree.fromstring(svg)  # raises on anything but well-formed XML
    tags = {element.tag.rsplit("}", 1)[-1].lower() for element in root.iter()}
    assert "script" not in tags and "foreignobject" not in tags
    for element in root.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.attrib
    texts = _svg_texts(root)
    assert LABEL in texts  # a text node equal to the input, entities decoded by the parser
    joined = "\n".join(texts)
    assert SCRIPT in joined  # the summary or tooltip shows the script tag as text


def test_mermaid_quotes_and_escapes_every_label(loaded: LoadedModel) -> None:
    text = to_mermaid(loaded.model).replace("<br/>", "\n")  # archgen's own line breaks
    assert LABEL not in text
    for char in '<>"&|{}`\\':
        inside = [m for m in re.findall(r'"([^"]*)"', text) if char in m]
        assert inside == [], f"raw {char!r} inside a Mermaid label: {inside}"
    assert "<script" not in text
    assert "color=red" in text  # the edge label survives, as inert text


class _Elements(HTMLParser):
    """Collects start tags and text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.in_script = False
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.in_script = tag == "script"
        if tag in ("title", "textarea"):  # raw text up to the end tag, as browsers read it
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self.in_script else self.text).append(data)


def _html(markdown_text: str) -> _Elements:
    import markdown

    parser = _Elements()
    parser.feed(markdown.markdown(markdown_text, extensions=["tables"]))
    return parser


def test_diff_markdown_shows_hostile_text_as_text(tmp_path: Path) -> None:
    old = load_model(write_model(tmp_path, "old.yaml", hostile_model()))
    newer = hostile_model(
        {"components": [{"id": "db", "kind": "database", "label": LABEL, "holds": SCRIPT}]}
    )
    newer["title"] = f"New {SCRIPT} | x |"
    newer["decisions"] = [
        *newer["decisions"],  # type: ignore[list-item]
        {"id": "d2", "title": f"{SCRIPT} | pipes | **not bold**", "decision": "x"},
    ]
    new = load_model(write_model(tmp_path, "new.yaml", newer))
    text = as_markdown(compare(old, new))
    html = _html(text)
    assert not [tag for tag, _ in html.tags if tag in ("script", "img", "iframe", "b")]
    assert not [a for _, attrs in html.tags for a, _ in attrs if a.startswith("on")]
    shown = "".join(html.text)
    assert f"New {SCRIPT} | x |" in shown  # the changed title, as written
    assert f"{SCRIPT} | pipes | **not bold**" in shown  # the new decision, as written
    cells: list[int] = []  # a pipe in the text must not add a table cell
    for tag, _ in html.tags:
        if tag == "tr":
            cells.append(0)
        elif tag in ("td", "th"):
            cells[-1] += 1
    assert cells and set(cells) <= {4, 5}, cells  # the changes table, the findings table


def test_an_output_file_name_never_leaves_the_output_folder(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    odd = ["..yaml", "...yaml", "-o.yaml", "a b.yaml", "ü.yaml", ".hidden.yaml"]
    for name in odd:
        write_model(models, name, {"archgen": 1, "name": "odd", "components": []})
    out = tmp_path / "deep" / "out"
    for name in odd:
        outcome = run_in_process(
            "render", "--format", "mermaid,dot", "-o", str(out), "--", name, cwd=models
        )
        assert outcome.code == 0, outcome.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file() and models not in p.parents]
    assert written and all(out in p.parents for p in written), written
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) != []
    assert not (tmp_path / "deep" / "out.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is needed by the site")
def test_site_html_shows_hostile_text_as_text(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    write_model(models, "stage1.yaml", hostile_model())
    out = tmp_path / "site"
    outcome = run_in_process("site", str(models), "-o", str(out), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr
    pages = [p for p in out.rglob("*.html") if "pwned" in p.read_text("utf-8", "replace")]
    assert pages
    for page in pages:
        parser = _Elements()
        parser.feed(page.read_text("utf-8"))
        injected = [s for s in parser.scripts if "pwned" in s or "alert(1)" in s]
        assert injected == [], page
        attrs = [v for _, a in parser.tags for k, v in a if k.startswith("on") and v]
        assert not [v for v in attrs if "alert" in v], page
        assert not [t for t, a in parser.tags if t == "img" and ("src", "x") in a], page
    shown = "".join("".join(_texts(p)) for p in pages)
    assert SCRIPT in shown  # shown literally, as text


def test_a_title_cannot_close_the_html_title_element(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    title = "T </title><script>document.title='pwned'</script><title>"
    write_model(models, "stage1.yaml", {**hostile_model(), "title": title})
    out = tmp_path / "site"
    assert run_in_process("site", str(models), "-o", str(out), cwd=tmp_path).code == 0
    for page in out.rglob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text("utf-8"))
        assert [s for s in parser.scripts if "pwned" in s] == [], page


def _texts(page: Path) -> list[str]:
    parser = _Elements()
    parser.feed(page.read_text("utf-8"))
    return parser.text


@pytest.mark.parametrize("name", ["../../escape", "a/b", "..", "/tmp/x", "x\ny", "web\x01"])
def test_new_refuses_a_name_that_is_a_path(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    outcome = run_in_process("new", name, cwd=folder)
    assert outcome.code == 2
    assert "Traceback" not in outcome.stderr
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


HOSTILE_FILE = 'x"><img src=x onerror=alert(1)>.yaml'


def _two_stage_site(tmp_path: Path, first: str, second: str) -> Path:
    models = tmp_path / "models"
    models.mkdir()
    for number, name in ((1, first), (2, second)):
        data = {"archgen": 1, "name": f"s{number}", "stage": number, "components": []}
        write_model(models, name, data)
    out = tmp_path / "site"
    outcome = run_in_process("site", str(models), "-o", str(out), cwd=tmp_path)
    assert outcome.code == 0, outcome.stderr
    return out


def test_a_hostile_model_file_name_stays_in_the_site_and_is_escaped(tmp_path: Path) -> None:
    out = _two_stage_site(tmp_path, HOSTILE_FILE, "stage2.yaml")
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "models" not in p.parts]
    outside = [p for p in written if out not in p.parents]  # drawings go to the user cache
    assert outside == []
    assert any(p.name.startswith('x"><img') for p in out.iterdir())
    for page in out.rglob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text("utf-8"))
        assert not [t for t, a in parser.tags if t == "img" and ("src", "x") in a], page


def test_a_hidden_model_file_is_not_a_stage_and_nothing_links_to_it(tmp_path: Path) -> None:
    # MkDocs drops pages whose names start with '.': such a file is skipped, like
    # other hidden files in the folder (an editor's backup, say)
    out = _two_stage_site(tmp_path, "stage1.yaml", ".hidden.yaml")
    pages = {p.parent.name for p in out.rglob("index.html")}
    assert "stage1" in pages and ".hidden" not in pages
    for page in out.rglob("*.html"):
        assert ".hidden" not in page.read_text("utf-8"), page
