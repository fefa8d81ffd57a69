//! Rules of the data services: `queues`, `cache`, `tables`, and the
//! services' `scaling.queue`.

use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::plan::names::{QUEUE_NAME_MAX, env_var, queue_name};
use crate::resolve::Resolved;
use crate::spec::model::ServiceKind;
use crate::spec::schema::escape;

impl Checker<'_> {
    pub(super) fn data(&mut self, spec: &Resolved) {
        for (name, q) in &spec.queues {
            let at = |field: &str| format!("/queues/{}/{field}", escape(name));
            self.clients(spec, &at("producers"), &q.producers);
            self.clients(spec, &at("consumers"), &q.consumers);
            let dlq = queue_name(spec, name, q.fifo, true);
            if dlq.len() > QUEUE_NAME_MAX {
                let room = QUEUE_NAME_MAX - (dlq.len() - name.len());
                let what = if q.fifo { "FIFO queue" } else { "queue" };
                self.key_error(
                    &format!("/queues/{}", escape(name)),
                    format!(
                        "the {what} `{name}` would be named `{dlq}` ({} characters) for its dead-letter queue; SQS allows {QUEUE_NAME_MAX}",
                        dlq.len()
                    ),
                )
                .help = Some(format!(
                    "shorten the queue name to {room} characters or fewer (the project and environment take the rest)"
                ));
                self.reading([at("fifo")]);
            }
        }
        if let Some(cache) = &spec.cache {
            self.clients(spec, "/cache/clients", &cache.clients);
        }
        for (name, t) in &spec.tables {
            let at = |field: &str| format!("/tables/{}/{field}", escape(name));
            self.clients(spec, &at("clients"), &t.clients);
            self.clients(spec, &at("readers"), &t.readers);
            if let Some(ttl) = &t.ttl_attribute {
                let key = if *ttl == t.hash_key {
                    Some("hash_key")
                } else if t.range_key.as_ref() == Some(ttl) {
                    Some("range_key")
                } else {
                    None
                };
                if let Some(key) = key {
                    self.error(
                        &at("ttl_attribute"),
                        format!("`{ttl}` is the table's {key}; a key attribute cannot be the TTL attribute"),
                    )
                    .help = Some(
                        "keep the expiry time in an attribute that is no key, e.g. `ttl`".into(),
                    );
                    self.reading([at(key)]);
                }
            }
            if t.range_key.as_ref() == Some(&t.hash_key) {
                self.error(
                    &at("range_key"),
                    format!("`{}` is already the table's hash_key", t.hash_key),
                )
                .help = Some("name another attribute, or remove `range_key`".into());
                self.reading([at("hash_key")]);
            }
            for reader in &t.readers {
                if t.clients.contains(reader) {
                    let i = t.readers.iter().position(|r| r == reader).unwrap_or(0);
                    self.error(
                        &format!("{}/{i}", at("readers")),
                        format!("`{reader}` is already a client (read and write) of this table"),
                    )
                    .help = Some("name it in `clients` or in `readers`, not both".into());
                }
            }
        }
        self.injected_variables(spec);
        for (name, s) in &spec.services {
            let at = |field: &str| format!("/services/{}/scaling/{field}", escape(name));
            match &s.scaling.queue {
                Some(queue) if !spec.queues.contains_key(queue) => {
                    let help = match did_you_mean(queue, spec.queues.keys().map(String::as_str)) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None if spec.queues.is_empty() => {
                            "add the queue under `queues:`, or remove `scaling.queue`".into()
                        }
                        None => format!(
                            "name one of the queues: {}",
                            spec.queues.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    };
                    self.error(
                        &at("queue"),
                        format!("`{queue}` is not a queue of `queues`"),
                    )
                    .help = Some(help);
                }
                Some(_) if s.kind != ServiceKind::Worker => {
                    self.error(
                        &at("queue"),
                        format!(
                            "only a worker scales on a queue, but `{name}` is a {} service",
                            s.kind.name()
                        ),
                    )
                    .help = Some(format!(
                        "set `kind: worker` on `{name}`, or remove `scaling.queue` (a web or backend service scales on CPU, memory and requests)"
                    ));
                    self.reading([format!("/services/{}/kind", escape(name))]);
                }
                Some(queue) if !spec.queues[queue].consumers.contains(name) => {
                    self.error(
                        &at("queue"),
                        format!("service `{name}` scales on queue `{queue}` but is not one of its consumers"),
                    )
                    .help = Some(format!("add `{name}` to `queues.{queue}.consumers`"));
                    self.reading([format!("/queues/{}/consumers", escape(queue))]);
                }
                Some(queue) if !spec.monitoring.container_insights => {
                    self.error(
                        &at("queue"),
                        format!("scaling on queue `{queue}` divides its messages by the running tasks, a Container Insights metric, but Container Insights is off"),
                    )
                    .help = Some("set `monitoring.container_insights: true`, or remove `scaling.queue`".into());
                    self.reading(["/monitoring/container_insights"]);
                }
                Some(_) => {}
                // A warning, not an error: an editor completing `scaling`
                // inserts the field with its default.
                None if self.present(&at("messages_per_task")) => {
                    self.warning(
                        &at("messages_per_task"),
                        "has no effect: the service tracks no queue",
                    )
                    .help = Some("set `scaling.queue`, or remove `messages_per_task`".into());
                }
                None => {}
            }
        }
    }

    /// A service's own `environment` must not set a variable a data service
    /// injects into it: the injected value would silently win or lose.
    pub(super) fn injected_variables(&mut self, spec: &Resolved) {
        for (name, s) in &spec.services {
            let mut injected: Vec<String> = Vec::new();
            for (queue, q) in &spec.queues {
                if q.producers.contains(name) || q.consumers.contains(name) {
                    injected.push(format!("{}_QUEUE_URL", env_var(queue)));
                }
            }
            for (table, t) in &spec.tables {
                if t.clients.contains(name) || t.readers.contains(name) {
                    injected.push(format!("TABLE_{}", env_var(table)));
                }
            }
            if spec
                .cache
                .as_ref()
                .is_some_and(|c| c.clients.contains(name))
            {
                injected.push("CACHE_URL".into());
            }
            for var in injected.iter().filter(|v| s.environment.contains_key(*v)) {
                self.error(
                    &format!("/services/{}/environment/{var}", escape(name)),
                    format!("`{var}` is set by tfgen for `{name}`, a client of the data service it names"),
                )
                .help = Some(format!("remove `{var}` from `environment`; the service receives it"));
            }
        }
    }

    /// Each of `names` (at `pointer`) must be a service, or a job with a
    /// task role of its own: a job with `uses` runs with its service's role
    /// and security group, so it receives what its service does. The cache
    /// admits security groups, and such a job has none of its own.
    fn clients(&mut self, spec: &Resolved, pointer: &str, names: &[String]) {
        let cache = pointer.starts_with("/cache/");
        for (i, client) in names.iter().enumerate() {
            let at = format!("{pointer}/{i}");
            if spec.services.contains_key(client) {
                continue;
            }
            if let Some(job) = spec.jobs.get(client) {
                if let Some(service) = &job.uses {
                    self.error(
                        &at,
                        format!("job `{client}` runs with the task role and security group of `{service}`, which it uses: it receives what `{service}` receives"),
                    )
                    .help = Some(format!("name `{service}` here instead, or give `{client}` an image of its own (no `uses`)"));
                    self.reading([format!("/jobs/{}/uses", escape(client))]);
                } else if cache {
                    self.error(
                        &at,
                        format!("job `{client}` has no security group of its own for the cache to admit (it runs in the tasks' shared group)"),
                    )
                    .help = Some(format!("let `{client}` use a service that is a cache client (`uses: <service>`)"));
                }
                continue;
            }
            let candidates = spec
                .services
                .keys()
                .chain(spec.jobs.keys())
                .map(String::as_str);
            let help = match did_you_mean(client, candidates) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!(
                    "name one of the services{}: {}",
                    if spec.jobs.is_empty() { "" } else { " or jobs" },
                    spec.services
                        .keys()
                        .chain(spec.jobs.keys())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let what = if spec.jobs.is_empty() {
                "a service"
            } else {
                "a service or a job"
            };
            self.error(&at, format!("`{client}` is not {what}")).help = Some(help);
        }
    }
}
