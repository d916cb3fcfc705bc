"""The anchor: the two-region stage 7 drawn with plain `diagrams`, as its users write it.

Default `Diagram` settings (orthogonal edges, left-to-right), one cluster per region,
VPC, availability zone and subnet, and one node per server: a tier of four web servers
over two zones is four nodes, each with its own labelled edges. This is what
`benchmarks/render_bench.py` times `archgen render` against, and the picture
`archgen render models/stage7.yaml` should read better than.

    python benchmarks/raw_diagrams_stage7.py OUT_DIR [svg|png|svg,png]
"""

from __future__ import annotations

import os
import sys

from diagrams import Cluster, Diagram, Edge
from diagrams.aws.compute import EC2, Fargate
from diagrams.aws.database import ElasticacheForRedis, RDSMysqlInstance
from diagrams.aws.general import Users
from diagrams.aws.network import ELB, CloudFront, NATGateway, Route53


def region(name: str, zones: list[str], oregon: bool) -> dict[str, list[object]]:
    """One region's stack; returns its nodes by role."""
    nodes: dict[str, list[object]] = {k: [] for k in ("alb", "web", "jobs", "data")}
    suffix = " (Oregon)" if oregon else ""
    with Cluster(f"Region {name}"), Cluster("VPC 10.1.0.0/16" if oregon else "VPC 10.0.0.0/16"):
        alb = ELB(f"ALB{suffix}")
        nodes["alb"].append(alb)
        for zone in zones:
            with Cluster(f"AZ {zone}"):
                with Cluster(f"public subnet {zone}"):
                    NATGateway(f"NAT {zone}")
                with Cluster(f"app subnet {zone}"):
                    nodes["web"] += [EC2(f"web {zone} #{i}") for i in (1, 2)]
                    if not oregon:
                        nodes["jobs"].append(Fargate(f"report job {zone}"))
                with Cluster(f"data subnet {zone}"):
                    nodes["data"] += [
                        ElasticacheForRedis(f"session node {zone}"),
                        ElasticacheForRedis(f"cache node {zone}"),
                    ]
                    if oregon:
                        nodes["data"].append(RDSMysqlInstance(f"replica {zone}"))
                    else:
                        nodes["data"] += [
                            RDSMysqlInstance(f"MySQL {zone}"),
                            RDSMysqlInstance(f"read replica {zone}"),
                        ]
    return nodes


def main() -> None:
    """Draw stage 7 into OUT_DIR in the formats asked for."""
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
    formats = (sys.argv[2] if len(sys.argv) > 2 else "svg").split(",")
    os.makedirs(out_dir, exist_ok=True)
    filename = os.path.join(out_dir, "raw_stage7")
    with Diagram("Stage 7 - multi-region", filename=filename, show=False, outformat=formats):
        users = Users("users")
        dns = Route53("Route 53 latency")
        cdn = CloudFront("CloudFront")
        seoul = region("ap-northeast-2", ["2a", "2c"], oregon=False)
        oregon = region("us-west-2", ["2a", "2b"], oregon=True)
        users >> Edge(label="DNS lookup") >> dns
        users >> Edge(label="static assets") >> cdn
        for stack in (seoul, oregon):
            alb = stack["alb"][0]
            users >> Edge(label="HTTPS") >> alb
            cdn >> Edge(label="cache miss") >> alb
            for web in stack["web"]:
                alb >> Edge(label="HTTP") >> web
                for data in stack["data"]:
                    web >> Edge(label="read/write") >> data
        primary = seoul["data"][2]
        for job in seoul["jobs"]:
            job >> Edge(label="batch reads") >> seoul["data"][3]
        for replica in [seoul["data"][3], seoul["data"][7], *oregon["data"][2::3]]:
            primary >> Edge(label="replication", style="dotted") >> replica
        for web in oregon["web"]:
            web >> Edge(label="cross-region writes") >> primary


if __name__ == "__main__":
    main()
