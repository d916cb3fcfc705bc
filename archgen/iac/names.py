"""Names in the written model: kebab-case ids from logical ids, labels from names."""

from __future__ import annotations

import re
from typing import Any

_WORDS = re.compile(r"[A-Z]+[0-9]*(?=[A-Z][a-z]|\b|_)|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")
_LABEL_KEYS = (
    "Name",
    "FunctionName",
    "TableName",
    "BucketName",
    "QueueName",
    "TopicName",
    "StateMachineName",
    "NodegroupName",  # before ClusterName: a node group also names its cluster
    "ClusterName",
    "ServiceName",
    "DomainName",
    "DBInstanceIdentifier",
    "DBClusterIdentifier",
    "UserPoolName",
    "RepositoryName",
)


def words(logical_id: str) -> list[str]:
    """``WebServerALB2`` -> ``["Web", "Server", "ALB", "2"]``."""
    return _WORDS.findall(logical_id) or [logical_id]


def kebab(logical_id: str) -> str:
    """``WebServerALB`` -> ``web-server-alb``; at most 63 characters, as ids allow."""
    text = "-".join(w.lower() for w in words(logical_id))
    text = re.sub(r"[^a-z0-9-]+", "-", text).strip("-")[:63].rstrip("-")
    return text or "resource"


def label(logical_id: str, properties: dict[str, Any]) -> str:
    """A name the template gives it, when one is written out, else its logical id in words."""
    for key in _LABEL_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and 0 < len(value) <= 120 and value.isprintable():
            return value
    for tag in properties.get("Tags") or []:
        if isinstance(tag, dict) and tag.get("Key") == "Name":
            value = tag.get("Value")
            if isinstance(value, str) and 0 < len(value) <= 120 and value.isprintable():
                return value
    return " ".join(words(logical_id))


class Ids:
    """Hands out ids unique in one model (components and security groups share them)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, logical_id: str, scope: str = "", suffix: str = "") -> str:
        """A free id from the logical id (its stack's name first, if it is taken)."""
        base = kebab(logical_id) + suffix
        candidates = [base]
        if scope:
            candidates.append(kebab(scope.rsplit("/", 1)[-1]) + "-" + base)
        for candidate in candidates:
            if candidate[:63] not in self.taken:
                self.taken.add(candidate[:63])
                return candidate[:63]
        number = 2
        while f"{base[:58]}-{number}" in self.taken:
            number += 1
        self.taken.add(f"{base[:58]}-{number}")
        return f"{base[:58]}-{number}"
