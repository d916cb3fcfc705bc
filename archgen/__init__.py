"""archgen: diagram-as-code for AWS architectures that also checks the design.

The model is also the Python API (`site/python-api.md`)::

    import archgen
    from archgen import Client, Compute, Connection, Model

    model = Model(archgen=1, name="hello", components=[Client(id="users"), Compute(id="web")],
                  connections=[Connection(source="users", target="web", protocol="https")])
    findings = archgen.check(model)
    svg = archgen.draw(model, "svg")

Names are imported when first used, so ``import archgen`` (and every command) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from archgen.api import check, draw, dump
    from archgen.errors import ArchgenError
    from archgen.load.loader import LoadedModel, load_model, load_text
    from archgen.load.problems import ModelError, Problem
    from archgen.model.schema import (
        Api,
        Backups,
        Cache,
        CachePolicy,
        Cdn,
        CdnPolicy,
        Client,
        Component,
        Compute,
        Connection,
        ConnectionRef,
        Database,
        DeadLetter,
        Decision,
        Dns,
        Environment,
        EventBus,
        Firewall,
        Gateway,
        Generic,
        HealthCheck,
        Identity,
        IngressRule,
        Layout,
        LoadBalancer,
        Model,
        Monitoring,
        Network,
        Override,
        Pipeline,
        Queue,
        Region,
        Registry,
        Removal,
        Scaling,
        Search,
        Secrets,
        SecurityGroup,
        Storage,
        Stream,
        Subnet,
        Suppression,
        View,
        Workflow,
    )
    from archgen.rules.finding import Finding

__all__ = [
    "Api",
    "ArchgenError",
    "Backups",
    "Cache",
    "CachePolicy",
    "Cdn",
    "CdnPolicy",
    "Client",
    "Component",
    "Compute",
    "Connection",
    "ConnectionRef",
    "Database",
    "DeadLetter",
    "Decision",
    "Dns",
    "Environment",
    "EventBus",
    "Finding",
    "Firewall",
    "Gateway",
    "Generic",
    "HealthCheck",
    "Identity",
    "IngressRule",
    "Layout",
    "LoadBalancer",
    "LoadedModel",
    "Model",
    "ModelError",
    "Monitoring",
    "Network",
    "Override",
    "Pipeline",
    "Problem",
    "Queue",
    "Region",
    "Registry",
    "Removal",
    "Scaling",
    "Search",
    "Secrets",
    "SecurityGroup",
    "Storage",
    "Stream",
    "Subnet",
    "Suppression",
    "View",
    "Workflow",
    "check",
    "draw",
    "dump",
    "load_model",
    "load_text",
]

#: where each public name is defined (the model's classes: `archgen.model.schema`)
_HOMES = {
    **dict.fromkeys(("check", "draw", "dump"), "archgen.api"),
    "ArchgenError": "archgen.errors",
    "Finding": "archgen.rules.finding",
    **dict.fromkeys(("LoadedModel", "load_model", "load_text"), "archgen.load.loader"),
    "ModelError": "archgen.load.problems",
    "Problem": "archgen.load.problems",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name not in __all__:
        raise AttributeError(f"module 'archgen' has no attribute {name!r}")
    home = _HOMES.get(name, "archgen.model.schema")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
