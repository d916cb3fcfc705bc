"""Who can reach a component, on which ports, from where: the exposure a model declares.

Exposure rules ask one question of a component — which ingress rules let traffic in —
and judge each by its ports and its source. `Exposure` answers it once per model
(`Context.exposure`): a component's openings are the rules of its security groups and
its own `ingress:`; its subnets' `ingress:` (network ACLs) are asked for apart. A
component that declares neither security groups nor ingress says nothing about its
exposure (`declares` is false): rules then fall back to subnets and connections.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from archgen.model.exposure import INTERNET, INTERNET_CIDRS, PREFIX_LISTS, IngressRule, is_cidr
from archgen.model.references import Key

if TYPE_CHECKING:
    from archgen.model.schema import Component, Model

SourceKind = Literal["internet", "cidr", "prefix-list", "security-group", "component"]


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
            name: list(self._openings(self._subnets[name].ingress, self._subnet_keys[name], ""))
            for name in component.subnets
            if name in self._subnets and self._subnets[name].ingress
        }

    def reachable_on(self, component: Component, port: int, protocol: str = "tcp") -> list[Opening]:
        """The openings of `component` that let in `port` over `protocol`."""
        return [o for o in self.openings(component) if o.covers(port, protocol)]

    def members(self, group: str) -> list[str]:
        """The ids of the components in security group `group`, in model order."""
        return [c.id for c in self.model.components if group in c.security_groups]

    def source_components(self, opening: Opening) -> list[str]:
        """The components an opening names: a component, or a security group's members."""
        if opening.source_kind == "component":
            return [opening.source]
        if opening.source_kind == "security-group":
            return self.members(opening.source)
        return []

    def _openings(self, rules: list[IngressRule], key: Key, via: str) -> Iterator[Opening]:
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
