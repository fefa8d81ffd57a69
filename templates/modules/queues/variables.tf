variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: it encrypts every queue (SSE-KMS)."
  type        = string
}

variable "queues" {
  description = "The queues, keyed by queue name: fifo, visibility timeout (seconds), retention (days), receives before the dead-letter queue, and the services that send (producers) and receive (consumers)."
  type = map(object({
    fifo               = bool
    visibility_timeout = number
    retention_days     = number
    max_receives       = number
    producers          = list(string)
    consumers          = list(string)
  }))

  validation {
    condition     = alltrue([for q in values(var.queues) : q.visibility_timeout >= 0 && q.visibility_timeout <= 43200])
    error_message = "visibility_timeout must be from 0 to 43200 seconds."
  }

  validation {
    condition     = alltrue([for q in values(var.queues) : q.retention_days >= 1 && q.retention_days <= 14])
    error_message = "retention_days must be from 1 to 14."
  }

  validation {
    condition     = alltrue([for q in values(var.queues) : q.max_receives >= 1 && q.max_receives <= 1000])
    error_message = "max_receives must be from 1 to 1000."
  }
}

variable "queue_names" {
  description = "SQS name of each queue, keyed like queues (ending in .fifo for a FIFO queue)."
  type        = map(string)
}

variable "dead_letter_queue_names" {
  description = "SQS name of each queue's dead-letter queue, keyed like queues ({name}-dlq, ending in .fifo for a FIFO queue)."
  type        = map(string)
}

variable "task_role_names" {
  description = "Task role name of each service that produces or consumes: the send and receive policies are attached to these roles."
  type        = map(string)
}

variable "job_task_role_names" {
  description = "Task role name of each job without `uses` that is a client here (a job with `uses` runs with its service's role)."
  type        = map(string)
  default     = {}
}
