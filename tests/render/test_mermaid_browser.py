"""Mermaid's own parser renders our flowcharts, hostile labels shown as plain text.

Needs Mermaid's browser bundle, which is not a Python package: ``./dev.sh test``
installs it into ``build/node`` (``ARCHGEN_MERMAID_JS`` may point at another copy of
``dist/mermaid.min.js``). Without it the test is skipped and says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archgen.load.loader import LoadedModel
from archgen.render.mermaid import to_mermaid
from tests.render.conftest import ROOT
from tests.render.test_text_formats import NASTY, _model_with

pytestmark = pytest.mark.browser
BUNDLE = os.environ.get("ARCHGEN_MERMAID_JS") or str(
    ROOT / "build" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
)


@pytest.mark.skipif(
    not Path(BUNDLE).is_file(),
    reason=f"no Mermaid bundle at {BUNDLE}: run ./dev.sh test (or set ARCHGEN_MERMAID_JS)",
)
def test_mermaid_renders_models_and_hostile_labels(
    two_regions: LoadedModel,
    model_from_text: Callable[[str], LoadedModel],
    models_dir: Path,
    chromium_browser: Any,
) -> None:
    from archgen.load.loader import load_model

    charts = {
        "two_regions": to_mermaid(two_regions.model, highlight={"web": "added", "db": "removed"}),
        "nasty": to_mermaid(model_from_text(_model_with(NASTY)).model),
    }
    for path in sorted(models_dir.glob("stage*.yaml")):
        charts[path.stem] = to_mermaid(load_model(path).model)
    page = chromium_browser.new_page()
    try:
        page.set_content("<div id=out></div>")
        page.add_script_tag(path=BUNDLE)
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        for index, (name, chart) in enumerate(charts.items()):
            result = page.evaluate(
                "async ([id, text]) => { try { return (await mermaid.render(id, text)).svg }"
                " catch (e) { return 'ERROR ' + e.message } }",
                [f"chart{index}", chart],
            )
            assert not result.startswith("ERROR"), f"{name}: {result}"
            if name == "nasty":
                page.evaluate("(svg) => { document.getElementById('out').innerHTML = svg }", result)
                shown = page.inner_text("#out")
                assert "<script>alert(1)</script>" in shown  # shown as text...
                assert page.evaluate("document.querySelectorAll('#out script').length") == 0
    finally:
        page.close()
