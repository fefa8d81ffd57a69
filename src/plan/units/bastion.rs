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
    let mut u = unit(
        "bastion",
        "EC2 instance reached through SSM Session Manager",
        vec![
            name_prefix_var(spec),
            set("subnet_ids", from("network", subnets)),
            set(
                "security_group_id",
                from("security", "bastion_security_group_id"),
            ),
            set(
                "instance_profile_name",
                from("security", "bastion_instance_profile_name"),
            ),
            set("instance_type", value(instance_type)),
            set("associate_public_ip", value(spec.network.nat == Nat::None)),
        ],
        vec![out("instance_id", json!("i-00000000000000000"))],
    );
    if spec.network.nat == Nat::None {
        u.trade_offs.push(trade_off(
            "CKV_AWS_88",
            "aws_instance.this",
            "network.nat",
            "Without a NAT gateway the bastion reaches SSM through a public IP in a public subnet; it has no inbound rule and no SSH key, so nothing connects to it.",
        ));
    }
    u
}
