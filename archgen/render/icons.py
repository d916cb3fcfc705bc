"""Which AWS icon each service is drawn with: a `diagrams` node class per service.

This is the one module of archgen that imports `diagrams`, and only the renderer
imports it. We use the classes for their icons (the PNG each one names) and lay the
graph out ourselves, so ids and ordering stay deterministic.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import diagrams
from diagrams import Node
from diagrams.aws import (
    analytics,
    compute,
    database,
    devtools,
    general,
    integration,
    management,
    network,
    storage,
)

#: service -> the `diagrams` class whose icon draws it
SERVICE_ICONS: Final[dict[str, type[Node]]] = {
    "users": general.Users,
    "mobile-client": general.MobileClient,
    "browser": general.Client,
    "route53": network.Route53,
    "alb": network.ElbApplicationLoadBalancer,
    "nlb": network.ElbNetworkLoadBalancer,
    "clb": network.ElbClassicLoadBalancer,
    "ec2": compute.EC2,
    "ecs": compute.ElasticContainerService,
    "fargate": compute.Fargate,
    "eks": compute.ElasticKubernetesService,
    "lambda": compute.Lambda,
    "rds-mysql": database.RDSMysqlInstance,
    "rds-postgresql": database.RDSPostgresqlInstance,
    "rds-mariadb": database.RDSMariadbInstance,
    "aurora-mysql": database.Aurora,
    "aurora-postgresql": database.Aurora,
    "dynamodb": database.Dynamodb,
    "elasticache-redis": database.ElasticacheForRedis,
    "elasticache-valkey": database.Elasticache,
    "elasticache-memcached": database.ElasticacheForMemcached,
    "cloudfront": network.CloudFront,
    "s3": storage.SimpleStorageServiceS3,
    "efs": storage.ElasticFileSystemEFS,
    "sqs": integration.SimpleQueueServiceSqs,
    "sns": integration.SimpleNotificationServiceSns,
    "amazon-mq": integration.MQ,
    "kinesis": analytics.KinesisDataStreams,
    "cloudwatch": management.Cloudwatch,
    "cloudwatch-logs": management.CloudwatchLogs,
    "x-ray": devtools.XRay,
    "codepipeline": devtools.Codepipeline,
    "codedeploy": devtools.Codedeploy,
    "cloudformation": management.Cloudformation,
}

#: the folder that holds `diagrams`' `resources/` tree (what `Node._load_icon` joins to)
_RESOURCES_ROOT = Path(str(diagrams.__file__)).resolve().parent.parent


@cache
def icon_path(service: str) -> Path:
    """The PNG file of `service`'s icon, resolved the way `diagrams` resolves it."""
    node_class = SERVICE_ICONS[service]
    return _RESOURCES_ROOT / str(node_class._icon_dir) / str(node_class._icon)
