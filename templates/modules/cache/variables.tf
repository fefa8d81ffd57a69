variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. The security group is {name_prefix}-cache."
  type        = string
}

variable "cache_name" {
  description = "Name of the serverless cache: 1-40 lowercase letters, digits and hyphens, starting with a letter."
  type        = string
}

variable "engine" {
  description = "Cache engine: valkey or redis (Redis OSS)."
  type        = string
  default     = "valkey"

  validation {
    condition     = contains(["valkey", "redis"], var.engine)
    error_message = "engine must be valkey or redis."
  }
}

variable "major_engine_version" {
  description = "Major engine version: 8 for Valkey, 7 for Redis OSS."
  type        = string
}

variable "max_storage_gb" {
  description = "Usage limit on the data stored, in GB (1-5000)."
  type        = number
  default     = 1

  validation {
    condition     = var.max_storage_gb >= 1 && var.max_storage_gb <= 5000 && floor(var.max_storage_gb) == var.max_storage_gb
    error_message = "max_storage_gb must be a whole number of GB from 1 to 5000."
  }
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots kept (0: none)."
  type        = number
  default     = 0
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: it encrypts the cache's data at rest."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cache's security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the cache's endpoint."
  type        = list(string)
}

variable "clients" {
  description = "The services that connect to the cache."
  type        = list(string)
}

variable "service_security_group_ids" {
  description = "Security group of each service (the security unit's service_security_group_ids): the cache admits its clients' groups only."
  type        = map(string)
}

variable "bastion_security_group_id" {
  description = "Security group of the bastion, admitted too (SSM port forwarding to the cache); null without a bastion."
  type        = string
  default     = null
}
