"""The model as directed graphs, for the rules that need paths rather than attributes.

Nodes are components plus two virtual ones: ``internet`` (an edge to every client and
every public component) and a source of requests (an edge to every client). Edges are
the connections, plus CDN → origin. Two graphs share the nodes: `graph` has every
connection (who can send to whom: the internet's reach), `request_graph` only those a
request waits for (`Context.on_request_path`: no queue deliveries, monitoring,
replication or log delivery). rustworkx does the graph work; it is imported here, and
this module only when a graph rule runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

import rustworkx as rx

from archgen.model.schema import Cdn, Compute, Database
from archgen.rules.context import DATA_TIER_KINDS

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
        self.request_graph = rx.PyDiGraph()
        self.index: dict[str, int] = {}
        for name in (INTERNET, _REQUESTS, *ctx.components):
            self.index[name] = self.graph.add_node(name)
            self.request_graph.add_node(name)
        edges: set[tuple[int, int]] = set()
        request_edges: set[tuple[int, int]] = set()
        for connection in ctx.model.connections:
            if connection.source in self.index and connection.target in self.index:
                edge = (self.index[connection.source], self.index[connection.target])
                edges.add(edge)
                if ctx.on_request_path(connection):
                    request_edges.add(edge)
        virtual: set[tuple[int, int]] = set()  # in both graphs
        for component in ctx.model.components:
            node = self.index[component.id]
            if component.kind == "client":
                virtual.add((self.index[_REQUESTS], node))
                virtual.add((self.index[INTERNET], node))
            elif ctx.is_public(component):
                virtual.add((self.index[INTERNET], node))
            if isinstance(component, Cdn):
                virtual.update((node, self.index[o]) for o in component.origins if o in self.index)
        self.graph.extend_from_edge_list(sorted(edges | virtual))
        self.request_graph.extend_from_edge_list(sorted(request_edges | virtual))

    def _names(self, indices: Iterable[int]) -> set[str]:
        return {self.graph[i] for i in indices}

    def reachable_from_internet_avoiding(self, *kinds: str) -> set[str]:
        """Components the internet reaches by paths that pass no component of `kinds`."""
        keep = [
            i
            for name, i in self.index.items()
            if name not in self.ctx.components or self.ctx.components[name].kind not in kinds
        ]
        sub = self.graph.subgraph(keep)
        start = next(i for i in sub.node_indices() if sub[i] == INTERNET)
        return {sub[i] for i in rx.descendants(sub, start)} - {INTERNET}

    def reachable_from_clients(self) -> set[str]:
        """Components on some request path: reachable from a client by edges a request
        waits for."""
        return self._names(rx.descendants(self.request_graph, self.index[_REQUESTS])) - {_REQUESTS}

    def data_tier(self) -> list[str]:
        """Where request paths end: data stores, and hosts that run a database."""
        ends = []
        for component in self.ctx.model.components:
            if component.kind in DATA_TIER_KINDS or (
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
        graph, source = self.request_graph, self.index[_REQUESTS]
        reachable = set(rx.descendants(graph, source))
        if not reachable:
            return {}
        dominators = rx.immediate_dominators(graph, source)
        cuts: dict[str, list[str]] = {}
        for end in self.data_tier():
            node = self.index[end]
            if node not in reachable:
                continue
            while node != source:
                cuts.setdefault(graph[node], []).append(end)
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
