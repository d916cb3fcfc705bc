"""A scene as an editable diagrams.net (draw.io) file, placed where Graphviz put it.

The file is draw.io's own uncompressed format (``<mxfile><diagram><mxGraphModel>
<root>``): one vertex per component drawn with draw.io's AWS 4 shape library
(`AWS4_SHAPES`), one container per region, VPC and subnet tier (children placed
relative to their container, as draw.io expects), one edge per scene edge with its
label. Positions and sizes come from the same `dot` layout as the SVG and PNG
(``-Tjson``, see `archgen.render.graphviz`), flipped to draw.io's top-left origin.

Labels are plain text (no ``html=1`` in any style): model text is untrusted, and
draw.io would otherwise read a label as HTML. ElementTree escapes it for XML.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from typing import Any, Final, NamedTuple

from archgen.render.dot import node_name
from archgen.render.labels import wrap_name
from archgen.render.scene import Scene, SceneEdge, SceneGroup, SceneNode

#: draw.io's AWS 4 category colours (its Sidebar-AWS4.js): fill of a resource icon
CATEGORY_COLOURS: Final[dict[str, str]] = {
    "analytics": "#5A30B5",
    "integration": "#BC1356",
    "compute": "#D05C17",
    "database": "#3334B9",
    "devtools": "#3334B9",
    "management": "#BC1356",
    "network": "#5A30B5",
    "security": "#C7131F",
    "storage": "#277116",
    "general": "#232F3E",
}


class Aws4Shape(NamedTuple):
    """How draw.io's AWS 4 library draws a service."""

    name: str  #: the stencil: ``mxgraph.aws4.<name>``
    category: str  #: a key of `CATEGORY_COLOURS`
    icon: bool = True  #: a service icon (``resourceIcon``) rather than a resource shape


def _resource(name: str, category: str) -> Aws4Shape:
    return Aws4Shape(name, category, icon=False)


#: service -> draw.io AWS 4 shape; a service not here is drawn as a plain box
AWS4_SHAPES: Final[dict[str, Aws4Shape]] = {
    "users": _resource("users", "general"),
    "mobile-client": _resource("mobile_client", "general"),
    "browser": _resource("client", "general"),
    "route53": Aws4Shape("route_53", "network"),
    "alb": _resource("application_load_balancer", "network"),
    "nlb": _resource("network_load_balancer", "network"),
    "clb": _resource("classic_load_balancer", "network"),
    "gwlb": _resource("gateway_load_balancer", "network"),
    "ec2": Aws4Shape("ec2", "compute"),
    "ecs": Aws4Shape("ecs", "compute"),
    "ecs-ec2": Aws4Shape("ecs", "compute"),
    "fargate": Aws4Shape("fargate", "compute"),
    "eks": Aws4Shape("eks", "compute"),
    "lambda": Aws4Shape("lambda", "compute"),
    "elastic-beanstalk": Aws4Shape("elastic_beanstalk", "compute"),
    "batch": Aws4Shape("batch", "compute"),
    "ecr": Aws4Shape("ecr", "compute"),
    "rds-mysql": _resource("rds_mysql_instance", "database"),
    "rds-postgresql": _resource("rds_postgresql_instance", "database"),
    "rds-mariadb": _resource("rds_mariadb_instance", "database"),
    "aurora-mysql": Aws4Shape("aurora", "database"),
    "aurora-postgresql": Aws4Shape("aurora", "database"),
    "aurora-mysql-serverless": Aws4Shape("aurora", "database"),
    "aurora-postgresql-serverless": Aws4Shape("aurora", "database"),
    "dynamodb": Aws4Shape("dynamodb", "database"),
    "dynamodb-global": Aws4Shape("dynamodb", "database"),
    "elasticache-redis": _resource("elasticache_for_redis", "database"),
    "elasticache-valkey": Aws4Shape("elasticache", "database"),
    "elasticache-memcached": _resource("elasticache_for_memcached", "database"),
    "documentdb": Aws4Shape("documentdb_with_mongodb_compatibility", "database"),
    "neptune": Aws4Shape("neptune", "database"),
    "keyspaces": Aws4Shape("keyspaces", "database"),
    "redshift": Aws4Shape("redshift", "analytics"),
    "cloudfront": Aws4Shape("cloudfront", "network"),
    "global-accelerator": Aws4Shape("global_accelerator", "network"),
    "transit-gateway": Aws4Shape("transit_gateway", "network"),
    "nat-gateway": _resource("nat_gateway", "network"),
    "nat-gateway-regional": _resource("nat_gateway", "network"),
    "internet-gateway": _resource("internet_gateway", "network"),
    "vpc-endpoint-gateway": _resource("endpoints", "network"),
    "vpc-endpoint-interface": _resource("endpoint", "network"),
    "api-gateway-rest": Aws4Shape("api_gateway", "integration"),
    "api-gateway-http": Aws4Shape("api_gateway", "integration"),
    "api-gateway-websocket": Aws4Shape("api_gateway", "integration"),
    "appsync": Aws4Shape("appsync", "integration"),
    "sqs": Aws4Shape("sqs", "integration"),
    "sns": Aws4Shape("sns", "integration"),
    "amazon-mq": Aws4Shape("mq", "integration"),
    "eventbridge": Aws4Shape("eventbridge", "integration"),
    "eventbridge-scheduler": Aws4Shape("eventbridge", "integration"),
    "step-functions": Aws4Shape("step_functions", "integration"),
    "kinesis": Aws4Shape("kinesis", "analytics"),
    "kinesis-data-streams": Aws4Shape("kinesis_data_streams", "analytics"),
    "kinesis-firehose": Aws4Shape("kinesis_data_firehose", "analytics"),
    "msk": Aws4Shape("managed_streaming_for_kafka", "analytics"),
    "opensearch": Aws4Shape("elasticsearch_service", "analytics"),
    "s3": Aws4Shape("s3", "storage"),
    "s3-glacier": Aws4Shape("glacier", "storage"),
    "efs": Aws4Shape("elastic_file_system", "storage"),
    "fsx": Aws4Shape("fsx", "storage"),
    "ebs": Aws4Shape("elastic_block_store", "storage"),
    "cloudwatch": Aws4Shape("cloudwatch_2", "management"),
    "cloudwatch-synthetics": Aws4Shape("cloudwatch_2", "management"),
    "cloudwatch-logs": _resource("logs", "management"),
    "cloudwatch-alarm": _resource("alarm", "management"),
    "ssm-parameter-store": _resource("parameter_store", "management"),
    "cloudformation": Aws4Shape("cloudformation", "management"),
    "x-ray": Aws4Shape("xray", "devtools"),
    "codepipeline": Aws4Shape("codepipeline", "devtools"),
    "codedeploy": Aws4Shape("codedeploy", "devtools"),
    "cognito-user-pool": Aws4Shape("cognito", "security"),
    "cognito-identity-pool": Aws4Shape("cognito", "security"),
    "iam-identity-center": Aws4Shape("single_sign_on", "security"),
    "waf": Aws4Shape("waf", "security"),
    "shield-advanced": Aws4Shape("shield", "security"),
    "network-firewall": Aws4Shape("network_firewall", "security"),
    "secrets-manager": Aws4Shape("secrets_manager", "security"),
    "kms": Aws4Shape("key_management_service", "security"),
    "acm": Aws4Shape("certificate_manager_3", "security"),
}

#: a component whose service has no AWS 4 shape
GENERIC_STYLE: Final = "rounded=1;whiteSpace=wrap;fillColor=#F2F3F3;strokeColor=#879196;"

_COMMON: Final = (
    "outlineConnect=0;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;"
    "align=center;fontSize=11;fontColor=#232F3E;aspect=fixed;"
)

#: draw.io's AWS 4 group styles (its "Groups" palette), as containers
_GROUP_COMMON: Final = (
    "container=1;collapsible=0;recursiveResize=0;outlineConnect=0;verticalAlign=top;"
    "align=left;spacingLeft=30;fontSize=12;shape=mxgraph.aws4.group;"
)
GROUP_STYLES: Final[dict[str, str]] = {
    "region": "grIcon=mxgraph.aws4.group_region;strokeColor=#147EBA;fillColor=none;"
    "fontColor=#147EBA;dashed=1;",
    "vpc": "grIcon=mxgraph.aws4.group_vpc;strokeColor=#248814;fillColor=none;"
    "fontColor=#AAB7B8;dashed=0;",
    "public": "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#248814;"
    "fillColor=#E9F3E6;fontColor=#248814;dashed=0;",
    "private": "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#147EBA;"
    "fillColor=#E6F2F8;fontColor=#147EBA;dashed=0;",
    "mixed": "grIcon=mxgraph.aws4.group_security_group;grStroke=0;strokeColor=#879196;"
    "fillColor=#F2F3F3;fontColor=#545B64;dashed=0;",
}

EDGE_STYLES: Final[dict[str, str]] = {
    "sync": "strokeColor=#545B64;",
    "async": "strokeColor=#545B64;dashed=1;",
    "replication": "strokeColor=#3B48CC;dashed=1;dashPattern=1 3;strokeWidth=2;",
    "origin": "strokeColor=#8C4FFF;",
    "monitoring": "strokeColor=#C9CED3;",
    "protects": "strokeColor=#DD344C;dashed=1;endArrow=none;",
}
_EDGE_COMMON: Final = "edgeStyle=none;rounded=0;endArrow=classic;fontSize=10;fontColor=#545B64;"

#: the side of a component's icon, in points (the SVG draws it 48 pt square)
ICON: Final = 48.0
#: characters per line of a component's label
LABEL_WIDTH: Final = 22


class Box(NamedTuple):
    """A rectangle in draw.io's coordinates (origin top left, y down)."""

    x: float
    y: float
    width: float
    height: float


def vertex_style(service: str) -> str:
    """The draw.io style of a component drawing `service`."""
    shape = AWS4_SHAPES.get(service)
    if shape is None:
        return GENERIC_STYLE
    fill = CATEGORY_COLOURS[shape.category]
    if shape.icon:
        return (
            f"{_COMMON}shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{shape.name};"
            f"fillColor={fill};strokeColor=#ffffff;gradientColor=none;"
        )
    return f"{_COMMON}shape=mxgraph.aws4.{shape.name};fillColor={fill};strokeColor=none;"


def layout_boxes(layout_json: bytes) -> tuple[Box, dict[str, Box]]:
    """The drawing's bounds and each node's and cluster's box (by DOT name) from
    ``dot -Tjson`` output, flipped to a top-left origin."""
    layout: dict[str, Any] = json.loads(layout_json)
    left, bottom, right, top = (float(v) for v in layout["bb"].split(","))
    boxes: dict[str, Box] = {}
    for item in layout.get("objects", []):
        name = str(item["name"])
        if "bb" in item:  # a cluster
            x1, y1, x2, y2 = (float(v) for v in item["bb"].split(","))
            boxes[name] = Box(x1 - left, top - y2, x2 - x1, y2 - y1)
        elif "pos" in item:
            x, y = (float(v) for v in item["pos"].split(","))
            width, height = float(item["width"]) * 72, float(item["height"]) * 72
            boxes[name] = Box(x - width / 2 - left, top - y - height / 2, width, height)
    return Box(0.0, 0.0, right - left, top - bottom), boxes


def to_drawio(scene: Scene, layout_json: bytes) -> str:
    """The draw.io file of `scene`, laid out as `layout_json` (``dot -Tjson``) says."""
    bounds, boxes = layout_boxes(layout_json)
    mxfile = ElementTree.Element("mxfile", host="archgen", type="device")
    diagram = ElementTree.SubElement(mxfile, "diagram", id="archgen", name=scene.title[:100])
    model = ElementTree.SubElement(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        guides="1",
        connect="1",
        arrows="1",
        page="1",
        pageScale="1",
        pageWidth=_number(max(bounds.width, 850.0)),
        pageHeight=_number(max(bounds.height, 1100.0)),
    )
    root = ElementTree.SubElement(model, "root")
    ElementTree.SubElement(root, "mxCell", id="0")
    ElementTree.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    _cell(
        root,
        "title",
        scene.title,
        "text;fontSize=16;fontStyle=1;align=left;",
        "1",
        Box(10.0, 4.0, max(bounds.width - 20, 100.0), 30.0),
    )
    _place_group(root, scene, scene.root, boxes, "1", Box(0.0, 0.0, 0.0, 0.0))
    for index, edge in enumerate(scene.edges):
        _edge(root, scene, edge, index)
    ElementTree.indent(mxfile)
    return ElementTree.tostring(mxfile, encoding="unicode") + "\n"


def _place_group(
    root: ElementTree.Element,
    scene: Scene,
    group: SceneGroup,
    boxes: dict[str, Box],
    parent: str,
    origin: Box,
) -> None:
    for component_id in group.nodes:
        node = scene.nodes[component_id]
        box = boxes.get(node_name(component_id))
        if box is None:
            continue
        # the icon at the top centre of Graphviz's node box; its label below it
        icon = Box(box.x + (box.width - ICON) / 2, box.y + 2, ICON, ICON)
        _cell(
            root,
            node_name(component_id),
            _label(node),
            vertex_style(node.service),
            parent,
            _relative(icon, origin),
        )
    for child in group.groups:
        box = boxes.get("cluster_" + child.key)
        if child.is_empty() or box is None:
            continue
        cell_id = "g-" + child.key
        style = _GROUP_COMMON + GROUP_STYLES[child.kind]
        _cell(root, cell_id, child.label, style, parent, _relative(box, origin))
        _place_group(root, scene, child, boxes, cell_id, box)


def _label(node: SceneNode) -> str:
    lines = list(wrap_name(node.title, LABEL_WIDTH)) + list(node.lines)
    if node.rules:
        lines.append(", ".join(node.rules))
    return "\n".join(lines)


def _relative(box: Box, origin: Box) -> Box:
    return Box(box.x - origin.x, box.y - origin.y, box.width, box.height)


def _cell(
    root: ElementTree.Element, cell_id: str, value: str, style: str, parent: str, box: Box
) -> None:
    attributes = {"id": cell_id, "value": _text(value), "style": style, "vertex": "1"}
    cell = ElementTree.SubElement(root, "mxCell", {**attributes, "parent": parent})
    ElementTree.SubElement(
        cell,
        "mxGeometry",
        {
            "x": _number(box.x),
            "y": _number(box.y),
            "width": _number(box.width),
            "height": _number(box.height),
            "as": "geometry",
        },
    )


def _edge(root: ElementTree.Element, scene: Scene, edge: SceneEdge, index: int) -> None:
    cell = ElementTree.SubElement(
        root,
        "mxCell",
        {
            "id": f"e-{index}",
            "value": _text(edge.label),
            "style": _EDGE_COMMON + EDGE_STYLES[edge.style],
            "edge": "1",
            "parent": "1",
            "source": node_name(edge.source),
            "target": node_name(edge.target),
        },
    )
    ElementTree.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})


def _text(text: str) -> str:
    """`text` with the characters XML 1.0 cannot hold (control characters, lone
    surrogates) as spaces; line breaks stay (draw.io shows them)."""
    return "".join(
        " "
        if (ord(c) < 32 and c != "\n") or 0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff"
        else c
        for c in text
    )


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
