"""Terraform expressions as the importer reads them: known values, references to
resources, and whatever is not written out staying unknown (never run, never a loop)."""

from __future__ import annotations

from typing import Any

import pytest

from archgen.iac.intrinsics import Ref, Unknown
from archgen.iac.terraform_eval import Scope


def _scope() -> Scope:
    scope = Scope(
        "",
        "eu-west-1",
        {"env": '"prod"', "zones": 2},
        {"a": "${local.b}", "b": "${local.a}", "name": '"app-${var.env}"'},
    )
    scope.resources.update({"aws_subnet.main": [0, 1], "aws_vpc.main": None})
    return scope


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("var.env", "prod"),
        ("local.name", "app-prod"),
        ("aws_vpc.main.id", Ref("", "aws_vpc.main", "id")),
        (
            "aws_subnet.main[*].id",
            [Ref("", "aws_subnet.main[0]", "id"), Ref("", "aws_subnet.main[1]", "id")],
        ),
        ("aws_subnet.main[1].arn", Ref("", "aws_subnet.main[1]", "arn")),
        ("element(aws_subnet.main[*].id, 3)", Ref("", "aws_subnet.main[1]", "id")),
        ("data.aws_availability_zones.x.names[1]", "eu-west-1b"),
        ('cidrsubnet("10.10.0.0/16", 8, 3)', "10.10.3.0/24"),
        ("[1, var.zones]", [1, 2]),
    ],
)
def test_known_values_and_references(expression: str, value: Any) -> None:
    assert _scope().expression(expression, 0) == value


def test_what_is_not_written_out_is_unknown_but_keeps_its_references() -> None:
    scope = _scope()
    found = scope.expression('var.env == "prod" ? aws_vpc.main.id : null', 0)
    assert found == Unknown(frozenset({Ref("", "aws_vpc.main")}))
    assert scope.expression("local.a", 0) == Unknown()  # a cycle is unknown, not a hang
    # netnum beyond the prefix: computed, never enumerated
    assert scope.expression('cidrsubnet("10.0.0.0/8", 4, 99999999999)', 0) == Unknown()
