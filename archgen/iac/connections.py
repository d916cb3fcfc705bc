"""Connections between the imported components, read from how resources name each other.

- security-group rules between groups: every member of the source group calls every
  member of the group it may reach;
- listeners and target groups: a load balancer calls the targets it forwards to;
- event source mappings, SNS subscriptions, SAM function events, EventBridge rules:
  the source sends to the target, asynchronously;
- references that mean a call: a function's environment variables, a SAM policy, a
  state machine's definition, an API method's integration, a task's environment,
  naming a table, a bucket, a queue, another function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from archgen.iac.network import ref_keys

if TYPE_CHECKING:
    from archgen.iac.builder import Build
    from archgen.iac.stack import Resource

_PORT_PROTOCOLS = {
    80: "http",
    443: "https",
    3306: "mysql",
    5432: "postgresql",
    6379: "redis",
    11211: "memcached",
    2049: "nfs",
    22: "ssh",
    3389: "rdp",
}
_LISTENER_PROTOCOLS = {"HTTP": "http", "HTTPS": "https", "TCP": "tcp", "TLS": "tls"}
_ASYNC_KINDS = ("queue", "stream", "event-bus")
#: kinds a reference from code is a call to
_CALLED = ("database", "storage", "queue", "stream", "event-bus", "workflow", "cache", "search")


def derive_connections(build: Build) -> None:
    """Add every connection `build`'s resources imply (see the module docstring)."""
    _security_group_rules(build)
    _load_balancers(build)
    for resource in build.resources:
        kind = resource.type
        p = resource.properties
        if kind == "AWS::Lambda::EventSourceMapping":
            for source in build.components_in(p.get("EventSourceArn")):
                for target in build.components_in(p.get("FunctionName")):
                    build.connect(source, target, mode="async")
        elif kind == "AWS::SNS::Subscription":
            for topic in build.components_in(p.get("TopicArn")):
                for target in build.components_in(p.get("Endpoint")):
                    build.connect(topic, target, mode="async")
        elif kind == "AWS::SNS::Topic":
            for subscription in p.get("Subscription") or []:
                for target in build.components_in(subscription):
                    build.connect(build.component_of(resource), target, mode="async")
        elif kind == "AWS::Events::Rule":
            _rule(build, resource)
        elif kind in ("AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Integration"):
            api = p.get("RestApiId") or p.get("ApiId")
            for source in build.components_in(api):
                for target in build.components_in(p.get("Integration") or p.get("IntegrationUri")):
                    build.connect(source, target, protocol="https")
        elif kind == "AWS::Serverless::Function":
            _sam_events(build, resource)
        if kind in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
            _calls(build, resource, [p.get("Environment"), p.get("Policies")])
        elif kind in ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"):
            used = [p.get(k) for k in ("Definition", "DefinitionString", "DefinitionSubstitutions")]
            _calls(build, resource, [*used, p.get("Policies")], lambdas=True)
        elif kind == "AWS::ECS::Service":
            for task in build.resources_in(p.get("TaskDefinition")):
                containers = task.properties.get("ContainerDefinitions") or []
                _calls(
                    build,
                    resource,
                    [c.get("Environment") for c in containers if isinstance(c, dict)],
                )


def _calls(build: Build, resource: Resource, values: list[Any], lambdas: bool = False) -> None:
    source = build.component_of(resource)
    if source is None:
        return
    for value in values:
        for key in ref_keys(value):
            target = build.component_ids.get(key)
            if target is None or target == source:
                continue
            kind = build.components[target]["kind"]
            service = build.components[target].get("service")
            if kind in _CALLED or (lambdas and service == "lambda"):
                mode = "async" if kind in _ASYNC_KINDS else "request"
                build.connect(source, target, protocol="https", mode=mode)


def _security_group_rules(build: Build) -> None:
    members: dict[str, list[str]] = {}
    for component in build.components.values():
        for group in component.get("security_groups", []):
            members.setdefault(group, []).append(component["id"])
    for group in build.network.security_groups:
        for rule in group.get("ingress", []):
            source_group = rule["from"]
            if source_group not in members:
                continue
            ports = rule.get("ports")
            protocol = _PORT_PROTOCOLS.get(ports) if isinstance(ports, int) else None
            for source in members[source_group]:
                for target in members.get(group["name"], []):
                    build.connect(source, target, protocol=protocol)


def _load_balancers(build: Build) -> None:
    targets: dict[tuple[str, str], list[str]] = {}  # target group -> components
    for resource in build.resources:
        p = resource.properties
        if resource.type == "AWS::ElasticLoadBalancingV2::TargetGroup":
            for target in p.get("Targets") or []:
                for component in build.components_in(target):
                    targets.setdefault(resource.key, []).append(component)
        elif resource.type == "AWS::ECS::Service":
            for entry in p.get("LoadBalancers") or []:
                for key in ref_keys(entry):
                    targets.setdefault(key, []).append(build.component_of(resource) or "")
        elif resource.type == "AWS::AutoScaling::AutoScalingGroup":
            for key in ref_keys(p.get("TargetGroupARNs")):
                targets.setdefault(key, []).append(build.component_of(resource) or "")
    listeners: dict[tuple[str, str], tuple[list[str], str | None]] = {}
    for resource in build.resources:
        if resource.type == "AWS::ElasticLoadBalancingV2::Listener":
            p = resource.properties
            protocol = _LISTENER_PROTOCOLS.get(str(p.get("Protocol", "")).upper())
            balancers = build.components_in(p.get("LoadBalancerArn"))
            listeners[resource.key] = (balancers, protocol)
            _forward(build, balancers, p.get("DefaultActions"), targets, protocol)
    for resource in build.resources:
        if resource.type == "AWS::ElasticLoadBalancingV2::ListenerRule":
            for key in ref_keys(resource.properties.get("ListenerArn")):
                balancers, protocol = listeners.get(key, ([], None))
                _forward(build, balancers, resource.properties.get("Actions"), targets, protocol)
    _health_checks(build)


def _forward(
    build: Build,
    balancers: list[str],
    actions: Any,
    targets: dict[tuple[str, str], list[str]],
    protocol: str | None,
) -> None:
    for key in ref_keys(actions):
        for target in targets.get(key, []):
            for balancer in balancers:
                if target:
                    build.connect(balancer, target, protocol=protocol)


def _health_checks(build: Build) -> None:
    """An ALB's health check, from the first target group that says one."""
    for resource in build.resources:
        if resource.type != "AWS::ElasticLoadBalancingV2::TargetGroup":
            continue
        p = resource.properties
        path, interval = p.get("HealthCheckPath"), p.get("HealthCheckIntervalSeconds")
        if not isinstance(path, str) or not path:
            continue
        for balancer in build.balancers_of(resource.key):
            component = build.components[balancer]
            if component.get("service") == "alb" and "health_check" not in component:
                check: dict[str, Any] = {"path": path}
                if isinstance(interval, int) and not isinstance(interval, bool):
                    check["interval"] = f"{interval}s"
                component["health_check"] = check


def _rule(build: Build, resource: Resource) -> None:
    p = resource.properties
    buses = build.components_in(p.get("EventBusName"))
    if not buses and p.get("ScheduleExpression"):
        buses = [build.implicit("schedule", "event-bus", "eventbridge-scheduler", "Schedules")]
    elif not buses:
        buses = [
            build.implicit("default-event-bus", "event-bus", "eventbridge", "Default event bus")
        ]
    for target in p.get("Targets") or []:
        if isinstance(target, dict):
            for component in build.components_in(target.get("Arn")):
                for bus in buses:
                    build.connect(bus, component, mode="async")


def _sam_events(build: Build, resource: Resource) -> None:
    function = build.component_of(resource)
    if function is None:
        return
    for event in (resource.properties.get("Events") or {}).values():
        if not isinstance(event, dict):
            continue
        kind, p = event.get("Type"), event.get("Properties") or {}
        if not isinstance(p, dict):
            continue
        if kind in ("SQS", "Kinesis", "DynamoDB", "MSK"):
            for source in build.components_in(p.get("Queue") or p.get("Stream")):
                build.connect(source, function, mode="async")
        elif kind == "SNS":
            for source in build.components_in(p.get("Topic")):
                build.connect(source, function, mode="async")
        elif kind in ("Api", "HttpApi"):
            apis = build.components_in(p.get("RestApiId") or p.get("ApiId"))
            if not apis:
                service = "api-gateway-rest" if kind == "Api" else "api-gateway-http"
                name = "ServerlessRestApi" if kind == "Api" else "ServerlessHttpApi"
                apis = [build.implicit(name, "api", service, f"Implicit {kind} (SAM)")]
            for api in apis:
                build.connect(api, function, protocol="https")
        elif kind in ("EventBridgeRule", "CloudWatchEvent"):
            buses = build.components_in(p.get("EventBusName"))
            if not buses:
                buses = [
                    build.implicit(
                        "default-event-bus", "event-bus", "eventbridge", "Default event bus"
                    )
                ]
            for bus in buses:
                build.connect(bus, function, mode="async")
        elif kind in ("Schedule", "ScheduleV2"):
            schedule = build.implicit("schedule", "event-bus", "eventbridge-scheduler", "Schedules")
            build.connect(schedule, function, mode="async")
        elif kind == "S3":
            for source in build.components_in(p.get("Bucket")):
                build.connect(source, function, mode="async")
