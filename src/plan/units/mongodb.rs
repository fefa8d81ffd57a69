//! Unit `mongodb`: MongoDB Atlas on AWS.

use super::*;
use crate::spec::model::{MongodbAccess, MongodbTier, Region};

/// Atlas's name of an AWS region: the code in upper case, `_` for `-`
/// (`ap-northeast-1` → `AP_NORTHEAST_1`), as in the provider's docs and the
/// Atlas Administration API.
pub fn atlas_region(region: Region) -> String {
    region.code().to_uppercase().replace('-', "_")
}

/// The application database the clients read and write: the project's name.
pub fn database_name(spec: &Resolved) -> String {
    spec.project.clone()
}

pub(super) fn plan(spec: &Resolved, m: &resolve::Mongodb) -> Unit {
    let privatelink = m.access == MongodbAccess::Privatelink;
    let mut variables = vec![
        name_prefix_var(spec),
        kms_key_var(),
        set("org_id", value(&m.org_id)),
        set("api_key_secret", value(&m.api_key_secret)),
        set("tier", value(m.tier.name())),
        set("atlas_region", value(atlas_region(spec.region))),
        set(
            "access",
            value(match m.access {
                MongodbAccess::Nat => "nat",
                MongodbAccess::Privatelink => "privatelink",
            }),
        ),
    ];
    // Flex clusters run the version Atlas gives them.
    if m.tier != MongodbTier::Flex {
        variables.push(set("mongodb_version", value(&m.version)));
    }
    if privatelink {
        variables.push(set("vpc_id", from("network", "vpc_id")));
        variables.push(set(
            "endpoint_subnet_ids",
            from("network", "private_subnet_ids"),
        ));
    } else {
        variables.push(set("nat_public_ips", from("network", "nat_public_ips")));
    }
    // Each client's own group gets the egress to Atlas (and with
    // privatelink the endpoint admits exactly those groups).
    variables.push(set(
        "service_security_group_ids",
        from("security", "service_security_group_ids"),
    ));
    if spec.bastion.is_some() {
        variables.push(set(
            "bastion_security_group_id",
            from("security", "bastion_security_group_id"),
        ));
    }
    variables.extend([
        set("clients", value(&m.clients)),
        set("task_role_arns", from("security", "task_role_arns")),
        set(
            "task_execution_role_name",
            from("security", "task_execution_role_name"),
        ),
        set("database_name", value(database_name(spec))),
        set(
            "termination_protection",
            value(spec.profile != Profile::Minimal),
        ),
    ]);
    if spec.bastion.is_some() {
        variables.push(set(
            "bastion_role_arn",
            from("security", "bastion_role_arn"),
        ));
    }
    let host = format!(
        "mongodb+srv://{}{}.abcde.mongodb.net",
        name_prefix(spec),
        if privatelink { "-pl-0" } else { "" }
    );
    unit(
        "mongodb",
        "MongoDB Atlas project, cluster, network access, IAM database users and MONGODB_URI secrets",
        variables,
        vec![
            out("project_id", json!("000000000000000000000000")),
            out("cluster_name", json!(name_prefix(spec))),
            out("connection_string", json!(host)),
            out(
                "mongodb_uri_secret_arns",
                Value::Object(
                    m.clients
                        .iter()
                        .map(|c| {
                            (
                                c.clone(),
                                mock_arn(
                                    spec,
                                    "secretsmanager",
                                    &format!("secret:{}/{c}/mongodb-uri-AbCdEf", name_prefix(spec)),
                                ),
                            )
                        })
                        .collect(),
                ),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(yaml: &str) -> Unit {
        let checked = crate::spec::check(yaml.as_bytes());
        let spec = checked
            .resolved
            .unwrap_or_else(|| panic!("invalid spec: {:?}", checked.diagnostics));
        plan(&spec, spec.mongodb.as_ref().expect("a mongodb block"))
    }

    /// The input a variable reads: `unit.output`, or the literal value.
    fn input(unit: &Unit, name: &str) -> Option<String> {
        unit.variables
            .iter()
            .find(|v| v.name == name)
            .map(|v| match &v.input {
                Input::Output { unit, output } => format!("{unit}.{output}"),
                Input::Value { value } | Input::Expr { value, .. } => value.to_string(),
            })
    }

    const SERVICES: &str = "version: 1\nproject: demo\nenvironment: test\nregion: eu-west-1\n\
        services:\n  web:\n    port: 3000\n  api:\n    port: 3001\n    path: /api/*\n";

    #[test]
    fn nat_access_reads_the_nat_addresses_and_nothing_of_privatelink() {
        let unit = plan_of(&format!(
            "{SERVICES}mongodb:\n  org_id: 0123456789abcdef01234567\n  clients: [api]\n"
        ));
        assert_eq!(input(&unit, "access").as_deref(), Some("\"nat\""));
        assert_eq!(
            input(&unit, "nat_public_ips").as_deref(),
            Some("network.nat_public_ips")
        );
        for absent in [
            "vpc_id",
            "endpoint_subnet_ids",
            "task_security_group_id",
            "mongodb_version",
        ] {
            assert_eq!(input(&unit, absent), None, "{absent}");
        }
        assert_eq!(
            input(&unit, "atlas_region").as_deref(),
            Some("\"EU_WEST_1\"")
        );
        assert_eq!(input(&unit, "clients").as_deref(), Some("[\"api\"]"));
        assert_eq!(
            input(&unit, "task_role_arns").as_deref(),
            Some("security.task_role_arns")
        );
    }

    #[test]
    fn privatelink_puts_the_endpoint_in_the_private_subnets_for_the_tasks() {
        let unit = plan_of(&format!(
            "{SERVICES}mongodb:\n  org_id: 0123456789abcdef01234567\n  tier: M30\n  version: \"7.0\"\n  \
             access: privatelink\n  clients: [web, api]\n"
        ));
        assert_eq!(input(&unit, "tier").as_deref(), Some("\"M30\""));
        assert_eq!(input(&unit, "mongodb_version").as_deref(), Some("\"7.0\""));
        assert_eq!(input(&unit, "vpc_id").as_deref(), Some("network.vpc_id"));
        assert_eq!(
            input(&unit, "endpoint_subnet_ids").as_deref(),
            Some("network.private_subnet_ids")
        );
        assert_eq!(
            input(&unit, "service_security_group_ids").as_deref(),
            Some("security.service_security_group_ids")
        );
        assert_eq!(input(&unit, "nat_public_ips"), None);
        let arns = &unit
            .outputs
            .iter()
            .find(|o| o.name == "mongodb_uri_secret_arns")
            .expect("the secrets output")
            .mock;
        assert_eq!(
            arns["web"],
            json!(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:demo-test/web/mongodb-uri-AbCdEf"
            )
        );
    }

    #[test]
    fn atlas_names_the_priced_regions_like_aws_in_upper_case() {
        for (aws, atlas) in [
            ("ap-northeast-1", "AP_NORTHEAST_1"),
            ("eu-central-1", "EU_CENTRAL_1"),
            ("eu-west-1", "EU_WEST_1"),
            ("us-east-1", "US_EAST_1"),
            ("us-west-2", "US_WEST_2"),
        ] {
            let region: Region = serde_json::from_value(json!(aws)).expect("a region");
            assert_eq!(atlas_region(region), atlas);
        }
    }
}
