"""The kinds of managed services and network parts: their keys, the generic escape hatch
(its icon checked against the installed `diagrams` without importing it), Aurora
readers, and the references they hold."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import TypeAdapter, ValidationError

from archgen.load.yaml_reader import parse_document
from archgen.model.icon_names import aws_icons, icon_problem
from archgen.model.references import check_references
from archgen.model.schema import Component, Database, Generic, Model
from tests.conftest import ROOT

COMPONENT: TypeAdapter[Component] = TypeAdapter(Component)


def component(data: dict[str, object]) -> Component:
    return COMPONENT.validate_python(data)


def problem(data: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as caught:
        component(data)
    (error,) = caught.value.errors()
    return str(error["msg"])


def test_the_icon_list_is_read_from_the_installed_diagrams() -> None:
    import diagrams.aws.ml as ml  # the test may import it; archgen's check does not

    groups = aws_icons()
    assert groups is not None
    assert "Sagemaker" in groups["ml"] and ml.Sagemaker.__name__ == "Sagemaker"
    assert "KMS" in groups["security"]  # aliases count: KMS = KeyManagementService
    assert "_ML" not in groups["ml"]  # base classes are no icon


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        ("aws.ml.Sagemaker", None),
        ("aws.security.KMS", None),
        (
            "aws.ml.SageMaker",
            "unknown icon 'aws.ml.SageMaker': diagrams.aws.ml has no class 'SageMaker' "
            "(did you mean 'aws.ml.Sagemaker'?)",
        ),
        (
            "aws.network.WAF",
            "unknown icon 'aws.network.WAF': diagrams.aws.network has no class 'WAF' "
            "(did you mean 'aws.security.WAF'?)",
        ),
        (
            "aws.mll.Sagemaker",
            "unknown icon 'aws.mll.Sagemaker': diagrams.aws has no group 'mll' "
            "(did you mean 'aws.ml.Sagemaker'?)",
        ),
        ("aws.ml.Qqqqqq", "unknown icon 'aws.ml.Qqqqqq': diagrams.aws.ml has no class 'Qqqqqq'"),
        ("Sagemaker", "'Sagemaker' is not an icon name: write aws.<group>.<Class>"),
        ("gcp.ml.AIPlatform", "is not an icon name"),
        ("aws.ml.Sagemaker.x", "is not an icon name"),
    ],
)
def test_generic_icons_are_checked(icon: str, message: str | None) -> None:
    found = icon_problem(icon)
    if message is None:
        assert found is None
    else:
        assert found is not None and message in found


def test_a_generic_component_is_drawn_by_its_icon_and_has_no_service() -> None:
    notebook = component({"id": "n", "kind": "generic", "icon": "aws.ml.Sagemaker"})
    assert isinstance(notebook, Generic) and notebook.drawn_service == "aws.ml.Sagemaker"
    assert "a generic component has no service" in problem(
        {"id": "n", "kind": "generic", "icon": "aws.ml.Sagemaker", "service": "ec2"}
    )
    assert "did you mean 'aws.ml.Sagemaker'" in problem(
        {"id": "n", "kind": "generic", "icon": "aws.ml.Sagemakr"}
    )
    assert problem({"id": "n", "kind": "generic"}) == "Field required"


def test_validating_a_generic_icon_does_not_import_diagrams(tmp_path: object) -> None:
    code = (
        "import sys\n"
        "from archgen.load.loader import load_text\n"
        "load_text('archgen: 1\\nname: m\\ncomponents:\\n"
        "  - {id: n, kind: generic, icon: aws.ml.Sagemaker}\\n')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'diagrams'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_aurora_readers() -> None:
    aurora = component({"id": "d", "kind": "database", "service": "aurora-mysql", "readers": 2})
    assert isinstance(aurora, Database) and aurora.cluster_size == 3
    alone = component({"id": "d", "kind": "database", "service": "rds-mysql", "instances": 2})
    assert isinstance(alone, Database) and alone.cluster_size == 2
    for service in ("documentdb", "neptune", "aurora-postgresql-serverless"):
        component({"id": "d", "kind": "database", "service": service, "readers": 1})
    assert "'readers' is for Aurora, DocumentDB and Neptune clusters, not rds-mysql" in problem(
        {"id": "d", "kind": "database", "service": "rds-mysql", "readers": 1}
    )
    assert "'readers' is for Aurora" in problem({"id": "d", "kind": "database", "readers": 1})
    assert "instances (3) is not the writer plus 1 reader" in problem(
        {"id": "d", "kind": "database", "service": "aurora-mysql", "readers": 1, "instances": 3}
    )
    assert "less than or equal to 15" in problem(
        {"id": "d", "kind": "database", "service": "aurora-mysql", "readers": 16}
    )


def test_mfa_none_is_not_off() -> None:
    # `off` would be read by YAML as false: the value is `none`
    data = parse_document(b"{id: p, kind: identity, mfa: none}", "t.yaml").data
    assert component(data).mfa == "none"  # type: ignore[union-attr]


TEMPLATE = """\
archgen: 1
name: kinds
regions:
  - name: eu-west-1
    zones: [eu-west-1a]
    networks: [{name: main}]
  - name: us-east-1
    zones: [us-east-1a]
    networks: [{name: %s}]
components:
  - {id: alb, kind: load-balancer}
  - {id: waf, kind: firewall, protects: [%s]}
  - {id: clicks, kind: stream, on_failure: %s}
  - {id: igw, kind: gateway, service: internet-gateway, network: %s}
"""


def _references(other_vpc: str, protects: str, on_failure: str, network: str) -> list[str]:
    text = TEMPLATE % (other_vpc, protects, on_failure, network)
    model = Model.model_validate(parse_document(text.encode(), "t.yaml").data)
    return [message for _, message in check_references(model)]


def test_references_of_the_new_kinds() -> None:
    assert _references("edge", "alb", "alb", "main") == []
    assert _references("edge", "alb, waf", "clicks", "mian") == [
        "a firewall cannot protect itself",
        "a stream cannot send failures to itself",
        "unknown VPC 'mian' (did you mean 'main'?)",
    ]
    assert _references("edge", "abl", "alb", "main") == [
        "unknown component 'abl' (did you mean 'alb'?)"
    ]


def test_a_vpc_name_in_two_regions_needs_a_region() -> None:
    assert _references("main", "alb", "alb", "main") == [
        "there is a VPC 'main' in eu-west-1, us-east-1: give 'region' to say which"
    ]
    text = (TEMPLATE % ("main", "alb", "alb", "main")).replace(
        "network: main}", "network: main, region: us-east-1}"
    )
    model = Model.model_validate(parse_document(text.encode(), "t.yaml").data)
    assert check_references(model) == []
