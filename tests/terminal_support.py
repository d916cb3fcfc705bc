"""Models and file names full of control characters, for the terminal-injection tests.

A model can hold ESC, CSI (U+009B), BEL and the other C0/C1 controls, or Unicode bidi
overrides, in any free text, and a model file's name can hold them too (with a newline).
Written raw, they would retitle the terminal, hide or clear lines, reorder text, or
forge a finding line in a CI log.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

#: what a model's text can still carry once the YAML reader has refused the C0 controls
#: that XML forbids (ESC, BEL, NUL…): a C1 CSI, DEL, a bidi override and isolate, a line
#: separator, then a newline that starts a forged finding line
CONTROLS = "x\x9b31m\x7f\u202eevil\u2066y\u2069\u2028\r\n  1:1: error FAKE001 forged"
#: and what a file name or a Python-built model can carry besides: set the title (OSC),
#: conceal, clear the screen, BEL, NUL
C0_CONTROLS = "x\x1b]0;pwned\x07\x1b[8mhidden\x1b[0m\x1b[2J\x00" + CONTROLS[1:]
#: a forged line as it would start if the newline got through
FORGED = re.compile(r"^\s*1:1: error FAKE001", re.MULTILINE)
#: what text output must never carry raw (a newline only between archgen's own lines)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def control_model(controls: str = CONTROLS) -> dict[str, object]:
    """A valid model with `controls` in every free text, and in an environment override's
    service (which a design finding quotes: OPS003, staging drifts from production)."""
    return {
        "archgen": 1,
        "name": "controls",
        "title": f"Title {controls}",
        "stage": 9,
        "summary": f"Summary {controls}",
        "components": [
            {"id": "users", "kind": "client", "label": f"Users {controls}"},
            {
                "id": "db",
                "kind": "database",
                "service": "rds-mysql",
                "label": f"DB {controls}",
                "description": f"Description {controls}",
            },
        ],
        "connections": [{"from": "users", "to": "db", "label": f"Edge {controls}"}],
        "environments": [
            {"name": "production", "purpose": f"Purpose {controls}"},
            {
                "name": "staging",
                "mirrors": "production",
                "overrides": {"db": {"service": f"engine {controls}"}},
            },
        ],
        "decisions": [{"id": "d1", "title": f"Decision {controls}", "decision": controls}],
    }


def write_model(path: Path, data: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def assert_inert(output: str) -> None:
    """No raw control character, no forged line; the controls are shown escaped."""
    assert not RAW.findall(output), sorted(set(RAW.findall(output)))
    assert not FORGED.search(output)


#: a file name that tries to forge a finding line and to clear the screen
EVIL_NAME = "stage\x1b[2J\u202e\n  1:1: error FAKE001 forged.yaml"
#: one that a model's `extends` can name (YAML refuses ESC even escaped)
EVIL_PARENT = "stage\u202e\n  1:1: error FAKE001 forged.yaml"
