"""The network exposure rules (SEC009–SEC012) beyond their case files: where a finding
points, its severity band, the models that declare no exposure, and `archgen explain`."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.load.loader import load_model, load_text
from archgen.rules import check
from archgen.rules.finding import Finding
from tests.conftest import MODELS, run_archgen
from tests.render.conftest import CASES

EXPOSURE_RULES = ("SEC009", "SEC010", "SEC011", "SEC012")

MODEL = """\
archgen: 1
name: exposed
regions:
  - name: eu-west-1
    zones: [eu-west-1a]
    networks:
      - name: main
        cidr: 10.0.0.0/16
        subnets:
          - name: public-a
            zone: eu-west-1a
            public: true
            ingress:
              - {ports: 443, from: internet}
              - {ports: 3389, from: 0.0.0.0/0}
          - {name: data-a, zone: eu-west-1a}
security_groups:
  - name: admin-sg
    ingress:
      - {ports: 443, from: internet}
      - {ports: 22, from: 0.0.0.0/0}
components:
  - {id: bastion, kind: compute, subnets: [data-a], security_groups: [admin-sg]}
  - {id: jump, kind: compute, subnets: [public-a]}
  - id: db
    kind: database
    subnets: [data-a]
    ingress:
      - {ports: 3306, from: internet}
      - {ports: 3306, from: 10.0.0.0/16}
      - {ports: all, protocol: all, from: 10.0.0.0/8}
"""


def _exposure(findings: list[Finding]) -> list[tuple[int, int, str, str, str | None]]:
    return [
        (f.line, f.column, f.rule, f.severity, f.component)
        for f in findings
        if f.rule in EXPOSURE_RULES
    ]


def test_a_finding_points_at_the_rule_that_opens_the_port() -> None:
    findings = check(load_text(MODEL, "exposed.yaml"))
    assert _exposure(findings) == [
        (15, 17, "SEC009", "error", "jump"),  # the subnet's rule: jump declares nothing
        (21, 9, "SEC009", "error", "bastion"),  # the security group's rule, not bastion
        (29, 9, "SEC010", "error", "db"),  # from the internet
        (30, 9, "SEC010", "warning", "db"),  # from the whole VPC
        (31, 9, "SEC012", "warning", "db"),  # every port, from wider than the VPC
    ]
    bastion = next(f for f in findings if f.component == "bastion" and f.rule == "SEC009")
    assert bastion.file == "exposed.yaml"
    assert bastion.message == (
        "SSH (22) is open to the internet (from: 0.0.0.0/0 in security group admin-sg)"
    )
    jump = next(f for f in findings if f.component == "jump")
    assert "RDP (3389)" in jump.message and "in subnet public-a" in jump.message


def test_a_rule_set_by_update_is_found_where_the_update_says_it(tmp_path: Path) -> None:
    path = tmp_path / "ssh.yaml"
    path.write_text(
        "archgen: 1\nname: ssh\nstage: 1\n"
        f"extends: {MODELS / 'stage1.yaml'}\n"
        "update:\n"
        "  server:\n"
        "    ingress: [{ports: 80, from: internet}, {ports: 22, from: internet}]\n"
    )
    findings = check(load_model(path, root=MODELS))
    (ssh,) = [f for f in findings if f.rule == "SEC009"]
    assert (ssh.file, ssh.line, ssh.component, ssh.severity) == (str(path), 7, "server", "error")


def test_a_rule_before_its_stage_is_information() -> None:
    stage_one = MODEL.replace("name: exposed\n", "name: exposed\nstage: 1\n")
    bands = {(f.rule, f.severity) for f in check(load_text(stage_one, "m.yaml"))}
    assert ("SEC009", "error") in bands and ("SEC010", "info") in bands


@pytest.mark.parametrize("stage", range(1, 10))
def test_the_journey_declares_no_exposure_and_gets_no_exposure_finding(stage: int) -> None:
    loaded = load_model(MODELS / f"stage{stage}.yaml")
    assert not loaded.model.security_groups
    assert _exposure(check(loaded)) == []


def test_every_kind_gets_only_true_exposure_findings() -> None:
    findings = check(load_model(CASES / "every_kind.yaml"))
    found = sorted((f.rule, f.component or "") for f in findings if f.rule in EXPOSURE_RULES)
    assert found == [
        ("SEC009", "web"),  # app-sg: 22 from internet ("break-glass access")
        ("SEC009", "web"),  # app-sg: 3389 from 0.0.0.0/0
        ("SEC010", "memorydb"),  # 6379 from app-sg, and web has no connection to it
        ("SEC010", "mysql"),  # data-sg lets app-sg in, and web calls aurora, not mysql
        ("SEC011", "alb"),  # a CDN origin, open on 80 to ::/0; nobody calls it directly
        ("SEC012", "aurora"),  # data-sg: every port from the VPC (data-b has no ACL)
    ]
    # mysql sits only in data-a, whose ACL lets in 3306 from the app subnets and ICMP:
    # the same group's every-port rule reaches aurora through data-b, not mysql
    assert not any(f.rule == "SEC012" and f.component == "mysql" for f in findings)


def test_explain_shows_an_exposure_rule_page() -> None:
    result = run_archgen("explain", "admin-port-open-to-internet")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "SEC009 admin-port-open-to-internet\nsecurity · error · applies from stage 1"
    )
    assert "ingress: [{ports: 22, from: 0.0.0.0/0}]" in result.stdout
    table = run_archgen("rules").stdout
    assert "SEC012   all-traffic-allowed" in table
