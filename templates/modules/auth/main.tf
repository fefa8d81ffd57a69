
resource "aws_cognito_user_pool" "this" {
  name                     = var.name_prefix
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = var.mfa
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  password_policy {
    minimum_length    = var.password_min_length
    require_lowercase = true
    require_uppercase = true
    require_numbers   = true
    require_symbols   = true
  }

  # Software-token (TOTP) MFA, unless MFA is off.
  dynamic "software_token_mfa_configuration" {
    for_each = var.mfa == "OFF" ? [] : [true]

    content {
      enabled = true
    }
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

resource "aws_cognito_user_pool_client" "web" {
  name                                 = "${var.name_prefix}-web"
  user_pool_id                         = aws_cognito_user_pool.this.id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.callback_urls
  logout_urls                          = var.logout_urls
  prevent_user_existence_errors        = "ENABLED"
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_ssm_parameter" "user_pool_id" {
  name   = "${var.ssm_prefix}/COGNITO_USER_POOL_ID"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = aws_cognito_user_pool.this.id
}

resource "aws_ssm_parameter" "client_id" {
  name   = "${var.ssm_prefix}/COGNITO_CLIENT_ID"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = aws_cognito_user_pool_client.web.id
}
