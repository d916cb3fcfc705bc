"""`archgen import terraform` on public configurations (tests/iac/terraform/*/SOURCE)
and on small ones written here: every resource accounted for, count and modules
expanded, findings and SARIF at the .tf lines, plan JSON, diff between two imports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from archgen.iac.terraform import import_terraform
from archgen.load.loader import load_text
from archgen.load.run import ModelLoader
from archgen.rules import check
from archgen.validate import validate_paths
from tests.conftest import run_archgen

CORPUS = Path(__file__).parent / "terraform"
#: configuration -> resource blocks written in its .tf files (modules: once per call)
RESOURCES = {"ecs-alb": 24, "two-tier": 9, "asg": 4, "networking": 24}


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_resource_is_accounted_for(name: str) -> None:
    imported, text = import_terraform(str(CORPUS / name))
    assert len(imported.accounting) == RESOURCES[name]
    for entry in imported.accounting:
        assert entry.fate in ("drawn", "read", "left") and entry.detail
    total = re.search(r"# Resources  (\d+): (\d+) drawn.*?(\d+) read.*?(\d+) left", text)
    assert total is not None and int(total[1]) == RESOURCES[name]
    loaded = load_text(text, "imported.yaml")
    assert {c.id for c in loaded.model.components} == {
        c["id"] for c in imported.model["components"]
    }


def test_count_and_splat_place_the_balancer_in_routed_subnets() -> None:
    imported, _ = import_terraform(str(CORPUS / "ecs-alb"))
    (network,) = imported.model["regions"][0]["networks"]
    assert [(s["name"], s["zone"], s.get("public")) for s in network["subnets"]] == [
        ("main-0", "us-east-1a", True),
        ("main-1", "us-east-1b", True),
    ]
    components = {c["id"]: c for c in imported.model["components"]}
    # a name several types share is told apart by the type: aws_vpc.main, aws_lb.main
    assert components["lb-main"]["subnets"] == ["main-0", "main-1"]
    assert components["lb-main"]["service"] == "alb"
    connections = imported.model["connections"]
    # the listener forwards to the service's target group; its security group lets the
    # balancer's in to the instances
    assert {"from": "lb-main", "to": "ecs-service-test", "protocol": "http"} in connections
    assert {"from": "lb-main", "to": "autoscaling-group-app"} in connections
    assert {"from": "users", "to": "lb-main", "protocol": "http"} in connections


def test_local_modules_are_read_in_their_scope() -> None:
    imported, _ = import_terraform(str(CORPUS / "networking"))
    subnets = [s for n in imported.model["regions"][0]["networks"] for s in n["subnets"]]
    assert len(subnets) == 4  # two regions' modules, two subnet modules each
    files = {e.resource.file for e in imported.accounting}
    assert any(f.endswith("subnet/subnet.tf") for f in files)


def test_a_module_outside_the_project_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "main.tf").write_text(
        'resource "aws_sqs_queue" "leaked" { name = "sekrit" }\n', encoding="utf-8"
    )
    (project / "main.tf").write_text(
        'module "x" {\n  source = "../outside"\n}\nresource "aws_s3_bucket" "b" {}\n',
        encoding="utf-8",
    )
    done = run_archgen("import", "terraform", str(project))
    assert done.returncode == 0, done.stderr
    assert "sekrit" not in done.stdout and "leaked" not in done.stdout
    assert "outside the project root" in done.stdout


@pytest.mark.parametrize("command", [("import", "terraform"), ("validate",)])
def test_a_tf_file_linked_from_outside_the_project_is_not_read(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A pull request can commit a symbolic link named like a .tf file: it is refused,
    unread, as a link out of the project is for `extends`."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    secret = tmp_path / "secret.tf"
    secret.write_text('resource "aws_sqs_queue" "leaked" { name = "sekrit" }\n', encoding="utf-8")
    (project / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\n', encoding="utf-8")
    (project / "other.tf").symlink_to(secret)
    target = str(project) if command[0] == "import" else str(project / "main.tf")
    done = run_archgen(*command, target)
    assert done.returncode == 2, done.stdout
    assert "other.tf:1:1: not read: it links to a file outside the project root" in done.stderr
    assert "sekrit" not in done.stdout + done.stderr
    assert "leaked" not in done.stdout + done.stderr


CONFIG = """\
provider "aws" {
  region = "eu-west-1"
}
variable "env" {
  default = "dev"
}
resource "aws_dynamodb_table" "orders" {
  name         = "${var.env}-orders"
  billing_mode = "PAY_PER_REQUEST"
}
resource "aws_lambda_function" "handler" {
  function_name = "handler"
  environment {
    variables = {
      TABLE = aws_dynamodb_table.orders.name
    }
  }
}
resource "aws_sqs_queue" "jobs" {}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.handler.arn
}
resource "aws_db_instance" "db" {
  engine              = "postgres"
  publicly_accessible = true
}
resource "aws_shiny_new_thing" "x" {}
"""


def _config(tmp_path: Path, text: str = CONFIG) -> Path:
    folder = tmp_path / "app"
    folder.mkdir(exist_ok=True)
    (folder / "main.tf").write_text(text, encoding="utf-8")
    return folder


def test_references_become_connections_and_vars_override(tmp_path: Path) -> None:
    out = tmp_path / "model.yaml"
    done = run_archgen(
        "import", "terraform", str(_config(tmp_path)), "--var", "env=prod", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    model = yaml.safe_load(text)
    components = {c["id"]: c for c in model["components"]}
    assert components["orders"]["label"] == "prod-orders"
    assert model["regions"][0]["name"] == "eu-west-1"
    assert {"from": "handler", "to": "orders", "protocol": "https"} in model["connections"]
    assert {"from": "jobs", "to": "handler", "mode": "async"} in model["connections"]
    assert components["x"]["kind"] == "generic"  # the escape hatch, never an error
    assert "Unknown types, drawn as generic components:\n#   aws_shiny_new_thing (1)" in text
    assert "Variables  env=prod" in text


def test_a_syntax_error_is_located_and_exits_2(tmp_path: Path) -> None:
    folder = _config(tmp_path, 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n')
    done = run_archgen("import", "terraform", str(folder))
    assert done.returncode == 2
    assert done.stderr.startswith(f"{folder / 'main.tf'}:2:")
    assert "Traceback" not in done.stderr


def test_validate_a_tf_file_points_at_its_lines_and_sarif_too(tmp_path: Path) -> None:
    main = _config(tmp_path) / "main.tf"
    result = validate_paths([str(main)], ModelLoader())
    assert not result.problems
    db = [f for f in result.findings if f.component == "db"]
    assert db and all(Path(f.file).name == "main.tf" for f in db)
    line = main.read_text(encoding="utf-8").splitlines()[db[0].line - 1]
    assert line.startswith('resource "aws_db_instance" "db"')
    done = run_archgen("validate", str(main), "--format", "sarif", "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    sarif = json.loads(done.stdout)
    locations = [
        r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"] if r["locations"]
    ]
    assert locations and all(
        loc["artifactLocation"]["uri"].endswith("main.tf") for loc in locations
    )
    assert any(loc["region"]["startLine"] == db[0].line for loc in locations)


PLAN = {
    "format_version": "1.2",
    "planned_values": {
        "root_module": {
            "resources": [
                {
                    "address": "aws_lb.web",
                    "mode": "managed",
                    "type": "aws_lb",
                    "name": "web",
                    "values": {"internal": False, "load_balancer_type": "application"},
                }
            ],
            "child_modules": [
                {
                    "address": "module.data",
                    "resources": [
                        {
                            "address": "module.data.aws_db_instance.main",
                            "mode": "managed",
                            "type": "aws_db_instance",
                            "name": "main",
                            "values": {"engine": "mysql", "multi_az": True},
                        }
                    ],
                }
            ],
        }
    },
    "configuration": {
        "provider_config": {"aws": {"expressions": {"region": {"constant_value": "ap-south-1"}}}}
    },
}


def test_a_plan_json_imports_with_modules_and_lines(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN, indent=2), encoding="utf-8")
    imported, _ = import_terraform(str(plan))
    components = {c["id"]: c for c in imported.model["components"]}
    assert components["main"]["service"] == "rds-mysql"
    assert imported.model["regions"][0]["name"] == "ap-south-1"
    entry = next(e for e in imported.accounting if e.component == "main")
    line = plan.read_text(encoding="utf-8").splitlines()[entry.resource.mark[0] - 1]
    assert '"module.data.aws_db_instance.main"' in line
    assert run_archgen("validate", str(plan), "--fail-on", "never").returncode == 0


def test_diff_between_two_imports(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    assert (
        run_archgen("import", "terraform", str(_config(tmp_path)), "-o", str(old)).returncode == 0
    )
    changed = CONFIG.replace(
        'engine              = "postgres"', 'engine = "mysql"\n  multi_az = true'
    )
    assert (
        run_archgen(
            "import", "terraform", str(_config(tmp_path, changed)), "-o", str(new)
        ).returncode
        == 0
    )
    done = run_archgen("diff", str(old), str(new))
    assert done.returncode in (0, 1), done.stderr
    assert "db" in done.stdout


def test_an_imported_configuration_renders(tmp_path: Path) -> None:
    model = tmp_path / "ecs.yaml"
    assert (
        run_archgen("import", "terraform", str(CORPUS / "ecs-alb"), "-o", str(model)).returncode
        == 0
    )
    drawn = run_archgen(
        "render", str(model), "-o", str(tmp_path), "--format", "svg", "--fail-on", "never"
    )
    assert drawn.returncode == 0, drawn.stderr
    assert "<svg" in (tmp_path / "ecs.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.json", "no such file or folder"),
        ("notes.txt", "not a .tf file, a configuration folder or `terraform show -json` output"),
        ("other.json", "not `terraform show -json` output: no planned_values or values"),
    ],
)
def test_what_is_not_a_configuration_exits_2(tmp_path: Path, name: str, message: str) -> None:
    """A path that does not exist is refused, not read as the folder around it."""
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"a": 1}\n', encoding="utf-8")
    done = run_archgen("import", "terraform", str(tmp_path / name))
    assert done.returncode == 2
    assert done.stderr.strip() == f"{tmp_path / name}:1:1: {message}"


def test_deep_nesting_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    folder = _config(tmp_path, f'resource "aws_s3_bucket" "b" {{\n  x = {deep}\n}}\n')
    done = run_archgen("import", "terraform", str(folder))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{folder / 'main.tf'}:")


#: the file of each configuration a user would name to validate or render it
ENTRY = {"ecs-alb": "main.tf", "two-tier": "main.tf", "asg": "main.tf", "networking": "regions.tf"}


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_each_public_configuration_validates_and_renders(name: str, tmp_path: Path) -> None:
    """The corpus end to end through the command line: findings located at lines of the
    configuration's own .tf files (modules included), and a drawing."""
    entry = str(CORPUS / name / ENTRY[name])
    done = run_archgen("validate", entry, "--format", "json", "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    if name == "networking":  # VPCs, subnets and peering only: nothing to judge
        assert report["findings"] == []
    else:
        assert report["findings"], "every example with components has something to say"
    for finding in report["findings"]:
        where = Path(finding["file"])
        assert where.suffix == ".tf" and (CORPUS / name) in where.resolve().parents
        assert finding["line"] >= 1
        lines = where.read_text(encoding="utf-8").splitlines()
        assert finding["line"] <= len(lines)
    drawn = run_archgen("render", entry, "-o", str(tmp_path), "--format", "svg")
    assert drawn.returncode in (0, 1), drawn.stderr
    (svg,) = tmp_path.glob("*.svg")
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))


EKS = """\
resource "aws_eks_cluster" "main" {
  name     = "shop"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-1", "subnet-2"]
  scaling_config {
    desired_size = 3
    min_size     = 2
    max_size     = 6
  }
}
"""


def test_an_eks_node_group_is_the_serving_tier_and_the_cluster_its_control_plane(
    tmp_path: Path,
) -> None:
    """The node group's EC2 instances carry the tier's counts and scaling; the control
    plane, run by AWS across zones and called by operators and nodes, is not judged as
    a serving tier (it drew 'tier runs 1 instance')."""
    imported, text = import_terraform(str(_config(tmp_path, EKS)), root=None)
    components = {c["id"]: c for c in imported.model["components"]}
    workers = components["workers"]
    assert (workers["kind"], workers["service"], workers["label"]) == ("compute", "ec2", "workers")
    assert workers["instances"] == 3 and workers["scaling"] == {"min": 2, "max": 6}
    assert components["main"]["roles"] == ["admin"]
    findings = check(load_text(text, "imported.yaml"))
    assert not [f for f in findings if f.component == "main" and f.rule in ("REL003", "PERF007")]


def test_settings_resources_are_left_out_not_drawn_as_generic_boxes(tmp_path: Path) -> None:
    """Terraform spells many settings as resources of their own (a method response, a
    secret's value, the account's default VPC): they are not components of the picture."""
    config = "\n".join(
        f'resource "{kind}" "x" {{}}'
        for kind in (
            "aws_api_gateway_method_response",
            "aws_api_gateway_authorizer",
            "aws_secretsmanager_secret_version",
            "aws_default_vpc",
            "aws_vpc_dhcp_options",
            "aws_cognito_user",
        )
    )
    imported, text = import_terraform(str(_config(tmp_path, config)), root=None)
    assert imported.model["components"] == []
    assert "drawn as generic" not in text
    assert "aws_secretsmanager_secret_version (1): a secret's value, not drawn" in text
