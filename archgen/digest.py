"""SHA-256 without `hashlib`'s start-up cost.

`import hashlib` loads OpenSSL (~3 ms), more than hashing a few hundred kilobytes
costs. CPython also builds in its own SHA-256 (`_sha2` from 3.12, `_sha256` before);
this uses it when it is there and `hashlib` otherwise. Same digests either way.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Protocol


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _constructor() -> Callable[..., Any]:
    for module in ("_sha2", "_sha256"):
        try:
            found: Callable[..., Any] = importlib.import_module(module).sha256
            return found
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


_SHA256 = _constructor()


def sha256(data: bytes = b"") -> _Hash:
    """A SHA-256 hash object, fed `data`."""
    digest: _Hash = _SHA256(data)
    return digest


def sha256_hex(data: bytes) -> str:
    """The hex SHA-256 of `data`."""
    return sha256(data).hexdigest()
