"""Which findings a change introduces and which it resolves.

A finding has no id of its own, and its line moves whenever the file around it changes,
so findings are matched on what they say: first on rule, component, severity and message;
what is left over is matched on rule, component and severity alone (a reworded message
is the same finding). A finding whose severity rises (an ``info`` "applies from stage N"
that becomes a ``warning``) is both resolved at the old severity and introduced at the
new one, which is what a `--fail-on` gate needs to see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

from archgen.rules.finding import Finding

Delta = tuple[list[Finding], list[Finding], list[Finding]]


def _exact(finding: Finding) -> Hashable:
    return (finding.rule, finding.component, finding.severity, finding.message)


def _loose(finding: Finding) -> Hashable:
    return (finding.rule, finding.component, finding.severity)


def _pair(
    before: list[Finding], after: list[Finding], key: Callable[[Finding], Hashable]
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Match `after` against `before` by `key`; (matched new, unmatched old, unmatched new)."""
    waiting: defaultdict[Hashable, list[Finding]] = defaultdict(list)
    for finding in before:
        waiting[key(finding)].append(finding)
    matched: list[Finding] = []
    unmatched: list[Finding] = []
    for finding in after:
        bucket = waiting.get(key(finding))
        if bucket:
            bucket.pop(0)
            matched.append(finding)
        else:
            unmatched.append(finding)
    left = [finding for bucket in waiting.values() for finding in bucket]
    return matched, left, unmatched


def findings_delta(before: Sequence[Finding], after: Sequence[Finding]) -> Delta:
    """(introduced, resolved, unchanged) going from `before` to `after`, each sorted."""
    same, old_left, new_left = _pair(list(before), list(after), _exact)
    reworded, resolved, introduced = _pair(old_left, new_left, _loose)
    return sorted(introduced), sorted(resolved), sorted(same + reworded)
