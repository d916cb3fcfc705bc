"""Network exposure: who may open a connection to what, on which ports.

Security groups are named once at the top of a model and listed on components
(`security_groups:`); a component or a subnet may also carry its own `ingress:` rules.
Every rule has the same shape: ports, a protocol, and where the traffic comes from.
Whether a `from` name exists (a security group, a component) needs the whole model, so
it is checked in `archgen/model/references.py`; here each value is checked on its own.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from archgen.model.types import ID_PATTERN, Id, Short, Strict, Text

#: the highest port number
MAX_PORT = 65535
PORT_RANGE_PATTERN = r"^(0|[1-9][0-9]{0,4})-(0|[1-9][0-9]{0,4})$"
_RANGE = re.compile(PORT_RANGE_PATTERN)

#: `from` words that are neither a CIDR block nor a name in the model
INTERNET = "internet"
#: AWS-managed prefix lists a rule may name, with the list each one stands for
PREFIX_LISTS: dict[str, str] = {
    "cloudfront": "com.amazonaws.global.cloudfront.origin-facing",
}
#: the CIDR blocks `internet` stands for
INTERNET_CIDRS = ("0.0.0.0/0", "::/0")


def _check_ports(value: Any) -> Any:
    """A port (``443``), a range (``"8080-8090"``) or ``all``; nothing else."""
    if type(value) is int:
        if not 0 <= value <= MAX_PORT:
            raise ValueError(f"port {value} is out of range: ports go from 0 to {MAX_PORT}")
        return value
    if type(value) is not str:
        raise ValueError("expected a port such as 443, a range such as 8080-8090, or all")
    if value == "all":
        return value
    match = _RANGE.fullmatch(value)
    if match is None:
        if value.isdigit():
            raise ValueError(f"write the port {value} without quotes")
        raise ValueError(
            f"{value!r} is not a port range: write a port such as 443, "
            "a range such as 8080-8090, or all"
        )
    low, high = int(match[1]), int(match[2])
    if high > MAX_PORT:
        raise ValueError(f"port {high} is out of range: ports go from 0 to {MAX_PORT}")
    if low > high:
        raise ValueError(f"port range {value} runs backwards: write {high}-{low}")
    return value


#: a port, an inclusive range ``"A-B"`` or ``all``
Ports = Annotated[
    int | str,
    BeforeValidator(_check_ports),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_PORT},
                {"type": "string", "pattern": PORT_RANGE_PATTERN},
                {"const": "all"},
            ]
        }
    ),
]


def port_range(ports: int | str | None) -> tuple[int, int]:
    """The inclusive range of a `Ports` value: ``(443, 443)``; all ports for ``all``."""
    if ports is None or ports == "all":
        return (0, MAX_PORT)
    if isinstance(ports, int):
        return (ports, ports)
    low, _, high = ports.partition("-")
    return (int(low), int(high))


def _check_source(value: Any) -> Any:
    """A CIDR block with its host bits clear, or a name (checked later against the model)."""
    if type(value) is not str:
        raise ValueError(
            "expected a CIDR block such as 10.0.0.0/16, internet, cloudfront, "
            "a security group or a component id"
        )
    import ipaddress  # here: only models with exposure pay for the import

    if "/" in value or ":" in value:
        try:
            ipaddress.ip_network(value, strict=True)
        except ValueError as error:
            why = " (host bits are set)" if "host bits set" in str(error) else ""
            raise ValueError(
                f"{value!r} is not a CIDR block such as 10.0.0.0/16 or ::/0{why}"
            ) from None
        return value
    try:
        ipaddress.ip_address(value)
    except ValueError:
        pass
    else:
        raise ValueError(f"{value!r} is an address, not a CIDR block: write {value}/32")
    if re.fullmatch(ID_PATTERN, value) is None:
        raise ValueError(
            f"{value!r} is neither a CIDR block such as 10.0.0.0/16 nor a name "
            "(internet, cloudfront, a security group or a component id)"
        )
    return value


#: where traffic comes from: a CIDR block or a name
Source = Annotated[
    str,
    BeforeValidator(_check_source),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 63}),
]


def is_cidr(source: str) -> bool:
    """Whether a `from` value is a CIDR block (names never hold '/' or ':')."""
    return "/" in source or ":" in source


class IngressRule(Strict):
    """Traffic let in: ports, a protocol, and where it may come from."""

    ports: Ports | None = Field(
        None,
        description="a port (`443`), a range (`8080-8090`) or `all`; required for `tcp` and `udp`",
    )
    protocol: Literal["tcp", "udp", "icmp", "all"] = Field(
        "tcp", description="`all` is every protocol on every port"
    )
    source: Source = Field(
        alias="from",
        description="a CIDR block (IPv4 or IPv6), `internet` (0.0.0.0/0 and ::/0), the "
        "`cloudfront` origin-facing prefix list, a security group or a component id",
    )
    description: Short | None = Field(None, description="why it is open")

    @model_validator(mode="after")
    def _ports_fit_the_protocol(self) -> "IngressRule":
        if self.protocol in ("tcp", "udp") and self.ports is None:
            raise ValueError(
                f"which {self.protocol} ports? write ports: 443, ports: 8080-8090 or ports: all"
            )
        if self.protocol == "all" and self.ports not in (None, "all"):
            raise ValueError("protocol all opens every port: write ports: all")
        if self.protocol == "icmp" and self.ports not in (None, "all"):
            raise ValueError("ICMP has no ports: leave ports out")
        return self

    @property
    def port_range(self) -> tuple[int, int]:
        """The inclusive range of ports it opens (all of them for `all` and ICMP)."""
        return port_range(self.ports)


class SecurityGroup(Strict):
    """A named set of ingress rules that components share."""

    name: Id = Field(description="unique in the model; components list it by this name")
    description: Text | None = Field(None, description="what it is for")
    ingress: list[IngressRule] = Field([], description="the traffic it lets in")
