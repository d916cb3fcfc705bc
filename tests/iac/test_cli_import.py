"""`archgen import cloudformation` as a user runs it: stdout or -o, parameters,
conditions, short tags, unknown types, and located errors with exit 2."""

from __future__ import annotations

from pathlib import Path

import yaml

from archgen.iac.command import import_template
from tests.conftest import ROOT, run_archgen

TERRAFORM = ROOT / "tests" / "iac" / "checkov" / "ALBProtectedByWAF" / "main.tf"

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      TableName: !Sub "${Env}-orders"
  Replica:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          TABLE: !Ref Orders
          ARN: !GetAtt Orders.Arn
  Gadget:
    Type: AWS::Something::New
"""


def _write(tmp_path: Path, text: str, name: str = "stack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_prints_the_model_with_its_header(tmp_path: Path) -> None:
    done = run_archgen("import", "cloudformation", str(_write(tmp_path, TEMPLATE)))
    assert done.returncode == 0, done.stderr
    model = yaml.safe_load(done.stdout)
    ids = [c["id"] for c in model["components"]]
    assert ids == ["orders", "handler"]
    assert model["components"][0]["label"] == "dev-orders"
    assert {"from": "handler", "to": "orders", "protocol": "https"} in model["connections"]
    counts = (
        "# Resources  4: 2 drawn as components, 0 read into settings and connections, 2 left out"
    )
    assert counts in done.stdout
    assert "AWS::S3::Bucket (1): condition IsProd is false" in done.stdout
    assert "AWS::Something::New (1): not in archgen's table of resource types yet" in done.stdout


def test_dash_output_is_stdout_not_a_file_named_dash(tmp_path: Path) -> None:
    template = _write(tmp_path, TEMPLATE)
    for kind, source in (("cloudformation", template), ("terraform", TERRAFORM)):
        done = run_archgen("import", kind, str(source), "-o", "-", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert yaml.safe_load(done.stdout)["components"], kind
        assert not (tmp_path / "-").exists()


def test_param_overrides_a_default_and_decides_conditions(tmp_path: Path) -> None:
    out = tmp_path / "model.yaml"
    done = run_archgen(
        "import",
        "cloudformation",
        str(_write(tmp_path, TEMPLATE)),
        "--param",
        "Env=prod",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "wrote" in done.stderr
    model = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [c["id"] for c in model["components"]] == ["orders", "replica", "handler"]
    assert model["components"][0]["label"] == "prod-orders"
    assert run_archgen("validate", str(out), "--fail-on", "never").returncode == 0


def test_a_bad_template_is_located_and_exits_2(tmp_path: Path) -> None:
    bad = _write(tmp_path, "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: !Nope x\n")
    done = run_archgen("import", "cloudformation", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"{bad}:4:17: tag !Nope is not a CloudFormation function")
    assert "Traceback" not in done.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_archgen("import", "cloudformation", str(tmp_path / "none.yaml"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"{tmp_path / 'none.yaml'}:1:1: no such file"


def test_json_errors_are_located(tmp_path: Path) -> None:
    bad = _write(tmp_path, '{\n  "Resources": {\n    "A": {"Type": }\n  }\n}\n', "t.json")
    done = run_archgen("import", "cloudformation", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"{bad}:3:19: ")


def test_not_a_template_exits_2(tmp_path: Path) -> None:
    done = run_archgen("import", "cloudformation", str(_write(tmp_path, "a: 1\n")))
    assert done.returncode == 2
    assert "not a CloudFormation template: no Resources" in done.stderr


def test_sam_events_and_implicit_api(tmp_path: Path) -> None:
    sam = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Queue:
          Type: SQS
          Properties: {Queue: !GetAtt Jobs.Arn}
        Http:
          Type: Api
          Properties: {Path: /, Method: get}
"""
    imported, _ = import_template(str(_write(tmp_path, sam)))
    connections = imported.model["connections"]
    assert {"from": "jobs", "to": "worker", "mode": "async"} in connections
    assert {"from": "serverless-rest-api", "to": "worker", "protocol": "https"} in connections
    assert imported.added == ["users", "serverless-rest-api"]


def test_short_tags_become_functions(tmp_path: Path) -> None:
    from archgen.iac.template import parse_template

    text = (
        "Resources:\n  A:\n    Type: X\n    Properties:\n"
        "      B: !GetAtt C.D.E\n      F: !Select [1, !GetAZs '']\n"
    )
    template = parse_template(text.encode(), "t.yaml")
    properties = template.resources["A"]["Properties"]
    assert properties == {
        "B": {"Fn::GetAtt": ["C", "D.E"]},
        "F": {"Fn::Select": [1, {"Fn::GetAZs": ""}]},
    }
    assert template.mark(("Resources", "A")) == (2, 3)
    rules = (
        "Rules:\n  Subnets:\n    Assertions:\n"
        "      - Assert: !EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !Ref V]\n"
        "Resources:\n  A:\n    Type: X\n"
    )
    assertion = parse_template(rules.encode(), "t.yaml").data["Rules"]["Subnets"]["Assertions"]
    assert assertion == [
        {
            "Assert": {
                "Fn::EachMemberEquals": [
                    {"Fn::ValueOfAll": ["AWS::EC2::Subnet::Id", "VpcId"]},
                    {"Ref": "V"},
                ]
            }
        }
    ]


RAIN = """\
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      UserData: !Base64
        Fn::Sub: !Rain::Embed /etc/passwd
  Site:
    Type: !Rain::Module "./modules/static-site.yaml"
    Properties:
      Name: site
"""


def test_rain_directives_stay_opaque_and_rain_modules_are_left_out(tmp_path: Path) -> None:
    """Templates written for AWS's `rain` tool import as far as they can: a directive is
    an unknown value (the file it names is never read), a module a resource left out."""
    template = _write(tmp_path, RAIN)
    done = run_archgen("import", "cloudformation", str(template))
    assert done.returncode == 0, done.stderr
    model = yaml.safe_load(done.stdout)
    assert [c["id"] for c in model["components"]] == ["server"]
    assert "Rain::Module (1): a rain module: `rain pkg` expands it" in done.stdout
    assert "root:" not in done.stdout  # nothing of /etc/passwd
    checked = run_archgen("validate", str(template), "--fail-on", "never")
    assert checked.returncode == 0, checked.stderr


OUTSIDE_CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secret:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../outside/child.yaml
  Bucket:
    Type: AWS::S3::Bucket
"""


def test_a_nested_template_outside_the_project_is_not_read(tmp_path: Path) -> None:
    """A template from a pull request cannot make archgen read files beyond the project
    (the same root as a model's `extends`): the nested stack is left out, unread."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    child = (
        "Resources:\n  Leaked:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: sekrit}\n"
    )
    (outside / "child.yaml").write_text(child, encoding="utf-8")
    done = run_archgen("import", "cloudformation", str(_write(project, OUTSIDE_CHILD)))
    assert done.returncode == 0, done.stderr
    assert "sekrit" not in done.stdout and "leaked" not in done.stdout.lower()
    assert "outside the project root" in done.stdout
    # --root widens it, as for extends
    wider = run_archgen(
        "import", "cloudformation", str(project / "stack.yaml"), "--root", str(tmp_path)
    )
    assert wider.returncode == 0, wider.stderr
    assert "sekrit" in wider.stdout


def test_a_line_break_in_a_template_name_cannot_write_yaml(tmp_path: Path) -> None:
    """Resource types and logical ids land in the header's comments: a line break (or
    YAML's other line breaks, NEL and U+2028) would end the comment and add keys."""
    text = (
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Resources:\n"
        '  Odd:\n    Type: "AWS::Made::Up\\nextends: /etc/passwd\\u2028x: 1\\x85y: 2"\n'
        "  Bucket:\n    Type: AWS::S3::Bucket\n"
    )
    done = run_archgen("import", "cloudformation", str(_write(tmp_path, text)))
    assert done.returncode == 0, done.stderr
    model = yaml.safe_load(done.stdout)
    assert set(model) <= {"archgen", "name", "title", "regions", "components", "connections"}
    assert "\\nextends: /etc/passwd" in done.stdout


LISTENERS = """\
Resources:
  Plain:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  PlainListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Plain
      Protocol: HTTP
      DefaultActions: [{Type: forward}]
  Redirecting:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  RedirectListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Redirecting
      Protocol: HTTP
      DefaultActions:
        - {Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: "443"}}
"""


def test_users_reach_a_balancer_over_the_protocol_its_listeners_serve(tmp_path: Path) -> None:
    """A plain HTTP listener that does not redirect is what checkov's CKV_AWS_2 flags:
    the users' connection says http, so SEC004 (plaintext at the edge) can see it."""
    imported, _ = import_template(str(_write(tmp_path, LISTENERS)))
    connections = imported.model["connections"]
    assert {"from": "users", "to": "plain", "protocol": "http"} in connections
    assert {"from": "users", "to": "redirecting", "protocol": "https"} in connections
