
variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the assets bucket."
  type        = string
}

variable "bucket_name" {
  description = "Name of the assets bucket."
  type        = string
}

variable "versioning" {
  description = "Keep object versions in the assets bucket. false: no versioning resource (a bucket that was versioned before is suspended)."
  type        = bool
  default     = true
}

variable "transition_to_ia_days" {
  description = "Days before assets move to STANDARD_IA; null for never."
  type        = number
  default     = null

  validation {
    condition     = var.transition_to_ia_days == null || try(var.transition_to_ia_days >= 30 && floor(var.transition_to_ia_days) == var.transition_to_ia_days, false)
    error_message = "transition_to_ia_days must be null or a whole number of days, at least 30 (the STANDARD_IA minimum)."
  }
}

variable "expire_days" {
  description = "Days before assets (and, with versioning, replaced versions) are deleted; null for never."
  type        = number
  default     = null

  validation {
    condition     = var.expire_days == null || try(var.expire_days >= 1 && floor(var.expire_days) == var.expire_days, false)
    error_message = "expire_days must be null or a whole number of days, at least 1."
  }
}

variable "cors_origins" {
  description = "Origins allowed by the CORS rule (GET, HEAD, PUT); empty for no CORS configuration."
  type        = list(string)
  default     = []
}

variable "create_bucket_policy" {
  description = "Attach the TLS-only bucket policy to the assets bucket. False when another module owns that policy (the cdn unit's adds CloudFront read access)."
  type        = bool
  default     = true
}

variable "logs_bucket_name" {
  description = "Name of the bucket for ALB and S3 access logs."
  type        = string
}

variable "access_log_days" {
  description = "Days access logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = var.access_log_days >= 1 && floor(var.access_log_days) == var.access_log_days
    error_message = "access_log_days must be a whole number of days, at least 1."
  }
}

variable "logs_force_destroy" {
  description = "Let a destroy empty the access-log bucket (for short-lived environments)."
  type        = bool
  default     = false
}
