"""What each Terraform resource type is, in the CloudFormation importer's terms.

A Terraform resource is translated to the CloudFormation type it stands for and the
properties the rest of `archgen.iac` reads (`settings.py`, `network.py`,
`connections.py`, `builder.py`): ``aws_db_instance`` with ``multi_az = true`` becomes an
``AWS::RDS::DBInstance`` with ``MultiAZ: true``. Its fate (drawn, read, left out) is then
the CloudFormation type's, from `archgen.iac.resource_types`, so both importers derive
the same model from the same infrastructure.

A type of the AWS provider this table does not know becomes the escape hatch: a
``generic`` component with AWS's general icon, listed in the header. A type of another
provider (``random_``, ``null_``, ``tls_``…) is left out: it is not AWS infrastructure.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from archgen.iac.intrinsics import Unknown
from archgen.iac.resource_types import ESCAPE_HATCH, Drawn, Fate, Left, Read, fate

Properties = dict[str, Any]
Translate = Callable[[Properties], Properties]

NOT_AWS = Left("not an AWS resource")


def blocks(body: Properties, key: str) -> list[dict[str, Any]]:
    """The nested blocks `key` of `body` (one block or several, as HCL writes them)."""
    value = body.get(key)
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def block(body: Properties, key: str) -> dict[str, Any]:
    """The first nested block `key` of `body`, or an empty one."""
    found = blocks(body, key)
    return found[0] if found else {}


def _renamed(names: dict[str, str]) -> Translate:
    def translate(body: Properties) -> Properties:
        return {cfn: body[tf] for tf, cfn in names.items() if tf in body}

    return translate


def _tags(body: Properties) -> Properties:
    tags = body.get("tags")
    named: Properties = {}
    if isinstance(body.get("name"), str):
        named["Name"] = body["name"]
    if isinstance(tags, dict) and "Name" in tags:
        named["Tags"] = [{"Key": "Name", "Value": tags["Name"]}]
    return named


def _with(names: dict[str, str], extra: Translate | None = None) -> Translate:
    renamed = _renamed(names)

    def translate(body: Properties) -> Properties:
        properties = {**_tags(body), **renamed(body)}
        if extra is not None:
            properties.update(extra(body))
        return properties

    return translate


def _subnet(body: Properties) -> Properties:
    return {"MapPublicIpOnLaunch": body.get("map_public_ip_on_launch")}


def _route_table(body: Properties) -> Properties:
    routes = []
    for route in blocks(body, "route"):
        routes.append(
            {
                "DestinationCidrBlock": route.get("cidr_block"),
                "DestinationIpv6CidrBlock": route.get("ipv6_cidr_block"),
                "GatewayId": route.get("gateway_id"),
            }
        )
    return {"Routes": routes}


def _ingress(rule: Properties) -> Properties:
    """An inline ``ingress`` block or a rule resource as CloudFormation's ingress."""
    cidrs = rule.get("cidr_blocks") or rule.get("cidr_ipv4") or rule.get("ipv6_cidr_blocks")
    groups = rule.get("security_groups") or rule.get("source_security_group_id")
    groups = groups or rule.get("referenced_security_group_id")
    if rule.get("self") is True:
        groups = "self"
    return {
        "IpProtocol": rule.get("protocol", rule.get("ip_protocol")),
        "FromPort": rule.get("from_port"),
        "ToPort": rule.get("to_port"),
        "CidrIp": cidrs[0] if isinstance(cidrs, list) and cidrs else cidrs,
        "SourceSecurityGroupId": groups[0] if isinstance(groups, list) and groups else groups,
        "Description": rule.get("description"),
    }


def _security_group(body: Properties) -> Properties:
    return {
        "GroupDescription": body.get("description"),
        "SecurityGroupIngress": [_ingress(rule) for rule in blocks(body, "ingress")],
    }


def _security_group_rule(body: Properties) -> Properties:
    if body.get("type") != "ingress":
        return {}
    return {"GroupId": body.get("security_group_id"), **_ingress(body)}


def _vpc_ingress_rule(body: Properties) -> Properties:
    return {"GroupId": body.get("security_group_id"), **_ingress(body)}


def _scheme(internal: object) -> object:
    """CloudFormation's `Scheme` of Terraform's `internal` (false when absent); a value
    the import could not work out stays as it is, and so unknown."""
    if internal is None or isinstance(internal, bool):
        return "internal" if internal else "internet-facing"
    return internal


def _load_balancer(body: Properties) -> Properties:
    logs = block(body, "access_logs")
    internal = body.get("internal")
    return {
        "Type": body.get("load_balancer_type", "application"),
        "Scheme": _scheme(internal),
        "LoadBalancerAttributes": [
            {"Key": "access_logs.s3.enabled", "Value": logs.get("enabled", bool(logs))}
        ],
    }


def _listener(body: Properties) -> Properties:
    actions = blocks(body, "default_action")
    return {"DefaultActions": actions, "Redirects": _redirects_to_https(actions)}


def _redirects_to_https(actions: list[dict[str, Any]]) -> bool:
    return any(
        str(block(action, "redirect").get("protocol", "")).upper() == "HTTPS" for action in actions
    )


def _target_group(body: Properties) -> Properties:
    check = block(body, "health_check")
    return {
        "HealthCheckPath": check.get("path"),
        "HealthCheckIntervalSeconds": check.get("interval"),
    }


def _autoscaling(body: Properties) -> Properties:
    template = block(body, "launch_template")
    return {"LaunchTemplate": template.get("id") or template.get("name")}


def _instance(body: Properties) -> Properties:
    public = body.get("associate_public_ip_address")
    return {"NetworkInterfaces": [{"AssociatePublicIpAddress": public}]}


def _database(body: Properties) -> Properties:
    return {"PubliclyAccessible": body.get("publicly_accessible")}


def _ecs_service(body: Properties) -> Properties:
    network = block(body, "network_configuration")
    return {
        "LoadBalancers": [
            {"TargetGroupArn": lb.get("target_group_arn")} for lb in blocks(body, "load_balancer")
        ],
        "NetworkConfiguration": {
            "AwsvpcConfiguration": {
                "Subnets": network.get("subnets"),
                "SecurityGroups": network.get("security_groups"),
            }
        },
    }


def _task_definition(body: Properties) -> Properties:
    # container_definitions is JSON text (jsonencode, a file): its references are kept
    return {"ContainerDefinitions": [{"Environment": body.get("container_definitions")}]}


def _lambda(body: Properties) -> Properties:
    vpc = block(body, "vpc_config")
    return {
        "Environment": block(body, "environment").get("variables"),
        "VpcConfig": {
            "SubnetIds": vpc.get("subnet_ids"),
            "SecurityGroupIds": vpc.get("security_group_ids"),
        },
    }


def _table(body: Properties) -> Properties:
    pitr = block(body, "point_in_time_recovery")
    return {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": pitr.get("enabled")}}


def _queue(body: Properties) -> Properties:
    redrive = body.get("redrive_policy")
    if isinstance(redrive, str):
        try:
            redrive = json.loads(redrive)
        except ValueError:
            redrive = {}
    elif redrive is not None:
        redrive = {}  # jsonencode(...): a dead-letter queue, its count not written out
    return {"RedrivePolicy": redrive}


def _bucket(body: Properties) -> Properties:
    """A bucket's settings written inline (provider 3); provider 4's separate
    resources are folded in by `archgen.iac.terraform`."""
    properties: Properties = {}
    if blocks(body, "logging"):
        properties["LoggingConfiguration"] = block(body, "logging")
    if blocks(body, "server_side_encryption_configuration"):
        properties["BucketEncryption"] = True
    versioning = block(body, "versioning")
    if "enabled" in versioning:
        enabled = versioning["enabled"] is True
        properties["VersioningConfiguration"] = {"Status": "Enabled" if enabled else "Suspended"}
    return properties


def _distribution(body: Properties) -> Properties:
    return {
        "DistributionConfig": {
            "Origins": [{"DomainName": o.get("domain_name")} for o in blocks(body, "origin")],
            "WebACLId": body.get("web_acl_id"),
            "Logging": block(body, "logging_config") or None,
        }
    }


def _replication_group(body: Properties) -> Properties:
    clusters = body.get("num_cache_clusters", body.get("number_cache_clusters"))
    return {"NumCacheClusters": clusters}


def _search(body: Properties) -> Properties:
    cluster = block(body, "cluster_config")
    vpc = block(body, "vpc_options")
    return {
        "ClusterConfig": {
            "InstanceCount": cluster.get("instance_count"),
            "DedicatedMasterEnabled": cluster.get("dedicated_master_enabled"),
        },
        "EncryptionAtRestOptions": {"Enabled": block(body, "encrypt_at_rest").get("enabled")},
        "VPCOptions": {
            "SubnetIds": vpc.get("subnet_ids"),
            "SecurityGroupIds": vpc.get("security_group_ids"),
        }
        if vpc
        else None,
    }


def _node_group(body: Properties) -> Properties:
    scaling = block(body, "scaling_config")
    return {
        "ScalingConfig": {
            "MinSize": scaling.get("min_size"),
            "MaxSize": scaling.get("max_size"),
            "DesiredSize": scaling.get("desired_size"),
        }
    }


def _state_machine(body: Properties) -> Properties:
    return {"LoggingConfiguration": block(body, "logging_configuration") or None}


def _stream(body: Properties) -> Properties:
    return {"StreamEncryption": True if body.get("encryption_type") == "KMS" else None}


def _api_integration(body: Properties) -> Properties:
    return {"Integration": {"Uri": body.get("uri")}}


def _waf_association(body: Properties) -> Properties:
    return {"WebACLArn": body.get("web_acl_arn", body.get("web_acl_id"))}


_DB = {
    "engine": "Engine",
    "engine_mode": "EngineMode",
    "storage_encrypted": "StorageEncrypted",
    "backup_retention_period": "BackupRetentionPeriod",
    "db_subnet_group_name": "DBSubnetGroupName",
    "vpc_security_group_ids": "VPCSecurityGroups",
    "multi_az": "MultiAZ",
    "replicate_source_db": "SourceDBInstanceIdentifier",
    "identifier": "DBInstanceIdentifier",
    "cluster_identifier": "DBClusterIdentifier",
}

#: Terraform type -> (CloudFormation type, how its properties are read)
TERRAFORM_TYPES: Final[dict[str, tuple[str, Translate]]] = {
    # network
    "aws_vpc": ("AWS::EC2::VPC", _with({"cidr_block": "CidrBlock"})),
    "aws_subnet": (
        "AWS::EC2::Subnet",
        _with(
            {"vpc_id": "VpcId", "cidr_block": "CidrBlock", "availability_zone": "AvailabilityZone"},
            _subnet,
        ),
    ),
    "aws_internet_gateway": ("AWS::EC2::InternetGateway", _with({"vpc_id": "VpcId"})),
    "aws_internet_gateway_attachment": (
        "AWS::EC2::VPCGatewayAttachment",
        _with({"vpc_id": "VpcId", "internet_gateway_id": "InternetGatewayId"}),
    ),
    "aws_nat_gateway": ("AWS::EC2::NatGateway", _with({"subnet_id": "SubnetId"})),
    "aws_route_table": ("AWS::EC2::RouteTable", _with({"vpc_id": "VpcId"}, _route_table)),
    "aws_route": (
        "AWS::EC2::Route",
        _with(
            {
                "route_table_id": "RouteTableId",
                "destination_cidr_block": "DestinationCidrBlock",
                "destination_ipv6_cidr_block": "DestinationIpv6CidrBlock",
                "gateway_id": "GatewayId",
            }
        ),
    ),
    "aws_route_table_association": (
        "AWS::EC2::SubnetRouteTableAssociation",
        _with({"subnet_id": "SubnetId", "route_table_id": "RouteTableId"}),
    ),
    "aws_vpc_endpoint": (
        "AWS::EC2::VPCEndpoint",
        _with(
            {
                "vpc_id": "VpcId",
                "vpc_endpoint_type": "VpcEndpointType",
                "subnet_ids": "SubnetIds",
                "security_group_ids": "SecurityGroupIds",
            }
        ),
    ),
    "aws_ec2_transit_gateway": ("AWS::EC2::TransitGateway", _with({})),
    "aws_security_group": ("AWS::EC2::SecurityGroup", _with({}, _security_group)),
    "aws_security_group_rule": ("AWS::EC2::SecurityGroupIngress", _security_group_rule),
    "aws_vpc_security_group_ingress_rule": ("AWS::EC2::SecurityGroupIngress", _vpc_ingress_rule),
    "aws_eip": ("AWS::EC2::EIP", _with({})),
    "aws_flow_log": ("AWS::EC2::FlowLog", _with({})),
    "aws_network_acl": ("AWS::EC2::NetworkAcl", _with({})),
    "aws_network_acl_rule": ("AWS::EC2::NetworkAclEntry", _with({})),
    # load balancing
    "aws_lb": (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        _with({"subnets": "Subnets", "security_groups": "SecurityGroups"}, _load_balancer),
    ),
    "aws_lb_listener": (
        "AWS::ElasticLoadBalancingV2::Listener",
        _with(
            {"load_balancer_arn": "LoadBalancerArn", "protocol": "Protocol", "port": "Port"},
            _listener,
        ),
    ),
    "aws_lb_listener_rule": (
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        lambda body: {"ListenerArn": body.get("listener_arn"), "Actions": blocks(body, "action")},
    ),
    "aws_lb_target_group": ("AWS::ElasticLoadBalancingV2::TargetGroup", _with({}, _target_group)),
    "aws_elb": ("AWS::ElasticLoadBalancing::LoadBalancer", _with({"subnets": "Subnets"})),
    "aws_globalaccelerator_accelerator": ("AWS::GlobalAccelerator::Accelerator", _with({})),
    # compute
    "aws_instance": (
        "AWS::EC2::Instance",
        _with(
            {
                "subnet_id": "SubnetId",
                "vpc_security_group_ids": "SecurityGroupIds",
                "security_groups": "SecurityGroups",
            },
            _instance,
        ),
    ),
    "aws_autoscaling_group": (
        "AWS::AutoScaling::AutoScalingGroup",
        _with(
            {
                "min_size": "MinSize",
                "max_size": "MaxSize",
                "desired_capacity": "DesiredCapacity",
                "vpc_zone_identifier": "VPCZoneIdentifier",
                "target_group_arns": "TargetGroupARNs",
                "launch_configuration": "LaunchConfigurationName",
            },
            _autoscaling,
        ),
    ),
    "aws_launch_configuration": (
        "AWS::AutoScaling::LaunchConfiguration",
        _with({"security_groups": "SecurityGroups"}),
    ),
    "aws_launch_template": (
        "AWS::EC2::LaunchTemplate",
        _with({"vpc_security_group_ids": "SecurityGroupIds"}),
    ),
    "aws_autoscaling_policy": ("AWS::AutoScaling::ScalingPolicy", _with({})),
    "aws_appautoscaling_target": ("AWS::ApplicationAutoScaling::ScalableTarget", _with({})),
    "aws_appautoscaling_policy": ("AWS::ApplicationAutoScaling::ScalingPolicy", _with({})),
    "aws_ecs_cluster": ("AWS::ECS::Cluster", _with({})),
    "aws_ecs_service": (
        "AWS::ECS::Service",
        _with(
            {
                "launch_type": "LaunchType",
                "desired_count": "DesiredCount",
                "task_definition": "TaskDefinition",
            },
            _ecs_service,
        ),
    ),
    "aws_ecs_task_definition": ("AWS::ECS::TaskDefinition", _task_definition),
    # the control plane: drawn in its region, as from a template (AWS runs it across
    # zones; its subnets hold only its network interfaces)
    "aws_eks_cluster": ("AWS::EKS::Cluster", _with({})),
    "aws_eks_node_group": (
        "AWS::EKS::Nodegroup",
        _with(
            {
                "node_group_name": "NodegroupName",
                "cluster_name": "ClusterName",
                "subnet_ids": "Subnets",
            },
            _node_group,
        ),
    ),
    "aws_lambda_function": (
        "AWS::Lambda::Function",
        _with({"function_name": "FunctionName"}, _lambda),
    ),
    "aws_lambda_event_source_mapping": (
        "AWS::Lambda::EventSourceMapping",
        _renamed({"event_source_arn": "EventSourceArn", "function_name": "FunctionName"}),
    ),
    "aws_lambda_permission": ("AWS::Lambda::Permission", _with({})),
    "aws_lambda_layer_version": ("AWS::Lambda::LayerVersion", _with({})),
    "aws_lambda_alias": ("AWS::Lambda::Alias", _with({})),
    "aws_batch_compute_environment": ("AWS::Batch::ComputeEnvironment", _with({})),
    "aws_apprunner_service": ("AWS::AppRunner::Service", _with({})),
    "aws_elastic_beanstalk_environment": ("AWS::ElasticBeanstalk::Environment", _with({})),
    # databases and caches
    "aws_db_instance": ("AWS::RDS::DBInstance", _with(_DB, _database)),
    "aws_rds_cluster": ("AWS::RDS::DBCluster", _with(_DB)),
    "aws_rds_cluster_instance": ("AWS::RDS::DBInstance", _with(_DB, _database)),
    "aws_db_subnet_group": ("AWS::RDS::DBSubnetGroup", _with({"subnet_ids": "SubnetIds"})),
    "aws_db_parameter_group": ("AWS::RDS::DBParameterGroup", _with({})),
    "aws_rds_cluster_parameter_group": ("AWS::RDS::DBClusterParameterGroup", _with({})),
    "aws_dynamodb_table": (
        "AWS::DynamoDB::Table",
        _with({"name": "TableName", "billing_mode": "BillingMode"}, _table),
    ),
    "aws_docdb_cluster": ("AWS::DocDB::DBCluster", _with({})),
    "aws_neptune_cluster": ("AWS::Neptune::DBCluster", _with({})),
    "aws_redshift_cluster": ("AWS::Redshift::Cluster", _with({})),
    "aws_elasticache_cluster": (
        "AWS::ElastiCache::CacheCluster",
        _with(
            {
                "engine": "Engine",
                "num_cache_nodes": "NumCacheNodes",
                "subnet_group_name": "CacheSubnetGroupName",
                "security_group_ids": "VpcSecurityGroupIds",
            }
        ),
    ),
    "aws_elasticache_replication_group": (
        "AWS::ElastiCache::ReplicationGroup",
        _with(
            {
                "engine": "Engine",
                "automatic_failover_enabled": "AutomaticFailoverEnabled",
                "at_rest_encryption_enabled": "AtRestEncryptionEnabled",
                "num_node_groups": "NumNodeGroups",
                "replicas_per_node_group": "ReplicasPerNodeGroup",
                "subnet_group_name": "CacheSubnetGroupName",
                "security_group_ids": "SecurityGroupIds",
            },
            _replication_group,
        ),
    ),
    "aws_elasticache_subnet_group": (
        "AWS::ElastiCache::SubnetGroup",
        _with({"subnet_ids": "SubnetIds"}),
    ),
    "aws_elasticache_parameter_group": ("AWS::ElastiCache::ParameterGroup", _with({})),
    "aws_memorydb_cluster": ("AWS::MemoryDB::Cluster", _with({})),
    # storage, messaging, streams, workflows
    "aws_s3_bucket": ("AWS::S3::Bucket", _with({"bucket": "BucketName"}, _bucket)),
    "aws_s3_bucket_policy": ("AWS::S3::BucketPolicy", _with({})),
    "aws_efs_file_system": ("AWS::EFS::FileSystem", _with({})),
    "aws_sqs_queue": (
        "AWS::SQS::Queue",
        _with(
            {
                "fifo_queue": "FifoQueue",
                "kms_master_key_id": "KmsMasterKeyId",
                "sqs_managed_sse_enabled": "SqsManagedSseEnabled",
            },
            _queue,
        ),
    ),
    "aws_sqs_queue_policy": ("AWS::SQS::QueuePolicy", _with({})),
    "aws_sns_topic": ("AWS::SNS::Topic", _with({"kms_master_key_id": "KmsMasterKeyId"})),
    "aws_sns_topic_subscription": (
        "AWS::SNS::Subscription",
        _renamed({"topic_arn": "TopicArn", "endpoint": "Endpoint"}),
    ),
    "aws_sns_topic_policy": ("AWS::SNS::TopicPolicy", _with({})),
    "aws_kinesis_stream": ("AWS::Kinesis::Stream", _with({"shard_count": "ShardCount"}, _stream)),
    "aws_kinesis_firehose_delivery_stream": ("AWS::KinesisFirehose::DeliveryStream", _with({})),
    "aws_msk_cluster": ("AWS::MSK::Cluster", _with({})),
    "aws_mq_broker": ("AWS::AmazonMQ::Broker", _with({})),
    "aws_cloudwatch_event_bus": ("AWS::Events::EventBus", _with({})),
    "aws_cloudwatch_event_rule": (
        "AWS::Events::Rule",
        _renamed({"event_bus_name": "EventBusName", "schedule_expression": "ScheduleExpression"}),
    ),
    "aws_sfn_state_machine": (
        "AWS::StepFunctions::StateMachine",
        _with({"definition": "Definition", "type": "Type"}, _state_machine),
    ),
    # edge, APIs, identity, firewalls
    "aws_cloudfront_distribution": ("AWS::CloudFront::Distribution", _with({}, _distribution)),
    "aws_cloudfront_origin_access_identity": (
        "AWS::CloudFront::CloudFrontOriginAccessIdentity",
        _with({}),
    ),
    "aws_cloudfront_origin_access_control": ("AWS::CloudFront::OriginAccessControl", _with({})),
    "aws_route53_zone": ("AWS::Route53::HostedZone", _with({})),
    "aws_route53_record": ("AWS::Route53::RecordSet", _with({})),
    "aws_api_gateway_rest_api": ("AWS::ApiGateway::RestApi", _with({})),
    "aws_api_gateway_resource": ("AWS::ApiGateway::Resource", _with({})),
    "aws_api_gateway_method": ("AWS::ApiGateway::Resource", _with({})),
    "aws_api_gateway_integration": (
        "AWS::ApiGateway::Method",
        _with({"rest_api_id": "RestApiId"}, _api_integration),
    ),
    "aws_api_gateway_deployment": ("AWS::ApiGateway::Deployment", _with({})),
    "aws_api_gateway_stage": ("AWS::ApiGateway::Stage", _with({})),
    "aws_apigatewayv2_api": ("AWS::ApiGatewayV2::Api", _with({"protocol_type": "ProtocolType"})),
    "aws_apigatewayv2_integration": (
        "AWS::ApiGatewayV2::Integration",
        _with({"api_id": "ApiId", "integration_uri": "IntegrationUri"}),
    ),
    "aws_apigatewayv2_route": ("AWS::ApiGatewayV2::Route", _with({})),
    "aws_apigatewayv2_stage": ("AWS::ApiGatewayV2::Stage", _with({})),
    "aws_appsync_graphql_api": ("AWS::AppSync::GraphQLApi", _with({})),
    "aws_cognito_user_pool": (
        "AWS::Cognito::UserPool",
        _with({"mfa_configuration": "MfaConfiguration"}),
    ),
    "aws_cognito_user_pool_client": ("AWS::Cognito::UserPoolClient", _with({})),
    "aws_cognito_identity_pool": ("AWS::Cognito::IdentityPool", _with({})),
    "aws_wafv2_web_acl": ("AWS::WAFv2::WebACL", _with({})),
    "aws_waf_web_acl": ("AWS::WAF::WebACL", _with({})),
    "aws_wafregional_web_acl": ("AWS::WAFRegional::WebACL", _with({})),
    "aws_wafv2_web_acl_association": (
        "AWS::WAFv2::WebACLAssociation",
        _with({"resource_arn": "ResourceArn"}, _waf_association),
    ),
    "aws_wafregional_web_acl_association": (
        "AWS::WAFRegional::WebACLAssociation",
        _with({"resource_arn": "ResourceArn"}, _waf_association),
    ),
    "aws_networkfirewall_firewall": ("AWS::NetworkFirewall::Firewall", _with({})),
    "aws_networkfirewall_firewall_policy": ("AWS::NetworkFirewall::FirewallPolicy", _with({})),
    "aws_opensearch_domain": ("AWS::OpenSearchService::Domain", _with({}, _search)),
    "aws_elasticsearch_domain": ("AWS::Elasticsearch::Domain", _with({}, _search)),
    # secrets, registries, monitoring, pipelines
    "aws_secretsmanager_secret": ("AWS::SecretsManager::Secret", _with({})),
    "aws_kms_key": ("AWS::KMS::Key", _with({})),
    "aws_acm_certificate": ("AWS::CertificateManager::Certificate", _with({})),
    "aws_ecr_repository": ("AWS::ECR::Repository", _with({})),
    "aws_cloudwatch_dashboard": ("AWS::CloudWatch::Dashboard", _with({})),
    "aws_codepipeline": ("AWS::CodePipeline::Pipeline", _with({})),
    "aws_cloudwatch_log_group": ("AWS::Logs::LogGroup", _with({})),
    "aws_cloudwatch_metric_alarm": ("AWS::CloudWatch::Alarm", _with({})),
    "aws_ssm_parameter": ("AWS::SSM::Parameter", _with({})),
    # settings of a component, each a resource of its own in Terraform, and permissions:
    # their fate is their CloudFormation type's, no property is read
    **{
        name: (cfn, _with({}))
        for name, cfn in {
            "aws_api_gateway_authorizer": "AWS::ApiGateway::Authorizer",
            "aws_api_gateway_domain_name": "AWS::ApiGateway::DomainName",
            "aws_api_gateway_base_path_mapping": "AWS::ApiGateway::BasePathMapping",
            "aws_apigatewayv2_domain_name": "AWS::ApiGatewayV2::DomainName",
            "aws_apigatewayv2_api_mapping": "AWS::ApiGatewayV2::ApiMapping",
            "aws_api_gateway_gateway_response": "AWS::ApiGateway::GatewayResponse",
            "aws_api_gateway_model": "AWS::ApiGateway::Model",
            "aws_api_gateway_request_validator": "AWS::ApiGateway::RequestValidator",
            "aws_api_gateway_usage_plan": "AWS::ApiGateway::UsagePlan",
            "aws_api_gateway_usage_plan_key": "AWS::ApiGateway::UsagePlanKey",
            "aws_api_gateway_api_key": "AWS::ApiGateway::ApiKey",
            "aws_api_gateway_vpc_link": "AWS::ApiGateway::VpcLink",
            "aws_cognito_user": "AWS::Cognito::UserPoolUser",
            "aws_cognito_user_group": "AWS::Cognito::UserPoolGroup",
            "aws_cognito_user_in_group": "AWS::Cognito::UserPoolUserToGroupAttachment",
            "aws_secretsmanager_secret_rotation": "AWS::SecretsManager::RotationSchedule",
            "aws_redshift_subnet_group": "AWS::Redshift::ClusterSubnetGroup",
            "aws_default_network_acl": "AWS::EC2::NetworkAcl",
            "aws_vpc_dhcp_options": "AWS::EC2::DHCPOptions",
            "aws_vpc_dhcp_options_association": "AWS::EC2::VPCDHCPOptionsAssociation",
            "aws_network_acl_association": "AWS::EC2::SubnetNetworkAclAssociation",
            # permissions
            "aws_iam_role": "AWS::IAM::Role",
            "aws_iam_policy": "AWS::IAM::ManagedPolicy",
            "aws_iam_role_policy": "AWS::IAM::RolePolicy",
            "aws_iam_role_policy_attachment": "AWS::IAM::Policy",
            "aws_iam_policy_attachment": "AWS::IAM::Policy",
            "aws_iam_instance_profile": "AWS::IAM::InstanceProfile",
            "aws_iam_user": "AWS::IAM::User",
            "aws_key_pair": "AWS::EC2::KeyPair",
        }.items()
    },
}

#: older names of the same resources
ALIASES: Final[dict[str, str]] = {
    "aws_alb": "aws_lb",
    "aws_alb_listener": "aws_lb_listener",
    "aws_alb_listener_rule": "aws_lb_listener_rule",
    "aws_alb_target_group": "aws_lb_target_group",
    "aws_alb_target_group_attachment": "aws_lb_target_group_attachment",
}

#: Terraform types with no CloudFormation resource of their own, left out
SETTINGS: Final[dict[str, Left]] = {
    "aws_api_gateway_method_response": Left("a setting of its API's method, not drawn"),
    "aws_api_gateway_integration_response": Left("a setting of its API's method, not drawn"),
    "aws_api_gateway_method_settings": Left("a setting of its API's stage, not drawn"),
    "aws_secretsmanager_secret_version": Left("a secret's value, not drawn"),
    "aws_ebs_encryption_by_default": Left("a setting of the account, not drawn"),
    "aws_vpc_block_public_access_options": Left("a setting of the account, not drawn"),
    "aws_vpc_block_public_access_exclusion": Left("a setting of the account, not drawn"),
    "aws_default_vpc": Left("the account's default VPC, which archgen does not draw"),
    "aws_default_subnet": Left("a subnet of the account's default VPC, not drawn"),
    "aws_default_security_group": Left("a VPC's default security group: not read yet"),
    "aws_default_route_table": Left("a VPC's main route table: not read yet"),
}

#: resources folded into another resource's properties (`archgen.iac.terraform`)
FOLDED: Final[dict[str, Read]] = {
    "aws_lb_target_group_attachment": Read("the targets of its target group"),
    "aws_cloudwatch_event_target": Read("the targets of its EventBridge rule"),
    "aws_s3_bucket_versioning": Read("its bucket's versioning"),
    "aws_s3_bucket_server_side_encryption_configuration": Read("its bucket's encryption"),
    "aws_s3_bucket_logging": Read("its bucket's logging"),
    "aws_security_group_rule": Read(
        "security groups and their ingress rules (egress rules are not read)"
    ),
}


def canonical(resource_type: str) -> str:
    """The type's current name (``aws_alb`` is ``aws_lb``)."""
    return ALIASES.get(resource_type, resource_type)


def cloudformation_type(resource_type: str) -> str:
    """The CloudFormation type a Terraform type stands for, else the type itself."""
    found = TERRAFORM_TYPES.get(canonical(resource_type))
    return found[0] if found else resource_type


def terraform_fate(resource_type: str) -> Fate:
    """What a Terraform resource of `resource_type` becomes (see the module docstring)."""
    name = canonical(resource_type)
    if name in FOLDED:
        return FOLDED[name]
    if name in SETTINGS:
        return SETTINGS[name]
    if name in TERRAFORM_TYPES:
        return fate(TERRAFORM_TYPES[name][0])
    return ESCAPE_HATCH if name.startswith("aws_") else NOT_AWS


def properties_of(resource_type: str, body: Properties) -> Properties:
    """The CloudFormation properties of a Terraform resource's evaluated `body`; a value
    the configuration does not write out (`None`) is dropped, as an unset property."""
    found = TERRAFORM_TYPES.get(canonical(resource_type))
    if found is None:
        return _tags(body)
    return {k: v for k, v in found[1](body).items() if v is not None and v != Unknown()}


def mapping_table() -> str:
    """The Terraform types and what they become, as Markdown for `site/import.md`."""
    rows = ["| Terraform type | becomes |", "|---|---|"]
    names = sorted({*TERRAFORM_TYPES, *FOLDED, *SETTINGS, *ALIASES})
    for name in names:
        what = terraform_fate(name)
        if isinstance(what, Drawn):
            drawn = f"icon `{what.icon}`" if what.icon else f"service `{what.service}`"
            becomes = f"component, kind `{what.kind}`, {drawn}"
        elif isinstance(what, Read):
            becomes = f"read into {what.into}"
        else:
            becomes = f"left out: {what.reason}"
        alias = f" (as `{ALIASES[name]}`)" if name in ALIASES else ""
        rows.append(f"| `{name}`{alias} | {becomes} |")
    rows.append(
        f"| any other `aws_` type | component, kind `generic`, icon `{ESCAPE_HATCH.icon}` |"
    )
    rows.append(f"| a type of another provider | left out: {NOT_AWS.reason} |")
    return "\n".join(rows) + "\n"
