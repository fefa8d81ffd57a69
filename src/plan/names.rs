//! Resource names that fit AWS's limits for every spec the schema accepts.
//!
//! Most names are `{project}-{environment}` (up to 46 characters) plus a
//! suffix, which fits every limit but a few: the ALB (32), an IAM role with a
//! service in it (64), a Cognito domain prefix (no `aws`, `amazon` or
//! `cognito` in it). Those are computed here and passed to the modules as
//! literal inputs, so they are visible in each unit's `terragrunt.hcl` and
//! checked by the naming verify rule ([`crate::verify::naming`]).
//!
//! A name that fits is kept as it is, so an existing deployment keeps its
//! resources; a name that does not is cut, stripped of trailing hyphens and
//! given `-` and 6 hex characters of the SHA-256 of the full name, so two
//! long names that share their first characters still differ.

use super::units::name_prefix;
use crate::emit::sha256;
use crate::resolve::Resolved;

/// The ALB's name (at most 32 characters, not starting with `internal-`,
/// which AWS reserves: such a prefix becomes `int-` and takes the hash).
pub fn alb_name(spec: &Resolved) -> String {
    let name = name_prefix(spec);
    match name.strip_prefix("internal-") {
        Some(rest) => shorten(&format!("int-{rest}"), 32, &name),
        None => fit(&name, 32),
    }
}

/// The task role of `service` (at most 64 characters).
pub fn task_role_name(spec: &Resolved, service: &str) -> String {
    fit(&format!("{}-{service}-task", name_prefix(spec)), 64)
}

/// The Cognito hosted UI domain prefix.
/// `{prefix}-{job}`: the EventBridge Scheduler schedule of a job (64 characters).
pub fn schedule_name(spec: &Resolved, job: &str) -> String {
    fit(&format!("{}-{job}", name_prefix(spec)), 64)
}

/// `{prefix}-{job}-scheduler`: the role Scheduler assumes to run a job (64 characters).
pub fn scheduler_role_name(spec: &Resolved, job: &str) -> String {
    fit(&format!("{}-{job}-scheduler", name_prefix(spec)), 64)
}

/// `{prefix}-{job}-dlq`: the dead-letter queue of a job's schedule (80 characters).
pub fn dead_letter_queue_name(spec: &Resolved, job: &str) -> String {
    fit(&format!("{}-{job}-dlq", name_prefix(spec)), 80)
}

/// `{prefix}-job-failed`: the EventBridge rule that tells the alarm topic of
/// failed jobs (64 characters).
pub fn job_failure_rule_name(spec: &Resolved) -> String {
    fit(&format!("{}-job-failed", name_prefix(spec)), 64)
}

pub fn auth_domain_prefix(spec: &Resolved) -> String {
    cognito_domain(&name_prefix(spec))
}

/// The longest SQS queue name AWS accepts, `.fifo` included.
pub const QUEUE_NAME_MAX: usize = 80;

/// The SQS queue `queue` (`dlq`: its dead-letter queue, `<name>-dlq`),
/// ending in `.fifo` for a FIFO queue. Not cut: a name over
/// [`QUEUE_NAME_MAX`] is a spec error (the rules say so), because the queue
/// URL the clients get carries it.
pub fn queue_name(spec: &Resolved, queue: &str, fifo: bool, dlq: bool) -> String {
    format!(
        "{}-{queue}{}{}",
        name_prefix(spec),
        if dlq { "-dlq" } else { "" },
        if fifo { ".fifo" } else { "" }
    )
}

/// The DynamoDB table `table` (at most 255 characters: always fits).
pub fn table_name(spec: &Resolved, table: &str) -> String {
    format!("{}-{table}", name_prefix(spec))
}

/// The serverless cache: at most 40 characters, lowercase letters, digits
/// and hyphens (AWS's rule for a serverless cache name).
pub fn cache_name(spec: &Resolved) -> String {
    fit(&name_prefix(spec), 40)
}

/// The environment variable of a name: upper snake case (`jobs-high` →
/// `JOBS_HIGH`).
pub fn env_var(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

/// Characters of the hash suffix (without its `-`).
pub const HASH_LEN: usize = 6;

/// `name` if it has at most `max_len` characters; otherwise its first
/// characters, without trailing hyphens, then `-` and [`HASH_LEN`] hex
/// characters of a hash of the whole `name`: at most `max_len` characters.
pub fn fit(name: &str, max_len: usize) -> String {
    if name.len() <= max_len {
        return name.to_owned();
    }
    shorten(name, max_len, name)
}

/// The start of `head` that leaves room for the suffix, without trailing
/// hyphens, then `-` and [`HASH_LEN`] hex characters of a hash of `full`.
fn shorten(head: &str, max_len: usize, full: &str) -> String {
    let keep = max_len.saturating_sub(HASH_LEN + 1).min(head.len());
    let head = head[..keep].trim_end_matches('-');
    if head.is_empty() {
        return sha256(full.as_bytes())[..max_len.min(HASH_LEN)].to_owned();
    }
    format!("{head}-{}", &sha256(full.as_bytes())[..HASH_LEN])
}

/// Words a Cognito domain prefix must not contain.
pub const COGNITO_RESERVED: [&str; 3] = ["aws", "amazon", "cognito"];

/// A Cognito prefix domain for `name`: `name` itself when it is a valid
/// prefix (at most 63 characters, none of [`COGNITO_RESERVED`]); otherwise
/// `name` without the reserved words (and the hyphens around them), with the
/// hash suffix of the original name so that the result stays unique.
pub fn cognito_domain(name: &str) -> String {
    const MAX: usize = 63;
    if !COGNITO_RESERVED.iter().any(|w| name.contains(w)) {
        return fit(name, MAX);
    }
    let mut cleaned = name.to_owned();
    // Removing one word can join two halves into another ("amaws" + "zon").
    while let Some(w) = COGNITO_RESERVED.iter().find(|w| cleaned.contains(*w)) {
        cleaned = cleaned.replacen(w, "-", 1);
    }
    let mut parts: Vec<&str> = cleaned.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        parts.push("auth");
    }
    shorten(&parts.join("-"), MAX, name)
}

/// The `name_prefix` of a service's target group: at most 6 characters
/// (`aws_lb_target_group` appends 26 of its own to fit the 32 of a target
/// group name), the service name's first 5 and a hyphen.
pub fn target_group_prefix(service: &str) -> String {
    let head = service[..service.len().min(5)].trim_end_matches('-');
    format!("{head}-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_fits_is_kept() {
        assert_eq!(fit("shop-prod", 32), "shop-prod");
        let exact = "a".repeat(32);
        assert_eq!(fit(&exact, 32), exact);
    }

    #[test]
    fn a_long_name_is_cut_with_a_hash_of_the_whole_name() {
        let long = format!("{}-{}", "p".repeat(30), "staging-east-1");
        let short = fit(&long, 32);
        assert_eq!(short.len(), 32);
        assert!(short.starts_with(&"p".repeat(25)), "{short}");
        assert_eq!(&short[25..26], "-");
        assert!(short[26..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(fit(&long, 32), short, "deterministic");
    }

    #[test]
    fn names_that_share_their_start_stay_different() {
        let p = "x".repeat(40);
        assert_ne!(fit(&format!("{p}-web"), 32), fit(&format!("{p}-api"), 32));
    }

    #[test]
    fn a_cut_never_ends_the_head_in_a_hyphen() {
        // The cut at 25 falls right after a hyphen.
        let long = format!("{}-{}", "a".repeat(24), "b".repeat(20));
        let short = fit(&long, 32);
        assert!(!short.contains("--"), "{short}");
        assert_eq!(short.len(), 31);
    }

    #[test]
    fn an_alb_never_starts_with_internal() {
        let yaml = "version: 1\nproject: internal-tools\nenvironment: prod\nregion: us-east-1\n\
                    services:\n  web:\n    port: 3000\n    path: /\n";
        let spec = crate::spec::check(yaml.as_bytes()).resolved.expect("valid");
        let name = alb_name(&spec);
        assert!(name.starts_with("int-tools-prod-"), "{name}");
        assert_eq!(name.len(), "int-tools-prod-".len() + HASH_LEN);
    }

    #[test]
    fn cognito_domains_lose_reserved_words() {
        assert_eq!(cognito_domain("shop-prod"), "shop-prod");
        let d = cognito_domain("my-aws-shop-prod");
        assert!(d.starts_with("my-shop-prod-"), "{d}");
        assert!(COGNITO_RESERVED.iter().all(|w| !d.contains(w)), "{d}");
        let d = cognito_domain("amawszon-cognito");
        assert!(d.starts_with("am-zon-"), "{d}");
        let d = cognito_domain("aws-cognito");
        assert!(d.starts_with("auth-"), "{d}");
        assert_eq!(d.len(), 11);
    }

    #[test]
    fn target_group_prefixes_have_at_most_6_characters() {
        assert_eq!(target_group_prefix("web"), "web-");
        assert_eq!(target_group_prefix("worker-jobs"), "worke-");
        assert_eq!(target_group_prefix("abcd-x"), "abcd-");
    }
}
