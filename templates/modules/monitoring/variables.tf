
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (its policy must let CloudWatch publish to the topic)."
  type        = string
}

variable "alarm_email" {
  description = "Email subscribed to the alarm topic."
  type        = string
}

variable "cluster_name" {
  description = "ECS cluster of the services."
  type        = string
}

variable "service_names" {
  description = "ECS service name of each service, keyed by service: CPU and memory alarms for each."
  type        = map(string)
}

variable "alb_arn_suffix" {
  description = "ALB dimension (arn_suffix of the load balancer)."
  type        = string
}

variable "target_group_arn_suffixes" {
  description = "Target group dimension of each service, keyed by service: an unhealthy-hosts alarm for each."
  type        = map(string)
}

variable "database_engine" {
  description = "Engine of the environment's database: postgres (an RDS instance: CPU and free storage alarms), aurora-postgresql (an Aurora Serverless v2 cluster: CPU and capacity alarms), or null for no database alarms."
  type        = string
  default     = null

  validation {
    condition     = var.database_engine == null || contains(["postgres", "aurora-postgresql"], coalesce(var.database_engine, "-"))
    error_message = "database_engine must be postgres, aurora-postgresql or null."
  }
}

variable "database_identifier" {
  description = "Database instance (postgres) or cluster (aurora-postgresql) identifier. Required with database_engine."
  type        = string
  default     = null

  validation {
    condition     = var.database_engine == null || var.database_identifier != null
    error_message = "database_identifier is required when database_engine is set."
  }
}

variable "max_capacity" {
  description = "Aurora's maximum ACU: the capacity alarm fires at it. Required with database_engine aurora-postgresql."
  type        = number
  default     = null

  validation {
    condition     = var.database_engine != "aurora-postgresql" || var.max_capacity != null
    error_message = "max_capacity is required when database_engine is aurora-postgresql."
  }
}

variable "job_failure_rule_name" {
  description = "Name of the jobs unit's EventBridge rule (default bus) that tells this topic of failed jobs: the topic policy lets exactly that rule, and this environment's CloudWatch alarms, publish (the key policy must let events.amazonaws.com use the key). Null: no jobs, the default topic policy."
  type        = string
  default     = null
}

variable "dead_letter_queues" {
  description = "SQS name of each queue's dead-letter queue, keyed by queue name: an alarm when a message is in one."
  type        = map(string)
  default     = {}
}
