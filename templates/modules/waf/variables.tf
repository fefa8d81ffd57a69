
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. Also the web ACL's name and CloudWatch metric name."
  type        = string
}

variable "scope" {
  description = "REGIONAL: a web ACL in the provider's Region, associated with the ALB `alb_arn`. CLOUDFRONT: a web ACL for a CloudFront distribution (which attaches it itself), created with its log group in us-east-1 whatever the provider's Region."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "alb_arn" {
  description = "ARN of the ALB a REGIONAL web ACL protects; unused with scope CLOUDFRONT."
  type        = string
  default     = null

  validation {
    condition     = var.scope == "CLOUDFRONT" || var.alb_arn != null
    error_message = "A REGIONAL web ACL protects an ALB: set alb_arn."
  }
}

variable "managed_rule_groups" {
  description = "AWS managed rule groups the web ACL runs, in order: priorities 10, 20, … after the rate rule (1). Each rule is named after its group, with the metric {name_prefix}-{group}. AWSManagedRulesKnownBadInputsRuleSet holds the Log4j (Log4Shell) rules."
  type        = list(string)
  default     = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]

  validation {
    condition     = alltrue([for group in var.managed_rule_groups : can(regex("^AWSManagedRules[A-Za-z0-9]+$", group))])
    error_message = "managed_rule_groups holds names of AWS managed rule groups, e.g. AWSManagedRulesCommonRuleSet."
  }

  validation {
    condition     = length(distinct(var.managed_rule_groups)) == length(var.managed_rule_groups)
    error_message = "managed_rule_groups names a group twice; rule names must be unique."
  }
}

variable "block_large_bodies" {
  description = "Let AWSManagedRulesCommonRuleSet block request bodies over 8 KB (its SizeRestrictions_BODY rule). false: that rule only counts (a rule_action_override), so larger API POSTs and Next.js server actions pass."
  type        = bool
  default     = false
}

variable "rate_limit" {
  description = "The rate-based rule, evaluated first (priority 1): block a client IP that sends more than `limit` requests within `evaluation_window_sec` seconds. null: no rate rule."
  type = object({
    limit                 = number
    evaluation_window_sec = optional(number, 300)
  })
  default = {
    limit = 2000
  }

  validation {
    condition     = var.rate_limit == null ? true : var.rate_limit.limit >= 10 && var.rate_limit.limit <= 2000000000
    error_message = "rate_limit.limit must be between 10 and 2000000000 requests."
  }

  validation {
    condition     = var.rate_limit == null ? true : contains([60, 120, 300, 600], var.rate_limit.evaluation_window_sec)
    error_message = "rate_limit.evaluation_window_sec must be 60, 120, 300 or 600."
  }
}

variable "log_retention_days" {
  description = "Retention of the WAF log group, in days (a value CloudWatch Logs accepts; 0: never expire)."
  type        = number
  default     = 365

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the WAF log group, in the log group's Region (us-east-1 with scope CLOUDFRONT); unused with create_kms_key. null: CloudWatch Logs' AWS-owned key."
  type        = string
  default     = null
}

variable "create_kms_key" {
  description = "Create a KMS key (rotated, usable by CloudWatch Logs in us-east-1 for this account's log groups) in us-east-1 for the WAF log group: for scope CLOUDFRONT when the environment's key is in another Region."
  type        = bool
  default     = false

  validation {
    condition     = !var.create_kms_key || var.scope == "CLOUDFRONT"
    error_message = "create_kms_key is for scope CLOUDFRONT (a log group in us-east-1); a REGIONAL web ACL uses kms_key_arn."
  }
}
