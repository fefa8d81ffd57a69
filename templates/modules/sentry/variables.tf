
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key."
  type        = string
}

variable "organization" {
  description = "Sentry organization slug."
  type        = string
}

variable "team" {
  description = "Sentry team that owns the project."
  type        = string
}

variable "auth_token_secret" {
  description = "Secrets Manager secret holding the Sentry auth token."
  type        = string
  default     = "sentry/auth_token"
}

variable "ssm_prefix" {
  description = "SSM path prefix of the DSN parameter."
  type        = string
}
