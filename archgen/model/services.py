"""The kinds of component a model can declare and the AWS services each may be drawn as.

This is a plain table on purpose: loading and validating a model must not import the
`diagrams` package. `archgen/render/icons.py` maps every service here to an icon, and a
test fails if one is missing.
"""

from typing import Final

#: kind -> services allowed for it; the first one is the default.
SERVICES: Final[dict[str, tuple[str, ...]]] = {
    "client": ("users", "mobile-client", "browser"),
    "dns": ("route53",),
    "load-balancer": ("alb", "nlb", "clb"),
    "compute": ("ec2", "ecs", "fargate", "eks", "lambda"),
    "database": (
        "rds-mysql",
        "rds-postgresql",
        "rds-mariadb",
        "aurora-mysql",
        "aurora-postgresql",
        "dynamodb",
    ),
    "cache": ("elasticache-redis", "elasticache-valkey", "elasticache-memcached"),
    "cdn": ("cloudfront",),
    "storage": ("s3", "efs"),
    "queue": ("sqs", "sns", "amazon-mq", "kinesis"),
    "monitoring": ("cloudwatch", "cloudwatch-logs", "x-ray"),
    "pipeline": ("codepipeline", "codedeploy", "cloudformation"),
}

KINDS: Final[tuple[str, ...]] = tuple(SERVICES)

#: services that AWS runs across zones by itself: never a single point of failure.
MANAGED_MULTI_AZ: Final[frozenset[str]] = frozenset(
    {
        "route53",
        "cloudfront",
        "s3",
        "dynamodb",
        "sqs",
        "sns",
        "kinesis",
        "lambda",
        "fargate",
        "cloudwatch",
        "cloudwatch-logs",
        "x-ray",
        "codepipeline",
        "codedeploy",
        "cloudformation",
        "efs",
    }
)

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
