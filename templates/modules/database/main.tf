
locals {
  # The instance's and the cluster's count repeat this comparison on the
  # variable: checkov resolves a count on one variable, not through a local,
  # and would otherwise check the engine that is not deployed. The cluster
  # instances' count keeps the local: on two variables checkov drops them in
  # some runs; through the local it checks them, as one, in every run.
  aurora = var.engine == "aurora-postgresql"

  # Where applications connect, whichever engine runs.
  endpoint          = local.aurora ? one(aws_rds_cluster.this[*].endpoint) : one(aws_db_instance.this[*].address)
  port              = local.aurora ? one(aws_rds_cluster.this[*].port) : one(aws_db_instance.this[*].port)
  master_secret_arn = local.aurora ? one(aws_rds_cluster.this[*].master_user_secret[0].secret_arn) : one(aws_db_instance.this[*].master_user_secret[0].secret_arn)

  # The parameter group family follows the major version: postgres17, aurora-postgresql17.
  major_version = split(".", var.engine_version)[0]

  # Minor versions are upgraded automatically (auto_minor_version_upgrade), so
  # the instance and the cluster name only the major version, a prefix the
  # provider accepts and keeps in state while AWS moves the minor version
  # (engine_version_actual): a pinned 17.6 would make every plan after an
  # automatic upgrade to 17.7 try to downgrade.
  engine_version = local.major_version
}

# The logs each engine exports (its enabled_cloudwatch_logs_exports) go to
# /aws/rds/instance/{id}/{log} or /aws/rds/cluster/{id}/{log}. Their groups are
# created before the database with the environment's retention and key: RDS
# would otherwise create them on its own, unencrypted and kept forever.
# Enhanced Monitoring's RDSOSMetrics group is one per account and Region,
# shared with every other database there: this module does not own it
# (docs/spec.md).
resource "aws_cloudwatch_log_group" "postgresql" {
  name              = "/aws/rds/${var.engine == "aurora-postgresql" ? "cluster" : "instance"}/${var.name_prefix}/postgresql"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

# Major version upgrades' log (RDS for PostgreSQL only).
resource "aws_cloudwatch_log_group" "upgrade" {
  count = var.engine == "aurora-postgresql" ? 0 : 1

  name              = "/aws/rds/instance/${var.name_prefix}/upgrade"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_db_subnet_group" "this" {
  name       = var.name_prefix
  subnet_ids = var.subnet_ids
}

# Enhanced Monitoring: OS metrics every 60 seconds.
data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name               = "${var.name_prefix}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

data "aws_partition" "current" {}

# --- RDS for PostgreSQL (engine = "postgres") ---------------------------------

# Clients must use TLS.
resource "aws_db_parameter_group" "this" {
  count = var.engine == "aurora-postgresql" ? 0 : 1

  name   = "${var.name_prefix}-postgres${local.major_version}"
  family = "postgres${local.major_version}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Log schema changes and statements slower than one second; not every
  # statement, whose text may carry personal data.
  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_161:The services authenticate with the master password RDS manages and rotates in Secrets Manager (docs/spec.md); no database user is granted rds_iam, so IAM authentication is off.
  count = var.engine == "aurora-postgresql" ? 0 : 1

  identifier     = var.name_prefix
  engine         = "postgres"
  engine_version = local.engine_version
  instance_class = var.instance_class
  multi_az       = var.multi_az

  db_name                             = var.database_name
  username                            = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  iam_database_authentication_enabled = false

  allocated_storage     = 20
  max_allocated_storage = 100
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [var.security_group_id]
  parameter_group_name   = aws_db_parameter_group.this[0].name
  publicly_accessible    = false

  backup_retention_period    = var.backup_retention_days
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = var.skip_final_snapshot
  final_snapshot_identifier  = var.skip_final_snapshot ? null : "${var.name_prefix}-final"
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true

  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.monitoring.arn

  depends_on = [aws_cloudwatch_log_group.postgresql, aws_cloudwatch_log_group.upgrade]
}

# --- Aurora PostgreSQL Serverless v2 (engine = "aurora-postgresql") -----------

# Clients must use TLS.
resource "aws_rds_cluster_parameter_group" "this" {
  count = var.engine == "aurora-postgresql" ? 1 : 0

  name   = "${var.name_prefix}-aurora-postgresql${local.major_version}"
  family = "aurora-postgresql${local.major_version}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Log schema changes and statements slower than one second; not every
  # statement, whose text may carry personal data.
  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_rds_cluster" "this" {
  # checkov:skip=CKV_AWS_162:The services authenticate with the master password RDS manages and rotates in Secrets Manager (docs/spec.md); no database user is granted rds_iam, so IAM authentication is off.
  # checkov:skip=CKV2_AWS_8:Automated backups (backup_retention_days, at least one day) with point-in-time recovery protect the data; an AWS Backup plan would duplicate them.
  count = var.engine == "aurora-postgresql" ? 1 : 0

  cluster_identifier = var.name_prefix
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = local.engine_version

  database_name                       = var.database_name
  master_username                     = var.master_username
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  iam_database_authentication_enabled = false

  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [var.security_group_id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this[0].name

  backup_retention_period   = var.backup_retention_days
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${var.name_prefix}-final"
  copy_tags_to_snapshot     = true

  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
  }

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

# The writer plus the readers, all Serverless v2, spread over the environment's
# AZs in turn (the writer in the first), so one zone's outage leaves a reader
# to fail over to.
resource "aws_rds_cluster_instance" "this" {
  count = local.aurora ? var.reader_count + 1 : 0

  identifier                 = "${var.name_prefix}-${count.index}"
  cluster_identifier         = aws_rds_cluster.this[0].id
  availability_zone          = length(var.availability_zones) > 0 ? var.availability_zones[count.index % length(var.availability_zones)] : null
  engine                     = aws_rds_cluster.this[0].engine
  engine_version             = aws_rds_cluster.this[0].engine_version
  instance_class             = "db.serverless"
  db_subnet_group_name       = aws_db_subnet_group.this.name
  publicly_accessible        = false
  auto_minor_version_upgrade = true

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.monitoring.arn

  # The zone only places an instance when it is created: a change replaces the
  # instance (the writer's replacement is a failover). Instances that ran
  # before the spread keep their zone; docs/spec.md says how to move one.
  lifecycle {
    ignore_changes = [availability_zone]
  }
}

# --- Connection settings ------------------------------------------------------

# Connection settings for applications. The password is never stored here:
# it lives in the Secrets Manager secret that RDS manages.
resource "aws_ssm_parameter" "host" {
  name   = "${var.ssm_prefix}/DATABASE_HOST"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = local.endpoint
}

resource "aws_ssm_parameter" "port" {
  name   = "${var.ssm_prefix}/DATABASE_PORT"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = tostring(local.port)
}

resource "aws_ssm_parameter" "name" {
  name   = "${var.ssm_prefix}/DATABASE_NAME"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = var.database_name
}

resource "aws_ssm_parameter" "secret_arn" {
  name   = "${var.ssm_prefix}/DATABASE_SECRET_ARN"
  type   = "SecureString"
  key_id = var.kms_key_arn
  value  = local.master_secret_arn
}
