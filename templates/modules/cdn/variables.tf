
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. Also the distribution's comment."
  type        = string
}

variable "price_class" {
  description = "CloudFront price class: PriceClass_100 (North America, Europe), PriceClass_200 (adds Asia, Middle East, Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "origin_domain_name" {
  description = "Name CloudFront reaches the ALB at: a name the ALB's certificate covers (origin.{domain}) with https-only, or the ALB's DNS name with http-only."
  type        = string
}

variable "origin_protocol_policy" {
  description = "Protocol from CloudFront to the ALB: https-only (TLS 1.2, needs a certificate on the ALB for origin_domain_name) or http-only (no certificate)."
  type        = string
  default     = "https-only"

  validation {
    condition     = contains(["https-only", "http-only"], var.origin_protocol_policy)
    error_message = "origin_protocol_policy must be https-only or http-only."
  }
}

variable "aliases" {
  description = "Domain names the distribution serves besides its *.cloudfront.net name; they need certificate_arn."
  type        = list(string)
  default     = []
}

variable "certificate_arn" {
  description = "ARN of a us-east-1 ACM certificate covering the aliases (SNI, TLS 1.2 minimum). null: CloudFront's *.cloudfront.net certificate, which accepts TLS 1.0 and serves no aliases."
  type        = string

  validation {
    condition     = var.certificate_arn != null || length(var.aliases) == 0
    error_message = "aliases need a certificate: set certificate_arn."
  }
}

variable "web_acl_arn" {
  description = "ARN of the CLOUDFRONT-scoped WAFv2 web ACL in front of the distribution. null: no web ACL."
  type        = string
}

variable "asset_path_patterns" {
  description = "Path patterns served from the assets bucket (cached, GET/HEAD only); every other path goes to the ALB uncached."
  type        = list(string)
  default     = ["/_next/static/*", "/static/*"]
}

variable "bucket_name" {
  description = "Name of the assets bucket; this module sets its bucket policy (TLS only, reads by this distribution only)."
  type        = string
}

variable "bucket_arn" {
  description = "ARN of the assets bucket."
  type        = string
}

variable "bucket_regional_domain_name" {
  description = "Regional domain name of the assets bucket (the OAC origin)."
  type        = string
}

variable "send_origin_header" {
  description = "Send the secret X-Origin-Verify header (origin_header_value) to the ALB, which serves only requests that carry it."
  type        = bool
  default     = false
}

variable "origin_header_value" {
  description = "Value of the X-Origin-Verify header, generated in Secrets Manager by the security unit (never in the spec). null without send_origin_header."
  type        = string
  default     = null
  sensitive   = true

  validation {
    condition     = !var.send_origin_header || var.origin_header_value != null
    error_message = "send_origin_header needs origin_header_value."
  }
}
