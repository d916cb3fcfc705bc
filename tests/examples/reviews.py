"""The hand review of every finding archgen reports on the corpus of real architectures
(`examples/real/`), one (rule, component) pair at a time.

Each finding is one of:

- TRUE: the architecture really has this weakness (the research's "what a careful
  reviewer would flag", or a plain fact of the template).
- NOISE: literally true of the model, but a careful reviewer would not raise it for this
  architecture (a bucket read by analytics, a managed sign-in service, a one-off helper
  host, a cache setting the application makes rather than the template).

There is no third verdict: a false positive (a rule misjudging the service or the
path) is a bug, fixed in the rules with a case in `tests/rules/cases/` that failed
before the fix (issue 13: every finding on the corpus is true; none is false). A
model added to the corpus that surfaces one gets its fix, not an entry here.

MISSED lists what a careful reviewer expects and archgen does not report (false
negatives): with the rule that should report it when one exists, else None.
"""

from __future__ import annotations

Pair = tuple[str, str]

# --- the reasons shared by many findings --------------------------------------------

#: OPS002 on a component a request waits for, which the template watches with nothing
NO_ALARMS = "no alarm, dashboard or log export watches it: the template defines none"
S3_READ = "a bucket that analytics reads: S3 scales itself; its callers are what to watch"
IDENTITY = "Cognito publishes its metrics; a reviewer asks for MFA first, not alarms"
NO_PITR = "DynamoDB table without point-in-time recovery or a backup plan"
API_NO_WAF = "a public REST API without a WAF (a REST API can take a regional web ACL)"

TRUE: dict[str, dict[Pair, str]] = {
    "containers": {
        ("OPS001", "alb"): "ALB access logs off",
        ("OPS002", "alb"): NO_ALARMS,
        ("PERF007", "ecs-hosts"): "the cluster's Auto Scaling group is fixed at 4 (min = max)",
        ("PERF007", "products"): "the product service has no service auto scaling",
        ("REL014", "lifecycle-topic"): "SNS -> Lambda with no redrive policy or on-failure "
        "destination: a lost lifecycle message leaves a host undrained until the 900 s "
        "heartbeat ends (worth a note, the research says, not an error)",
        ("SEC004", "alb"): "the ALB's only listener is HTTP :80",
        ("SEC007", "alb"): "no WAF on the internet-facing ALB",
        ("SEC012", "alb"): "its security group admits every protocol and port from 0.0.0.0/0",
    },
    "data-lake": {
        ("OPS001", "warehouse"): "Redshift audit logging is not enabled",
        ("OPS002", "firehose"): "Firehose without error logging or alarms",
        ("OPS002", "search"): "no log publishing or alarms on the domain",
        ("OPS002", "warehouse"): NO_ALARMS,
        ("REL001", "search"): "a single-node Elasticsearch domain on the indexing path",
        ("REL001", "warehouse"): "a single-node Redshift cluster",
        ("REL014", "curated-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("REL014", "published-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("REL014", "submissions-topic"): "SNS -> Lambda subscription without a redrive policy",
        ("SEC001", "warehouse"): "Redshift is publicly accessible (the master's default)",
        ("SEC002", "warehouse"): "analysts reach the public cluster directly",
        ("SEC004", "warehouse"): "Redshift does not require SSL by default (require_ssl off)",
        ("SEC006", "curated-topic"): "SNS topic without a KMS key",
        ("SEC006", "firehose"): "Direct PUT stream without server-side encryption",
        ("SEC006", "published-topic"): "SNS topic without a KMS key",
        ("SEC006", "search"): "Elasticsearch domain without encryption at rest",
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
        ("REL014", "bus"): "no rule target has a dead-letter queue or a retry policy",
        ("REL014", "config-changed"): "stream consumer: no on-failure destination, endless "
        "retries (batch 1, no bisect)",
        ("SEC007", "config-api"): API_NO_WAF,
        ("SEC007", "journey-cdn"): "no WAF on the public distribution",
        ("SEC007", "order-api"): API_NO_WAF,
        ("SEC007", "validator-api"): API_NO_WAF,
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
        ("SEC007", "photos-api"): API_NO_WAF,
        ("SEC007", "photos-api-usw2"): API_NO_WAF,
        ("SEC007", "routing-api"): API_NO_WAF,
        ("SEC007", "routing-api-usw2"): API_NO_WAF,
    },
    "saga-workflow": {
        ("OPS002", "api"): NO_ALARMS + "; no access logs",
        ("OPS002", "starter"): NO_ALARMS,
        ("PERF007", "flights"): "provisioned 5/5 capacity without auto scaling",
        ("PERF007", "payments"): "provisioned 5/5 capacity without auto scaling",
        ("PERF007", "rentals"): "provisioned 5/5 capacity without auto scaling",
        ("REL007", "flights"): NO_PITR,
        ("REL007", "payments"): NO_PITR,
        ("REL007", "rentals"): NO_PITR,
        ("SEC006", "notify"): "SNS topic without a KMS key",
        ("SEC007", "api"): API_NO_WAF + "; the API is open (auth: none)",
    },
    "serverless-api": {
        ("OPS002", "api"): NO_ALARMS + "; no access logs or tracing",
        ("OPS002", "jwt-handler"): NO_ALARMS,
        ("OPS002", "site-cdn"): NO_ALARMS,
        ("OPS002", "test-handler"): NO_ALARMS,
        ("OPS002", "test-table"): NO_ALARMS,
        ("PERF004", "site-cdn"): "a one-day TTL and no invalidation step on deployment",
        ("REL007", "test-table"): NO_PITR + " (the template suppresses the check)",
        ("SEC007", "api"): "the REST API has no WAF; the web ACL guards CloudFront only",
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
        ("REL001", "db"): "Aurora Serverless v1 is one compute node, minutes to move zones",
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
    "containers": {},
    "data-lake": {
        ("OPS002", "athena-results"): S3_READ,
        ("OPS002", "curated"): S3_READ,
    },
    "event-driven": {
        ("OPS002", "identity-pool"): IDENTITY,
        ("OPS002", "user-pool"): IDENTITY,
    },
    "hub-and-spoke": {},
    "multi-region": {
        ("OPS002", "identity-pool"): IDENTITY,
        ("OPS002", "photos"): "a bucket the browser reads and writes with signed requests: "
        "the APIs and the browser see its errors",
        ("OPS002", "photos-usw2"): "a bucket the browser reads and writes with signed "
        "requests: the APIs and the browser see its errors",
        ("OPS002", "user-pool"): IDENTITY,
        ("PERF004", "console-cdn"): "a demo console deployed once with the stack",
    },
    "saga-workflow": {},
    "serverless-api": {
        ("OPS002", "user-pool"): IDENTITY,
    },
    "static-site": {},
    "three-tier": {},
    "wordpress": {
        ("PERF001", "cache"): "W3 Total Cache sets the TTL in WordPress, not the template",
        ("PERF001", "cdn"): "pages are uncached on purpose (TTL 0); wp-content and "
        "wp-includes are kept 15 minutes, which one ttl cannot say",
        ("PERF003", "cache"): "W3 Total Cache's invalidation is the plugin's, not the template's",
        ("PERF007", "alarm-updater"): "a one-off helper that terminates itself",
        ("PERF007", "efs-loader"): "a one-off helper that terminates itself",
        ("REL014", "efs-size-schedule"): "a once-a-minute metric run; a lost one costs nothing",
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
        (None, "search", "a public endpoint without enforced HTTPS or fine-grained access"),
        (None, "notebook", "SageMaker notebook outside the VPC with direct internet access"),
        (None, "submissions", "data-lake buckets without versioning or access logs"),
    ],
    "event-driven": [
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
        (None, "user-pool", "sign-in exists in the primary region only"),
        (None, "photos", "S3 replication runs one way; failback needs a resync"),
        (None, "routing-api", "failover is manual: no health checks, no DNS failover"),
    ],
    "saga-workflow": [
        (None, "api", "no authorisation (auth: none) on an API that starts paid workflows"),
        (None, "saga", "compensations have no catch; the state machine logs nothing"),
    ],
    "serverless-api": [
        (None, "api", "no throttling; GET /jwt needs no authorisation"),
        (None, "user-pool", "no MFA (mfa: none)"),
    ],
    "static-site": [
        (None, "cdn", "minimum protocol TLSv1.1_2016 (not expressible)"),
        (None, "site-bucket", "content bucket without versioning (versioning: false)"),
    ],
    "three-tier": [
        (None, "db-key", "customer-managed key without rotation (rotation: false)"),
        (None, "web", "the database password is written into the user data"),
    ],
    "wordpress": [
        (None, "files", "EFS without a backup policy (storage has no backups key)"),
        (None, "db", "no deletion protection (not expressible)"),
    ],
}
