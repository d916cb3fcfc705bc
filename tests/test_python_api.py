"""The Python API: site/python-api.md runs as written; models round-trip through YAML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from pydantic import ValidationError

import archgen
from archgen.render.theme import SLATE_BACKGROUND
from tests.conftest import MODELS, ROOT

PAGE = ROOT / "site" / "python-api.md"
STAGES = sorted(MODELS.glob("stage*.yaml"))


def test_the_pages_example_runs_and_draws(tmp_path: Path) -> None:
    script = "\n".join(re.findall(r"```python\n(.*?)```", PAGE.read_text("utf-8"), re.S))
    (tmp_path / "example.py").write_text(script, encoding="utf-8")
    shutil.copytree(MODELS, tmp_path / "models")
    result = subprocess.run(
        [sys.executable, "example.py"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "string_pattern_mismatch" in result.stdout
    assert "broken.yaml:4:30: 'nodes' is a setting of a cache or a search, not of a compute" in (
        result.stdout
    )
    assert "flowchart" in result.stdout
    ElementTree.fromstring((tmp_path / "shop.svg").read_bytes())
    assert (tmp_path / "shop.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "shop.yaml").read_text("utf-8").startswith("archgen: 1\nname: shop\n")


@pytest.mark.parametrize("path", STAGES, ids=lambda p: p.name)
def test_a_dumped_model_loads_to_the_same_model(path: Path) -> None:
    loaded = archgen.load_model(path)
    text = archgen.dump(loaded)
    assert archgen.load_text(text, "again.yaml").model == loaded.model
    assert "extends:" not in text  # a loaded model is resolved: it stands alone


def test_new_kinds_and_exposure_built_in_python_round_trip_and_draw() -> None:
    model = archgen.Model(
        archgen=1,
        name="edge",
        security_groups=[
            archgen.SecurityGroup(
                name="alb-sg", ingress=[archgen.IngressRule(ports=443, source="cloudfront")]
            )
        ],
        components=[
            archgen.Api(id="api", auth="cognito"),
            archgen.Identity(id="pool", mfa="required"),
            archgen.Firewall(id="waf", protects=["api"]),
            archgen.Generic(id="notebook", icon="aws.ml.Sagemaker"),
            archgen.LoadBalancer(id="alb", security_groups=["alb-sg"]),
        ],
    )
    text = archgen.dump(model)
    assert "from: cloudfront" in text
    assert archgen.load_text(text, "edge.yaml").model == model
    svg = archgen.draw(model)
    assert "notebook (notebook)" in svg and svg.rstrip().endswith("</svg>")


def test_a_model_built_in_python_is_checked_whole() -> None:
    model = archgen.Model(
        archgen=1,
        name="dangling",
        components=[archgen.Compute(id="web", subnets=["nowhere"])],
    )
    with pytest.raises(archgen.ModelError) as caught:
        archgen.check(model)
    (problem,) = caught.value.problems
    assert (problem.path, problem.message) == (
        "dangling.yaml",
        "unknown subnet 'nowhere': the model declares no subnets",
    )
    with pytest.raises(ValidationError):
        archgen.Database(id="db", instances=0)


def test_findings_are_objects_located_in_the_file() -> None:
    loaded = archgen.load_model(MODELS / "stage1.yaml")
    findings = archgen.check(loaded)
    assert findings and all(isinstance(f, archgen.Finding) for f in findings)
    assert {f.file for f in findings} == {"models/stage1.yaml"}


def test_every_public_name_resolves_and_import_stays_light() -> None:
    assert all(getattr(archgen, name) is not None for name in archgen.__all__)
    probe = "import sys, archgen; print('pydantic' in sys.modules, 'archgen.api' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.split() == ["False", "False"]
    with pytest.raises(AttributeError):
        archgen.nothing_here  # noqa: B018


def test_a_view_built_in_python_draws_its_part() -> None:
    model = archgen.Model(
        archgen=1,
        name="views",
        components=[
            archgen.Client(id="users"),
            archgen.Compute(id="web"),
            archgen.Database(id="db"),
        ],
        connections=[
            archgen.Connection(source="users", target="web"),
            archgen.Connection(source="web", target="db"),
        ],
        views=[
            archgen.View(name="data", kinds=["database"], layout=archgen.Layout(direction="LR"))
        ],
    )
    flowchart = archgen.draw(model, "mermaid", view="data")
    assert flowchart.startswith("flowchart LR\n")
    assert "c_db[" in flowchart and "c_web[" not in flowchart
    assert "c_web[" in archgen.draw(model, "mermaid")
    assert archgen.load_text(archgen.dump(model), "views.yaml").model == model


def test_draw_gives_every_format_render_writes() -> None:
    """draw.io and the interactive page too, in either theme, as `archgen render` does."""
    model = archgen.load_model(MODELS / "stage7.yaml")
    drawio = ElementTree.fromstring(archgen.draw(model, "drawio"))
    vertices = {c.get("id") for c in drawio.iter("mxCell") if c.get("vertex") == "1"}
    assert {f"c-{c.id}" for c in model.model.components} <= vertices
    light, dark = archgen.draw(model, "html"), archgen.draw(model, "html", theme="dark")
    assert light.startswith("<!doctype html>") and "Content-Security-Policy" in light
    assert 'data-theme="light"' in light and 'data-theme="dark"' in dark
    assert SLATE_BACKGROUND.lower() in archgen.draw(model, "svg", theme="dark").lower()
