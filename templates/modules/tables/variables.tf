variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: it encrypts every table."
  type        = string
}

variable "tables" {
  description = "The tables, keyed by table name: string hash key, optional string range key, optional TTL attribute, point-in-time recovery, deletion protection, and the services that read and write (clients) or only read (readers)."
  type = map(object({
    hash_key               = string
    range_key              = optional(string)
    ttl_attribute          = optional(string)
    point_in_time_recovery = bool
    deletion_protection    = bool
    clients                = list(string)
    readers                = list(string)
  }))

  validation {
    condition     = alltrue([for t in values(var.tables) : t.ttl_attribute == null || (t.ttl_attribute != t.hash_key && t.ttl_attribute != t.range_key)])
    error_message = "A key attribute cannot be the TTL attribute."
  }
}

variable "table_names" {
  description = "DynamoDB name of each table, keyed like tables."
  type        = map(string)
}

variable "task_role_names" {
  description = "Task role name of each service that uses a table: the read and write policies are attached to these roles."
  type        = map(string)
}

variable "job_task_role_names" {
  description = "Task role name of each job without `uses` that is a client here (a job with `uses` runs with its service's role)."
  type        = map(string)
  default     = {}
}
