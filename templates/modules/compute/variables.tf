
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. Also the name of the cluster."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,45}$", var.name_prefix)) && !endswith(var.name_prefix, "-")
    error_message = "name_prefix must be 1-46 letters, digits and hyphens, not starting or ending with a hyphen."
  }
}

variable "alb_name" {
  description = "Name of the ALB: name_prefix, or when that is longer than 32 characters its start and a hash of it."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,31}$", var.alb_name)) && !endswith(var.alb_name, "-") && !startswith(var.alb_name, "internal-")
    error_message = "alb_name must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen nor starting with internal-."
  }
}

variable "target_group_name_prefixes" {
  description = "name_prefix of each service's target group, by service name: at most 6 characters (AWS appends 26)."
  type        = map(string)

  validation {
    condition     = alltrue([for p in values(var.target_group_name_prefixes) : can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,5}$", p))])
    error_message = "Each target group name_prefix must be 1-6 letters, digits and hyphens, not starting with a hyphen."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC."
  type        = string
}

variable "access_logs_bucket" {
  description = "Bucket of the ALB access logs (prefix alb/)."
  type        = string
}

variable "alb_subnet_ids" {
  description = "Public subnets of the ALB."
  type        = list(string)
}

variable "task_subnet_ids" {
  description = "Subnets of the tasks: public when there is no NAT gateway."
  type        = list(string)
}

variable "assign_public_ip" {
  description = "Give tasks public IPs (no NAT gateway)."
  type        = bool
  default     = false
}

variable "alb_security_group_id" {
  description = "Security group of the ALB."
  type        = string
}

variable "task_security_group_id" {
  description = "Security group of the tasks."
  type        = string
}

variable "service_security_group_ids" {
  description = "Security group of each service, by service name, attached beside task_security_group_id."
  type        = map(string)

  validation {
    condition     = alltrue([for name in keys(var.services) : contains(keys(var.service_security_group_ids), name)])
    error_message = "service_security_group_ids needs an entry for every service."
  }
}

variable "task_execution_role_arn" {
  description = "ECS task execution role."
  type        = string
}

variable "task_role_arns" {
  description = "Task role of each service."
  type        = map(string)
}

variable "repository_urls" {
  description = "ECR repository of each service without `image`, which runs its :latest tag; a service with `image` has none."
  type        = map(string)
  default     = {}
}

variable "services" {
  description = "The services, by name. kind: web (behind the ALB: exactly one web service has path \"/\", the default action of the listener that serves the app, the others get path rules), backend (no ALB; published in the Service Connect namespace as http://NAME:PORT) or worker (no port, no ALB). path, the health_check_* settings but command and grace, and requests_per_target apply to web services only."
  type = map(object({
    kind                       = optional(string, "web")
    port                       = optional(number)
    path                       = optional(string, "/")
    image                      = optional(string)
    cpu                        = optional(number, 256)
    memory                     = optional(number, 512)
    desired                    = optional(number, 1)
    min                        = optional(number, 1)
    max                        = optional(number, 10)
    cpu_target                 = optional(number, 70)
    memory_target              = optional(number, 80)
    scale_out_cooldown         = optional(number, 60)
    scale_in_cooldown          = optional(number, 300)
    spot                       = optional(bool, false)
    spot_only                  = optional(bool, false)
    command                    = optional(list(string))
    entrypoint                 = optional(list(string))
    cpu_architecture           = optional(string, "X86_64")
    exec                       = optional(bool, true)
    requests_per_target        = optional(number)
    health_check_path          = optional(string, "/health")
    health_check_matcher       = optional(string, "200")
    health_check_command       = optional(list(string))
    health_check_grace_seconds = optional(number, 120)
    health_check_interval      = optional(number, 60)
    unhealthy_threshold        = optional(number, 10)
    environment                = optional(map(string), {})
    secrets                    = optional(list(string), [])
    secret_sources = optional(map(object({
      ssm            = optional(string)
      secretsmanager = optional(string)
      key            = optional(string)
    })), {})
  }))

  validation {
    condition     = alltrue([for svc in values(var.services) : contains(["web", "backend", "worker"], svc.kind)])
    error_message = "Each service's kind is web, backend or worker."
  }

  validation {
    condition     = length([for svc in values(var.services) : svc if svc.kind == "web" && svc.path == "/"]) == 1
    error_message = "Exactly one web service must have path \"/\"."
  }

  validation {
    condition     = alltrue([for name in keys(var.services) : can(regex("^[a-z][a-z0-9-]{0,19}$", name))])
    error_message = "Service names are DNS labels of 1-20 characters: lowercase letters, digits and hyphens, starting with a letter."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : startswith(svc.path, "/") && startswith(svc.health_check_path, "/")])
    error_message = "path and health_check_path must start with /."
  }

  validation {
    condition = alltrue([for svc in values(var.services) : contains(lookup({
      "256"   = [512, 1024, 2048]
      "512"   = [1024, 2048, 3072, 4096]
      "1024"  = range(2048, 8193, 1024)
      "2048"  = range(4096, 16385, 1024)
      "4096"  = range(8192, 30721, 1024)
      "8192"  = range(16384, 61441, 4096)
      "16384" = range(32768, 122881, 8192)
    }, tostring(svc.cpu), []), svc.memory)])
    error_message = "cpu and memory must be a valid Fargate pair, e.g. 256/512, 512/1024, 1024/2048."
  }

  validation {
    condition     = alltrue([for name, svc in var.services : svc.image != null || contains(keys(var.repository_urls), name)])
    error_message = "A service without image runs the :latest tag of its repository: repository_urls needs an entry for it."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : svc.min <= svc.desired && svc.desired <= svc.max])
    error_message = "Each service needs min <= desired <= max."
  }

  validation {
    condition = alltrue([for svc in values(var.services) : alltrue([
      for target in [svc.cpu_target, svc.memory_target] : target > 0 && target <= 100
    ])])
    error_message = "cpu_target and memory_target are utilization percentages in (0, 100]."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : svc.kind == "worker" ? svc.port == null : try(svc.port >= 1 && svc.port <= 65535, false)])
    error_message = "Web and backend services need a port in 1-65535; a worker has none."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : contains(["X86_64", "ARM64"], svc.cpu_architecture)])
    error_message = "cpu_architecture is X86_64 or ARM64."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : svc.health_check_command == null || contains(["CMD", "CMD-SHELL"], try(svc.health_check_command[0], ""))])
    error_message = "health_check_command starts with CMD or CMD-SHELL."
  }

  validation {
    condition = alltrue([for svc in values(var.services) : alltrue([
      for src in values(svc.secret_sources) : (src.ssm == null) != (src.secretsmanager == null) && (src.key == null || src.secretsmanager != null)
    ])])
    error_message = "Each of secret_sources names either ssm or secretsmanager, and key only with secretsmanager."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : svc.requests_per_target == null || try(svc.kind == "web" && svc.requests_per_target >= 1, false)])
    error_message = "requests_per_target is a request count of at least 1, for web services only (it tracks the ALB's requests per target)."
  }
}

variable "ssm_prefix" {
  description = "SSM path prefix of the services' secrets: each name in `secrets` is read from {ssm_prefix}/{name}."
  type        = string

  validation {
    condition     = startswith(var.ssm_prefix, "/") && !endswith(var.ssm_prefix, "/")
    error_message = "ssm_prefix must start with / and not end with /."
  }
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the task logs, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention period (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "alb_deletion_protection" {
  description = "Protect the ALB from deletion."
  type        = bool
  default     = true
}

variable "enable_container_insights" {
  description = "Turn on Container Insights for the cluster (CloudWatch metrics per task, billed as custom metrics)."
  type        = bool
  default     = true
}

variable "database_host" {
  description = "Writer endpoint of the database, passed to every service as DATABASE_HOST; null: no database settings."
  type        = string
  default     = null
}

variable "database_port" {
  description = "Port of the database, passed to every service as DATABASE_PORT with database_host."
  type        = number
  default     = null

  validation {
    condition     = var.database_host == null || (var.database_port == null ? false : var.database_port >= 1 && var.database_port <= 65535)
    error_message = "database_port must be a port (1-65535) when database_host is set."
  }
}

variable "database_name" {
  description = "Name of the application database, passed to every service as DATABASE_NAME with database_host."
  type        = string
  default     = null
}

variable "database_user" {
  description = "Database user of the services (the master user), passed to every service as DATABASE_USER with database_host."
  type        = string
  default     = null
}

variable "enable_database" {
  description = "The services use the database: every service gets the password key of database_secret_arn as DATABASE_PASSWORD, the execution role may read that secret, and each successful rotation of it redeploys the services."
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

variable "task_execution_role_name" {
  description = "Name of the ECS task execution role (task_execution_role_arn), which gets the policy to read database_secret_arn (with enable_database)."
  type        = string
  default     = null

  validation {
    condition     = !var.enable_database || var.task_execution_role_name != null
    error_message = "task_execution_role_name is required with enable_database."
  }
}

variable "cognito_user_pool_id" {
  description = "ID of the Cognito user pool, passed to every service as COGNITO_USER_POOL_ID; null: no Cognito settings."
  type        = string
  default     = null
}

variable "cognito_client_id" {
  description = "ID of the Cognito app client, passed to every service as COGNITO_CLIENT_ID with cognito_user_pool_id."
  type        = string
  default     = null

  validation {
    condition     = (var.cognito_user_pool_id == null) == (var.cognito_client_id == null)
    error_message = "cognito_client_id and cognito_user_pool_id are set together."
  }
}

variable "certificate_arn" {
  description = "Validated ACM certificate of the HTTPS listener; port 80 then redirects to HTTPS. null: no HTTPS listener, the app is served over HTTP on port 80."
  type        = string
  default     = null
}

variable "tls_policy" {
  description = "TLS security policy of the HTTPS listener (with certificate_arn)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"

  validation {
    condition     = startswith(var.tls_policy, "ELBSecurityPolicy-")
    error_message = "tls_policy must be an ELB security policy (ELBSecurityPolicy-...)."
  }
}

variable "datadog" {
  description = "Datadog agent sidecar in every task and unified service tags (DD_ENV, DD_SERVICE by service, default the service name, and DD_VERSION by service, default latest); the API key is read from secret_arns[api_key_secret]. null: no sidecar."
  type = object({
    site              = optional(string, "datadoghq.com")
    api_key_secret    = string
    trace_sample_rate = optional(number, 1)
    env               = string
    services          = optional(map(string), {})
    versions          = optional(map(string), {})
  })
  default = null

  validation {
    condition     = var.datadog == null ? true : contains(["datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com"], var.datadog.site)
    error_message = "datadog.site must be a Datadog site: datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com or ddog-gov.com."
  }

  validation {
    condition     = var.datadog == null ? true : var.datadog.trace_sample_rate >= 0 && var.datadog.trace_sample_rate <= 1
    error_message = "datadog.trace_sample_rate must be between 0 and 1."
  }
}

variable "secret_arns" {
  description = "ARN of each injected Secrets Manager secret, by name (the Datadog API key, the services' secret_sources)."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue(flatten([for svc in values(var.services) : [
      for src in values(svc.secret_sources) : src.secretsmanager == null ? true : contains(keys(var.secret_arns), src.secretsmanager)
    ]]))
    error_message = "secret_arns must hold every secretsmanager secret of the services' secret_sources."
  }

  validation {
    condition     = var.datadog == null ? true : contains(keys(var.secret_arns), var.datadog.api_key_secret)
    error_message = "secret_arns must hold datadog.api_key_secret."
  }
}

variable "sentry_dsn_parameter_arn" {
  description = "SSM parameter of the Sentry DSN, injected into sentry_service as SENTRY_DSN and NEXT_PUBLIC_SENTRY_DSN. null: no Sentry."
  type        = string
  default     = null
}

variable "sentry_service" {
  description = "The service that receives the Sentry DSN. null: the service at \"/\"."
  type        = string
  default     = null

  validation {
    condition     = var.sentry_service == null ? true : contains(keys(var.services), var.sentry_service)
    error_message = "sentry_service must be one of the services."
  }
}

variable "schedule" {
  description = "Business hours: Application Auto Scaling cron expressions in timezone; at stop every service scales to 0, at start back to its min and max. null: the services run all the time."
  type = object({
    timezone   = optional(string, "UTC")
    start_cron = string
    stop_cron  = string
  })
  default = null

  validation {
    condition     = var.schedule == null ? true : alltrue([for cron in [var.schedule.start_cron, var.schedule.stop_cron] : can(regex("^cron\\([^)]+\\)$", cron))])
    error_message = "schedule.start_cron and schedule.stop_cron must be cron(...) expressions, e.g. cron(0 9 ? * MON-FRI *)."
  }
}

variable "require_origin_header" {
  description = "Serve only requests carrying CloudFront's secret X-Origin-Verify header (one of origin_header_values); the others get 403. For a CDN in front: the origin-facing prefix list admits every CloudFront distribution."
  type        = bool
  default     = false
}

variable "origin_header_values" {
  description = "The X-Origin-Verify values the ALB accepts with require_origin_header: the current one and, during a rotation, the previous one (letters and digits; at most 2, so a path rule stays within 5 condition values)."
  type        = list(string)
  default     = []
  sensitive   = true

  validation {
    condition     = !var.require_origin_header || (length(var.origin_header_values) >= 1 && length(var.origin_header_values) <= 2)
    error_message = "require_origin_header needs one or two origin_header_values."
  }

  validation {
    condition     = alltrue([for v in var.origin_header_values : can(regex("^[A-Za-z0-9]{16,128}$", v))])
    error_message = "origin_header_values are 16-128 letters and digits (ALB header conditions read * and ? as wildcards)."
  }
}

variable "queue_environment" {
  description = "Environment variables of the queues' producers and consumers, keyed by service: <NAME>_QUEUE_URL (an output of the queues unit)."
  type        = map(map(string))
  default     = {}
}

variable "table_environment" {
  description = "Environment variables of the tables' clients and readers, keyed by service: TABLE_<NAME> (an output of the tables unit)."
  type        = map(map(string))
  default     = {}
}

variable "cache_environment" {
  description = "Environment variables of the cache's clients, keyed by service: CACHE_URL (an output of the cache unit)."
  type        = map(map(string))
  default     = {}
}

variable "queue_scaling" {
  description = "Workers that scale on a queue's backlog, keyed by service: the SQS name of the queue (queue_name) and the visible messages per running task to keep (messages_per_task). Needs Container Insights (RunningTaskCount); a worker with min 0 also gets a step policy that starts its first task."
  type = map(object({
    queue_name        = string
    messages_per_task = number
  }))
  default = {}

  validation {
    condition     = alltrue([for name in keys(var.queue_scaling) : contains(keys(var.services), name)])
    error_message = "Each key of queue_scaling is a service."
  }

  validation {
    condition     = length(var.queue_scaling) == 0 || var.enable_container_insights
    error_message = "Scaling on a queue needs Container Insights (enable_container_insights) for the running task count."
  }
}
