
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition

  cluster_arn = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/${var.cluster_name}"

  # Jobs with a schedule run from EventBridge Scheduler; the others (one-off
  # jobs) only when someone runs `aws ecs run-task`.
  scheduled = { for name, job in var.jobs : name => job if job.schedule != null }

  # A job runs with the task role of the service it uses, else its own.
  task_role_arns = { for name, job in var.jobs : name => job.uses != null ? var.service_task_role_arns[job.uses] : var.job_task_role_arns[name] }

  # The tasks' security group, and the group of the service a job uses (as
  # that service's tasks have both).
  security_group_ids = { for name, job in var.jobs : name => concat(
    [var.task_security_group_id],
    job.uses == null ? [] : [var.service_security_group_ids[job.uses]],
  ) }

  # Connection settings every job receives, as the services do.
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

# The queue URLs, table names and cache URL of the data services a job uses:
# a job with `uses` gets its service's (it runs with that service's role and
# group), a job with a role of its own those it is named a client of.
locals {
  data_environment = {
    for name, job in var.jobs : name => merge(
      lookup(var.queue_environment, job.uses != null ? job.uses : name, {}),
      lookup(var.table_environment, job.uses != null ? job.uses : name, {}),
      lookup(var.cache_environment, job.uses != null ? job.uses : name, {}),
    )
  }
}

resource "aws_cloudwatch_log_group" "job" {
  for_each = var.jobs

  name              = "/ecs/${var.name_prefix}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_ecs_task_definition" "job" {
  for_each = var.jobs

  family                   = "${var.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = var.task_execution_role_arn
  task_role_arn            = local.task_role_arns[each.key]

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = each.value.cpu_architecture
  }

  # One container, no port: the task ends when its command exits, with the
  # command's exit code.
  container_definitions = jsonencode([{ for key, value in {
    name                   = each.key
    command                = each.value.command
    entryPoint             = each.value.entrypoint
    image                  = each.value.image != null ? each.value.image : "${var.repository_urls[each.value.uses]}:latest"
    essential              = true
    readonlyRootFilesystem = false
    environment            = [for k, v in merge(each.value.environment, local.platform_environment, local.data_environment[each.key]) : { name = k, value = v }]
    secrets = concat(
      [for name in each.value.secrets : { name = name, valueFrom = "${var.ssm_prefix}/${name}" }],
      [for name, src in each.value.secret_sources : {
        name = name
        valueFrom = src.ssm != null ? src.ssm : (
          src.key == null ? var.secret_arns[src.secretsmanager] : "${var.secret_arns[src.secretsmanager]}:${src.key}::"
        )
      }],
      !var.enable_database ? [] : [
        { name = "DATABASE_PASSWORD", valueFrom = "${var.database_secret_arn}:password::" },
      ],
    )
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.job[each.key].name
        awslogs-region        = local.region
        awslogs-stream-prefix = each.key
      }
    }
  } : key => value if value != null }])
}

# --- Scheduled jobs: EventBridge Scheduler -------------------------------------

# Invocations that still fail after the retries (RunTask refused: no
# capacity, a missing role, a bad subnet) land here, encrypted with the
# environment key.
resource "aws_sqs_queue" "dead_letter" {
  for_each = local.scheduled

  name                      = var.dead_letter_queue_names[each.key]
  message_retention_seconds = 1209600
  kms_master_key_id         = var.kms_key_arn
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# One role per schedule: it may start exactly its job's task definition, on
# this cluster, and hand ECS exactly that task's two roles.
resource "aws_iam_role" "scheduler" {
  for_each = local.scheduled

  name               = var.scheduler_role_names[each.key]
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  for_each = local.scheduled

  statement {
    sid       = "RunTheJobsTaskDefinition"
    actions   = ["ecs:RunTask"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${aws_ecs_task_definition.job[each.key].family}:*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.cluster_arn]
    }
  }

  statement {
    sid       = "PassTheTaskRoles"
    actions   = ["iam:PassRole"]
    resources = [var.task_execution_role_arn, local.task_role_arns[each.key]]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  statement {
    sid       = "SendFailedInvocations"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter[each.key].arn]
  }

  # The schedule and its dead-letter queue are encrypted with the environment key.
  statement {
    sid       = "UseTheEnvironmentKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  for_each = local.scheduled

  name   = "run-${each.key}"
  role   = aws_iam_role.scheduler[each.key].id
  policy = data.aws_iam_policy_document.scheduler[each.key].json
}

# The business-hours schedule scales services only: jobs run at their own
# times whatever it says.
resource "aws_scheduler_schedule" "job" {
  for_each = local.scheduled

  name                         = var.schedule_names[each.key]
  description                  = "Runs the ${each.key} job of ${var.name_prefix}"
  schedule_expression          = each.value.schedule
  schedule_expression_timezone = each.value.timezone
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = local.cluster_arn
    role_arn = aws_iam_role.scheduler[each.key].arn

    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.job[each.key].arn
      launch_type         = "FARGATE"
      task_count          = 1

      network_configuration {
        subnets          = var.task_subnet_ids
        security_groups  = local.security_group_ids[each.key]
        assign_public_ip = var.assign_public_ip
      }
    }

    retry_policy {
      maximum_retry_attempts       = each.value.retries
      maximum_event_age_in_seconds = 86400
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letter[each.key].arn
    }
  }

  # The role may act once its policy is attached.
  depends_on = [aws_iam_role_policy.scheduler]
}

# --- Failure notifications (with alarm_topic_arn) ------------------------------

# A job whose container exits non-zero, or whose task fails to start (image,
# secret or network trouble: no exit code then), is told to the monitoring
# unit's alarm topic, whose policy lets exactly this rule publish.
resource "aws_cloudwatch_event_rule" "job_failed" {
  count = var.alarm_topic_arn == null ? 0 : 1

  name        = var.job_failure_rule_name
  description = "A job of ${var.name_prefix} stopped with a non-zero exit code or failed to start"

  event_pattern = jsonencode({
    source        = ["aws.ecs"]
    "detail-type" = ["ECS Task State Change"]
    detail = {
      clusterArn = [local.cluster_arn]
      lastStatus = ["STOPPED"]
      # Every revision of the jobs' task definition families (the colon ends the family).
      taskDefinitionArn = [for name in sort(keys(var.jobs)) : {
        prefix = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${var.name_prefix}-${name}:"
      }]
      # An array of objects matches when one element does: a container with a
      # non-zero exit code, or a task that never started.
      "$or" = [
        { containers = { exitCode = [{ "anything-but" = 0 }] } },
        { stopCode = ["TaskFailedToStart"] },
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "job_failed" {
  count = var.alarm_topic_arn == null ? 0 : 1

  rule      = aws_cloudwatch_event_rule.job_failed[0].name
  target_id = "alarm-topic"
  arn       = var.alarm_topic_arn

  # A job's task has one container, named after the job; its log stream is
  # JOB/JOB/TASK_ID (the awslogs prefix, the container, the task ARN's end).
  input_transformer {
    input_paths = {
      job       = "$.detail.containers[0].name"
      exit_code = "$.detail.containers[0].exitCode"
      stop_code = "$.detail.stopCode"
      reason    = "$.detail.stoppedReason"
      task      = "$.detail.taskArn"
    }
    input_template = "\"Job <job> of ${var.name_prefix} failed. Exit code: <exit_code>. Stop code: <stop_code>. Stopped reason: <reason>. Task: <task>. Logs: group /ecs/${var.name_prefix}/<job>, stream <job>/<job>/ then the task ID (the task ARN's last part).\""
  }
}

# A schedule whose invocations still fail after its retries puts them in its
# dead-letter queue: any message there means a run did not start.
resource "aws_cloudwatch_metric_alarm" "dead_letter" {
  for_each = var.alarm_topic_arn == null ? {} : local.scheduled

  alarm_name          = "${var.name_prefix}-${each.key}-schedule-failed"
  alarm_description   = "A scheduled run of the ${each.key} job could not be started (see its dead-letter queue)"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  dimensions = {
    QueueName = aws_sqs_queue.dead_letter[each.key].name
  }
}
