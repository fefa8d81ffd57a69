
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. The key's alias is alias/{name_prefix}."
  type        = string
}

variable "deletion_window_days" {
  description = "Days a scheduled key deletion can still be cancelled (7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_days >= 7 && var.deletion_window_days <= 30 && floor(var.deletion_window_days) == var.deletion_window_days
    error_message = "deletion_window_days must be a whole number of days from 7 to 30."
  }
}

variable "enable_alarm_topic_access" {
  description = "Let CloudWatch alarms of this account use the key to publish to an SNS topic encrypted with it."
  type        = bool
  default     = false
}

variable "enable_event_topic_access" {
  description = "Let EventBridge use the key to publish to an SNS topic encrypted with it (the jobs' failure rule to the alarm topic; the topic policy says which rule may)."
  type        = bool
  default     = false
}

variable "enable_cloudfront_access" {
  description = "Let CloudFront distributions of this account decrypt with the key (Origin Access Control reading KMS-encrypted S3 objects)."
  type        = bool
  default     = false
}
