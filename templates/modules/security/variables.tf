
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "task_role_names" {
  description = "Name of each service's task role, by service name: {name_prefix}-{service}-task, or when that is longer than 64 characters its start and a hash of it."
  type        = map(string)

  validation {
    condition     = alltrue([for n in values(var.task_role_names) : can(regex("^[a-zA-Z0-9+=,.@_-]{1,64}$", n))])
    error_message = "Each task role name must be 1-64 letters, digits and + = , . @ _ -."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key (SecureString parameters, secrets and the assets bucket)."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the security groups belong to."
  type        = string
}

variable "alb_ingress_ipv4_cidrs" {
  description = "IPv4 CIDRs allowed to reach the ALB on 80 and 443."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.alb_ingress_ipv4_cidrs : can(cidrnetmask(cidr))])
    error_message = "Each entry must be an IPv4 CIDR block, e.g. 203.0.113.10/32."
  }
}

variable "alb_ingress_ipv6_cidrs" {
  description = "IPv6 CIDRs allowed to reach the ALB on 80 and 443."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for cidr in var.alb_ingress_ipv6_cidrs : can(cidrhost(cidr, 0)) && strcontains(cidr, ":")])
    error_message = "Each entry must be an IPv6 CIDR block, e.g. 2001:db8::/32."
  }
}

variable "alb_ingress_from_cloudfront" {
  description = "Allow the ALB on cloudfront_origin_port from CloudFront's origin-facing prefix list (with a CDN in front)."
  type        = bool
  default     = false
}

variable "cloudfront_origin_port" {
  description = "The one port CloudFront reaches the ALB on: 443 with the https-only origin protocol, 80 with http-only (no domain, no certificate). One rule only: each reference to the prefix list counts as its ~55 entries against the security group's 60-rule quota."
  type        = number
  default     = 443

  validation {
    condition     = contains([80, 443], var.cloudfront_origin_port)
    error_message = "cloudfront_origin_port must be 443 (https-only origin) or 80 (http-only origin)."
  }
}

variable "services" {
  description = "The services, by name: one task role and one security group each. kind: web (the ALB reaches its port through the tasks group), backend (its group admits its port from its callers' groups only) or worker (no port; its group admits nothing); callers: the services that may call a backend."
  type = map(object({
    kind    = optional(string, "web")
    port    = optional(number)
    callers = optional(list(string), [])
  }))

  validation {
    condition     = alltrue([for svc in values(var.services) : contains(["web", "backend", "worker"], svc.kind)])
    error_message = "Each service's kind is web, backend or worker."
  }

  validation {
    condition     = alltrue([for svc in values(var.services) : svc.kind == "worker" ? svc.port == null : try(svc.port >= 1 && svc.port <= 65535 && floor(svc.port) == svc.port, false)])
    error_message = "Web and backend services need a port, an integer from 1 to 65535; a worker has none."
  }

  validation {
    condition     = alltrue([for name, svc in var.services : alltrue([for caller in svc.callers : svc.kind == "backend" && caller != name && contains(keys(var.services), caller)])])
    error_message = "callers is for backend services only and names other services."
  }
}

variable "exec_services" {
  description = "The services whose task role may use ECS Exec (ssmmessages channels); null: every service."
  type        = list(string)
  default     = null

  validation {
    condition     = var.exec_services == null || alltrue([for name in coalesce(var.exec_services, []) : contains(keys(var.services), name)])
    error_message = "exec_services names services of services."
  }
}

variable "assets_bucket_arn" {
  description = "ARN of the assets bucket the tasks read and write."
  type        = string
}

variable "ssm_parameter_names" {
  description = "Full names of the SSM parameters the task execution role may read (the services' secrets)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for name in var.ssm_parameter_names : startswith(name, "/")])
    error_message = "Each parameter name must be a full path starting with /."
  }
}

variable "ssm_parameter_arns" {
  description = "ARNs of further SSM parameters the task execution role may read (secrets the services name by ARN)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.ssm_parameter_arns : can(regex("^arn:[^:]+:ssm:[^:]+:[0-9]{12}:parameter/", arn))])
    error_message = "Each entry must be an SSM parameter ARN (arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME)."
  }
}

variable "secret_names" {
  description = "Names of the Secrets Manager secrets the task execution role may read."
  type        = list(string)
  default     = []
}

variable "create_database_security_group" {
  description = "Create the database's security group: PostgreSQL from the tasks (and the bastion)."
  type        = bool
  default     = false
}

variable "create_bastion" {
  description = "Create the bastion's security group (no ingress) and its SSM instance profile."
  type        = bool
  default     = false
}

variable "create_origin_secret" {
  description = "Generate the secret origin header CloudFront sends and the ALB requires (with a CDN in front), in Secrets Manager."
  type        = bool
  default     = false
}

variable "origin_secret_version" {
  description = "Generation of the origin secret: raising it writes a new generated value (AWSCURRENT); the previous one stays readable as AWSPREVIOUS, which the ALB keeps accepting until CloudFront sends the new one."
  type        = number
  default     = 1

  validation {
    condition     = var.origin_secret_version >= 1 && floor(var.origin_secret_version) == var.origin_secret_version
    error_message = "origin_secret_version must be a whole number from 1."
  }
}

variable "job_task_role_names" {
  description = "Name of the task role of each job without `uses`, by job name: {name_prefix}-{job}-task, or when that is longer than 64 characters its start and a hash of it. A job with `uses` runs with its service's role."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for n in values(var.job_task_role_names) : can(regex("^[a-zA-Z0-9+=,.@_-]{1,64}$", n))])
    error_message = "Each job task role name is 1-64 characters of letters, digits and +=,.@_-."
  }
}
