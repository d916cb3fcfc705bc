"""A model with every kind and every service, with exposure: every rule runs on it
without crashing, it draws as SVG, DOT and Mermaid, and each part sits where it belongs
(gateways in their VPC or subnet, regional services in their region, a WAF beside
what it protects)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from archgen.load.loader import LoadedModel, load_model
from archgen.model.schema import Generic
from archgen.model.services import SERVICES
from archgen.render.dot import to_dot
from archgen.render.icons import icon_path
from archgen.render.mermaid import scene_to_mermaid
from archgen.render.pipeline import render_outputs, scene_of
from archgen.render.scene import Scene, SceneGroup
from archgen.rules import check
from tests.render.conftest import CASES


@pytest.fixture(scope="module")
def every_kind() -> LoadedModel:
    return load_model(CASES / "every_kind.yaml")


@pytest.fixture(scope="module")
def scene(every_kind: LoadedModel) -> Scene:
    return scene_of(every_kind, check(every_kind))


def _group_of(scene: Scene, component: str) -> SceneGroup:
    stack = [scene.root]
    while stack:
        group = stack.pop()
        if component in group.nodes:
            return group
        stack.extend(group.groups)
    raise AssertionError(f"{component} is in no group")


def test_the_model_declares_every_kind_and_service(every_kind: LoadedModel) -> None:
    model = every_kind.model
    assert {c.kind for c in model.components} == set(SERVICES)
    drawn = {c.drawn_service for c in model.components}
    assert {s for services in SERVICES.values() for s in services} <= drawn
    assert model.security_groups and any(c.ingress for c in model.components)
    assert any(s.ingress for r in model.regions for n in r.networks for s in n.subnets)


def test_every_rule_runs_on_every_kind(every_kind: LoadedModel) -> None:
    findings = check(every_kind)
    assert findings, "rules ran and found something"
    ids = {c.id for c in every_kind.model.components}
    assert {f.component for f in findings if f.component is not None} <= ids


def test_it_draws_as_svg_with_an_icon_for_every_service(scene: Scene) -> None:
    outputs = render_outputs(scene, ["svg", "dot", "mermaid"], 96)
    svg = outputs["svg"].decode("utf-8")
    ids = {element.get("id") for element in ElementTree.fromstring(svg).iter()}
    assert {f"c-{name}" for name in scene.nodes} <= ids
    # one <symbol> per distinct icon file, the generic ones among them
    files = {icon_path(node.service) for node in scene.nodes.values()}
    assert svg.count("<symbol ") == len(files)
    mermaid = outputs["mermaid"].decode("utf-8")
    assert all(re.search(rf"\bc_{re.escape(n).replace('-', '_')}\[", mermaid) for n in scene.nodes)


def test_generic_components_are_drawn_by_their_icon(every_kind: LoadedModel, scene: Scene) -> None:
    generic = [c for c in every_kind.model.components if isinstance(c, Generic)]
    paths = {node.service: f"resources/{node.service}" for node in scene.nodes.values()}
    dot = to_dot(scene, paths)
    for component in generic:
        assert scene.nodes[component.id].service == component.icon
        assert f'<IMG SRC="resources/{component.icon}"' in dot
    assert icon_path("aws.ml.Sagemaker").name == "sagemaker.png"
    assert scene.nodes["catalog"].lines == ("Glue Data Catalog",)


def test_gateways_sit_in_their_subnet_or_vpc(scene: Scene) -> None:
    assert _group_of(scene, "igw").kind == "vpc"
    assert _group_of(scene, "s3-endpoint").kind == "vpc"
    assert _group_of(scene, "nat-regional").key == _group_of(scene, "igw").key
    assert _group_of(scene, "nat-a").kind == "public"
    assert _group_of(scene, "sm-endpoint").kind == "private"
    assert _group_of(scene, "tgw").key == "r/eu-west-1"
    assert "eu-west-1 › main" in scene.nodes["igw"].tooltip


@pytest.mark.parametrize(
    "component",
    ["jobs", "bus", "schedule", "clicks", "delivery", "orders-flow", "db-secret", "images"],
)
def test_regional_services_sit_in_their_region(scene: Scene, component: str) -> None:
    assert _group_of(scene, component).key == "r/eu-west-1"


def test_a_firewall_is_drawn_beside_what_it_protects(scene: Scene) -> None:
    # one rank with the first component it protects, a line to each, not a flow
    assert ("edge-waf", "cdn") in scene.beside
    assert ("shield", "cdn") in scene.beside
    assert ("alb-waf", "alb") in scene.beside
    protects = {(e.source, e.target) for e in scene.edges if e.style == "protects"}
    assert {("shield", "cdn"), ("shield", "alb"), ("alb-waf", "rest-api")} <= protects
    # global beside a global CDN; in its region, outside the VPC, beside a regional ALB
    assert _group_of(scene, "edge-waf") is scene.root
    assert _group_of(scene, "alb-waf").key == "r/eu-west-1"
    # a Network Firewall sits in its subnets, on the traffic's way
    assert _group_of(scene, "inspection").kind == "public"
    assert all(pair[0] != "inspection" for pair in scene.beside)


def test_dot_puts_a_firewall_on_the_rank_of_what_it_protects(scene: Scene) -> None:
    dot = to_dot(scene, {node.service: "x.png" for node in scene.nodes.values()})
    assert '{rank=same; "c-edge-waf"; "c-cdn";}' in dot
    assert "dashed red: firewall beside what it protects" in dot
    mermaid = scene_to_mermaid(scene)
    assert "c_shield -.- c_alb" in mermaid


def test_new_details_are_on_the_labels(scene: Scene) -> None:
    assert scene.nodes["aurora"].lines[0] == "Aurora MySQL · writer + 2 readers"
    assert scene.nodes["search"].lines[0] == "OpenSearch ×3"
    assert scene.nodes["clicks"].lines[0] == "Kinesis Data Streams · 4 shards"
    assert scene.nodes["quick-flow"].lines[0] == "Step Functions Express"
    assert scene.nodes["socket-api"].lines[0] == "API Gateway WebSocket (private)"


def test_new_protocols_are_named_on_edges(scene: Scene) -> None:
    labels = {(e.source, e.target): e.label for e in scene.edges}
    assert labels[("browsers", "socket-api")] == "WebSocket"
    assert labels[("web", "kafka")] == "async Kafka"
    assert labels[("sso", "web")] == "SSH"
    assert labels[("things", "bus")] == "async MQTT"
