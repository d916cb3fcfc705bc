"""Which AWS icon each service is drawn with: a `diagrams` node class per service, and
the class a `generic` component names (``icon: aws.ml.Sagemaker``).

This is the one module of archgen that imports `diagrams`, and only the renderer
imports it. We use the classes for their icons (the PNG each one names) and lay the
graph out ourselves, so ids and ordering stay deterministic.
"""

from __future__ import annotations

import importlib
import re
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
    security,
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
    # more services of the classic kinds
    "gwlb": network.ElasticLoadBalancing,  # diagrams has no Gateway Load Balancer icon
    "global-accelerator": network.GlobalAccelerator,
    "ecs-ec2": compute.ElasticContainerService,
    "app-runner": compute.AppRunner,
    "elastic-beanstalk": compute.ElasticBeanstalk,
    "batch": compute.Batch,
    "aurora-mysql-serverless": database.Aurora,
    "aurora-postgresql-serverless": database.Aurora,
    "dynamodb-global": database.Dynamodb,
    "documentdb": database.DocumentdbMongodbCompatibility,
    "neptune": database.Neptune,
    "keyspaces": database.KeyspacesManagedApacheCassandraService,
    "redshift": analytics.Redshift,
    "memorydb": database.ElasticacheForRedis,  # diagrams has no MemoryDB icon
    "s3-glacier": storage.S3Glacier,
    "fsx": storage.Fsx,
    "ebs": storage.ElasticBlockStoreEBS,
    "cloudwatch-alarm": management.CloudwatchAlarm,
    "cloudwatch-synthetics": management.Cloudwatch,  # no Synthetics icon either
    # the managed-service and network kinds
    "api-gateway-rest": network.APIGateway,
    "api-gateway-http": network.APIGateway,
    "api-gateway-websocket": network.APIGateway,
    "appsync": integration.Appsync,
    "cognito-user-pool": security.Cognito,
    "cognito-identity-pool": security.Cognito,
    "iam-identity-center": security.SingleSignOn,  # IAM Identity Center was AWS SSO
    "waf": security.WAF,
    "shield-advanced": security.ShieldAdvanced,
    "network-firewall": network.NetworkFirewall,
    "nat-gateway": network.NATGateway,
    "nat-gateway-regional": network.NATGateway,
    "internet-gateway": network.InternetGateway,
    "vpc-endpoint-gateway": network.Endpoint,
    "vpc-endpoint-interface": network.Privatelink,
    "transit-gateway": network.TransitGateway,
    "step-functions": integration.StepFunctions,
    "eventbridge": integration.Eventbridge,
    "eventbridge-scheduler": integration.EventbridgeScheduler,
    "kinesis-data-streams": analytics.KinesisDataStreams,
    "kinesis-firehose": analytics.KinesisDataFirehose,
    "msk": analytics.ManagedStreamingForKafka,
    "opensearch": analytics.AmazonOpensearchService,
    "secrets-manager": security.SecretsManager,
    "kms": security.KeyManagementService,
    "ssm-parameter-store": management.SystemsManagerParameterStore,
    "acm": security.CertificateManager,
    "ecr": compute.EC2ContainerRegistry,
}

#: the folder that holds `diagrams`' `resources/` tree (what `Node._load_icon` joins to)
_RESOURCES_ROOT = Path(str(diagrams.__file__)).resolve().parent.parent


#: a generic component's icon: ``aws.<group>.<Class>`` (see `archgen.model.icon_names`)
_ICON_NAME = re.compile(r"aws\.([a-z][a-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)")


def node_class(drawn: str) -> type[Node]:
    """The `diagrams` class that draws a service, or a generic icon (`aws.ml.Sagemaker`).

    `KeyError` for anything else: the model has already checked generic icons.
    """
    if drawn in SERVICE_ICONS:
        return SERVICE_ICONS[drawn]
    match = _ICON_NAME.fullmatch(drawn)
    if match is None:
        raise KeyError(drawn)
    module = importlib.import_module(f"diagrams.aws.{match[1]}")
    found = getattr(module, match[2], None)
    if not (isinstance(found, type) and issubclass(found, Node)):
        raise KeyError(drawn)
    return found


@cache
def icon_path(drawn: str) -> Path:
    """The PNG file of a service's (or a generic icon's) icon, resolved the way
    `diagrams` resolves it."""
    icon_class = node_class(drawn)
    return _RESOURCES_ROOT / str(icon_class._icon_dir) / str(icon_class._icon)
