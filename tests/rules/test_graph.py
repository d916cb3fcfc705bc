"""The design graph: reachability from the internet and the request path's cut points."""

from __future__ import annotations

from archgen.load.loader import load_text
from archgen.rules.context import Context
from archgen.rules.examples import complete


def _graph(fragment: str) -> object:
    return Context(load_text(complete(fragment)).model).graph


def test_cut_points_per_data_store_with_cycles_and_two_clients() -> None:
    graph = _graph(
        """
components:
  - {id: users, kind: client}
  - {id: partners, kind: client}
  - {id: lb, kind: load-balancer, subnets: [public-a]}
  - {id: api, kind: compute, subnets: [app-a]}
  - {id: web, kind: compute, subnets: [app-a]}
  - {id: db, kind: database, subnets: [data-a]}
  - {id: cache, kind: cache, subnets: [data-a]}
connections:
  - {from: users, to: lb}
  - {from: partners, to: api}
  - {from: lb, to: web}
  - {from: web, to: db}
  - {from: api, to: db}
  - {from: db, to: web, mode: async}
  - {from: web, to: cache}
"""
    )
    cuts = graph.single_points_of_failure()  # type: ignore[attr-defined]
    # db is reached by two independent paths: only db itself cuts it off
    assert cuts["db"] == ["db"]
    # every path to the cache passes web; the edge db -> web gives partners a way to
    # web that avoids lb, so lb cuts nothing off
    assert set(cuts) == {"db", "cache", "web"}
    assert "lb" not in cuts and "cache" in cuts["web"]


def test_internet_reaches_public_parts_and_stops_at_compute() -> None:
    graph = _graph(
        """
components:
  - {id: users, kind: client}
  - {id: cdn, kind: cdn, origins: [bucket]}
  - {id: bucket, kind: storage}
  - {id: app, kind: compute, subnets: [app-a]}
  - {id: db, kind: database, subnets: [data-a]}
  - {id: jobs, kind: queue, subnets: [public-a]}
connections:
  - {from: users, to: app}
  - {from: app, to: db}
"""
    )
    reached = graph.reachable_from_internet_avoiding("compute")  # type: ignore[attr-defined]
    assert reached == {"users", "cdn", "bucket", "jobs"}
