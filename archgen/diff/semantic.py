"""Compare two loaded models (after `extends`) part by part, then their findings.

Items are matched by identity — a component by id, a connection by source, target and
mode (as `extends` does), a subnet by name — and compared field by field on their JSON
form, so a changed default or a nested policy value shows as ``policy.ttl: 5m → 10m``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from archgen.diff.findings import findings_delta
from archgen.diff.model_diff import Change, FieldChange, ModelDiff
from archgen.load.loader import LoadedModel
from archgen.model.schema import Connection, Model
from archgen.rules import check
from archgen.rules.finding import Finding

Key = tuple[str | int, ...]
_MODEL_FIELDS = ("name", "title", "stage", "summary")


def compare(
    old: LoadedModel,
    new: LoadedModel,
    *,
    old_findings: Iterable[Finding] | None = None,
    new_findings: Iterable[Finding] | None = None,
) -> ModelDiff:
    """The semantic diff of `old` → `new`: changed parts and the findings delta.

    Findings are computed with `archgen.rules.check` unless given.
    """
    changes = [
        *_model_fields(old.model, new.model),
        *_components(old, new),
        *_connections(old, new),
        *_regions(old, new),
        *_networks(old, new),
        *_subnets(old, new),
        *_sections(old, new, "security_groups", "security group", "name"),
        *_sections(old, new, "environments", "environment", "name"),
        *_sections(old, new, "decisions", "decision", "id"),
        *_suppressions(old, new),
        *_sections(old, new, "views", "view", "name"),
    ]
    before = list(check(old) if old_findings is None else old_findings)
    after = list(check(new) if new_findings is None else new_findings)
    introduced, resolved, unchanged = findings_delta(before, after)
    return ModelDiff(
        old_path=old.path,
        new_path=new.path,
        changes=tuple(changes),
        introduced=tuple(introduced),
        resolved=tuple(resolved),
        unchanged=tuple(unchanged),
        old=old,
        new=new,
    )


# --- field comparison -------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted keys (``{"policy.ttl": "10m"}``); lists stay values."""
    if isinstance(value, dict) and (value or not prefix):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {prefix: value}


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Every dotted field whose value differs, in the order the new item declares them."""
    if old == new:
        return ()
    before, after = flatten(old), flatten(new)
    names = list(after) + [name for name in before if name not in after]
    return tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    )


def _dump(item: Any, *exclude: str) -> dict[str, Any]:
    data: dict[str, Any] = item.model_dump(mode="json", exclude=set(exclude))
    return data


def _matched(
    section: str,
    old_items: Mapping[str, Any],
    new_items: Mapping[str, Any],
    dump: Callable[[Any], dict[str, Any]],
    describe: Callable[[Any], str],
    locate_old: Callable[[str], str],
    locate_new: Callable[[str], str],
) -> Iterator[Change]:
    """Added, changed (in the new order), then removed items of one section."""
    for key, item in new_items.items():
        if key not in old_items:
            yield Change(section, key, "added", describe(item), locate_new(key))
            continue
        fields = field_changes(dump(old_items[key]), dump(item))
        if fields:
            yield Change(section, key, "changed", describe(item), locate_new(key), fields)
    for key, item in old_items.items():
        if key not in new_items:
            yield Change(section, key, "removed", describe(item), locate_old(key))


def _locator(loaded: LoadedModel, section: str) -> Callable[[str], str]:
    return lambda key: str(loaded.locate((section, key)))


# --- sections ---------------------------------------------------------------------------


def _model_fields(old: Model, new: Model) -> Iterator[Change]:
    fields = field_changes(
        {name: getattr(old, name) for name in _MODEL_FIELDS},
        {name: getattr(new, name) for name in _MODEL_FIELDS},
    )
    if fields:
        yield Change("model", "model", "changed", "", "", fields)


def _describe_component(component: Any) -> str:
    return f"{component.kind}, {component.drawn_service}"


def _components(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    for change in _matched(
        "component",
        {c.id: c for c in old.model.components},
        {c.id: c for c in new.model.components},
        lambda c: _dump(c, "id"),
        _describe_component,
        _locator(old, "components"),
        _locator(new, "components"),
    ):
        # a component changed by `update:` is shown where the update is, not the parent
        changed = (f.field.split(".")[0] for f in change.fields)
        update = new.update_of("components", change.key, changed)
        if update is not None:
            change = replace(change, location=str(update))
        yield change


def connection_key(connection: Connection) -> str:
    """How a connection is named in a diff: ``alb -> web``, ``web -> db (write)``.

    Source, target and mode identify a connection (as in `extends`); the mode is only
    written when it is not the default ``request``.
    """
    mode = "" if connection.mode == "request" else f" ({connection.mode})"
    return f"{connection.source} -> {connection.target}{mode}"


def _connections(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    def items(loaded: LoadedModel) -> dict[str, tuple[int, Connection]]:
        found: dict[str, tuple[int, Connection]] = {}
        for index, connection in enumerate(loaded.model.connections):
            found.setdefault(connection_key(connection), (index, connection))
        return found

    before, after = items(old), items(new)

    def locator(loaded: LoadedModel, table: dict[str, tuple[int, Connection]]) -> Any:
        return lambda key: str(loaded.locate(("connections", table[key][0])))

    yield from _matched(
        "connection",
        before,
        after,
        lambda pair: _dump(pair[1], "source", "target", "mode"),
        lambda pair: ", ".join(filter(None, (pair[1].protocol, pair[1].label))),
        locator(old, before),
        locator(new, after),
    )


def _regions(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    yield from _matched(
        "region",
        {r.name: r for r in old.model.regions},
        {r.name: r for r in new.model.regions},
        lambda r: _dump(r, "name", "networks"),
        lambda r: ", ".join(r.zones),
        _locator(old, "regions"),
        _locator(new, "regions"),
    )


def _network_table(loaded: LoadedModel) -> dict[str, tuple[Key, Any]]:
    table: dict[str, tuple[Key, Any]] = {}
    for region in loaded.model.regions:
        for index, network in enumerate(region.networks):
            key: Key = ("regions", region.name, "networks", index)
            table.setdefault(f"{region.name}/{network.name}", (key, network))
    return table


def _networks(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    before, after = _network_table(old), _network_table(new)
    yield from _matched(
        "network",
        before,
        after,
        lambda pair: _dump(pair[1], "name", "subnets"),
        lambda pair: pair[1].cidr or "",
        lambda key: str(old.locate(before[key][0])),
        lambda key: str(new.locate(after[key][0])),
    )


def _subnet_table(loaded: LoadedModel) -> dict[str, tuple[Key, dict[str, Any]]]:
    table: dict[str, tuple[Key, dict[str, Any]]] = {}
    for region in loaded.model.regions:
        for ni, network in enumerate(region.networks):
            for si, subnet in enumerate(network.subnets):
                key: Key = ("regions", region.name, "networks", ni, "subnets", si)
                data = _dump(subnet, "name") | {"network": f"{region.name}/{network.name}"}
                table.setdefault(subnet.name, (key, data))
    return table


def _subnets(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    before, after = _subnet_table(old), _subnet_table(new)

    def describe(pair: tuple[Key, dict[str, Any]]) -> str:
        data = pair[1]
        return f"{'public' if data['public'] else 'private'}, {data['zone']}"

    yield from _matched(
        "subnet",
        before,
        after,
        lambda pair: pair[1],
        describe,
        lambda key: str(old.locate(before[key][0])),
        lambda key: str(new.locate(after[key][0])),
    )


def _sections(
    old: LoadedModel, new: LoadedModel, section: str, singular: str, identity: str
) -> Iterator[Change]:
    def items(loaded: LoadedModel) -> dict[str, Any]:
        return {getattr(item, identity): item for item in getattr(loaded.model, section)}

    yield from _matched(
        singular,
        items(old),
        items(new),
        lambda item: _dump(item, identity),
        lambda item: str(getattr(item, "title", None) or getattr(item, "purpose", None) or ""),
        _locator(old, section),
        _locator(new, section),
    )


def _suppressions(old: LoadedModel, new: LoadedModel) -> Iterator[Change]:
    def items(loaded: LoadedModel) -> dict[str, tuple[int, Any]]:
        found: dict[str, tuple[int, Any]] = {}
        for index, suppression in enumerate(loaded.model.suppress):
            where = f" on {suppression.component}" if suppression.component else ""
            found.setdefault(f"{suppression.rule}{where}", (index, suppression))
        return found

    before, after = items(old), items(new)
    yield from _matched(
        "suppression",
        before,
        after,
        lambda pair: _dump(pair[1], "rule", "component"),
        lambda pair: pair[1].reason,
        lambda key: str(old.locate(("suppress", before[key][0]))),
        lambda key: str(new.locate(("suppress", after[key][0]))),
    )
