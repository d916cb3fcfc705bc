"""`--update-golden`: rewrite the expected stderr of the broken-input cases.

Run it as `pytest tests/load --update-golden`, then read every changed `.expected`
file in `git diff` before committing: a golden file is reviewed, not trusted.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/load/cases/*.expected from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden", default=False))
