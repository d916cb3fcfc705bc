"""site/how-to.md stays true: every YAML example on it is a whole model that loads as it
is, the patterns it promises are there, and the corpus files it points at exist."""

from __future__ import annotations

import re

import pytest

from archgen.load.loader import load_text
from archgen.rules import check
from tests.conftest import ROOT

PAGE = (ROOT / "site" / "how-to.md").read_text("utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.DOTALL)
PATTERNS = (
    "## A serverless API with Cognito and WAF",
    "## Containers behind an ALB, with a NAT gateway per zone",
    "## An Aurora cluster with readers",
    "## A static site behind CloudFront with origin access control",
    "## Event-driven: EventBridge, SQS and dead-letter queues",
    "## Security groups",
    "## Anything else: the generic escape hatch",
)


def test_every_pattern_has_its_section_and_one_example() -> None:
    headings = re.findall(r"^## .*$", PAGE, flags=re.M)
    assert headings == list(PATTERNS)
    assert len(BLOCKS) == len(PATTERNS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_is_a_whole_model_that_loads_and_has_no_error(block: str) -> None:
    assert block.startswith("archgen: 1\nname: ")
    loaded = load_text(block, "how-to.yaml")
    errors = [f for f in check(loaded) if f.severity == "error"]
    assert not errors, errors


def test_the_real_architectures_it_names_exist() -> None:
    named = set(re.findall(r"`(examples/real/[a-z-]+\.yaml)`", PAGE))
    assert named
    for path in named:
        assert (ROOT / path).is_file(), path


def test_the_kinds_each_pattern_needs_are_in_its_example() -> None:
    sections = dict(zip(PATTERNS, BLOCKS, strict=True))
    needs = {
        PATTERNS[0]: ("kind: api", "kind: identity", "service: waf", "protects: [api]"),
        PATTERNS[1]: ("service: nat-gateway, subnets: [public-a]", "subnets: [public-b]"),
        PATTERNS[2]: ("service: aurora-postgresql", "readers: 2"),
        PATTERNS[3]: ("kind: cdn", "origins: [site]", "static_content: true"),
        PATTERNS[4]: ("kind: event-bus", "dead_letter:", "on_failure:", "mode: async"),
        PATTERNS[5]: ("security_groups:", "from: alb-sg", "from: cloudfront"),
        PATTERNS[6]: ("kind: generic", "icon: aws."),
    }
    for pattern, texts in needs.items():
        for text in texts:
            assert text in sections[pattern], (pattern, text)
