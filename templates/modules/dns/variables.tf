
variable "domain_name" {
  description = "The domain name, e.g. example.com. The certificates cover it and *.<domain_name>."
  type        = string
}

variable "create_zone" {
  description = "Create the public hosted zone (then set its name servers at the registrar); false looks up an existing public zone by name."
  type        = bool
  default     = true
}

variable "create_cloudfront_certificate" {
  description = "Also issue the certificate in us-east-1 (provider aws.us_east_1), the only region CloudFront takes certificates from."
  type        = bool
  default     = false
}
