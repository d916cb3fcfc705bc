"""The kinds of managed service and network part: APIs, identity, firewalls, gateways,
workflows, event buses, streams, search, secrets, registries, and `generic`.

`generic` is the escape hatch: any node class of `diagrams.aws` drawn by its icon
(``icon: aws.ml.Sagemaker``), checked against the installed `diagrams` without importing
it, and judged by no rule of a kind.
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema

from archgen.model.components import KIND_DESCRIPTION, ComponentBase, DeadLetter
from archgen.model.icon_names import ICON_PATTERN, icon_problem
from archgen.model.types import Id


class Api(ComponentBase):
    """An API front door: API Gateway (REST, HTTP, WebSocket) or AppSync."""

    kind: Literal["api"] = Field("api", description=KIND_DESCRIPTION)
    waf: bool | None = Field(None, description="a web application firewall in front")
    auth: Literal["none", "iam", "cognito", "lambda", "api-key"] | None = Field(
        None, description="how callers are authorised"
    )
    throttling: bool | None = Field(None, description="request rate limits are set")
    private: bool = Field(False, description="reachable only from inside a VPC (an endpoint)")


class Identity(ComponentBase):
    """Who the users are: a Cognito user or identity pool, IAM Identity Center."""

    kind: Literal["identity"] = Field("identity", description=KIND_DESCRIPTION)
    # `none`, not `off`: YAML reads an unquoted off as false
    mfa: Literal["none", "optional", "required"] | None = Field(
        None, description="multi-factor authentication"
    )


class Firewall(ComponentBase):
    """A firewall: a WAF or Shield beside what it protects, or a Network Firewall in a VPC."""

    kind: Literal["firewall"] = Field("firewall", description=KIND_DESCRIPTION)
    protects: list[Id] = Field(
        [],
        description="the components it guards (a WAF: CDNs, load balancers, APIs, user "
        "pools); drawn beside the first, with a line to each",
    )


class Gateway(ComponentBase):
    """A way in or out of a VPC: NAT and internet gateways, VPC endpoints, Transit Gateway."""

    kind: Literal["gateway"] = Field("gateway", description=KIND_DESCRIPTION)
    network: Id | None = Field(
        None,
        description="the VPC it belongs to, when it sits in no subnet (an internet "
        "gateway, a gateway endpoint); give `region` too if two regions have a VPC of "
        "that name",
    )


class Workflow(ComponentBase):
    """A state machine that orchestrates steps: Step Functions."""

    kind: Literal["workflow"] = Field("workflow", description=KIND_DESCRIPTION)
    type: Literal["standard", "express"] = Field(
        "standard",
        description="`standard` (long, exactly once) or `express` (short, at least once)",
    )


class EventBus(ComponentBase):
    """An event bus that routes events to targets by rules: EventBridge."""

    kind: Literal["event-bus"] = Field("event-bus", description=KIND_DESCRIPTION)
    dead_letter: DeadLetter | None = Field(
        None, description="where events go that cannot be delivered to a target"
    )
    archive: bool | None = Field(None, description="events are archived for replay")


class Stream(ComponentBase):
    """An ordered stream of records: Kinesis Data Streams, Firehose, MSK."""

    kind: Literal["stream"] = Field("stream", description=KIND_DESCRIPTION)
    encrypted: bool | None = Field(None, description="encryption at rest")
    shards: int | None = Field(
        None, ge=1, le=10_000, description="provisioned shards (unset: on demand)"
    )
    on_failure: Id | None = Field(
        None, description="the component failed records go to (a queue, a bucket)"
    )


class Search(ComponentBase):
    """A search and analytics engine: OpenSearch."""

    kind: Literal["search"] = Field("search", description=KIND_DESCRIPTION)
    nodes: int = Field(1, ge=1, le=1000, description="data nodes")
    dedicated_masters: bool | None = Field(None, description="dedicated master nodes")
    encrypted: bool | None = Field(None, description="encryption at rest")
    public: bool = Field(False, description="a public endpoint rather than one in a VPC")


class Secrets(ComponentBase):
    """Where secrets and keys live: Secrets Manager, KMS, Parameter Store, ACM."""

    kind: Literal["secrets"] = Field("secrets", description=KIND_DESCRIPTION)
    rotation: bool | None = Field(None, description="secrets or keys are rotated automatically")


class Registry(ComponentBase):
    """A container image registry: ECR."""

    kind: Literal["registry"] = Field("registry", description=KIND_DESCRIPTION)
    scan_on_push: bool | None = Field(None, description="images are scanned when pushed")


def _known_icon(icon: str) -> str:
    problem = icon_problem(icon)
    if problem is not None:
        raise ValueError(problem)
    return icon


#: a node class of `diagrams.aws`, such as ``aws.ml.Sagemaker``
Icon = Annotated[
    str,
    AfterValidator(_known_icon),
    WithJsonSchema({"type": "string", "pattern": ICON_PATTERN}),
]


class Generic(ComponentBase):
    """Anything else AWS runs, drawn by its icon; no rule judges it by its kind."""

    kind: Literal["generic"] = Field("generic", description=KIND_DESCRIPTION)
    icon: Icon = Field(
        description="the `diagrams` node class that draws it, as `aws.<group>.<Class>` "
        "(`aws.ml.Sagemaker`, `aws.analytics.Glue`)"
    )

    @property
    def drawn_service(self) -> str:
        """What is drawn: its icon name (a generic component has no service)."""
        return self.icon
