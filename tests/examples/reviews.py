"""The hand review of every finding archgen reports on the corpus of real architectures
(`examples/real/`), one (rule, component) pair at a time.

Each finding is one of:

- TRUE: the architecture really has this weakness (the research's "what a careful
  reviewer would flag", or a plain fact of the template).
- NOISE: literally true of the model, but a careful reviewer would not raise it for this
  architecture (plumbing AWS monitors by itself, one-off helper hosts, a cache setting
  the application makes rather than the template).
- FALSE: the rule misjudges the service or the path (a false positive). Each one names
  why; they are expected to disappear as rules learn the services (issue 13).

MISSED lists what a careful reviewer expects and archgen does not report (false
negatives): with the rule that should report it when one exists, else None.
"""

from __future__ import annotations

Pair = tuple[str, str]

# --- the reasons shared by many findings --------------------------------------------

#: OPS002 on a component a request waits for, which the template watches with nothing
NO_ALARMS = "no alarm, dashboard or log export watches it: the template defines none"
#: OPS002 on plumbing: AWS publishes its metrics, and nobody alarms on each one
PLUMBING = "network or security plumbing: AWS publishes its metrics; no alarm expected"
S3_ORIGIN = "an S3 bucket behind CloudFront or the browser: the entry point is what to watch"
IDENTITY = "Cognito publishes its metrics; a reviewer asks for MFA first, not alarms"
ASYNC_ONLY = "reached only asynchronously (replication, log delivery, a queue, a bus or a "
ASYNC_ONLY += "started execution): not on a request path"
MANAGED = "a regional service AWS runs across zones by itself: not a single point of failure"
NO_PITR = "DynamoDB table without point-in-time recovery or a backup plan"
DYNAMODB_LOGS = "DynamoDB has no access logs to turn on (CloudTrail data events at most)"
SSH_ENCRYPTED = "SSH is encrypted"
LOG_DELIVERY = "CloudFront's log delivery to S3 is AWS's own transfer, not traffic at the edge"
API_GATE = "the API authorises each caller and maps a request to one DynamoDB or Step "
API_GATE += "Functions action: an application tier in itself"
LAMBDA_SCALES = "Lambda scales with its invocations: no scaling range to declare"
NOT_A_TIER = "a bastion is an administration host, not a serving tier (no role says so)"
NO_WAF_HERE = "AWS WAF cannot attach to a Network Load Balancer, and it carries SSH"

TRUE: dict[str, dict[Pair, str]] = {
    "containers": {
        ("OPS001", "alb"): "ALB access logs off",
        ("OPS002", "alb"): NO_ALARMS,
        ("PERF007", "ecs-hosts"): "the cluster's Auto Scaling group is fixed at 4 (min = max)",
        ("PERF007", "products"): "the product service has no service auto scaling",
        ("SEC004", "alb"): "the ALB's only listener is HTTP :80",
        ("SEC007", "alb"): "no WAF on the internet-facing ALB",
        ("SEC012", "alb"): "its security group admits every protocol and port from 0.0.0.0/0",
    },
    "data-lake": {
        ("OPS001", "warehouse"): "Redshift audit logging is not enabled",
        ("OPS002", "firehose"): "Firehose without error logging or alarms",
        ("OPS002", "search"): "no log publishing or alarms on the domain",
        ("OPS002", "warehouse"): NO_ALARMS,
        ("REL001", "warehouse"): "a single-node Redshift cluster",
        ("REL014", "curated-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("REL014", "published-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("REL014", "submissions-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("SEC001", "warehouse"): "Redshift is publicly accessible (the master's default)",
        ("SEC002", "warehouse"): "analysts reach the public cluster directly",
        ("SEC004", "warehouse"): "Redshift does not require SSL by default (require_ssl off)",
        ("SEC006", "curated-topic"): "SNS topic without a KMS key",
        ("SEC006", "published-topic"): "SNS topic without a KMS key",
        ("SEC006", "submissions-topic"): "SNS topic without a KMS key",
        ("SEC006", "warehouse"): "RedshiftEncrypted defaults to false",
        ("SEC010", "warehouse"): "its security group admits 5439 from the whole VPC, public "
        "subnets included; the bastion and Firehose are what reach it",
    },
    "event-driven": {
        ("OPS001", "journey-cdn"): "the distribution has no logging",
        ("OPS002", "config-api"): NO_ALARMS + "; no access logs",
        ("OPS002", "config-table"): NO_ALARMS,
        ("OPS002", "create-auth"): NO_ALARMS + " (on the sign-in path)",
        ("OPS002", "define-auth"): NO_ALARMS + " (on the sign-in path)",
        ("OPS002", "get-qr"): NO_ALARMS,
        ("OPS002", "journey-cdn"): NO_ALARMS,
        ("OPS002", "order-api"): NO_ALARMS + "; no access logs",
        ("OPS002", "order-table"): NO_ALARMS,
        ("OPS002", "pre-sign-up"): NO_ALARMS + " (on the sign-in path)",
        ("OPS002", "validator-api"): NO_ALARMS + "; no access logs",
        ("OPS002", "validator-table"): NO_ALARMS,
        ("OPS002", "verify-auth"): NO_ALARMS + " (on the sign-in path)",
        ("OPS002", "verify-qr"): NO_ALARMS,
        ("REL007", "config-table"): NO_PITR,
        ("REL007", "counting-table"): NO_PITR,
        ("REL007", "journey-table"): NO_PITR,
        ("REL007", "order-table"): NO_PITR,
        ("REL007", "validator-table"): NO_PITR,
        ("SEC007", "journey-cdn"): "no WAF on the public distribution",
    },
    "hub-and-spoke": {
        ("OPS002", "nlb"): NO_ALARMS,
        ("OPS002", "spoke-a-host"): NO_ALARMS,
        ("OPS002", "spoke-b-host"): NO_ALARMS,
        ("PERF007", "spoke-a-host"): "a lone instance, no Auto Scaling group",
        ("PERF007", "spoke-b-host"): "a lone instance, no Auto Scaling group",
        ("REL003", "spoke-a-host"): "one instance in one zone although the network has two",
        ("REL003", "spoke-b-host"): "one instance in one zone although the network has two",
    },
    "multi-region": {
        ("OPS002", "app-state"): NO_ALARMS,
        ("OPS002", "app-state-usw2"): NO_ALARMS,
        ("OPS002", "comments"): NO_ALARMS,
        ("OPS002", "comments-usw2"): NO_ALARMS,
        ("OPS002", "console-cdn"): NO_ALARMS,
        ("OPS002", "photos-api"): NO_ALARMS + " (access logs only)",
        ("OPS002", "photos-api-usw2"): NO_ALARMS + " (access logs only)",
        ("OPS002", "routing-api"): NO_ALARMS + " (access logs only)",
        ("OPS002", "routing-api-usw2"): NO_ALARMS + " (access logs only)",
        ("REL007", "app-state"): NO_PITR,
        ("REL007", "app-state-usw2"): NO_PITR,
        ("REL007", "comments"): NO_PITR,
        ("REL007", "comments-usw2"): NO_PITR,
        ("REL015", "console-cdn"): "the front end's only origin is in the primary region",
        ("SEC007", "console-cdn"): "no WAF on the public distribution",
    },
    "saga-workflow": {
        ("OPS002", "api"): NO_ALARMS + "; no access logs",
        ("OPS002", "starter"): NO_ALARMS,
        ("REL007", "flights"): NO_PITR,
        ("REL007", "payments"): NO_PITR,
        ("REL007", "rentals"): NO_PITR,
        ("SEC006", "notify"): "SNS topic without a KMS key",
    },
    "serverless-api": {
        ("OPS002", "api"): NO_ALARMS + "; no access logs or tracing",
        ("OPS002", "jwt-handler"): NO_ALARMS,
        ("OPS002", "site-cdn"): NO_ALARMS,
        ("OPS002", "test-handler"): NO_ALARMS,
        ("OPS002", "test-table"): NO_ALARMS,
        ("PERF004", "site-cdn"): "a one-day TTL and no invalidation step on deployment",
        ("REL007", "test-table"): NO_PITR + " (the template suppresses the check)",
    },
    "static-site": {
        ("OPS002", "cdn"): NO_ALARMS,
        ("PERF004", "cdn"): "a one-day TTL and no invalidation step on deployment",
        ("SEC007", "cdn"): "no WAF on the distribution",
    },
    "three-tier": {
        ("OPS001", "alb"): "ALB access logs off",
        ("OPS001", "db"): "no audit or slow-query log export",
        ("OPS002", "alb"): NO_ALARMS,
        ("OPS002", "db"): NO_ALARMS,
        ("OPS002", "web"): NO_ALARMS,
        ("PERF007", "web"): "the Auto Scaling group has no scaling policy",
        ("REL001", "web"): "one web instance carries every request",
        ("REL003", "web"): "desired capacity 1 in a three-zone VPC",
        ("REL007", "db"): "no BackupRetentionPeriod: the API default keeps one day",
        ("SEC004", "alb"): "the ALB's only listener is HTTP :80",
        ("SEC005", "db"): "nothing makes the web tier use TLS to MySQL",
        ("SEC007", "alb"): "no WAF on the internet-facing ALB",
    },
    "wordpress": {
        ("OPS001", "alb"): "ALB access logs off",
        ("OPS001", "cdn"): "CloudFront logging off",
        ("OPS001", "db"): "no audit or slow-query log export",
        ("OPS002", "cdn"): NO_ALARMS,
        ("OPS002", "web"): NO_ALARMS + " (the dashboard shows the ALB, EFS, RDS and cache)",
        ("PERF007", "web"): "min 2, max 4, but no scaling policy drives it",
        ("SEC004", "alb"): "CloudFront reaches the origin over HTTP without a certificate",
        ("SEC004", "cdn"): "viewers may use HTTP (allow-all) without a certificate",
        ("SEC005", "cache"): "Memcached without encryption in transit",
        ("SEC005", "db"): "nothing makes WordPress use TLS to MySQL",
        ("SEC007", "alb"): "no WAF, and the ALB is reachable around CloudFront",
        ("SEC007", "cdn"): "no WAF on the distribution",
        ("SEC009", "bastion"): "SSH open to 0.0.0.0/0 (SshAccessCidr's default)",
        ("SEC011", "alb"): "its security group admits 80 and 443 from 0.0.0.0/0 behind CloudFront",
    },
}

NOISE: dict[str, dict[Pair, str]] = {
    "containers": {
        ("REL014", "lifecycle-topic"): "a lost lifecycle message only delays a termination "
        "(900 s heartbeat, then ABANDON)",
    },
    "data-lake": {
        ("OPS002", "athena"): "serverless query service; no alarm expected",
        ("OPS002", "athena-results"): "a results bucket",
        ("OPS002", "bastion"): "an administration host",
        ("OPS002", "catalog-curated"): "a Glue catalogue database",
        ("OPS002", "catalog-submissions"): "a Glue catalogue database",
        ("OPS002", "curated"): "a data-lake bucket read by analytics",
        ("OPS002", "notebook"): "an analyst's notebook",
        ("PERF007", "bastion"): "an administration host needs no scaling",
    },
    "event-driven": {
        ("OPS002", "identity-pool"): IDENTITY,
        ("OPS002", "iot"): "IoT Core publishes its metrics; a message broker for the apps",
        ("OPS002", "journey-bucket"): S3_ORIGIN,
        ("OPS002", "user-pool"): IDENTITY,
        ("REL015", "journey-cdn"): "one S3 origin for an order-status page is accepted practice",
    },
    "hub-and-spoke": {
        ("OPS002", "egress-igw"): PLUMBING,
        ("OPS002", "ingress-igw"): PLUMBING,
        ("OPS002", "nat-a"): PLUMBING,
        ("OPS002", "nat-b"): PLUMBING,
        ("OPS002", "password"): PLUMBING,
        ("OPS002", "spoke-a-ec2messages"): PLUMBING,
        ("OPS002", "spoke-a-ssm"): PLUMBING,
        ("OPS002", "spoke-a-ssmmessages"): PLUMBING,
        ("OPS002", "spoke-b-ec2messages"): PLUMBING,
        ("OPS002", "spoke-b-ssm"): PLUMBING,
        ("OPS002", "spoke-b-ssmmessages"): PLUMBING,
        ("OPS002", "tgw"): PLUMBING,
    },
    "multi-region": {
        ("OPS002", "console-bucket"): S3_ORIGIN,
        ("OPS002", "identity-pool"): IDENTITY,
        ("OPS002", "photos"): S3_ORIGIN,
        ("OPS002", "photos-usw2"): S3_ORIGIN,
        ("OPS002", "state-updater"): "an operator's switch, run by hand",
        ("OPS002", "state-updater-usw2"): "an operator's switch, run by hand",
        ("OPS002", "user-pool"): IDENTITY,
        ("PERF004", "console-cdn"): "a demo console deployed once with the stack",
    },
    "saga-workflow": {},
    "serverless-api": {
        ("OPS002", "site-content"): S3_ORIGIN,
        ("OPS002", "user-pool"): IDENTITY,
        ("REL015", "site-cdn"): "one S3 origin for a static site is accepted practice",
    },
    "static-site": {
        ("OPS002", "dns"): PLUMBING,
        ("OPS002", "site-bucket"): S3_ORIGIN,
        ("REL015", "cdn"): "one S3 origin for a static site is accepted practice",
    },
    "three-tier": {
        ("OPS002", "db-key"): PLUMBING,
        ("OPS002", "igw"): PLUMBING,
        ("OPS002", "nat-a"): PLUMBING,
        ("OPS002", "nat-b"): PLUMBING,
        ("OPS002", "nat-c"): PLUMBING,
        ("OPS002", "s3-endpoint"): PLUMBING,
    },
    "wordpress": {
        ("OPS002", "bastion"): "an administration host, scaled to 0 until needed",
        ("OPS002", "dns"): PLUMBING,
        ("OPS002", "igw"): PLUMBING,
        ("OPS002", "nat-a"): PLUMBING,
        ("OPS002", "nat-b"): PLUMBING,
        ("OPS002", "nat-c"): PLUMBING,
        ("PERF001", "cache"): "W3 Total Cache sets the TTL in WordPress, not the template",
        ("PERF001", "cdn"): "pages are uncached on purpose (TTL 0); wp-content and "
        "wp-includes are kept 15 minutes, which one ttl cannot say",
        ("PERF003", "cache"): "W3 Total Cache's invalidation is the plugin's, not the template's",
        ("PERF007", "alarm-updater"): "a one-off helper that terminates itself",
        ("PERF007", "efs-loader"): "a one-off helper that terminates itself",
        ("REL014", "alarm-topic"): "e-mail alarm notifications; a lost one costs little",
        ("REL014", "efs-size-schedule"): "a once-a-minute metric run; a lost one costs nothing",
        ("REL015", "cdn"): "the one origin is an ALB over three zones",
    },
}

KNOWN_FALSE: dict[str, dict[Pair, str]] = {
    "containers": {
        ("SUS001", "drainer"): LAMBDA_SCALES,
    },
    "data-lake": {
        ("OPS002", "curated-topic"): "reached only through S3's object-created notification",
        ("OPS002", "indexer"): ASYNC_ONLY,
        ("OPS002", "submissions"): ASYNC_ONLY,
        ("OPS002", "submissions-topic"): ASYNC_ONLY,
        ("REL001", "athena"): MANAGED,
        ("REL001", "firehose"): MANAGED,
        ("REL003", "bastion"): NOT_A_TIER,
        ("SEC002", "curated-topic"): "SNS is reached by S3 notifications its topic policy "
        "admits from the bucket alone, not by the internet",
        ("SEC002", "submissions-topic"): "SNS is reached by S3 notifications its topic policy "
        "admits from the bucket alone, not by the internet",
        ("SEC004", "bastion"): SSH_ENCRYPTED,
        ("SUS001", "indexer"): LAMBDA_SCALES,
    },
    "event-driven": {
        ("OPS001", "config-table"): DYNAMODB_LOGS,
        ("OPS001", "counting-table"): DYNAMODB_LOGS,
        ("OPS001", "journey-table"): DYNAMODB_LOGS,
        ("OPS001", "order-table"): DYNAMODB_LOGS,
        ("OPS001", "validator-table"): DYNAMODB_LOGS,
        ("OPS002", "config-changed"): ASYNC_ONLY,
        ("OPS002", "counting-table"): ASYNC_ONLY,
        ("OPS002", "generate-html"): ASYNC_ONLY,
        ("OPS002", "journey-table"): ASYNC_ONLY,
        ("OPS002", "order-journey"): ASYNC_ONLY,
        ("OPS002", "order-manager"): ASYNC_ONLY,
        ("OPS002", "order-processor"): ASYNC_ONLY,
        ("OPS002", "order-timed-out"): ASYNC_ONLY,
        ("OPS002", "publish-admin"): ASYNC_ONLY,
        ("OPS002", "publish-config"): ASYNC_ONLY,
        ("OPS002", "publish-user"): ASYNC_ONLY,
        ("OPS002", "sanitize-order"): ASYNC_ONLY,
        ("OPS002", "waiting-completion"): ASYNC_ONLY,
        ("OPS002", "workflow-started"): ASYNC_ONLY,
        ("PERF004", "journey-cdn"): "with a 5-second TTL there is nothing to invalidate",
        ("REL001", "bus"): MANAGED,
        ("REL001", "order-journey"): MANAGED,
        ("REL001", "order-processor"): MANAGED,
        ("REL001", "validator-api"): MANAGED,
        ("SEC002", "config-table"): API_GATE,
        ("SEC002", "counting-table"): API_GATE,
        ("SEC002", "journey-table"): API_GATE,
        ("SEC002", "order-table"): API_GATE,
    },
    "hub-and-spoke": {
        ("OPS001", "nlb"): "an NLB writes access logs only for TLS listeners; these are TCP",
        ("REL013", "nlb"): "target groups always health-check (TCP every 30 s by default)",
        ("SEC004", "ingress-igw"): SSH_ENCRYPTED,
        ("SEC007", "nlb"): NO_WAF_HERE,
    },
    "multi-region": {
        ("OPS001", "app-state"): DYNAMODB_LOGS,
        ("OPS001", "app-state-usw2"): DYNAMODB_LOGS,
        ("OPS001", "comments"): DYNAMODB_LOGS,
        ("OPS001", "comments-usw2"): DYNAMODB_LOGS,
        ("OPS002", "console-logs"): ASYNC_ONLY,
        ("OPS002", "photos-logs"): ASYNC_ONLY,
        ("OPS002", "photos-logs-usw2"): ASYNC_ONLY,
        ("PERF001", "console-cdn"): "no TTL set means CloudFront's default of one day",
        ("REL001", "photos-api"): MANAGED,
        ("REL001", "photos-api-usw2"): MANAGED,
        ("REL006", "app-state"): "every replica of a DynamoDB global table takes writes",
        ("REL006", "app-state-usw2"): "every replica of a DynamoDB global table takes writes",
        ("REL006", "comments"): "every replica of a DynamoDB global table takes writes",
        ("REL006", "comments-usw2"): "every replica of a DynamoDB global table takes writes",
        ("SEC002", "app-state"): API_GATE + " (IAM-signed)",
        ("SEC002", "app-state-usw2"): API_GATE + " (IAM-signed)",
        ("SEC002", "comments"): API_GATE + " (IAM-signed)",
        ("SEC002", "comments-usw2"): API_GATE + " (IAM-signed)",
    },
    "saga-workflow": {
        ("OPS001", "flights"): DYNAMODB_LOGS,
        ("OPS001", "payments"): DYNAMODB_LOGS,
        ("OPS001", "rentals"): DYNAMODB_LOGS,
        ("OPS002", "cancel-car"): ASYNC_ONLY,
        ("OPS002", "cancel-flight"): ASYNC_ONLY,
        ("OPS002", "confirm-car"): ASYNC_ONLY,
        ("OPS002", "confirm-flight"): ASYNC_ONLY,
        ("OPS002", "flights"): ASYNC_ONLY,
        ("OPS002", "notify"): ASYNC_ONLY,
        ("OPS002", "payments"): ASYNC_ONLY,
        ("OPS002", "refund-payment"): ASYNC_ONLY,
        ("OPS002", "rentals"): ASYNC_ONLY,
        ("OPS002", "reserve-car"): ASYNC_ONLY,
        ("OPS002", "reserve-flight"): ASYNC_ONLY,
        ("OPS002", "saga"): ASYNC_ONLY,
        ("OPS002", "take-payment"): ASYNC_ONLY,
        ("REL001", "api"): MANAGED,
        ("REL001", "saga"): MANAGED,
        ("REL014", "notify"): "its one subscription is SMS, where a redrive policy does not help",
    },
    "serverless-api": {
        ("OPS001", "test-table"): DYNAMODB_LOGS,
        ("OPS002", "cdn-logs"): ASYNC_ONLY,
        ("OPS002", "cdn-logs-access-logs"): ASYNC_ONLY,
        ("OPS002", "cdn-logs-replica"): ASYNC_ONLY,
        ("OPS002", "site-content-logs"): ASYNC_ONLY,
        ("OPS002", "site-content-replica"): ASYNC_ONLY,
        ("REL001", "api"): MANAGED,
        ("SEC004", "cdn-logs"): LOG_DELIVERY,
    },
    "static-site": {
        ("OPS002", "log-bucket"): ASYNC_ONLY,
        ("SEC004", "log-bucket"): LOG_DELIVERY,
    },
    "three-tier": {},
    "wordpress": {
        ("PERF002", "cache"): "Memcached always evicts least recently used: there is no policy",
        ("PERF004", "cdn"): "with TTLs of 0 and 15 minutes there is nothing to invalidate",
        ("REL001", "cache"): "Memcached over three nodes in three zones; a miss falls back to "
        "the database",
        ("REL003", "bastion"): NOT_A_TIER,
        ("REL008", "cache"): "Memcached cannot fail over; it is spread over three zones",
        ("SEC004", "bastion"): SSH_ENCRYPTED,
    },
}

#: what a careful reviewer expects and archgen does not report: (rule that should, or
#: None when no rule judges it yet, component, what)
MISSED: dict[str, list[tuple[str | None, str, str]]] = {
    "containers": [
        (None, "website", "calls the product service through the public ALB and the NAT"),
        (None, "ecs-hosts", "no VPC endpoints: image pulls and logs cross the NAT gateways"),
        (None, "ecs-hosts", "no VPC flow logs"),
    ],
    "data-lake": [
        ("SEC006", "firehose", "Direct PUT stream without server-side encryption"),
        ("SEC006", "search", "Elasticsearch domain without encryption at rest"),
        ("REL001", "search", "a single-node Elasticsearch domain on the indexing path"),
        (None, "search", "a public endpoint without enforced HTTPS or fine-grained access"),
        (None, "notebook", "SageMaker notebook outside the VPC with direct internet access"),
        (None, "submissions", "data-lake buckets without versioning or access logs"),
    ],
    "event-driven": [
        ("REL014", "bus", "no rule target has a dead-letter queue or a retry policy"),
        ("SEC007", "validator-api", "a public REST API without a WAF"),
        ("SEC007", "config-api", "a public REST API without a WAF"),
        ("SEC007", "order-api", "a public REST API without a WAF"),
        (None, "config-changed", "stream consumer: no on-failure destination, endless retries"),
        (None, "identity-pool", "unauthenticated identities allowed; MFA off on the user pool"),
        (None, "bus", "no archive for replay"),
        (None, "order-processor", "state machines log nothing (logging: false)"),
    ],
    "hub-and-spoke": [
        (None, "ingress-firewall", "alert-only rules: the firewall never drops"),
        (None, "inspection-firewall", "alert-only rules: the firewall never drops"),
        (None, "spoke-a-host", "SSH password authentication turned on"),
        (None, "nlb", "no VPC flow logs on any VPC"),
    ],
    "multi-region": [
        ("SEC007", "photos-api", "a public REST API without a WAF"),
        ("SEC007", "photos-api-usw2", "a public REST API without a WAF"),
        ("SEC007", "routing-api", "a public REST API without a WAF"),
        ("SEC007", "routing-api-usw2", "a public REST API without a WAF"),
        (None, "user-pool", "sign-in exists in the primary region only"),
        (None, "photos", "S3 replication runs one way; failback needs a resync"),
        (None, "routing-api", "failover is manual: no health checks, no DNS failover"),
    ],
    "saga-workflow": [
        ("SEC007", "api", "a public REST API without a WAF"),
        (None, "api", "no authorisation (auth: none) on an API that starts paid workflows"),
        (None, "flights", "provisioned 5/5 capacity without auto scaling (not expressible)"),
        (None, "saga", "compensations have no catch; the state machine logs nothing"),
    ],
    "serverless-api": [
        ("SEC007", "api", "the REST API has no WAF; the web ACL guards CloudFront only"),
        (None, "api", "no throttling; GET /jwt needs no authorisation"),
        (None, "user-pool", "no MFA (mfa: none)"),
    ],
    "static-site": [
        (None, "cdn", "minimum protocol TLSv1.1_2016 (not expressible)"),
        (None, "site-bucket", "content bucket without versioning (versioning: false)"),
    ],
    "three-tier": [
        ("REL001", "db", "Aurora Serverless v1 is one compute node, minutes to move zones"),
        (None, "db-key", "customer-managed key without rotation (rotation: false)"),
        (None, "web", "the database password is written into the user data"),
    ],
    "wordpress": [
        (None, "files", "EFS without a backup policy (storage has no backups key)"),
        (None, "db", "no deletion protection (not expressible)"),
    ],
}
