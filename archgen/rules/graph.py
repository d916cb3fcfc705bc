"""The model as one directed graph, for the rules that need paths rather than attributes.

Nodes are components plus two virtual ones: ``internet`` (an edge to every client and
every public component) and a source of requests (an edge to every client). Edges are
the connections, plus CDN → origin. rustworkx does the graph work; it is imported here,
and this module only when a graph rule runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

import rustworkx as rx

from archgen.model.schema import Cdn, Compute, Database

if TYPE_CHECKING:
    from archgen.rules.context import Context

INTERNET = "internet"
_REQUESTS = " requests"  # not a valid id, so it cannot clash with a component


class DesignGraph:
    """Components, connections and the internet as a `rustworkx.PyDiGraph`."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # a multigraph: refusing parallel edges costs a scan of the source's edges per
        # edge, quadratic for the internet node; duplicates are dropped below instead
        self.graph = rx.PyDiGraph()
        self.index: dict[str, int] = {}
        for name in (INTERNET, _REQUESTS, *ctx.components):
            self.index[name] = self.graph.add_node(name)
        edges: set[tuple[int, int]] = set()
        for connection in ctx.model.connections:
            if connection.source in self.index and connection.target in self.index:
                edges.add((self.index[connection.source], self.index[connection.target]))
        for component in ctx.model.components:
            node = self.index[component.id]
            if component.kind == "client":
                edges.add((self.index[_REQUESTS], node))
                edges.add((self.index[INTERNET], node))
            elif ctx.is_public(component):
                edges.add((self.index[INTERNET], node))
            if isinstance(component, Cdn):
                edges.update((node, self.index[o]) for o in component.origins if o in self.index)
        self.graph.extend_from_edge_list(sorted(edges))

    def _names(self, indices: Iterable[int]) -> set[str]:
        return {self.graph[i] for i in indices}

    def reachable_from_internet_avoiding(self, kind: str) -> set[str]:
        """Components the internet reaches by paths that pass no component of `kind`."""
        keep = [
            i
            for name, i in self.index.items()
            if name not in self.ctx.components or self.ctx.components[name].kind != kind
        ]
        sub = self.graph.subgraph(keep)
        start = next(i for i in sub.node_indices() if sub[i] == INTERNET)
        return {sub[i] for i in rx.descendants(sub, start)} - {INTERNET}

    def reachable_from_clients(self) -> set[str]:
        """Components on some request path: reachable from a client."""
        return self._names(rx.descendants(self.graph, self.index[_REQUESTS])) - {_REQUESTS}

    def data_tier(self) -> list[str]:
        """Where request paths end: data stores, and hosts that run a database."""
        ends = []
        for component in self.ctx.model.components:
            if component.kind in ("database", "cache", "queue", "storage") or (
                isinstance(component, Compute) and "database" in component.roles
            ):
                ends.append(component.id)
        return ends

    def single_points_of_failure(self) -> dict[str, list[str]]:
        """Components every path from the clients to some data store passes through.

        In a request-path graph, these are its articulation points in the directed
        sense: the dominators of each data store seen from the clients (the store itself
        included). Maps each such component to the data stores it cuts off.
        """
        source = self.index[_REQUESTS]
        reachable = set(rx.descendants(self.graph, source))
        if not reachable:
            return {}
        dominators = rx.immediate_dominators(self.graph, source)
        cuts: dict[str, list[str]] = {}
        for end in self.data_tier():
            node = self.index[end]
            if node not in reachable:
                continue
            while node != source:
                cuts.setdefault(self.graph[node], []).append(end)
                node = dominators[node]
        return cuts

    @cached_property
    def replication_groups(self) -> list[set[str]]:
        """Databases linked by `replicates`, as groups (connected components)."""
        replication = rx.PyGraph()
        index: dict[str, int] = {}
        databases = [c for c in self.ctx.model.components if isinstance(c, Database)]
        for database in databases:
            index[database.id] = replication.add_node(database.id)
        for database in databases:
            if database.replicates in index:
                replication.add_edge(index[database.id], index[database.replicates], None)
        return [{replication[i] for i in group} for group in rx.connected_components(replication)]
