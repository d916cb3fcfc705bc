"""A diff as a pull-request comment: summary, table of changes, findings delta, diagram.

GitHub renders the ```` ```mermaid ```` block inline, coloured like the SVG that
``archgen diff -o DIR`` writes: added components green, removed red and dashed, changed
amber. Everything taken from a model is escaped, so no model text can break the table
or inject markup into the comment, and control characters (ESC, bidi overrides) are
written as visible escapes (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

from archgen import __version__
from archgen.diff.formats import show_value
from archgen.diff.merge import around, focused, merged_model
from archgen.diff.model_diff import SECTIONS, Change, ModelDiff
from archgen.rules.base import DEFAULT_SITE_URL, RULES_FOLDER, rule_url
from archgen.rules.finding import Finding
from archgen.terminal import printable, printable_lines

DEFAULT_RULES_URL = DEFAULT_SITE_URL + RULES_FOLDER
#: above this many components, the diagram shows the change and its neighbours only
FOCUS_ABOVE = 40
#: rows of the table of changes; a comment on GitHub holds at most 65,536 characters
MAX_ROWS = 150
#: Mermaid's default `maxTextSize`: longer diagrams render as an error message
MERMAID_MAX_TEXT = 50_000
_BADGES = {"added": "🟩 added", "removed": "🟥 removed", "changed": "🟧 changed"}
_SPECIAL = re.compile(r"([\\`*_\[\]|<>#!~])")
_HTML = {"<": "&lt;", ">": "&gt;"}


def md_text(value: str) -> str:
    """`value` as literal text in a Markdown table cell (one line, nothing interpreted)."""
    flat = printable(" ".join(value.split()))
    return _SPECIAL.sub(lambda m: _HTML.get(m.group(1), "\\" + m.group(1)), flat)


def code(value: str) -> str:
    """`value` as an inline code span that cannot end early or split a table row."""
    flat = printable(" ".join(value.split()))
    return "`" + flat.replace("`", "'").replace("|", "\\|") + "`"


def rule_link(rule: str, rules_url: str = DEFAULT_RULES_URL) -> str:
    """``[REL001](https://…/rules/rel001/)``: the rule's page on the documentation site."""
    return f"[{rule}]({rule_url(rule, rules_url=rules_url)})"


def as_markdown(diff: ModelDiff, rules_url: str = DEFAULT_RULES_URL, diagram: bool = True) -> str:
    """The whole comment. `diagram=False` leaves out the Mermaid block."""
    lines = [
        f"### archgen diff: {code(diff.old_path)} → {code(diff.new_path)}",
        "",
    ]
    if diff.is_empty:
        lines.append("**No change** to the architecture or its findings.")
        return printable_lines("\n".join(lines) + "\n")
    lines += [f"**{md_text(diff.summary(brief=True))}**", ""]
    if diff.changes:
        lines += ["| change | part | what | details |", "|---|---|---|---|"]
        ordered = [change for section in SECTIONS for change in diff.of(section)]
        lines += [_change_row(change) for change in ordered[:MAX_ROWS]]
        if len(ordered) > MAX_ROWS:
            more = len(ordered) - MAX_ROWS
            lines.append(f"| … | {more} more changes | | run `archgen diff` to see them all |")
        lines.append("")
    lines += _findings_section(diff, rules_url)
    if diagram and diff.old is not None and diff.new is not None:
        lines += _diagram_section(diff)
    lines.append(f"<sub>archgen {__version__}</sub>")
    # the Mermaid block too: no control character reaches the comment or a terminal
    return printable_lines("\n".join(lines) + "\n")


def _change_row(change: Change) -> str:
    part = f"{change.section} {code(change.key)}" if change.section != "model" else "model"
    details = "<br>".join(
        f"{code(f.field)}: {md_text(show_value(f.old))} → {md_text(show_value(f.new))}"
        for f in change.fields
    )
    return f"| {_BADGES[change.status]} | {part} | {md_text(change.what)} | {details} |"


def _findings_section(diff: ModelDiff, rules_url: str) -> list[str]:
    lines = ["#### Findings", ""]
    if not diff.introduced and not diff.resolved:
        lines += [f"No finding introduced or resolved ({len(diff.unchanged)} unchanged).", ""]
        return lines
    lines += ["| | rule | severity | component | finding |", "|---|---|---|---|---|"]
    rows: list[tuple[str, Finding]] = [
        *(("🔺 introduced", f) for f in diff.introduced),
        *(("✅ resolved", f) for f in diff.resolved),
    ]
    for badge, finding in rows:
        component = code(finding.component) if finding.component else ""
        lines.append(
            f"| {badge} | {rule_link(finding.rule, rules_url)} | {finding.severity} "
            f"| {component} | {md_text(finding.message)} |"
        )
    lines += ["", f"{len(diff.unchanged)} findings unchanged.", ""]
    return lines


def _diagram_section(diff: ModelDiff) -> list[str]:
    from archgen.render.mermaid import to_mermaid

    assert diff.old is not None and diff.new is not None
    model = merged_model(diff.old, diff.new).model
    highlight = diff.highlight()
    note = ""
    total = len(model.components)
    if total > FOCUS_ABOVE:
        # a big model drawn whole is unreadable in a comment and exceeds Mermaid's limit
        touched = set(highlight)
        for change in diff.of("connection"):
            touched.update(change.key.split(" (")[0].split(" -> "))
        if not touched:
            return ["_No component or connection changed: no diagram._", ""]
        model = focused(model, around(model, touched))
        note = (
            f"Only the changed components and their neighbours are drawn "
            f"({len(model.components)} of {total})."
        )
    flowchart = to_mermaid(model, highlight=highlight)
    if len(flowchart) > MERMAID_MAX_TEXT:
        return [
            f"_The diagram ({len(flowchart):,} characters) is above Mermaid's limit of "
            f"{MERMAID_MAX_TEXT:,}: see the SVG that `archgen diff -o DIR` writes._",
            "",
        ]
    summary = "Diagram: added components green, removed red and dashed, changed amber"
    lines = [f"<details open><summary>{summary}</summary>", ""]
    if note:
        lines += [note, ""]
    lines += ["```mermaid", flowchart.rstrip("\n"), "```", "", "</details>", ""]
    return lines
