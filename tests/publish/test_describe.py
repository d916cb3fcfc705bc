"""The plain words the site uses for where a component runs."""

from __future__ import annotations

from archgen.load.loader import load_model
from archgen.publish.describe import placement, subnet_index
from tests.conftest import ROOT


def test_placement_of_every_kind_of_place() -> None:
    model = load_model(ROOT / "tests" / "render" / "cases" / "every_kind.yaml").model
    subnets = subnet_index(model)

    def where(component_id: str) -> str:
        return placement(model, model.component(component_id), subnets)

    assert where("nat-a") == "public public-a (1 zone, eu-west-1)"
    assert where("igw") == "VPC main"  # a gateway attached to its VPC
    assert where("jobs") == "regional, eu-west-1"
    assert where("users") == "internet"
    assert where("dns") == "global / managed"
