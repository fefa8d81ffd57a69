
data "aws_region" "current" {}

locals {
  # The task role of each service, and of each job with a role of its own.
  role_names = merge(var.task_role_names, var.job_task_role_names)

  # One grant per queue and service: "queue/service".
  producers = merge([for queue, q in var.queues : { for service in q.producers : "${queue}/${service}" => { queue = queue, service = service } }]...)
  consumers = merge([for queue, q in var.queues : { for service in q.consumers : "${queue}/${service}" => { queue = queue, service = service } }]...)

  # SQS calls KMS for the queue's data keys on behalf of the caller.
  sqs_endpoint = "sqs.${data.aws_region.current.region}.amazonaws.com"

  # The 14 days SQS keeps a message at most: a dead letter waits as long
  # as it can for someone to read it.
  dead_letter_retention_seconds = 1209600
}

# --- Queues --------------------------------------------------------------------

resource "aws_sqs_queue" "dead_letter" {
  for_each = var.queues

  name                              = var.dead_letter_queue_names[each.key]
  fifo_queue                        = each.value.fifo
  message_retention_seconds         = local.dead_letter_retention_seconds
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                              = var.queue_names[each.key]
  fifo_queue                        = each.value.fifo
  visibility_timeout_seconds        = each.value.visibility_timeout
  message_retention_seconds         = each.value.retention_days * 86400
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = 300

  # After max_receives receives without a delete, a message moves to the
  # dead-letter queue.
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = each.value.max_receives
  })
}

# Only its own queue may move messages into a dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  for_each = var.queues

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}

# --- Queue policies: TLS only ----------------------------------------------------

data "aws_iam_policy_document" "queue" {
  for_each = var.queues

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.this[each.key].arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  for_each = var.queues

  queue_url = aws_sqs_queue.this[each.key].id
  policy    = data.aws_iam_policy_document.queue[each.key].json
}

data "aws_iam_policy_document" "dead_letter" {
  for_each = var.queues

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.dead_letter[each.key].arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letter" {
  for_each = var.queues

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  policy    = data.aws_iam_policy_document.dead_letter[each.key].json
}

# --- IAM: producers send, consumers receive and delete -----------------------------
# Attached to the services' task roles here, beside the queue they grant.

data "aws_iam_policy_document" "send" {
  for_each = local.producers

  statement {
    sid       = "SendToQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.this[each.value.queue].arn]
  }

  # SQS encrypts with a data key of the environment key; it generates the
  # data key, and decrypts it again while it reuses it.
  statement {
    sid       = "EncryptMessages"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.sqs_endpoint]
    }
  }
}

resource "aws_iam_role_policy" "send" {
  for_each = local.producers

  name   = "queue-${each.value.queue}-send"
  role   = local.role_names[each.value.service]
  policy = data.aws_iam_policy_document.send[each.key].json
}

data "aws_iam_policy_document" "receive" {
  for_each = local.consumers

  statement {
    sid = "ReceiveFromQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.this[each.value.queue].arn]
  }

  statement {
    sid       = "DecryptMessages"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.sqs_endpoint]
    }
  }
}

resource "aws_iam_role_policy" "receive" {
  for_each = local.consumers

  name   = "queue-${each.value.queue}-receive"
  role   = local.role_names[each.value.service]
  policy = data.aws_iam_policy_document.receive[each.key].json
}
