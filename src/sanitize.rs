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
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// The input could not be parsed in bounded time (why: a tag with too
    /// many attributes, or nesting too deep): all of it is shown as text.
    pub all_as_text: Option<String>,
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(why) = &self.all_as_text {
            return write!(f, "al den rå HTML ({why}; HTML'en vises som tekst)");
        }
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
        // absolute path, no way up out of the site.
        ("img", "src") => {
            let v = value.trim();
            let path = v.split(['?', '#']).next().unwrap_or("");
            if v.is_empty()
                || leaves_site(v)
                || v.starts_with('/')
                || path.split(['/', '\\']).any(|p| p == "..")
            {
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
    // html5ever compares each attribute with the tag's others (quadratic
    // in attributes per tag): a tag with very many is not parsed at all.
    if let Some((segment, tag, why)) = heavy_tag(input) {
        let text = input.replace('&', "&amp;").replace('<', "&lt;");
        let removed = Removed {
            segment,
            tag,
            attribute: None,
            all_as_text: Some(why),
        };
        return (text, vec![removed]);
    }
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
    let mut seen = HashSet::new();
    for key in before {
        match left.get_mut(&key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                if seen.insert(key.clone()) {
                    let (segment, tag, attribute) = key;
                    removed.push(Removed {
                        segment,
                        tag,
                        attribute,
                        all_as_text: None,
                    });
                }
            }
        }
    }
    // An attribute of a removed element went with it.
    removed.retain(|r| r.attribute.is_none() || !seen.contains(&(r.segment, r.tag.clone(), None)));
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
            doc.extend(raw.text.chars().filter(|c| !is_marker(*c)));
        }
        rest = tail;
    }
    let (clean, removed) = sanitize_segments(&doc);
    // One warning per line, listing what went (the first few kinds).
    const SHOWN: usize = 8;
    let mut by_line: BTreeMap<u32, (Vec<String>, usize)> = BTreeMap::new();
    for r in removed {
        let line = fragment_lines
            .get(r.segment.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let (what, more) = by_line.entry(line).or_default();
        let r = r.to_string();
        if what.len() < SHOWN {
            if !what.contains(&r) {
                what.push(r);
            }
        } else {
            *more += 1;
        }
    }
    let by_line = by_line.into_iter().map(|(line, (mut what, more))| {
        if more > 0 {
            what.push(format!("og {more} andre"));
        }
        (line, what)
    });
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
    (out, by_line.collect())
}

/// The most attributes a tag may have.
pub const MAX_ATTRIBUTES: usize = 500;

/// The deepest elements may be nested (html5ever's scope checks walk the
/// stack of open elements, so deep nesting is quadratic; browsers cap
/// their trees at about this depth too).
pub const MAX_DEPTH: usize = 512;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame",
];

/// The first tag that html5ever could not parse in bounded time: more
/// than [`MAX_ATTRIBUTES`] attributes, or nested deeper than
/// [`MAX_DEPTH`]; with its segment and why. A scan that follows the HTML
/// tokenizer's tag, attribute value, comment and bogus-comment states and
/// keeps a stack of open elements that an end tag pops down to its
/// element. Where it differs from html5ever (text of `<script>`, `<style>`,
/// CDATA; elements closed by implication) it sees more tags and deeper
/// nesting, not less.
fn heavy_tag(html: &str) -> Option<(usize, String, String)> {
    let b = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut open_count: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    let mut segment = 0;
    let seg = SEGMENT.to_string();
    while i < b.len() {
        if b[i] != b'<' {
            if b[i..].starts_with(seg.as_bytes()) {
                segment += 1;
                i += seg.len();
            } else {
                i += 1;
            }
            continue;
        }
        let rest = &b[i + 1..];
        if rest.starts_with(b"!--") {
            // Comment: ends at `-->` or `--!>`, or at once (`<!-->`, `<!--->`).
            let body = &html[i + 4..];
            i += 4 + if body.starts_with('>') {
                1
            } else if body.starts_with("->") {
                2
            } else {
                comment_end(body)
            };
            continue;
        }
        let (start, end_tag) = match rest {
            [b'/', c, ..] if c.is_ascii_alphabetic() => (i + 2, true),
            [c, ..] if c.is_ascii_alphabetic() => (i + 1, false),
            [b'!' | b'?' | b'/', ..] => {
                // Bogus comment to the next `>`.
                i += html[i..].find('>').map_or(b.len() - i, |p| p + 1);
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // Tag name, then attributes until `>` outside a quoted value.
        let mut j = start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attributes = 0;
        let mut in_name = false;
        let mut after_equals = false;
        while j < b.len() && b[j] != b'>' {
            let c = b[j];
            if after_equals && (c == b'"' || c == b'\'') {
                j += 1;
                while j < b.len() && b[j] != c {
                    j += 1;
                }
                after_equals = false;
                in_name = false;
            } else if c.is_ascii_whitespace() || c == b'/' {
                if !after_equals {
                    in_name = false;
                }
            } else if c == b'=' && in_name {
                after_equals = true;
                in_name = false;
            } else if after_equals {
                // An unquoted value: to whitespace or `>`.
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                after_equals = false;
                continue;
            } else if !in_name {
                in_name = true;
                attributes += 1;
                if attributes > MAX_ATTRIBUTES {
                    let why = format!("`<{name}>` har over {MAX_ATTRIBUTES} attributter");
                    return Some((segment, name, why));
                }
            }
            j += 1;
        }
        i = j + 1;
        if end_tag {
            // Pops down to the element, if it is open.
            if open_count.get(&name).copied().unwrap_or(0) > 0 {
                while let Some(top) = open.pop() {
                    if let Some(n) = open_count.get_mut(&top) {
                        *n -= 1;
                    }
                    if top == name {
                        break;
                    }
                }
            }
        } else if !VOID.contains(&name.as_str()) {
            // A start tag that closes its open sibling (`<p>`, `<li>`, `<td>`
            // without end tags), when that sibling is the current element.
            let closes: &[&str] = match name.as_str() {
                "p" => &["p"],
                "li" => &["li"],
                "dt" | "dd" => &["dt", "dd"],
                "option" => &["option"],
                "td" | "th" => &["td", "th"],
                "tr" => &["td", "th", "tr"],
                "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
                _ => &[],
            };
            while let Some(top) = open.last().filter(|t| closes.contains(&t.as_str())) {
                if let Some(n) = open_count.get_mut(top) {
                    *n -= 1;
                }
                open.pop();
            }
            *open_count.entry(name.clone()).or_default() += 1;
            open.push(name);
            if open.len() > MAX_DEPTH {
                let name = open.pop().unwrap_or_default();
                let why = format!("`<{name}>` ligger over {MAX_DEPTH} niveauer inde");
                return Some((segment, name, why));
            }
        }
    }
    None
}

/// Where a comment's text `body` ends: after the first `-->` or `--!>`
/// (one pass; the end of the text if there is none).
fn comment_end(body: &str) -> usize {
    let b = body.as_bytes();
    let mut k = 0;
    while let Some(p) = body[k..].find("--") {
        let p = k + p;
        match &b[p + 2..] {
            [b'>', ..] => return p + 3,
            [b'!', b'>', ..] => return p + 4,
            _ => k = p + 1,
        }
    }
    b.len()
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

/// Reads clean HTML back (as a browser's tokenizer would) and says what in
/// it is not allowed: a tag or attribute outside the allow-list, an event
/// handler, or a link or image address that runs script or leaves the site.
/// `Ok` for everything [`sanitize_html`] returns; the fuzz target and the
/// tests check that.
pub fn audit(html: &str) -> Result<(), String> {
    let tok = Tokenizer::new(Audit::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    let _ = tok.feed(&queue);
    tok.end();
    match tok.sink.wrong.take() {
        Some(w) => Err(w),
        None => Ok(()),
    }
}

#[derive(Default)]
struct Audit {
    wrong: RefCell<Option<String>>,
}

impl TokenSink for Audit {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name = &*tag.name;
        let mut wrong = self.wrong.borrow_mut();
        if tag.kind == TagKind::StartTag && !TAGS.contains(&name) {
            wrong.get_or_insert(format!("tag <{name}>"));
        }
        for a in &tag.attrs {
            let (attr, value) = (&*a.name.local, a.value.trim().to_ascii_lowercase());
            let listed = GENERIC_ATTRIBUTES.contains(&attr)
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, l)| *t == name && l.contains(&attr));
            let bad_url = match attr {
                "href" => {
                    leaves_site(&value)
                        && !["http://", "https://", "mailto:", "tel:"]
                            .iter()
                            .any(|s| value.starts_with(s))
                }
                "src" => leaves_site(&value) || value.starts_with('/'),
                _ => false,
            };
            if !listed || bad_url || attr.starts_with("on") {
                wrong.get_or_insert(format!("{attr}={value:?} on <{name}>"));
            }
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
pub(crate) mod tests;
