"""What each AWS service does by itself, and what AWS does when a model leaves a key unset.

Rules judge a component by its service, not only its kind: an Aurora reader is a
failover target, Memcached cannot fail over, Lambda scales without a policy, a Network
Load Balancer cannot carry AWS WAF, SNS keeps its dead-letter queues per subscription,
DynamoDB is always encrypted, RDS keeps backups one day unless told otherwise. This
module is that knowledge as one plain table (no `diagrams`, no pydantic), each default
with the AWS page that states it, so a finding can say which default it assumed.

A statement that could not be confirmed in AWS's documentation is kept with
``verified=False``; rules never act on it as a fact (they stay quiet instead).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, Literal


@dataclass(frozen=True)
class Source:
    """An AWS documentation page."""

    title: str
    url: str


@dataclass(frozen=True)
class Fact:
    """A statement about a service and the page that states it."""

    says: str
    source: Source
    verified: bool = True

    @property
    def cited(self) -> str:
        """The statement with its source's title, as a finding quotes it."""
        return f"{self.says} (AWS: {self.source.title})"


#: How a service survives losing a node or a zone.
#: managed  AWS runs it across zones itself
#: standby  a Multi-AZ standby in another zone takes over (RDS: `standby:`)
#: reader   a reader instance of the cluster takes over (Aurora: `instances` >= 2)
#: replica  a replica is promoted by automatic failover (Valkey, Redis OSS)
#: spread   nothing takes over; nodes spread over zones keep most keys (Memcached)
#: copies   identical copies in two or more zones (servers, tasks, load balancer nodes)
#: instances  copies AWS spreads over zones itself: two or more are redundant (App Runner)
#: outside  not run on AWS (clients)
Failover = Literal[
    "managed", "standby", "reader", "replica", "spread", "copies", "instances", "outside"
]
#: Where failed messages can be set aside, if anywhere.
#: queue         the queue's own redrive policy (SQS)
#: subscription  each subscription's redrive policy (SNS), not the topic
#: consumer      no dead-letter queue: the consumer's on-failure destination (Kinesis)
#: broker        the broker's configuration (Amazon MQ)
#: target        each rule target's dead-letter queue (EventBridge)
#: none          nowhere: failures are handled elsewhere (Firehose's error prefix in S3,
#:               Step Functions' Retry and Catch)
DeadLetterAt = Literal["queue", "subscription", "consumer", "broker", "target", "none"]


@dataclass(frozen=True)
class AtRest:
    """Encryption at rest when the model does not say.

    `default` is True (encrypted) or False (not); None when the default could not be
    confirmed. `always` means it cannot be turned off; `possible` False means the
    service offers none.
    """

    default: bool | None
    fact: Fact | None = None
    always: bool = False
    possible: bool = True


@dataclass(frozen=True)
class BackupDefault:
    """Automated backups when the model does not say: kept `days` days (0: none)."""

    days: int
    fact: Fact
    can_disable: bool = True


@dataclass(frozen=True)
class TtlDefault:
    """How long a cache keeps an object when the model gives no TTL."""

    seconds: int
    fact: Fact


@dataclass(frozen=True)
class Capabilities:
    """What one AWS service does by itself (see the module docstring)."""

    failover: Failover
    #: how findings name the service, where its id would not do ("Network Load Balancer")
    title: str = ""
    failover_fact: Fact | None = None
    #: placed in the subnets it declares, if any, though AWS runs it otherwise (Lambda)
    zones_from_subnets: bool = False
    scales_itself: bool = False
    scaling_fact: Fact | None = None
    waf: bool = False
    dead_letter: DeadLetterAt | None = None
    dead_letter_fact: Fact | None = None
    at_rest: AtRest = AtRest(default=None)
    backups: BackupDefault | None = None
    health_check: Fact | None = None
    #: what a cache evicts when full, unless told otherwise
    eviction: Fact | None = None
    #: the eviction is the engine's own (Memcached: least recently used): no policy to choose
    eviction_fixed: bool = False
    #: how long an edge or cache keeps an object when no TTL is given
    default_ttl: TtlDefault | None = None
    #: when it writes access logs, if only sometimes (an NLB: TLS listeners)
    access_logs: Fact | None = None
    #: it writes no access logs of its own (DynamoDB: CloudTrail records its calls)
    no_access_logs: Fact | None = None
    #: what a Lambda consumer of its change stream does with a failing batch (DynamoDB)
    stream_retry: Fact | None = None
    #: what happens to an asynchronous invocation that keeps failing (Lambda)
    async_failures: Fact | None = None
    #: every replica takes writes (DynamoDB global tables): several writers are right
    multi_writer: Fact | None = None
    #: its endpoint encrypts every connection, whatever the client declares
    in_transit: Fact | None = None
    #: AWS creates it only across two zones or more (an Application Load Balancer)
    two_zones: Fact | None = None


# --- sources ----------------------------------------------------------------------------

WAF_RESOURCES = Fact(
    "AWS WAF protects CloudFront distributions, Application Load Balancers, API Gateway "
    "REST APIs, AppSync GraphQL APIs, Cognito user pools, App Runner services, Verified "
    "Access instances and Amplify apps; not Network or Classic Load Balancers, nor API "
    "Gateway HTTP APIs",
    Source(
        "Resources that you can protect with AWS WAF",
        "https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html",
    ),
)
_RDS_FAILOVER = Fact(
    "an RDS Multi-AZ instance fails over to its standby in another zone",
    Source(
        "Multi-AZ DB instance deployments for Amazon RDS",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
    ),
    verified=False,  # well known, but not read in the documentation this table was built from
)
_AURORA_FAILOVER = Fact(
    "an Aurora cluster fails over to a reader (Aurora Replica) if it has one; without one, "
    "Aurora creates a new writer, which takes longer",
    Source(
        "FailoverDBCluster — Amazon RDS API Reference",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverDBCluster.html",
    ),
)
_MEMCACHED_FAILOVER = Fact(
    "Memcached has no replication or failover: a lost node's keys are gone, so its nodes are "
    "spread over zones (AZMode cross-az; single-az when neither AZMode nor preferred zones "
    "are given)",
    Source(
        "Choosing regions and availability zones for ElastiCache",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/RegionsAndAZs.html",
    ),
)
_REDIS_FAILOVER = Fact(
    "Valkey and Redis OSS fail over to a replica when Multi-AZ with automatic failover is on",
    Source(
        "Minimizing downtime in ElastiCache by using Multi-AZ",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
    ),
    verified=False,
)
_LAMBDA_ZONES = Fact(
    "a Lambda function in a VPC runs only in the zones of the subnets it is given",
    Source(
        "lambda-vpc-multi-az-check — AWS Config",
        "https://docs.aws.amazon.com/config/latest/developerguide/lambda-vpc-multi-az-check.html",
    ),
)
_LAMBDA_SCALING = Fact(
    "Lambda adds execution environments as requests arrive, up to the account's concurrency "
    "quota, without a scaling policy",
    Source(
        "Lambda scaling behavior",
        "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html",
    ),
)
_ECS_SCALING = Fact(
    "an ECS service, on Fargate too, runs its desired count of tasks until Service Auto "
    "Scaling (Application Auto Scaling) changes it",
    Source(
        "How do I configure Amazon ECS service auto scaling on Fargate? — AWS re:Post",
        "https://repost.aws/knowledge-center/ecs-fargate-service-auto-scaling",
    ),
)
_DYNAMODB_SCALING = Fact(
    "DynamoDB on-demand tables scale without capacity planning; provisioned tables need "
    "auto scaling",
    Source(
        "DynamoDB on-demand capacity mode",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html",
    ),
)
_SQS_DLQ = Fact(
    "an SQS queue moves a message to its dead-letter queue after maxReceiveCount receives "
    "(redrive policy)",
    Source(
        "Using dead-letter queues in Amazon SQS",
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
    ),
)
_SNS_DLQ = Fact(
    "SNS discards a message whose delivery retries run out (3 in a minute to an HTTP/S "
    "endpoint by default; none if the endpoint refuses it) unless the subscription has a "
    "dead-letter queue",
    Source(
        "Amazon SNS message delivery retries",
        "https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html",
    ),
)
_LAMBDA_ASYNC = Fact(
    "Lambda retries a failing asynchronous invocation twice, then discards the event unless "
    "the function has an on-failure destination or a dead-letter queue",
    Source(
        "How Lambda handles errors and retries with asynchronous invocation",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html",
    ),
)
_DYNAMODB_STREAM_RETRY = Fact(
    "a Lambda consumer of a DynamoDB stream retries a failing batch until its records expire "
    "after 24 hours (MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1), "
    "holding up its shard, unless it has an on-failure destination",
    Source(
        "Lambda parameters for Amazon DynamoDB event source mappings",
        "https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html",
    ),
)
_DYNAMODB_LOGS = Fact(
    "DynamoDB writes no access logs of its own: CloudTrail records its API calls, and item "
    "reads and writes only as data events, which a trail logs when told to",
    Source(
        "Logging data events — AWS CloudTrail",
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
    ),
)
_MEMCACHED_EVICTION = Fact(
    "Memcached evicts the least recently used items when its memory is full; ElastiCache "
    "offers no other policy, only error_on_memory_exhausted (off by default) to refuse "
    "writes instead",
    Source(
        "Memcached specific parameters — Amazon ElastiCache",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/ParameterGroups.Memcached.html",
    ),
)
_CLOUDFRONT_TTL = Fact(
    "CloudFront keeps an object 86400 seconds (one day) when neither the origin's "
    "Cache-Control or Expires headers nor the cache policy say otherwise (DefaultTTL)",
    Source(
        "CachePolicyConfig — Amazon CloudFront API Reference",
        "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html",
    ),
)
_KINESIS_DLQ = Fact(
    "a Kinesis stream has no dead-letter queue: its consumer's event source mapping sends "
    "failed batches to an on-failure destination, and retries without limit by default",
    Source(
        "Retain discarded batch records for a Kinesis Data Streams event source",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html",
    ),
)
_S3_AT_REST = Fact(
    "S3 encrypts every new object with SSE-S3 as the base level of encryption for every "
    "bucket since 5 January 2023",
    Source(
        "Using server-side encryption with Amazon S3 managed keys (SSE-S3)",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html",
    ),
)
_DYNAMODB_AT_REST = Fact(
    "DynamoDB encrypts all table data at rest, and this cannot be turned off",
    Source(
        "DynamoDB encryption at rest",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
    ),
)
_RDS_AT_REST = Fact(
    "RDS creates a DB instance unencrypted unless storage encryption is asked for",
    Source(
        "CreateDBInstance StorageEncrypted — AWS SDK for Kotlin, RDS API reference",
        "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-instance-request/storage-encrypted.html",
    ),
)
_AURORA_AT_REST = Fact(
    "Aurora encrypts every DB cluster created since 18 February 2026 at rest by default "
    "(an AWS owned key); a cluster created before then only if it was created encrypted",
    # read in AWS's Japanese edition of the page; its English copy in the store predated it
    Source(
        "Encrypting Amazon Aurora resources",
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html",
    ),
)
_REDIS_EVICTION = Fact(
    "ElastiCache (Redis OSS) evicts with volatile-lru unless told otherwise: the least "
    "recently used of the keys that have a TTL",
    Source(
        "Evictions — Database Caching Strategies Using Redis (AWS whitepaper)",
        "https://docs.aws.amazon.com/whitepapers/latest/database-caching-strategies-using-redis/evictions.html",
    ),
)
_REDIS_AT_REST = Fact(
    "node-based ElastiCache (Valkey, Redis OSS) is encrypted at rest only if that is chosen "
    "when the cluster is created (AtRestEncryptionEnabled, default false); serverless caches "
    "always are",
    Source(
        "At-Rest Encryption in ElastiCache",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    ),
)
_MEMCACHED_AT_REST = Fact(
    "node-based Memcached keeps data only in memory (no backups) and offers no encryption at "
    "rest, which ElastiCache supports for replication groups and serverless caches",
    Source(
        "At-Rest Encryption in ElastiCache",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    ),
)
_MQ_AT_REST = Fact(
    "Amazon MQ encrypts broker data at rest, with an AWS owned key unless a KMS key is given",
    Source(
        "AWS::AmazonMQ::Broker EncryptionOptions",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-amazonmq-broker-encryptionoptions.html",
    ),
)
_SQS_AT_REST = Fact(
    "SQS applies SSE-SQS to new queues by default",
    Source(
        "Encryption at rest in Amazon SQS",
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
    ),
    verified=False,  # only the CDK's README says so; the SQS guide's statement was not found
)
_RDS_BACKUPS = Fact(
    "RDS keeps automated backups 1 day when an instance is created through the API, the CLI "
    "or CloudFormation without a retention period (7 days from the console)",
    Source(
        "Backup retention period — Amazon RDS User Guide",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html",
    ),
)
_AURORA_BACKUPS = Fact(
    "Aurora keeps automated backups 1 day unless told otherwise, and 1 to 35 days: they "
    "cannot be turned off",
    Source(
        "CreateDBCluster BackupRetentionPeriod — AWS SDK for Kotlin, RDS API reference",
        "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-cluster-request/backup-retention-period.html",
    ),
)
_DYNAMODB_BACKUPS = Fact(
    "DynamoDB keeps no continuous backups unless point-in-time recovery is turned on",
    Source(
        "Enable point-in-time recovery in DynamoDB",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html",
    ),
)
_ALB_HEALTH = Fact(
    "an Application Load Balancer always checks its targets' health: unless configured, an "
    "HTTP request for / on the traffic port every 30 seconds",
    Source(
        "Health checks for Application Load Balancer target groups",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
    ),
)
_ALB_ZONES = Fact(
    "an Application Load Balancer is created only with subnets in at least two Availability Zones",
    Source(
        "Application Load Balancers: Availability Zones",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones",
    ),
)
_NLB_HEALTH = Fact(
    "a Network Load Balancer always checks its targets' health: unless configured, a TCP "
    "connection to the traffic port every 30 seconds",
    Source(
        "CreateTargetGroup — Elastic Load Balancing API Reference",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    ),
)
_GWLB_HEALTH = Fact(
    "a Gateway Load Balancer always checks its targets' health: unless configured, a TCP "
    "connection every 10 seconds",
    Source(
        "CreateTargetGroup — Elastic Load Balancing API Reference",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    ),
)
_NLB_LOGS = Fact(
    "a Network Load Balancer writes access logs only for TLS listeners",
    Source(
        "Access logs for your Network Load Balancer",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html",
    ),
)
_DYNAMODB_GLOBAL = Fact(
    "every replica of a DynamoDB global table serves reads and writes (multi-active)",
    Source(
        "Global tables - multi-active, multi-Region replication",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    ),
)

_DYNAMODB_IN_TRANSIT = Fact(
    "DynamoDB protects data in transit between clients and DynamoDB",
    Source(
        "Data protection in DynamoDB",
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/data-protection.html",
    ),
)
_KEYSPACES_IN_TRANSIT = Fact(
    "Amazon Keyspaces only accepts connections over TLS",
    Source(
        "Encryption in transit in Amazon Keyspaces",
        "https://docs.aws.amazon.com/keyspaces/latest/devguide/encryption-in-transit.html",
    ),
)
_APP_RUNNER_ZONES = Fact(
    "a higher minimum number of App Runner instances spreads the service over more zones",
    Source(
        "AutoScalingConfiguration — AWS App Runner API Reference",
        "https://docs.aws.amazon.com/apprunner/latest/api/API_AutoScalingConfiguration.html",
    ),
)
_DOCUMENTDB_FAILOVER = Fact(
    "a DocumentDB cluster fails over to a replica instance; for failover to work it needs at "
    "least two instances, a primary and a replica",
    Source(
        "Amazon DocumentDB Failover",
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/failover.html",
    ),
)
_NEPTUNE_FAILOVER = Fact(
    "a Neptune cluster fails over to a read replica if one exists when the primary fails",
    Source(
        "FailoverDBCluster — Amazon Neptune API Reference",
        "https://docs.aws.amazon.com/neptune/latest/apiref/API_FailoverDBCluster.html",
    ),
)
_GA_HEALTH = Fact(
    "Global Accelerator checks its endpoints' health by itself: unless configured, a TCP "
    "check every 30 seconds",
    Source(
        "EndpointGroup — AWS Global Accelerator API Reference",
        "https://docs.aws.amazon.com/global-accelerator/latest/api/API_EndpointGroup.html",
    ),
)
_APP_RUNNER_SCALING = Fact(
    "App Runner scales its instances up and down with the requests by itself",
    Source(
        "Managing App Runner automatic scaling",
        "https://docs.aws.amazon.com/apprunner/latest/dg/manage-autoscaling.html",
    ),
)
_BATCH_SCALING = Fact(
    "a managed AWS Batch compute environment launches and terminates capacity as the job "
    "queue needs it",
    Source(
        "Components of AWS Batch",
        "https://docs.aws.amazon.com/batch/latest/userguide/batch_components.html",
    ),
)
_NAT_ZONAL = Fact(
    "a NAT gateway is redundant within one zone only; resources in other zones lose their "
    "way out when that zone fails, so AWS advises one per zone (a regional NAT gateway "
    "spans zones)",
    Source(
        "NAT gateways — Amazon VPC User Guide",
        "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    ),
)
_EVENTBRIDGE_DLQ = Fact(
    "EventBridge retries delivering an event to a target for 24 hours (185 attempts) by "
    "default, then drops it unless the target has a dead-letter queue",
    Source(
        "How EventBridge retries delivering events",
        "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html",
    ),
)
_KINESIS_RETRY = Fact(
    "a Lambda consumer of a Kinesis stream retries a failing batch until its records expire "
    "(MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1), holding up its "
    "shard, unless it has an on-failure destination",
    Source(
        "Lambda parameters for Amazon Kinesis Data Streams event source mappings",
        "https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html",
    ),
)

# --- the table --------------------------------------------------------------------------

_MANAGED = Capabilities(failover="managed")
_CLIENT = Capabilities(failover="outside")
_RDS = Capabilities(
    failover="standby",
    failover_fact=_RDS_FAILOVER,
    at_rest=AtRest(default=False, fact=_RDS_AT_REST),
    backups=BackupDefault(days=1, fact=_RDS_BACKUPS),
)
_AURORA = Capabilities(
    failover="reader",
    title="Aurora",
    failover_fact=_AURORA_FAILOVER,
    at_rest=AtRest(default=True, fact=_AURORA_AT_REST),
    backups=BackupDefault(days=1, fact=_AURORA_BACKUPS, can_disable=False),
)
_VALKEY = Capabilities(
    failover="replica",
    failover_fact=_REDIS_FAILOVER,
    at_rest=AtRest(default=False, fact=_REDIS_AT_REST),
)
_SCALED_BY_POLICY = Capabilities(failover="copies", scaling_fact=_ECS_SCALING)
_DYNAMODB = Capabilities(
    failover="managed",
    scaling_fact=_DYNAMODB_SCALING,  # on-demand, or provisioned with auto scaling (capacity)
    at_rest=AtRest(default=True, fact=_DYNAMODB_AT_REST, always=True),
    backups=BackupDefault(days=0, fact=_DYNAMODB_BACKUPS),
    multi_writer=_DYNAMODB_GLOBAL,
    in_transit=_DYNAMODB_IN_TRANSIT,
    no_access_logs=_DYNAMODB_LOGS,
    stream_retry=_DYNAMODB_STREAM_RETRY,
)
_API = Capabilities(failover="managed", scales_itself=True)

#: service -> what it does by itself; every service of `services.SERVICES` is here
CAPABILITIES: Final[dict[str, Capabilities]] = {
    # client
    "users": _CLIENT,
    "mobile-client": _CLIENT,
    "browser": _CLIENT,
    # dns, cdn
    "route53": _MANAGED,
    "cloudfront": Capabilities(
        failover="managed", waf=True, default_ttl=TtlDefault(86400, _CLOUDFRONT_TTL)
    ),
    # load-balancer: a node per enabled zone
    "alb": Capabilities(
        failover="copies", waf=True, health_check=_ALB_HEALTH, two_zones=_ALB_ZONES
    ),
    "gwlb": Capabilities(
        failover="copies", title="Gateway Load Balancer", health_check=_GWLB_HEALTH
    ),
    "global-accelerator": Capabilities(
        failover="managed", title="Global Accelerator", health_check=_GA_HEALTH
    ),
    "nlb": Capabilities(
        failover="copies",
        title="Network Load Balancer",
        health_check=_NLB_HEALTH,
        access_logs=_NLB_LOGS,
    ),
    "clb": Capabilities(failover="copies", title="Classic Load Balancer"),
    # compute
    "ec2": Capabilities(failover="copies"),
    "ecs": _SCALED_BY_POLICY,
    "fargate": _SCALED_BY_POLICY,
    "ecs-ec2": _SCALED_BY_POLICY,
    "eks": Capabilities(failover="copies"),
    "elastic-beanstalk": Capabilities(failover="copies"),
    "app-runner": Capabilities(
        failover="instances",
        failover_fact=_APP_RUNNER_ZONES,
        scales_itself=True,
        scaling_fact=_APP_RUNNER_SCALING,
        waf=True,
    ),
    "batch": Capabilities(failover="copies", scales_itself=True, scaling_fact=_BATCH_SCALING),
    "lambda": Capabilities(
        failover="managed",
        failover_fact=_LAMBDA_ZONES,
        zones_from_subnets=True,
        scales_itself=True,
        scaling_fact=_LAMBDA_SCALING,
        async_failures=_LAMBDA_ASYNC,
    ),
    # database
    "rds-mysql": _RDS,
    "rds-postgresql": _RDS,
    "rds-mariadb": _RDS,
    "aurora-mysql": _AURORA,
    "aurora-postgresql": _AURORA,
    "dynamodb": _DYNAMODB,
    "dynamodb-global": _DYNAMODB,
    "aurora-mysql-serverless": _AURORA,
    "aurora-postgresql-serverless": _AURORA,
    "documentdb": Capabilities(
        failover="reader", title="DocumentDB", failover_fact=_DOCUMENTDB_FAILOVER
    ),
    "neptune": Capabilities(failover="reader", title="Neptune", failover_fact=_NEPTUNE_FAILOVER),
    "keyspaces": Capabilities(failover="managed", in_transit=_KEYSPACES_IN_TRANSIT),
    "redshift": Capabilities(failover="standby"),
    # cache
    "elasticache-redis": replace(_VALKEY, eviction=_REDIS_EVICTION),
    "elasticache-valkey": _VALKEY,  # its default eviction policy was not confirmed
    "memorydb": Capabilities(failover="replica"),
    "elasticache-memcached": Capabilities(
        failover="spread",
        failover_fact=_MEMCACHED_FAILOVER,
        at_rest=AtRest(default=False, fact=_MEMCACHED_AT_REST, possible=False),
        eviction=_MEMCACHED_EVICTION,
        eviction_fixed=True,
    ),
    # storage
    "s3": Capabilities(
        failover="managed",
        scales_itself=True,
        at_rest=AtRest(default=True, fact=_S3_AT_REST, always=True),
    ),
    "efs": Capabilities(failover="managed", scales_itself=True),
    "s3-glacier": _MANAGED,
    "fsx": Capabilities(failover="copies"),  # Single-AZ or Multi-AZ: the model does not say
    "ebs": Capabilities(failover="copies"),  # a volume lives in one zone
    # queue
    "sqs": Capabilities(
        failover="managed",
        scales_itself=True,
        dead_letter="queue",
        dead_letter_fact=_SQS_DLQ,
        at_rest=AtRest(default=None, fact=_SQS_AT_REST),
    ),
    "sns": Capabilities(
        failover="managed",
        scales_itself=True,
        dead_letter="subscription",
        dead_letter_fact=_SNS_DLQ,
    ),
    "amazon-mq": Capabilities(
        failover="copies",  # a single-instance broker, or an active/standby pair over two zones
        dead_letter="broker",
        at_rest=AtRest(default=True, fact=_MQ_AT_REST, always=True),
    ),
    "kinesis": Capabilities(
        failover="managed", dead_letter="consumer", dead_letter_fact=_KINESIS_DLQ
    ),
    # stream, event bus, workflow
    "kinesis-data-streams": Capabilities(
        failover="managed", dead_letter="consumer", dead_letter_fact=_KINESIS_RETRY
    ),
    "kinesis-firehose": Capabilities(failover="managed", scales_itself=True, dead_letter="none"),
    "msk": Capabilities(failover="copies"),  # brokers in the subnets' zones
    "eventbridge": Capabilities(
        failover="managed",
        scales_itself=True,
        dead_letter="target",
        dead_letter_fact=_EVENTBRIDGE_DLQ,
    ),
    "eventbridge-scheduler": Capabilities(failover="managed", scales_itself=True),
    "step-functions": Capabilities(failover="managed", scales_itself=True, dead_letter="none"),
    # api, identity, firewall
    "api-gateway-rest": replace(_API, waf=True, title="API Gateway REST API"),
    "api-gateway-http": replace(_API, title="API Gateway HTTP API"),
    "api-gateway-websocket": replace(_API, title="API Gateway WebSocket API"),
    "appsync": replace(_API, waf=True, title="AppSync API"),
    "cognito-user-pool": Capabilities(failover="managed", waf=True),
    "cognito-identity-pool": _MANAGED,
    "iam-identity-center": _MANAGED,
    "waf": _MANAGED,
    "shield-advanced": _MANAGED,
    "network-firewall": Capabilities(failover="managed", zones_from_subnets=True),
    # gateway
    "nat-gateway": Capabilities(failover="copies", failover_fact=_NAT_ZONAL),
    "nat-gateway-regional": _MANAGED,
    "internet-gateway": _MANAGED,
    "vpc-endpoint-gateway": _MANAGED,
    "vpc-endpoint-interface": Capabilities(failover="managed", zones_from_subnets=True),
    "transit-gateway": _MANAGED,
    # search, secrets, registry
    "opensearch": Capabilities(failover="copies"),  # data nodes over zones (zone awareness)
    "secrets-manager": _MANAGED,
    "kms": _MANAGED,
    "ssm-parameter-store": _MANAGED,
    "acm": _MANAGED,
    "ecr": _MANAGED,
    # monitoring, pipeline
    "cloudwatch": _MANAGED,
    "cloudwatch-logs": _MANAGED,
    "x-ray": _MANAGED,
    "cloudwatch-alarm": _MANAGED,
    "cloudwatch-synthetics": _MANAGED,
    "codepipeline": _MANAGED,
    "codedeploy": _MANAGED,
    "cloudformation": _MANAGED,
}

#: a service this table does not know yet: no capability assumed, so rules ask
UNKNOWN: Final = Capabilities(failover="copies")


def capabilities(service: str) -> Capabilities:
    """What `service` does by itself (`UNKNOWN` for a service not in the table)."""
    return CAPABILITIES.get(service, UNKNOWN)


# --- protocols --------------------------------------------------------------------------

#: protocol -> encrypted in transit by the protocol itself: True (always), False (plaintext
#: unless the connection says `tls: true`), None (either; the model must say)
PROTOCOL_ENCRYPTED: Final[dict[str, bool | None]] = {
    "https": True,
    "tls": True,
    "ssh": True,  # SSH's transport encrypts every session
    "rdp": True,  # RDP always encrypts (TLS by default on current Windows)
    "grpc": None,  # over TLS, or plaintext HTTP/2 (h2c)
    "websocket": None,  # wss:// or ws://
    "http": False,
    "tcp": False,
    "dns": False,
    "mysql": False,  # TLS is negotiated only if the client asks (tls: true)
    "postgresql": False,
    "redis": False,
    "memcached": False,
    "amqp": False,  # amqps is AMQP over TLS
    "kafka": False,  # a PLAINTEXT or an SSL listener
    "mqtt": False,  # 1883 plaintext, 8883 over TLS
    "smtp": False,  # STARTTLS is optional
    "nfs": False,  # EFS encrypts in transit only when mounted with TLS
    "smb": False,  # SMB 3 encryption is a per-share option
    "sqs": None,  # the SQS API takes HTTP and HTTPS endpoints
}

#: protocols that carry web requests (what a web application firewall inspects)
WEB_PROTOCOLS: Final = frozenset({"http", "https", "grpc", "websocket"})


def protocol_encrypted(protocol: str | None) -> bool | None:
    """Whether `protocol` encrypts by itself (see `PROTOCOL_ENCRYPTED`); None if unknown."""
    return PROTOCOL_ENCRYPTED.get(protocol) if protocol is not None else None
