"""Every service a model may name has an AWS icon from `diagrams`."""

from __future__ import annotations

import pytest

from archgen.model.services import SERVICES, all_services
from archgen.render.icons import SERVICE_ICONS, icon_path
from archgen.render.names import SERVICE_NAMES


@pytest.mark.parametrize("service", all_services())
def test_every_allowed_service_has_an_icon_file(service: str) -> None:
    assert service in SERVICE_ICONS, f"no icon class for service {service!r}"
    path = icon_path(service)
    assert path.is_file(), path
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("service", all_services())
def test_icon_path_is_the_one_diagrams_loads(service: str) -> None:
    node_class = SERVICE_ICONS[service]
    # Node._load_icon only reads the class attributes _icon_dir and _icon
    assert str(icon_path(service)) == node_class._load_icon(node_class)


def test_every_allowed_service_has_a_display_name() -> None:
    missing = [s for s in all_services() if s not in SERVICE_NAMES]
    assert missing == []


def test_no_icon_for_a_service_the_schema_does_not_allow() -> None:
    allowed = {s for services in SERVICES.values() for s in services}
    assert set(SERVICE_ICONS) == allowed
