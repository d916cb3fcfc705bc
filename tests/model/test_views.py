"""Views and layout hints: what each selector picks, located errors, `extends`."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.load.loader import load_model, load_text
from archgen.load.problems import ModelError
from archgen.model.schema import Layout, View
from archgen.model.views import combined, tier_name, view_members

MODEL = """\
archgen: 1
name: views
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: vpc
        subnets:
          - {name: web-a, zone: eu-west-1a, public: true}
          - {name: app-a, zone: eu-west-1a}
          - {name: data-a, zone: eu-west-1a}
          - {name: data-b, zone: eu-west-1b}
  - name: us-east-1
    zones: [us-east-1a]
components:
  - {id: users, kind: client}
  - {id: cdn, kind: cdn, origins: [lb]}
  - {id: lb, kind: load-balancer, subnets: [web-a]}
  - {id: app, kind: compute, subnets: [app-a], monitoring: watch}
  - {id: db, kind: database, subnets: [data-a]}
  - {id: cache, kind: cache, subnets: [data-b]}
  - {id: queue, kind: queue, region: eu-west-1}
  - {id: worker, kind: compute, subnets: [app-a]}
  - {id: watch, kind: monitoring, region: eu-west-1}
  - {id: backup, kind: storage, region: us-east-1}
connections:
  - {from: users, to: cdn}
  - {from: lb, to: app}
  - {from: app, to: db}
  - {from: app, to: cache}
  - {from: app, to: queue, mode: async}
  - {from: worker, to: queue, mode: read}
  - {from: db, to: backup}
"""


def _members(view: str) -> list[str]:
    loaded = load_text(MODEL + "views:\n  - " + view + "\n")
    return view_members(loaded.model, loaded.model.views[0])


@pytest.mark.parametrize(
    ("view", "members"),
    [
        (
            "{name: all}",
            ["users", "cdn", "lb", "app", "db", "cache", "queue", "worker", "watch", "backup"],
        ),
        ("{name: us, regions: [us-east-1]}", ["backup"]),
        ("{name: data, tiers: [data]}", ["db", "cache"]),
        ("{name: one-subnet, tiers: [data-b]}", ["cache"]),
        # along connections and CDN origins, never backwards (worker only reads the queue)
        (
            "{name: path, from: users}",
            ["users", "cdn", "lb", "app", "db", "cache", "queue", "backup"],
        ),
        ("{name: stores, kinds: [database, cache], components: [queue]}", ["db", "cache", "queue"]),
        (
            "{name: quiet, exclude: [monitoring, users, storage]}",
            ["cdn", "lb", "app", "db", "cache", "queue", "worker"],
        ),
        # selectors meet: the eu-west-1 part of the request path, less the database
        ("{name: both, regions: [eu-west-1], from: app, exclude: [db]}", ["app", "cache", "queue"]),
    ],
)
def test_each_selector_picks_its_components(view: str, members: list[str]) -> None:
    assert _members(view) == members


def _problems(text: str) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_text(MODEL + text, "m.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "views:\n  - {name: v, regions: [eu-west-9]}\n",
            "m.yaml:35:25: unknown region 'eu-west-9' (did you mean 'eu-west-1'?)",
        ),
        (
            "views:\n  - {name: v, tiers: [dta]}\n",
            "m.yaml:35:23: unknown tier 'dta' (did you mean 'data'?)",
        ),
        (
            "views:\n  - {name: v, from: usres}\n",
            "m.yaml:35:21: unknown component 'usres' (did you mean 'users'?)",
        ),
        (
            "views:\n  - {name: v, kinds: [databse]}\n",
            "m.yaml:35:23: unknown kind 'databse' (did you mean 'database'?)",
        ),
        (
            "views:\n  - {name: v, components: [ap]}\n",
            "m.yaml:35:28: unknown component 'ap' (did you mean 'app'?)",
        ),
        (
            "views:\n  - {name: v, exclude: [monitorng]}\n",
            "m.yaml:35:25: unknown component or kind 'monitorng' (did you mean 'monitoring'?)",
        ),
        (
            "views:\n  - {name: v, kinds: [gateway]}\n",
            "m.yaml:35:5: view 'v' selects no component: its selectors leave none",
        ),
        (
            "views:\n  - {name: v}\n  - {name: v, kinds: [cache]}\n",
            "m.yaml:36:12: duplicate view 'v' (first at line 35)",
        ),
        (
            "layout:\n  same_rank: [[app, wroker]]\n",
            "m.yaml:35:21: unknown component 'wroker' (did you mean 'worker'?)",
        ),
        (
            "views:\n  - {name: v, layout: {same_rank: [[db, dbb]]}}\n",
            "m.yaml:35:41: unknown component 'dbb' (did you mean 'db'?)",
        ),
        (
            "views:\n  - {name: v, layout: {direction: up}}\n",
            "m.yaml:35:35: 'direction': 'up' is not allowed (expected one of: LR, TB)",
        ),
    ],
)
def test_a_bad_view_is_reported_where_it_is_written(text: str, problem: str) -> None:
    assert _problems(text) == [problem]


def test_views_and_layout_are_inherited_through_extends(tmp_path: Path) -> None:
    parent = MODEL + (
        "layout: {direction: LR}\n"
        "views:\n  - {name: data, tiers: [data]}\n  - {name: path, from: users}\n"
        "  - {name: us, regions: [us-east-1]}\n"
    )
    (tmp_path / "parent.yaml").write_text(parent, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "archgen: 1\nname: child\nextends: parent.yaml\n"
        "views:\n  - {name: data, kinds: [queue]}\n  - {name: app, from: app}\n"
        "remove: {views: [us]}\n",
        encoding="utf-8",
    )
    loaded = load_model(child)
    views = {v.name: v for v in loaded.model.views}
    assert list(views) == ["data", "path", "app"]
    assert view_members(loaded.model, views["data"]) == ["queue"]  # replaced by name
    assert loaded.model.layout == Layout(direction="LR")
    assert loaded.locate(("views", "data", "kinds", 0)).file == str(child)
    assert loaded.locate(("views", "path")).file == str(tmp_path / "parent.yaml")


def test_removing_a_view_the_parent_lacks_is_located(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(MODEL, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "archgen: 1\nname: child\nextends: parent.yaml\nremove: {views: [gone]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ModelError) as caught:
        load_model(child)
    assert [str(p) for p in caught.value.problems] == [
        f"{child}:4:18: cannot remove 'gone': not in the model it extends"
    ]


def test_a_view_built_in_python_is_checked_like_yaml() -> None:
    with pytest.raises(ValueError, match="direction"):
        View.model_validate({"name": "v", "layout": {"direction": "sideways"}})


def test_the_view_hints_win_over_the_model_and_defaults_fill_the_rest() -> None:
    model = Layout(direction="LR", same_rank=[["a", "b"]])
    assert combined(None, None) == Layout(direction="TB", same_rank=[], monitoring="badges")
    assert combined(model, Layout(monitoring="edges")) == Layout(
        direction="LR", same_rank=[["a", "b"]], monitoring="edges"
    )
    assert combined(model, Layout(direction="TB")).direction == "TB"


@pytest.mark.parametrize(
    ("subnet", "tier"),
    [("data-a", "data"), ("app-2c", "app"), ("public", "public"), ("db-main", "db-main")],
)
def test_a_tier_is_a_subnet_name_without_its_zone(subnet: str, tier: str) -> None:
    assert tier_name(subnet) == tier


def test_every_problem_of_a_view_is_reported_in_one_run() -> None:
    assert _problems("views:\n  - {name: v, regions: [eu], kinds: [dbase], from: nobody}\n") == [
        "m.yaml:35:25: unknown region 'eu' (expected one of: eu-west-1, us-east-1)",
        "m.yaml:35:38: unknown kind 'dbase'",
        "m.yaml:35:52: unknown component 'nobody' (expected one of: app, backup, cache, cdn, db,"
        " lb, queue, users, watch, worker)",
    ]
