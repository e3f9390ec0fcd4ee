//! Diagnostics: the user's mistakes, reported with file, line, column, a plain
//! Danish sentence and an optional hint. Every stage pushes into one
//! [`Diagnostics`] list so that a build reports all problems at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a diagnostic is. Errors stop the build; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based. Line 0 means "the whole file".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, col: 0 };
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

/// One problem found in the report.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the report folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub col: u32,
    /// A plain Danish sentence saying what is wrong and what to change.
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// `file:line:col` (or `file:line`, or `file`) for the terminal and the overlay.
    pub fn location(&self) -> String {
        match (self.line, self.col) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{}", self.file, l),
            (l, c) => format!("{}:{}:{}", self.file, l, c),
        }
    }
}

/// The list every stage pushes into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, file: &str, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, file, pos, message.into())
    }

    pub fn warning(&mut self, file: &str, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, file, pos, message.into())
    }

    fn push(
        &mut self,
        severity: Severity,
        file: &str,
        pos: Pos,
        message: String,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            message,
            hint: None,
        });
        self.items.last_mut().expect("just pushed")
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, then message, and without exact
    /// duplicates, so that output is deterministic.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl Diagnostic {
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The text of the report's files, kept so that diagnostics can quote the
/// offending line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<String, Arc<str>>,
}

impl Sources {
    pub fn insert(&mut self, file: &str, text: &str) {
        self.files.insert(file.to_string(), Arc::from(text));
    }
    /// Keeps `text` without copying it.
    pub fn insert_shared(&mut self, file: &str, text: Arc<str>) {
        self.files.insert(file.to_string(), text);
    }
    pub fn extend(&mut self, other: Sources) {
        self.files.extend(other.files);
    }
    pub fn get(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|t| &**t)
    }
}

/// Renders diagnostics for a terminal: numbered, with the source line and a
/// caret under the column, in the manner of Quarto's YAML errors.
pub fn render(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let (red, yellow, blue, bold, reset) = if color {
        ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        let (label, c) = match d.severity {
            Severity::Error => ("fejl", red),
            Severity::Warning => ("advarsel", yellow),
        };
        let _ = writeln!(
            out,
            "{c}{bold}{label} {}{reset}: {bold}{}{reset}: {}",
            i + 1,
            d.location(),
            d.message
        );
        if d.line > 0
            && let Some(text) = sources.get(&d.file)
            && let Some(src_line) = text.lines().nth(d.line as usize - 1)
        {
            let src_line = src_line.trim_end_matches('\r');
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            let _ = writeln!(out, "{blue}{pad} |{reset}");
            let _ = writeln!(out, "{blue}{num} |{reset} {}", src_line.replace('\t', " "));
            if d.col > 0 {
                let width = src_line
                    .chars()
                    .skip(d.col as usize - 1)
                    .take_while(|c| !c.is_whitespace() && *c != ':')
                    .count()
                    .max(1);
                let _ = writeln!(
                    out,
                    "{blue}{pad} |{reset} {}{c}{}{reset}",
                    " ".repeat(d.col as usize - 1),
                    "^".repeat(width)
                );
            }
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  {bold}hjælp:{reset} {h}");
        }
        out.push('\n');
    }
    out
}

/// The file name to show for `path`, relative to the report root.
pub fn rel_name(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The closest candidate to `word` by edit distance, if it is close enough to
/// be a likely typo ("mente du …?").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = fold_danish(word);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&folded, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// `Nøgletal` → `noegletal`: lower-case, æ/ø/å spelled out, as ids and keys are.
pub fn fold_danish(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push_str("oe"),
            'å' => s.push_str("aa"),
            'é' => s.push('e'),
            c => s.push(c),
        }
    }
    s
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_and_folds_danish_letters() {
        assert_eq!(did_you_mean("titl", ["titel", "id"]), Some("titel"));
        assert_eq!(
            did_you_mean("nøgletal", ["noegletal", "maal"]),
            Some("noegletal")
        );
        assert_eq!(did_you_mean("xyzzy", ["titel", "id"]), None);
    }

    #[test]
    fn renders_source_line_and_caret() {
        let mut sources = Sources::default();
        sources.insert("a.yaml", "id: x\ntitl: y\n");
        let mut d = Diagnostics::new();
        d.error("a.yaml", Pos::new(2, 1), "Ukendt nøgle `titl`.")
            .hint("Mente du `titel`?");
        let text = render(&d.into_sorted(), &sources, false);
        assert!(
            text.contains("fejl 1: a.yaml:2:1: Ukendt nøgle `titl`."),
            "{text}"
        );
        assert!(text.contains("2 | titl: y"), "{text}");
        assert!(text.contains("  | ^^^^\n"), "{text}");
        assert!(text.contains("hjælp: Mente du `titel`?"), "{text}");
    }
}
