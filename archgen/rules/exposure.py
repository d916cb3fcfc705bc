"""Who can reach a component, on which ports, from where: the exposure a model declares.

Exposure rules ask one question of a component — which ingress rules let traffic in —
and judge each by its ports and its source. `Exposure` answers it once per model
(`Context.exposure`): a component's openings are the rules of its security groups and
its own `ingress:`; its subnets' `ingress:` (network ACLs) are asked for apart. A
component that declares neither security groups nor ingress says nothing about its
exposure (`declares` is false): rules then fall back to subnets and connections.

What actually gets through is asked with `effective`: a packet passes both the
component's rules and its subnet's, so each layer narrows the other, and a layer that
declares nothing narrows nothing. `breadth` says in words why a CIDR block (or a prefix
list) reaches beyond one tier.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from archgen.model.exposure import (
    INTERNET,
    INTERNET_CIDRS,
    MAX_PORT,
    PREFIX_LISTS,
    IngressRule,
    is_cidr,
)
from archgen.model.references import Key

if TYPE_CHECKING:
    from archgen.model.schema import Component, Model

SourceKind = Literal["internet", "cidr", "prefix-list", "security-group", "component"]

#: IPv4 blocks that are not on the internet: RFC 1918, and RFC 6598's shared space that
#: VPCs may also use; any other IPv4 block is public addresses
PRIVATE_IPV4 = tuple(
    ipaddress.IPv4Network(block)
    for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)
#: where the ephemeral ports that replies come back to may start (Linux: 32768, Windows:
#: 49152, AWS's network ACL examples: 1024)
EPHEMERAL_LOW = 1024
#: the widest block a VPC holds: /16 of IPv4, /56 of IPv6 (AWS's limits); a source at
#: least this wide spans a whole VPC, so every tier in it
VPC_PREFIX = {4: 16, 6: 56}


@dataclass(frozen=True)
class Opening:
    """One ingress rule that lets traffic into a component (or a subnet)."""

    #: the lowest and highest port it opens (0 and 65535 for all of them)
    low: int
    high: int
    #: ``tcp``, ``udp``, ``icmp`` or ``all``
    protocol: str
    #: the `from` of the rule, as written
    source: str
    source_kind: SourceKind
    #: the security group the rule belongs to; empty for a component's or subnet's own
    via: str
    #: where the rule is declared, for a finding to point at
    key: Key
    #: the subnet whose `ingress:` (network ACL) declares the rule; empty for the others
    subnet: str = ""

    def covers(self, port: int, protocol: str = "tcp") -> bool:
        """Whether it lets in `port` over `protocol`."""
        return self.protocol in ("all", protocol) and self.low <= port <= self.high

    @property
    def from_internet(self) -> bool:
        """Whether anyone on the internet may use it: `internet`, 0.0.0.0/0 or ::/0."""
        return self.source_kind == "internet" or self.source in INTERNET_CIDRS

    @property
    def all_traffic(self) -> bool:
        """Whether it opens every port of every protocol."""
        return self.protocol == "all"

    @property
    def all_ports(self) -> bool:
        """Whether it opens every port (1–65535; port 0 is reserved) of TCP, UDP or all
        protocols; ICMP has no ports, so it never does."""
        return self.protocol != "icmp" and self.low <= 1 and self.high == MAX_PORT

    @property
    def names_ports(self) -> bool:
        """Whether it opens chosen TCP or UDP ports: not every port, and not a tail of
        the ephemeral range (from 1024 or above up to 65535) that a stateless network ACL
        opens so that replies come back in."""
        chosen = self.protocol in ("tcp", "udp") and not self.all_ports
        return chosen and not (self.low >= EPHEMERAL_LOW and self.high == MAX_PORT)

    @property
    def declared_by(self) -> str:
        """Where the rule is written, in words: ``security group web-sg``, ``subnet
        public-a`` or ``its own ingress``."""
        if self.via:
            return f"security group {self.via}"
        if self.subnet:
            return f"subnet {self.subnet}"
        return "its own ingress"

    @property
    def traffic(self) -> str:
        """What it lets in, in words: ``port 443``, ``UDP ports 5000-5010``, ``ICMP``,
        ``every TCP port``, ``every protocol and port``."""
        if self.all_traffic:
            return "every protocol and port"
        if self.protocol == "icmp":
            return "ICMP"
        if self.all_ports:
            return f"every {self.protocol.upper()} port"
        udp = "UDP " if self.protocol == "udp" else ""
        return f"{udp}port{'' if self.low == self.high else 's'} {self.ports}"

    @property
    def ports(self) -> str:
        """The ports as a reader writes them: ``443``, ``8080-8090`` or ``all``."""
        if (self.low, self.high) == (0, 65535):
            return "all"
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


class Exposure:
    """The declared exposure of every component of a model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.groups = {group.name: group for group in model.security_groups}
        self.components = {c.id: c for c in model.components}
        self._subnet_keys: dict[str, Key] = {
            subnet.name: ("regions", region.name, "networks", ni, "subnets", si)
            for region in model.regions
            for ni, network in enumerate(region.networks)
            for si, subnet in enumerate(network.subnets)
        }
        self._subnets = {
            subnet.name: subnet
            for region in model.regions
            for network in region.networks
            for subnet in network.subnets
        }
        self._networks = [network for region in model.regions for network in region.networks]
        #: whether the model declares any exposure at all (most do not: rules stop early)
        self.declared = bool(
            model.security_groups
            or any(c.security_groups or c.ingress for c in model.components)
            or any(subnet.ingress for subnet in self._subnets.values())
        )
        self._effective: dict[str, list[Opening]] = {}

    def declares(self, component: Component) -> bool:
        """Whether the model says anything about who may reach `component`."""
        return bool(component.security_groups or component.ingress)

    def openings(self, component: Component) -> list[Opening]:
        """The rules that let traffic into `component`: its security groups' (in the
        order it lists them), then its own `ingress:`."""
        found: list[Opening] = []
        for name in component.security_groups:
            group = self.groups.get(name)
            if group is not None:
                key: Key = ("security_groups", name)
                found.extend(self._openings(group.ingress, key, name))
        found.extend(self._openings(component.ingress, ("components", component.id), ""))
        return found

    def subnet_openings(self, component: Component) -> dict[str, list[Opening]]:
        """Per subnet of `component` that declares `ingress:` (a network ACL), its rules."""
        return {
            name: list(
                self._openings(self._subnets[name].ingress, self._subnet_keys[name], "", name)
            )
            for name in component.subnets
            if name in self._subnets and self._subnets[name].ingress
        }

    def effective(self, component: Component) -> list[Opening]:
        """What gets through to `component`: its openings, narrowed by the `ingress:` of
        each subnet it sits in (ports, protocol and source a rule of both layers lets
        in), without repeats.

        A layer that declares nothing narrows nothing: a component in subnets without
        rules keeps its own openings. For a component that declares nothing, its
        subnets' rules stand in where they name ports (`Opening.names_ports`): a network
        ACL is stateless, so a rule for every port or for the ephemeral range lets
        replies in and says nothing about what listens, while a rule for port 22 says
        SSH may come in. With neither, nothing is known and the list is empty. An opening
        narrowed by a subnet keeps the key of the component's own rule, the one to change.
        """
        if not self.declared:
            return []
        if component.id not in self._effective:
            self._effective[component.id] = self._through_subnets(component)
        return self._effective[component.id]

    def _through_subnets(self, component: Component) -> list[Opening]:
        own = self.openings(component) if self.declares(component) else None
        acls = self.subnet_openings(component)
        found: list[Opening] = []
        if own is not None and (not acls or any(s not in acls for s in component.subnets)):
            found.extend(own)
        for rules in acls.values():
            if own is None:
                found.extend(n for n in rules if n.names_ports)
            else:
                found.extend(x for o in own for n in rules if (x := _through(o, n)) is not None)
        return list(dict.fromkeys(found))

    def breadth(self, opening: Opening) -> str | None:
        """Why the source of `opening` reaches beyond one tier, as words that follow
        "which" (``covers the whole VPC main-vpc (10.0.0.0/16)``), or None.

        Beyond one tier: a prefix list; public addresses; a block that holds a whole VPC
        or a public subnet of the model; a block as wide as a VPC can be. The internet
        itself is not asked here (`Opening.from_internet`).
        """
        if opening.source_kind == "prefix-list":
            return f"is the {opening.source} prefix list, whose addresses every distribution shares"
        if opening.source_kind != "cidr" or opening.from_internet:
            return None
        block = ipaddress.ip_network(opening.source)
        for network in self._networks:
            if network.cidr is not None and _within(network.cidr, block):
                return f"covers the whole VPC {network.name} ({network.cidr})"
        for name, subnet in self._subnets.items():
            if subnet.public and subnet.cidr is not None and _within(subnet.cidr, block):
                return f"covers public subnet {name} ({subnet.cidr})"
        if self.public_range(opening):
            return "holds public addresses, outside every VPC"
        if block.prefixlen <= VPC_PREFIX[block.version]:
            return f"is a /{block.prefixlen}, as wide as a whole VPC or wider"
        return None

    def public_range(self, opening: Opening) -> bool:
        """Whether the source of `opening` is a block of public IPv4 addresses narrower
        than the whole internet (an office, a partner, a service's published range).
        IPv6 is not asked: a VPC's IPv6 addresses are public too."""
        if opening.source_kind != "cidr" or opening.from_internet:
            return False
        block = ipaddress.ip_network(opening.source)
        return isinstance(block, ipaddress.IPv4Network) and not any(
            block.subnet_of(private) for private in PRIVATE_IPV4
        )

    def reachable_on(self, component: Component, port: int, protocol: str = "tcp") -> list[Opening]:
        """The openings of `component` that let in `port` over `protocol`."""
        return [o for o in self.openings(component) if o.covers(port, protocol)]

    def members(self, group: str) -> list[str]:
        """The ids of the components in security group `group`, in model order."""
        return self._members.get(group, [])

    @cached_property
    def _members(self) -> dict[str, list[str]]:
        """Every group's members, found in one pass (rules ask once per rule line)."""
        members: dict[str, list[str]] = {}
        for component in self.model.components:
            for group in dict.fromkeys(component.security_groups):
                members.setdefault(group, []).append(component.id)
        return members

    def source_components(self, opening: Opening) -> list[str]:
        """The components an opening names: a component, or a security group's members."""
        if opening.source_kind == "component":
            return [opening.source]
        if opening.source_kind == "security-group":
            return self.members(opening.source)
        return []

    def _openings(
        self, rules: list[IngressRule], key: Key, via: str, subnet: str = ""
    ) -> Iterator[Opening]:
        for index, rule in enumerate(rules):
            low, high = rule.port_range
            yield Opening(
                low,
                high,
                rule.protocol,
                rule.source,
                self._kind_of(rule.source),
                via,
                (*key, "ingress", index),
                subnet,
            )

    def _kind_of(self, source: str) -> SourceKind:
        """What a `from` names; a name in the model wins over the words `internet` and
        `cloudfront`, and a client component stands for the internet."""
        if is_cidr(source):
            return "cidr"
        if source in self.groups:
            return "security-group"
        if source in self.components:
            return "internet" if self.components[source].kind == "client" else "component"
        if source == INTERNET:
            return "internet"
        if source in PREFIX_LISTS:
            return "prefix-list"
        return "component"  # a dangling name: the loader has already reported it


def _within(inner: str, outer: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    """Whether CIDR block `inner` lies inside `outer` (never across IP versions)."""
    block = ipaddress.ip_network(inner)
    # the version check is what makes the types match; mypy cannot see it
    return block.version == outer.version and block.subnet_of(outer)  # type: ignore[arg-type]


def _through(own: Opening, acl: Opening) -> Opening | None:
    """What `own` lets in that a subnet rule `acl` lets in too, or None.

    The source is the narrower of the two; where one is a name and the other a CIDR
    block, the name's addresses are not known and the rule is taken to let it in.
    """
    low, high = max(own.low, acl.low), min(own.high, acl.high)
    if low > high:
        return None
    if own.protocol == acl.protocol or acl.protocol == "all":
        protocol = own.protocol
    elif own.protocol == "all":
        protocol = acl.protocol
    else:
        return None
    narrowed = replace(own, low=low, high=high, protocol=protocol)
    if acl.from_internet or own.source == acl.source:
        return narrowed
    if own.from_internet:
        return replace(narrowed, source=acl.source, source_kind=acl.source_kind)
    if own.source_kind == acl.source_kind == "cidr":
        own_block, acl_block = ipaddress.ip_network(own.source), ipaddress.ip_network(acl.source)
        if _within(own.source, acl_block):
            return narrowed
        if _within(acl.source, own_block):
            return replace(narrowed, source=acl.source)
        return None
    return narrowed
