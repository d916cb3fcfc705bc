"""`Component`: every kind of component, as one union tagged by `kind`.

A YAML mapping becomes the class its `kind` names, and a key that belongs to another
kind is reported as such.
"""

from typing import Annotated

from pydantic import Field

from archgen.model.components import (
    Cache,
    Cdn,
    Client,
    ComponentBase,
    Compute,
    Database,
    Dns,
    LoadBalancer,
    Monitoring,
    Pipeline,
    Queue,
    Storage,
)
from archgen.model.managed import (
    Api,
    EventBus,
    Firewall,
    Gateway,
    Generic,
    Identity,
    Registry,
    Search,
    Secrets,
    Stream,
    Workflow,
)

Component = Annotated[
    Client
    | Dns
    | LoadBalancer
    | Compute
    | Database
    | Cache
    | Cdn
    | Storage
    | Queue
    | Monitoring
    | Pipeline
    | Api
    | Identity
    | Firewall
    | Gateway
    | Workflow
    | EventBus
    | Stream
    | Search
    | Secrets
    | Registry
    | Generic,
    Field(discriminator="kind"),
]

#: every kind of component, in the order the format lists them
COMPONENT_CLASSES: tuple[type[ComponentBase], ...] = (
    Client,
    Dns,
    LoadBalancer,
    Compute,
    Database,
    Cache,
    Cdn,
    Storage,
    Queue,
    Monitoring,
    Pipeline,
    Api,
    Identity,
    Firewall,
    Gateway,
    Workflow,
    EventBus,
    Stream,
    Search,
    Secrets,
    Registry,
    Generic,
)

#: component kinds that keep data
DATA_KINDS = ("database", "cache", "queue", "storage")
