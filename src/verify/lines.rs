//! Best-effort line numbers: hcl-rs keeps no spans, so a small bracket-aware scan finds them.

// ---------------------------------------------------------------------------
// Line lookup
// ---------------------------------------------------------------------------

/// Lines of a file plus the bracket nesting depth at the start of each line
/// (`None` when the line starts inside a heredoc, string or block comment).
///
/// `hcl::Body` carries no spans, so semantic errors are located by scanning
/// the text; tracking depth keeps e.g. a nested `port =` from being mistaken
/// for a top-level `port =` input.
#[derive(Debug)]
pub(super) struct LineIndex<'a> {
    pub(super) lines: Vec<&'a str>,
    pub(super) depth: Vec<Option<usize>>,
}

pub(super) enum Mode {
    Str,
    /// Inside `${ … }` / `%{ … }`; holds the depth at which it closes.
    Interp(usize),
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut depths = Vec::with_capacity(lines.len());
        let mut depth = 0usize;
        let mut stack: Vec<Mode> = Vec::new();
        let mut block_comment = false;
        let mut heredoc: Option<String> = None;
        for line in &lines {
            let code_start = stack.is_empty() && !block_comment && heredoc.is_none();
            depths.push(code_start.then_some(depth));
            if let Some(delim) = &heredoc {
                if line.trim() == delim {
                    heredoc = None;
                }
                continue;
            }
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let c = b[i];
                let next = b.get(i + 1).copied();
                if block_comment {
                    if c == b'*' && next == Some(b'/') {
                        block_comment = false;
                        i += 1;
                    }
                } else if matches!(stack.last(), Some(Mode::Str)) {
                    match (c, next) {
                        (b'\\', _) => i += 1,
                        (b'"', _) => {
                            stack.pop();
                        }
                        (b'$' | b'%', Some(b'$' | b'%')) if b.get(i + 2) == Some(&b'{') => i += 2,
                        (b'$' | b'%', Some(b'{')) => {
                            stack.push(Mode::Interp(depth));
                            i += 1;
                        }
                        _ => {}
                    }
                } else {
                    match (c, next) {
                        (b'#', _) | (b'/', Some(b'/')) => break,
                        (b'/', Some(b'*')) => {
                            block_comment = true;
                            i += 1;
                        }
                        (b'"', _) => stack.push(Mode::Str),
                        (b'<', Some(b'<')) => {
                            let rest = line[i + 2..].trim_start_matches('-').trim();
                            if !rest.is_empty()
                                && rest.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
                            {
                                heredoc = Some(rest.to_string());
                                break;
                            }
                            i += 1;
                        }
                        (b'{' | b'[' | b'(', _) => depth += 1,
                        (b'}', _) if matches!(stack.last(), Some(Mode::Interp(d)) if *d == depth) =>
                        {
                            stack.pop();
                        }
                        (b'}' | b']' | b')', _) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                i += 1;
            }
        }
        LineIndex {
            lines,
            depth: depths,
        }
    }

    /// 1-based line of the `nth` (0-based) block header `ident "label" … {`
    /// at top level.
    pub(super) fn block_header(&self, ident: &str, labels: &[&str], nth: usize) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, line)| {
                self.depth.get(*i).copied().flatten() == Some(0)
                    && header_matches(line, ident, labels)
            })
            .nth(nth)
            .map(|(i, _)| i + 1)
    }

    /// 1-based line of top-level attribute `key = …`.
    pub(super) fn top_level_key(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .enumerate()
            .find(|(i, line)| {
                self.depth.get(*i).copied().flatten() == Some(0) && key_matches(line, key)
            })
            .map(|(i, _)| i + 1)
    }

    pub(super) fn key_in_group(&self, open_line: Option<usize>, key: &str) -> Option<usize> {
        self.key_in_group_nth(open_line, key, 0)
    }

    /// 1-based line of the `nth` entry `key = …` directly inside the block or
    /// object opened on 1-based line `open_line`.
    pub(super) fn key_in_group_nth(
        &self,
        open_line: Option<usize>,
        key: &str,
        nth: usize,
    ) -> Option<usize> {
        let open = open_line?.checked_sub(1)?;
        let base = self.depth.get(open).copied().flatten()?;
        let mut found = 0;
        for i in open + 1..self.lines.len() {
            let Some(d) = self.depth.get(i).copied().flatten() else {
                continue;
            };
            if d <= base {
                break;
            }
            if d == base + 1 && self.lines.get(i).is_some_and(|l| key_matches(l, key)) {
                if found == nth {
                    return Some(i + 1);
                }
                found += 1;
            }
        }
        None
    }

    /// 1-based line of the `nth` occurrence of `needle` as a whole token
    /// (not part of a longer identifier/traversal), ignoring comment lines.
    pub(super) fn find_token(&self, needle: &str, nth: usize) -> Option<usize> {
        let mut count = 0;
        for (i, line) in self.lines.iter().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.starts_with("//") {
                continue;
            }
            for (pos, _) in line.match_indices(needle) {
                let before = line[..pos].chars().next_back();
                let after = line[pos + needle.len()..].chars().next();
                let bounded = !before.is_some_and(|c| is_ident_char(c) || c == '.')
                    && !after.is_some_and(is_ident_char);
                if bounded {
                    if count == nth {
                        return Some(i + 1);
                    }
                    count += 1;
                }
            }
        }
        None
    }
}

pub(super) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Does `line` start with `key` (optionally quoted) followed by `=` or `:`?
pub(super) fn key_matches(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    let rest = if let Some(quoted) = t.strip_prefix('"') {
        quoted.strip_prefix(key).and_then(|r| r.strip_prefix('"'))
    } else {
        t.strip_prefix(key)
            .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
    };
    rest.is_some_and(|r| {
        let r = r.trim_start();
        r.starts_with(':') || (r.starts_with('=') && !r.starts_with("=="))
    })
}

/// Does `line` open block `ident "label"…`?  Labels may be quoted or bare.
pub(super) fn header_matches(line: &str, ident: &str, labels: &[&str]) -> bool {
    let Some(mut rest) = line
        .trim_start()
        .strip_prefix(ident)
        .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
    else {
        return false;
    };
    for label in labels {
        rest = rest.trim_start();
        let after = if let Some(q) = rest.strip_prefix('"') {
            q.strip_prefix(label).and_then(|r| r.strip_prefix('"'))
        } else {
            rest.strip_prefix(label)
                .filter(|r| !r.starts_with(|c: char| is_ident_char(c)))
        };
        match after {
            Some(r) => rest = r,
            None => return false,
        }
    }
    let rest = rest.trim_start();
    rest.starts_with('{') || rest.is_empty()
}
