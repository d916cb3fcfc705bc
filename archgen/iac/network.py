"""The network layout of a stack: its region, VPCs, subnets and zones, and its
security groups.

A subnet is public when its route table sends 0.0.0.0/0 (or ::/0) to an internet
gateway: `MapPublicIpOnLaunch` alone does not make it so (real templates have routed
subnets without it, and subnets with it whose default route goes to a firewall). For a
Terraform configuration, whose routing often lives in another state, a subnet with
`map_public_ip_on_launch` and no route table association written out is public.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

from archgen.iac.intrinsics import refs_in
from archgen.iac.names import Ids
from archgen.iac.stack import Resource
from archgen.model.types import ID_PATTERN

Key = tuple[str, str]
_ID = re.compile(ID_PATTERN)


@dataclass
class Network:
    """What the layout gives the rest of the import."""

    region: dict[str, Any]
    subnets: dict[Key, str] = field(default_factory=dict)
    networks: dict[Key, str] = field(default_factory=dict)
    groups: dict[Key, str] = field(default_factory=dict)
    security_groups: list[dict[str, Any]] = field(default_factory=list)
    group_origins: dict[str, Resource] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _cidr(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return str(ipaddress.ip_network(value, strict=True))
    except ValueError:
        return None


def _one(value: Any) -> Key | None:
    found = refs_in(value)
    return (found[0].scope, found[0].name) if found else None


def derive_network(
    resources: list[Resource], region: str, ids: Ids, public_on_launch: bool = False
) -> Network:
    """Region, VPCs, subnets and security groups of `resources` (`public_on_launch`:
    see the module docstring)."""
    by_type: dict[str, list[Resource]] = {}
    for resource in resources:
        by_type.setdefault(resource.type, []).append(resource)
    gateways = {r.key for r in by_type.get("AWS::EC2::InternetGateway", [])}
    public_tables: set[Key] = set()
    routes = [
        (r.properties, _one(r.properties.get("RouteTableId")))
        for r in by_type.get("AWS::EC2::Route", [])
    ]
    for table in by_type.get("AWS::EC2::RouteTable", []):  # a Terraform table's inline routes
        routes += [(route, table.key) for route in table.properties.get("Routes") or []]
    for p, table_key in routes:
        default = p.get("DestinationCidrBlock") == "0.0.0.0/0" or (
            p.get("DestinationIpv6CidrBlock") == "::/0"
        )
        if default and _one(p.get("GatewayId")) in gateways and table_key is not None:
            public_tables.add(table_key)
    table_of: dict[Key, Key] = {}
    for association in by_type.get("AWS::EC2::SubnetRouteTableAssociation", []):
        subnet_key = _one(association.properties.get("SubnetId"))
        table_key = _one(association.properties.get("RouteTableId"))
        if subnet_key is not None and table_key is not None:
            table_of[subnet_key] = table_key

    layout = Network(region={"name": region})
    networks: list[dict[str, Any]] = []
    by_vpc: dict[Key, dict[str, Any]] = {}
    for vpc in by_type.get("AWS::EC2::VPC", []):
        name = ids.new(vpc.id_name, vpc.scope)
        entry: dict[str, Any] = {"name": name}
        if (cidr := _cidr(vpc.properties.get("CidrBlock"))) is not None:
            entry["cidr"] = cidr
        entry["subnets"] = []
        layout.networks[vpc.key] = name
        by_vpc[vpc.key] = entry
        networks.append(entry)
    zones: list[str] = []
    for subnet in by_type.get("AWS::EC2::Subnet", []):
        vpc_key = _one(subnet.properties.get("VpcId"))
        if vpc_key not in by_vpc:
            vpc_key = ("", "(outside)")
            if vpc_key not in by_vpc:
                by_vpc[vpc_key] = {"name": ids.new("vpc"), "subnets": []}
                networks.append(by_vpc[vpc_key])
                layout.notes.append("subnets of a VPC the template does not create are in 'vpc'")
        zone = subnet.properties.get("AvailabilityZone")
        if not isinstance(zone, str) or not _ID.fullmatch(zone):
            zone = f"{region}a"
            layout.notes.append(f"the zone of subnet {subnet.name} is not written out: {zone}")
        if zone not in zones:
            zones.append(zone)
        name = ids.new(subnet.id_name, subnet.scope)
        entry = {"name": name, "zone": zone}
        if table_of.get(subnet.key) in public_tables or (
            public_on_launch
            and subnet.key not in table_of
            and subnet.properties.get("MapPublicIpOnLaunch") is True
        ):
            entry["public"] = True
        if (cidr := _cidr(subnet.properties.get("CidrBlock"))) is not None:
            entry["cidr"] = cidr
        by_vpc[vpc_key]["subnets"].append(entry)
        layout.subnets[subnet.key] = name
    if not zones:
        zones = [f"{region}{letter}" for letter in "abc"]
    layout.region["zones"] = sorted(zones)
    if networks:
        layout.region["networks"] = networks
    _security_groups(layout, by_type, ids)
    return layout


def _security_groups(layout: Network, by_type: dict[str, list[Resource]], ids: Ids) -> None:
    rules: dict[Key, list[dict[str, Any]]] = {}
    for group in by_type.get("AWS::EC2::SecurityGroup", []):
        name = ids.new(group.id_name, group.scope)
        layout.groups[group.key] = name
        layout.group_origins[name] = group
        rules[group.key] = list(group.properties.get("SecurityGroupIngress") or [])
    for ingress in by_type.get("AWS::EC2::SecurityGroupIngress", []):
        target = _one(ingress.properties.get("GroupId"))
        if target in rules:
            rules[target].append(ingress.properties)
    for group in by_type.get("AWS::EC2::SecurityGroup", []):
        entry: dict[str, Any] = {"name": layout.groups[group.key]}
        description = group.properties.get("GroupDescription")
        if isinstance(description, str) and 0 < len(description) <= 4000:
            entry["description"] = description
        entry["ingress"] = [
            rule for raw in rules[group.key] if (rule := ingress_rule(raw, layout.groups))
        ]
        layout.security_groups.append(entry)


_PROTOCOLS = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}
_PROTOCOLS |= {"icmp": "icmp", "1": "icmp"}


def ingress_rule(raw: Any, groups: dict[Key, str]) -> dict[str, Any] | None:
    """An ingress rule of the model from a CloudFormation one, or None when its source or
    ports are not written out in the template."""
    if not isinstance(raw, dict):
        return None
    protocol = _PROTOCOLS.get(str(raw.get("IpProtocol")).lower())
    if protocol is None:
        return None
    source: str | None = _cidr(raw.get("CidrIp")) or _cidr(raw.get("CidrIpv6"))
    if source is None:
        group = _one(raw.get("SourceSecurityGroupId"))
        source = groups.get(group) if group is not None else None
    if source is None:
        return None
    rule: dict[str, Any] = {"protocol": protocol, "from": source}
    if protocol in ("tcp", "udp"):
        low, high = _port(raw.get("FromPort")), _port(raw.get("ToPort"))
        if low is None or high is None:
            return None
        if (low, high) in ((0, 65535), (-1, -1)) or low < 0:
            rule["ports"] = "all"
        else:
            rule["ports"] = low if low == high else f"{low}-{max(low, high)}"
    description = raw.get("Description")
    if isinstance(description, str) and 0 < len(description) <= 300:
        rule["description"] = description
    return rule


def _port(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.lstrip("-").isdigit():
        value = int(value)
    return value if isinstance(value, int) and -1 <= value <= 65535 else None


def ref_keys(value: Any) -> list[Key]:
    """The resources `value` names, as keys, in a stable order."""
    return list(dict.fromkeys((r.scope, r.name) for r in refs_in(value)))
