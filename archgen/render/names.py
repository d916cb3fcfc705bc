"""How each service is named on a diagram: short AWS names, no `diagrams` import.

Kept apart from `icons.py` so that Mermaid output (and anything else that only needs
text) never pays for importing the `diagrams` package.
"""

from __future__ import annotations

from typing import Final

#: service -> the short name AWS uses for it
SERVICE_NAMES: Final[dict[str, str]] = {
    "users": "Users",
    "mobile-client": "Mobile client",
    "browser": "Browser",
    "route53": "Route 53",
    "alb": "ALB",
    "nlb": "NLB",
    "clb": "Classic LB",
    "ec2": "EC2",
    "ecs": "ECS",
    "fargate": "Fargate",
    "eks": "EKS",
    "lambda": "Lambda",
    "rds-mysql": "RDS MySQL",
    "rds-postgresql": "RDS PostgreSQL",
    "rds-mariadb": "RDS MariaDB",
    "aurora-mysql": "Aurora MySQL",
    "aurora-postgresql": "Aurora PostgreSQL",
    "dynamodb": "DynamoDB",
    "elasticache-redis": "Redis",
    "elasticache-valkey": "Valkey",
    "elasticache-memcached": "Memcached",
    "cloudfront": "CloudFront",
    "s3": "S3",
    "efs": "EFS",
    "sqs": "SQS",
    "sns": "SNS",
    "amazon-mq": "Amazon MQ",
    "kinesis": "Kinesis",
    "cloudwatch": "CloudWatch",
    "cloudwatch-logs": "CloudWatch Logs",
    "x-ray": "X-Ray",
    "codepipeline": "CodePipeline",
    "codedeploy": "CodeDeploy",
    "cloudformation": "CloudFormation",
}


def service_name(service: str) -> str:
    """The display name of `service` (the service id itself when none is known)."""
    return SERVICE_NAMES.get(service, service)
