"""One `archgen validate` start-up, cut into phases (CPU milliseconds, one JSON line).

Run by `startup_bench.py --phases` in a new process per round; it does what
``archgen validate MODEL`` does, in the same order, and notes the process's CPU time
after each step: the interpreter, the stack's own imports (click, pydantic, PyYAML),
archgen's command line, the model's pydantic classes, the rest of the validate path,
loading the model (pydantic builds its validator on first use), the rules.

    python benchmarks/startup_phases.py models/stage7.yaml
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time

_marks: list[tuple[str, float]] = [("interpreter", time.process_time())]


def _mark(name: str) -> None:
    _marks.append((name, time.process_time()))


def main(model: str) -> None:
    """Time each phase of validating `model` and print them as JSON."""
    import click  # noqa: F401

    _mark("click")
    from pydantic import BaseModel  # noqa: F401

    _mark("pydantic")
    import yaml  # noqa: F401

    _mark("PyYAML")
    import archgen.cli

    _mark("archgen.cli")
    import archgen.model.schema  # noqa: F401

    _mark("model classes")
    from archgen.iac.command import load_or_import
    from archgen.load.run import ModelLoader
    from archgen.rules import check

    _mark("validate path imports")
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as `archgen` does
    loaded = load_or_import(ModelLoader(), model)
    _mark("load (validator built)")
    check(loaded)
    _mark("rules")
    phases = {"interpreter": _marks[0][1]}
    for (_, before), (name, after) in itertools.pairwise(_marks):
        phases[name] = after - before
    print(json.dumps({name: round(seconds * 1000, 1) for name, seconds in phases.items()}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/stage7.yaml")
