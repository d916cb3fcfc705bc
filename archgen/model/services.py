"""The kinds of component a model can declare and the AWS services each may be drawn as.

This is a plain table on purpose: loading and validating a model must not import the
`diagrams` package. `archgen/render/icons.py` maps every service here to an icon, and a
test fails if one is missing.
"""

from typing import Final

#: kind -> services allowed for it; the first one is the default. `generic` has none:
#: its `icon` names the `diagrams` class that draws it.
SERVICES: Final[dict[str, tuple[str, ...]]] = {
    "client": ("users", "mobile-client", "browser"),
    "dns": ("route53",),
    "load-balancer": ("alb", "nlb", "clb", "gwlb", "global-accelerator"),
    "compute": (
        "ec2",
        "ecs",
        "fargate",
        "eks",
        "lambda",
        "ecs-ec2",
        "app-runner",
        "elastic-beanstalk",
        "batch",
    ),
    "database": (
        "rds-mysql",
        "rds-postgresql",
        "rds-mariadb",
        "aurora-mysql",
        "aurora-postgresql",
        "dynamodb",
        "aurora-mysql-serverless",
        "aurora-postgresql-serverless",
        "dynamodb-global",
        "documentdb",
        "neptune",
        "keyspaces",
        "redshift",
    ),
    "cache": ("elasticache-redis", "elasticache-valkey", "elasticache-memcached", "memorydb"),
    "cdn": ("cloudfront",),
    "storage": ("s3", "efs", "s3-glacier", "fsx", "ebs"),
    "queue": ("sqs", "sns", "amazon-mq", "kinesis"),
    "monitoring": (
        "cloudwatch",
        "cloudwatch-logs",
        "x-ray",
        "cloudwatch-alarm",
        "cloudwatch-synthetics",
    ),
    "pipeline": ("codepipeline", "codedeploy", "cloudformation"),
    "api": ("api-gateway-rest", "api-gateway-http", "api-gateway-websocket", "appsync"),
    "identity": ("cognito-user-pool", "cognito-identity-pool", "iam-identity-center"),
    "firewall": ("waf", "shield-advanced", "network-firewall"),
    "gateway": (
        "nat-gateway",
        "nat-gateway-regional",
        "internet-gateway",
        "vpc-endpoint-gateway",
        "vpc-endpoint-interface",
        "transit-gateway",
    ),
    "workflow": ("step-functions",),
    "event-bus": ("eventbridge", "eventbridge-scheduler"),
    "stream": ("kinesis-data-streams", "kinesis-firehose", "msk"),
    "search": ("opensearch",),
    "secrets": ("secrets-manager", "kms", "ssm-parameter-store", "acm"),
    "registry": ("ecr",),
    "generic": (),
}

KINDS: Final[tuple[str, ...]] = tuple(SERVICES)

#: service -> engine family, used to compare environments (staging vs production).
ENGINES: Final[dict[str, str]] = {
    "rds-mysql": "mysql",
    "aurora-mysql": "mysql",
    "rds-mariadb": "mariadb",
    "rds-postgresql": "postgresql",
    "aurora-postgresql": "postgresql",
    "dynamodb": "dynamodb",
    "elasticache-redis": "redis",
    "elasticache-valkey": "redis",
    "elasticache-memcached": "memcached",
}


def all_services() -> list[str]:
    """Every service name any kind allows, sorted."""
    return sorted({s for services in SERVICES.values() for s in services})
