
variable "zone_id" {
  description = "Route53 hosted zone ID."
  type        = string
}

variable "record_names" {
  description = "Names that alias to the entry point, e.g. the apex and www."
  type        = list(string)
}

variable "target_dns_name" {
  description = "DNS name of the entry point: the ALB, or the CloudFront distribution in front of it."
  type        = string
}

variable "target_zone_id" {
  description = "Route53 zone of the entry point (the ALB's, or CloudFront's Z2FDTNDATAQYW2)."
  type        = string
}

variable "evaluate_target_health" {
  description = "Route53 answers only while the target is healthy. True for an ALB; CloudFront targets do not support it: false."
  type        = bool
  default     = true
}

variable "create_aaaa_records" {
  description = "Also create AAAA aliases, for a target that answers over IPv6 (CloudFront)."
  type        = bool
  default     = false
}

variable "create_origin_record" {
  description = "Create the origin record: an alias of the ALB by which CloudFront reaches it over HTTPS."
  type        = bool
  default     = false
}

variable "origin_record_name" {
  description = "Name of the origin record, covered by the ALB's certificate (e.g. origin.example.com). Required with create_origin_record."
  type        = string
  default     = null

  validation {
    condition     = !var.create_origin_record || var.origin_record_name != null
    error_message = "origin_record_name is required when create_origin_record is true."
  }
}

variable "alb_dns_name" {
  description = "DNS name of the ALB, target of the origin record. Required with create_origin_record."
  type        = string
  default     = null

  validation {
    condition     = !var.create_origin_record || var.alb_dns_name != null
    error_message = "alb_dns_name is required when create_origin_record is true."
  }
}

variable "alb_zone_id" {
  description = "Route53 zone of the ALB, for the origin record. Required with create_origin_record."
  type        = string
  default     = null

  validation {
    condition     = !var.create_origin_record || var.alb_zone_id != null
    error_message = "alb_zone_id is required when create_origin_record is true."
  }
}
