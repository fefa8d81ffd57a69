
locals {
  # Only web services are behind the ALB: a target group, a listener rule or
  # the default action, and request-count scaling each.
  web_services = { for name, svc in var.services : name => svc if svc.kind == "web" }

  # Listener rule priorities follow the order of the service names (Terraform
  # sorts map keys, backends and workers included, so adding one moves no
  # rule); the web service at "/" is the default action.
  routed_services = { for i, name in keys(var.services) : name => i + 1 if var.services[name].kind == "web" && var.services[name].path != "/" }
  default_service = one([for name, svc in local.web_services : name if svc.path == "/"])

  # With a backend, every service joins the environment's Service Connect
  # namespace as a client, and each backend publishes http://NAME:PORT there.
  create_service_connect = anytrue([for svc in values(var.services) : svc.kind == "backend"])

  # With a certificate the app is served over HTTPS and port 80 only redirects;
  # without one it is served over HTTP on the ALB's DNS name. (The tests are
  # spelled out, `var.certificate_arn != null ? …`, where checkov can read them.)
  app_listener_arn = var.certificate_arn != null ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn

  # The service that receives the Sentry DSN.
  sentry_service = coalesce(var.sentry_service, local.default_service)

  # With require_origin_header (CloudFront in front), the listener that serves
  # the app forwards only requests with CloudFront's secret header.
  origin_header_name = "X-Origin-Verify"
  app_default_action = var.require_origin_header ? "fixed-response" : "forward"
}

# Connection settings every service receives; the password stays in Secrets Manager.
# The Cognito IDs are not secrets (the browser sees them too).
locals {
  platform_environment = merge(
    var.database_host == null ? {} : {
      DATABASE_HOST = var.database_host
      DATABASE_PORT = tostring(var.database_port)
      DATABASE_NAME = var.database_name
      DATABASE_USER = var.database_user
    },
    var.cognito_user_pool_id == null ? {} : {
      COGNITO_USER_POOL_ID = var.cognito_user_pool_id
      COGNITO_CLIENT_ID    = var.cognito_client_id
    },
  )
}

# The queue URLs, table names and cache URL of the data services each
# service uses (the queues, tables and cache units).
locals {
  data_environment = {
    for name, svc in var.services : name => merge(
      lookup(var.queue_environment, name, {}),
      lookup(var.table_environment, name, {}),
      lookup(var.cache_environment, name, {}),
    )
  }
}

# Datadog unified service tagging; traces go to the agent sidecar on
# localhost:8126 (awsvpc tasks share one network namespace).
locals {
  datadog_environment = {
    for name, svc in var.services : name => var.datadog == null ? {} : {
      DD_ENV               = var.datadog.env
      DD_SERVICE           = lookup(var.datadog.services, name, name)
      DD_VERSION           = lookup(var.datadog.versions, name, "latest")
      DD_AGENT_HOST        = "127.0.0.1"
      DD_TRACE_AGENT_PORT  = "8126"
      DD_TRACE_SAMPLE_RATE = tostring(var.datadog.trace_sample_rate)
      DD_LOGS_INJECTION    = "true"
    }
  }
}

resource "aws_ecs_cluster" "this" {
  name = var.name_prefix

  setting {
    name  = "containerInsights"
    value = var.enable_container_insights ? "enabled" : "disabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services

  name              = "/ecs/${var.name_prefix}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_ecs_task_definition" "this" {
  for_each = var.services

  family                   = "${var.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = var.task_execution_role_arn
  task_role_arn            = var.task_role_arns[each.key]

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = each.value.cpu_architecture
  }

  # The app container; the settings the spec leaves out (null) are left out
  # of its definition, so the image's CMD and ENTRYPOINT apply.
  container_definitions = jsonencode(concat(
    [{ for key, value in {
      name                   = each.key
      command                = each.value.command
      entryPoint             = each.value.entrypoint
      image                  = each.value.image != null ? each.value.image : "${var.repository_urls[each.key]}:latest"
      essential              = true
      readonlyRootFilesystem = false
      # A worker has no port; a backend's port mapping is named for Service Connect.
      portMappings = each.value.port == null ? null : [{ for key, value in {
        name          = each.value.kind == "backend" ? each.key : null
        containerPort = each.value.port
        protocol      = "tcp"
      } : key => value if value != null }]
      environment = [for k, v in merge(each.value.environment, local.platform_environment, local.data_environment[each.key], local.datadog_environment[each.key]) : { name = k, value = v }]
      secrets = concat(
        [for name in each.value.secrets : { name = name, valueFrom = "${var.ssm_prefix}/${name}" }],
        # Parameters by name or ARN, as written; secrets by full ARN, with
        # ":KEY::" to inject one JSON key of the value.
        [for name, src in each.value.secret_sources : {
          name = name
          valueFrom = src.ssm != null ? src.ssm : (
            src.key == null ? var.secret_arns[src.secretsmanager] : "${var.secret_arns[src.secretsmanager]}:${src.key}::"
          )
        }],
        # The database password: the password key of the secret RDS manages
        # (and rotates) for the master user.
        !var.enable_database ? [] : [
          { name = "DATABASE_PASSWORD", valueFrom = "${var.database_secret_arn}:password::" },
        ],
        # The Sentry DSN. Next.js inlines NEXT_PUBLIC_* at build time, so the
        # browser SDK also needs it passed to `next build`; this covers the server.
        var.sentry_dsn_parameter_arn == null || each.key != local.sentry_service ? [] : [
          { name = "SENTRY_DSN", valueFrom = var.sentry_dsn_parameter_arn },
          { name = "NEXT_PUBLIC_SENTRY_DSN", valueFrom = var.sentry_dsn_parameter_arn },
        ],
      )
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
          awslogs-region        = data.aws_region.current.region
          awslogs-stream-prefix = each.key
        }
      }
      # The container health check ECS runs inside the task (any service);
      # failed checks count after the grace period, as the ALB's do.
      healthCheck = each.value.health_check_command == null ? null : {
        command     = each.value.health_check_command
        startPeriod = min(each.value.health_check_grace_seconds, 300)
      }
    } : key => value if value != null }],
    # The Datadog agent: APM on 8126, DogStatsD on 8125, ECS task metrics.
    [for dd in var.datadog[*] : {
      name              = "datadog-agent"
      image             = "public.ecr.aws/datadog/agent:7"
      essential         = false
      memoryReservation = 256
      portMappings = [
        { containerPort = 8126, protocol = "tcp" },
        { containerPort = 8125, protocol = "udp" },
      ]
      environment = [for k, v in {
        ECS_FARGATE                    = "true"
        DD_SITE                        = dd.site
        DD_ENV                         = dd.env
        DD_SERVICE                     = lookup(dd.services, each.key, each.key)
        DD_VERSION                     = lookup(dd.versions, each.key, "latest")
        DD_APM_ENABLED                 = "true"
        DD_APM_NON_LOCAL_TRAFFIC       = "true"
        DD_DOGSTATSD_NON_LOCAL_TRAFFIC = "true"
      } : { name = k, value = v }]
      secrets = [{
        name      = "DD_API_KEY"
        valueFrom = var.secret_arns[dd.api_key_secret]
      }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
          awslogs-region        = data.aws_region.current.region
          awslogs-stream-prefix = "datadog-agent"
        }
      }
    }],
  ))
}

data "aws_region" "current" {}

resource "aws_ecs_service" "this" {
  for_each = var.services

  name                              = each.key
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this[each.key].arn
  desired_count                     = each.value.desired
  health_check_grace_period_seconds = each.value.kind == "web" ? each.value.health_check_grace_seconds : null
  enable_execute_command            = each.value.exec
  propagate_tags                    = "SERVICE"

  # With Spot, one task stays on regular FARGATE (base 1, weight 0: every task
  # above it runs on Spot) so that a Spot reclaim never stops the whole service;
  # spot_only drops that floor.
  dynamic "capacity_provider_strategy" {
    for_each = each.value.spot && !each.value.spot_only ? ["FARGATE"] : []

    content {
      capacity_provider = capacity_provider_strategy.value
      base              = 1
      weight            = 0
    }
  }

  capacity_provider_strategy {
    capacity_provider = each.value.spot ? "FARGATE_SPOT" : "FARGATE"
    weight            = 1
  }

  # The shared tasks group and the service's own.
  network_configuration {
    subnets          = var.task_subnet_ids
    security_groups  = [var.task_security_group_id, var.service_security_group_ids[each.key]]
    assign_public_ip = var.assign_public_ip
  }

  dynamic "load_balancer" {
    for_each = each.value.kind == "web" ? [each.value.port] : []

    content {
      target_group_arn = aws_lb_target_group.this[each.key].arn
      container_name   = each.key
      container_port   = load_balancer.value
    }
  }

  # Every service is a Service Connect client; a backend also publishes its
  # port as http://NAME:PORT. The proxy logs to the service's log group.
  dynamic "service_connect_configuration" {
    for_each = aws_service_discovery_http_namespace.this[*].arn

    content {
      enabled   = true
      namespace = service_connect_configuration.value

      dynamic "service" {
        for_each = each.value.kind == "backend" ? [each.value.port] : []

        content {
          port_name      = each.key
          discovery_name = each.key

          client_alias {
            port     = service.value
            dns_name = each.key
          }
        }
      }

      log_configuration {
        log_driver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service[each.key].name
          awslogs-region        = data.aws_region.current.region
          awslogs-stream-prefix = "service-connect"
        }
      }
    }
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Application Auto Scaling (and the business-hours schedule, if any) owns the
  # task count after creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # ECS accepts a service once its target group is attached to the ALB: by a
  # listener's default action or by a path rule; and its capacity provider
  # strategy once the cluster has the capacity providers. Its first tasks
  # start once the execution role may read the database password.
  depends_on = [
    aws_lb_listener.http,
    aws_lb_listener.https,
    aws_lb_listener_rule.path,
    aws_lb_listener_rule.origin_default,
    aws_ecs_cluster_capacity_providers.this,
    aws_iam_role_policy.database_secret,
  ]
}

# One Cloud Map HTTP namespace per environment, with a backend service: the
# names Service Connect resolves (http://NAME:PORT) live only in it.
resource "aws_service_discovery_http_namespace" "this" {
  count = local.create_service_connect ? 1 : 0

  name        = var.name_prefix
  description = "Service Connect namespace of ${var.name_prefix}"
}

# --- Load balancer -------------------------------------------------------------

# The web ACL, if any, is not in this module: the waf unit associates it with
# this ALB, or with the CloudFront distribution in front of it.
resource "aws_lb" "this" {
  name                       = var.alb_name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.alb_subnet_ids
  security_groups            = [var.alb_security_group_id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.alb_deletion_protection

  access_logs {
    bucket  = var.access_logs_bucket
    prefix  = "alb"
    enabled = true
  }
}

resource "aws_lb_target_group" "this" {
  # checkov:skip=CKV_AWS_378:TLS ends at the ALB; ALB-to-task traffic stays in the VPC, limited by security groups to the service port.
  for_each = local.web_services

  # AWS names the group: a fixed name would make any replacing change fail
  # with ResourceInUse, the listeners still pointing at the old group.
  name_prefix          = var.target_group_name_prefixes[each.key]
  port                 = each.value.port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = each.value.health_check_path
    interval            = each.value.health_check_interval
    unhealthy_threshold = each.value.unhealthy_threshold
    healthy_threshold   = 2
    matcher             = each.value.health_check_matcher
  }

  lifecycle {
    create_before_destroy = true
  }
}

# HTTPS terminates at the ALB when there is a certificate.
resource "aws_lb_listener" "https" {
  count = var.certificate_arn != null ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.tls_policy
  certificate_arn   = var.certificate_arn

  # With require_origin_header, requests without CloudFront's secret header
  # get 403; the origin_default rule forwards the others.
  default_action {
    type             = local.app_default_action
    target_group_arn = var.require_origin_header ? null : aws_lb_target_group.this[local.default_service].arn

    dynamic "fixed_response" {
      for_each = var.require_origin_header ? ["403"] : []

      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = fixed_response.value
      }
    }
  }
}

# Port 80 only redirects to HTTPS when there is a certificate; without one it
# serves the app over HTTP on the ALB's DNS name.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = var.certificate_arn != null ? "redirect" : local.app_default_action
    target_group_arn = var.certificate_arn != null || var.require_origin_header ? null : aws_lb_target_group.this[local.default_service].arn

    dynamic "redirect" {
      for_each = var.certificate_arn != null ? ["https"] : []

      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }

    dynamic "fixed_response" {
      for_each = var.certificate_arn == null && var.require_origin_header ? ["403"] : []

      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = fixed_response.value
      }
    }
  }
}

# Path rules on the listener that serves the app.
resource "aws_lb_listener_rule" "path" {
  for_each = local.routed_services

  listener_arn = local.app_listener_arn
  priority     = each.value * 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }

  condition {
    path_pattern {
      values = [var.services[each.key].path]
    }
  }

  # Path and header: 1 + at most 2 of the 5 condition values a rule may have.
  dynamic "condition" {
    for_each = var.require_origin_header ? [local.origin_header_name] : []

    content {
      http_header {
        http_header_name = condition.value
        values           = var.origin_header_values
      }
    }
  }
}

# With require_origin_header, the default service behind the secret header:
# the last rule, after every path rule.
resource "aws_lb_listener_rule" "origin_default" {
  count = var.require_origin_header ? 1 : 0

  listener_arn = local.app_listener_arn
  priority     = 50000

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[local.default_service].arn
  }

  condition {
    http_header {
      http_header_name = local.origin_header_name
      values           = var.origin_header_values
    }
  }
}

# --- Auto scaling ----------------------------------------------------------------

# The scaling bounds of each service without a business-hours schedule (null
# with one): a change replaces the scalable target, see below.
resource "terraform_data" "scaling_bounds" {
  for_each = var.services

  input = var.schedule != null ? null : {
    min = each.value.min
    max = each.value.max
  }
}

resource "aws_appautoscaling_target" "this" {
  for_each = var.services

  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min
  max_capacity       = each.value.max

  # With a business-hours schedule its actions own min and max after creation:
  # an apply at night must not restore the daytime bounds and start the tasks.
  # ignore_changes cannot depend on a variable, so without a schedule new
  # bounds take effect by replacing the target (and the policies and actions
  # AWS deletes with it) through terraform_data.scaling_bounds.
  lifecycle {
    ignore_changes       = [min_capacity, max_capacity]
    replace_triggered_by = [terraform_data.scaling_bounds[each.key]]
  }
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each = var.services

  name               = "${var.name_prefix}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.cpu_target
    scale_out_cooldown = each.value.scale_out_cooldown
    scale_in_cooldown  = each.value.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

resource "aws_appautoscaling_policy" "memory" {
  for_each = var.services

  name               = "${var.name_prefix}-${each.key}-memory"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.memory_target
    scale_out_cooldown = each.value.scale_out_cooldown
    scale_in_cooldown  = each.value.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageMemoryUtilization"
    }
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

# ALB requests per task, for the web services that set requests_per_target.
resource "aws_appautoscaling_policy" "requests" {
  for_each = { for name, svc in local.web_services : name => svc if svc.requests_per_target != null }

  name               = "${var.name_prefix}-${each.key}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.requests_per_target
    scale_out_cooldown = each.value.scale_out_cooldown
    scale_in_cooldown  = each.value.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.this.arn_suffix}/${aws_lb_target_group.this[each.key].arn_suffix}"
    }
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

# --- Queue backlog (workers with queue_scaling) ------------------------------------
# AWS's backlog-per-task pattern: target tracking on a metric-math expression,
# the queue's visible messages divided by the service's running tasks
# (Container Insights), kept at messages_per_task.

resource "aws_appautoscaling_policy" "queue_backlog" {
  for_each = var.queue_scaling

  name               = "${var.name_prefix}-${each.key}-backlog"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.messages_per_task
    scale_out_cooldown = var.services[each.key].scale_out_cooldown
    scale_in_cooldown  = var.services[each.key].scale_in_cooldown

    customized_metric_specification {
      metrics {
        id          = "visible"
        label       = "Visible messages"
        return_data = false

        metric_stat {
          stat = "Sum"

          metric {
            namespace   = "AWS/SQS"
            metric_name = "ApproximateNumberOfMessagesVisible"

            dimensions {
              name  = "QueueName"
              value = each.value.queue_name
            }
          }
        }
      }

      metrics {
        id          = "tasks"
        label       = "Running tasks"
        return_data = false

        metric_stat {
          stat = "Average"

          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"

            dimensions {
              name  = "ClusterName"
              value = aws_ecs_cluster.this.name
            }

            dimensions {
              name  = "ServiceName"
              value = aws_ecs_service.this[each.key].name
            }
          }
        }
      }

      metrics {
        id          = "backlog"
        label       = "Visible messages per running task"
        expression  = "visible / tasks"
        return_data = true
      }
    }
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

# From 0 tasks: target tracking divides by the running tasks, so it has no
# value to act on at 0. A step policy starts one task when the queue has
# visible messages and no task runs (a missing task count is 0); target
# tracking takes over from there, and scales back in to min when the queue
# is empty.
resource "aws_appautoscaling_policy" "queue_start" {
  for_each = { for name, q in var.queue_scaling : name => q if var.services[name].min == 0 }

  name               = "${var.name_prefix}-${each.key}-start"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ExactCapacity"
    cooldown                = var.services[each.key].scale_out_cooldown
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_lower_bound = 0
      scaling_adjustment          = 1
    }
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

resource "aws_cloudwatch_metric_alarm" "queue_start" {
  for_each = aws_appautoscaling_policy.queue_start

  alarm_name          = "${var.name_prefix}-${each.key}-queue-waiting"
  alarm_description   = "Messages wait in ${var.queue_scaling[each.key].queue_name} and no ${each.key} task runs: start one"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [each.value.arn]

  metric_query {
    id          = "waiting"
    label       = "Messages waiting with no running task"
    expression  = "IF(visible > 0 AND FILL(tasks, 0) == 0, 1, 0)"
    return_data = true
  }

  metric_query {
    id = "visible"

    metric {
      namespace   = "AWS/SQS"
      metric_name = "ApproximateNumberOfMessagesVisible"
      period      = 60
      stat        = "Maximum"

      dimensions = {
        QueueName = var.queue_scaling[each.key].queue_name
      }
    }
  }

  metric_query {
    id = "tasks"

    metric {
      namespace   = "ECS/ContainerInsights"
      metric_name = "RunningTaskCount"
      period      = 60
      stat        = "Average"

      dimensions = {
        ClusterName = aws_ecs_cluster.this.name
        ServiceName = aws_ecs_service.this[each.key].name
      }
    }
  }
}

# --- Business hours ----------------------------------------------------------------
# With var.schedule: at stop, min and max drop to 0 and ECS drains the tasks; at
# start they return to the scaling bounds. Known gotcha: Terraform would reset
# the scalable target to its daytime min/max on an apply outside business
# hours, starting the tasks until the next stop. The scalable target therefore
# ignores later min/max changes: new scaling bounds take effect at the next
# start. The first apply of a new service at night still starts it until the
# next stop.

resource "aws_appautoscaling_scheduled_action" "stop" {
  for_each = var.schedule == null ? {} : var.services

  name               = "${var.name_prefix}-${each.key}-stop"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  schedule           = var.schedule.stop_cron
  timezone           = var.schedule.timezone

  scalable_target_action {
    min_capacity = 0
    max_capacity = 0
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

resource "aws_appautoscaling_scheduled_action" "start" {
  for_each = var.schedule == null ? {} : var.services

  name               = "${var.name_prefix}-${each.key}-start"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  schedule           = var.schedule.start_cron
  timezone           = var.schedule.timezone

  scalable_target_action {
    min_capacity = each.value.min
    max_capacity = each.value.max
  }

  lifecycle {
    replace_triggered_by = [aws_appautoscaling_target.this[each.key]]
  }
}

# --- Database credentials and their rotation ----------------------------------

# The execution role reads exactly the database's managed secret, and decrypts
# it with the environment key through Secrets Manager only.
data "aws_iam_policy_document" "database_secret" {
  count = var.enable_database ? 1 : 0

  statement {
    sid       = "ReadDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.database_secret_arn]
  }

  statement {
    sid       = "DecryptDatabaseSecret"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "database_secret" {
  count = var.enable_database ? 1 : 0

  name   = "read-database-secret"
  role   = var.task_execution_role_name
  policy = data.aws_iam_policy_document.database_secret[0].json
}

# RDS rotates the secret (every 7 days by default); a running task keeps the
# password it started with. When a rotation succeeds, a Step Functions state
# machine starts a new deployment of every service (they all read the secret),
# so new tasks start with the new password: no Lambda, no code to build.
resource "aws_cloudwatch_log_group" "redeploy" {
  count = var.enable_database ? 1 : 0

  name              = "/aws/vendedlogs/states/${var.name_prefix}-redeploy"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "states_assume" {
  count = var.enable_database ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "redeploy" {
  count = var.enable_database ? 1 : 0

  name               = "${var.name_prefix}-redeploy"
  assume_role_policy = data.aws_iam_policy_document.states_assume[0].json
}

data "aws_iam_policy_document" "redeploy" {
  # checkov:skip=CKV_AWS_111:CloudWatch Logs' log delivery actions (Step Functions logging) and the X-Ray trace actions support no resource-level permissions: AWS documents "*" for them.
  # checkov:skip=CKV_AWS_356:CloudWatch Logs' log delivery actions (Step Functions logging) and the X-Ray trace actions support no resource-level permissions: AWS documents "*" for them.
  count = var.enable_database ? 1 : 0

  statement {
    sid       = "RedeployTheServices"
    actions   = ["ecs:UpdateService"]
    resources = [for svc in aws_ecs_service.this : svc.id]
  }

  statement {
    sid = "DeliverExecutionLogs"
    actions = [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ]
    resources = ["*"]
  }

  statement {
    sid = "TraceWithXRay"
    actions = [
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "redeploy" {
  count = var.enable_database ? 1 : 0

  name   = "redeploy-services"
  role   = aws_iam_role.redeploy[0].id
  policy = data.aws_iam_policy_document.redeploy[0].json
}

resource "aws_sfn_state_machine" "redeploy" {
  count = var.enable_database ? 1 : 0

  name     = "${var.name_prefix}-redeploy"
  role_arn = aws_iam_role.redeploy[0].arn

  # One branch per service: ecs:UpdateService with forceNewDeployment.
  definition = jsonencode({
    Comment = "New deployment of every service that reads the database secret"
    StartAt = "RedeployServices"
    States = {
      RedeployServices = {
        Type = "Parallel"
        End  = true
        Branches = [for name, svc in aws_ecs_service.this : {
          StartAt = name
          States = {
            (name) = {
              Type     = "Task"
              Resource = "arn:${data.aws_partition.current.partition}:states:::aws-sdk:ecs:updateService"
              Parameters = {
                Cluster            = aws_ecs_cluster.this.arn
                Service            = svc.name
                ForceNewDeployment = true
              }
              End = true
            }
          }
        }]
      }
    }
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.redeploy[0].arn}:*"
    include_execution_data = true
    level                  = "ALL"
  }

  tracing_configuration {
    enabled = true
  }

  depends_on = [aws_iam_role_policy.redeploy]
}

data "aws_partition" "current" {}

# Secrets Manager's RotationSucceeded event (through CloudTrail) for this secret.
resource "aws_cloudwatch_event_rule" "rotation" {
  count = var.enable_database ? 1 : 0

  name        = "${var.name_prefix}-db-rotated"
  description = "The database secret rotated: redeploy the services that read it."
  event_pattern = jsonencode({
    source        = ["aws.secretsmanager"]
    "detail-type" = ["AWS Service Event via CloudTrail"]
    detail = {
      eventSource = ["secretsmanager.amazonaws.com"]
      eventName   = ["RotationSucceeded"]
      additionalEventData = {
        SecretId = [var.database_secret_arn]
      }
    }
  })
}

data "aws_iam_policy_document" "events_assume" {
  count = var.enable_database ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "rotation_events" {
  count = var.enable_database ? 1 : 0

  name               = "${var.name_prefix}-rotation-events"
  assume_role_policy = data.aws_iam_policy_document.events_assume[0].json
}

data "aws_iam_policy_document" "rotation_events" {
  count = var.enable_database ? 1 : 0

  statement {
    sid       = "StartTheRedeploy"
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.redeploy[0].arn]
  }
}

resource "aws_iam_role_policy" "rotation_events" {
  count = var.enable_database ? 1 : 0

  name   = "start-redeploy"
  role   = aws_iam_role.rotation_events[0].id
  policy = data.aws_iam_policy_document.rotation_events[0].json
}

resource "aws_cloudwatch_event_target" "rotation" {
  count = var.enable_database ? 1 : 0

  rule     = aws_cloudwatch_event_rule.rotation[0].name
  arn      = aws_sfn_state_machine.redeploy[0].arn
  role_arn = aws_iam_role.rotation_events[0].arn
}
