"""The shared base that completes a rule's Bad/Good fragment into a whole model.

A rule page shows only the lines that matter. The fragment's top-level keys replace
the base's, so a fragment that declares `regions:` brings its own.
"""

from __future__ import annotations

from typing import Any

import yaml

#: one region, two zones, public/app/data subnets in each; stage 9 so every rule applies
EXAMPLE_BASE = """\
archgen: 1
name: rule-example
stage: 9
regions:
  - name: eu-west-1
    zones: [eu-west-1a, eu-west-1b]
    networks:
      - name: main-vpc
        subnets:
          - {name: public-a, zone: eu-west-1a, public: true}
          - {name: public-b, zone: eu-west-1b, public: true}
          - {name: app-a, zone: eu-west-1a}
          - {name: app-b, zone: eu-west-1b}
          - {name: data-a, zone: eu-west-1a}
          - {name: data-b, zone: eu-west-1b}
"""


def complete(fragment: str | dict[str, Any]) -> str:
    """The YAML text of a whole model: `EXAMPLE_BASE` with the fragment's keys on top."""
    base: dict[str, Any] = yaml.safe_load(EXAMPLE_BASE)
    extra = yaml.safe_load(fragment) if isinstance(fragment, str) else fragment
    base.update(extra or {})
    return yaml.safe_dump(base, sort_keys=False)
