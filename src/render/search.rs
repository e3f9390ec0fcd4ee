//! Client-side search: an inverted index over the text of every page,
//! written as a script (`assets/soegeindeks.js`) so that it loads from
//! `file://` too (no `fetch`). Words are folded and stemmed the Danish way
//! (lower case, simple suffix stripping); the suffix list is written into
//! the index so that the browser stems queries with the very same rules.

use super::Ctx;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Danish inflection endings, longest first (plural, definite, genitive).
pub const SUFFIXES: [&str; 16] = [
    "ernes", "erne", "ene", "ers", "er", "en", "et", "es", "ede", "te", "de", "ne", "e", "s", "r",
    "t",
];

/// Words too common to be worth indexing.
const STOP: [&str; 30] = [
    "og", "i", "at", "er", "en", "et", "til", "af", "på", "for", "med", "den", "det", "de", "som",
    "der", "om", "har", "kan", "skal", "ikke", "vil", "fra", "sig", "så", "også", "eller", "ved",
    "the", "and",
];

/// Splits into lower-case words of letters and digits (æ, ø, å kept).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// `anbringelserne` → `anbringels`; keeps at least three letters.
pub fn stem(word: &str) -> String {
    for s in SUFFIXES {
        if let Some(base) = word.strip_suffix(s)
            && base.chars().count() >= 3
        {
            return base.to_string();
        }
    }
    word.to_string()
}

/// Appends `s` as a JSON string literal, one line, `<` escaped (safe in a
/// `<script>` and as an event-stream `data:` line).
pub(crate) fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Plain text of an HTML fragment: tags dropped, entities decoded, space folded.
pub fn plain_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        out.push_str(&html[text_start..i]);
        out.push(' ');
        // Skip whole <svg>…</svg> and <script>…</script> elements, else the tag.
        let rest = &b[i..];
        let end: &[u8] = if rest.starts_with(b"<svg") {
            b"</svg>"
        } else if rest.starts_with(b"<script") {
            b"</script>"
        } else if rest.starts_with(b"<nav") {
            b"</nav>"
        } else {
            b">"
        };
        i = match rest.windows(end.len()).position(|w| w == end) {
            Some(k) => i + k + end.len(),
            None => b.len(),
        };
        text_start = i;
    }
    out.push_str(&html[text_start.min(html.len())..]);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One searchable page.
pub struct Doc {
    pub url: String,
    pub title: String,
    pub label: String,
    pub text: String,
}

/// The index as JavaScript: `window.OMSTIL_SOEG = {…}`.
pub fn index_js(docs: &[Doc]) -> String {
    let mut terms: BTreeMap<String, BTreeMap<usize, u32>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for (weight, text) in [(5, d.title.as_str()), (1, d.text.as_str())] {
            for w in words(text) {
                if STOP.contains(&w.as_str()) || w.chars().count() < 2 {
                    continue;
                }
                *terms.entry(stem(&w)).or_default().entry(i).or_default() += weight;
            }
        }
    }
    let mut out = String::from("window.OMSTIL_SOEG = {\"suffixes\":[");
    for (i, s) in SUFFIXES.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(&mut out, s);
    }
    out.push_str("],\"docs\":[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json_str(&mut out, &d.title);
        out.push(',');
        json_str(&mut out, &d.url);
        out.push(',');
        json_str(&mut out, &d.label);
        out.push(',');
        let snippet: String = d.text.chars().take(400).collect();
        json_str(&mut out, &snippet);
        out.push(']');
    }
    out.push_str("],\"terms\":{");
    for (n, (term, postings)) in terms.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        json_str(&mut out, term);
        out.push_str(":[");
        for (k, (doc, w)) in postings.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            let _ = write!(out, "{doc},{w}");
        }
        out.push(']');
    }
    out.push_str("}};\n");
    out
}

/// Writes `assets/soegeindeks.js` and the search page.
pub fn render(cx: &mut Ctx) {
    let docs: Vec<Doc> = cx
        .articles
        .iter()
        .map(|a| {
            let text = plain_text(&a.html);
            // The article starts with its kind label and title; the result
            // list shows those already.
            let text = text
                .strip_prefix(a.label.as_str())
                .unwrap_or(&text)
                .trim_start();
            let text = text
                .strip_prefix(a.title.as_str())
                .unwrap_or(text)
                .trim_start()
                .to_string();
            Doc {
                url: a.path.clone(),
                title: a.title.clone(),
                label: a.label.clone(),
                text,
            }
        })
        .collect();
    let js = index_js(&docs);
    cx.files
        .insert("assets/soegeindeks.js".into(), js.into_bytes());
    let title = cx.t("search.title");
    let v = cx.page("soeg.html", &title, "soeg", "soeg.html");
    cx.emit("soeg.html", "search.html", &v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_stemming_joins_inflected_forms() {
        assert_eq!(stem("anbringelser"), stem("anbringelserne"));
        assert_eq!(stem("familier"), stem("familierne"));
        assert_eq!(stem("barn"), "barn");
        assert_eq!(
            words("Støtte i Almenområdet!").collect::<Vec<_>>(),
            vec!["støtte", "i", "almenområdet"]
        );
    }

    #[test]
    fn plain_text_drops_tags_svg_and_entities() {
        assert_eq!(
            plain_text("<p>A &amp; B</p><svg><text>x</text></svg><p>C</p>"),
            "A & B C"
        );
    }

    #[test]
    fn index_is_valid_script_with_escaped_text() {
        let js = index_js(&[Doc {
            url: "a.html".into(),
            title: "Tidlig \"opsporing\"".into(),
            label: "Hypotese".into(),
            text: "</script> anbringelser".into(),
        }]);
        assert!(js.starts_with("window.OMSTIL_SOEG = {"));
        assert!(!js.contains("</script>"));
        assert!(js.contains("\"anbringels\":[0,1]"), "{js}");
        assert!(js.contains("\"opsporing\":[0,5]"), "{js}");
    }
}
