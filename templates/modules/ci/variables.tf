variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}. The roles are {name_prefix}-github-deploy and {name_prefix}-github-plan; the deploy role manages IAM roles, policies and instance profiles whose names start with it."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC identity provider (token.actions.githubusercontent.com), or look up the one another environment of the account created: an account holds one provider per URL."
  type        = bool
  default     = true
}

variable "deploy_subjects" {
  description = "The `sub` claims of GitHub OIDC tokens that may assume the deploy role: repo:OWNER/REPO:ref:refs/heads/main, or repo:OWNER/REPO:environment:ENV for an environment whose apply waits for approval."
  type        = list(string)

  validation {
    condition     = length(var.deploy_subjects) > 0 && alltrue([for s in var.deploy_subjects : can(regex("^repo:[^:*]+/[^:*]+:(ref:refs/heads/[^*]+|environment:[^*]+)$", s))])
    error_message = "Each subject is repo:OWNER/REPO:ref:refs/heads/BRANCH or repo:OWNER/REPO:environment:NAME, without wildcards."
  }
}

variable "plan_subjects" {
  description = "The `sub` claims of GitHub OIDC tokens that may assume the read-only plan role: repo:OWNER/REPO:pull_request."
  type        = list(string)

  validation {
    condition     = length(var.plan_subjects) > 0 && alltrue([for s in var.plan_subjects : can(regex("^repo:[^:*]+/[^:*]+:pull_request$", s))])
    error_message = "Each subject is repo:OWNER/REPO:pull_request, without wildcards."
  }
}

variable "state_bucket" {
  description = "The S3 bucket of the environment's Terraform state, or null with local state (the roles then get no state access)."
  type        = string
  default     = null
}

variable "state_key_prefix" {
  description = "The prefix of the environment's state objects in state_bucket (its environment name): the roles read (and the deploy role writes) only objects under it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.state_key_prefix))
    error_message = "The state key prefix is an environment name."
  }
}

variable "state_lock_table" {
  description = "The DynamoDB table of state locks, when the spec locks with DynamoDB instead of the S3 lock file (null otherwise)."
  type        = string
  default     = null
}

variable "ssm_prefix" {
  description = "The SSM path of the environment's parameters, /{project}/{environment}: the plan role reads them to refresh the state."
  type        = string
}

variable "managed_services" {
  description = "The IAM service prefixes of the AWS services the module catalog manages (ec2, ecs, rds, ...): the deploy role's actions, in the environment's region and us-east-1. Not iam and s3, which the role gets on the environment's names only."
  type        = list(string)

  validation {
    condition     = alltrue([for s in var.managed_services : can(regex("^[a-z0-9-]+$", s)) && !contains(["iam", "s3", "sts", "organizations"], s)])
    error_message = "Service prefixes are lowercase (e.g. ecs); iam and s3 are granted on the environment's names only, sts and organizations not at all."
  }
}

variable "kms_key_arn" {
  description = "ARN of the environment's customer-managed KMS key: the plan role decrypts the environment's SSM parameters and secrets with it (through those services only)."
  type        = string
}

variable "readable_secrets" {
  description = "Secrets Manager secret names (a trailing * matches a prefix) the plan role reads to refresh the state: the environment's own ({name_prefix}-*) and the provider tokens the spec names."
  type        = list(string)
  default     = []
}
