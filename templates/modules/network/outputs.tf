
output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per AZ."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per AZ."
  value       = aws_subnet.private[*].id
}

output "availability_zones" {
  description = "Names of the AZs used, in subnet order."
  value       = local.azs
}

output "nat_public_ips" {
  description = "Elastic IPs of the NAT gateways (empty without NAT): the addresses the private subnets reach the internet from."
  value       = aws_eip.nat[*].public_ip
}
