//! `tfgen init`: a commented starter spec (with the schema modeline and the
//! schema beside it), the repository files and the generated tree, in a
//! folder that holds none of them yet.

use crate::commands::{EXIT_OK, EXIT_USAGE, Io, print_error};
use std::path::{Path, PathBuf};

/// What `init` writes: the answers of the flags and the prompts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub project: String,
    pub region: String,
    /// One profile for every environment; `None`: `minimal` for the
    /// environments that are not production, `balanced` for production.
    pub profile: Option<String>,
    pub environments: Vec<String>,
    pub domain: Option<String>,
    /// OWNER/REPO.
    pub github: Option<String>,
}

/// The flags of `tfgen init`; what they leave out is asked on a terminal.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Flags {
    /// Project name, the prefix of every resource name (default: from the folder's name).
    #[arg(long, value_name = "P")]
    pub project: Option<String>,
    /// AWS region (default: us-east-1).
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Cost profile of every environment (default: minimal, balanced for production).
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Environment names in deploy order, comma-separated (default: staging,prod).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub environments: Option<Vec<String>>,
    /// Domain served with HTTPS (production environments; default: none).
    #[arg(long, value_name = "D")]
    pub domain: Option<String>,
    /// GitHub repository OWNER/REPO: GitHub Actions workflows and the `ci` unit.
    #[arg(long, value_name = "OWNER/REPO")]
    pub github: Option<String>,
}

/// The regions the spec language accepts, from the schema.
pub fn regions() -> Vec<String> {
    crate::spec::schema::json_schema()["$defs"]["Region"]["enum"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

const PROFILES: [&str; 3] = ["minimal", "balanced", "resilient"];

/// A project name from a folder name: lowercase letters, digits and single
/// hyphens, starting with a letter, 3-30 characters; `my-app` when nothing fits.
pub fn project_from(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut out = String::new();
    for c in name.to_ascii_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        .chars()
        .take(30)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    if out.len() >= 3 {
        out
    } else {
        "my-app".to_owned()
    }
}

/// Whether `name` is a valid project name.
fn valid_project(name: &str) -> bool {
    (3..=30).contains(&name.len()) && is_name(name)
}

/// Whether `name` is a valid environment name.
fn valid_environment(name: &str) -> bool {
    (1..=15).contains(&name.len()) && is_name(name) && name != crate::catalog::DIR
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_github(repo: &str) -> bool {
    match repo.split_once('/') {
        Some((owner, name)) => {
            !owner.is_empty()
                && owner.len() <= 39
                && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !owner.starts_with('-')
                && !name.is_empty()
                && name.len() <= 100
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        }
        None => false,
    }
}

/// Whether an environment is production (the spec's one definition).
fn is_production(name: &str) -> bool {
    matches!(name, "prd" | "live") || name.starts_with("prod")
}

/// Checks the answers; every problem as one message.
pub fn check(answers: &Answers) -> Vec<String> {
    let mut problems = Vec::new();
    if !valid_project(&answers.project) {
        problems.push(format!(
            "--project {:?}: use lowercase letters, digits and single hyphens, starting with a letter (3-30 characters)",
            answers.project
        ));
    }
    if !regions().contains(&answers.region) {
        problems.push(format!(
            "--region {:?}: not an AWS region tfgen knows (e.g. eu-west-1)",
            answers.region
        ));
    }
    if let Some(p) = &answers.profile
        && !PROFILES.contains(&p.as_str())
    {
        problems.push(format!("--profile {p:?}: one of {}", PROFILES.join(", ")));
    }
    if answers.environments.is_empty() {
        problems.push("--environments: name at least one environment".into());
    }
    for (i, env) in answers.environments.iter().enumerate() {
        if !valid_environment(env) {
            problems.push(format!(
                "--environments: {env:?} is not an environment name (lowercase letters, digits and single hyphens, starting with a letter, 1-15 characters; not `modules`)"
            ));
        }
        if answers.environments[..i].contains(env) {
            problems.push(format!("--environments: {env} is named twice"));
        }
    }
    if let Some(d) = &answers.domain
        && (!d.contains('.')
            || d.starts_with('.')
            || d.ends_with('.')
            || !d
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'))
    {
        problems.push(format!(
            "--domain {d:?}: a lowercase domain name such as example.com"
        ));
    }
    if let Some(g) = &answers.github
        && !valid_github(g)
    {
        problems.push(format!("--github {g:?}: OWNER/REPO, e.g. acme/shop"));
    }
    problems
}

/// The starter spec, with comments: `environment:` for one environment,
/// `environments:` for several.
pub fn spec_text(a: &Answers) -> String {
    let mut s = String::new();
    s.push_str("# yaml-language-server: $schema=../schema/tfgen.schema.json\n#\n");
    s.push_str(&format!(
        "# {}: written by `tfgen init`. Every field is in tfgen's docs/spec.md; editors with the\n\
         # YAML language server complete and check them from ../schema/tfgen.schema.json.\n\
         #   tfgen build specs/        write generated/ and the repository files\n\
         #   tfgen explain {}  each resolved value and where it came from\n\
         #   tfgen cost {}     the monthly estimate\n",
        a.project,
        spec_and_env(a),
        spec_and_env(a),
    ));
    s.push_str(&format!(
        "version: 1\nproject: {}\nregion: {}\n",
        a.project, a.region
    ));
    let single = a.environments.len() == 1;
    if single {
        let env = &a.environments[0];
        s.push_str(&format!("environment: {env}\n"));
        s.push_str(&format!(
            "profile: {}                # cost profile: the defaults of every field not set here\n",
            profile_of(a, env)
        ));
        if let Some(d) = &a.domain {
            s.push_str(&format!(
                "domain:\n  name: {d}           # Route53 zone and ACM certificate; HTTPS on the ALB\n"
            ));
        }
        if profile_of(a, env) == "minimal" {
            s.push_str(
                "# Tasks have public IPs without NAT: only these addresses reach the ALB.\n\
                 access: { allowed_cidrs: [203.0.113.10/32] }   # replace with your office or VPN\n",
            );
        }
    }
    s.push_str(
        "\nservices:\n\
         \x20 web:\n\
         \x20   port: 3000              # the container port\n\
         \x20   path: /                 # the ALB path pattern it serves\n\
         \x20   health_check: { path: /health }\n\
         \x20   # CI builds the image and pushes it to the service's ECR repository (images.yml).\n\
         \x20   build: { context: ., dockerfile: Dockerfile }\n",
    );
    s.push_str(
        "\n# The repository around the tree: tools pinned in mise.toml, .tflint.hcl, pre-commit,\n\
         # .gitignore",
    );
    match &a.github {
        Some(repo) => {
            let gated: Vec<&String> = a.environments.iter().filter(|e| is_production(e)).collect();
            s.push_str(
                ", and GitHub Actions that check, price, plan and apply (docs/spec.md, `repository`).\n\
                 repository:\n  github:\n",
            );
            s.push_str(&format!("    repository: {repo}\n"));
            s.push_str(&format!(
                "    deploy_environments: [{}]   # their apply waits for approval in the GitHub environment of that name\n",
                gated.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        None => s.push_str(
            " (add `github: { repository: OWNER/REPO }` for GitHub Actions).\n\
             repository: {}\n",
        ),
    }
    if !single {
        s.push_str(
            "\n# Everything above is shared; each environment overrides what differs (maps merge\n\
             # key by key, lists and scalars replace, null removes a value).\n\
             environments:\n",
        );
        for env in &a.environments {
            let profile = profile_of(a, env);
            let why = match profile {
                "minimal" => "cheapest defaults: no NAT, one small task, business hours",
                "balanced" => "NAT, autoscaling, Multi-AZ-ready defaults",
                _ => "highest availability defaults",
            };
            s.push_str(&format!("  {env}:\n    profile: {profile}   # {why}\n"));
            if profile == "minimal" {
                s.push_str(
                    "    # Tasks have public IPs without NAT: only these addresses reach the ALB.\n\
                     \x20   access: { allowed_cidrs: [203.0.113.10/32] }   # replace with your office or VPN\n",
                );
            }
            if is_production(env)
                && let Some(d) = &a.domain
            {
                s.push_str(&format!("    domain: {{ name: {d} }}\n"));
            }
        }
    }
    s
}

fn spec_and_env(a: &Answers) -> String {
    match a.environments.as_slice() {
        [_] => format!("specs/{}.yaml", a.project),
        [first, ..] => format!("specs/{}.yaml --env {first}", a.project),
        [] => String::new(),
    }
}

fn profile_of<'a>(a: &'a Answers, env: &str) -> &'a str {
    match &a.profile {
        Some(p) => p,
        None if is_production(env) => "balanced",
        None => "minimal",
    }
}

/// Asks on the terminal for what the flags did not give.
fn prompt(flags: &Flags, dir: &Path) -> Result<Answers, String> {
    use dialoguer::{Input, Select, theme::ColorfulTheme};
    let theme = ColorfulTheme::default();
    let err = |e: dialoguer::Error| format!("cannot read the answer: {e}");
    let project = match &flags.project {
        Some(p) => p.clone(),
        None => Input::<String>::with_theme(&theme)
            .with_prompt("Project name (prefix of every resource name)")
            .default(project_from(dir))
            .validate_with(|s: &String| {
                if valid_project(s) {
                    Ok(())
                } else {
                    Err("lowercase letters, digits and single hyphens, starting with a letter, 3-30 characters")
                }
            })
            .interact_text()
            .map_err(err)?,
    };
    let region = match &flags.region {
        Some(r) => r.clone(),
        None => {
            let all = regions();
            let default = all.iter().position(|r| r == "us-east-1").unwrap_or(0);
            let i = Select::with_theme(&theme)
                .with_prompt("AWS region")
                .items(&all)
                .default(default)
                .interact()
                .map_err(err)?;
            all[i].clone()
        }
    };
    let environments = match &flags.environments {
        Some(e) => e.clone(),
        None => Input::<String>::with_theme(&theme)
            .with_prompt("Environments, in deploy order (comma-separated)")
            .default("staging,prod".into())
            .validate_with(|s: &String| {
                let names = split_list(s);
                if !names.is_empty() && names.iter().all(|n| valid_environment(n)) {
                    Ok(())
                } else {
                    Err("names of lowercase letters, digits and single hyphens, 1-15 characters")
                }
            })
            .interact_text()
            .map(|s| split_list(&s))
            .map_err(err)?,
    };
    let profile = match &flags.profile {
        Some(p) => Some(p.clone()),
        None => {
            let items = [
                "per environment: minimal, balanced for production",
                "minimal",
                "balanced",
                "resilient",
            ];
            let i = Select::with_theme(&theme)
                .with_prompt("Cost profile")
                .items(items)
                .default(0)
                .interact()
                .map_err(err)?;
            (i > 0).then(|| items[i].to_owned())
        }
    };
    let domain = match &flags.domain {
        Some(d) => Some(d.clone()),
        None => optional(
            Input::<String>::with_theme(&theme)
                .with_prompt("Domain (empty: none, the app answers on the ALB's name)")
                .allow_empty(true)
                .interact_text()
                .map_err(err)?,
        ),
    };
    let github = match &flags.github {
        Some(g) => Some(g.clone()),
        None => optional(
            Input::<String>::with_theme(&theme)
                .with_prompt("GitHub repository OWNER/REPO (empty: no workflows)")
                .allow_empty(true)
                .validate_with(|s: &String| {
                    if s.trim().is_empty() || valid_github(s.trim()) {
                        Ok(())
                    } else {
                        Err("OWNER/REPO, e.g. acme/shop")
                    }
                })
                .interact_text()
                .map_err(err)?,
        ),
    };
    Ok(Answers {
        project,
        region,
        profile,
        environments,
        domain,
        github,
    })
}

fn optional(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `a,b, c` → [a, b, c].
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The answers without a terminal: the flags, and defaults for the rest.
pub fn defaults(flags: &Flags, dir: &Path) -> Answers {
    Answers {
        project: flags.project.clone().unwrap_or_else(|| project_from(dir)),
        region: flags.region.clone().unwrap_or_else(|| "us-east-1".into()),
        profile: flags.profile.clone(),
        environments: flags
            .environments
            .clone()
            .unwrap_or_else(|| vec!["staging".into(), "prod".into()]),
        domain: flags.domain.clone(),
        github: flags.github.clone(),
    }
}

/// `tfgen init [DIR] …`: refuses when any file it would write exists.
pub fn init(io: &mut Io<'_>, dir: &Path, flags: &Flags, interactive: bool) -> i32 {
    let answers = if interactive {
        match prompt(flags, dir) {
            Ok(a) => a,
            Err(e) => {
                print_error(io, &e);
                return EXIT_USAGE;
            }
        }
    } else {
        defaults(flags, dir)
    };
    let problems = check(&answers);
    if !problems.is_empty() {
        for p in &problems {
            print_error(io, p);
        }
        return EXIT_USAGE;
    }
    let spec_rel = PathBuf::from("specs").join(format!("{}.yaml", answers.project));
    let spec_path = dir.join(&spec_rel);
    let schema_path = dir.join("schema/tfgen.schema.json");
    let spec = spec_text(&answers);
    // Everything the spec generates, in memory first, so that nothing is
    // written when anything exists already.
    let out = dir.join(crate::commands::DEFAULT_OUT);
    let checked = crate::spec::environments::check_file(spec.as_bytes(), &[]);
    if checked.has_errors() {
        for d in &checked.diagnostics {
            let _ = writeln!(
                io.err,
                "{}",
                d.display(&spec_path.display().to_string(), io.color)
            );
        }
        print_error(io, "internal error: the starter spec is invalid");
        return EXIT_USAGE;
    }
    let mut planned: Vec<PathBuf> = vec![spec_path.clone(), schema_path.clone()];
    let header = "specs/".to_owned() + &format!("{}.yaml", answers.project);
    let mut sources = Vec::new();
    for env in &checked.environments {
        if let Some(resolved) = &env.checked.resolved {
            planned.push(out.join(&resolved.environment));
            sources.push((resolved, env.parts.as_ref().map(|p| p.name().to_owned())));
        }
    }
    planned.push(out.join(crate::catalog::DIR));
    let repo_sources: Vec<crate::repository::Source<'_>> = sources
        .iter()
        .map(|(resolved, env)| crate::repository::Source {
            resolved,
            header_path: header.clone(),
            env_flag: env.as_ref().map(|e| format!("--env {e}")),
        })
        .collect();
    let roots = match crate::repository::render_roots(&repo_sources, &out) {
        Ok(r) => r,
        Err(e) => {
            print_error(io, &e);
            return EXIT_USAGE;
        }
    };
    for root in &roots {
        planned.extend(root.files.keys().map(|f| root.dir.join(f)));
        planned.push(root.dir.join(crate::emit::MANIFEST));
    }
    let existing: Vec<&PathBuf> = planned.iter().filter(|p| p.exists()).collect();
    if !existing.is_empty() {
        print_error(io, "refusing to overwrite what is already there:");
        for p in &existing {
            let _ = writeln!(io.err, "  {}", p.display());
        }
        let _ = writeln!(
            io.err,
            "  help: run `tfgen init` in a new folder, or move these away first"
        );
        return EXIT_USAGE;
    }
    let write = |path: &Path, text: &str| {
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    if let Err(e) = write(&spec_path, &spec)
        .and_then(|()| write(&schema_path, &crate::spec::schema::json_schema_text()))
    {
        print_error(io, &e);
        return EXIT_USAGE;
    }
    let _ = writeln!(io.out, "wrote {}", spec_path.display());
    let _ = writeln!(io.out, "wrote {}", schema_path.display());
    // The tree and the repository files, as `tfgen build` writes them.
    let code = crate::commands::build(
        io,
        std::slice::from_ref(&spec_path),
        &[],
        &out,
        false,
        false,
    );
    if code != EXIT_OK {
        return code;
    }
    let _ = writeln!(
        io.out,
        "\nNext: edit {} (fields: tfgen's docs/spec.md), then `tfgen build {}`; commit everything.",
        spec_rel.display(),
        spec_rel.display(),
    );
    if answers.github.is_some() {
        let _ = writeln!(
            io.out,
            "Before the first workflow run, apply each environment's `ci` unit by hand (generated/ENV/README.md), and set the repository variable AWS_ACCOUNT_ID (or `account_id` in the spec)."
        );
    }
    EXIT_OK
}
