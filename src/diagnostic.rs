//! Diagnostics: errors and warnings about a spec, pointing at file, line,
//! column and field path, printed the way compilers print them.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec is invalid; nothing is generated.
    Error,
    /// Legal but risky; printed and not fatal.
    Warning,
}

/// A 1-based line and column in the spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the file (the value, or the key for unknown keys).
    pub position: Position,
    /// Field path such as `services.api.cpu`; empty for the whole document.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// A suggested fix, printed on a `help:` line.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(position: Position, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            position,
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    /// A warning at a position.
    pub fn warning(
        position: Position,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(position, path, message)
        }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Formats the diagnostic for `file`, coloring it when `color` is set.
    pub fn display<'a>(&'a self, file: &'a str, color: bool) -> DisplayDiagnostic<'a> {
        DisplayDiagnostic {
            diagnostic: self,
            file,
            color,
        }
    }
}

/// A diagnostic bound to its file name, ready to print.
pub struct DisplayDiagnostic<'a> {
    diagnostic: &'a Diagnostic,
    file: &'a str,
    color: bool,
}

impl fmt::Display for DisplayDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use anstyle::{AnsiColor, Style};
        let style = |s: Style| if self.color { s } else { Style::new() };
        let bold = style(Style::new().bold());
        let (label, label_style) = match self.diagnostic.severity {
            Severity::Error => ("error", AnsiColor::Red),
            Severity::Warning => ("warning", AnsiColor::Yellow),
        };
        let label_style = style(label_style.on_default().bold());
        let d = self.diagnostic;
        write!(
            f,
            "{bold}{}:{}:{}:{bold:#} {label_style}{label}:{label_style:#} ",
            self.file, d.position.line, d.position.column
        )?;
        if !d.path.is_empty() {
            write!(f, "{bold}{}{bold:#}: ", d.path)?;
        }
        write!(f, "{}", d.message)?;
        if let Some(help) = &d.help {
            let help_style = style(AnsiColor::Cyan.on_default().bold());
            write!(f, "\n  {help_style}help:{help_style:#} {help}")?;
        }
        Ok(())
    }
}

/// The closest candidate to `input` by edit distance, if it is close enough
/// to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&input_lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(distance, c)| *distance <= (c.len().max(input.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["network", "services", "storage"];
        assert_eq!(did_you_mean("netwrk", fields), Some("network"));
        assert_eq!(did_you_mean("Servces", fields), Some("services"));
        assert_eq!(did_you_mean("database", fields), None);
    }

    #[test]
    fn prints_the_compiler_form() {
        let d = Diagnostic::error(
            Position {
                line: 12,
                column: 7,
            },
            "services.api.cpu",
            "bad",
        )
        .with_help("use 256");
        assert_eq!(
            d.display("specs/prod.yaml", false).to_string(),
            "specs/prod.yaml:12:7: error: services.api.cpu: bad\n  help: use 256"
        );
    }
}
