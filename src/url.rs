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

/// Replaces the root marker by the prefix of a page at `depth` folders
/// (every page and every print article goes through here).
pub fn relativize(html: &str, depth: usize) -> String {
    crate::memsearch::replace(html, ROOT, &"../".repeat(depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward version: what `relativize` must give.
    fn plain(html: &str, depth: usize) -> String {
        html.replace(ROOT, &"../".repeat(depth))
    }

    #[test]
    fn relativize_is_replace_of_the_marker() {
        let cases = [
            "",
            "no marker",
            "omstil-root:/",
            "omstil-root:/omstil-root:/",
            "<a href=\"omstil-root:/a.html\">æøå omstil-root:/b/c.html</a>",
            "omstil-root:omstil-root:/x omstil-root:",
            "ends with omstil-root:/",
            "omstil-root:/ starts",
            "ø omstil-ROOT:/ not it",
        ];
        for c in cases {
            for depth in 0..3 {
                assert_eq!(relativize(c, depth), plain(c, depth), "{c:?} at {depth}");
            }
        }
        assert_eq!(relativize("omstil-root:/a", 2), "../../a");
    }
}
