
variable "name_prefix" {
  description = "Prefix of every resource name: {project}-{environment}."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the bastion (the first is used)."
  type        = list(string)
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
}

variable "associate_public_ip" {
  description = "Public IP to reach SSM without a NAT gateway."
  type        = bool
}
