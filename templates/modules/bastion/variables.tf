
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the bastion (the first is used)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0
    error_message = "subnet_ids needs at least one subnet."
  }
}

variable "security_group_id" {
  description = "Security group of the bastion."
  type        = string
}

variable "instance_profile_name" {
  description = "Instance profile with AmazonSSMManagedInstanceCore."
  type        = string
}

variable "instance_type" {
  description = "EC2 instance type."
  type        = string
  default     = "t3.nano"
}

variable "associate_public_ip" {
  description = "Give the instance a public IP, to reach SSM from a public subnet when the VPC has no NAT gateway (it still has no inbound rule)."
  type        = bool
  default     = false
}
