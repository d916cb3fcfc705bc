"""The generated pages' content, from the repository's nine-stage journey."""

from __future__ import annotations

import itertools

import pytest
from markupsafe import escape

from archgen.publish import pages
from archgen.publish.escape import md_text
from archgen.publish.plugin import load_content
from tests.conftest import MODELS


@pytest.fixture(scope="module")
def content() -> pages.SiteContent:
    return load_content(MODELS)


@pytest.fixture(scope="module")
def rendered(content: pages.SiteContent) -> dict[str, str]:
    return pages.render_pages(content)


def test_every_page_is_generated(content: pages.SiteContent, rendered: dict[str, str]) -> None:
    stages = [pages.stage_page(s) for s in content.journey.stages]
    rules = [pages.rule_page(r.id) for r in content.rules]
    expected = {pages.OVERVIEW, pages.CACHING, pages.ENVIRONMENTS, pages.PILLARS}
    expected |= {pages.RULES_INDEX, *stages, *rules}
    assert set(rendered) == expected
    assert len(content.rules) == len({r.id for r in content.rules}) >= 30


def test_stages_in_journey_order_each_compared_with_the_one_before(
    content: pages.SiteContent,
) -> None:
    stages = content.journey.stages
    assert [s.number for s in stages] == sorted(s.number or 0 for s in stages)
    assert stages[0].previous is None and stages[0].diff is None
    for before, after in itertools.pairwise(stages):
        assert after.previous is before
        assert after.diff is not None


def test_stage_page_explains_the_stage(
    content: pages.SiteContent, rendered: dict[str, str]
) -> None:
    stage = content.journey.stages[2]  # stage 3: load balancer and replicas
    page = rendered[pages.stage_page(stage)]
    model = stage.loaded.model
    for heading in (
        "## Components",
        "## Connections",
        "## Trade-offs",
        "## Caching policies",
        "## Findings",
        "## What changed since",
    ):
        assert heading in page
    own, _ = pages.own_decisions(stage)
    assert own, "stage 3 takes trade-offs of its own"
    for decision in own:
        assert "!!! abstract" in page
        assert '=== "Pros"' in page and '=== "Cons"' in page and '=== "Alternatives"' in page
        assert decision.id not in [d.id for d in content.journey.stages[1].loaded.model.decisions]
    assert page.count("| **") >= len(model.components)
    assert f"![Diagram of {md_text(stage.heading)}]({stage.slug}.svg)" in page
    for added in stage.diff.components_added if stage.diff else []:
        assert f"`{added}`" in page


def test_caching_page_merges_a_policy_unchanged_across_stages(content: pages.SiteContent) -> None:
    rows = pages.caching_rows(content.journey)
    assert rows, "the journey has caches from stage 4"
    kinds = {row.component.kind for row in rows}
    assert kinds == {"cache", "cdn"}
    longest = max(rows, key=lambda row: len(row.stages))
    assert len(longest.stages) > 1
    numbers = [s.number for s in longest.stages]
    assert numbers == sorted(numbers)


def test_environment_page_uses_the_most_complete_layout(
    content: pages.SiteContent, rendered: dict[str, str]
) -> None:
    stage = pages.layout_stage(content.journey)
    assert stage is not None
    names = {e.name for e in stage.loaded.model.environments}
    assert {"production", "qa", "staging", "dev", "local"} <= names
    page = rendered[pages.ENVIRONMENTS]
    for name in ("production", "qa", "staging", "dev", "local"):
        assert f"| **{name}**" in page
    assert "## Staging's parity with production" in page


def test_rule_page_has_every_section(content: pages.SiteContent, rendered: dict[str, str]) -> None:
    for rule in content.rules:
        page = rendered[pages.rule_page(rule.id)]
        assert page.startswith(f"# {rule.id} · ")
        for heading in ("## What it checks", "## Why it matters", "## Bad", "## Good"):
            assert heading in page, (rule.id, heading)
        assert "```yaml" in page


def test_navigation_titles_from_models_are_escaped(content: pages.SiteContent) -> None:
    nav = pages.navigation(content, "architecture/")
    stages = next(entry["Stages"] for entry in nav if isinstance(entry, dict) and "Stages" in entry)
    assert len(stages) == len(content.journey.stages)
    for entry, stage in zip(stages, content.journey.stages, strict=True):
        assert entry == {str(escape(stage.heading)): f"architecture/{stage.slug}.md"}


def test_a_superseded_decision_is_not_listed_as_in_force(
    content: pages.SiteContent, rendered: dict[str, str]
) -> None:
    stage1, stage2, stage3 = content.journey.stages[:3]
    assert [d.id for d, _ in pages.own_decisions(stage3)[1]] == ["split-database"]
    assert pages.own_decisions(stage1)[0][0].id == "start-on-one-server"
    stage2_page = rendered[pages.stage_page(stage2)]
    assert "**Supersedes.** Start on one server" in stage2_page
    assert "still in force" not in stage2_page  # its only inherited decision is superseded


def test_changes_show_values_as_the_model_writes_them(
    content: pages.SiteContent, rendered: dict[str, str]
) -> None:
    stage9 = rendered["stage9.md"]
    assert "`logging`: — → true" in stage9
    assert "True" not in stage9 and "False" not in stage9
    stage7 = rendered["stage7.md"]
    assert "`origin_failover`: false → true" in stage7
    assert "'alb'" not in stage7 and "&#39;alb&#39;" not in stage7  # not a Python list


def test_resolved_and_introduced_findings_name_their_component(
    rendered: dict[str, str],
) -> None:
    stage2 = rendered["stage2.md"]
    resolved = stage2.split("### Findings resolved")[1].split("### Findings introduced")[0]
    assert "`server`: one host runs the web, application and database tiers" in resolved
    stage7 = rendered["stage7.md"]
    introduced = stage7.split("### Findings introduced")[1]
    assert "`alb-usw2`: load-balancer declares no access logging" in introduced


def test_stages_link_to_the_stage_before_and_after(content: pages.SiteContent) -> None:
    rendered = pages.render_pages(content)
    stages = content.journey.stages
    first, middle, last = rendered["stage1.md"], rendered["stage5.md"], rendered["stage9.md"]
    assert f"[← {stages[3].heading}](stage4.md" in middle
    assert f"[{stages[5].heading} →](stage6.md" in middle
    assert "[←" not in first and f"[{stages[1].heading} →](stage2.md" in first
    assert f"[← {stages[7].heading}](stage8.md" in last and " →](" not in last
