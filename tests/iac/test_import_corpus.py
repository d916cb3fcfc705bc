"""Real public templates (tests/iac/templates/*/SOURCE gives each one's repository,
commit and licence): each imports with every resource accounted for, loads, validates,
and its findings point at the template's own lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archgen.iac.command import import_template
from archgen.iac.template import read_template
from archgen.load.loader import load_text
from archgen.load.run import ModelLoader
from archgen.validate import validate_paths
from tests.conftest import run_archgen

TEMPLATES = Path(__file__).parent / "templates"
FIREWALL = (
    "network-firewall/centralized_architecture/centralized_ingress_egress_east_west/two_az/"
    "anfw-centralized-ingress-egress-east-west-2az-template.yaml"
)
#: template -> (templates it reaches through local nested stacks, a component it must draw)
CORPUS = {
    "webapp/Solutions/WebApp/webapp.yaml": ([], "rest-api"),
    "webapp/Solutions/WebApp/webapp.json": ([], "site-distribution"),
    "saga/saga-pattern-sam/template.yaml": ([], "state-machine"),
    "serverless-coffee/01-appCore/template.yaml": ([], "order-table"),
    "serverless-coffee/00-baseCore/template.yaml": ([], "serverlesspresso-event-bus"),
    "static-site/templates/main.yaml": (
        ["custom-resource.yaml", "acm-certificate.yaml", "cloudfront-site.yaml"],
        "cloud-front-distribution",
    ),
    "ecs-refarch/infrastructure/vpc.yaml": ([], "nat-gateway1"),
    "ecs-refarch/master.yaml": ([], None),
    FIREWALL: ([], "ingress-nlb"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_resource_is_accounted_for(name: str) -> None:
    nested, drawn = CORPUS[name]
    path = TEMPLATES / name
    written = len(read_template(path).resources)
    written += sum(len(read_template(path.parent / child).resources) for child in nested)
    imported, text = import_template(str(path))
    assert len(imported.accounting) == written
    for entry in imported.accounting:
        assert entry.fate in ("drawn", "read", "left") and entry.detail
        assert (entry.component is not None) == (entry.fate == "drawn")
    ids = {c["id"] for c in imported.model["components"]}
    drawn_ids = {e.component for e in imported.accounting if e.fate == "drawn"}
    assert drawn_ids | set(imported.added) == ids
    if drawn is not None:
        assert drawn in ids
    # the header adds up to the same counts
    total = re.search(r"# Resources  (\d+): (\d+) drawn.*?(\d+) read.*?(\d+) left", text)
    assert total is not None
    assert int(total[1]) == written == sum(int(total[i]) for i in (2, 3, 4))
    # the model written loads with archgen's own loader
    loaded = load_text(text, "imported.yaml")
    assert {c.id for c in loaded.model.components} == ids


#: a VPC alone draws nothing the rules find fault with
_WITH_FINDINGS = sorted(n for n, (_, drawn) in CORPUS.items() if drawn and "vpc.yaml" not in n)


@pytest.mark.parametrize("name", _WITH_FINDINGS)
def test_validate_a_template_points_at_its_lines(name: str) -> None:
    path = TEMPLATES / name
    result = validate_paths([str(path)], ModelLoader())
    assert not result.problems
    assert result.models and result.models[0].sources is not None
    by_component = [f for f in result.findings if f.component]
    assert by_component, "the corpus templates all have findings on components"
    imported, _ = import_template(str(path))
    names = {e.resource.name for e in imported.accounting}
    exact = 0
    for finding in by_component:
        if finding.component in imported.added:  # declared by no resource: the top
            assert Path(finding.file).resolve() == path.resolve()
            assert (finding.line, finding.column) == (1, 1)
            continue
        lines = Path(finding.file).read_text(encoding="utf-8").splitlines()
        # the line that declares a resource: its logical id as a key (YAML or JSON); a
        # finding on a connection points at the resource that declares its caller
        declared = re.match(r'\s*"?([A-Za-z0-9]+)"?\s*:', lines[finding.line - 1])
        assert declared is not None and declared[1] in names, lines[finding.line - 1]
        resource = next(e.resource for e in imported.accounting if e.component == finding.component)
        exact += declared[1] == resource.name
    assert exact > 0


def test_nested_stack_findings_point_at_the_child_template() -> None:
    result = validate_paths([str(TEMPLATES / "static-site/templates/main.yaml")], ModelLoader())
    cdn = [f for f in result.findings if f.component == "cloud-front-distribution"]
    assert cdn and all(f.file.endswith("cloudfront-site.yaml") for f in cdn)


def test_stacks_with_remote_templates_are_left_out_with_the_reason() -> None:
    imported, text = import_template(str(TEMPLATES / "ecs-refarch/master.yaml"))
    assert [e.detail for e in imported.accounting] == [
        "a nested stack: its template is not a local file"
    ] * 7
    assert "AWS::CloudFormation::Stack (7): a nested stack: its template is not a local" in text


def test_public_subnets_come_from_routing() -> None:
    imported, _ = import_template(str(TEMPLATES / "ecs-refarch/infrastructure/vpc.yaml"))
    (network,) = imported.model["regions"][0]["networks"]
    public = {s["name"]: s.get("public", False) for s in network["subnets"]}
    assert public == {
        "public-subnet1": True,
        "public-subnet2": True,
        "private-subnet1": False,
        "private-subnet2": False,
    }
    zones = {s["zone"] for s in network["subnets"]}
    assert zones == {"us-east-1a", "us-east-1b"}  # !Select [0|1, !GetAZs '']


def test_firewall_subnets_are_not_public_for_map_public_ip() -> None:
    imported, _ = import_template(str(TEMPLATES / FIREWALL))
    subnets = [s for n in imported.model["regions"][0]["networks"] for s in n["subnets"]]
    routed = {s["name"] for s in subnets if s.get("public")}
    # the ingress VPC's NLB subnets route 0.0.0.0/0 to its internet gateway
    assert routed and all("spoke" not in name for name in routed)


@pytest.mark.parametrize("name", ["webapp/Solutions/WebApp/webapp.yaml", FIREWALL])
def test_imported_models_render_with_graphviz(name: str, tmp_path: Path) -> None:
    model = tmp_path / "imported.yaml"
    done = run_archgen("import", "cloudformation", str(TEMPLATES / name), "-o", str(model))
    assert done.returncode == 0, done.stderr
    drawn = run_archgen(
        "render", str(model), "-o", str(tmp_path), "--format", "svg", "--fail-on", "never"
    )
    assert drawn.returncode == 0, drawn.stderr
    svg = (tmp_path / "imported.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
