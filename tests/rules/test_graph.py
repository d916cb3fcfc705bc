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
  - {from: db, to: web}
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


def test_the_request_path_leaves_out_what_happens_after_the_answer() -> None:
    graph = _graph(
        """
components:
  - {id: users, kind: client}
  - {id: web, kind: compute, subnets: [app-a]}
  - {id: jobs, kind: queue, service: sqs}
  - {id: worker, kind: compute, subnets: [app-a]}
  - {id: mailer, kind: compute, subnets: [app-a]}
  - {id: metrics, kind: monitoring}
  - {id: alerts, kind: queue, service: sns}
  - {id: db, kind: database, subnets: [data-a]}
  - {id: db-dr, kind: database, role: replica, replicates: db, subnets: [data-b]}
  - {id: alb, kind: load-balancer, subnets: [public-a]}
  - {id: logs, kind: storage, service: s3}
connections:
  - {from: users, to: alb}
  - {from: alb, to: web}
  - {from: alb, to: logs, mode: write}
  - {from: web, to: jobs, mode: async}
  - {from: jobs, to: worker, mode: async}
  - {from: web, to: mailer, mode: async}
  - {from: web, to: metrics, mode: async}
  - {from: metrics, to: alerts}
  - {from: web, to: db}
  - {from: db, to: db-dr}
"""
    )
    on_path = graph.reachable_from_clients()  # type: ignore[attr-defined]
    # the enqueue is waited for; the delivery, the fire-and-forget call, telemetry,
    # replication and access logs are not
    assert on_path == {"users", "alb", "web", "jobs", "db"}
    # who can send to whom keeps every connection
    everything = graph.reachable_from_internet_avoiding("queue")  # type: ignore[attr-defined]
    assert {"logs", "db-dr", "metrics", "mailer"} <= everything
