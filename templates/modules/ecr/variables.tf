
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key."
  type        = string
}

variable "repositories" {
  description = "Service names; each gets a repository {name_prefix}-{service}."
  type        = list(string)
}

variable "keep_images" {
  description = "Images kept by the lifecycle policy."
  type        = number
  default     = 30

  validation {
    condition     = var.keep_images >= 1 && floor(var.keep_images) == var.keep_images
    error_message = "keep_images must be a whole number of at least 1."
  }
}

variable "force_delete" {
  description = "Delete repositories that still hold images."
  type        = bool
  default     = false
}

variable "scan_on_push" {
  description = "Scan images for vulnerabilities on push."
  type        = bool
  default     = true
}
