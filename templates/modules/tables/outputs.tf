output "table_arns" {
  description = "ARN of each table, keyed by table name."
  value       = { for name, table in aws_dynamodb_table.this : name => table.arn }
}

output "client_environment" {
  description = "The environment variables of each client and reader, keyed by service: TABLE_<NAME> (the table name in upper snake case) with the DynamoDB name of each table it uses."
  value = {
    for service in distinct(flatten([for t in values(var.tables) : concat(t.clients, t.readers)])) : service => merge([
      for name, t in var.tables : { "TABLE_${upper(replace(name, "-", "_"))}" = aws_dynamodb_table.this[name].name } if contains(concat(t.clients, t.readers), service)
    ]...)
  }
}
