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
    // What `client` (a service, or a job with a role of its own) receives
    // and may do.
    let grants = |client: &str| {
        let mut receives = Vec::new();
        let mut may = Vec::new();
        for (name, q) in &spec.queues {
            let (send, receive) = (
                q.producers.iter().any(|p| p == client),
                q.consumers.iter().any(|c| c == client),
            );
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
            if t.clients.iter().any(|c| c == client) {
                receives.push(var);
                may.push(format!("read and write `{name}`"));
            } else if t.readers.iter().any(|r| r == client) {
                receives.push(var);
                may.push(format!("read `{name}`"));
            }
        }
        if spec
            .cache
            .as_ref()
            .is_some_and(|c| c.clients.iter().any(|x| x == client))
        {
            receives.push("`CACHE_URL`".into());
            may.push("connect to the cache (port 6379, TLS)".into());
        }
        (receives, may)
    };
    let mut clients: Vec<Value> = Vec::new();
    for service in spec.services.keys() {
        let (receives, may) = grants(service);
        if !receives.is_empty() {
            clients.push(context! {
                name => format!("`{service}`"),
                receives => receives.join(", "),
                may => may.join("; "),
            });
        }
    }
    for (name, job) in &spec.jobs {
        let (receives, may) = grants(job.uses.as_deref().unwrap_or(name));
        if receives.is_empty() {
            continue;
        }
        let may = match &job.uses {
            Some(service) => format!("what `{service}` may: it runs with its task role"),
            None => may.join("; "),
        };
        clients.push(context! {
            name => format!("`{name}` (job)"),
            receives => receives.join(", "),
            may => may,
        });
    }
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
