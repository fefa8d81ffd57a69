
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,45}$", var.name_prefix)) && !endswith(var.name_prefix, "-")
    error_message = "name_prefix must be 1-46 letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's KMS key: log groups, schedules and dead-letter queues are encrypted with it."
  type        = string
}

variable "cluster_name" {
  description = "Name of the ECS cluster the jobs run on."
  type        = string
}

variable "task_subnet_ids" {
  description = "Subnets of the job tasks (those of the services)."
  type        = list(string)
}

variable "assign_public_ip" {
  description = "Give the job tasks public IPs (tasks in public subnets, without NAT)."
  type        = bool
  default     = false
}

variable "task_security_group_id" {
  description = "Security group of every job task (the services' tasks' group)."
  type        = string
}

variable "service_security_group_ids" {
  description = "Security group of each service, by name: a job that uses a service runs in that service's group too, beside task_security_group_id."
  type        = map(string)
}

variable "task_execution_role_arn" {
  description = "ARN of the ECS task execution role (pulls the image, reads the secrets, writes the logs)."
  type        = string
}

variable "service_task_role_arns" {
  description = "Task role of each service, by name: a job with `uses` runs with that service's role."
  type        = map(string)
  default     = {}
}

variable "job_task_role_arns" {
  description = "Task role of each job without `uses`, by job name."
  type        = map(string)
  default     = {}
}

variable "repository_urls" {
  description = "ECR repository of each service without `image`: a job that uses such a service (and sets no image) runs its :latest tag."
  type        = map(string)
  default     = {}
}

variable "jobs" {
  description = "The jobs, by name. With `schedule` (an EventBridge Scheduler expression) Scheduler runs the task; without, it is a one-off task definition, run with `aws ecs run-task`."
  type = map(object({
    uses             = optional(string)
    image            = optional(string)
    command          = optional(list(string))
    entrypoint       = optional(list(string))
    cpu              = optional(number, 256)
    memory           = optional(number, 512)
    cpu_architecture = optional(string, "X86_64")
    environment      = optional(map(string), {})
    secrets          = optional(list(string), [])
    secret_sources = optional(map(object({
      ssm            = optional(string)
      secretsmanager = optional(string)
      key            = optional(string)
    })), {})
    schedule = optional(string)
    timezone = optional(string, "UTC")
    retries  = optional(number, 185)
  }))

  validation {
    condition     = alltrue([for name in keys(var.jobs) : can(regex("^[a-z][a-z0-9-]{0,19}$", name))])
    error_message = "Job names are DNS labels of 1-20 characters: lowercase letters, digits and hyphens, starting with a letter."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : job.image != null || job.uses != null])
    error_message = "A job needs an image, or uses a service (whose repository it runs)."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : job.image != null || contains(keys(var.repository_urls), coalesce(job.uses, "-"))])
    error_message = "A job without image runs the :latest tag of its service's repository: repository_urls needs an entry for that service."
  }

  validation {
    condition     = alltrue([for name, job in var.jobs : job.uses != null ? contains(keys(var.service_task_role_arns), job.uses) : contains(keys(var.job_task_role_arns), name)])
    error_message = "Each job needs a task role: its service's in service_task_role_arns, or its own in job_task_role_arns."
  }

  validation {
    condition = alltrue([for job in values(var.jobs) : contains(lookup({
      "256"   = [512, 1024, 2048]
      "512"   = [1024, 2048, 3072, 4096]
      "1024"  = range(2048, 8193, 1024)
      "2048"  = range(4096, 16385, 1024)
      "4096"  = range(8192, 30721, 1024)
      "8192"  = range(16384, 61441, 4096)
      "16384" = range(32768, 122881, 8192)
    }, tostring(job.cpu), []), job.memory)])
    error_message = "cpu and memory must be a valid Fargate pair, e.g. 256/512, 512/1024, 1024/2048."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : contains(["X86_64", "ARM64"], job.cpu_architecture)])
    error_message = "cpu_architecture is X86_64 or ARM64."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : job.schedule == null || can(regex("^(cron|rate|at)\\(.+\\)$", job.schedule))])
    error_message = "schedule is an EventBridge Scheduler expression: cron(...), rate(...) or at(...)."
  }

  validation {
    condition     = alltrue([for job in values(var.jobs) : job.retries >= 0 && job.retries <= 185 && floor(job.retries) == job.retries])
    error_message = "retries is a whole number in 0-185 (Scheduler's maximum retry attempts)."
  }

  validation {
    condition = alltrue([for job in values(var.jobs) : alltrue([
      for src in values(job.secret_sources) : (src.ssm == null) != (src.secretsmanager == null) && (src.key == null || src.secretsmanager != null)
    ])])
    error_message = "Each of secret_sources names either ssm or secretsmanager, and key only with secretsmanager."
  }
}

variable "schedule_names" {
  description = "Name of the EventBridge Scheduler schedule of each scheduled job (at most 64 characters)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name, job in var.jobs : job.schedule == null || contains(keys(var.schedule_names), name)])
    error_message = "schedule_names needs an entry for every job with a schedule."
  }
}

variable "scheduler_role_names" {
  description = "Name of the IAM role EventBridge Scheduler assumes to run each scheduled job (at most 64 characters)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name, job in var.jobs : job.schedule == null || contains(keys(var.scheduler_role_names), name)])
    error_message = "scheduler_role_names needs an entry for every job with a schedule."
  }
}

variable "dead_letter_queue_names" {
  description = "Name of the SQS dead-letter queue of each scheduled job (at most 80 characters)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name, job in var.jobs : job.schedule == null || contains(keys(var.dead_letter_queue_names), name)])
    error_message = "dead_letter_queue_names needs an entry for every job with a schedule."
  }
}

variable "ssm_prefix" {
  description = "SSM path prefix of the jobs' secrets: each name in `secrets` is read from {ssm_prefix}/{name}."
  type        = string
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the job logs, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention period."
  }
}

variable "secret_arns" {
  description = "ARN of each injected Secrets Manager secret, by name (the jobs' secret_sources)."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue(flatten([for job in values(var.jobs) : [
      for src in values(job.secret_sources) : src.secretsmanager == null ? true : contains(keys(var.secret_arns), src.secretsmanager)
    ]]))
    error_message = "secret_arns must hold every secretsmanager secret of the jobs' secret_sources."
  }
}

variable "database_host" {
  description = "Writer endpoint of the database, passed to every job as DATABASE_HOST; null: no database settings."
  type        = string
  default     = null
}

variable "database_port" {
  description = "Port of the database, passed as DATABASE_PORT with database_host."
  type        = number
  default     = null
}

variable "database_name" {
  description = "Name of the application database, passed as DATABASE_NAME with database_host."
  type        = string
  default     = null
}

variable "database_user" {
  description = "Database user (the master user), passed as DATABASE_USER with database_host."
  type        = string
  default     = null
}

variable "enable_database" {
  description = "The jobs get the password key of database_secret_arn as DATABASE_PASSWORD (the execution role may read it: the compute unit grants that)."
  type        = bool
  default     = false
}

variable "database_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS manages for the master user (with enable_database)."
  type        = string
  default     = null

  validation {
    condition     = !var.enable_database || var.database_secret_arn != null
    error_message = "database_secret_arn is required with enable_database."
  }
}

variable "cognito_user_pool_id" {
  description = "ID of the Cognito user pool, passed to every job as COGNITO_USER_POOL_ID; null: no Cognito settings."
  type        = string
  default     = null
}

variable "cognito_client_id" {
  description = "ID of the Cognito app client, passed as COGNITO_CLIENT_ID with cognito_user_pool_id."
  type        = string
  default     = null
}

variable "alarm_topic_arn" {
  description = "ARN of the monitoring unit's SNS alarm topic: a failed job (non-zero exit code, or a task that failed to start) and a scheduled run that could not start are told to it. Null: no job notifications."
  type        = string
  default     = null
}

variable "job_failure_rule_name" {
  description = "Name of the EventBridge rule on the default bus that tells the alarm topic of failed jobs (the monitoring unit's topic policy lets exactly this rule publish). Required with alarm_topic_arn."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || var.job_failure_rule_name != null
    error_message = "job_failure_rule_name is required with alarm_topic_arn."
  }
}

variable "queue_environment" {
  description = "Environment variables of the queues' producers and consumers, keyed by service or job: <NAME>_QUEUE_URL (an output of the queues unit)."
  type        = map(map(string))
  default     = {}
}

variable "table_environment" {
  description = "Environment variables of the tables' clients and readers, keyed by service or job: TABLE_<NAME> (an output of the tables unit)."
  type        = map(map(string))
  default     = {}
}

variable "cache_environment" {
  description = "Environment variables of the cache's clients, keyed by service: CACHE_URL (an output of the cache unit)."
  type        = map(map(string))
  default     = {}
}
