//! Diagnostics: the user's mistakes, reported with file, line, column, a plain
//! Danish sentence and an optional hint. Every stage pushes into one
//! [`Diagnostics`] list so that a build reports all problems at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
#[derive(Clone, Debug, Default)]
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

    /// Appends copies of `items` (a cached unit's diagnostics).
    pub(crate) fn extend_from(&mut self, items: &Diagnostics) {
        self.items.extend_from_slice(&items.items);
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

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.items.iter_mut()
    }
}

impl Diagnostic {
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The text of the report's files, kept so that diagnostics can quote the
/// offending line. Shared: a copy costs nothing until one is changed (the
/// incremental preview keeps the last load's and hands them on).
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Names shared too: copying the map for a changed file (the preview
    /// does at each save) copies no strings.
    files: Arc<BTreeMap<Arc<str>, Arc<SourceFile>>>,
}

/// One file's text and, once a diagnostic asks for a line, the byte offset
/// where each line starts (so that quoting line n does not rescan the file).
#[derive(Debug)]
struct SourceFile {
    text: Arc<str>,
    line_starts: OnceLock<Vec<usize>>,
}

impl Sources {
    pub fn insert(&mut self, file: &str, text: &str) {
        self.insert_shared(file, Arc::from(text));
    }
    /// Keeps `text` without copying it.
    pub fn insert_shared(&mut self, file: &str, text: Arc<str>) {
        let f = SourceFile {
            text,
            line_starts: OnceLock::new(),
        };
        Arc::make_mut(&mut self.files).insert(Arc::from(file), Arc::new(f));
    }
    /// Forgets `file`'s text.
    pub(crate) fn remove(&mut self, file: &str) {
        if self.files.contains_key(file) {
            Arc::make_mut(&mut self.files).remove(file);
        }
    }
    pub fn extend(&mut self, mut other: Sources) {
        // The smaller map goes into the larger (the free pages' 10,000
        // files into the part files', in `serve`, would be 10,000 inserts).
        // A name in both keeps `other`'s text, as inserting it would.
        if self.files.len() < other.files.len() {
            std::mem::swap(self, &mut other);
            if other.files.is_empty() {
                // Taken as it is (a map shared with `serve`'s cache is not
                // copied).
                return;
            }
            let theirs = Arc::make_mut(&mut self.files);
            for (name, f) in Arc::unwrap_or_clone(other.files) {
                theirs.entry(name).or_insert(f);
            }
        } else if !other.files.is_empty() {
            Arc::make_mut(&mut self.files).extend(Arc::unwrap_or_clone(other.files));
        }
    }
    pub fn get(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|f| &*f.text)
    }
    /// Every file's name and text, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, f)| (&**n, &*f.text))
    }
    /// The file's text, shared.
    pub fn get_shared(&self, file: &str) -> Option<Arc<str>> {
        self.files.get(file).map(|f| f.text.clone())
    }
    /// Line `line` (1-based) of `file`, without its line break.
    pub fn line(&self, file: &str, line: u32) -> Option<&str> {
        let f = self.files.get(file)?;
        let start = f.line_start(line)?;
        let rest = &f.text[start..];
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.trim_end_matches('\r'))
    }
    /// The byte offset of `pos` (1-based line, 1-based column in
    /// characters) in `file`; a column past the line's end gives its end.
    pub fn offset(&self, file: &str, pos: Pos) -> Option<usize> {
        let f = self.files.get(file)?;
        let start = f.line_start(pos.line)?;
        let skip = pos.col.saturating_sub(1) as usize;
        let within = f.text[start..]
            .char_indices()
            .take_while(|(_, c)| *c != '\n')
            .nth(skip)
            .map_or_else(
                || f.text[start..].find('\n').unwrap_or(f.text.len() - start),
                |(i, _)| i,
            );
        Some(start + within)
    }
}

impl SourceFile {
    fn line_start(&self, line: u32) -> Option<usize> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let i = (line as usize).checked_sub(1)?;
        starts.get(i).copied().filter(|s| *s <= self.text.len())
    }
}

/// How many diagnostics of one file are printed; the rest are counted in
/// one line, so that a file with 50.000 bad cells does not bury the others.
pub const MAX_PER_FILE: usize = 50;

/// How many characters of a quoted source line are shown on each side of
/// the column, so that a 10 MB line does not print 10 MB per diagnostic.
const QUOTE_WINDOW: usize = 60;

/// Renders diagnostics for a terminal: numbered, with the source line and a
/// caret under the column, in the manner of Quarto's YAML errors. At most
/// [`MAX_PER_FILE`] diagnostics of one file are shown; the rest are counted.
pub fn render(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let (red, yellow, blue, bold, reset) = if color {
        ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut out = String::new();
    let mut shown = 0;
    for group in diags.chunk_by(|a, b| a.file == b.file) {
        for d in group.iter().take(MAX_PER_FILE) {
            shown += 1;
            let (label, c) = match d.severity {
                Severity::Error => ("fejl", red),
                Severity::Warning => ("advarsel", yellow),
            };
            let _ = writeln!(
                out,
                "{c}{bold}{label} {shown}{reset}: {bold}{}{reset}: {}",
                d.location(),
                d.message
            );
            if d.line > 0
                && let Some(src_line) = sources.line(&d.file, d.line)
            {
                let (quoted, col) = window(src_line, d.col as usize);
                let num = d.line.to_string();
                let pad = " ".repeat(num.len());
                let _ = writeln!(out, "{blue}{pad} |{reset}");
                let _ = writeln!(out, "{blue}{num} |{reset} {quoted}");
                if col > 0 {
                    let width = quoted
                        .chars()
                        .skip(col - 1)
                        .take_while(|c| !c.is_whitespace() && *c != ':' && *c != '…')
                        .count()
                        .max(1);
                    let _ = writeln!(
                        out,
                        "{blue}{pad} |{reset} {}{c}{}{reset}",
                        " ".repeat(col - 1),
                        "^".repeat(width)
                    );
                }
            }
            if let Some(h) = &d.hint {
                let _ = writeln!(out, "  {bold}hjælp:{reset} {h}");
            }
            out.push('\n');
        }
        if let Some(rest) = group.get(MAX_PER_FILE..).filter(|r| !r.is_empty()) {
            let _ = writeln!(out, "{bold}{}{reset}\n", more_line(rest));
        }
    }
    out
}

/// "1.234 fejl, 1 advarsel": the counts of a build, with the right forms.
pub fn counts(errors: usize, warnings: usize) -> String {
    let n = |k: usize| crate::format::number(k as f64, 0);
    let w = if warnings == 1 {
        "advarsel"
    } else {
        "advarsler"
    };
    format!("{} fejl, {} {w}", n(errors), n(warnings))
}

/// "og 49.950 fejl mere i `a.csv` (kun de første 50 vises)."
fn more_line(rest: &[Diagnostic]) -> String {
    let errors = rest
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = rest.len() - errors;
    let n = |k: usize| crate::format::number(k as f64, 0);
    let what = match (errors, warnings) {
        (e, 0) => format!("{} fejl", n(e)),
        (0, 1) => "1 advarsel".to_string(),
        (0, w) => format!("{} advarsler", n(w)),
        (e, 1) => format!("{} fejl og 1 advarsel", n(e)),
        (e, w) => format!("{} fejl og {} advarsler", n(e), n(w)),
    };
    format!(
        "… og {what} mere i {} (kun de første {MAX_PER_FILE} vises).",
        rest[0].file
    )
}

/// The part of `line` around the 1-based character column `col`, at most
/// [`QUOTE_WINDOW`] characters on each side, with `…` where it was cut and
/// tabs shown as spaces; and the column within what is returned.
pub(crate) fn window(line: &str, col: usize) -> (String, usize) {
    let at = col.saturating_sub(1);
    let from = at.saturating_sub(QUOTE_WINDOW);
    let mut out = String::new();
    let mut new_col = col;
    if from > 0 {
        out.push('…');
        new_col = col - from + 1;
    }
    let mut chars = line.chars().skip(from);
    for c in chars.by_ref().take(at - from + QUOTE_WINDOW) {
        out.push(if c == '\t' { ' ' } else { c });
    }
    if chars.next().is_some() {
        out.push('…');
    }
    (out, if col == 0 { 0 } else { new_col })
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
    let folded: Vec<char> = fold_danish(word).chars().collect();
    let mut rows = (Vec::new(), Vec::new());
    candidates
        .into_iter()
        .filter_map(|c| {
            let max = (c.chars().count() / 3).max(2);
            distance_within(&folded, c, max, &mut rows).map(|d| (d, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// The edit distance of `a` and `b` if it is at most `max`: gives up as soon
/// as the length difference or a whole row of the table exceeds it, and
/// reuses `rows`, so that a search through many ids stays cheap.
fn distance_within(
    a: &[char],
    b: &str,
    max: usize,
    (prev, cur): &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    let n = b.chars().count();
    if n.abs_diff(a.len()) > max {
        return None;
    }
    prev.clear();
    prev.extend(0..=n);
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.chars().enumerate() {
            let cost = usize::from(*ca != cb);
            let v = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
            cur.push(v);
        }
        if cur.iter().min().is_some_and(|m| *m > max) {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    Some(prev[n]).filter(|d| *d <= max)
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

    #[test]
    fn long_lines_are_cut_around_the_column_and_the_caret_follows() {
        let mut sources = Sources::default();
        let line = format!("{}FEJL{}", "a ".repeat(5000), "b ".repeat(5000));
        sources.insert("a.md", &format!("x\n{line}\n"));
        let mut d = Diagnostics::new();
        d.error("a.md", Pos::new(2, 10_001), "Her.");
        let text = render(&d.into_sorted(), &sources, false);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].starts_with("2 | …a a"), "{}", lines[2]);
        assert!(lines[2].ends_with('…'), "{}", lines[2]);
        assert!(lines[2].chars().count() < 130, "{}", lines[2]);
        let col = lines[3].chars().position(|c| c == '^').unwrap();
        let under: String = lines[2].chars().skip(col).take(4).collect();
        assert_eq!(under, "FEJL");
        assert!(lines[3].ends_with("^^^^"), "{}", lines[3]);
        // Near the start of a line nothing is cut before the column.
        let (short, col) = window("  x: y", 3);
        assert_eq!((short.as_str(), col), ("  x: y", 3));
    }

    #[test]
    fn prints_the_first_fifty_of_a_file_and_counts_the_rest() {
        let mut sources = Sources::default();
        sources.insert("a.csv", &"x\n".repeat(2000));
        let mut d = Diagnostics::new();
        for i in 1..=1234 {
            d.error("a.csv", Pos::new(i, 1), "Fejl.");
        }
        d.warning("a.csv", Pos::new(1500, 1), "Advarsel.");
        d.error("b.yaml", Pos::FILE, "Anden fil.");
        let text = render(&d.into_sorted(), &sources, false);
        assert!(text.contains("fejl 50: a.csv:50:1: Fejl."), "{text}");
        assert!(!text.contains("a.csv:51:1"), "{text}");
        assert!(
            text.contains("… og 1.184 fejl og 1 advarsel mere i a.csv (kun de første 50 vises)."),
            "{text}"
        );
        assert!(text.contains("fejl 51: b.yaml: Anden fil."), "{text}");
    }

    #[test]
    fn finds_lines_and_offsets_by_table() {
        let mut sources = Sources::default();
        sources.insert("a", "æb\r\ncd\n\nef");
        assert_eq!(sources.line("a", 1), Some("æb"));
        assert_eq!(sources.line("a", 3), Some(""));
        assert_eq!(sources.line("a", 4), Some("ef"));
        assert_eq!(sources.line("a", 5), None);
        assert_eq!(sources.line("a", 0), None);
        assert_eq!(sources.offset("a", Pos::new(1, 2)), Some(2));
        assert_eq!(sources.offset("a", Pos::new(2, 9)), Some(7));
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "h0",
            "h999999",
            "h12345",
            "noegletal",
            "nøgletal",
            "titel",
            "titl",
        ];
        let mut rows = (Vec::new(), Vec::new());
        for a in words {
            for b in words {
                let full = edit_distance(a, b);
                let chars: Vec<char> = a.chars().collect();
                for max in 0..5 {
                    let want = (full <= max).then_some(full);
                    assert_eq!(
                        distance_within(&chars, b, max, &mut rows),
                        want,
                        "{a} {b} {max}"
                    );
                }
            }
        }
    }
}
