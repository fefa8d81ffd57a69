//! Unit `bastion`.

use super::*;

pub(super) fn plan(spec: &Resolved) -> Unit {
    let instance_type = spec
        .bastion
        .as_ref()
        .map(|b| b.instance_type.clone())
        .unwrap_or_default();
    let subnets = if spec.network.nat == Nat::None {
        "public_subnet_ids"
    } else {
        "private_subnet_ids"
    };
    unit(
        "bastion",
        "EC2 instance reached through SSM Session Manager",
        vec![
            name_prefix_var(),
            var(
                "subnet_ids",
                "list(string)",
                "Subnets of the bastion (the first is used).",
                from("network", subnets),
            ),
            var(
                "security_group_id",
                "string",
                "Security group of the bastion.",
                from("security", "bastion_security_group_id"),
            ),
            var(
                "instance_profile_name",
                "string",
                "Instance profile with AmazonSSMManagedInstanceCore.",
                from("security", "bastion_instance_profile_name"),
            ),
            var(
                "instance_type",
                "string",
                "EC2 instance type.",
                value(instance_type),
            ),
            var(
                "associate_public_ip",
                "bool",
                "Public IP to reach SSM without a NAT gateway.",
                value(spec.network.nat == Nat::None),
            ),
        ],
        vec![out(
            "instance_id",
            "ID of the bastion instance (SSM target).",
            "aws_instance.this.id",
            json!("i-00000000000000000"),
        )],
    )
}
