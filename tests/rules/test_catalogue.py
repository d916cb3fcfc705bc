"""The catalogue: every id of RULES.md, metadata complete, pages with all four sections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archgen.load.loader import load_text
from archgen.rules import catalogue, check, rule_classes
from archgen.rules.base import SECTIONS, Rule, docstring_sections
from archgen.rules.examples import complete

RULES_MD = Path("/work/shared/design/RULES.md")
#: the network exposure rules of issue 13, which came after RULES.md
AFTER_RULES_MD = {"SEC009", "SEC010", "SEC011", "SEC012"}
#: the catalogue as RULES.md lists it (kept here so the project stands alone), and the
#: rules that came after it
EXPECTED = {
    "SEC001": ("security", "error", 2), "SEC002": ("security", "error", 2),
    "SEC003": ("security", "warning", 3), "SEC004": ("security", "warning", 3),
    "SEC005": ("security", "info", 4), "SEC006": ("security", "warning", 2),
    "SEC007": ("security", "info", 5), "SEC008": ("security", "warning", 1),
    "SEC009": ("security", "error", 1), "SEC010": ("security", "error", 2),
    "SEC011": ("security", "warning", 5), "SEC012": ("security", "error", 1),
    "REL001": ("reliability", "warning", 1), "REL002": ("reliability", "warning", 3),
    "REL003": ("reliability", "warning", 3), "REL004": ("reliability", "warning", 3),
    "REL005": ("reliability", "error", 3), "REL006": ("reliability", "warning", 3),
    "REL007": ("reliability", "warning", 2), "REL008": ("reliability", "warning", 4),
    "REL009": ("reliability", "error", 4), "REL010": ("reliability", "warning", 6),
    "REL011": ("reliability", "warning", 7), "REL012": ("reliability", "warning", 7),
    "REL013": ("reliability", "warning", 3), "REL014": ("reliability", "warning", 8),
    "REL015": ("reliability", "info", 5), "REL016": ("reliability", "warning", 8),
    "PERF001": ("performance", "warning", 4), "PERF002": ("performance", "warning", 4),
    "PERF003": ("performance", "info", 4), "PERF004": ("performance", "warning", 5),
    "PERF005": ("performance", "info", 5), "PERF006": ("performance", "info", 3),
    "PERF007": ("performance", "info", 3), "OPS001": ("operations", "info", 9),
    "OPS002": ("operations", "warning", 9), "OPS003": ("operations", "warning", 9),
    "OPS004": ("operations", "info", 7), "OPS005": ("operations", "warning", 1),
    "COST001": ("cost", "info", 3), "COST002": ("cost", "info", 2),
    "SUS001": ("sustainability", "info", 8),
}  # fmt: skip


def test_every_rule_of_the_catalogue_exists_with_its_metadata() -> None:
    found = {r.id: (r.pillar, r.severity, r.since) for r in catalogue()}
    assert found == EXPECTED


@pytest.mark.skipif(not RULES_MD.exists(), reason="design docs not beside the checkout")
def test_catalogue_matches_rules_md() -> None:
    rows = re.findall(r"^\| ([A-Z]+\d{3}) \| ([a-z0-9-]+) \| (\w+) \| (\w+) \| (\d) \|",
                      RULES_MD.read_text(), re.M)  # fmt: skip
    assert rows, "no rows parsed from RULES.md"
    expected = {(i, n, p, s, int(f)) for i, n, p, s, f in rows}
    found = {(r.id, r.name, r.pillar, r.severity, r.since) for r in catalogue()}
    assert {row for row in found if row[0] not in AFTER_RULES_MD} == expected


@pytest.mark.parametrize("rule", rule_classes(), ids=lambda r: r.id)
def test_rule_page_has_every_section(rule: type[Rule]) -> None:
    sections = rule.sections()
    missing = [s for s in SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.id} docstring lacks {missing}"
    info = rule.info()
    assert info.summary and info.name and info.upstream and info.status == "stable"
    assert info.summary.endswith(".") and "\n" not in info.summary  # one whole sentence


def test_a_missing_section_is_noticed() -> None:
    doc = """Summary.

    What it checks:
        x
    Bad:
        components: []
    """
    assert set(docstring_sections(doc)) == {"What it checks", "Bad"}


def test_fragments_keep_their_nesting() -> None:
    bad = docstring_sections(str(rule_classes()[0].__doc__))["Bad"]
    assert bad.startswith("components:\n  - ")


def test_defining_a_rule_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        type("Twin", (Rule,), {"id": "SEC001"})


@pytest.mark.parametrize("rule", rule_classes(), ids=lambda r: r.id)
def test_bad_example_triggers_the_rule_and_good_does_not(rule: type[Rule]) -> None:
    info = rule.info()
    bad = {f.rule for f in check(load_text(complete(info.bad), "bad.yaml"))}
    good = {f.rule for f in check(load_text(complete(info.good), "good.yaml"))}
    assert rule.id in bad, f"{rule.id}: the Bad example does not trigger it"
    assert rule.id not in good, f"{rule.id}: the Good example still triggers it"
