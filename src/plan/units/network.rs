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
        set("vpc_cidr", value(&n.cidr)),
        set("az_count", value(n.azs)),
        set("public_subnet_cidrs", value(public)),
        set("private_subnet_cidrs", value(private)),
        set(
            "nat_gateway_count",
            value(match n.nat {
                Nat::None => 0,
                Nat::Single => 1,
                Nat::PerAz => n.azs,
            }),
        ),
        set(
            "create_s3_endpoint",
            value(n.endpoints.contains(&Endpoint::S3)),
        ),
        set(
            "flow_log_traffic_type",
            value(if spec.profile == Profile::Minimal {
                "REJECT"
            } else {
                "ALL"
            }),
        ),
        set(
            "log_retention_days",
            value(spec.monitoring.log_retention_days),
        ),
    ];
    // The tables' tasks reach DynamoDB through a gateway endpoint, not the NAT.
    if !spec.tables.is_empty() && n.nat != Nat::None {
        variables.push(set("create_dynamodb_endpoint", value(true)));
    }
    let any_interface = !interface.is_empty();
    variables.push(set("interface_endpoints", value(interface)));
    if any_interface {
        // Where the tasks run: public subnets without a NAT gateway.
        variables.push(set(
            "interface_endpoint_subnets",
            value(if n.nat == Nat::None {
                "public"
            } else {
                "private"
            }),
        ));
    }
    let mut u = unit(
        "network",
        "VPC, public and private subnets per AZ, NAT, VPC endpoints",
        variables,
        vec![
            out("vpc_id", json!("vpc-00000000000000000")),
            out("vpc_cidr_block", json!(n.cidr)),
            out("public_subnet_ids", mock_ids("subnet", n.azs)),
            out("private_subnet_ids", mock_ids("subnet", n.azs)),
            out(
                "availability_zones",
                json!(
                    (0..n.azs)
                        .map(|i| format!("{}{}", spec.region.code(), char::from(b'a' + i as u8)))
                        .collect::<Vec<_>>()
                ),
            ),
        ],
    );
    if spec.monitoring.log_retention_days < 365 {
        u.trade_offs.push(trade_off(
            "CKV_AWS_338",
            "aws_cloudwatch_log_group.flow_log",
            "monitoring.log_retention_days",
            "The flow log is kept as long as the environment's other logs: a shorter network history for a smaller CloudWatch Logs bill.",
        ));
    }
    u
}
