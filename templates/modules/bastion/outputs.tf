
output "instance_id" {
  description = "ID of the bastion instance (SSM target)."
  value       = aws_instance.this.id
}
