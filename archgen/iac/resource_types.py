"""What each CloudFormation resource type becomes in an archgen model.

Every resource of a template meets one of three fates:

- `Drawn`: it becomes a component of a kind and service (the service may be refined
  from its properties, such as an RDS engine or a load balancer's type);
- `Read`: it is drawn as no component of its own, but read into other parts: the
  network layout, a component's settings, or connections;
- `Left`: it is left out, with the reason the import's summary gives.

A type this table does not know is left out as "not in archgen's table yet": an import
never fails on a type. The table is also the mapping that `site/import.md` shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Drawn:
    """A component: its kind, the default service, or the icon of a `generic` one."""

    kind: str
    service: str | None = None
    icon: str | None = None


@dataclass(frozen=True)
class Read:
    """No component of its own: what it is read into."""

    into: str


@dataclass(frozen=True)
class Left:
    """Left out, and why."""

    reason: str


Fate = Drawn | Read | Left

_NETWORK = Read("the network layout (VPCs, subnets, public routing)")
_SG = Read("security groups and their ingress rules, and connections between groups")
_TARGETS = Read("connections from the load balancer to its targets")
_API_PARTS = Read("the API's settings and connections")
_CDN_PARTS = Read("the distribution's settings")
_SCALING = Read("the scaling range of what it scales")
_PLACEMENT = Read("the subnets of the database or cache that uses it")
_IAM = Left("permissions, not architecture")
_CUSTOM = Left("a custom resource: what it does is in its code")
_CONFIG = Left("configuration of a component, not drawn")

#: CloudFormation type -> what it becomes
RESOURCE_TYPES: Final[dict[str, Fate]] = {
    # compute
    "AWS::Lambda::Function": Drawn("compute", "lambda"),
    "AWS::Serverless::Function": Drawn("compute", "lambda"),
    "AWS::EC2::Instance": Drawn("compute", "ec2"),
    "AWS::AutoScaling::AutoScalingGroup": Drawn("compute", "ec2"),
    "AWS::ECS::Service": Drawn("compute", "ecs"),
    "AWS::EKS::Cluster": Drawn("compute", "eks"),
    # a managed node group: the cluster's EC2 instances, in an Auto Scaling group
    "AWS::EKS::Nodegroup": Drawn("compute", "ec2"),
    "AWS::Batch::ComputeEnvironment": Drawn("compute", "batch"),
    "AWS::AppRunner::Service": Drawn("compute", "app-runner"),
    "AWS::ElasticBeanstalk::Environment": Drawn("compute", "elastic-beanstalk"),
    # load balancers
    "AWS::ElasticLoadBalancingV2::LoadBalancer": Drawn("load-balancer", "alb"),
    "AWS::ElasticLoadBalancing::LoadBalancer": Drawn("load-balancer", "clb"),
    "AWS::GlobalAccelerator::Accelerator": Drawn("load-balancer", "global-accelerator"),
    # databases
    "AWS::RDS::DBInstance": Drawn("database", "rds-mysql"),
    "AWS::RDS::DBCluster": Drawn("database", "aurora-mysql"),
    "AWS::DynamoDB::Table": Drawn("database", "dynamodb"),
    "AWS::DynamoDB::GlobalTable": Drawn("database", "dynamodb-global"),
    "AWS::Serverless::SimpleTable": Drawn("database", "dynamodb"),
    "AWS::DocDB::DBCluster": Drawn("database", "documentdb"),
    "AWS::Neptune::DBCluster": Drawn("database", "neptune"),
    "AWS::Redshift::Cluster": Drawn("database", "redshift"),
    "AWS::Cassandra::Table": Drawn("database", "keyspaces"),
    # caches
    "AWS::ElastiCache::CacheCluster": Drawn("cache", "elasticache-redis"),
    "AWS::ElastiCache::ReplicationGroup": Drawn("cache", "elasticache-redis"),
    "AWS::MemoryDB::Cluster": Drawn("cache", "memorydb"),
    # edge, dns, storage, messaging
    "AWS::CloudFront::Distribution": Drawn("cdn", "cloudfront"),
    "AWS::Route53::HostedZone": Drawn("dns", "route53"),
    "AWS::Route53::RecordSet": Drawn("dns", "route53"),
    "AWS::Route53::RecordSetGroup": Drawn("dns", "route53"),
    "AWS::S3::Bucket": Drawn("storage", "s3"),
    "AWS::EFS::FileSystem": Drawn("storage", "efs"),
    "AWS::FSx::FileSystem": Drawn("storage", "fsx"),
    "AWS::SQS::Queue": Drawn("queue", "sqs"),
    "AWS::SNS::Topic": Drawn("queue", "sns"),
    "AWS::AmazonMQ::Broker": Drawn("queue", "amazon-mq"),
    "AWS::Kinesis::Stream": Drawn("stream", "kinesis-data-streams"),
    "AWS::KinesisFirehose::DeliveryStream": Drawn("stream", "kinesis-firehose"),
    "AWS::MSK::Cluster": Drawn("stream", "msk"),
    "AWS::Events::EventBus": Drawn("event-bus", "eventbridge"),
    "AWS::StepFunctions::StateMachine": Drawn("workflow", "step-functions"),
    "AWS::Serverless::StateMachine": Drawn("workflow", "step-functions"),
    # APIs, identity, firewalls, gateways
    "AWS::ApiGateway::RestApi": Drawn("api", "api-gateway-rest"),
    "AWS::Serverless::Api": Drawn("api", "api-gateway-rest"),
    "AWS::ApiGatewayV2::Api": Drawn("api", "api-gateway-http"),
    "AWS::Serverless::HttpApi": Drawn("api", "api-gateway-http"),
    "AWS::AppSync::GraphQLApi": Drawn("api", "appsync"),
    "AWS::Cognito::UserPool": Drawn("identity", "cognito-user-pool"),
    "AWS::Cognito::IdentityPool": Drawn("identity", "cognito-identity-pool"),
    "AWS::WAFv2::WebACL": Drawn("firewall", "waf"),
    "AWS::WAFRegional::WebACL": Drawn("firewall", "waf"),
    "AWS::WAF::WebACL": Drawn("firewall", "waf"),
    "AWS::NetworkFirewall::Firewall": Drawn("firewall", "network-firewall"),
    "AWS::EC2::NatGateway": Drawn("gateway", "nat-gateway"),
    "AWS::EC2::InternetGateway": Drawn("gateway", "internet-gateway"),
    "AWS::EC2::VPCEndpoint": Drawn("gateway", "vpc-endpoint-gateway"),
    "AWS::EC2::TransitGateway": Drawn("gateway", "transit-gateway"),
    # search, secrets, registries, monitoring, pipelines
    "AWS::OpenSearchService::Domain": Drawn("search", "opensearch"),
    "AWS::Elasticsearch::Domain": Drawn("search", "opensearch"),
    "AWS::SecretsManager::Secret": Drawn("secrets", "secrets-manager"),
    "AWS::KMS::Key": Drawn("secrets", "kms"),
    "AWS::CertificateManager::Certificate": Drawn("secrets", "acm"),
    "AWS::ECR::Repository": Drawn("registry", "ecr"),
    "AWS::CloudWatch::Dashboard": Drawn("monitoring", "cloudwatch"),
    "AWS::CodePipeline::Pipeline": Drawn("pipeline", "codepipeline"),
    # drawn by their icon only (the escape hatch)
    "AWS::Glue::Database": Drawn("generic", icon="aws.analytics.GlueDataCatalog"),
    "AWS::Glue::Job": Drawn("generic", icon="aws.analytics.Glue"),
    "AWS::Glue::Crawler": Drawn("generic", icon="aws.analytics.GlueCrawlers"),
    "AWS::Athena::WorkGroup": Drawn("generic", icon="aws.analytics.Athena"),
    "AWS::EMR::Cluster": Drawn("generic", icon="aws.analytics.EMR"),
    "AWS::SageMaker::NotebookInstance": Drawn("generic", icon="aws.ml.SagemakerNotebook"),
    "AWS::SageMaker::Endpoint": Drawn("generic", icon="aws.ml.Sagemaker"),
    "AWS::IoT::Thing": Drawn("generic", icon="aws.iot.IotCore"),
    "AWS::IoT::TopicRule": Drawn("generic", icon="aws.iot.IotRule"),
    "AWS::Amplify::App": Drawn("generic", icon="aws.mobile.Amplify"),
    # read into other parts
    "AWS::EC2::VPC": _NETWORK,
    "AWS::EC2::Subnet": _NETWORK,
    "AWS::EC2::RouteTable": _NETWORK,
    "AWS::EC2::Route": _NETWORK,
    "AWS::EC2::SubnetRouteTableAssociation": _NETWORK,
    "AWS::EC2::VPCGatewayAttachment": _NETWORK,
    "AWS::EC2::SecurityGroup": _SG,
    "AWS::EC2::SecurityGroupIngress": _SG,
    "AWS::ElasticLoadBalancingV2::Listener": _TARGETS,
    "AWS::ElasticLoadBalancingV2::ListenerRule": _TARGETS,
    "AWS::ElasticLoadBalancingV2::TargetGroup": _TARGETS,
    "AWS::Lambda::EventSourceMapping": Read("a connection from the event source to the function"),
    "AWS::SNS::Subscription": Read("a connection from the topic to the subscriber"),
    "AWS::Events::Rule": Read("connections from the event bus (or a schedule) to its targets"),
    "AWS::WAFv2::WebACLAssociation": Read("the components the web ACL protects"),
    "AWS::WAFRegional::WebACLAssociation": Read("the components the web ACL protects"),
    "AWS::RDS::DBSubnetGroup": _PLACEMENT,
    "AWS::ElastiCache::SubnetGroup": _PLACEMENT,
    "AWS::ApiGateway::Method": _API_PARTS,
    "AWS::ApiGateway::Stage": _API_PARTS,
    "AWS::ApiGateway::Deployment": _API_PARTS,
    "AWS::ApiGateway::Resource": _API_PARTS,
    "AWS::ApiGateway::Authorizer": _API_PARTS,
    "AWS::ApiGatewayV2::Route": _API_PARTS,
    "AWS::ApiGatewayV2::Integration": _API_PARTS,
    "AWS::ApiGatewayV2::Stage": _API_PARTS,
    "AWS::CloudFront::OriginAccessControl": _CDN_PARTS,
    "AWS::CloudFront::CloudFrontOriginAccessIdentity": _CDN_PARTS,
    "AWS::CloudFront::ResponseHeadersPolicy": _CDN_PARTS,
    "AWS::CloudFront::CachePolicy": _CDN_PARTS,
    "AWS::ApplicationAutoScaling::ScalableTarget": _SCALING,
    "AWS::ApplicationAutoScaling::ScalingPolicy": _SCALING,
    "AWS::AutoScaling::ScalingPolicy": _SCALING,
    "AWS::AutoScaling::LaunchConfiguration": Read("the security groups of its Auto Scaling group"),
    "AWS::EC2::LaunchTemplate": Read("the security groups of its Auto Scaling group"),
    "AWS::ECS::TaskDefinition": Read("the connections of its ECS service"),
    "AWS::ECS::Cluster": Read("its ECS services and Auto Scaling group, which are drawn"),
    "AWS::RDS::DBClusterParameterGroup": _CONFIG,
    "AWS::CloudFormation::Stack": Read("its resources, when its template is a local file"),
    # left out
    "AWS::IAM::Role": _IAM,
    "AWS::IAM::Policy": _IAM,
    "AWS::IAM::ManagedPolicy": _IAM,
    "AWS::IAM::RolePolicy": _IAM,
    "AWS::IAM::InstanceProfile": _IAM,
    "AWS::IAM::User": _IAM,
    "AWS::EC2::KeyPair": _IAM,
    "AWS::Lambda::Permission": _IAM,
    "AWS::S3::BucketPolicy": _IAM,
    "AWS::SNS::TopicPolicy": _IAM,
    "AWS::SQS::QueuePolicy": _IAM,
    "AWS::Logs::ResourcePolicy": _IAM,
    "AWS::ApiGateway::Account": _IAM,
    "AWS::Cognito::IdentityPoolRoleAttachment": _IAM,
    "AWS::CloudFormation::CustomResource": _CUSTOM,
    "AWS::Logs::LogGroup": Left("a log group: where logs go, not drawn"),
    "AWS::CloudWatch::Alarm": Left("an alarm: not drawn"),
    "AWS::EC2::EIP": Left("an address of a NAT gateway or an instance, not drawn"),
    "AWS::EC2::FlowLog": Left("VPC flow logs: not in the model format yet"),
    "AWS::EC2::NetworkAcl": Left("network ACLs: not read yet"),
    "AWS::EC2::NetworkAclEntry": Left("network ACLs: not read yet"),
    "AWS::EC2::SubnetNetworkAclAssociation": Left("network ACLs: not read yet"),
    "AWS::RDS::DBParameterGroup": _CONFIG,
    "AWS::ElastiCache::ParameterGroup": _CONFIG,
    "AWS::Cognito::UserPoolClient": _CONFIG,
    "AWS::Cognito::UserPoolDomain": _CONFIG,
    "AWS::NetworkFirewall::FirewallPolicy": _CONFIG,
    "AWS::NetworkFirewall::RuleGroup": _CONFIG,
    "AWS::NetworkFirewall::LoggingConfiguration": _CONFIG,
    "AWS::AutoScaling::LifecycleHook": _CONFIG,
    "AWS::SSM::Parameter": Left("a configuration value, not drawn"),
    "AWS::Serverless::LayerVersion": Left("code shared by functions, not drawn"),
    "AWS::Lambda::LayerVersion": Left("code shared by functions, not drawn"),
    "AWS::Lambda::Version": _CONFIG,
    "AWS::Lambda::Alias": _CONFIG,
    # an API's custom domain and its mappings, usage plans, keys and responses
    "AWS::ApiGateway::DomainName": _CONFIG,
    "AWS::ApiGateway::BasePathMapping": _CONFIG,
    "AWS::ApiGatewayV2::DomainName": _CONFIG,
    "AWS::ApiGatewayV2::ApiMapping": _CONFIG,
    "AWS::ApiGateway::GatewayResponse": _CONFIG,
    "AWS::ApiGateway::Model": _CONFIG,
    "AWS::ApiGateway::RequestValidator": _CONFIG,
    "AWS::ApiGateway::UsagePlan": _CONFIG,
    "AWS::ApiGateway::UsagePlanKey": _CONFIG,
    "AWS::ApiGateway::ApiKey": _CONFIG,
    "AWS::ApiGateway::VpcLink": Left("a link from an API into a VPC: not read yet"),
    "AWS::Cognito::UserPoolUser": _CONFIG,
    "AWS::Cognito::UserPoolGroup": _CONFIG,
    "AWS::Cognito::UserPoolUserToGroupAttachment": _CONFIG,
    "AWS::SecretsManager::SecretTargetAttachment": _CONFIG,
    "AWS::SecretsManager::RotationSchedule": _CONFIG,
    "AWS::Redshift::ClusterSubnetGroup": _CONFIG,
    "AWS::EC2::DHCPOptions": Left("a VPC's DNS settings, not drawn"),
    "AWS::EC2::VPCDHCPOptionsAssociation": Left("a VPC's DNS settings, not drawn"),
}

UNKNOWN_TYPE = Left("not in archgen's table of resource types yet")
#: what an AWS type no table knows becomes where the importer draws it (Terraform)
ESCAPE_HATCH = Drawn("generic", icon="aws.general.General")
ESCAPE_HATCH_DETAIL = "not in archgen's table yet: drawn as a generic component"


#: the type of a resource written ``Type: !Rain::Module path``
RAIN_MODULE = "Rain::Module"
_RAIN = Left("a rain module: `rain pkg` expands it into resources; import the packaged template")


def fate(resource_type: str) -> Fate:
    """What a resource of `resource_type` becomes (custom resources are left out)."""
    if resource_type.startswith("Custom::"):
        return _CUSTOM
    if resource_type == RAIN_MODULE:
        return _RAIN
    return RESOURCE_TYPES.get(resource_type, UNKNOWN_TYPE)


def mapping_table() -> str:
    """The table of `RESOURCE_TYPES` as Markdown, as `site/import.md` shows it."""
    rows = ["| CloudFormation type | becomes |", "|---|---|"]
    for name, what in sorted(RESOURCE_TYPES.items()):
        if isinstance(what, Drawn):
            drawn = f"icon `{what.icon}`" if what.icon else f"service `{what.service}`"
            becomes = f"component, kind `{what.kind}`, {drawn}"
        elif isinstance(what, Read):
            becomes = f"read into {what.into}"
        else:
            becomes = f"left out: {what.reason}"
        rows.append(f"| `{name}` | {becomes} |")
    return "\n".join(rows) + "\n"
