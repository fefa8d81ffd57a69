
# The cache's endpoint in the first three private subnets: ElastiCache picks
# two or three AZs for a serverless cache by itself, and clients in other AZs
# reach it across them.
locals {
  subnet_ids = slice(var.subnet_ids, 0, min(3, length(var.subnet_ids)))
}

# --- Security group: 6379 from the clients only ---------------------------------

resource "aws_security_group" "cache" {
  name        = "${var.name_prefix}-cache"
  description = "Cache: Valkey/Redis over TLS from its clients only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-cache"
  }
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_client" {
  for_each = toset(var.clients)

  security_group_id            = aws_security_group.cache.id
  description                  = "6379 from ${each.key}"
  referenced_security_group_id = var.service_security_group_ids[each.key]
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

# The clients' own groups let them reach the cache, and nothing else more.
resource "aws_vpc_security_group_egress_rule" "client_to_cache" {
  for_each = toset(var.clients)

  security_group_id            = var.service_security_group_ids[each.key]
  description                  = "To the cache"
  referenced_security_group_id = aws_security_group.cache.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_bastion" {
  count = var.bastion_security_group_id != null ? 1 : 0

  security_group_id            = aws_security_group.cache.id
  description                  = "6379 from the bastion (SSM port forwarding)"
  referenced_security_group_id = var.bastion_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_vpc_security_group_egress_rule" "bastion_to_cache" {
  count = var.bastion_security_group_id != null ? 1 : 0

  security_group_id            = var.bastion_security_group_id
  description                  = "To the cache"
  referenced_security_group_id = aws_security_group.cache.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

# --- The serverless cache ----------------------------------------------------------
# ElastiCache Serverless always encrypts in transit (clients connect with
# TLS) and at rest, here with the environment key.

resource "aws_elasticache_serverless_cache" "this" {
  name                     = var.cache_name
  description              = "${var.name_prefix}: ${var.engine} cache"
  engine                   = var.engine
  major_engine_version     = var.major_engine_version
  kms_key_id               = var.kms_key_arn
  subnet_ids               = local.subnet_ids
  security_group_ids       = [aws_security_group.cache.id]
  snapshot_retention_limit = var.snapshot_retention_days

  cache_usage_limits {
    data_storage {
      maximum = var.max_storage_gb
      unit    = "GB"
    }
  }
}
