//! Text helpers for the language server: `file://` URIs ↔ paths, our
//! positions (1-based line, column in characters) ↔ LSP positions (0-based
//! line, column in UTF-16 code units), and what the cursor is in when
//! completion is asked for.

use crate::content::model::Kind;
use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};

/// The path of a `file://` URI.
pub(crate) fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = rest
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let s = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let s = match s.strip_prefix('/') {
        Some(r) if r.as_bytes().get(1) == Some(&b':') => r.to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

/// The `file://` URI of an absolute path.
pub(crate) fn path_to_uri(path: &Path) -> Uri {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().expect("an encoded file URI is valid")
}

/// Line `line` (0-based) of `text`.
pub(crate) fn line_of(text: &str, line: u32) -> &str {
    text.split('\n')
        .nth(line as usize)
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// The UTF-16 column of the 1-based character column `col` in `line`.
pub(crate) fn utf16_col(line: &str, col: u32) -> u32 {
    line.chars()
        .take(col.saturating_sub(1) as usize)
        .map(|c| c.len_utf16() as u32)
        .sum()
}

/// The 1-based character column of the UTF-16 column `character`.
pub(crate) fn char_col(line: &str, character: u32) -> u32 {
    let mut units = 0;
    let mut col = 1;
    for c in line.chars() {
        if units >= character {
            break;
        }
        units += c.len_utf16() as u32;
        col += 1;
    }
    col
}

/// The range of `len` characters from 1-based `line`:`col` in `text`.
pub(crate) fn range(text: &str, line: u32, col: u32, len: u32) -> Range {
    let l = line.saturating_sub(1);
    let src = line_of(text, l);
    Range::new(
        Position::new(l, utf16_col(src, col)),
        Position::new(l, utf16_col(src, col + len)),
    )
}

/// What completion may offer at the cursor.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Want {
    /// Ids of a kind; the id typed so far starts at this character column
    /// (1-based).
    Ids(Kind, u32),
    /// `@kind/` prefixes; the `@` is at this character column.
    Prefixes(u32),
}

/// YAML keys whose value is an id or a list of ids, with the kind.
const REF_KEYS: [(&str, Kind); 10] = [
    ("hypoteser", Kind::Hypotese),
    ("temaer", Kind::Tema),
    ("indsatser", Kind::Indsats),
    ("aktiviteter", Kind::Aktivitet),
    ("maal", Kind::Maal),
    ("bidrager_til", Kind::Maal),
    ("fokusomraader", Kind::Fokusomraade),
    ("handlinger", Kind::Handling),
    ("noegletal", Kind::Noegletal),
    ("trin", Kind::Trin),
];

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// What the cursor at 0-based `line`, 1-based character column `col` is
/// in: an `@kind/id` link (any file), or, in a YAML file (`yaml`), an id
/// under a reference key nested in an entity (`hypoteser: [a, |`,
/// `- |` under `hypoteser:`, `noegletal: |`). Top-level keys hold an
/// entity list (`maal:` in forandringsteori.yaml), not references.
pub(crate) fn want(text: &str, line: u32, col: u32, yaml: bool) -> Option<Want> {
    let src = line_of(text, line);
    let before: String = src.chars().take(col.saturating_sub(1) as usize).collect();
    let partial = before.chars().rev().take_while(|c| is_id_char(*c)).count();
    let start = col - partial as u32;
    let head: String = before
        .chars()
        .take(before.chars().count() - partial)
        .collect();
    if let Some(at) = head.rfind('@') {
        let after = &head[at + 1..];
        let ok_before = !head[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if ok_before && let Some(word) = after.strip_suffix('/') {
            return Kind::from_link_word(word).map(|k| Want::Ids(k, start));
        }
        if ok_before && after.is_empty() {
            return Some(Want::Prefixes(head[..at].chars().count() as u32 + 1));
        }
    }
    if !yaml {
        return None;
    }
    let key = same_line_key(&head).or_else(|| list_key(text, line, &head))?;
    REF_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| Want::Ids(*kind, start))
}

/// `  key: ` or `  - key: [a, ` before the id: the key, if nested.
fn same_line_key(head: &str) -> Option<&str> {
    let indent = head.len() - head.trim_start().len();
    let body = head.trim_start();
    let (body, dash) = match body.strip_prefix("- ") {
        Some(b) => (b.trim_start(), true),
        None => (body, false),
    };
    let (key, value) = body.split_once(':')?;
    if indent == 0 && !dash {
        return None;
    }
    let v = value.trim();
    let in_list = v.starts_with('[') && !v.contains(']') && (v == "[" || v.ends_with(','));
    (v.is_empty() || in_list).then_some(key.trim())
}

/// `    - ` before the id: the key of the list the item is in, if nested.
fn list_key<'a>(text: &'a str, line: u32, head: &str) -> Option<&'a str> {
    if head.trim() != "-" {
        return None;
    }
    let dash = head.len() - head.trim_start().len();
    for l in (0..line).rev() {
        let src = line_of(text, l);
        let body = src.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = src.len() - body.len();
        if indent == dash && (body == "-" || body.starts_with("- ")) {
            continue; // an earlier item of the same list
        }
        if indent > dash {
            continue; // inside an earlier item
        }
        let (key_part, value) = body.split_once(':')?;
        let key_part = key_part.trim_start_matches("- ").trim();
        let nested = indent > 0 || body.starts_with("- ");
        let value = value.split(" #").next().unwrap_or("").trim();
        return (nested && value.is_empty()).then_some(key_part);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let l = "æ😀b";
        assert_eq!(utf16_col(l, 3), 3);
        assert_eq!(char_col(l, 3), 3);
        assert_eq!(char_col(l, 4), 4);
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/a b/æ.yaml");
        let u = path_to_uri(p);
        assert_eq!(u.as_str(), "file:///tmp/a%20b/%C3%A6.yaml");
        assert_eq!(uri_to_path(&u).unwrap(), p);
    }

    #[test]
    fn knows_where_ids_are_wanted() {
        let y = "indsatser:\n  - id: a\n    hypoteser: [tidlig, ti\n    maal:\n      - x\n      - \nmaal:\n  - ";
        assert_eq!(want(y, 2, 27, true), Some(Want::Ids(Kind::Hypotese, 25)));
        assert_eq!(want(y, 5, 9, true), Some(Want::Ids(Kind::Maal, 9)));
        assert_eq!(
            want(y, 7, 5, true),
            None,
            "top-level list defines, not refers"
        );
        assert_eq!(
            want("  noegletal: ab", 0, 16, true),
            Some(Want::Ids(Kind::Noegletal, 14))
        );
        let md = "Se [x](@hypotese/ti";
        assert_eq!(want(md, 0, 20, false), Some(Want::Ids(Kind::Hypotese, 18)));
        assert_eq!(want("Se [x](@", 0, 9, false), Some(Want::Prefixes(8)));
        assert_eq!(want("Se [x](@hyp", 0, 12, false), Some(Want::Prefixes(8)));
        assert_eq!(want("mail@x", 0, 7, false), None);
        assert_eq!(want("  hypoteser: ab", 0, 16, false), None);
    }
}
