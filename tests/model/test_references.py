"""Cross-reference checks: every dangling name is found, with a near-miss suggestion."""

from __future__ import annotations

import pytest

from archgen.load.yaml_reader import parse_document
from archgen.model.references import check_references
from archgen.model.schema import Model

HEAD = """\
archgen: 1
name: refs
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: vpc
        subnets:
          - {name: app-a, zone: eu-west-1a}
          - {name: data-b, zone: eu-west-1b}
components:
  - {id: users, kind: client}
  - {id: web, kind: compute, subnets: [app-a]}
  - {id: db, kind: database, subnets: [data-b]}
  - {id: watch, kind: monitoring}
"""
PRODUCTION = "environments:\n  - {name: production}\n"


def _findings(extra: str, environments: str = "") -> list[tuple[tuple[str | int, ...], str]]:
    text = HEAD + extra + PRODUCTION + environments
    data = parse_document(text.encode(), "t.yaml").data
    return check_references(Model.model_validate(data))


def test_a_consistent_model_has_no_findings() -> None:
    assert _findings("connections:\n  - {from: users, to: web}\n  - {from: web, to: db}\n") == []


@pytest.mark.parametrize(
    ("extra", "key", "message"),
    [
        (
            "connections:\n  - {from: users, to: wbe}\n",
            ("connections", 0, "to"),
            "unknown component 'wbe' (did you mean 'web'?)",
        ),
        (
            "decisions:\n  - {id: a, title: A, decision: x, supersedes: [bb]}\n"
            "  - {id: b, title: B, decision: y}\n",
            ("decisions", "a", "supersedes", 0),
            "unknown decision 'bb' (did you mean 'b'?)",
        ),
        (
            "decisions:\n  - {id: a, title: A, decision: x, supersedes: [a]}\n",
            ("decisions", "a", "supersedes", 0),
            "a decision cannot supersede itself",
        ),
        (
            "  - {id: api, kind: compute, subnets: [app-b]}\n",
            ("components", "api", "subnets", 0),
            "unknown subnet 'app-b' (did you mean 'app-a'?)",
        ),
        (
            "  - {id: api, kind: compute, region: eu-west-2}\n",
            ("components", "api", "region"),
            "unknown region 'eu-west-2' (did you mean 'eu-west-1'?)",
        ),
        (
            "  - {id: db-r, kind: database, role: replica, replicates: web}\n",
            ("components", "db-r", "replicates"),
            "'web' is a compute: a database replicates a database",
        ),
        (
            "  - {id: db-r, kind: database, role: replica, replicates: db-r}\n",
            ("components", "db-r", "replicates"),
            "a database cannot replicate itself",
        ),
        (
            "  - {id: db-p, kind: database, role: primary, standby: eu-west-1c}\n",
            ("components", "db-p", "standby"),
            "unknown zone 'eu-west-1c' (did you mean 'eu-west-1b'?)",
        ),
        (
            "  - {id: cdn, kind: cdn, origins: [cdn]}\n",
            ("components", "cdn", "origins", 0),
            "a CDN cannot be its own origin",
        ),
        (
            "  - {id: cache, kind: cache, backed_by: [dbb]}\n",
            ("components", "cache", "backed_by", 0),
            "unknown component 'dbb' (did you mean 'db'?)",
        ),
        (
            "  - {id: cache, kind: cache, monitoring: web}\n",
            ("components", "cache", "monitoring"),
            "'web' is a compute, not a monitoring component",
        ),
        (
            "  - {id: ship, kind: pipeline, deploys_to: [prod]}\n",
            ("components", "ship", "deploys_to", 0),
            "unknown environment 'prod' (did you mean 'production'?)",
        ),
        (
            "suppress:\n  - {rule: REL001, component: wbe, reason: r}\n",
            ("suppress", 0, "component"),
            "unknown component 'wbe' (did you mean 'web'?)",
        ),
        (
            "connections:\n  - {from: web, to: web}\n",
            ("connections", 0),
            "connection from 'web' to itself",
        ),
    ],
)
def test_dangling_reference(extra: str, key: tuple[str | int, ...], message: str) -> None:
    assert _findings(extra) == [(key, message)]


def test_environment_references() -> None:
    extra = """\
  - {name: staging, mirrors: prodution, runs: [web, dbb], regions: [eu-west-9]}
  - name: dev
    mirrors: dev
    overrides: {queue: {nodes: 1}}
"""
    assert _findings("", extra) == [
        (
            ("environments", "staging", "mirrors"),
            "unknown environment 'prodution' (did you mean 'production'?)",
        ),
        (("environments", "staging", "runs", 1), "unknown component 'dbb' (did you mean 'db'?)"),
        (
            ("environments", "staging", "regions", 0),
            "unknown region 'eu-west-9' (did you mean 'eu-west-1'?)",
        ),
        (("environments", "dev", "mirrors"), "an environment cannot mirror itself"),
        (
            ("environments", "dev", "overrides", "queue"),
            "unknown component 'queue' (expected one of: db, users, watch, web)",
        ),
    ]


def test_subnet_zone_must_belong_to_its_region() -> None:
    data = parse_document(HEAD.replace("zone: eu-west-1b", "zone: eu-west-1c").encode(), "t.yaml")
    assert check_references(Model.model_validate(data.data)) == [
        (
            ("regions", "eu-west-1", "networks", 0, "subnets", 1, "zone"),
            "zone 'eu-west-1c' is not a zone of region 'eu-west-1' (did you mean 'eu-west-1b'?)",
        )
    ]


def test_duplicate_connection_and_subnet() -> None:
    doubled = HEAD.replace(
        "          - {name: data-b, zone: eu-west-1b}\n",
        "          - {name: data-b, zone: eu-west-1b}\n"
        "          - {name: app-a, zone: eu-west-1b}\n",
    )
    extra = (
        "connections:\n  - {from: web, to: db}\n  - {from: web, to: db}\n"
        "  - {from: web, to: db, mode: write}\n"
    )
    text = doubled + extra + PRODUCTION
    model = Model.model_validate(parse_document(text.encode(), "t.yaml").data)
    assert check_references(model) == [
        (("regions", "eu-west-1", "networks", 0, "subnets", 2, "name"), "duplicate subnet 'app-a'"),
        (("connections", 1), "duplicate connection web -> db (request)"),
    ]


def test_nothing_declared_says_so() -> None:
    data = parse_document(
        b"archgen: 1\nname: x\ncomponents:\n  - {id: w, kind: compute, subnets: [a]}\n", "t"
    )
    assert check_references(Model.model_validate(data.data)) == [
        (("components", "w", "subnets", 0), "unknown subnet 'a': the model declares no subnets")
    ]
