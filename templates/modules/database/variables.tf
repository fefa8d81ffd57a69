
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (storage, master secret, Performance Insights, SSM parameters)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the database, in at least two AZs."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "A DB subnet group needs subnets in at least two AZs."
  }
}

variable "security_group_id" {
  description = "Security group of the database."
  type        = string
}

variable "engine" {
  description = "postgres (an RDS for PostgreSQL instance) or aurora-postgresql (an Aurora Serverless v2 cluster)."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "aurora-postgresql"], var.engine)
    error_message = "engine must be postgres or aurora-postgresql."
  }
}

variable "engine_version" {
  description = "PostgreSQL engine version, e.g. 17.6. Its major version names the parameter group family and is the engine_version the database gets: minor versions are upgraded automatically."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be MAJOR or MAJOR.MINOR, e.g. 17.6."
  }
}

variable "database_name" {
  description = "Name of the application database."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must start with a letter and hold at most 63 letters, digits and underscores."
  }
}

variable "master_username" {
  description = "Master user; its password is managed by RDS in Secrets Manager."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,15}$", var.master_username))
    error_message = "master_username must start with a letter and hold at most 16 letters, digits and underscores."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups (1-35)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number from 1 to 35."
  }
}

variable "deletion_protection" {
  description = "Refuse deletion of the database."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on deletion (for disposable environments)."
  type        = bool
  default     = false
}

variable "ssm_prefix" {
  description = "SSM path prefix of the connection parameters, e.g. /project/environment."
  type        = string

  validation {
    condition     = can(regex("^/.*[^/]$", var.ssm_prefix))
    error_message = "ssm_prefix must start with / and not end with /."
  }
}

variable "instance_class" {
  description = "RDS instance class (engine postgres only)."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "instance_class must be an RDS instance class, e.g. db.t4g.micro."
  }
}

variable "multi_az" {
  description = "Standby instance in a second AZ (engine postgres only)."
  type        = bool
  default     = true
}

variable "min_capacity" {
  description = "Minimum Aurora capacity units, 0-256 in steps of 0.5 (engine aurora-postgresql only)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be 0-256 in steps of 0.5."
  }
}

variable "max_capacity" {
  description = "Maximum Aurora capacity units, 0-256 in steps of 0.5, at least min_capacity (engine aurora-postgresql only)."
  type        = number
  default     = 2

  validation {
    condition     = var.max_capacity >= var.min_capacity && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be at least min_capacity, at most 256, in steps of 0.5."
  }
}

variable "reader_count" {
  description = "Aurora reader instances beside the writer, for Multi-AZ failover (engine aurora-postgresql only)."
  type        = number
  default     = 1

  validation {
    condition     = var.reader_count >= 0 && var.reader_count <= 15 && floor(var.reader_count) == var.reader_count
    error_message = "reader_count must be a whole number from 0 to 15."
  }
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the database's exported logs, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention period (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "availability_zones" {
  description = "AZs of the Aurora instances, in turn: the writer in the first, the readers in the next (engine aurora-postgresql only). Empty: RDS chooses."
  type        = list(string)
  default     = []
}
