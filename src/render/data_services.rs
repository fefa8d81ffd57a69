//! The "Data services" section of the environment README: what each client
//! of a queue, the cache or a table receives and may do, and how to read a
//! dead-letter queue and reach the cache.

use crate::plan::names;
use crate::plan::units::name_prefix;
use crate::resolve::Resolved;
use minijinja::{Value, context};

/// The section's template context; `None` when the spec has no data service.
pub fn context(spec: &Resolved) -> Option<Value> {
    if spec.queues.is_empty() && spec.tables.is_empty() && spec.cache.is_none() {
        return None;
    }
    let clients: Vec<Value> = spec
        .services
        .keys()
        .filter_map(|service| {
            let mut receives = Vec::new();
            let mut may = Vec::new();
            for (name, q) in &spec.queues {
                let (send, receive) =
                    (q.producers.contains(service), q.consumers.contains(service));
                if send || receive {
                    receives.push(format!("`{}_QUEUE_URL`", names::env_var(name)));
                }
                if send {
                    may.push(format!("send to `{name}`"));
                }
                if receive {
                    may.push(format!("receive and delete from `{name}`"));
                }
            }
            for (name, t) in &spec.tables {
                let var = format!("`TABLE_{}`", names::env_var(name));
                if t.clients.contains(service) {
                    receives.push(var);
                    may.push(format!("read and write `{name}`"));
                } else if t.readers.contains(service) {
                    receives.push(var);
                    may.push(format!("read `{name}`"));
                }
            }
            if spec
                .cache
                .as_ref()
                .is_some_and(|c| c.clients.contains(service))
            {
                receives.push("`CACHE_URL`".into());
                may.push("connect to the cache (port 6379, TLS)".into());
            }
            (!receives.is_empty()).then(|| {
                context! {
                    name => service,
                    receives => receives.join(", "),
                    may => may.join("; "),
                }
            })
        })
        .collect();
    let queues: Vec<Value> = spec
        .queues
        .iter()
        .map(|(name, q)| {
            context! {
                name => name,
                sqs => names::queue_name(spec, name, q.fifo, false),
                dlq => names::queue_name(spec, name, q.fifo, true),
                max_receives => q.max_receives,
            }
        })
        .collect();
    let tables: Vec<Value> = spec
        .tables
        .keys()
        .map(|name| context! { name => name, dynamodb => names::table_name(spec, name) })
        .collect();
    Some(context! {
        clients => clients,
        queues => queues,
        tables => tables,
        cache => spec.cache.as_ref().map(|c| context! {
            name => names::cache_name(spec),
            engine => crate::plan::units::cache_engine_version(c.engine).0,
        }),
        bastion => spec.bastion.is_some(),
        prefix => name_prefix(spec),
    })
}
