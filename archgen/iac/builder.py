"""Build an archgen model (plain data, as YAML would hold it) from a stack's resources.

Each resource is accounted for: drawn as a component, read into other parts, or left
out with a reason (`archgen/iac/resource_types.py`); `Imported.accounting` lists them
all, and the written model's header sums them up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archgen.iac.connections import derive_connections
from archgen.iac.names import Ids, kebab, label
from archgen.iac.network import Network, derive_network, ref_keys
from archgen.iac.resource_types import (
    ESCAPE_HATCH,
    ESCAPE_HATCH_DETAIL,
    Drawn,
    Fate,
    Left,
    Read,
    fate,
)
from archgen.iac.settings import settings_of
from archgen.iac.stack import Resource, Stack
from archgen.load.loader import Location

Key = tuple[str, str]


@dataclass(frozen=True)
class Entry:
    """What became of one resource: ``drawn`` (as `component`), ``read`` or ``left``."""

    resource: Resource
    fate: str
    detail: str
    component: str | None = None


@dataclass
class Imported:
    """The model built from a template, where each part came from, and the accounting."""

    model: dict[str, Any]
    #: (section, identity) -> where it was declared; a connection is where its caller is
    origins: dict[tuple[str | int, ...], Location]
    accounting: list[Entry]
    #: components no resource declares, which the import adds (the users, SAM's APIs)
    added: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_SUBNET_KEYS = ("SubnetIds", "Subnets", "SubnetId", "VPCZoneIdentifier", "SubnetMappings")
_GROUP_KEYS = ("SecurityGroupIds", "SecurityGroups", "VpcSecurityGroupIds", "VPCSecurityGroups")
_IN_VPC = ("VpcConfig", "NetworkConfiguration", "VPCOptions", "NetworkInterfaces")
#: kinds the internet reaches first: the users call them
_ENTRY_KINDS = ("cdn", "api", "load-balancer")


class Build:
    """The model being built; `archgen.iac.connections` adds to it."""

    def __init__(self, stack: Stack, region: str) -> None:
        self.region = region
        self.resources = stack.resources
        self.by_key = {r.key: r for r in stack.resources}
        self.ids = Ids()
        self.network: Network = derive_network(
            stack.resources, region, self.ids, stack.public_on_launch
        )
        self.components: dict[str, dict[str, Any]] = {}
        self.component_ids: dict[Key, str] = {}
        self.connections: list[dict[str, Any]] = []
        self._connected: set[tuple[str, str, str]] = set()
        self.added: list[str] = []

    # --- lookups used while connecting --------------------------------------------------

    def component_of(self, resource: Resource) -> str | None:
        """The component drawn for `resource`, if it is drawn."""
        return self.component_ids.get(resource.key)

    def components_in(self, value: Any) -> list[str]:
        """The components of the resources `value` names."""
        found = [self.component_ids.get(key) for key in ref_keys(value)]
        return list(dict.fromkeys(c for c in found if c is not None))

    def resources_in(self, value: Any) -> list[Resource]:
        """The resources `value` names."""
        return [self.by_key[key] for key in ref_keys(value) if key in self.by_key]

    def balancers_of(self, target_group: Key) -> list[str]:
        """The load balancers whose listeners forward to `target_group`."""
        found: list[str] = []
        for resource in self.resources:
            if resource.type == "AWS::ElasticLoadBalancingV2::Listener" and (
                target_group in ref_keys(resource.properties.get("DefaultActions"))
            ):
                found += self.components_in(resource.properties.get("LoadBalancerArn"))
        return found

    def connect(
        self,
        source: str | None,
        target: str | None,
        protocol: str | None = None,
        mode: str = "request",
    ) -> None:
        """Add a connection, once per (from, to, mode)."""
        if not source or not target or source == target:
            return
        identity = (source, target, mode)
        if identity in self._connected:
            return
        self._connected.add(identity)
        connection: dict[str, Any] = {"from": source, "to": target}
        if protocol:
            connection["protocol"] = protocol
        if mode != "request":
            connection["mode"] = mode
        self.connections.append(connection)

    def implicit(self, name: str, kind: str, service: str, title: str) -> str:
        """A component no resource declares (SAM's implicit API, the default event bus)."""
        key = ("(implicit)", name)
        if key not in self.component_ids:
            component_id = self.ids.new(name)
            self.component_ids[key] = component_id
            self.components[component_id] = {
                "id": component_id,
                "kind": kind,
                "service": service,
                "label": title,
                "region": self.region,
            }
            self.added.append(component_id)
        return self.component_ids[key]


def _fate_of(resource: Resource) -> Fate:
    return fate(resource.type)


def build_model(
    stack: Stack,
    region: str,
    name: str,
    title: str,
    fate_of: Callable[[Resource], Fate] = _fate_of,
) -> Imported:
    """The model of `stack` (see the module docstring); `fate_of` says what each
    resource becomes (by default its CloudFormation type's fate)."""
    build = Build(stack, region)
    accounting: list[Entry] = []
    origins: dict[tuple[str | int, ...], Location] = {}
    for resource in stack.resources:
        what = fate_of(resource)
        if isinstance(what, Drawn) and not _folded_instance(build, resource):
            component = _component(build, resource, what)
            build.components[component["id"]] = component
            build.component_ids[resource.key] = component["id"]
            origins[("components", component["id"])] = _location(resource)
            detail = ESCAPE_HATCH_DETAIL if what is ESCAPE_HATCH else what.kind
            accounting.append(Entry(resource, "drawn", detail, component["id"]))
        elif isinstance(what, Drawn):
            accounting.append(Entry(resource, "read", "the readers of its Aurora cluster"))
        elif isinstance(what, Read):
            accounting.append(Entry(resource, "read", what.into))
        else:
            assert isinstance(what, Left)
            accounting.append(Entry(resource, "left", what.reason))
    for _, reason, resource in stack.left_out:
        accounting.append(Entry(resource, "left", reason))
    for group_name, resource in build.network.group_origins.items():
        origins[("security_groups", group_name)] = _location(resource)
    _cross_settings(build)
    derive_connections(build)
    _entry_points(build)
    for index, connection in enumerate(build.connections):
        for end in ("from", "to"):
            where = origins.get(("components", connection[end]))
            if where is not None:
                origins[("connections", index)] = where
                break
    model: dict[str, Any] = {"archgen": 1, "name": name, "title": title}
    # the template (or configuration) is the automated deployment of what it declares
    model["regions"] = [{**build.network.region, "deployment": "automated"}]
    if build.network.security_groups:
        model["security_groups"] = build.network.security_groups
    model["components"] = list(build.components.values())
    if build.connections:
        model["connections"] = build.connections
    return Imported(model, origins, accounting, build.added, build.network.notes)


def _location(resource: Resource) -> Location:
    return Location(resource.file, resource.mark[0], resource.mark[1])


def _folded_instance(build: Build, resource: Resource) -> bool:
    """An instance of an Aurora (or DocumentDB, Neptune) cluster: counted as a reader."""
    if resource.type not in ("AWS::RDS::DBInstance",):
        return False
    return any(
        build.by_key.get(key) is not None and build.by_key[key].type == "AWS::RDS::DBCluster"
        for key in ref_keys(resource.properties.get("DBClusterIdentifier"))
    ) or str(resource.properties.get("Engine", "")).startswith("aurora")


def _component(build: Build, resource: Resource, drawn: Drawn) -> dict[str, Any]:
    p = resource.properties
    component: dict[str, Any] = {"id": build.ids.new(resource.id_name, resource.scope)}
    component["kind"] = drawn.kind
    if drawn.icon:
        component["icon"] = drawn.icon
    elif drawn.service:
        component["service"] = drawn.service
    component["label"] = label(resource.id_name, p)
    settings = settings_of(resource)
    if (
        drawn.kind == "database"
        and settings.get("service") is None
        and resource.type == "AWS::RDS::DBInstance"
    ):
        engine = str(p.get("Engine", "")).lower()
        if engine and "mysql" not in engine:  # Oracle, SQL Server: no service of that name yet
            component = {**component, "kind": "generic", "icon": "aws.database.RDS"}
            component.pop("service", None)
            return _place(build, resource, component)
    component.update(settings)
    if component["kind"] == "cdn":
        component["origins"] = []
    return _place(build, resource, component)


def _place(build: Build, resource: Resource, component: dict[str, Any]) -> dict[str, Any]:
    p = resource.properties
    holders = [p] + [p[k] for k in _IN_VPC if isinstance(p.get(k), dict)]
    network_config = p.get("NetworkConfiguration")
    if isinstance(network_config, dict) and isinstance(
        network_config.get("AwsvpcConfiguration"), dict
    ):
        holders.append(network_config["AwsvpcConfiguration"])
    subnets: list[str] = []
    groups: list[str] = []
    for holder in holders:
        for key in _SUBNET_KEYS:
            subnets += [
                build.network.subnets[k]
                for k in ref_keys(holder.get(key))
                if k in build.network.subnets
            ]
        for key in _GROUP_KEYS:
            groups += [
                build.network.groups[k]
                for k in ref_keys(holder.get(key))
                if k in build.network.groups
            ]
    for key in ("DBSubnetGroupName", "CacheSubnetGroupName"):
        for group in build.resources_in(p.get(key)):
            subnets += [
                build.network.subnets[k]
                for k in ref_keys(group.properties.get("SubnetIds"))
                if k in build.network.subnets
            ]
    for launch in build.resources_in(p.get("LaunchConfigurationName") or p.get("LaunchTemplate")):
        for key in _GROUP_KEYS:
            groups += [
                build.network.groups[k]
                for k in ref_keys(launch.properties.get(key))
                if k in build.network.groups
            ]
    if subnets:
        component["subnets"] = list(dict.fromkeys(subnets))
    elif component["kind"] == "gateway" and component.get("service") in (
        "internet-gateway",
        "vpc-endpoint-gateway",
    ):
        network = _network_of(build, resource)
        if network is not None:
            component["network"] = network
        else:
            component["region"] = build.region
    elif component["kind"] not in ("client", "cdn", "dns", "identity", "firewall", "generic") or (
        component["kind"] == "firewall" and component.get("service") == "network-firewall"
    ):
        component["region"] = build.region
    if groups:
        component["security_groups"] = list(dict.fromkeys(groups))
    return component


def _network_of(build: Build, resource: Resource) -> str | None:
    for key in ref_keys(resource.properties.get("VpcId")):
        if key in build.network.networks:
            return build.network.networks[key]
    for other in build.resources:
        if other.type == "AWS::EC2::VPCGatewayAttachment" and resource.key in ref_keys(
            other.properties.get("InternetGatewayId")
        ):
            for key in ref_keys(other.properties.get("VpcId")):
                if key in build.network.networks:
                    return build.network.networks[key]
    return None


def _cross_settings(build: Build) -> None:
    """Settings one resource gives another: readers, replicas, WAF, origins."""
    zones = build.network.region["zones"]
    readers: dict[str, int] = {}
    for resource in build.resources:
        p = resource.properties
        if resource.type == "AWS::RDS::DBInstance":
            for cluster in build.components_in(p.get("DBClusterIdentifier")):
                readers[cluster] = readers.get(cluster, 0) + 1
            me = build.component_of(resource)
            for source in build.components_in(p.get("SourceDBInstanceIdentifier")):
                if me is not None and build.components[source]["kind"] == "database":
                    build.components[me].update(role="replica", replicates=source)
                    build.components[source]["role"] = "primary"
            if me is not None and str(p.get("MultiAZ")).lower() == "true" and len(zones) > 1:
                # the zone AWS picks for the standby is not in the template: the second
                build.components[me]["standby"] = zones[1]
        elif resource.type in (
            "AWS::WAFv2::WebACLAssociation",
            "AWS::WAFRegional::WebACLAssociation",
        ):
            protected = build.components_in(p.get("ResourceArn"))
            for stage in build.resources_in(p.get("ResourceArn")):
                protected += build.components_in(stage.properties.get("RestApiId"))
            _protect(build, build.components_in(p.get("WebACLArn") or p.get("WebACLId")), protected)
            for target in protected:  # also when the web ACL is another stack's
                build.components[target]["waf"] = True
        elif resource.type == "AWS::CloudFront::Distribution":
            _distribution(build, resource)
    for cluster, count in readers.items():
        component = build.components[cluster]
        if component.get("service", "").startswith(("aurora-", "documentdb", "neptune")):
            component["readers"] = max(count - 1, 0)
    for component in build.components.values():
        if "waf" not in component and component.get("service") in ("alb", "api-gateway-rest"):
            component["waf"] = False


def _protect(build: Build, acls: list[str], protected: list[str]) -> None:
    for acl in acls:
        guarded = build.components[acl].setdefault("protects", [])
        for target in protected:
            if target not in guarded:
                guarded.append(target)
            build.components[target]["waf"] = True


def _distribution(build: Build, resource: Resource) -> None:
    me = build.component_of(resource)
    if me is None:
        return
    config = resource.properties.get("DistributionConfig") or {}
    component = build.components[me]
    origins: list[str] = []
    for origin in config.get("Origins") or []:
        found = build.components_in(origin.get("DomainName") if isinstance(origin, dict) else None)
        origins += [o for o in found if o not in origins and o != me]
    if not origins:
        origins = [
            build.implicit(
                f"{kebab(resource.name)}-origin", "generic", "", "Origin outside the template"
            )
        ]
        origin = build.components[origins[0]]
        origin.pop("service", None)
        origin.pop("region", None)
        origin["icon"] = "aws.general.InternetAlt1"
    component["origins"] = origins
    for origin in origins:
        build.connect(me, origin, protocol="https")
    acl = config.get("WebACLId")
    component["waf"] = bool(acl)
    _protect(build, build.components_in(acl), [me])
    component["logging"] = bool(config.get("Logging"))


def _entry_points(build: Build) -> None:
    """The users, calling each part the internet reaches first."""
    behind = {c["to"] for c in build.connections if build.components[c["from"]]["kind"] == "cdn"}
    entries = [
        c["id"]
        for c in build.components.values()
        if c["kind"] in _ENTRY_KINDS and c["id"] not in behind and _internet_facing(build, c)
    ]
    if not entries:
        return
    users = build.ids.new("users")
    build.components = {
        users: {"id": users, "kind": "client", "label": "Users"},
        **build.components,
    }
    build.added.insert(0, users)
    for entry in entries:
        build.connect(users, entry, protocol=_entry_protocol(build, entry))


def _entry_protocol(build: Build, entry: str) -> str:
    """What the users speak to an entry point. A load balancer: ``http`` for a plain
    HTTP listener that does not redirect to HTTPS (what checkov's CKV_AWS_2 and
    CKV2_AWS_20 look for); a Network Load Balancer: ``tls`` for a TLS listener, else
    ``tcp`` (its listeners carry no HTTP). Anything else: ``https``."""
    network = build.components[entry].get("service") == "nlb"
    protocols = set()
    for resource in build.resources:
        if resource.type != "AWS::ElasticLoadBalancingV2::Listener":
            continue
        p = resource.properties
        if entry not in build.components_in(p.get("LoadBalancerArn")):
            continue
        protocol = str(p.get("Protocol", "")).upper()
        if protocol == "HTTP" and not _redirects(p):
            return "http"
        protocols.add(protocol)
    if network:
        return "tls" if protocols == {"TLS"} else "tcp"
    return "https"


def _redirects(listener: dict[str, Any]) -> bool:
    if listener.get("Redirects") is True:  # read from a Terraform listener
        return True
    for action in listener.get("DefaultActions") or []:
        config = action.get("RedirectConfig") if isinstance(action, dict) else None
        if isinstance(config, dict) and str(config.get("Protocol", "")).upper() == "HTTPS":
            return True
    return False


def _internet_facing(build: Build, component: dict[str, Any]) -> bool:
    if component["kind"] != "load-balancer":
        return not component.get("private", False)
    if component.get("service") == "gwlb":  # reached through endpoints, not the internet
        return False
    for key, component_id in build.component_ids.items():
        if component_id == component["id"]:
            scheme = build.by_key[key].properties.get("Scheme", "internet-facing")
            return bool(scheme != "internal")
    return True
