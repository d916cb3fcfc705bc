"""One model holding both sides of a diff, so a diagram can show what was removed too.

The new model, plus every component the change removes, the connections that touched
them, and the regions, networks and subnets only the old model had (a removed component
needs its subnet to be drawn in place). Connections removed between components that both
remain are left out: drawn as ordinary edges they would read as still there.
"""

from __future__ import annotations

from typing import Any

from archgen.load.loader import LoadedModel
from archgen.load.yaml_reader import Document, Path_
from archgen.model.references import Key
from archgen.model.schema import Model, Network, Region


def merged_model(old: LoadedModel, new: LoadedModel) -> LoadedModel:
    """`new` with what `old` had and `new` removed (see the module docstring)."""
    kept = {c.id for c in new.model.components}
    removed = [c for c in old.model.components if c.id not in kept]
    gone = {c.id for c in removed}
    pairs = {(c.source, c.target, c.mode) for c in new.model.connections}

    origins: dict[Key, tuple[Document, Path_]] = {
        key: origin
        for key, origin in old.origins.items()
        if key[0] == "components" and key[1] in gone
    }
    origins.update(new.origins)
    connections = list(new.model.connections)
    for index, connection in enumerate(old.model.connections):
        if (connection.source, connection.target, connection.mode) in pairs:
            continue
        if connection.source in gone or connection.target in gone:
            if ("connections", index) in old.origins:
                origins[("connections", len(connections))] = old.origins[("connections", index)]
            connections.append(connection)

    model = new.model.model_copy(
        update={
            "components": [*new.model.components, *removed],
            "connections": connections,
            "regions": _merged_regions(old.model, new.model),
        }
    )
    documents = [*new.documents, *(d for d in old.documents if d not in new.documents)]
    return LoadedModel(new.path, model, documents, origins)


def _merged_regions(old: Model, new: Model) -> list[Region]:
    before = {r.name: r for r in old.regions}
    regions: list[Region] = []
    for region in new.regions:
        previous = before.get(region.name)
        if previous is None:
            regions.append(region)
            continue
        regions.append(region.model_copy(update={"networks": _merged_networks(previous, region)}))
    names = {r.name for r in new.regions}
    regions.extend(r for r in old.regions if r.name not in names)
    return regions


def _merged_networks(old: Region, new: Region) -> list[Network]:
    taken = {s.name for n in new.networks for s in n.subnets}
    before = {n.name: n for n in old.networks}
    networks: list[Network] = []
    for network in new.networks:
        previous = before.get(network.name)
        extra: list[Any] = []
        if previous is not None:
            extra = [s for s in previous.subnets if s.name not in taken]
            taken.update(s.name for s in extra)
        networks.append(network.model_copy(update={"subnets": [*network.subnets, *extra]}))
    names = {n.name for n in new.networks}
    for network in old.networks:
        if network.name not in names:
            subnets = [s for s in network.subnets if s.name not in taken]
            taken.update(s.name for s in subnets)
            networks.append(network.model_copy(update={"subnets": subnets}))
    return networks


def around(model: Model, centre: set[str]) -> set[str]:
    """`centre` and every component one connection away from it."""
    near = set(centre)
    for connection in model.connections:
        if connection.source in centre or connection.target in centre:
            near.update((connection.source, connection.target))
    return near


def focused(model: Model, keep: set[str]) -> Model:
    """`model` with only the components in `keep` and the connections between them."""
    return model.model_copy(
        update={
            "components": [c for c in model.components if c.id in keep],
            "connections": [c for c in model.connections if c.source in keep and c.target in keep],
        }
    )
