
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition

  # The execution role reads parameters and secrets only when the services name some.
  read_secrets = length(var.ssm_parameter_names) + length(var.ssm_parameter_arns) + length(var.secret_names) > 0

  # The ALB reaches the web services only.
  web_ports = { for name, svc in var.services : name => svc.port if svc.kind == "web" }

  # One rule pair per backend and caller, keyed "backend:caller".
  backend_callers = {
    for pair in flatten([
      for name, svc in var.services : [
        for caller in svc.callers : { backend = name, caller = caller, port = svc.port }
      ] if svc.kind == "backend"
    ]) : "${pair.backend}:${pair.caller}" => pair
  }
}

# --- Security groups ---------------------------------------------------------

resource "aws_security_group" "alb" {
  # checkov:skip=CKV2_AWS_5:Attached in the compute unit (the ALB), a separate Terraform module this check cannot see.
  name        = "${var.name_prefix}-alb"
  description = "ALB: HTTP and HTTPS from the allowed sources"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-alb"
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb_ipv4" {
  for_each = toset(flatten([for cidr in var.alb_ingress_ipv4_cidrs : [for port in [80, 443] : "${cidr}|${port}"]]))

  security_group_id = aws_security_group.alb.id
  description       = "Port ${split("|", each.key)[1]} from ${split("|", each.key)[0]}"
  cidr_ipv4         = split("|", each.key)[0]
  ip_protocol       = "tcp"
  from_port         = tonumber(split("|", each.key)[1])
  to_port           = tonumber(split("|", each.key)[1])
}

resource "aws_vpc_security_group_ingress_rule" "alb_ipv6" {
  for_each = toset(flatten([for cidr in var.alb_ingress_ipv6_cidrs : [for port in [80, 443] : "${cidr}|${port}"]]))

  security_group_id = aws_security_group.alb.id
  description       = "Port ${split("|", each.key)[1]} from ${split("|", each.key)[0]}"
  cidr_ipv6         = split("|", each.key)[0]
  ip_protocol       = "tcp"
  from_port         = tonumber(split("|", each.key)[1])
  to_port           = tonumber(split("|", each.key)[1])
}

# With a CDN, only CloudFront's origin-facing addresses reach the ALB.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.alb_ingress_from_cloudfront ? 1 : 0

  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# One rule, on the one port CloudFront's origin protocol uses: each reference to
# the prefix list counts as its ~55 entries against the group's rule quota (60),
# so a second one fails with RulesPerSecurityGroupLimitExceeded.
resource "aws_vpc_security_group_ingress_rule" "alb_cloudfront" {
  for_each = var.alb_ingress_from_cloudfront ? toset([tostring(var.cloudfront_origin_port)]) : toset([])

  security_group_id = aws_security_group.alb.id
  description       = "Port ${each.key} from CloudFront"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront[0].id
  ip_protocol       = "tcp"
  from_port         = tonumber(each.key)
  to_port           = tonumber(each.key)
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  for_each = local.web_ports

  security_group_id            = aws_security_group.alb.id
  description                  = "To the ${each.key} tasks"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
}

resource "aws_security_group" "tasks" {
  # checkov:skip=CKV2_AWS_5:Attached in the compute unit (the ECS services), a separate Terraform module this check cannot see.
  name        = "${var.name_prefix}-tasks"
  description = "ECS tasks: service ports from the ALB only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-tasks"
  }
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  for_each = local.web_ports

  security_group_id            = aws_security_group.tasks.id
  description                  = "${each.key} from the ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
}

# Tasks pull images, write logs and call AWS APIs over HTTPS.
resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  security_group_id = aws_security_group.tasks.id
  description       = "HTTPS to AWS APIs and the internet"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# One group per service, beside the shared tasks group: what only that
# service may reach admits it (a backend admits its callers' groups), and a
# worker's or a web service's own group admits nothing.
resource "aws_security_group" "service" {
  # checkov:skip=CKV2_AWS_5:Attached in the compute unit (each ECS service), a separate Terraform module this check cannot see.
  for_each = var.services

  name        = "${var.name_prefix}-service-${each.key}"
  description = each.value.kind == "backend" ? "Service ${each.key}: port ${each.value.port} from its callers only" : "Service ${each.key}: no ingress of its own"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-service-${each.key}"
  }
}

# A backend's port, from each of its callers (through Service Connect: the
# proxy in the backend's task listens on the container port).
resource "aws_vpc_security_group_ingress_rule" "backend_from_caller" {
  for_each = local.backend_callers

  security_group_id            = aws_security_group.service[each.value.backend].id
  description                  = "${each.value.backend} from ${each.value.caller}"
  referenced_security_group_id = aws_security_group.service[each.value.caller].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "caller_to_backend" {
  for_each = local.backend_callers

  security_group_id            = aws_security_group.service[each.value.caller].id
  description                  = "${each.value.caller} to ${each.value.backend}"
  referenced_security_group_id = aws_security_group.service[each.value.backend].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
}

resource "aws_vpc_security_group_egress_rule" "tasks_to_database" {
  count = var.create_database_security_group ? 1 : 0

  security_group_id            = aws_security_group.tasks.id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_security_group" "database" {
  # checkov:skip=CKV2_AWS_5:Attached in the database unit, a separate Terraform module this check cannot see.
  count = var.create_database_security_group ? 1 : 0

  name        = "${var.name_prefix}-database"
  description = "Database: PostgreSQL from the tasks${var.create_bastion ? " and the bastion" : ""}"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-database"
  }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_tasks" {
  count = var.create_database_security_group ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "PostgreSQL from the ECS tasks"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# With the bastion, one rule per database security group: none without the
# database. (Not `var.create_bastion && var.create_database_security_group`:
# checkov resolves a condition on two variables differently from run to run.)
resource "aws_vpc_security_group_ingress_rule" "database_from_bastion" {
  count = var.create_bastion ? length(aws_security_group.database) : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "PostgreSQL from the bastion (SSM port forwarding)"
  referenced_security_group_id = aws_security_group.bastion[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# The bastion has no ingress at all: it is reached through SSM Session Manager.
resource "aws_security_group" "bastion" {
  # checkov:skip=CKV2_AWS_5:Attached in the bastion unit, a separate Terraform module this check cannot see.
  count = var.create_bastion ? 1 : 0

  name        = "${var.name_prefix}-bastion"
  description = "Bastion: no ingress, SSM Session Manager only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-bastion"
  }
}

resource "aws_vpc_security_group_egress_rule" "bastion_https" {
  count = var.create_bastion ? 1 : 0

  security_group_id = aws_security_group.bastion[0].id
  description       = "HTTPS to SSM"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "bastion_to_database" {
  count = var.create_bastion ? length(aws_security_group.database) : 0

  security_group_id            = aws_security_group.bastion[0].id
  description                  = "PostgreSQL"
  referenced_security_group_id = aws_security_group.database[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# --- IAM: ECS task execution role ---------------------------------------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "task_execution" {
  name               = "${var.name_prefix}-task-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "task_execution" {
  role       = aws_iam_role.task_execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# Looked up by name: the task definitions need each secret's full ARN, and
# the execution role may read exactly those.
data "aws_secretsmanager_secret" "injected" {
  for_each = toset(var.secret_names)

  name = each.key
}

# Read exactly the parameters and secrets the services name: no wildcards.
data "aws_iam_policy_document" "task_execution_secrets" {
  count = local.read_secrets ? 1 : 0

  dynamic "statement" {
    for_each = length(var.ssm_parameter_names) + length(var.ssm_parameter_arns) > 0 ? ["ReadServiceParameters"] : []

    content {
      sid     = statement.value
      actions = ["ssm:GetParameters"]
      resources = concat(
        [for name in var.ssm_parameter_names : "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${name}"],
        var.ssm_parameter_arns,
      )
    }
  }

  dynamic "statement" {
    for_each = length(var.secret_names) > 0 ? ["ReadInjectedSecrets"] : []

    content {
      sid       = statement.value
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for secret in data.aws_secretsmanager_secret.injected : secret.arn]
    }
  }

  # SecureString parameters and secrets encrypted with the environment key.
  statement {
    sid       = "DecryptWithEnvironmentKey"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "task_execution_secrets" {
  count = local.read_secrets ? 1 : 0

  name   = "read-service-secrets"
  role   = aws_iam_role.task_execution.id
  policy = data.aws_iam_policy_document.task_execution_secrets[0].json
}

# --- IAM: one task role per service -------------------------------------------

resource "aws_iam_role" "task" {
  for_each = var.services

  name               = var.task_role_names[each.key]
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# One policy per service: ECS Exec only for the services that allow it.
data "aws_iam_policy_document" "task" {
  for_each = var.services

  statement {
    sid       = "AssetsBucketObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.assets_bucket_arn}/*"]
  }

  statement {
    sid       = "AssetsBucketList"
    actions   = ["s3:ListBucket"]
    resources = [var.assets_bucket_arn]
  }

  # The bucket is SSE-KMS: objects are read and written through S3 only.
  statement {
    sid       = "AssetsBucketEncryption"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }

  # ECS Exec (aws ecs execute-command) talks to SSM through these channels.
  dynamic "statement" {
    for_each = var.exec_services == null || contains(coalesce(var.exec_services, []), each.key) ? ["EcsExec"] : []

    content {
      sid = statement.value
      actions = [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
      ]
      resources = ["*"] # these actions support no resource-level permissions
    }
  }
}

resource "aws_iam_role_policy" "task" {
  for_each = aws_iam_role.task

  name   = "assets-and-exec"
  role   = each.value.id
  policy = data.aws_iam_policy_document.task[each.key].json
}

# --- IAM: bastion -------------------------------------------------------------

data "aws_iam_policy_document" "ec2_assume" {
  count = var.create_bastion ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bastion" {
  count = var.create_bastion ? 1 : 0

  name               = "${var.name_prefix}-bastion"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume[0].json
}

resource "aws_iam_role_policy_attachment" "bastion_ssm" {
  count = var.create_bastion ? 1 : 0

  role       = aws_iam_role.bastion[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "bastion" {
  count = var.create_bastion ? 1 : 0

  name = "${var.name_prefix}-bastion"
  role = aws_iam_role.bastion[0].name
}

# --- CloudFront origin secret -------------------------------------------------
# With a CDN, CloudFront sends a secret header to the ALB, which answers 403
# without it: the origin-facing prefix list admits every CloudFront
# distribution, not only this one, and the web ACL is at CloudFront. This unit
# (applied before compute and cdn) owns the secret: Secrets Manager generates
# the value, written write-only (never in this unit's plan), and reads it back
# for the ALB (compute), which passes the current one on to CloudFront (cdn).
#
# Rotation without downtime: raise origin_secret_version (the spec's
# cdn.origin_secret_version) and apply security, compute, cdn in that order
# (`terragrunt run --all apply` does). The new value becomes AWSCURRENT, the
# old one AWSPREVIOUS; the ALB accepts both, and CloudFront switches to the
# new one when the cdn unit is applied.

resource "aws_secretsmanager_secret" "origin" {
  # checkov:skip=CKV2_AWS_57:Rotated by raising origin_secret_version (a new generated value the ALB accepts beside the previous one until CloudFront sends it); a rotation Lambda could not update CloudFront and the ALB in that order.
  count = var.create_origin_secret ? 1 : 0

  name        = "${var.name_prefix}/cloudfront-origin-header"
  description = "Value of the X-Origin-Verify header CloudFront sends and the ALB requires."
  kms_key_id  = var.kms_key_arn

  # A generated value nothing else needs once the CDN is gone: deleted at
  # once, so turning the CDN off and on again can reuse the name.
  recovery_window_in_days = 0
}

# Letters and digits only: ALB header conditions read * and ? as wildcards.
ephemeral "aws_secretsmanager_random_password" "origin" {
  count = var.create_origin_secret ? 1 : 0

  password_length     = 64
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "origin" {
  count = var.create_origin_secret ? 1 : 0

  secret_id                = aws_secretsmanager_secret.origin[0].id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.origin[0].random_password
  secret_string_wo_version = var.origin_secret_version
}

data "aws_secretsmanager_secret_version" "origin_current" {
  count = var.create_origin_secret ? 1 : 0

  secret_id     = aws_secretsmanager_secret.origin[0].id
  version_stage = "AWSCURRENT"

  depends_on = [aws_secretsmanager_secret_version.origin]
}

# After a rotation (origin_secret_version 2 and later) the value before it.
data "aws_secretsmanager_secret_version" "origin_previous" {
  count = var.create_origin_secret && var.origin_secret_version > 1 ? 1 : 0

  secret_id     = aws_secretsmanager_secret.origin[0].id
  version_stage = "AWSPREVIOUS"

  depends_on = [aws_secretsmanager_secret_version.origin]
}

# --- IAM: one task role per job without `uses` ----------------------------------
# (A job that uses a service runs with that service's role.) Every role of the
# environment stays in this module; the jobs unit reads their ARNs.

resource "aws_iam_role" "job_task" {
  for_each = var.job_task_role_names

  name               = each.value
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# The assets bucket, as the services have it; no ECS Exec (a job runs to its end).
data "aws_iam_policy_document" "job_task" {
  count = length(var.job_task_role_names) > 0 ? 1 : 0

  statement {
    sid       = "AssetsBucketObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.assets_bucket_arn}/*"]
  }

  statement {
    sid       = "AssetsBucketList"
    actions   = ["s3:ListBucket"]
    resources = [var.assets_bucket_arn]
  }

  statement {
    sid       = "AssetsBucketEncryption"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "job_task" {
  for_each = aws_iam_role.job_task

  name   = "assets"
  role   = each.value.id
  policy = data.aws_iam_policy_document.job_task[0].json
}
