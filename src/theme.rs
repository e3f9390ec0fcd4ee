//! Themes: the default theme is embedded in the binary from one table of
//! `(name, bytes)`; a report's own `themes/<name>/` overrides any file by
//! name (report theme → built-in), as Zola's chain does. Loads the Tera
//! templates and the UI strings (`strings.yaml`, one table per language).

use crate::diag::{Diagnostics, Pos, rel_name};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The default theme, embedded. A unit test checks that this table lists
/// every file under `themes/default/`.
#[rustfmt::skip]
pub const DEFAULT_THEME: &[(&str, &[u8])] = &[
    ("strings.yaml", include_bytes!("../themes/default/strings.yaml")),
    ("templates/base.html", include_bytes!("../themes/default/templates/base.html")),
    ("templates/page.html", include_bytes!("../themes/default/templates/page.html")),
    ("templates/sections.html", include_bytes!("../themes/default/templates/sections.html")),
    ("templates/provenance.html", include_bytes!("../themes/default/templates/provenance.html")),
    ("templates/index.html", include_bytes!("../themes/default/templates/index.html")),
    ("templates/404.html", include_bytes!("../themes/default/templates/404.html")),
    ("static/style.css", include_bytes!("../themes/default/static/style.css")),
    ("static/print.css", include_bytes!("../themes/default/static/print.css")),
    ("static/omstil.js", include_bytes!("../themes/default/static/omstil.js")),
    ("templates/print.html", include_bytes!("../themes/default/templates/print.html")),
    ("templates/search.html", include_bytes!("../themes/default/templates/search.html")),
    ("static/soeg.js", include_bytes!("../themes/default/static/soeg.js")),
];

/// A loaded theme: Tera with all templates, UI strings, static files.
/// Cloned by `serve`, which loads it once per change under `themes/`.
#[derive(Clone)]
pub struct Theme {
    pub tera: tera::Tera,
    pub strings: Strings,
    /// Output path (under `assets/`) → bytes.
    /// Shared: the preview hands the same bytes to each rebuild's site.
    pub statics: BTreeMap<String, Arc<Vec<u8>>>,
    /// Template name → the file it came from, for diagnostics.
    pub template_files: BTreeMap<String, String>,
}

/// UI strings for one language, with the Danish table as fallback.
#[derive(Clone, Debug, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: BTreeMap<String, String>,
}

impl Strings {
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
    /// Replaces a string (a report's own name for a part, see
    /// `render::names`).
    pub(crate) fn set(&mut self, key: &str, value: &str) {
        self.map.insert(key.to_string(), value.to_string());
    }
}

/// Reads the theme files: built-in, overridden by `root/themes/<name>/`.
fn theme_files(
    root: &Path,
    name: Option<&str>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, (String, Vec<u8>)> {
    let mut files: BTreeMap<String, (String, Vec<u8>)> = DEFAULT_THEME
        .iter()
        .map(|(n, b)| (n.to_string(), (format!("(indbygget tema)/{n}"), b.to_vec())))
        .collect();
    if let Some(name) = name {
        let dir = root.join("themes").join(name);
        let sandbox = crate::sandbox::Sandbox::new(root);
        // The folder itself must lie inside the report (walkdir would
        // follow a linked folder wherever it leads).
        if let Err(refusal) = sandbox.check_dir(&dir) {
            refusal.report_folder(diags, &rel_name(root, &dir));
            return files;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .max_depth(6)
            .sort_by_file_name()
        {
            let Ok(entry) = entry else { continue };
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = rel_name(&dir, entry.path());
            let shown = rel_name(root, entry.path());
            if rel.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            // Links inside the report work; links outside, folders behind
            // links and special files are refused.
            match sandbox.read(entry.path(), 4 * crate::content::MAX_FILE_BYTES) {
                Ok(b) => {
                    files.insert(rel, (shown, b));
                }
                // A link to a folder is not followed (as before).
                Err(crate::sandbox::Refusal::Dir) => {}
                Err(refusal) => refusal.report_file(diags, &shown),
            }
        }
    }
    files
}

impl Theme {
    pub fn load(
        root: &Path,
        name: Option<&str>,
        lang: &str,
        diags: &mut Diagnostics,
    ) -> Option<Theme> {
        let files = theme_files(root, name, diags);
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        register_filters(&mut tera);
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        let mut strings = None;
        for (rel, (shown, bytes)) in &files {
            if let Some(t) = rel.strip_prefix("templates/") {
                match std::str::from_utf8(bytes) {
                    Ok(s) => templates.push((t.to_string(), s.to_string(), shown.clone())),
                    Err(_) => {
                        diags
                            .error(shown, Pos::FILE, "Skabelonen er ikke gemt som UTF-8.")
                            .hint("Gem filen igen som UTF-8.");
                    }
                }
            } else if let Some(s) = rel.strip_prefix("static/") {
                statics.insert(format!("assets/{s}"), Arc::new(bytes.clone()));
            } else if rel == "strings.yaml" {
                strings = Some((shown.clone(), bytes.clone()));
            }
        }
        let strings = match strings {
            Some((shown, bytes)) => load_strings(&shown, &bytes, lang, diags)?,
            None => return None,
        };
        // One atomic batch, so that inheritance and includes resolve; the
        // error names the template, which we map back to its file.
        let batch: Vec<(String, String)> = templates
            .iter()
            .map(|(n, s, _)| (n.clone(), s.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(batch) {
            let full = error_chain(&e);
            let shown = templates
                .iter()
                .find(|(n, _, _)| {
                    full.contains(&format!("--> {n}:"))
                        || full.contains(&format!("'{n}'"))
                        || full.contains(&format!("`{n}`"))
                })
                .map(|(_, _, s)| s.clone())
                .unwrap_or_else(|| "templates/".to_string());
            report_tera_error(&e, &shown, diags);
            return None;
        }
        let template_files = templates
            .iter()
            .map(|(n, _, s)| (n.clone(), s.clone()))
            .collect();
        Some(Theme {
            tera,
            strings,
            statics,
            template_files,
        })
    }
}

/// The template named in Tera's first "--> name:line:col", if any.
pub fn failing_template(e: &tera::Error) -> Option<String> {
    let full = error_chain(e);
    let part = full.split("-->").nth(1)?;
    let loc = part.split_whitespace().next()?;
    let mut it = loc.rsplitn(3, ':');
    it.next()?;
    it.next()?;
    it.next().map(str::to_string)
}

/// A Tera error as a diagnostic: Tera 2 gives template, line and column.
pub fn report_tera_error(e: &tera::Error, shown: &str, diags: &mut Diagnostics) {
    let text = format!("{e}");
    let full = error_chain(e);
    let (line, col) = find_line_col(&full).unwrap_or((0, 0));
    diags
        .error(
            shown,
            Pos::new(line, col),
            format!("Fejl i skabelonen: {}", first_line(&text)),
        )
        .hint(format!(
            "Ret skabelonen, eller slet den, så standardtemaets udgave bruges. Detaljer: {}",
            one_line(&full)
        ));
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds "line:col" or "line N" in Tera's message.
fn find_line_col(s: &str) -> Option<(u32, u32)> {
    // Tera 2 snippets look like " --> name:3:10".
    let part = s.split("-->").nth(1)?;
    let loc = part.split_whitespace().next()?;
    let mut it = loc.rsplitn(3, ':');
    let col = it.next()?.parse().ok()?;
    let line = it.next()?.parse().ok()?;
    Some((line, col))
}

fn load_strings(shown: &str, bytes: &[u8], lang: &str, diags: &mut Diagnostics) -> Option<Strings> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        diags.error(shown, Pos::FILE, "Filen er ikke gemt som UTF-8.");
        return None;
    };
    let node = match crate::yaml::parse(text, 0) {
        Ok(n) => n,
        Err(e) => {
            diags.error(shown, e.pos, e.message);
            return None;
        }
    };
    let outcome = crate::yaml::de::from_node::<BTreeMap<String, BTreeMap<String, String>>>(&node);
    for e in &outcome.errors {
        diags.error(shown, e.pos.unwrap_or(Pos::FILE), e.message().0);
    }
    let all = outcome.value?;
    let mut map = all.get("da").cloned().unwrap_or_default();
    if lang != "da" {
        match all.get(lang) {
            Some(other) => map.extend(other.clone()),
            None => {
                diags.warning(
                    shown,
                    Pos::FILE,
                    format!("Temaet har ingen tekster på sproget `{lang}`; de danske bruges."),
                );
            }
        }
    }
    Some(Strings { map })
}

/// Registers omstil's Tera filters on a fresh Tera instance (before
/// templates). Formatting of numbers and dates is done in Rust (`format`),
/// so templates stay simple.
fn register_filters(tera: &mut tera::Tera) {
    // `{{ n | pct }}` → width for bar charts, clamped to 0–100.
    tera.register_filter("clamp_pct", |x: f64, _: tera::Kwargs, _: &tera::State| {
        x.clamp(0.0, 100.0)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_lists_every_default_theme_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| rel_name(&dir, e.path()))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = DEFAULT_THEME.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let text = std::str::from_utf8(DEFAULT_THEME[0].1).unwrap();
        let node = crate::yaml::parse(text, 0).unwrap();
        let all = crate::yaml::de::from_node::<BTreeMap<String, BTreeMap<String, String>>>(&node)
            .value
            .unwrap();
        let da: Vec<_> = all["da"].keys().collect();
        let en: Vec<_> = all["en"].keys().collect();
        assert_eq!(da, en);
    }
}
