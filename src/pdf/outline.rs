//! The bookmarks' words as the headings have them. Chromium writes a
//! bookmark's title from the heading's laid-out lines and drops the space
//! where a line wraps ("Tidligere forebyggendeindsats 2023–2025"). The
//! print page's own headings give the words back: a title that equals a
//! heading once all white space is taken out of both gets the heading's
//! text ([`fixes`]); `info::set_info` writes the mended items.

use super::reader::{Error, Obj, Pdf, text_string};
use std::collections::HashMap;

/// The text of every heading (`<h1>`…`<h6>`) of `html`, as the search
/// index reads text (tags left out, entities read, white space folded).
pub fn heading_texts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        let after = &rest[i + 2..];
        let level = after.as_bytes().first().copied().unwrap_or(0);
        let next = after.as_bytes().get(1).copied().unwrap_or(0);
        if !(b'1'..=b'6').contains(&level) || !(next == b'>' || next == b' ') {
            rest = after;
            continue;
        }
        let close = format!("</h{}>", level as char);
        let Some(end) = after.find(&close) else {
            break;
        };
        let inner = &after[after.find('>').map_or(0, |k| k + 1).min(end)..end];
        let text = crate::render::plain_text(inner);
        if !text.is_empty() {
            out.push(text);
        }
        rest = &after[end + close.len()..];
    }
    out
}

fn key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The outline items whose title lost spaces a heading has: `(object
/// number, its title as it should read)`.
pub fn fixes(p: &Pdf, headings: &[String]) -> Result<Vec<(u32, String)>, Error> {
    let mut by_key: HashMap<String, &str> = HashMap::new();
    for h in headings {
        by_key.entry(key(h)).or_insert(h);
    }
    let mut out = Vec::new();
    let Some(Obj::Ref(root, _)) = p.catalog()?.get("Outlines").cloned() else {
        return Ok(out);
    };
    // Depth first over /First and /Next; each item is seen once (a
    // malformed loop ends at the first item seen again).
    let mut todo = match p.object(root)?.get("First") {
        Some(Obj::Ref(n, _)) => vec![*n],
        _ => Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = todo.pop() {
        if !seen.insert(n) {
            continue;
        }
        let item = p.object(n)?;
        if let Some(Obj::Str(t)) = item.get("Title") {
            let title = text_string(t);
            if let Some(h) = by_key.get(&key(&title))
                && *h != title
            {
                out.push((n, h.to_string()));
            }
        }
        for k in ["Next", "First"] {
            if let Some(Obj::Ref(m, _)) = item.get(k) {
                todo.push(*m);
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// The object `n`'s bytes (`N 0 obj … endobj`) with its `/Title` string
/// replaced by `title` (a PDF text string), or `None` if it has none.
pub fn retitled(p: &Pdf, n: u32, title: &str) -> Option<Vec<u8>> {
    let (start, end) = p.object_span(n)?;
    let obj = &p.bytes[start..end];
    let at = obj.windows(6).position(|w| w == b"/Title")? + 6;
    let mut v = at;
    while obj.get(v).is_some_and(|b| b.is_ascii_whitespace()) {
        v += 1;
    }
    let value_end = match obj.get(v)? {
        b'<' => v + obj[v..].iter().position(|&b| b == b'>')? + 1,
        b'(' => {
            // A literal string: balanced parentheses, backslash escapes.
            let (mut depth, mut i) = (0usize, v);
            loop {
                match *obj.get(i)? {
                    b'\\' => i += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => return None,
    };
    let mut out = obj[..v].to_vec();
    out.extend_from_slice(super::info::text(title).as_bytes());
    out.extend_from_slice(&obj[value_end..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_read_with_their_words() {
        let h = heading_texts(
            "<h1 class=\"x\">Tidligere forebyggende\n indsats</h1><hr><header><h2 id=\"a\">Børn &amp; <a href=\"#\">unge</a><span class=\"se-side\"></span></h2><h3></h3>",
        );
        assert_eq!(h, ["Tidligere forebyggende indsats", "Børn & unge"]);
    }

    #[test]
    fn a_title_that_lost_a_space_at_a_line_break_gets_it_back() {
        let pdf = crate::pdf::info::tests::assemble(&[
            "<</Type /Catalog /Outlines 2 0 R>>",
            "<</Type /Outlines /First 3 0 R /Last 4 0 R /Count 2>>",
            "<</Title (Tidligere forebyggendeindsats) /Parent 2 0 R /Next 4 0 R>>",
            "<</Title <FEFF00420072006E> /Parent 2 0 R /Prev 3 0 R>>",
        ]);
        let p = Pdf::parse(&pdf).unwrap();
        let headings = ["Tidligere forebyggende indsats".to_string(), "Brn".into()];
        let f = fixes(&p, &headings).unwrap();
        assert_eq!(f, [(3, "Tidligere forebyggende indsats".to_string())]);
        let obj = retitled(&p, 3, &f[0].1).unwrap();
        let s = String::from_utf8(obj).unwrap();
        assert!(s.starts_with("3 0 obj\n<</Title <FEFF0054"), "{s}");
        assert!(s.ends_with(" /Parent 2 0 R /Next 4 0 R>>\nendobj"), "{s}");
    }
}
