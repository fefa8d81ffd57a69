//! The `tfgen` command line: argument parsing only; the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use tfgen::commands::{self, CostBase, CostFormat, ExplainFormat, GraphFormat, GraphKind, Io};

const EXAMPLES: &str = "\
Examples:
  tfgen init my-app --github acme/my-app   a new repository: spec, tools, workflows, tree
  tfgen validate specs/*.yaml          check specs, report every problem at once
  tfgen explain specs/staging.yaml     every resolved value and where it came from
  tfgen build specs/prod.yaml          write generated/prod/
  tfgen build --check specs/           CI: fail when generated/ is stale
  tfgen build specs/multi/bookmark-manager.yaml --env prod
                                       one environment of a spec of several
  tfgen graph specs/prod.yaml          the architecture as a Mermaid flowchart
  tfgen graph --kind units --format dot specs/prod.yaml | dot -Tsvg > units.svg
  tfgen cost specs/staging.yaml        monthly estimate, baseline and peak
  tfgen cost specs/prod.yaml --compare-git origin/main --format markdown
                                       the cost change of a pull request
  tfgen schema --write schema/tfgen.schema.json   the JSON Schema for editors

Exit codes: 0 ok (warnings allowed), 1 invalid spec, stale tree or unpriced region,\n2 usage or I/O error.";

/// Compiles a compact YAML environment spec into a Terragrunt live tree and
/// Terraform modules for AWS.
#[derive(Parser)]
#[command(name = "tfgen", version, about, after_help = EXAMPLES)]
struct Cli {
    /// When to color output (NO_COLOR and CLICOLOR_FORCE are honored with auto).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Start a repository: a commented spec (with its schema), the repository files and the
    /// generated tree. Refuses to overwrite anything; on a terminal, asks for what the flags
    /// leave out (not with --yes or without a terminal: defaults instead).
    Init {
        /// The repository folder (created when missing).
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        flags: tfgen::init::Flags,
        /// Ask nothing: the flags, and defaults for the rest.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Check specs against the schema and the rules; print every problem.
    Validate {
        /// Spec files or directories of *.yaml specs.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// Only this environment of a spec of several (repeatable; default: every one).
        #[arg(long = "env", value_name = "NAME")]
        envs: Vec<String>,
    },
    /// Show every resolved value of a spec and where it came from (spec, profile, default).
    Explain {
        /// The spec file.
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// The environment, in a spec of several (required there).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
        format: ExplainFormat,
    },
    /// Print the JSON Schema (draft 2020-12) of the spec language, or write it to a file.
    Schema {
        /// Write the schema to this file (its folder is created), e.g. schema/tfgen.schema.json,
        /// where editors are bound to it; without it, print it.
        #[arg(long, value_name = "PATH")]
        write: Option<PathBuf>,
    },
    /// Generate the Terragrunt live tree of each spec under <out>/<environment>/.
    Build {
        /// Spec files or directories of *.yaml specs.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// Only this environment of a spec of several (repeatable; default: every one).
        #[arg(long = "env", value_name = "NAME")]
        envs: Vec<String>,
        /// Root of the generated trees.
        #[arg(long, value_name = "DIR", default_value = commands::DEFAULT_OUT)]
        out: PathBuf,
        /// Write nothing; exit 1 listing stale, missing or extra files.
        #[arg(long)]
        check: bool,
        /// Overwrite generated files that were edited by hand.
        #[arg(long)]
        force: bool,
    },
    /// Print a unified diff of what `build` would change.
    Diff {
        /// Spec files or directories of *.yaml specs.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// Only this environment of a spec of several (repeatable; default: every one).
        #[arg(long = "env", value_name = "NAME")]
        envs: Vec<String>,
        /// Root of the generated trees.
        #[arg(long, value_name = "DIR", default_value = commands::DEFAULT_OUT)]
        out: PathBuf,
    },
    /// Draw the architecture or the Terragrunt unit graph.
    Graph {
        /// The spec file.
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// The environment, in a spec of several (required there).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
        /// Which graph.
        #[arg(long, value_enum, default_value_t = GraphKind::Architecture)]
        kind: GraphKind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
        /// Label unit edges with the outputs the dependent reads (--kind units).
        #[arg(long)]
        outputs: bool,
    },
    /// Estimate the monthly AWS cost of a spec: baseline and peak, line by line.
    Cost {
        /// The spec file.
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// The environment, in a spec of several (required there).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CostFormat::Table)]
        format: CostFormat,
        /// Print the change from this older spec: line by line, baseline and
        /// peak, the total delta and percentage; unchanged lines folded.
        #[arg(long, value_name = "OLD_SPEC", conflicts_with = "compare_git")]
        compare: Option<PathBuf>,
        /// Print the change from SPEC as it was at this git revision (e.g.
        /// `origin/main`, `HEAD~1`).
        #[arg(long, value_name = "REV")]
        compare_git: Option<String>,
    },
    /// Write each unit's inputs as literal values (dependency outputs as their
    /// mocks) to <out>/<environment>/<unit>.tfvars.json, for tools that read
    /// .tf files only (`checkov -d modules/<unit> --var-file …`).
    Inputs {
        /// Spec files or directories of *.yaml specs.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// Only this environment of a spec of several (repeatable; default: every one).
        #[arg(long = "env", value_name = "NAME")]
        envs: Vec<String>,
        /// Where to write the var files.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Render the environment's README.md.
    Docs {
        /// The spec file.
        #[arg(value_name = "SPEC")]
        spec: PathBuf,
        /// The environment, in a spec of several (required there).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color_for = |terminal: bool| match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
            let disabled = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            forced || (!disabled && terminal)
        }
    };
    let color = color_for(std::io::stderr().is_terminal());
    let color_out = color_for(std::io::stdout().is_terminal());
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        color,
        color_out,
    };
    let code = match cli.command {
        Command::Init { dir, flags, yes } => {
            let interactive =
                !yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
            tfgen::init::init(&mut io, &dir, &flags, interactive)
        }
        Command::Validate { specs, envs } => commands::validate(&mut io, &specs, &envs),
        Command::Explain { spec, env, format } => {
            commands::explain(&mut io, &spec, env.as_deref(), format)
        }
        Command::Schema { write } => commands::schema(&mut io, write.as_deref()),
        Command::Build {
            specs,
            envs,
            out,
            check,
            force,
        } => commands::build(&mut io, &specs, &envs, &out, check, force),
        Command::Diff { specs, envs, out } => commands::diff(&mut io, &specs, &envs, &out),
        Command::Graph {
            spec,
            env,
            kind,
            format,
            outputs,
        } => commands::graph(&mut io, &spec, env.as_deref(), kind, format, outputs),
        Command::Cost {
            spec,
            env,
            format,
            compare,
            compare_git,
        } => {
            let base = match (compare, compare_git) {
                (Some(old), _) => CostBase::Spec(old),
                (None, Some(rev)) => CostBase::Git(rev),
                (None, None) => CostBase::None,
            };
            commands::cost(&mut io, &spec, env.as_deref(), format, &base)
        }
        Command::Inputs { specs, envs, out } => commands::inputs(&mut io, &specs, &envs, &out),
        Command::Docs { spec, env } => commands::docs(&mut io, &spec, env.as_deref()),
    };
    ExitCode::from(code as u8)
}
