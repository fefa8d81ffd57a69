//! Unit `network`.

use super::*;

/// The interface endpoints the spec's `network.endpoints` stand for, as
/// service-name suffixes (`s3` is a gateway endpoint and not among them).
pub fn interface_endpoints(spec: &Resolved) -> Vec<&'static str> {
    spec.network
        .endpoints
        .iter()
        .flat_map(|e| match e {
            Endpoint::S3 => &[][..],
            Endpoint::Ecr => &["ecr.api", "ecr.dkr"][..],
            Endpoint::Logs => &["logs"][..],
            Endpoint::Ssm => &["ssm", "ssmmessages", "ec2messages"][..],
            Endpoint::Secretsmanager => &["secretsmanager"][..],
        })
        .copied()
        .collect()
}

pub(super) fn plan(spec: &Resolved) -> Unit {
    let (public, private) = subnet_cidrs(spec);
    let n = &spec.network;
    let interface = interface_endpoints(spec);
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        var(
            "vpc_cidr",
            "string",
            "CIDR block of the VPC.",
            value(&n.cidr),
        ),
        var(
            "az_count",
            "number",
            "Number of availability zones used.",
            value(n.azs),
        ),
        var(
            "public_subnet_cidrs",
            "list(string)",
            "CIDR of the public subnet in each AZ.",
            value(public),
        ),
        var(
            "private_subnet_cidrs",
            "list(string)",
            "CIDR of the private subnet in each AZ.",
            value(private),
        ),
        var(
            "flow_log_traffic_type",
            "string",
            "Traffic the VPC flow log records: REJECT (profile minimal) or ALL.",
            value(if spec.profile == Profile::Minimal {
                "REJECT"
            } else {
                "ALL"
            }),
        ),
        var(
            "log_retention_days",
            "number",
            "CloudWatch Logs retention of the flow log.",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    if !interface.is_empty() {
        variables.push(var(
            "interface_endpoints",
            "list(string)",
            "AWS services reached through interface VPC endpoints (service name suffixes).",
            value(interface),
        ));
    }
    unit(
        "network",
        "VPC, public and private subnets per AZ, NAT, VPC endpoints",
        variables,
        vec![
            out(
                "vpc_id",
                "ID of the VPC.",
                "aws_vpc.this.id",
                json!("vpc-00000000000000000"),
            ),
            out(
                "vpc_cidr_block",
                "CIDR block of the VPC.",
                "aws_vpc.this.cidr_block",
                json!(n.cidr),
            ),
            out(
                "public_subnet_ids",
                "IDs of the public subnets, one per AZ.",
                "aws_subnet.public[*].id",
                mock_ids("subnet", n.azs),
            ),
            out(
                "private_subnet_ids",
                "IDs of the private subnets, one per AZ.",
                "aws_subnet.private[*].id",
                mock_ids("subnet", n.azs),
            ),
        ],
    )
}
