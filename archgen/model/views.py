"""Views and layout hints: named subsets of one model, and how a diagram is laid out.

A view draws part of the same model (a region, a tier, the request path from a
client, "everything but monitoring"), so a large architecture reads as several small
pictures that can never disagree with each other. Layout hints (`direction`,
`same_rank`, `monitoring`) fix what the automatic layout gets wrong; the model's
`layout:` sets them for the whole diagram, a view for its own.

Which components a view holds is decided here (`view_members`), on the model alone, so
the renderer, the site and a user's Python code all select the same ones. Unknown
names in a view are reported by `archgen/model/references.py` with the others.

Annotations here are objects (no ``from __future__ import annotations``), as in
`archgen/model/schema.py`: pydantic reads them without evaluating strings.
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from archgen.model.types import Id, Strict, Title

if TYPE_CHECKING:
    from archgen.model.schema import Model


class Layout(Strict):
    """Hints for the layout of a diagram, for the cases the automatic layout gets wrong."""

    direction: Literal["TB", "LR"] | None = Field(
        None,
        description="`TB`: requests flow top to bottom (the default); `LR`: left to right, "
        "for wide, shallow architectures",
    )
    same_rank: list[list[Id]] = Field(
        [],
        description="groups of component ids drawn on one rank (one row when `TB`, one "
        "column when `LR`), in the order given",
    )
    monitoring: Literal["badges", "edges"] | None = Field(
        None,
        description="`badges` (the default): a monitored component says what watches it "
        "in a line of its own; `edges`: a faint line to its watcher, as before",
    )


class View(Strict):
    """A named part of the model, drawn as a diagram of its own (``stage9.<name>.svg``).

    A component is in the view when it matches every selector given (`regions`,
    `tiers`, `from`, `kinds`); `components` adds components whatever the selectors say
    (alone, it lists the whole view); `exclude` takes away last. A view with none of
    these holds every component.
    """

    name: Id = Field(description="unique in the model; the diagram's file is `<model>.<name>.svg`")
    title: Title | None = Field(None, description="shown above the diagram and on its tab")
    regions: list[Id] = Field(
        [], description="only components placed in these regions (by subnet, VPC or `region`)"
    )
    tiers: list[Id] = Field(
        [],
        description="only components in these subnet tiers: a tier is a subnet's name "
        "without its zone suffix (`data` for `data-a`, `data-c`), or a subnet's full name",
    )
    path_from: Id | None = Field(
        None,
        alias="from",
        description="only the request path from this component: it and every component "
        "reachable from it along connections and CDN origins",
    )
    kinds: list[Id] = Field([], description="only components of these kinds")
    components: list[Id] = Field([], description="component ids added whatever the selectors say")
    exclude: list[Id] = Field(
        [],
        description="component ids or kinds left out (`[monitoring]`: everything but monitoring)",
    )
    layout: Layout | None = Field(
        None, description="layout hints for this view, over the model's `layout`"
    )


def tier_name(subnet: str) -> str:
    """The tier of a subnet: its name without a zone suffix (``data`` for ``data-a``,
    ``app`` for ``app-2c``); a name with no such suffix is its own tier."""
    head, _, tail = subnet.rpartition("-")
    return head if head and len(tail) <= 2 else subnet


def home_regions(model: "Model") -> dict[str, str]:
    """The region each placed component is in: by its first subnet, the VPC a gateway's
    `network` names, else its `region`. Global components (users, DNS, a CDN) have none."""
    subnet_region = {
        subnet.name: region.name
        for region in model.regions
        for network in region.networks
        for subnet in network.subnets
    }
    regions = {region.name for region in model.regions}
    found: dict[str, str] = {}
    for component in model.components:
        network = getattr(component, "network", None)
        if component.subnets and component.subnets[0] in subnet_region:
            found[component.id] = subnet_region[component.subnets[0]]
            continue
        if isinstance(network, str) and not component.subnets:
            holder = next(
                (
                    region.name
                    for region in model.regions
                    if component.region in (None, region.name)
                    and any(n.name == network for n in region.networks)
                ),
                None,
            )
            if holder is not None:
                found[component.id] = holder
                continue
        if component.region in regions:
            found[component.id] = component.region
    return found


def reachable(model: "Model", start: str) -> set[str]:
    """`start` and every component reachable from it along connections and CDN origins."""
    onward: dict[str, list[str]] = {}
    for connection in model.connections:
        onward.setdefault(connection.source, []).append(connection.target)
    for component in model.components:
        for origin in getattr(component, "origins", None) or []:
            onward.setdefault(component.id, []).append(origin)
    seen = {start}
    todo = [start]
    while todo:
        for target in onward.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def view_members(model: "Model", view: View) -> list[str]:
    """The ids of the components `view` draws, in the model's order."""
    kinds = {c.id: c.kind for c in model.components}
    selectors = view.regions or view.tiers or view.path_from is not None or view.kinds
    # `components: [a, b]` alone is a view of just those
    selected = set(kinds) if selectors or not view.components else set()
    if view.regions:
        homes = home_regions(model)
        selected &= {i for i in kinds if homes.get(i) in view.regions}
    if view.tiers:
        wanted = set(view.tiers)
        selected &= {
            c.id
            for c in model.components
            if any(s in wanted or tier_name(s) in wanted for s in c.subnets)
        }
    if view.path_from is not None:
        selected &= reachable(model, view.path_from)
    if view.kinds:
        selected &= {i for i, kind in kinds.items() if kind in view.kinds}
    selected |= set(view.components) & set(kinds)
    left_out = set(view.exclude)
    return [i for i in kinds if i in selected and i not in left_out and kinds[i] not in left_out]


def tiers_of(model: "Model") -> list[str]:
    """Every tier name and subnet name a view may give in `tiers`, in declaration order."""
    names = [s.name for r in model.regions for n in r.networks for s in n.subnets]
    return list(dict.fromkeys([*(tier_name(s) for s in names), *names]))


def combined(base: Layout | None, view: Layout | None) -> Layout:
    """The layout a diagram uses: the view's hints over the model's, over the defaults."""
    merged: dict[str, object] = {"direction": "TB", "same_rank": [], "monitoring": "badges"}
    for layer in (base, view):
        if layer is not None:
            merged.update(_given(layer, ("direction", "same_rank", "monitoring")))
    return Layout.model_validate(merged)


def _given(layout: Layout, names: Iterable[str]) -> Mapping[str, object]:
    given = layout.model_fields_set
    return {
        name: getattr(layout, name)
        for name in names
        if name in given and getattr(layout, name) is not None
    }
