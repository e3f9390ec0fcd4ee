//! Site URLs: the root marker, how it becomes relative, and fixed site
//! paths. A leaf module: it imports nothing of the pipeline, so every stage
//! (markdown, diagrams, render, output) may use it without a circle.

/// Stands for "the site root, relative to this page" in rendered HTML.
pub const ROOT: &str = "omstil-root:/";

/// The search index, a script so that search works from `file://`.
pub const SEARCH_INDEX: &str = "assets/soegeindeks.js";

/// URL of a root-relative path, marked for relativizing.
pub fn url(path: &str) -> String {
    format!("{ROOT}{path}")
}

/// Replaces the root marker by the prefix of a page at `depth` folders.
pub fn relativize(html: &str, depth: usize) -> String {
    if !html.contains(ROOT) {
        return html.to_string();
    }
    html.replace(ROOT, &"../".repeat(depth))
}
