//! Issue 18 (a build nearer the I/O floor): what the speed-ups must not
//! change. Positions of links in a page's body now come from a line index
//! (`src/locate.rs`), so every broken link must still be reported at its
//! own line and column, with multi-byte letters, CRLF line ends and long
//! lines before it.

use crate::common::*;

/// `file:line:column` of every `needle` in `text` (a whole file), counted
/// the plain way: lines by `\n`, columns in characters, from 1.
fn positions(file: &str, text: &str, needle: &str) -> Vec<String> {
    text.match_indices(needle)
        .map(|(at, _)| {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..at].chars().count() + 1;
            format!("{file}:{line}:{col}:")
        })
        .collect()
}

#[test]
fn broken_links_in_a_long_page_point_at_their_own_line_and_column() {
    let r = TestReport::fixture("minimal");
    let mut text = String::from("---\ntitel: Lang side\n---\n# Børn og unge\n\n");
    for i in 0..300 {
        match i % 7 {
            // A broken link after multi-byte letters on a long line.
            0 => text.push_str(&format!(
                "Æbler, pærer og blåbær {} [brudt {i}](@side/findes-ikke-{i}).\n",
                "ørred ".repeat(i % 40)
            )),
            // CRLF line ends.
            1 => text.push_str("En linje med æøå og CRLF.\r\n"),
            2 => text.push('\n'),
            _ => text.push_str("Almindelig tekst om trivsel og indsatser i kommunen.\n"),
        }
    }
    r.write("sider/lang.md", &text);
    let o = r.check();
    let err = stderr(&o);
    let expected = positions("sider/lang.md", &text, "[brudt ");
    assert_eq!(expected.len(), 43);
    let missing: Vec<&String> = expected
        .iter()
        .filter(|p| !err.contains(p.as_str()))
        .collect();
    assert!(missing.is_empty(), "not reported at {missing:?}:\n{err}");
}
