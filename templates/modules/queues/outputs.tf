output "queue_urls" {
  description = "URL of each queue, keyed by queue name."
  value       = { for name, queue in aws_sqs_queue.this : name => queue.url }
}

output "queue_arns" {
  description = "ARN of each queue, keyed by queue name."
  value       = { for name, queue in aws_sqs_queue.this : name => queue.arn }
}

output "queue_sqs_names" {
  description = "SQS name of each queue, keyed by queue name (the QueueName dimension of its metrics)."
  value       = { for name, queue in aws_sqs_queue.this : name => queue.name }
}

output "dead_letter_queue_sqs_names" {
  description = "SQS name of each queue's dead-letter queue, keyed by queue name (the monitoring unit alarms on its depth)."
  value       = { for name, queue in aws_sqs_queue.dead_letter : name => queue.name }
}

output "client_environment" {
  description = "The environment variables of each producer and consumer, keyed by service: <NAME>_QUEUE_URL (the queue name in upper snake case) of each queue it uses."
  value = {
    for service in distinct(flatten([for q in values(var.queues) : concat(q.producers, q.consumers)])) : service => merge([
      for name, q in var.queues : { "${upper(replace(name, "-", "_"))}_QUEUE_URL" = aws_sqs_queue.this[name].url } if contains(concat(q.producers, q.consumers), service)
    ]...)
  }
}
