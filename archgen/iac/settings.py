"""A component's service and settings, read from its resource's properties.

Only what the template writes out is set; what it leaves unset stays unset in the
model, so the rules apply AWS's documented defaults (`archgen/model/capabilities.py`)
rather than the importer guessing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archgen.iac.stack import Resource

Settings = dict[str, Any]


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if isinstance(value, int) else None


def _put(settings: Settings, key: str, value: Any) -> None:
    if value is not None:
        settings[key] = value


def _lambda(p: dict[str, Any]) -> Settings:
    return {}


def _load_balancer(p: dict[str, Any]) -> Settings:
    kind = str(p.get("Type", "application")).lower()
    settings: Settings = {"service": {"network": "nlb", "gateway": "gwlb"}.get(kind, "alb")}
    # AWS's default is internet-facing; a value the import could not work out (a
    # condition, a parameter) leaves it unset: judged by its subnets. A Gateway Load
    # Balancer has no scheme (nothing reaches it from the internet).
    scheme = p.get("Scheme", "internet-facing")
    if kind != "gateway" and isinstance(scheme, str) and scheme in ("internal", "internet-facing"):
        settings["scheme"] = scheme
    for attribute in p.get("LoadBalancerAttributes") or []:
        if isinstance(attribute, dict) and attribute.get("Key") == "access_logs.s3.enabled":
            _put(settings, "logging", _bool(attribute.get("Value")))
    settings.setdefault("logging", False)
    return settings


def _engine(p: dict[str, Any]) -> str | None:
    engine = str(p.get("Engine", "")).lower()
    if engine.startswith("aurora"):
        flavour = "postgresql" if "postgres" in engine else "mysql"
        serverless = str(p.get("EngineMode", "")).lower() == "serverless"
        return f"aurora-{flavour}" + ("-serverless" if serverless else "")
    if "postgres" in engine:
        return "rds-postgresql"
    if "mariadb" in engine:
        return "rds-mariadb"
    if "mysql" in engine:
        return "rds-mysql"
    return None


def _database(p: dict[str, Any]) -> Settings:
    settings: Settings = {}
    _put(settings, "service", _engine(p))
    _put(settings, "encrypted", _bool(p.get("StorageEncrypted")))
    retention = _int(p.get("BackupRetentionPeriod"))
    if retention is not None and 0 <= retention <= 35:
        settings["backups"] = {"retention_days": retention}
    if _bool(p.get("PubliclyAccessible")):
        settings["public"] = True
    return settings


def _table(p: dict[str, Any]) -> Settings:
    mode = p.get("BillingMode", "PROVISIONED")
    settings: Settings = {"capacity": "on-demand" if mode == "PAY_PER_REQUEST" else "provisioned"}
    pitr = p.get("PointInTimeRecoverySpecification") or {}
    if isinstance(pitr, dict) and _bool(pitr.get("PointInTimeRecoveryEnabled")):
        settings["backups"] = {"retention_days": 35}
    return settings


def _simple_table(p: dict[str, Any]) -> Settings:
    return {"capacity": "provisioned" if p.get("ProvisionedThroughput") else "on-demand"}


def _cache_cluster(p: dict[str, Any]) -> Settings:
    engine = str(p.get("Engine", "redis")).lower()
    settings: Settings = {"service": f"elasticache-{engine}"}
    if engine not in ("redis", "valkey", "memcached"):
        settings.pop("service")
    _put(settings, "nodes", _int(p.get("NumCacheNodes")))
    return settings


def _replication_group(p: dict[str, Any]) -> Settings:
    engine = str(p.get("Engine", "redis")).lower()
    settings: Settings = {
        "service": "elasticache-valkey" if engine == "valkey" else "elasticache-redis"
    }
    clusters = _int(p.get("NumCacheClusters"))
    groups, replicas = _int(p.get("NumNodeGroups")), _int(p.get("ReplicasPerNodeGroup"))
    if clusters is not None:
        settings["nodes"] = clusters
    elif groups is not None:
        settings["nodes"] = groups * ((replicas or 0) + 1)
    automatic = _bool(p.get("AutomaticFailoverEnabled"))
    settings["failover"] = "automatic" if automatic else "none"
    _put(settings, "encrypted", _bool(p.get("AtRestEncryptionEnabled")))
    return settings


def _bucket(p: dict[str, Any]) -> Settings:
    settings: Settings = {"logging": bool(p.get("LoggingConfiguration"))}
    if p.get("BucketEncryption"):
        settings["encrypted"] = True
    versioning = p.get("VersioningConfiguration") or {}
    if isinstance(versioning, dict) and "Status" in versioning:
        settings["versioning"] = versioning.get("Status") == "Enabled"
    return settings


def _queue(p: dict[str, Any]) -> Settings:
    settings: Settings = {}
    if _bool(p.get("FifoQueue")):
        settings["fifo"] = True
    redrive = p.get("RedrivePolicy")
    if isinstance(redrive, dict):
        receives = _int(redrive.get("maxReceiveCount"))
        settings["dead_letter"] = {"max_receives": receives} if receives else {}
    if p.get("KmsMasterKeyId"):
        settings["encrypted"] = True
    elif _bool(p.get("SqsManagedSseEnabled")) is False:
        settings["encrypted"] = False
    return settings


def _topic(p: dict[str, Any]) -> Settings:
    return {"service": "sns", **({"encrypted": True} if p.get("KmsMasterKeyId") else {})}


def _workflow(p: dict[str, Any]) -> Settings:
    kind = str(p.get("Type") or p.get("StateMachineType") or "STANDARD").lower()
    settings: Settings = {"type": "express" if kind == "express" else "standard"}
    settings["logging"] = bool(p.get("LoggingConfiguration") or p.get("Logging"))
    return settings


def _identity(p: dict[str, Any]) -> Settings:
    mfa = {"OFF": "none", "ON": "required", "OPTIONAL": "optional"}.get(
        str(p.get("MfaConfiguration", "OFF"))
    )
    return {"mfa": mfa} if mfa else {}


def _endpoint(p: dict[str, Any]) -> Settings:
    interface = str(p.get("VpcEndpointType", "Gateway")).lower() == "interface"
    return {"service": "vpc-endpoint-interface" if interface else "vpc-endpoint-gateway"}


def _api_v2(p: dict[str, Any]) -> Settings:
    websocket = str(p.get("ProtocolType", "HTTP")).upper() == "WEBSOCKET"
    return {"service": "api-gateway-websocket" if websocket else "api-gateway-http"}


def _stream(p: dict[str, Any]) -> Settings:
    settings: Settings = {"encrypted": bool(p.get("StreamEncryption"))}
    _put(settings, "shards", _int(p.get("ShardCount")))
    return settings


def _search(p: dict[str, Any]) -> Settings:
    settings: Settings = {}
    config = p.get("ClusterConfig") or p.get("ElasticsearchClusterConfig") or {}
    if isinstance(config, dict):
        _put(settings, "nodes", _int(config.get("InstanceCount")))
        _put(settings, "dedicated_masters", _bool(config.get("DedicatedMasterEnabled")))
    at_rest = p.get("EncryptionAtRestOptions") or {}
    if isinstance(at_rest, dict):
        _put(settings, "encrypted", _bool(at_rest.get("Enabled")))
    settings["public"] = not p.get("VPCOptions")
    return settings


def _compute(service: str) -> Callable[[dict[str, Any]], Settings]:
    def read(p: dict[str, Any]) -> Settings:
        settings: Settings = {}
        if service == "ec2-instance":
            return {"public": True} if _public_instance(p) else {}
        if service in ("asg", "nodegroup"):
            sizes = p if service == "asg" else p.get("ScalingConfig") or {}
            if not isinstance(sizes, dict):
                sizes = {}
            low, high = _int(sizes.get("MinSize")), _int(sizes.get("MaxSize"))
            desired = _int(sizes.get("DesiredCapacity") or sizes.get("DesiredSize")) or low
            if desired and desired >= 1:
                settings["instances"] = desired
            if low is not None and high is not None and high >= 1 and low <= high and low != high:
                settings["scaling"] = {"min": low, "max": high}
        if service == "ecs":
            if str(p.get("LaunchType", "")).upper() == "FARGATE":
                settings["service"] = "fargate"
            desired = _int(p.get("DesiredCount"))
            if desired and desired >= 1:
                settings["instances"] = desired
        return settings

    return read


def _public_instance(p: dict[str, Any]) -> bool:
    for interface in p.get("NetworkInterfaces") or []:
        if isinstance(interface, dict) and _bool(interface.get("AssociatePublicIpAddress")):
            return True
    return False


#: resource type -> how its settings are read
READERS: dict[str, Callable[[dict[str, Any]], Settings]] = {
    "AWS::ElasticLoadBalancingV2::LoadBalancer": _load_balancer,
    "AWS::RDS::DBInstance": _database,
    "AWS::RDS::DBCluster": _database,
    "AWS::DynamoDB::Table": _table,
    "AWS::Serverless::SimpleTable": _simple_table,
    "AWS::ElastiCache::CacheCluster": _cache_cluster,
    "AWS::ElastiCache::ReplicationGroup": _replication_group,
    "AWS::S3::Bucket": _bucket,
    "AWS::SQS::Queue": _queue,
    "AWS::SNS::Topic": _topic,
    "AWS::StepFunctions::StateMachine": _workflow,
    "AWS::Serverless::StateMachine": _workflow,
    "AWS::Cognito::UserPool": _identity,
    "AWS::EC2::VPCEndpoint": _endpoint,
    "AWS::ApiGatewayV2::Api": _api_v2,
    "AWS::Kinesis::Stream": _stream,
    "AWS::OpenSearchService::Domain": _search,
    "AWS::Elasticsearch::Domain": _search,
    "AWS::EC2::Instance": _compute("ec2-instance"),
    "AWS::AutoScaling::AutoScalingGroup": _compute("asg"),
    "AWS::EKS::Nodegroup": _compute("nodegroup"),
    # the control plane: AWS runs it across zones, and operators and nodes call it, not
    # the users; the node groups are the serving tier
    "AWS::EKS::Cluster": lambda _p: {"roles": ["admin"]},
    "AWS::ECS::Service": _compute("ecs"),
}


def settings_of(resource: Resource) -> Settings:
    """The service (when its properties refine it) and settings of `resource`."""
    reader = READERS.get(resource.type)
    return reader(resource.properties) if reader else {}
