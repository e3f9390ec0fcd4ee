//! The raw-HTML sanitiser behind `raa_html: true`: the author's HTML goes
//! through ammonia with an allow-list of ordinary content HTML (tables,
//! details, spans, images from the site, links), so no script can run and
//! nothing loads from outside the site. What was removed is found by
//! comparing the start tags and attributes before and after (html5ever's
//! tokenizer), so that `markdown` can warn with file and line. Only the
//! author's fragments are cleaned: omstil's own HTML around them stands in
//! as text placeholders and is put back afterwards.

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Separates segments in the input of [`sanitize_segments`]; each removal is
/// reported with the number of the segment it was in.
pub(crate) const SEGMENT: char = '\u{E002}';

/// Private-use characters the Markdown renderer uses as markers; an
/// attribute value holding one is dropped (a marker must never end up
/// inside an attribute).
pub(crate) fn is_marker(c: char) -> bool {
    ('\u{E000}'..='\u{E004}').contains(&c)
}

/// Something the sanitiser removed: a whole element, or one attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The segment of the input it was in (0 without [`SEGMENT`] marks).
    pub segment: usize,
    pub tag: String,
    pub attribute: Option<String>,
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.attribute {
            Some(a) => write!(f, "`{a}` på `<{}>`", self.tag),
            None => write!(f, "`<{}>`", self.tag),
        }
    }
}

const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

const GENERIC_ATTRIBUTES: &[&str] = &["class", "title", "lang", "dir"];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("details", &["open"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
];

/// Whether a URL has a scheme (`x:` before any `/`, `?` or `#`) or starts
/// with `//` or `\` (another host): both leave the site.
fn leaves_site(url: &str) -> bool {
    let u = url.trim();
    if u.starts_with("//") || u.starts_with('\\') || u.starts_with("/\\") {
        return true;
    }
    let head = u.split(['/', '?', '#']).next().unwrap_or("");
    head.contains(':')
}

/// The attribute filter: runs after the allow-list; drops what would load
/// from elsewhere or carry a marker.
fn filter<'u>(tag: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    if value.chars().any(is_marker) {
        return None;
    }
    match (tag, attribute) {
        // Images come from the site only: no scheme, no other host, no
        // absolute path.
        ("img", "src") => {
            let v = value.trim();
            if v.is_empty() || leaves_site(v) || v.starts_with('/') {
                return None;
            }
        }
        ("a", "href") => {
            let v = value.trim().to_ascii_lowercase();
            if leaves_site(&v)
                && !["http://", "https://", "mailto:", "tel:"]
                    .iter()
                    .any(|s| v.starts_with(s))
            {
                return None;
            }
        }
        _ => {}
    }
    Some(Cow::Borrowed(value))
}

fn builder() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                TAG_ATTRIBUTES
                    .iter()
                    .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                    .collect(),
            )
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .clean_content_tags(
                [
                    "script", "style", "template", "iframe", "noscript", "object", "embed", "svg",
                    "math", "textarea", "select", "title", "xmp", "noembed", "noframes",
                ]
                .into_iter()
                .collect(),
            )
            .attribute_filter(filter);
        b
    })
}

/// Cleans author HTML with the allow-list; returns the clean HTML and what
/// was removed. Callable on any input (the fuzz target uses it).
pub fn sanitize_html(input: &str) -> (String, Vec<Removed>) {
    sanitize_segments(input)
}

/// [`sanitize_html`], with removals numbered by the [`SEGMENT`] marks that
/// precede them in the input.
pub(crate) fn sanitize_segments(input: &str) -> (String, Vec<Removed>) {
    let clean = builder().clean(input).to_string();
    let before = tags_and_attributes(input);
    let after = tags_and_attributes(&clean);
    // What is in a segment before but not after (a multiset difference),
    // in the order of the input.
    let mut left: BTreeMap<(usize, String, Option<String>), usize> = BTreeMap::new();
    for k in after {
        *left.entry(k).or_default() += 1;
    }
    let mut removed = Vec::new();
    for (segment, tag, attribute) in before {
        match left.get_mut(&(segment, tag.clone(), attribute.clone())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                let r = Removed {
                    segment,
                    tag,
                    attribute,
                };
                if !removed.contains(&r) {
                    removed.push(r);
                }
            }
        }
    }
    // An attribute of a removed element went with it.
    let gone: Vec<(usize, String)> = removed
        .iter()
        .filter(|r| r.attribute.is_none())
        .map(|r| (r.segment, r.tag.clone()))
        .collect();
    removed.retain(|r| r.attribute.is_none() || !gone.contains(&(r.segment, r.tag.clone())));
    (clean, removed)
}

/// A fragment of the author's raw HTML in a rendered Markdown text.
pub(crate) struct RawFragment {
    pub text: String,
    pub line: u32,
    /// Starts a fragment (not the next line of an HTML block).
    pub new: bool,
}

/// Marks where raw fragment `k` goes in the rendered HTML.
pub(crate) fn slot(k: usize) -> String {
    format!("\u{E003}{k}\u{E004}")
}

/// Runs the author's raw HTML in `rendered` (where [`slot`] marks stand for
/// the fragments of `raws`) through the sanitiser, keeping omstil's own
/// HTML out of it: each piece of our HTML becomes a text placeholder
/// (`U+E000 n U+E001`), each raw fragment is preceded by a segment mark,
/// and afterwards the placeholders are put back. A placeholder can only
/// survive as text (the sanitiser drops any attribute holding a marker),
/// so our HTML is never put back inside an attribute.
pub(crate) fn sanitize_fragments(
    rendered: &str,
    raws: &[RawFragment],
) -> (String, Vec<(u32, Vec<String>)>) {
    let mut ours: Vec<&str> = Vec::new();
    let mut doc = String::with_capacity(rendered.len() + raws.len() * 8);
    let mut fragment_lines = Vec::new();
    let mut rest = rendered;
    loop {
        let (before, after) = match rest.split_once('\u{E003}') {
            Some((b, a)) => (b, Some(a)),
            None => (rest, None),
        };
        if !before.is_empty() {
            doc.push_str(&format!("\u{E000}{}\u{E001}", ours.len()));
            ours.push(before);
        }
        let Some(after) = after else { break };
        let (k, tail) = after.split_once('\u{E004}').unwrap_or((after, ""));
        if let Some(raw) = k.parse::<usize>().ok().and_then(|k| raws.get(k)) {
            if raw.new {
                doc.push(SEGMENT);
                fragment_lines.push(raw.line);
            }
            doc.push_str(&raw.text);
        }
        rest = tail;
    }
    let (clean, removed) = sanitize_segments(&doc);
    // One warning per line, listing what went.
    let mut by_line: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for r in removed {
        let line = fragment_lines
            .get(r.segment.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let what = by_line.entry(line).or_default();
        if !what.contains(&r.to_string()) {
            what.push(r.to_string());
        }
    }
    // Our HTML back in place of its placeholders (each once).
    let mut out = String::with_capacity(clean.len() + rendered.len());
    let mut used = vec![false; ours.len()];
    let mut rest = clean.as_str();
    while let Some((before, after)) = rest.split_once('\u{E000}') {
        out.push_str(before);
        let (n, tail) = after.split_once('\u{E001}').unwrap_or((after, ""));
        if let Some(i) = n.parse::<usize>().ok().filter(|i| *i < ours.len())
            && !std::mem::replace(&mut used[i], true)
        {
            out.push_str(ours[i]);
        }
        rest = tail;
    }
    out.push_str(rest);
    out.retain(|c| !is_marker(c));
    (out, by_line.into_iter().collect())
}

/// Collects (segment, tag, attribute) of every start tag and attribute.
#[derive(Default)]
struct Collect {
    segment: RefCell<usize>,
    found: RefCell<Vec<(usize, String, Option<String>)>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) => {
                *self.segment.borrow_mut() += t.chars().filter(|c| *c == SEGMENT).count();
            }
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let seg = *self.segment.borrow();
                let name = tag.name.to_string();
                let mut found = self.found.borrow_mut();
                found.push((seg, name.clone(), None));
                for a in &tag.attrs {
                    found.push((seg, name.clone(), Some(a.name.local.to_string())));
                }
                // Follow the tokenizer states the tree builder would set,
                // so that a script's text is not read as tags.
                return match &*name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tags_and_attributes(html: &str) -> Vec<(usize, String, Option<String>)> {
    let tok = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.found.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (String, Vec<String>) {
        let (h, r) = sanitize_html(s);
        (h, r.iter().map(|r| r.to_string()).collect())
    }

    #[test]
    fn attacks_are_removed_and_reported() {
        let cases = [
            ("<img src=a.png\nonerror=alert(1)>", "`onerror` på `<img>`"),
            ("<img src=\"jav&#x61;script:alert(1)\">", "`src` på `<img>`"),
            (
                "<a href=\"jav&#x61;script:alert(1)\">x</a>",
                "`href` på `<a>`",
            ),
            (
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "`<iframe>`",
            ),
            ("<base href=\"https://e.dk/\">", "`<base>`"),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://e.dk\">",
                "`<meta>`",
            ),
            ("<img src=\"https://e.dk/t.png\">", "`src` på `<img>`"),
            ("<img src=\"//e.dk/t.png\">", "`src` på `<img>`"),
            (
                "<style>@import url(https://e.dk/a.css);</style>",
                "`<style>`",
            ),
            (
                "<p style=\"background:url(https://e.dk/a)\">x</p>",
                "`style` på `<p>`",
            ),
            ("<link rel=stylesheet href=https://e.dk/a.css>", "`<link>`"),
            ("<svg><script>alert(1)</script></svg>", "`<svg>`"),
            ("<form action=https://e.dk><input></form>", "`<form>`"),
            ("<object data=https://e.dk/x></object>", "`<object>`"),
            (
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "`href` på `<a>`",
            ),
        ];
        for (input, want) in cases {
            let (h, r) = clean(input);
            let lower = h.to_lowercase();
            for bad in [
                "onerror",
                "javascript:",
                "srcdoc",
                "<base",
                "http-equiv",
                "https://e.dk",
                "//e.dk",
                "<script",
                "@import",
                "style=",
                "data:",
            ] {
                assert!(!lower.contains(bad), "{input} → {h}");
            }
            assert!(r.iter().any(|x| x == want), "{input} → {r:?}");
        }
    }

    #[test]
    fn ordinary_content_html_is_kept_unreported() {
        let input = "<details open><summary>Mere</summary><table><tr><td colspan=\"2\"><span class=\"x\">a</span><abbr title=\"b\">B</abbr><sup>2</sup></td></tr></table></details><figure><img src=\"billeder/a.png\" alt=\"A\"><figcaption>F</figcaption></figure><a href=\"https://e.dk/\">e</a><a href=\"mailto:a@b.dk\">m</a><a href=\"#x\">i</a>";
        let (h, r) = clean(input);
        assert!(r.is_empty(), "{r:?}");
        for kept in [
            "<details open=\"\">",
            "colspan=\"2\"",
            "<span class=\"x\">",
            "src=\"billeder/a.png\"",
            "href=\"https://e.dk/\"",
            "href=\"mailto:a@b.dk\"",
        ] {
            assert!(h.contains(kept), "{kept} missing in {h}");
        }
    }

    #[test]
    fn removals_are_numbered_by_segment() {
        let (_, r) = sanitize_segments("<b>a</b>\u{E002}<i>b</i>\u{E002}<img src=x onclick=y>");
        assert_eq!(
            r,
            vec![Removed {
                segment: 2,
                tag: "img".into(),
                attribute: Some("onclick".into())
            }]
        );
    }

    #[test]
    fn markers_never_survive_in_attributes() {
        let (h, _) = sanitize_html("<span title=\"&#xE000;0&#xE001;\">x</span>");
        assert!(!h.contains('\u{E000}'), "{h}");
    }
}
