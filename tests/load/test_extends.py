"""`extends`: replace, add and remove by id; everything remembers the file it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.load.loader import load_model
from archgen.load.problems import ModelError
from tests.conftest import MODELS

PARENT = """\
archgen: 1
name: parent
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: vpc
        subnets:
          - {name: app-a, zone: eu-west-1a}
          - {name: app-b, zone: eu-west-1b}
components:
  - {id: users, kind: client}
  - {id: web, kind: compute, subnets: [app-a]}
  - {id: db, kind: database, subnets: [app-b]}
connections:
  - {from: users, to: web}
  - {from: web, to: db, mode: write}
environments:
  - {name: production}
  - {name: dev}
decisions:
  - {id: start-small, title: Start small, decision: One server.}
suppress:
  - {rule: REL001, component: web, reason: Accepted in the parent only.}
"""


def _write(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _child(tmp_path: Path, body: str) -> str:
    _write(tmp_path, "parent.yaml", PARENT)
    return _write(tmp_path, "child.yaml", "archgen: 1\nname: child\nextends: parent.yaml\n" + body)


def test_child_replaces_a_component_by_id_in_place(tmp_path: Path) -> None:
    loaded = load_model(
        _child(tmp_path, "components:\n  - {id: web, kind: compute, instances: 3}\n")
    )
    assert [c.id for c in loaded.model.components] == ["users", "web", "db"]
    web = loaded.model.component("web")
    assert web is not None and web.kind == "compute" and web.instances == 3
    assert web.subnets == []  # a replacement is whole: nothing is merged field by field


def test_child_adds_components_and_connections(tmp_path: Path) -> None:
    body = "components:\n  - {id: cache, kind: cache}\nconnections:\n  - {from: web, to: cache}\n"
    loaded = load_model(_child(tmp_path, body))
    assert [c.id for c in loaded.model.components] == ["users", "web", "db", "cache"]
    pairs = [(c.source, c.target) for c in loaded.model.connections]
    assert pairs == [("users", "web"), ("web", "db"), ("web", "cache")]


def test_redeclared_connection_replaces_the_parents(tmp_path: Path) -> None:
    body = "connections:\n  - {from: web, to: db, mode: write, protocol: mysql, tls: true}\n"
    loaded = load_model(_child(tmp_path, body))
    assert len(loaded.model.connections) == 2
    assert loaded.model.connections[-1].encrypted is True


def test_remove_takes_away_every_kind_of_item(tmp_path: Path) -> None:
    body = """\
remove:
  components: [db]
  connections: [{from: web, to: db}]
  environments: [dev]
  decisions: [start-small]
"""
    model = load_model(_child(tmp_path, body)).model
    assert [c.id for c in model.components] == ["users", "web"]
    assert [(c.source, c.target) for c in model.connections] == [("users", "web")]
    assert [e.name for e in model.environments] == ["production"]
    assert model.decisions == []


def test_removing_a_component_removes_its_connections(tmp_path: Path) -> None:
    model = load_model(_child(tmp_path, "remove:\n  components: [web]\n")).model
    assert [c.id for c in model.components] == ["users", "db"]
    assert model.connections == []


def test_a_removed_component_declared_again_keeps_its_connections(tmp_path: Path) -> None:
    body = "remove:\n  components: [web]\ncomponents:\n  - {id: web, kind: compute, instances: 2}\n"
    model = load_model(_child(tmp_path, body)).model
    assert [(c.source, c.target) for c in model.connections] == [("users", "web"), ("web", "db")]


def test_a_new_connection_to_a_removed_component_is_an_error(tmp_path: Path) -> None:
    body = "remove:\n  components: [db]\nconnections:\n  - {from: users, to: db}\n"
    with pytest.raises(ModelError) as caught:
        load_model(_child(tmp_path, body))
    [problem] = caught.value.problems
    assert Path(problem.path).name == "child.yaml"
    assert (problem.line, problem.message) == (
        7,
        "unknown component 'db' (expected one of: users, web)",
    )


def test_suppressions_are_not_inherited(tmp_path: Path) -> None:
    loaded = load_model(_child(tmp_path, ""))
    assert loaded.model.suppress == []


def test_inherited_parts_point_at_the_parent_file(tmp_path: Path) -> None:
    body = "components:\n  - {id: cache, kind: cache}\nconnections:\n  - {from: web, to: cache}\n"
    loaded = load_model(_child(tmp_path, body))
    users = loaded.locate(("components", "users"))
    assert (Path(users.file).name, users.line, users.column) == ("parent.yaml", 12, 5)
    cache = loaded.locate(("components", "cache", "kind"))
    assert (Path(cache.file).name, cache.line, cache.column) == ("child.yaml", 5, 23)
    assert Path(loaded.declared_in(("connections", 0))).name == "parent.yaml"
    assert Path(loaded.declared_in(("connections", 2))).name == "child.yaml"
    assert [Path(d.path).name for d in loaded.documents] == ["parent.yaml", "child.yaml"]


def test_a_problem_on_an_inherited_component_points_at_the_parent(tmp_path: Path) -> None:
    # removing the region leaves the parent's `web` with a subnet that no longer exists
    with pytest.raises(ModelError) as caught:
        load_model(_child(tmp_path, "remove:\n  regions: [eu-west-1]\n"))
    located = {(Path(p.path).name, p.line, p.column) for p in caught.value.problems}
    assert located == {("parent.yaml", 13, 40), ("parent.yaml", 14, 40)}
    assert all("unknown subnet" in p.message for p in caught.value.problems)


def test_missing_parent_is_located_at_extends(tmp_path: Path) -> None:
    path = _write(tmp_path, "orphan.yaml", "archgen: 1\nname: orphan\nextends: gone.yaml\n")
    with pytest.raises(ModelError) as caught:
        load_model(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, 10)
    assert problem.message == "cannot extend 'gone.yaml': no such file"


def test_a_model_cannot_extend_itself(tmp_path: Path) -> None:
    path = _write(tmp_path, "self.yaml", "archgen: 1\nname: me\nextends: self.yaml\n")
    with pytest.raises(ModelError) as caught:
        load_model(path)
    assert "extends cycle" in caught.value.problems[0].message


def test_duplicate_ids_in_a_child_are_reported_not_merged(tmp_path: Path) -> None:
    body = "components:\n  - {id: cache, kind: cache}\n  - {id: cache, kind: cache, nodes: 2}\n"
    with pytest.raises(ModelError) as caught:
        load_model(_child(tmp_path, body))
    [problem] = caught.value.problems
    assert Path(problem.path).name == "child.yaml"
    assert (problem.line, problem.message) == (
        6,
        "duplicate component id 'cache' (first at line 5)",
    )


def test_journey_locates_each_part_in_the_stage_that_declared_it() -> None:
    loaded = load_model(MODELS / "stage8.yaml")
    assert loaded.declared_in(("components", "users")).endswith("stage1.yaml")
    assert loaded.declared_in(("components", "db")).endswith("stage3.yaml")
    assert loaded.declared_in(("components", "web")).endswith("stage6.yaml")
    assert loaded.declared_in(("components", "alb-usw2")).endswith("stage7.yaml")
    assert loaded.declared_in(("components", "jobs")).endswith("stage8.yaml")
    assert [Path(d.path).name for d in loaded.documents] == [f"stage{n}.yaml" for n in range(1, 9)]


def test_a_finding_on_an_inherited_part_points_at_the_parent_file() -> None:
    from archgen.rules import check

    loaded = load_model(MODELS / "stage3.yaml")
    inherited = [f for f in check(loaded) if "environment production" in f.message]
    assert inherited, "stage 3 should still advise on the environment declared in stage 1"
    declared = loaded.locate(("environments", "production"))
    for finding in inherited:
        assert finding.file.endswith("stage1.yaml")
        assert (finding.line, finding.column) == (declared.line, declared.column)


def test_update_changes_some_keys_and_keeps_the_rest(tmp_path: Path) -> None:
    body = "update:\n  web: {instances: 3, monitoring: null}\n  db: {subnets: null}\n"
    loaded = load_model(_child(tmp_path, body))
    assert [c.id for c in loaded.model.components] == ["users", "web", "db"]
    web = loaded.model.component("web")
    assert web is not None and web.kind == "compute"
    assert (web.instances, web.subnets) == (3, ["app-a"])  # the parent's subnets are kept
    assert loaded.model.update == {}
    db = loaded.model.component("db")
    assert db is not None and db.subnets == []  # null: back to the default
    # the same as redeclaring the component whole
    whole = "components:\n  - {id: web, kind: compute, subnets: [app-a], instances: 3}\n"
    (tmp_path / "whole").mkdir()
    assert load_model(_child(tmp_path / "whole", whole)).model.component("web") == web


def test_updated_keys_point_at_the_update_the_rest_at_the_parent(tmp_path: Path) -> None:
    loaded = load_model(_child(tmp_path, "update:\n  web:\n    instances: 3\n"))
    changed = loaded.locate(("components", "web", "instances"))
    assert (Path(changed.file).name, changed.line, changed.column) == ("child.yaml", 6, 16)
    kept = loaded.locate(("components", "web", "subnets"))
    assert Path(kept.file).name == "parent.yaml"
    assert Path(loaded.locate(("components", "web")).file).name == "parent.yaml"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("update:\n  wbe: {instances: 2}\n", "cannot update 'wbe': not in the model it extends"),
        ("update:\n  web: {kind: cache}\n", "the kind of a component cannot be updated"),
        ("update:\n  web: {id: web2}\n", "the id of a component cannot be updated"),
        (
            "update:\n  web: {nodes: 2}\n",
            "'nodes' is a setting of a cache or a search, not of a compute",
        ),
        ("update:\n  web: {instances: 0}\n", "'instances': the number 0 is too small"),
        (
            "remove: {components: [web]}\nupdate:\n  web: {instances: 2}\n",
            "cannot update 'web': this file removes it",
        ),
        (
            "components:\n  - {id: web, kind: compute}\nupdate:\n  web: {instances: 2}\n",
            "'web' is declared again under 'components' in this file",
        ),
    ],
)
def test_update_problems_are_located_in_the_update(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ModelError) as caught:
        load_model(_child(tmp_path, body))
    (problem,) = caught.value.problems
    assert message in problem.message and problem.path.endswith("child.yaml")
    assert problem.line > 3  # in the update (or remove) part, not at the top


def test_a_superseded_decision_is_marked_and_no_longer_in_force(tmp_path: Path) -> None:
    body = (
        "decisions:\n  - id: grow\n    title: Grow\n    decision: Two servers.\n"
        "    supersedes: [start-small]\n"
    )
    loaded = load_model(_child(tmp_path, body))
    assert [(d.id, d.status) for d in loaded.model.decisions] == [
        ("start-small", "superseded"),
        ("grow", "accepted"),
    ]
    parent = load_model(tmp_path / "parent.yaml")
    assert [d.status for d in parent.model.decisions] == ["accepted"]  # the parent keeps it


def test_a_component_replaced_after_an_update_points_at_its_new_file(tmp_path: Path) -> None:
    _child(tmp_path, "update:\n  web:\n    instances: 3\n")
    grandchild = _write(
        tmp_path,
        "grandchild.yaml",
        "archgen: 1\nname: grandchild\nextends: child.yaml\n"
        "components:\n  - {id: web, kind: compute, instances: 5}\n",
    )
    loaded = load_model(grandchild)
    where = loaded.locate(("components", "web", "instances"))
    assert (Path(where.file).name, where.line) == ("grandchild.yaml", 5)
    inherited = load_model(
        _write(tmp_path, "other.yaml", "archgen: 1\nname: other\nextends: child.yaml\n")
    )
    where = inherited.locate(("components", "web", "instances"))
    assert (Path(where.file).name, where.line) == ("child.yaml", 6)  # the update still counts


SECURED = PARENT.replace(
    "components:\n",
    "security_groups:\n"
    "  - {name: web-sg, ingress: [{ports: 443, from: internet}]}\n"
    "  - {name: db-sg, ingress: [{ports: 3306, from: web-sg}]}\n"
    "components:\n",
)


def test_security_groups_are_inherited_replaced_and_removed_by_name(tmp_path: Path) -> None:
    _write(tmp_path, "parent.yaml", SECURED)
    head = "archgen: 1\nname: child\nextends: parent.yaml\n"
    inherited = load_model(_write(tmp_path, "a.yaml", head + "summary: nothing else\n")).model
    assert [g.name for g in inherited.security_groups] == ["web-sg", "db-sg"]
    body = (
        "security_groups:\n  - {name: web-sg, ingress: [{ports: 443, from: 10.0.0.0/8}]}\n"
        "remove:\n  security_groups: [db-sg]\n"
    )
    loaded = load_model(_write(tmp_path, "b.yaml", head + body))
    (group,) = loaded.model.security_groups
    assert group.ingress[0].source == "10.0.0.0/8"
    assert loaded.locate(("security_groups", "web-sg", "ingress", 0)).line == 5
    with pytest.raises(ModelError) as caught:
        load_model(_write(tmp_path, "c.yaml", head + "remove:\n  security_groups: [db-gs]\n"))
    (problem,) = caught.value.problems
    assert (
        problem.message
        == "cannot remove 'db-gs': not in the model it extends (did you mean 'db-sg'?)"
    )


CACHED = """\
archgen: 1
name: parent
components:
  - {id: db, kind: database}
  - id: cache
    kind: cache
    backed_by: [db]
    policy: {strategy: cache-aside, ttl: 0s, eviction: allkeys-lru}
connections:
  - {from: cache, to: db}
"""


def _cached_child(tmp_path: Path, body: str, name: str = "child.yaml") -> str:
    _write(tmp_path, "parent.yaml", CACHED)
    return _write(tmp_path, name, "archgen: 1\nname: child\nextends: parent.yaml\n" + body)


def _policy(path: str) -> dict[str, object]:
    cache = load_model(path).model.component("cache")
    assert cache is not None
    return cache.model_dump(exclude_unset=True)["policy"]  # type: ignore[no-any-return]


def test_update_merges_nested_mappings_and_keeps_the_other_keys(tmp_path: Path) -> None:
    body = "update:\n  cache:\n    policy: {ttl: 5m}\n"
    policy = _policy(_cached_child(tmp_path, body))
    assert policy == {"strategy": "cache-aside", "ttl": "5m", "eviction": "allkeys-lru"}


def test_null_in_a_nested_update_removes_only_that_key(tmp_path: Path) -> None:
    body = "update:\n  cache:\n    policy: {ttl: null, eviction: lru}\n    backed_by: []\n"
    path = _cached_child(tmp_path, body)
    assert _policy(path) == {"strategy": "cache-aside", "eviction": "lru"}
    cache = load_model(path).model.component("cache")
    assert cache is not None and cache.backed_by == []  # a list is replaced whole


def test_replace_sets_a_mapping_whole(tmp_path: Path) -> None:
    body = "replace:\n  cache:\n    policy: {ttl: 5m}\n"
    assert _policy(_cached_child(tmp_path, body)) == {"ttl": "5m"}


def test_a_key_both_updated_and_replaced_is_refused(tmp_path: Path) -> None:
    body = "update:\n  cache: {policy: {ttl: 5m}}\nreplace:\n  cache: {policy: {ttl: 1m}}\n"
    with pytest.raises(ModelError) as caught:
        load_model(_cached_child(tmp_path, body))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (7, 11)
    assert problem.message == "'policy' of 'cache' is both updated and replaced here: keep one"


def test_update_and_replace_of_different_keys_of_one_component(tmp_path: Path) -> None:
    body = "update:\n  cache: {policy: {ttl: 5m}}\nreplace:\n  cache: {backed_by: []}\n"
    path = _cached_child(tmp_path, body)
    assert _policy(path)["eviction"] == "allkeys-lru"
    cache = load_model(path).model.component("cache")
    assert cache is not None and cache.backed_by == []


def _perf001(path: str) -> tuple[str, int, int]:
    from archgen.rules import check

    (finding,) = [f for f in check(load_model(path)) if f.rule == "PERF001"]
    return Path(finding.file).name, finding.line, finding.column


def test_a_finding_on_a_key_kept_by_a_nested_update_points_at_the_parent(tmp_path: Path) -> None:
    body = "update:\n  cache:\n    policy: {eviction: lru}\n"
    assert _perf001(_cached_child(tmp_path, body)) == ("parent.yaml", 8, 42)


def test_a_finding_on_a_nested_updated_key_points_at_the_update(tmp_path: Path) -> None:
    _write(tmp_path, "parent.yaml", CACHED.replace("ttl: 0s", "ttl: 5m"))
    child = "archgen: 1\nname: child\nextends: parent.yaml\nupdate:\n  cache:\n"
    path = _write(tmp_path, "child.yaml", child + "    policy: {ttl: 0s}\n")
    assert _perf001(path) == ("child.yaml", 6, 19)


def test_nested_keys_point_at_the_file_that_last_set_them(tmp_path: Path) -> None:
    # parent: ttl and eviction; child updates ttl; grandchild merges strategy, then
    # another grandchild replaces the policy whole
    _cached_child(tmp_path, "update:\n  cache:\n    policy: {ttl: 5m}\n")
    head = "archgen: 1\nname: grandchild\nextends: child.yaml\n"
    merged = load_model(
        _write(tmp_path, "merged.yaml", head + "update:\n  cache:\n    policy: {strategy: null}\n")
    )

    def at(loaded: object, *key: str) -> tuple[str, int]:
        assert isinstance(loaded, type(merged))
        where = loaded.locate(("components", "cache", *key))
        return Path(where.file).name, where.line

    assert at(merged, "policy", "ttl") == ("child.yaml", 6)
    assert at(merged, "policy", "eviction") == ("parent.yaml", 8)
    assert at(merged, "policy", "strategy") == ("merged.yaml", 6)
    assert at(merged, "policy") == ("merged.yaml", 6)
    assert at(merged, "backed_by") == ("parent.yaml", 7)
    replaced = load_model(
        _write(tmp_path, "replaced.yaml", head + "replace:\n  cache:\n    policy: {ttl: 1h}\n")
    )
    assert at(replaced, "policy", "ttl") == ("replaced.yaml", 6)
    assert at(replaced, "policy", "eviction") == ("replaced.yaml", 6)  # gone: the policy line


def test_stage_is_inherited_unless_set(tmp_path: Path) -> None:
    _write(tmp_path, "parent.yaml", PARENT.replace("name: parent\n", "name: parent\nstage: 3\n"))
    head = "archgen: 1\nname: child\nextends: parent.yaml\n"
    assert load_model(_write(tmp_path, "a.yaml", head)).model.stage == 3
    assert load_model(_write(tmp_path, "b.yaml", head + "stage: 5\n")).model.stage == 5
    grandchild = "archgen: 1\nname: grandchild\nextends: a.yaml\n"
    assert load_model(_write(tmp_path, "c.yaml", grandchild)).model.stage == 3


def test_a_broken_parent_does_not_hide_the_childs_own_schema_problems(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "parent.yaml",
        PARENT.replace("{id: web, kind: compute,", "{id: web, kind: compute, instances: 0,"),
    )
    body = "stage: zero\nupdate:\n  web: {instances: 2}\n"
    with pytest.raises(ModelError) as caught:
        load_model(
            _write(tmp_path, "child.yaml", "archgen: 1\nname: child\nextends: parent.yaml\n" + body)
        )
    located = [(Path(p.path).name, p.line, p.message) for p in caught.value.problems]
    assert located == [
        ("child.yaml", 3, "the model it extends, 'parent.yaml', has errors"),
        ("child.yaml", 4, "'stage': expected a whole number, got 'zero'"),
        ("parent.yaml", 13, "'instances': the number 0 is too small: the least allowed is 1"),
    ]


def test_a_problem_in_remove_does_not_hide_the_schema_or_references(tmp_path: Path) -> None:
    body = (
        "remove:\n  components: [wbe]\n"
        "components:\n  - {id: cache, kind: cache, nodes: zero}\n  - {id: q, kind: queue}\n"
        "connections:\n  - {from: web, to: cache}\n  - {from: q, to: nowhere}\n"
    )
    with pytest.raises(ModelError) as caught:
        load_model(_child(tmp_path, body))
    assert [(p.line, p.message.split(" (")[0]) for p in caught.value.problems] == [
        (5, "cannot remove 'wbe': not in the model it extends"),
        (7, "'nodes': expected a whole number, got 'zero'"),
        (11, "unknown component 'nowhere'"),
    ]
