
# The token never appears in code or state inputs: it is read from Secrets
# Manager at plan time.
data "aws_secretsmanager_secret_version" "auth_token" {
  secret_id = var.auth_token_secret
}

provider "sentry" {
  token = data.aws_secretsmanager_secret_version.auth_token.secret_string
}

resource "sentry_project" "web" {
  organization  = var.organization
  teams         = [var.team]
  name          = "${var.name_prefix}-web"
  slug          = "${var.name_prefix}-web"
  platform      = "javascript-nextjs"
  default_rules = false
  default_key   = false
}

resource "sentry_key" "web" {
  organization = var.organization
  project      = sentry_project.web.slug
  name         = var.name_prefix
}

# The DSN, for the web service (SENTRY_DSN and NEXT_PUBLIC_SENTRY_DSN).
resource "aws_ssm_parameter" "dsn" {
  name   = "${var.ssm_prefix}/SENTRY_DSN"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = sentry_key.web.dsn["public"]
}

# Mail the issue owners (else the team's active members) when a new issue of
# level error or fatal appears.
resource "sentry_issue_alert" "new_errors" {
  organization = var.organization
  project      = sentry_project.web.slug
  name         = "New errors in ${var.name_prefix}"
  action_match = "any"
  filter_match = "all"
  frequency    = 30

  conditions_v2 = [
    { first_seen_event = {} },
  ]

  filters_v2 = [
    {
      level = {
        match = "GREATER_OR_EQUAL"
        level = "error"
      }
    },
  ]

  actions_v2 = [
    {
      notify_email = {
        target_type      = "IssueOwners"
        fallthrough_type = "ActiveMembers"
      }
    },
  ]
}
