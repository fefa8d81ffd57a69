//! Unit `queues`: SQS queues with their dead-letter queues, and the grants
//! of their producers and consumers.

use super::*;

/// Every service or job that produces to or consumes from a queue, in spec
/// order.
pub(super) fn queue_clients(spec: &Resolved) -> Vec<String> {
    spec.services
        .keys()
        .chain(spec.jobs.keys())
        .filter(|s| {
            spec.queues
                .values()
                .any(|q| q.producers.contains(s) || q.consumers.contains(s))
        })
        .cloned()
        .collect()
}

pub(super) fn plan(spec: &Resolved) -> Unit {
    let queues: serde_json::Map<String, Value> = spec
        .queues
        .iter()
        .map(|(name, q)| {
            (
                name.clone(),
                json!({
                    "fifo": q.fifo,
                    "visibility_timeout": q.visibility_timeout,
                    "retention_days": q.retention_days,
                    "max_receives": q.max_receives,
                    "producers": q.producers,
                    "consumers": q.consumers,
                }),
            )
        })
        .collect();
    let names = |dlq: bool| -> Value {
        spec.queues
            .iter()
            .map(|(n, q)| (n.clone(), json!(names::queue_name(spec, n, q.fifo, dlq))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let per_queue = |f: &dyn Fn(&str, &resolve::Queue) -> Value| -> Value {
        spec.queues
            .iter()
            .map(|(n, q)| (n.clone(), f(n, q)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let clients = queue_clients(spec);
    let client_environment: serde_json::Map<String, Value> = clients
        .iter()
        .map(|service| {
            let vars: serde_json::Map<String, Value> = spec
                .queues
                .iter()
                .filter(|(_, q)| q.producers.contains(service) || q.consumers.contains(service))
                .map(|(n, q)| {
                    (
                        format!("{}_QUEUE_URL", names::env_var(n)),
                        json!(mock_queue_url(
                            spec,
                            &names::queue_name(spec, n, q.fifo, false)
                        )),
                    )
                })
                .collect();
            (service.clone(), Value::Object(vars))
        })
        .collect();
    unit(
        "queues",
        "SQS queues, dead-letter queues, producer and consumer grants",
        vec![
            kms_key_var(),
            set("queues", value(Value::Object(queues))),
            set("queue_names", value(names(false))),
            set("dead_letter_queue_names", value(names(true))),
            set("task_role_names", from("security", "task_role_names")),
        ]
        .into_iter()
        .chain(own_role_clients(spec, &clients).then(|| {
            set(
                "job_task_role_names",
                from("security", "job_task_role_names"),
            )
        }))
        .collect(),
        vec![
            out(
                "queue_urls",
                per_queue(&|n, q| {
                    json!(mock_queue_url(
                        spec,
                        &names::queue_name(spec, n, q.fifo, false)
                    ))
                }),
            ),
            out(
                "queue_arns",
                per_queue(&|n, q| {
                    mock_arn(spec, "sqs", &names::queue_name(spec, n, q.fifo, false))
                }),
            ),
            out("queue_sqs_names", names(false)),
            out("dead_letter_queue_sqs_names", names(true)),
            out("client_environment", Value::Object(client_environment)),
        ],
    )
}

/// Whether a job with a task role of its own is among `clients`.
pub(super) fn own_role_clients(spec: &Resolved, clients: &[String]) -> bool {
    jobs::own_role_jobs(spec)
        .iter()
        .any(|j| clients.iter().any(|c| c == j))
}

/// A mock queue URL in the spec's region and the mock account.
fn mock_queue_url(spec: &Resolved, name: &str) -> String {
    format!(
        "https://sqs.{}.amazonaws.com/{MOCK_ACCOUNT}/{name}",
        spec.region.code()
    )
}
