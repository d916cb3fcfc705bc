"""How each service is named on a diagram: short AWS names, no `diagrams` import.

Kept apart from `icons.py` so that Mermaid output (and anything else that only needs
text) never pays for importing the `diagrams` package.
"""

from __future__ import annotations

import re
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
    "gwlb": "Gateway LB",
    "global-accelerator": "Global Accelerator",
    "ecs-ec2": "ECS on EC2",
    "app-runner": "App Runner",
    "elastic-beanstalk": "Elastic Beanstalk",
    "batch": "AWS Batch",
    "aurora-mysql-serverless": "Aurora Serverless MySQL",
    "aurora-postgresql-serverless": "Aurora Serverless PostgreSQL",
    "dynamodb-global": "DynamoDB global table",
    "documentdb": "DocumentDB",
    "neptune": "Neptune",
    "keyspaces": "Keyspaces",
    "redshift": "Redshift",
    "memorydb": "MemoryDB",
    "s3-glacier": "S3 Glacier",
    "fsx": "FSx",
    "ebs": "EBS",
    "cloudwatch-alarm": "CloudWatch alarm",
    "cloudwatch-synthetics": "CloudWatch Synthetics",
    "api-gateway-rest": "API Gateway REST",
    "api-gateway-http": "API Gateway HTTP",
    "api-gateway-websocket": "API Gateway WebSocket",
    "appsync": "AppSync",
    "cognito-user-pool": "Cognito user pool",
    "cognito-identity-pool": "Cognito identity pool",
    "iam-identity-center": "IAM Identity Center",
    "waf": "WAF",
    "shield-advanced": "Shield Advanced",
    "network-firewall": "Network Firewall",
    "nat-gateway": "NAT gateway",
    "nat-gateway-regional": "Regional NAT gateway",
    "internet-gateway": "Internet gateway",
    "vpc-endpoint-gateway": "Gateway endpoint",
    "vpc-endpoint-interface": "Interface endpoint",
    "transit-gateway": "Transit Gateway",
    "step-functions": "Step Functions",
    "eventbridge": "EventBridge",
    "eventbridge-scheduler": "EventBridge Scheduler",
    "kinesis-data-streams": "Kinesis Data Streams",
    "kinesis-firehose": "Firehose",
    "msk": "MSK",
    "opensearch": "OpenSearch",
    "secrets-manager": "Secrets Manager",
    "kms": "KMS",
    "ssm-parameter-store": "Parameter Store",
    "acm": "ACM",
    "ecr": "ECR",
}


#: a generic icon's class name, split into words: ``GlueDataCatalog`` -> ``Glue Data Catalog``
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def service_name(service: str) -> str:
    """The display name of `service`; for a generic icon (``aws.analytics.GlueDataCatalog``)
    its class name in words; else the service id itself."""
    if service in SERVICE_NAMES:
        return SERVICE_NAMES[service]
    if service.startswith("aws."):
        return _WORD_START.sub(" ", service.rsplit(".", 1)[-1])
    return service
