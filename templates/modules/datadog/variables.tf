
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "site" {
  description = "Datadog site of the organization (the API is https://api.<site>/)."
  type        = string
  default     = "datadoghq.com"

  validation {
    condition     = contains(["datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "ddog-gov.com"], var.site)
    error_message = "site must be one of datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com."
  }
}

variable "api_key_secret" {
  description = "Secrets Manager secret holding the Datadog API key."
  type        = string
}

variable "app_key_secret" {
  description = "Secrets Manager secret holding the Datadog application key."
  type        = string
}

variable "environment" {
  description = "Datadog env tag of the environment's traces and resources."
  type        = string
}

variable "api_service" {
  description = "Datadog service tag of the API (error rate and latency monitors)."
  type        = string
}

variable "notify" {
  description = "Datadog notification handle of the monitors (e.g. @ops@example.com); empty for none."
  type        = string
  default     = ""
}

variable "enable_monitors" {
  description = "Create the monitors: API error rate, API p95 latency, and database CPU with a database."
  type        = bool
  default     = true
}

variable "enable_dashboard" {
  description = "Create the environment's dashboard: requests, errors and p95 latency by service, and the database with one."
  type        = bool
  default     = true
}

variable "database_engine" {
  description = "Engine of the environment's database, which names its RDS metric tag: postgres (dbinstanceidentifier), aurora-postgresql (dbclusteridentifier), or null for no database monitor and widgets."
  type        = string
  default     = null

  validation {
    condition     = var.database_engine == null || contains(["postgres", "aurora-postgresql"], coalesce(var.database_engine, "-"))
    error_message = "database_engine must be postgres, aurora-postgresql or null."
  }
}

variable "database_identifier" {
  description = "Database instance (postgres) or cluster (aurora-postgresql) identifier, for the RDS metrics of Datadog's AWS integration. Required with database_engine."
  type        = string
  default     = null

  validation {
    condition     = var.database_engine == null || var.database_identifier != null
    error_message = "database_identifier is required when database_engine is set."
  }
}
