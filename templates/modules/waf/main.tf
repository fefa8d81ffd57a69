
locals {
  # A CLOUDFRONT-scoped web ACL, and the log group it writes to, must live in
  # us-east-1; a REGIONAL one lives in the provider's Region (null).
  region = var.scope == "CLOUDFRONT" ? "us-east-1" : null

  # WAF logs go to a log group whose name must start with aws-waf-logs-.
  log_group_name = "aws-waf-logs-${var.name_prefix}"
}

resource "aws_wafv2_web_acl" "this" {
  region = local.region

  name  = var.name_prefix
  scope = var.scope

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = var.managed_rule_groups

    content {
      name     = rule.value
      priority = (rule.key + 1) * 10

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value

          # The common rule group blocks request bodies over 8 KB
          # (SizeRestrictions_BODY): unless block_large_bodies, it only counts.
          dynamic "rule_action_override" {
            for_each = rule.value == "AWSManagedRulesCommonRuleSet" && !var.block_large_bodies ? ["SizeRestrictions_BODY"] : []

            content {
              name = rule_action_override.value

              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name_prefix}-${rule.value}"
        sampled_requests_enabled   = true
      }
    }
  }

  dynamic "rule" {
    for_each = var.rate_limit == null ? [] : [var.rate_limit]

    content {
      name     = "rate-limit"
      priority = 1

      action {
        block {}
      }

      statement {
        rate_based_statement {
          limit                 = rule.value.limit
          aggregate_key_type    = "IP"
          evaluation_window_sec = rule.value.evaluation_window_sec
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name_prefix}-rate-limit"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name_prefix
    sampled_requests_enabled   = true
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# With create_kms_key (a CLOUDFRONT-scoped web ACL of an environment outside
# us-east-1, whose own key is regional), the log group gets a key of its own in
# us-east-1: CloudWatch Logs there may use it for this log group only.
data "aws_iam_policy_document" "logs_key" {
  # checkov:skip=CKV_AWS_109:A key policy's "*" resource is this key only; account-root administration is the AWS default that keeps the key manageable.
  # checkov:skip=CKV_AWS_111:A key policy's "*" resource is this key only; write access is delegated to IAM in this account.
  # checkov:skip=CKV_AWS_356:A key policy's "*" resource is this key only.
  count = var.create_kms_key ? 1 : 0

  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncryptsTheWafLogGroup"
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
      identifiers = ["logs.us-east-1.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:${local.log_group_name}"]
    }
  }
}

resource "aws_kms_key" "logs" {
  count = var.create_kms_key ? 1 : 0

  region                  = "us-east-1"
  description             = "${var.name_prefix}: WAF logs in us-east-1"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.logs_key[0].json
}

resource "aws_cloudwatch_log_group" "waf" {
  region = local.region

  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.create_kms_key ? aws_kms_key.logs[0].arn : var.kms_key_arn
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  region = local.region

  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}

# A CLOUDFRONT-scoped web ACL is attached by the distribution (web_acl_id).
resource "aws_wafv2_web_acl_association" "alb" {
  count = var.scope == "REGIONAL" ? 1 : 0

  resource_arn = var.alb_arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}
