variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. Also the Atlas project and cluster name."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (the MONGODB_URI secrets)."
  type        = string
}

variable "org_id" {
  description = "Atlas organization ID the project is created in."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{24}$", var.org_id))
    error_message = "org_id must be 24 lowercase hexadecimal characters."
  }
}

variable "api_key_secret" {
  description = "Secrets Manager secret holding the Atlas API key as JSON {\"public_key\", \"private_key\"}."
  type        = string
  default     = "mongodbatlas/api_key"
}

variable "tier" {
  description = "Cluster tier: flex (a mongodbatlas_flex_cluster) or M10-M50 (a three-node mongodbatlas_advanced_cluster replica set)."
  type        = string
  default     = "flex"

  validation {
    condition     = contains(["flex", "M10", "M20", "M30", "M40", "M50"], var.tier)
    error_message = "tier must be one of flex, M10, M20, M30, M40, M50."
  }
}

variable "mongodb_version" {
  description = "MongoDB major version of a dedicated cluster (Flex clusters run the version Atlas gives them)."
  type        = string
  default     = "8.0"

  validation {
    condition     = contains(["7.0", "8.0"], var.mongodb_version)
    error_message = "mongodb_version must be 7.0 or 8.0."
  }
}

variable "atlas_region" {
  description = "Atlas name of the environment's AWS region, e.g. AP_NORTHEAST_1 for ap-northeast-1."
  type        = string

  validation {
    condition     = can(regex("^[A-Z]+(_[A-Z]+)+_[0-9]$", var.atlas_region))
    error_message = "atlas_region must be an Atlas AWS region name such as US_EAST_1."
  }
}

variable "access" {
  description = "How the services reach the cluster: nat (the NAT gateways' Elastic IPs on the project IP access list) or privatelink (an interface endpoint in the private subnets; not for flex)."
  type        = string
  default     = "nat"

  validation {
    condition     = contains(["nat", "privatelink"], var.access)
    error_message = "access must be nat or privatelink."
  }
}

variable "nat_public_ips" {
  description = "Elastic IPs of the NAT gateways: the project's IP access list with access = nat."
  type        = list(string)
  default     = []
}

variable "vpc_id" {
  description = "VPC of the PrivateLink interface endpoint (access = privatelink)."
  type        = string
  default     = null
}

variable "endpoint_subnet_ids" {
  description = "Subnets of the PrivateLink interface endpoint, one per AZ (access = privatelink)."
  type        = list(string)
  default     = []
}

variable "service_security_group_ids" {
  description = "Security group of each service, by service name (the security unit's output): each client's gets the egress to Atlas, and with access = privatelink the endpoint admits exactly the clients' groups."
  type        = map(string)
  default     = {}
}

variable "bastion_security_group_id" {
  description = "Security group of the bastion, a read-only database user's host: it gets the egress to Atlas (and the endpoint admits it with access = privatelink); null without a bastion."
  type        = string
  default     = null
}

variable "clients" {
  description = "Services that use the cluster: each gets a database user (its task role) and a MONGODB_URI secret."
  type        = list(string)
  default     = []
}

variable "task_role_arns" {
  description = "ARN of each service's task role (the security unit's output); the clients' are the database users."
  type        = map(string)
  default     = {}
}

variable "bastion_role_arn" {
  description = "ARN of the bastion's IAM role: a read-only database user for operators (null without a bastion)."
  type        = string
  default     = null
}

variable "task_execution_role_name" {
  description = "Name of the ECS task execution role, which may read exactly the clients' MONGODB_URI secrets."
  type        = string
}

variable "database_name" {
  description = "The application database the clients may read and write."
  type        = string
}

variable "termination_protection" {
  description = "Atlas termination protection on the cluster: Atlas refuses to delete it while on."
  type        = bool
  default     = true
}
