//! A fast way through the commonest YAML of a report: a page's front
//! matter, a flat map of one-line values (`titel: "…"`, `raekkefoelge: 3`,
//! `fremhaevet: true`). A report of 10,000 pages has 10,000 of them, and
//! the full parser costs more than reading the files. [`parse`] gives the
//! very [`Node`] tree that serde-saphyr's way gives (positions, ids, kinds;
//! a test compares the two on every form it takes), and `None` for
//! anything it does not take (nesting, comments, escapes, anchors, block
//! text, keywords, a repeated key, …): then the full parser reads it, and
//! reports what is wrong with it.

use super::{Key, Node, NodeKind, ScalarKind};
use crate::diag::Pos;

/// The flat map in `text` (front matter lines start at `line_offset + 1`),
/// or `None` to leave it to the full parser.
pub(super) fn parse(text: &str, line_offset: u32) -> Option<Node> {
    let mut entries: Vec<(Key, Node)> = Vec::new();
    let mut first = None;
    let mut next_id = 1;
    for (n, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let line_no = n as u32 + 1 + line_offset;
        let colon = line.find(':')?;
        let key = &line[..colon];
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            || entries.iter().any(|(k, _)| k.text == key)
        {
            return None;
        }
        let after = &line[colon + 1..];
        let value = after.trim_start_matches(' ');
        if value.len() == after.len() || value.is_empty() {
            // `a:b` is one plain scalar; `a:` is a null or a nested block.
            return None;
        }
        let col = (line.len() - value.len()) as u32 + 1;
        let (kind, text) = scalar(value)?;
        first.get_or_insert(line_no);
        let key = Key {
            text: key.to_string(),
            pos: Pos::new(line_no, 1),
            id: next_id,
        };
        let value = Node {
            kind: NodeKind::Scalar(kind, text),
            pos: Pos::new(line_no, col),
            id: next_id + 1,
        };
        next_id += 2;
        entries.push((key, value));
    }
    Some(Node {
        kind: NodeKind::Map(entries),
        pos: Pos::new(first?, 1),
        id: 0,
    })
}

/// A one-line value the fast way takes: its kind and text as the full
/// parser gives them.
fn scalar(v: &str) -> Option<(ScalarKind, String)> {
    if v.bytes().any(|b| b < 0x20 || b == 0x7f) || v.ends_with(' ') {
        return None;
    }
    let b = v.as_bytes();
    match b[0] {
        b'"' => {
            let inner = v.strip_prefix('"')?.strip_suffix('"')?;
            (!inner.contains(['"', '\\'])).then(|| (ScalarKind::Str, inner.to_string()))
        }
        b'\'' => {
            let inner = v.strip_prefix('\'')?.strip_suffix('\'')?;
            (!inner.contains('\'')).then(|| (ScalarKind::Str, inner.to_string()))
        }
        b'0'..=b'9' | b'-' => {
            let digits = v.strip_prefix('-').unwrap_or(v);
            let plain_int = !digits.is_empty()
                && digits.bytes().all(|d| d.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'))
                && v.parse::<i64>().is_ok();
            plain_int.then(|| (ScalarKind::Int, v.to_string()))
        }
        _ if v == "true" || v == "false" => Some((ScalarKind::Bool, v.to_string())),
        _ => plain(v).then(|| (ScalarKind::Str, v.to_string())),
    }
}

/// Whether `v` is a plain (unquoted) text the full parser takes as the
/// same text: it begins with a letter, has no character YAML could read as
/// structure (`:`, `#`, brackets, quotes, …) and is no keyword.
fn plain(v: &str) -> bool {
    let starts_with_letter = v.chars().next().is_some_and(char::is_alphabetic);
    let keyword = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ]
    .iter()
    .any(|k| v.eq_ignore_ascii_case(k));
    starts_with_letter
        && !keyword
        && !v.contains([
            ':', '#', '[', ']', '{', '}', ',', '"', '\'', '\\', '&', '*', '!', '|', '>', '%', '@',
            '`', '?',
        ])
        && !v.contains("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full parser's tree (what `super::parse` gives without this way).
    fn full(text: &str, offset: u32) -> Option<Node> {
        let raw = serde_saphyr::from_str_with_options(text, super::super::options()).ok()?;
        let mut next_id = 0;
        Some(super::super::convert(raw, text, offset, &mut next_id))
    }

    fn same(text: &str) {
        for offset in [0, 1] {
            if let Some(fast) = parse(text, offset) {
                assert_eq!(
                    Some(fast),
                    full(text, offset),
                    "{text:?} at offset {offset}"
                );
            }
        }
    }

    #[test]
    fn front_matter_is_read_as_the_full_parser_reads_it() {
        let taken = [
            "titel: \"Side 0: Netværket tidlig indsatsen\"\nraekkefoelge: 0\n",
            "titel: Status på indsatsen\nbeskrivelse: Én linje om siden.\n",
            "titel: 'Enkelte: anførselstegn'\nfremhaevet: true\nrekonstrueret: false\n",
            "\ntitel: Efter en tom linje\n\nraekkefoelge: -3\n",
            "titel: \"\"\nraekkefoelge: 120\n",
            "titel:   Flere mellemrum før værdien\n",
            "titel: Æblet (2023) - en status/opgørelse. Slut\n",
            "titel: \"Tegn & * ! | > % @ ` ? [ ] { } , # i anførselstegn\"\n",
        ];
        for text in taken {
            assert!(parse(text, 1).is_some(), "the fast way takes {text:?}");
            same(text);
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        let left = [
            "",
            "\n\n",
            "titel: a\ntitel: b\n",
            "titel:\n  - a\n",
            "titel: a # kommentar\n",
            "titel: \"a \\\" b\"\n",
            "titel: \"a\" b\n",
            "titel: null\n",
            "titel: Yes\n",
            "titel: ~\n",
            "titel: 1.5\n",
            "raekkefoelge: 007\n",
            "raekkefoelge: 99999999999999999999\n",
            "titel: a: b\n",
            "titel:a\n",
            " titel: a\n",
            "Titel: a\n",
            "titel: |\n  tekst\n",
            "titel: &a x\n",
            "titel: a\tb\n",
            "titel: a \n",
            "kilde: { tekst: a }\n",
            "titel: a  b\n",
            "titel: -a\n",
            "titel: \"a\"\r\n",
        ];
        for text in left {
            assert!(parse(text, 1).is_none(), "the fast way leaves {text:?}");
        }
    }

    /// Generated front matter: every value the fast way takes is read as
    /// the full parser reads it.
    #[test]
    fn generated_front_matter_matches_the_full_parser() {
        let keys = [
            "titel",
            "beskrivelse",
            "raekkefoelge",
            "fremhaevet",
            "x_1",
            "1a",
            "12",
        ];
        let values = [
            "Side",
            "\"Side 1: a\"",
            "'b c'",
            "0",
            "-12",
            "42",
            "true",
            "false",
            "False",
            "æøå",
            "Ø-sted",
            "a.b",
            "a-b",
            "Nej",
            "no",
            "é",
            "\"\"",
            "''",
            "a  b",
            "a b",
            "1a",
            "-",
            "ab\"",
            "a'b",
            "x y z (1)",
            "a=b",
            "a~b",
            "a;b",
            "a$b",
            "a^b",
            "a+b",
            "a<b",
            "a/b",
            "a\u{a0}b",
            "ab—cd",
            "x y.",
            "a -b",
            "e1",
            "E5",
            "Infinity",
            "NaN",
            "Null",
            "NULL",
            "TRUE",
            "+1",
            "0x1f",
            "1_000",
            ".5",
            "1e5",
            "-0",
            "a\u{2028}b",
            "\"a\u{2028}b\"",
            "x:",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut taken = 0;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..1 + next(4) {
                if next(5) == 0 {
                    text.push('\n');
                }
                text.push_str(keys[next(keys.len())]);
                text.push(':');
                text.push_str(&" ".repeat(1 + next(2)));
                text.push_str(values[next(values.len())]);
                text.push('\n');
            }
            taken += usize::from(parse(&text, 1).is_some());
            same(&text);
        }
        assert!(taken > 300, "the fast way took {taken} of 2000");
    }
}
