
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the flow log's log group."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be an IPv4 CIDR block, e.g. 10.0.0.0/16."
  }
}

variable "az_count" {
  description = "Number of availability zones used: the first az_count zones of the region, in name order."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "az_count must be a whole number from 1 to 6."
  }
}

variable "public_subnet_cidrs" {
  description = "CIDR of the public subnet in each AZ (the first az_count are used)."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_cidrs) >= var.az_count && alltrue([for c in var.public_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must hold an IPv4 CIDR block for each of the az_count AZs."
  }
}

variable "private_subnet_cidrs" {
  description = "CIDR of the private subnet in each AZ (the first az_count are used)."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_cidrs) >= var.az_count && alltrue([for c in var.private_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_subnet_cidrs must hold an IPv4 CIDR block for each of the az_count AZs."
  }
}

variable "nat_gateway_count" {
  description = "NAT gateways: 0 (private subnets have no route to the internet), 1 (in the first AZ, used by every private subnet) or az_count (one per AZ, each private subnet uses its own AZ's)."
  type        = number
  default     = 0

  validation {
    condition     = contains([0, 1, var.az_count], var.nat_gateway_count)
    error_message = "nat_gateway_count must be 0, 1 or az_count."
  }
}

variable "create_dynamodb_endpoint" {
  description = "Create the DynamoDB gateway endpoint (free) on every route table."
  type        = bool
  default     = false
}

variable "create_s3_endpoint" {
  description = "Create the S3 gateway endpoint (free) on every route table."
  type        = bool
  default     = true
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints, as service name suffixes (e.g. ecr.api, logs); empty for none."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.interface_endpoints : can(regex("^[a-z0-9][a-z0-9.-]*$", e))])
    error_message = "interface_endpoints must be service name suffixes such as ecr.api, ecr.dkr or logs."
  }
}

variable "interface_endpoint_subnets" {
  description = "Subnets of the interface endpoints, where the tasks run: public (no NAT gateway) or private."
  type        = string
  default     = "private"

  validation {
    condition     = contains(["public", "private"], var.interface_endpoint_subnets)
    error_message = "interface_endpoint_subnets must be public or private."
  }
}

variable "flow_log_traffic_type" {
  description = "Traffic the VPC flow log records: ACCEPT, REJECT or ALL."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be ACCEPT, REJECT or ALL."
  }
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the flow log, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}
