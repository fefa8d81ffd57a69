
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "domain_prefix" {
  description = "Cognito hosted UI domain prefix: name_prefix, or when that contains aws, amazon or cognito (reserved) name_prefix without them and a hash of it."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.domain_prefix)) && length(regexall("aws|amazon|cognito", var.domain_prefix)) == 0
    error_message = "domain_prefix must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen, without aws, amazon or cognito."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key."
  type        = string
}

variable "mfa" {
  description = "MFA mode: OFF, OPTIONAL (users may enable a software token) or ON (required)."
  type        = string
  default     = "OPTIONAL"

  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.mfa)
    error_message = "mfa must be OFF, OPTIONAL or ON."
  }
}

variable "password_min_length" {
  description = "Minimum password length (8-99)."
  type        = number
  default     = 12

  validation {
    condition     = var.password_min_length >= 8 && var.password_min_length <= 99 && floor(var.password_min_length) == var.password_min_length
    error_message = "password_min_length must be a whole number from 8 to 99."
  }
}

variable "callback_urls" {
  description = "OAuth callback URLs of the web app."
  type        = list(string)
}

variable "logout_urls" {
  description = "Sign-out URLs of the web app."
  type        = list(string)
}

variable "deletion_protection" {
  description = "Protect the user pool from deletion."
  type        = bool
  default     = true
}

variable "ssm_prefix" {
  description = "SSM path prefix for the pool and client IDs (COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID)."
  type        = string
}
