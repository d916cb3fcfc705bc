"""The `Rule` base class, the registry it fills, and the catalogue entry of a rule.

A rule is one small class: metadata as class attributes, a docstring with four fixed
sections (What it checks / Why it matters / Bad / Good) that becomes its page, and a
`check` method yielding `Hit`s. Defining a subclass with an `id` registers it.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from archgen.rules.finding import Pillar, Severity

if TYPE_CHECKING:
    from archgen.model.references import Key
    from archgen.rules.context import Context

#: the docstring sections every rule has, in order
SECTIONS = ("What it checks", "Why it matters", "Bad", "Good")
_HEADING = re.compile(r"^(What it checks|Why it matters|Bad|Good):\s*$")

#: the site whose rule pages links point at unless told otherwise
DEFAULT_SITE_URL = "https://archgen.dev/architecture/"
#: the folder of the rule pages under the root of the generated pages
RULES_FOLDER = "rules/"

REGISTRY: dict[str, type[Rule]] = {}


class Hit(NamedTuple):
    """What a rule found: a message, the component at fault and the key to point at.

    `key` is a semantic path (``("components", "web", "subnets")``); by default the
    component itself. `severity` overrides the rule's own (e.g. PERF001's info band).
    """

    message: str
    component: str | None = None
    key: Key | None = None
    severity: Severity | None = None


class RuleInfo(NamedTuple):
    """A rule's catalogue entry: its metadata and the four docstring sections as text."""

    id: str
    name: str
    pillar: Pillar
    severity: Severity
    since: int
    upstream: tuple[str, ...]
    status: str
    summary: str
    what: str
    why: str
    bad: str
    good: str

    @property
    def help_uri(self) -> str:
        """The URL of the rule's page on the default site."""
        return rule_url(self.id)


def rule_path(rule_id: str) -> str:
    """A rule's page relative to the root of the generated pages: ``rules/rel001/``.

    The one URL scheme of rule pages: the site builds `rules/rel001.md` into this folder,
    and SARIF `helpUri`, `archgen explain` and the diff's Markdown link here. Lower case,
    because a static host serves `rules/REL001/` as a different (missing) folder.
    """
    return f"{RULES_FOLDER}{rule_id.lower()}/"


def rule_url(rule_id: str, site_url: str = DEFAULT_SITE_URL, *, rules_url: str = "") -> str:
    """The URL of a rule's page on the site published at `site_url`.

    `rules_url` is the folder of the rule pages when it is given instead of the site
    (``archgen diff --rules-url``): the page is then `<rules_url>rel001/`.
    """
    if rules_url:
        return _folder(rules_url) + rule_path(rule_id).removeprefix(RULES_FOLDER)
    return _folder(site_url) + rule_path(rule_id)


def _folder(url: str) -> str:
    return url.rstrip("/") + "/"


class Rule:
    """Base of every design rule; subclasses are registered when they are defined."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    pillar: ClassVar[Pillar]
    severity: ClassVar[Severity]
    since: ClassVar[int] = 1
    upstream: ClassVar[tuple[str, ...]] = ()
    status: ClassVar[str] = "stable"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.id:
            if cls.id in REGISTRY:
                raise ValueError(f"rule id {cls.id} defined twice")
            REGISTRY[cls.id] = cls

    def check(self, ctx: Context) -> Iterator[Hit]:
        """Yield a `Hit` for everything wrong in the model `ctx` wraps."""
        raise NotImplementedError

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's fixed sections by heading (missing ones are absent)."""
        return docstring_sections(cls.__doc__ or "")

    @classmethod
    def info(cls) -> RuleInfo:
        """The catalogue entry of this rule."""
        sections = cls.sections()
        return RuleInfo(
            id=cls.id,
            name=cls.name,
            pillar=cls.pillar,
            severity=cls.severity,
            since=cls.since,
            upstream=cls.upstream,
            status=cls.status,
            summary=" ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n", 1)[0].split()),
            what=sections.get("What it checks", ""),
            why=sections.get("Why it matters", ""),
            bad=sections.get("Bad", ""),
            good=sections.get("Good", ""),
        )


def docstring_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its sections: a heading line ``Bad:`` then indented text."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in inspect.cleandoc(doc).splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = sections.setdefault(heading.group(1), [])
        elif current is not None:
            current.append(line)
    # dedent, not cleandoc: a YAML fragment's first line must keep its place in the nesting
    return {name: textwrap.dedent("\n".join(lines)).strip() for name, lines in sections.items()}
