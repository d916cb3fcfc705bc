"""The AWS node classes of the installed `diagrams`, read from its source, not imported.

A `generic` component names its icon as ``aws.<group>.<Class>`` (``aws.ml.Sagemaker``).
Checking that name must not import `diagrams` (validating a model stays fast and needs
no renderer), so the class names are read from the generated modules under
``diagrams/aws/``: each holds ``class Name(_Group):`` lines and ``ALIAS = Name`` lines.
They are read once per process, in about 3 ms.
"""

from __future__ import annotations

import difflib
import importlib.machinery
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: how an icon is named: aws, a group (a module of `diagrams.aws`), a class
ICON_PATTERN = r"^aws\.[a-z][a-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$"
_ICON = re.compile(ICON_PATTERN)
_CLASS = re.compile(r"^class ([A-Za-z][A-Za-z0-9_]*)\(", re.MULTILINE)
_ALIAS = re.compile(r"^([A-Za-z][A-Za-z0-9_]*) = ([A-Za-z][A-Za-z0-9_]*)\s*$", re.MULTILINE)


def _aws_folder() -> Path | None:
    """``diagrams/aws`` of the installed package, found without importing it."""
    spec = importlib.machinery.PathFinder.find_spec("diagrams")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "aws"


@cache
def aws_icons() -> dict[str, frozenset[str]] | None:
    """Group -> the node class names (and aliases) it defines; None without `diagrams`."""
    folder = _aws_folder()
    if folder is None or not folder.is_dir():
        return None
    groups: dict[str, frozenset[str]] = {}
    for module in sorted(folder.glob("*.py")):
        if module.name.startswith("_"):
            continue
        try:
            source = module.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        classes = set(_CLASS.findall(source))
        aliases = {alias for alias, target in _ALIAS.findall(source) if target in classes}
        groups[module.stem] = frozenset(classes | aliases)
    return groups


def icon_problem(icon: str) -> str | None:
    """What is wrong with an icon name, or None when the installed `diagrams` has it.

    Without `diagrams` installed only the shape of the name is checked: rendering
    then fails on its own, as a broken installation.
    """
    if _ICON.fullmatch(icon) is None:
        return (
            f"{icon!r} is not an icon name: write aws.<group>.<Class>, "
            "such as aws.ml.Sagemaker (a node class of diagrams.aws)"
        )
    groups = aws_icons()
    if groups is None:
        return None
    _, group, name = icon.split(".")
    if group in groups and name in groups[group]:
        return None
    close = _closest_icon(group, name, groups)
    hint = f" (did you mean {close!r}?)" if close else ""
    if group not in groups:
        return f"unknown icon {icon!r}: diagrams.aws has no group {group!r}{hint}"
    return f"unknown icon {icon!r}: diagrams.aws.{group} has no class {name!r}{hint}"


def _closest_icon(group: str, name: str, groups: dict[str, frozenset[str]]) -> str | None:
    """The icon meant: the class in its group, else in another group, else the group."""
    known_group = group if group in groups else _closest(group, groups)
    if known_group is not None:
        found = _closest(name, groups[known_group])
        if found is not None:
            return f"aws.{known_group}.{found}"
    for other in sorted(groups):  # the right class in the wrong group
        found = _closest(name, groups[other], cutoff=0.9)
        if found is not None:
            return f"aws.{other}.{found}"
    return None


def _closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option `word` most likely meant: the same but for case, else a close match."""
    ordered = sorted(options)
    for option in ordered:
        if option.lower() == word.lower():
            return option
    close = difflib.get_close_matches(word, ordered, n=1, cutoff=cutoff)
    return close[0] if close else None
