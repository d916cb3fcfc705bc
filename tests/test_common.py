"""`did_you_mean`: a suggestion only for a typo, the choices when they are few."""

from __future__ import annotations

import pytest

from archgen.common import did_you_mean
from archgen.model.components import Compute, Database
from archgen.model.services import KINDS, SERVICES

#: services of the first format, before ECR, KMS, EBS and FSx became services themselves
SOME_SERVICES = [
    *("alb", "nlb", "clb", "ec2", "ecs", "fargate", "eks", "lambda", "dynamodb", "s3", "efs"),
    *("rds-mysql", "aurora-mysql", "aurora-postgresql", "sqs", "sns", "cloudwatch", "x-ray"),
]
COMPUTE = ["ec2", "ecs", "fargate", "eks", "lambda"]
RULE_IDS = [f"REL{i:03d}" for i in range(1, 17)] + [f"SEC{i:03d}" for i in range(1, 9)]


@pytest.mark.parametrize(
    ("word", "choices", "suggested"),
    [
        ("rds-mysq", SERVICES["database"], "rds-mysql"),  # a letter missing
        ("web-teir", ["web-tier", "db"], "web-tier"),  # two letters swapped
        ("wbe", ["web", "db"], "web"),
        ("tll", ["ttl", "eviction", "memory"], "ttl"),  # a neighbour's letter held down
        ("Compute", ["compute", "cache"], "compute"),  # another case
        ("backup", list(Database.model_fields), "backups"),
        ("replicas", list(Database.model_fields), "replicates"),
        ("REL999", RULE_IDS, "REL009"),
        ("redis", SERVICES["cache"], "elasticache-redis"),  # one part of one choice
        ("prod", ["production", "staging", "dev"], "production"),  # the start of one
    ],
)
def test_a_typo_gets_its_word(word: str, choices: list[str], suggested: str) -> None:
    assert did_you_mean(word, choices) == f" (did you mean {suggested!r}?)"


@pytest.mark.parametrize(
    ("word", "choices"),
    [
        # similar letters, another thing: each of these was once suggested
        ("nodes", list(Database.model_fields)),  # was 'holds'
        ("icon", list(Compute.model_fields)),  # was 'region'
        ("encryption", list(Compute.model_fields)),  # was 'description'
        ("protects", list(Compute.model_fields)),  # was 'roles'
        ("kms", SOME_SERVICES),  # was 'eks'
        ("ebs", SOME_SERVICES),  # was 'eks'
        ("fsx", SOME_SERVICES),  # was 'efs'
        ("ecr", SOME_SERVICES),  # was 'ecs'
        ("x", SOME_SERVICES),  # was 'x-ray'
        ("aurora", SOME_SERVICES),  # was 'aurora-mysql', though aurora-postgresql exists too
        ("SEC09", RULE_IDS),  # two edits from every SEC rule
        ("server", list(KINDS)),  # was 'secrets'
    ],
)
def test_a_far_word_gets_no_guess(word: str, choices: list[str]) -> None:
    assert did_you_mean(word, choices) == ""


def test_few_choices_are_listed_instead_of_a_far_guess() -> None:
    assert did_you_mean("ecr", COMPUTE) == " (expected one of: ec2, ecs, eks, fargate, lambda)"
    assert did_you_mean("sns", ["dns", "cdn", "queue"]) == " (expected one of: cdn, dns, queue)"
    assert did_you_mean("anything", []) == ""
    assert did_you_mean("db-sg", ["web-sg"]) == " (expected one of: web-sg)"  # another group


def test_one_and_two_letter_words() -> None:
    assert did_you_mean("r2", ["r1"]) == " (expected one of: r1)"
    assert did_you_mean("bb", ["b", "a"]) == " (did you mean 'b'?)"
    assert did_you_mean("x", ["y"]) == " (expected one of: y)"
