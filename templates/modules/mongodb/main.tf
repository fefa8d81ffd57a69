
# The API key never appears in code or inputs: it is read from Secrets
# Manager at plan time, as JSON {"public_key", "private_key"}.
data "aws_secretsmanager_secret_version" "api_key" {
  secret_id = var.api_key_secret
}

provider "mongodbatlas" {
  public_key  = jsondecode(data.aws_secretsmanager_secret_version.api_key.secret_string)["public_key"]
  private_key = jsondecode(data.aws_secretsmanager_secret_version.api_key.secret_string)["private_key"]
}

data "aws_region" "current" {}

locals {
  flex        = var.tier == "flex"
  privatelink = var.access == "privatelink"

  cluster_name = local.flex ? mongodbatlas_flex_cluster.this[0].name : mongodbatlas_advanced_cluster.this[0].name

  # The private endpoint-aware address of this VPC's endpoint, else the
  # public one (reached from the NAT gateways' addresses).
  private_srv = local.privatelink ? one([
    for pe in data.mongodbatlas_advanced_cluster.this[0].connection_strings[0].private_endpoint : pe.srv_connection_string
    if contains([for e in pe.endpoints : e.endpoint_id], aws_vpc_endpoint.atlas[0].id)
  ]) : null
  srv = local.flex ? mongodbatlas_flex_cluster.this[0].connection_strings.standard_srv : (
    local.privatelink ? local.private_srv : data.mongodbatlas_advanced_cluster.this[0].connection_strings[0].standard_srv
  )

  # No credentials in the URI: the driver signs in with the task role's
  # credentials (MONGODB-AWS), which ECS hands the container.
  uri = local.srv == null ? null : "${local.srv}/${var.database_name}?authSource=%24external&authMechanism=MONGODB-AWS&retryWrites=true&w=majority"

  # The database users: each client's task role, and the bastion's
  # (read-only), keyed "_bastion", which no service name can be.
  users = merge(
    { for name in var.clients : name => { arn = var.task_role_arns[name], role = "readWrite" } },
    var.bastion_role_arn == null ? {} : { _bastion = { arn = var.bastion_role_arn, role = "read" } },
  )
}

resource "mongodbatlas_project" "this" {
  name                         = var.name_prefix
  org_id                       = var.org_id
  with_default_alerts_settings = true
}

resource "mongodbatlas_flex_cluster" "this" {
  count = local.flex ? 1 : 0

  project_id = mongodbatlas_project.this.id
  name       = var.name_prefix
  provider_settings = {
    backing_provider_name = "AWS"
    region_name           = var.atlas_region
  }
  termination_protection_enabled = var.termination_protection
}

# A three-node replica set in the environment's region, with Atlas backups.
resource "mongodbatlas_advanced_cluster" "this" {
  count = local.flex ? 0 : 1

  project_id                     = mongodbatlas_project.this.id
  name                           = var.name_prefix
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = var.mongodb_version
  backup_enabled                 = true
  termination_protection_enabled = var.termination_protection

  replication_specs {
    region_configs {
      provider_name = "AWS"
      region_name   = var.atlas_region
      priority      = 7

      electable_specs {
        instance_size = var.tier
        node_count    = 3
      }

      auto_scaling {
        disk_gb_enabled = true
      }
    }
  }

  advanced_configuration {
    minimum_enabled_tls_protocol = "TLS1_2"
  }
}

# Read after the private endpoint is linked: Atlas publishes its connection
# string only then.
data "mongodbatlas_advanced_cluster" "this" {
  count = local.flex ? 0 : 1

  project_id = mongodbatlas_project.this.id
  name       = mongodbatlas_advanced_cluster.this[0].name

  depends_on = [mongodbatlas_privatelink_endpoint_service.this]
}

# access = nat: only the NAT gateways' addresses, one entry each.
resource "mongodbatlas_project_ip_access_list" "nat" {
  for_each = local.privatelink ? toset([]) : toset(var.nat_public_ips)

  project_id = mongodbatlas_project.this.id
  ip_address = each.value
  comment    = "NAT gateway of ${var.name_prefix}"
}

# The tasks' shared group allows HTTPS out only: each client's own group (and
# the bastion's) may also open MongoDB connections, through the NAT gateway, to
# the cluster's nodes (their addresses are Atlas's; the access list is the
# other side of this rule).
resource "aws_vpc_security_group_egress_rule" "client_to_atlas" {
  for_each = local.privatelink ? toset([]) : toset(var.clients)

  security_group_id = var.service_security_group_ids[each.key]
  description       = "MongoDB Atlas (TLS) through the NAT gateway"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 27017
  to_port           = 27017
}

resource "aws_vpc_security_group_egress_rule" "bastion_to_atlas" {
  count = !local.privatelink && var.bastion_security_group_id != null ? 1 : 0

  security_group_id = var.bastion_security_group_id
  description       = "MongoDB Atlas (TLS) through the NAT gateway"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 27017
  to_port           = 27017
}

# access = privatelink: Atlas's endpoint service in the region, an interface
# endpoint in the private subnets, and the link between them.
resource "mongodbatlas_privatelink_endpoint" "this" {
  count = local.privatelink ? 1 : 0

  project_id    = mongodbatlas_project.this.id
  provider_name = "AWS"
  region        = var.atlas_region
}

resource "aws_security_group" "atlas_endpoint" {
  count = local.privatelink ? 1 : 0

  name        = "${var.name_prefix}-atlas-endpoint"
  description = "Atlas PrivateLink endpoint: the client tasks and the bastion only"
  vpc_id      = var.vpc_id

  tags = {
    Name = "${var.name_prefix}-atlas-endpoint"
  }
}

# Atlas gives each node behind the endpoint its own port in 1024-65535; the
# endpoint admits the clients' own groups and the bastion's, nothing else.
resource "aws_vpc_security_group_ingress_rule" "atlas_endpoint" {
  # checkov:skip=CKV_AWS_25:The source is a security group, never a CIDR block; the range is the ports Atlas gives the nodes behind a PrivateLink endpoint (1024-65535), which holds 3389.
  for_each = local.privatelink ? toset(var.clients) : toset([])

  security_group_id            = aws_security_group.atlas_endpoint[0].id
  description                  = "MongoDB from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  referenced_security_group_id = var.service_security_group_ids[each.key]
}

resource "aws_vpc_security_group_ingress_rule" "atlas_endpoint_from_bastion" {
  # checkov:skip=CKV_AWS_25:The source is a security group, never a CIDR block; the range is the ports Atlas gives the nodes behind a PrivateLink endpoint (1024-65535), which holds 3389.
  count = local.privatelink && var.bastion_security_group_id != null ? 1 : 0

  security_group_id            = aws_security_group.atlas_endpoint[0].id
  description                  = "MongoDB from the bastion"
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  referenced_security_group_id = var.bastion_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "client_to_atlas_endpoint" {
  for_each = local.privatelink ? toset(var.clients) : toset([])

  security_group_id            = var.service_security_group_ids[each.key]
  description                  = "To the Atlas PrivateLink endpoint"
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  referenced_security_group_id = aws_security_group.atlas_endpoint[0].id
}

resource "aws_vpc_security_group_egress_rule" "bastion_to_atlas_endpoint" {
  count = local.privatelink && var.bastion_security_group_id != null ? 1 : 0

  security_group_id            = var.bastion_security_group_id
  description                  = "To the Atlas PrivateLink endpoint"
  ip_protocol                  = "tcp"
  from_port                    = 1024
  to_port                      = 65535
  referenced_security_group_id = aws_security_group.atlas_endpoint[0].id
}

resource "aws_vpc_endpoint" "atlas" {
  count = local.privatelink ? 1 : 0

  vpc_id             = var.vpc_id
  service_name       = mongodbatlas_privatelink_endpoint.this[0].endpoint_service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = var.endpoint_subnet_ids
  security_group_ids = [aws_security_group.atlas_endpoint[0].id]

  tags = {
    Name = "${var.name_prefix}-atlas"
  }
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  count = local.privatelink ? 1 : 0

  project_id          = mongodbatlas_privatelink_endpoint.this[0].project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this[0].private_link_id
  endpoint_service_id = aws_vpc_endpoint.atlas[0].id
  provider_name       = "AWS"
}

# One database user per client, authenticated by its task role (AWS IAM,
# no password), allowed only the application database on this cluster.
resource "mongodbatlas_database_user" "this" {
  for_each = local.users

  project_id         = mongodbatlas_project.this.id
  username           = each.value.arn
  auth_database_name = "$external"
  aws_iam_type       = "ROLE"

  roles {
    role_name     = each.value.role
    database_name = var.database_name
  }

  scopes {
    name = local.cluster_name
    type = "CLUSTER"
  }
}

# Each client's MONGODB_URI, injected by ECS as a secret.
resource "aws_secretsmanager_secret" "uri" {
  # checkov:skip=CKV2_AWS_57:The URI holds no credential (the task role signs in with AWS IAM); it changes only with the cluster, which rewrites it.
  for_each = toset(var.clients)

  name        = "${var.name_prefix}/${each.key}/mongodb-uri"
  description = "MONGODB_URI of ${each.key}: the Atlas cluster, AWS IAM authentication."
  kms_key_id  = var.kms_key_arn

  # Derived from the cluster: deleted at once, so removing a client and
  # adding it again can reuse the name.
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "uri" {
  for_each = toset(var.clients)

  secret_id     = aws_secretsmanager_secret.uri[each.key].id
  secret_string = local.uri

  lifecycle {
    precondition {
      condition     = local.uri != null
      error_message = "Atlas has not published the private endpoint's connection string yet; apply the mongodb unit again once the endpoint is available."
    }
  }
}

# The execution role reads exactly these secrets, and decrypts them with the
# environment key through Secrets Manager only.
data "aws_iam_policy_document" "read_uri" {
  count = length(var.clients) > 0 ? 1 : 0

  statement {
    sid       = "ReadMongodbUri"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for name in var.clients : aws_secretsmanager_secret.uri[name].arn]
  }

  statement {
    sid       = "DecryptMongodbUri"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "read_uri" {
  count = length(var.clients) > 0 ? 1 : 0

  name   = "read-mongodb-uri"
  role   = var.task_execution_role_name
  policy = data.aws_iam_policy_document.read_uri[0].json
}
