//! Unit `cache`: the ElastiCache Serverless cache and its security group.

use super::*;
use crate::spec::model::CacheEngine;

/// The engine name and major version of ElastiCache Serverless: Valkey 8,
/// Redis OSS 7.
pub fn engine_version(engine: CacheEngine) -> (&'static str, &'static str) {
    match engine {
        CacheEngine::Valkey => ("valkey", "8"),
        CacheEngine::Redis => ("redis", "7"),
    }
}

pub(super) fn plan(spec: &Resolved, cache: &resolve::Cache) -> Unit {
    let (engine, version) = engine_version(cache.engine);
    let endpoint = format!(
        "mock-000000.serverless.{}.cache.amazonaws.com",
        spec.region.code()
    );
    let mut variables = vec![
        name_prefix_var(spec),
        set("cache_name", value(names::cache_name(spec))),
        set("engine", value(engine)),
        set("major_engine_version", value(version)),
        set("max_storage_gb", value(cache.max_storage_gb)),
        set(
            "snapshot_retention_days",
            value(match spec.profile {
                Profile::Minimal => 0,
                Profile::Balanced => 1,
                Profile::Resilient => 7,
            }),
        ),
        kms_key_var(),
        set("vpc_id", from("network", "vpc_id")),
        set("subnet_ids", from("network", "private_subnet_ids")),
        set("clients", value(&cache.clients)),
        set(
            "service_security_group_ids",
            from("security", "service_security_group_ids"),
        ),
    ];
    if spec.bastion.is_some() {
        variables.push(set(
            "bastion_security_group_id",
            from("security", "bastion_security_group_id"),
        ));
    }
    let client_environment: serde_json::Map<String, Value> = cache
        .clients
        .iter()
        .map(|c| {
            (
                c.clone(),
                json!({ "CACHE_URL": format!("rediss://{endpoint}:6379") }),
            )
        })
        .collect();
    unit(
        "cache",
        "ElastiCache Serverless cache, its security group",
        variables,
        vec![
            out("endpoint", json!(endpoint)),
            out("port", json!(6379)),
            out("security_group_id", json!("sg-00000000000000c00")),
            out("client_environment", Value::Object(client_environment)),
        ],
    )
}
