data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region
  iam        = "arn:${local.partition}:iam::${local.account_id}"
  issuer     = "token.actions.githubusercontent.com"

  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn

  state_buckets = var.state_bucket == null ? [] : [var.state_bucket]
  lock_tables   = var.state_lock_table == null ? [] : [var.state_lock_table]
}

# One provider per URL and account: the first environment of an account creates
# it, the others look it up (create_oidc_provider). AWS no longer checks the
# thumbprint of GitHub's issuer, so none is pinned here.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1

  url = "https://${local.issuer}"
}

# Only tokens of the repository, for the audience STS, with one of the exact
# subjects (no wildcard): the main branch, or the environment's GitHub environment.
data "aws_iam_policy_document" "deploy_trust" {
  statement {
    sid     = "GitHubDeploy"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = var.deploy_subjects
    }
  }
}

data "aws_iam_policy_document" "plan_trust" {
  statement {
    sid     = "GitHubPlan"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = var.plan_subjects
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name_prefix}-github-deploy"
  description          = "Terragrunt deploys of ${var.name_prefix} from GitHub Actions (OIDC, no keys)"
  assume_role_policy   = data.aws_iam_policy_document.deploy_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role" "plan" {
  name                 = "${var.name_prefix}-github-plan"
  description          = "Read-only Terragrunt plans of ${var.name_prefix} for pull requests (OIDC, no keys)"
  assume_role_policy   = data.aws_iam_policy_document.plan_trust.json
  max_session_duration = 3600
}

# What a Terragrunt deploy of the whole environment needs. The resources a
# deploy creates have no ARNs before the first apply, so the catalog's services
# are granted by service and region (the environment's, and us-east-1 for
# global services and CloudFront's certificate); S3 and IAM only on names
# starting with name_prefix; never on the CI roles themselves.
data "aws_iam_policy_document" "deploy" {
  dynamic "statement" {
    for_each = local.state_buckets

    # Key names only; the S3 backend lists the bucket on init (workspaces).
    content {
      sid       = "StateList"
      actions   = ["s3:ListBucket"]
      resources = ["arn:${local.partition}:s3:::${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = local.state_buckets

    content {
      sid       = "StateObjects"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      resources = ["arn:${local.partition}:s3:::${statement.value}/${var.state_key_prefix}/*"]
    }
  }

  dynamic "statement" {
    for_each = local.lock_tables

    content {
      sid       = "StateLock"
      actions   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources = ["arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${statement.value}"]
    }
  }

  statement {
    sid       = "ManageCatalogServices"
    actions   = [for service in var.managed_services : "${service}:*"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = distinct([local.region, "us-east-1"])
    }
  }

  # S3 only on the environment's own buckets (the catalog names them
  # {name_prefix}-*): not on the state of other environments.
  statement {
    sid     = "ManageEnvironmentBuckets"
    actions = ["s3:*"]
    resources = [
      "arn:${local.partition}:s3:::${var.name_prefix}-*",
      "arn:${local.partition}:s3:::${var.name_prefix}-*/*",
    ]
  }

  statement {
    sid = "ManageEnvironmentRoles"
    actions = [
      "iam:AddRoleToInstanceProfile",
      "iam:AttachRolePolicy",
      "iam:CreateInstanceProfile",
      "iam:CreatePolicy",
      "iam:CreatePolicyVersion",
      "iam:CreateRole",
      "iam:DeleteInstanceProfile",
      "iam:DeletePolicy",
      "iam:DeletePolicyVersion",
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy",
      "iam:GetInstanceProfile",
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListPolicyVersions",
      "iam:ListRolePolicies",
      "iam:PassRole",
      "iam:PutRolePolicy",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
      "iam:TagPolicy",
      "iam:TagRole",
      "iam:UntagInstanceProfile",
      "iam:UntagPolicy",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
    ]
    resources = [
      "${local.iam}:role/${var.name_prefix}-*",
      "${local.iam}:policy/${var.name_prefix}-*",
      "${local.iam}:instance-profile/${var.name_prefix}-*",
    ]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["${local.iam}:role/aws-service-role/*"]
  }

  # The CI roles and the OIDC provider are changed by a person, never by a workflow.
  statement {
    sid    = "NotTheCiRoles"
    effect = "Deny"
    actions = [
      "iam:*",
    ]
    resources = [
      "${local.iam}:role/${var.name_prefix}-github-deploy",
      "${local.iam}:role/${var.name_prefix}-github-plan",
      "${local.iam}:oidc-provider/${local.issuer}",
    ]
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "terragrunt-deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

# Plans refresh every resource: AWS's read-only policy, plus the reads of data
# it leaves out that a refresh needs, all limited to this environment.
resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "plan" {
  dynamic "statement" {
    for_each = local.state_buckets

    # Key names only; the S3 backend lists the bucket on init (workspaces).
    content {
      sid       = "StateList"
      actions   = ["s3:ListBucket"]
      resources = ["arn:${local.partition}:s3:::${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = local.state_buckets

    content {
      sid       = "StateRead"
      actions   = ["s3:GetObject"]
      resources = ["arn:${local.partition}:s3:::${statement.value}/${var.state_key_prefix}/*"]
    }
  }

  # ReadOnlyAccess reads every object of the account: not the state of other
  # environments, nor anything else outside this environment.
  statement {
    sid     = "NoOtherObjects"
    effect  = "Deny"
    actions = ["s3:GetObject", "s3:GetObjectVersion"]
    not_resources = concat(
      [for bucket in local.state_buckets : "arn:${local.partition}:s3:::${bucket}/${var.state_key_prefix}/*"],
      ["arn:${local.partition}:s3:::${var.name_prefix}-*/*"],
    )
  }

  statement {
    sid       = "EnvironmentParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    resources = ["arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${var.ssm_prefix}/*"]
  }

  dynamic "statement" {
    for_each = length(var.readable_secrets) > 0 ? [1] : []

    content {
      sid       = "EnvironmentSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for name in var.readable_secrets : "arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:${endswith(name, "*") ? name : "${name}-??????"}"]
    }
  }

  statement {
    sid       = "DecryptThroughSsmAndSecretsManager"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${local.region}.amazonaws.com", "secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "plan" {
  name   = "terragrunt-plan"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan.json
}
