
data "aws_region" "current" {}

locals {
  # The task role of each service, and of each job with a role of its own.
  role_names = merge(var.task_role_names, var.job_task_role_names)

  # One grant per table and service: "table/service".
  writers = merge([for table, t in var.tables : { for service in t.clients : "${table}/${service}" => { table = table, service = service } }]...)
  readers = merge([for table, t in var.tables : { for service in t.readers : "${table}/${service}" => { table = table, service = service } }]...)

  read_actions = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
  ]
  write_actions = [
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
  ]
}

# On demand: billed per request, no capacity to plan or scale.
resource "aws_dynamodb_table" "this" {
  for_each = var.tables

  name                        = var.table_names[each.key]
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = each.value.hash_key
  range_key                   = each.value.range_key
  deletion_protection_enabled = each.value.deletion_protection

  attribute {
    name = each.value.hash_key
    type = "S"
  }

  dynamic "attribute" {
    for_each = each.value.range_key == null ? [] : [each.value.range_key]

    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "ttl" {
    for_each = each.value.ttl_attribute == null ? [] : [each.value.ttl_attribute]

    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = each.value.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }
}

# --- IAM: clients read and write, readers read -------------------------------------
# Attached to the services' task roles here, beside the table they grant. The
# tables have no secondary indexes, so the table's ARN is all there is.

data "aws_iam_policy_document" "read_write" {
  for_each = local.writers

  statement {
    sid       = "ReadWriteTable"
    actions   = concat(local.read_actions, local.write_actions)
    resources = [aws_dynamodb_table.this[each.value.table].arn]
  }

  # DynamoDB decrypts the table key with the environment key for its callers.
  statement {
    sid       = "DecryptTableKey"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "read_write" {
  for_each = local.writers

  name   = "table-${each.value.table}-read-write"
  role   = local.role_names[each.value.service]
  policy = data.aws_iam_policy_document.read_write[each.key].json
}

data "aws_iam_policy_document" "read" {
  for_each = local.readers

  statement {
    sid       = "ReadTable"
    actions   = local.read_actions
    resources = [aws_dynamodb_table.this[each.value.table].arn]
  }

  statement {
    sid       = "DecryptTableKey"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "read" {
  for_each = local.readers

  name   = "table-${each.value.table}-read"
  role   = local.role_names[each.value.service]
  policy = data.aws_iam_policy_document.read[each.key].json
}
