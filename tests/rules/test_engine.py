"""The engine: locations through `extends`, stage awareness, suppressions, missing facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.load.loader import load_model, load_text
from archgen.load.problems import ModelError
from archgen.rules import check
from archgen.rules.examples import complete

MODELS = Path(__file__).resolve().parents[2] / "models"


def test_findings_point_at_the_file_that_declared_the_component(tmp_path: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text(
        f"archgen: 1\nname: child\nstage: 2\nextends: {MODELS / 'stage1.yaml'}\n"
        "components:\n  - {id: extra, kind: database, public: true}\n"
    )
    findings = check(load_model(child, root=MODELS))  # the parent is outside tmp_path
    server = next(f for f in findings if f.rule == "SEC008")
    assert server.file.endswith("stage1.yaml") and server.component == "server"
    text = (MODELS / "stage1.yaml").read_text().splitlines()
    assert "roles: [web, app, database]" in text[server.line - 1]
    extra = next(f for f in findings if f.rule == "SEC001")
    assert extra.file.endswith("child.yaml") and (extra.line, extra.column) == (6, 5)


def test_a_rule_from_a_later_stage_reports_at_info() -> None:
    fragment = "components:\n  - {id: alb, kind: load-balancer, subnets: [public-a]}\n"
    early = load_text(complete(fragment).replace("stage: 9", "stage: 2"), "early.yaml")
    late = load_text(complete(fragment), "late.yaml")
    early_rel002 = next(f for f in check(early) if f.rule == "REL002")
    late_rel002 = next(f for f in check(late) if f.rule == "REL002")
    assert early_rel002.severity == "info"
    assert early_rel002.message.endswith("(applies from stage 3)")
    assert late_rel002.severity == "warning" and "applies" not in late_rel002.message


def test_a_model_without_stage_gets_every_rule_at_full_severity() -> None:
    text = complete("components:\n  - {id: q, kind: queue}\n").replace("stage: 9\n", "")
    finding = next(f for f in check(load_text(text)) if f.rule == "REL014")
    assert finding.severity == "warning"


def test_suppressions_are_per_file_not_inherited(tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text(
        "archgen: 1\nname: parent\ncomponents:\n  - {id: q, kind: queue}\n"
        "suppress:\n  - {rule: REL014, component: q, reason: later}\n"
    )
    child = tmp_path / "child.yaml"
    child.write_text("archgen: 1\nname: child\nextends: parent.yaml\n")
    assert "REL014" not in {f.rule for f in check(load_model(parent))}
    assert "REL014" in {f.rule for f in check(load_model(child))}


def test_whole_model_suppression_and_unsuppressed_view() -> None:
    text = complete(
        "components:\n  - {id: a, kind: queue}\n  - {id: b, kind: queue}\n"
        "suppress:\n  - {rule: REL014, reason: queues arrive with their DLQs next sprint}\n"
    )
    loaded = load_text(text)
    assert "REL014" not in {f.rule for f in check(loaded)}
    raw = [f.component for f in check(loaded, suppress=False) if f.rule == "REL014"]
    assert raw == ["a", "b"]


def test_unknown_suppressed_rule_raises_a_located_problem() -> None:
    loaded = load_text(complete("suppress:\n  - {rule: XYZ123, reason: typo}\n"), "m.yaml")
    with pytest.raises(ModelError) as error:
        check(loaded)
    (problem,) = error.value.problems
    assert problem.path == "m.yaml" and "unknown rule 'XYZ123'" in problem.message


@pytest.mark.parametrize(
    ("fragment", "rule", "words"),
    [
        ("components:\n  - {id: c, kind: cache, subnets: [data-a]}\n", "PERF001", "no TTL"),
        ("components:\n  - {id: d, kind: database}\n", "REL007", "declares no backups"),
        (
            "components:\n  - {id: lb, kind: load-balancer, service: nlb}\n",
            "REL002",
            "zones are unknown",
        ),
    ],
)
def test_a_missing_fact_is_named_not_guessed(fragment: str, rule: str, words: str) -> None:
    finding = next(f for f in check(load_text(complete(fragment))) if f.rule == rule)
    assert words in finding.message


def test_a_blank_reason_is_no_reason() -> None:
    loaded = load_text(complete("suppress:\n  - {rule: REL014, reason: '  '}\n"), "m.yaml")
    with pytest.raises(ModelError, match="needs a reason"):
        check(loaded)


def test_long_lists_in_messages_are_cut() -> None:
    from archgen.rules.context import listed

    assert listed(["a", "b"]) == "a, b"
    assert listed([f"db{i}" for i in range(10)]) == "db0, db1, db2 and 7 more"


def test_a_finding_an_update_brings_points_at_that_update(tmp_path: Path) -> None:
    """Not at the parent's declaration, where nothing is wrong; a finding the parent has
    already stays where the parent reports it (one finding, however many inherit it)."""
    (tmp_path / "parent.yaml").write_text(
        "archgen: 1\nname: parent\ncomponents:\n"
        "  - {id: q, kind: queue, dead_letter: {max_receives: 5}}\n"
        "  - {id: p, kind: queue}\n"
    )
    child = tmp_path / "child.yaml"
    child.write_text(
        "archgen: 1\nname: child\nextends: parent.yaml\n"
        "update:\n  q: {dead_letter: null}\n  p: {label: Jobs}\n"
    )
    parent_findings = check(load_model(tmp_path / "parent.yaml"))
    assert [(f.component, f.line) for f in parent_findings if f.rule == "REL014"] == [("p", 5)]
    findings = {f.component: f for f in check(load_model(child)) if f.rule == "REL014"}
    assert findings["q"].file == str(child) and (findings["q"].line, findings["q"].column) == (
        5,
        3,
    )
    inherited = findings["p"]  # changed by the update, but not brought by it
    assert inherited.identity == next(f for f in parent_findings if f.component == "p").identity


def test_a_loaded_model_sent_to_a_worker_leaves_its_parent_behind(tmp_path: Path) -> None:
    import pickle

    (tmp_path / "parent.yaml").write_text("archgen: 1\nname: parent\n")
    (tmp_path / "child.yaml").write_text("archgen: 1\nname: child\nextends: parent.yaml\n")
    loaded = load_model(tmp_path / "child.yaml")
    assert loaded.parent is not None and loaded.parent.model.name == "parent"
    copy = pickle.loads(pickle.dumps(loaded))
    assert copy.parent is None and copy.model == loaded.model
