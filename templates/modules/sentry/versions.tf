
terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    sentry = {
      source  = "jianyuan/sentry"
      version = ">= 0.14.5, < 1.0"
    }
  }
}
