
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition
}

# One customer-managed key per environment encrypts its logs, SSM parameters,
# container images, database, assets and alarm topic at rest. IAM policies in
# this account decide who may use it; AWS services that write on their own
# behalf are allowed below, each limited to this account's resources.
data "aws_iam_policy_document" "key" {
  # checkov:skip=CKV_AWS_109:A key policy's "*" resource is this key only; account-root administration is the AWS default that keeps the key manageable.
  # checkov:skip=CKV_AWS_111:A key policy's "*" resource is this key only; write access is delegated to IAM in this account.
  # checkov:skip=CKV_AWS_356:A key policy's "*" resource is this key only.
  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncryptsThisAccountsLogGroups"
    actions = [
      "kms:Encrypt*",
      "kms:Decrypt*",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:Describe*",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
    }
  }

  # CloudWatch alarms publish to the encrypted alarm topic.
  dynamic "statement" {
    for_each = var.enable_alarm_topic_access ? [1] : []

    content {
      sid       = "CloudWatchAlarmsPublishToEncryptedTopics"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudwatch.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }

  # The jobs' failure rule (EventBridge) publishes to the encrypted alarm
  # topic. No source condition, as in AWS's example for EventBridge and
  # encrypted topics (SNS developer guide, key management): the confused-deputy
  # keys are not documented for this call, and a condition the request does not
  # satisfy would drop every notification. The topic policy scopes which rule
  # may publish.
  dynamic "statement" {
    for_each = var.enable_event_topic_access ? [1] : []

    content {
      sid       = "EventBridgePublishesToEncryptedTopics"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["events.amazonaws.com"]
      }
    }
  }

  # CloudFront reads the encrypted assets through Origin Access Control.
  dynamic "statement" {
    for_each = var.enable_cloudfront_access ? [1] : []

    content {
      sid       = "CloudFrontReadsEncryptedAssets"
      actions   = ["kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:${local.partition}:cloudfront::${local.account_id}:distribution/*"]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name_prefix}: logs, parameters, images, database, assets"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.key.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name_prefix}"
  target_key_id = aws_kms_key.this.key_id
}
