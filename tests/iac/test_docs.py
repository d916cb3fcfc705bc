"""site/import.md shows the mapping the code uses, and is in the site's navigation."""

from __future__ import annotations

from archgen.iac.resource_types import mapping_table
from tests.conftest import ROOT


def test_the_mapping_table_is_the_codes() -> None:
    page = (ROOT / "site" / "import.md").read_text(encoding="utf-8")
    marker = "by mapping_table() -->\n"
    start = page.index(marker, page.index("<!-- mapping:")) + len(marker)
    end = page.index("<!-- end mapping -->")
    assert page[start:end] == mapping_table()


def test_the_page_is_in_the_navigation() -> None:
    assert "import.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_terraform_mapping_table_is_the_codes() -> None:
    from archgen.iac.terraform_types import mapping_table as terraform_table

    page = (ROOT / "site" / "import.md").read_text(encoding="utf-8")
    marker = "by mapping_table() -->\n"
    start = page.index("<!-- terraform mapping:")
    start = page.index(marker, start) + len(marker)
    end = page.index("<!-- end terraform mapping -->")
    assert page[start:end] == terraform_table()
