"""Every kind of rule link resolves on a site archgen builds: the site's own pages, SARIF
`helpUri`, `archgen explain` and the diff's Markdown all point at `rules/<id lowercased>/`.

The site is built by `archgen site` (a real `mkdocs build --strict`); a link is followed
by finding the file a static host would answer it with.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from archgen.rules.base import DEFAULT_SITE_URL, rule_path, rule_url
from tests.conftest import run_archgen

#: an `href` of a generated page
_HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')
_MARKDOWN_LINK = re.compile(r"\]\((https://[^)\s]+)\)")
_URL = re.compile(r"https://\S+")


def served_file(site: Path, path: str) -> Path:
    """The file of the built site a static host answers the URL path `path` with."""
    file = site / path.lstrip("/")
    return file / "index.html" if path.endswith("/") else file


def on_default_site(site: Path, url: str) -> Path:
    """The file of `site` that `url`, a link to the default site, stands for."""
    assert url.startswith(DEFAULT_SITE_URL), url
    return served_file(site, "/" + url.removeprefix(DEFAULT_SITE_URL))


def test_rule_links_of_the_generated_pages_resolve(built_site: Path) -> None:
    followed = 0
    for page in sorted(built_site.rglob("index.html")):
        path = "/" + page.parent.relative_to(built_site).as_posix() + "/"
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target = urlparse(urljoin(f"http://site{path.replace('//', '/')}", href)).path
            if "/rules/" in target and not urlparse(href).netloc:
                followed += 1
                assert served_file(built_site, target).is_file(), (page, href)
    assert followed > 100  # the catalogue, every rule page and each stage's findings


def test_sarif_help_uris_resolve(built_site: Path) -> None:
    done = run_archgen("validate", "models/stage2.yaml", "--format", "sarif")
    assert done.returncode in (0, 1), done.stderr
    rules = json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) >= 30
    for rule in rules:
        assert rule["helpUri"] == rule_url(rule["id"])
        assert on_default_site(built_site, rule["helpUri"]).is_file(), rule["helpUri"]


def test_explain_links_to_a_page_that_exists(built_site: Path) -> None:
    done = run_archgen("explain", "REL001")
    assert done.returncode == 0, done.stderr
    [more] = [line for line in done.stdout.splitlines() if line.startswith("More: ")]
    [url] = _URL.findall(more)
    assert on_default_site(built_site, url).is_file(), url


def test_diff_markdown_rule_links_resolve(built_site: Path) -> None:
    done = run_archgen("diff", "models/stage1.yaml", "models/stage2.yaml", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    links = [u for u in _MARKDOWN_LINK.findall(done.stdout) if "/rules/" in u]
    assert links, "the diff resolves findings of stage 1"
    for url in links:
        assert on_default_site(built_site, url).is_file(), url


def test_a_rules_url_keeps_its_folder() -> None:
    assert rule_path("REL001") == "rules/rel001/"
    assert rule_url("SEC008", "https://docs.example.com/site") == (
        "https://docs.example.com/site/rules/sec008/"
    )
    assert rule_url("SEC008", rules_url="https://docs.example.com/checks") == (
        "https://docs.example.com/checks/sec008/"
    )
