"""The rule links archgen writes by default (SARIF helpUri, `explain`, the diff's
Markdown) point at archgen's own documentation site, which `mkdocs.yml` builds: the
plugin's `path` there must be the path of `DEFAULT_SITE_URL`, or every default link
is a 404 on the published site."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from archgen.rules.base import DEFAULT_SITE_URL, rule_url
from tests.conftest import ROOT, run_archgen


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses `!!python/name:` tags for Material's extensions: ignore them."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def _plugin_path() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "archgen" in plugin:
            return str(plugin["archgen"].get("path", ""))
    raise AssertionError("mkdocs.yml does not use the archgen plugin")


def test_the_default_site_url_is_where_mkdocs_yml_puts_the_rule_pages() -> None:
    site_path = urlsplit(DEFAULT_SITE_URL).path.strip("/")
    assert site_path == _plugin_path().strip("/")


def test_sarif_and_explain_follow_the_configured_site_url(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "archgen.toml").write_text('site-url = "https://docs.example.com/arch"\n')
    model = ROOT / "models" / "stage1.yaml"
    sarif = run_archgen("validate", str(model), "--format", "sarif", cwd=folder)
    rules = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["helpUri"] for r in rules} == {
        rule_url(r["id"], "https://docs.example.com/arch/") for r in rules
    }
    explained = run_archgen("explain", "REL001", cwd=folder)
    assert "More: https://docs.example.com/arch/rules/rel001/" in explained.stdout
    plain = run_archgen("explain", "REL001")
    assert f"More: {rule_url('REL001')}" in plain.stdout
