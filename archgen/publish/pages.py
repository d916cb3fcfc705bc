"""The generated pages of a site: their paths, their navigation, and their Markdown.

Every path here is relative to the folder the generated pages live in (the plugin's
`path` option), so the links between generated pages never depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup, escape

import archgen
from archgen.publish import describe
from archgen.publish.diagrams import view_stem
from archgen.publish.escape import attribute, code_block, code_span, finalize, md_text
from archgen.publish.journey import DARK_SUFFIX, Journey, Stage
from archgen.rules.base import rule_path

if TYPE_CHECKING:
    import jinja2

    from archgen.model.views import View
    from archgen.rules.base import RuleInfo

OVERVIEW = "index.md"
CACHING = "caching.md"
ENVIRONMENTS = "environments.md"
PILLARS = "pillars.md"
RULES_INDEX = "rules/index.md"
STYLESHEET = "assets/archgen.css"
#: the script that opens a diagram zoomable (pan and zoom, offline)
ZOOM_SCRIPT = "assets/archgen-zoom.js"
#: the site's own files among the templates: generated path → template file
ASSETS = {STYLESHEET: "archgen.css", ZOOM_SCRIPT: "archgen-zoom.js"}
#: the folder of the pages of independent models (the plugin's `examples` option)
EXAMPLES = "examples/"
EXAMPLES_INDEX = EXAMPLES + "index.md"

#: a navigation entry as mkdocs.yml writes it: a path, or {title: path or [entries]}
NavEntry = str | dict[str, Any]


def stage_page(stage: Stage) -> str:
    """The path of a stage's page."""
    return f"{stage.stem}.md"


def diagram_file(stage: Stage) -> str:
    """The path of a stage's diagram."""
    return f"{stage.stem}.svg"


def view_file(stage: Stage, view: View) -> str:
    """The path of the diagram of one of a stage's views."""
    return f"{view_stem(stage.stem, view.name)}.svg"


def changes_file(stage: Stage) -> str:
    """The path of a stage's diagram with its changes since the previous stage coloured."""
    return f"{stage.stem}-changes.svg"


def dark_file(svg_file: str) -> str:
    """The dark drawing of a diagram (``stage7-dark.svg``), shown with the slate palette."""
    return svg_file.removesuffix(".svg") + DARK_SUFFIX + ".svg"


def rule_page(rule_id: str) -> str:
    """The path of a rule's page: `rules/rel001.md`, which MkDocs builds into
    `rule_path`'s folder (`rules/rel001/`), where every other rule link points."""
    return rule_path(rule_id).rstrip("/") + ".md"


@dataclass(frozen=True)
class SiteContent:
    """What the site explains: the journey, the rule catalogue, and independent models
    (examples) if any."""

    journey: Journey
    rules: Sequence[RuleInfo]
    examples: Journey | None = None


def navigation(content: SiteContent, prefix: str) -> list[NavEntry]:
    """The navigation of the generated pages, each path under `prefix` (``""`` or ``"x/"``).

    Themes print navigation titles as HTML, unescaped: a title from a model is escaped
    here, so that `<script>` in a model's title shows as text in the menu.
    """
    stages: list[NavEntry] = [
        {str(escape(stage.heading)): prefix + stage_page(stage)} for stage in content.journey.stages
    ]
    rules: list[NavEntry] = [{"All rules": prefix + RULES_INDEX}]
    rules += [{f"{r.id} · {r.name}": prefix + rule_page(r.id)} for r in content.rules]
    linked = content.journey.linked
    entries: list[NavEntry] = [
        {"Overview": prefix + OVERVIEW},
        {"Stages" if linked else "Models": stages},
        {"Caching policies": prefix + CACHING},
        {"Environment layout": prefix + ENVIRONMENTS},
        {"Pillars by stage" if linked else "Findings by pillar": prefix + PILLARS},
    ]
    if content.examples is not None:
        examples: list[NavEntry] = [{"All examples": prefix + EXAMPLES_INDEX}]
        examples += [
            {str(escape(model.heading)): prefix + stage_page(model)}
            for model in content.examples.stages
        ]
        entries.append({"Examples": examples})
    return [*entries, {"Rules": rules}]


def render_pages(content: SiteContent) -> dict[str, str]:
    """Every generated page: path → Markdown."""
    env = environment()
    journey = content.journey
    rules_by_id = {rule.id: rule for rule in content.rules}
    common: dict[str, Any] = {"journey": journey, "rules": content.rules, "rule_ids": rules_by_id}
    pages: dict[str, str] = {}

    def page(path: str, template: str, **context: Any) -> None:
        # a page's links are relative to its own folder
        depth = path.count("/")
        pages[path] = env.get_template(template).render(
            **common, **context, root="../" * depth, page_path=path
        )

    page(OVERVIEW, "overview.md.j2")
    for stage in journey.stages:
        page(stage_page(stage), "stage.md.j2", stage=stage)
    page(CACHING, "caching.md.j2")
    page(ENVIRONMENTS, "environments.md.j2")
    page(PILLARS, "pillars.md.j2")
    page(RULES_INDEX, "rules.md.j2")
    for rule in content.rules:
        page(rule_page(rule.id), "rule.md.j2", rule=rule)
    if content.examples is not None:
        page(EXAMPLES_INDEX, "examples.md.j2", examples=content.examples)
        for model in content.examples.stages:
            page(stage_page(model), "stage.md.j2", stage=model)
    return pages


def templates_dir() -> Path:
    """`templates/` of a source checkout, or `archgen/templates` inside an installed wheel."""
    package = Path(archgen.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "site").is_dir():
            return candidate
    raise FileNotFoundError("archgen's templates folder is missing from the installation")


@cache
def environment() -> jinja2.Environment:
    """The jinja2 environment of the page templates.

    Pages are Markdown: `finalize` escapes every `{{ value }}` for Markdown and HTML
    unless a filter marked it as trusted markup. Autoescape is on so that macros return
    markup (and anything `finalize` misses is still HTML-escaped). There is no bytecode
    cache: jinja2 unmarshals cached bytecode, so a cache file someone else could write
    would run their code; the templates compile in milliseconds.
    """
    import jinja2

    url = jinja2.pass_context(_url)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "site"),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        text=md_text,
        attr=attribute,
        code=code_span,
        code_block=code_block,
        placement=lambda c, model: describe.placement(model, c, describe.subnet_index(model)),
        capacity=describe.capacity,
        override=describe.override,
        roles=describe.roles,
        how=describe.connection_how,
        value=describe.as_written,
        trusted=trusted,
        source=lambda path: Path(path).name,
    )
    env.globals.update(
        url=url,
        code=code_span,
        code_block=code_block,
        pillars=describe.PILLARS,
        environment_order=describe.ENVIRONMENT_ORDER,
        stage_page=stage_page,
        diagram_file=diagram_file,
        changes_file=changes_file,
        dark_file=dark_file,
        view_file=view_file,
        rule_page=rule_page,
        name_of=describe.name_of,
        decision_title=describe.decision_title,
        caching_rows=caching_rows,
        own_decisions=own_decisions,
        layout_stage=layout_stage,
        findings_by=findings_by,
    )
    return env


def trusted(text: str) -> Markup:
    """Markdown written by archgen's developers (a rule's docstring), used as it is."""
    return Markup(text)


def _url(context: Any, path: str) -> Markup:
    return Markup(quote(context["root"] + path))


def own_decisions(stage: Stage) -> tuple[list[Any], list[tuple[Any, str]]]:
    """The decisions this stage's file takes, and those inherited and still in force (with
    the file they came from)."""
    loaded = stage.loaded
    own: list[Any] = []
    inherited: list[tuple[Any, str]] = []
    for decision in loaded.model.decisions:
        source = loaded.declared_in(("decisions", decision.id))
        if Path(source).resolve() == Path(loaded.path).resolve():
            own.append(decision)
        elif decision.status != "superseded":  # no longer in force
            inherited.append((decision, Path(source).stem))
    return own, inherited


@dataclass(frozen=True)
class CachingRow:
    """One cache or CDN policy, with the stages it holds for."""

    stages: list[Stage]
    component: Any
    model: Any


def caching_rows(journey: Journey) -> list[CachingRow]:
    """Every cache and CDN of the models; a policy unchanged from a stage to the stage
    that builds on it is one row (the same id in unrelated models is not the same cache)."""
    rows: dict[tuple[str, str], CachingRow] = {}
    order: list[CachingRow] = []
    for stage in journey.stages:
        for component in stage.loaded.model.components:
            if component.kind not in ("cache", "cdn"):
                continue
            # what the page shows decides whether two stages share a row
            policy = getattr(component, "policy", None)
            shown = (
                component.kind,
                component.drawn_service,
                getattr(component, "holds", None),
                policy.model_dump_json() if policy is not None else "",
            )
            key = (component.id, repr(shown))
            row = rows.get(key)
            if row is not None and stage.previous is not None and row.stages[-1] is stage.previous:
                row.stages.append(stage)
            else:
                rows[key] = CachingRow([stage], component, stage.loaded.model)
                order.append(rows[key])
    return order


def layout_stage(journey: Journey) -> Stage | None:
    """The most mature stage that declares environments (the layout the site explains)."""
    declaring = [s for s in journey.stages if s.loaded.model.environments]
    return max(declaring, key=lambda s: len(s.loaded.model.environments)) if declaring else None


def findings_by(stage: Stage, *, pillar: str | None = None, rule: str | None = None) -> list[Any]:
    """The stage's findings of one pillar or one rule."""
    return [
        f
        for f in stage.findings
        if (pillar is None or f.pillar == pillar) and (rule is None or f.rule == rule)
    ]
