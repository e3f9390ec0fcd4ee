//! Client-side search: an inverted index over the text of every page,
//! written as a script (`assets/soegeindeks.js`) so that it loads from
//! `file://` too (no `fetch`). Words are folded and stemmed the Danish way
//! (lower case, simple suffix stripping); the suffix list is written into
//! the index so that the browser stems queries with the very same rules.

use super::Ctx;
use crate::fxhash::Fx;
use crate::output::Spool;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Danish inflection endings, longest first (plural, definite, genitive).
pub const SUFFIXES: [&str; 16] = [
    "ernes", "erne", "ene", "ers", "er", "en", "et", "es", "ede", "te", "de", "ne", "e", "s", "r",
    "t",
];

/// `anbringelserne` → `anbringels`; keeps at least three letters.
fn stem(word: &str) -> &str {
    // Only the endings with the word's last letter can match; each group
    // keeps the order of SUFFIXES (longest first).
    const S: [&str; 4] = ["ernes", "ers", "es", "s"];
    const E: [&str; 7] = ["erne", "ene", "ede", "te", "de", "ne", "e"];
    const R: [&str; 2] = ["er", "r"];
    const N: [&str; 1] = ["en"];
    const T: [&str; 2] = ["et", "t"];
    let b = word.as_bytes();
    let group: &[&str] = match b.last() {
        Some(b's') => &S,
        Some(b'e') => &E,
        Some(b'r') => &R,
        Some(b'n') => &N,
        Some(b't') => &T,
        _ => return word,
    };
    for s in group {
        let s = s.as_bytes();
        // A byte loop, not a call to memcmp per suffix.
        if b.len() > s.len() && b[b.len() - s.len()..].iter().zip(s).all(|(x, y)| x == y) {
            let base = &word[..b.len() - s.len()];
            if base.chars().nth(2).is_some() {
                return base;
            }
        }
    }
    word
}

/// Appends `s` as a JSON string literal, one line, `<` escaped (safe in a
/// `<script>` and as an event-stream `data:` line). Runs of characters
/// that need no escape are copied whole.
pub(crate) fn json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        // Most text needs no escape: whole 16-byte stretches are tested at
        // once (compares the compiler vectorises; a table would not be).
        if let Some(chunk) = b[i..].first_chunk::<16>()
            && !chunk.iter().fold(false, |stop, &c| stop | is_stop_byte(c))
        {
            i += 16;
            continue;
        }
        if !STOP_BYTE[usize::from(b[i])] {
            i += 1;
            continue;
        }
        // Every stop is at an ASCII byte or at a lead byte: a boundary.
        let (escape, len): (Option<&str>, usize) = match b[i] {
            b'"' => (Some("\\\""), 1),
            b'\\' => (Some("\\\\"), 1),
            b'\n' => (Some("\\n"), 1),
            b'<' => (Some("\\u003c"), 1),
            0..0x20 => (None, 1),
            // U+2028 and U+2029 (line and paragraph separators).
            0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => {
                (None, 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let c = s[i..].chars().next().unwrap_or_default();
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// [`STOP_BYTE`] as compares (`|`, not `||`: no branches, so that a loop
/// of them vectorises).
fn is_stop_byte(c: u8) -> bool {
    (c < 0x20) | (c == b'"') | (c == b'\\') | (c == b'<') | (c == 0xe2)
}

/// The bytes where [`json_str`] looks closer: control characters, `"`,
/// `\\`, `<` and the lead byte of U+2028 and U+2029.
const STOP_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[0xe2] = true;
    t
};

/// Appends `n` in decimal (no formatting machinery: the index has
/// millions of numbers).
fn push_u32(out: &mut String, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // SAFETY: the bytes are ASCII digits (b'0' + a number below 10), so
    // UTF-8; `from_utf8` checked them again, a call per number (6 M
    // instructions of a 1,000-page build, callgrind).
    out.push_str(unsafe { std::str::from_utf8_unchecked(&buf[at..]) });
}

mod tally;
mod words;
use tally::{Tally, prefix_key};
use words::{is_continuation, word_spans};

pub use super::search_text::plain_text;
use super::search_text::{Marked, Zone, marked_text, push_folded};

/// A page's entry in the index, computed where the page is rendered: the
/// result-list fields and its stemmed, folded words with their weights,
/// sorted by word. The words are packed into one string (a few
/// allocations a page, not one a word).
#[derive(Clone)]
pub struct PageTerms {
    /// The page's entry in the index's `docs`, as JSON: `[title, url,
    /// label, snippet]`, the snippet being the start of the text (up to
    /// [`SNIPPET_CHARS`]), for snippets cut around the hit. Written here,
    /// on the thread that renders the page, not when the index is.
    doc: String,
    /// The number of words of the text (for the length normalisation).
    len: u32,
    words: String,
    /// (start, length) in `words`, and weight (see [`pack`]).
    terms: Vec<(u32, u32, u32)>,
}

/// How much of each page's text the index keeps for snippets.
pub const SNIPPET_CHARS: usize = 3000;

/// Weights of a word by where it stands: in a heading, in the text, in a
/// link's text (a mention of another page, so an overview listing a page
/// does not outrank the page). Title words are counted apart.
const W_HEADING: u32 = 4;
const W_TEXT: u32 = 2;
const W_LINK: u32 = 1;

/// A term's weight on a page: title occurrences in the high 12 bits, the
/// weighted count in the text in the low 20 (both saturating).
fn pack(title: u32, text: u32) -> u32 {
    (title.min(0xfff) << 20) | text.min(0xf_ffff)
}

impl PageTerms {
    /// From a page's `<article>` (its kind label and title come first in
    /// the text; the result list shows those already, so they are cut).
    pub fn new(url: &str, title: &str, label: &str, article: &str) -> PageTerms {
        let mut m = marked_text(article);
        let cut = |m: &mut Marked, prefix: &str| {
            if !prefix.is_empty() && m.text.starts_with(prefix) {
                let rest = &m.text[prefix.len()..];
                let n = m.text.len() - rest.trim_start_matches([' ', ':', '·']).len();
                m.cut_front(n);
            }
        };
        cut(&mut m, label);
        cut(&mut m, title);
        PageTerms::of(url, title, label, &m)
    }

    fn of(url: &str, title: &str, label: &str, m: &Marked) -> PageTerms {
        let text = m.text.trim_end_matches([' ', '·']);
        // The indexed words, lower-cased, folded and stemmed, each once,
        // one after another; with their counts in the title and weights.
        let mut buf = String::with_capacity(title.len() + text.len());
        // Room for as many distinct words as a text of this length
        // usually has (a guess: more just grow the lists).
        let mut tally = Tally::with_room((text.len() / 16).min(1024));
        let mut zone = 0;
        let mut len = 0u32;
        let mut spans = Vec::with_capacity(text.len() / 6);
        for (in_title, text) in [(true, title), (false, text)] {
            spans.clear();
            word_spans(text, &mut spans);
            for &w in &spans {
                let at = w.as_ptr() as usize - text.as_ptr() as usize;
                let weight = if in_title {
                    0
                } else {
                    len += 1;
                    while m.zones.get(zone).is_some_and(|z| z.1 <= at) {
                        zone += 1;
                    }
                    // Zones are few and short: the first ones still open
                    // (a plain loop, not iterator adapters set up for each
                    // word: 2.8 M instructions fewer at 1,000 pages).
                    let mut weight = W_TEXT;
                    let mut k = zone;
                    while let Some(&(start, end, z)) = m.zones.get(k)
                        && start <= at
                    {
                        if at < end {
                            weight = match z {
                                Zone::Heading => W_HEADING,
                                Zone::Link if weight != W_HEADING => W_LINK,
                                Zone::Link => weight,
                            };
                        }
                        k += 1;
                    }
                    weight
                };
                tally.count(&mut buf, w, in_title, weight, |buf| {
                    let start = buf.len();
                    push_lower_folded(buf, w);
                    let word = &buf[start..];
                    if word.chars().nth(1).is_none() || is_stop(word) {
                        return false;
                    }
                    buf.truncate(start + stem(word).len());
                    true
                });
            }
        }
        let (words, terms) = tally.finish(&buf);
        let snippet = first_chars(text, SNIPPET_CHARS);
        let mut doc =
            String::with_capacity(url.len() + title.len() + label.len() + snippet.len() + 16);
        for (k, field) in [title, url, label, snippet].into_iter().enumerate() {
            doc.push(if k == 0 { '[' } else { ',' });
            json_str(&mut doc, field);
        }
        doc.push(']');
        PageTerms {
            doc,
            len,
            words,
            terms,
        }
    }
}

/// Appends `w` lower-cased and folded (as [`search_text::fold`] does).
/// Plain ASCII and the Latin-1 letters go a byte at a time; other words
/// through the tables.
fn push_lower_folded(buf: &mut String, w: &str) {
    let start = buf.len();
    if w.is_ascii() {
        buf.push_str(w);
        buf[start..].make_ascii_lowercase();
        return;
    }
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ 0..0x80 => buf.push(char::from(c.to_ascii_lowercase())),
            // U+00C0–U+00FF: the capitals (but ×) are their small letter
            // less 0x20; the small ones (and ß, ÿ) lower-case to
            // themselves.
            0xc3 => {
                let c = 0xc0 | u32::from(b[i + 1] & 0x3f);
                let c = if matches!(c, 0xc0..=0xd6 | 0xd8..=0xde) {
                    c + 0x20
                } else {
                    c
                };
                push_folded(buf, char::from_u32(c).unwrap_or(' '));
                i += 1;
            }
            _ => {
                buf.truncate(start);
                push_lower_folded_wide(buf, w);
                return;
            }
        }
        i += 1;
    }
}

/// [`push_lower_folded`] for words with letters beyond Latin-1.
fn push_lower_folded_wide(buf: &mut String, w: &str) {
    if w.contains('Σ') {
        // Greek capital sigma lower-cases by its place in the word.
        for c in w.to_lowercase().chars() {
            push_folded(buf, c);
        }
        return;
    }
    for c in w.chars() {
        match c {
            'A'..='Z' => buf.push(c.to_ascii_lowercase()),
            c if c.is_ascii() => buf.push(c),
            // Latin-1 capitals: their small letter is 0x20 on.
            'À'..='Ö' | 'Ø'..='Þ' => {
                push_folded(buf, char::from_u32(c as u32 + 0x20).unwrap_or(c))
            }
            c => {
                for l in c.to_lowercase() {
                    push_folded(buf, l);
                }
            }
        }
    }
}

/// The first `n` characters of `s` (all of it if it is shorter), found by
/// counting the bytes that start a character. A character has at least one
/// byte, so the `n`th starts no earlier than byte `n`: whole stretches are
/// counted at once (a loop the compiler vectorises) until it is reached.
fn first_chars(s: &str, n: usize) -> &str {
    let b = s.as_bytes();
    let starts = |bytes: &[u8]| bytes.iter().filter(|&&c| !is_continuation(c)).count();
    let (mut end, mut count) = (0, 0);
    while count < n {
        let step = n - count;
        if end + step >= b.len() {
            // At most `n` characters in all.
            return s;
        }
        count += starts(&b[end..end + step]);
        end += step;
    }
    // `n` characters start before `end`: the cut is at the next start.
    while end < b.len() && is_continuation(b[end]) {
        end += 1;
    }
    &s[..end]
}

/// Words too common to be worth indexing, folded; the browser drops them
/// from queries too (written into the index).
pub const STOP: [&str; 30] = [
    "og", "i", "at", "er", "en", "et", "til", "af", "paa", "for", "med", "den", "det", "de", "som",
    "der", "om", "har", "kan", "skal", "ikke", "vil", "fra", "sig", "saa", "ogsaa", "eller", "ved",
    "the", "and",
];

/// Whether `w` (lower-case, folded) is in [`STOP`]: a length test and a
/// binary search among numbers (see [`prefix_key`]), no string compares.
fn is_stop(w: &str) -> bool {
    w.len() <= 5 && STOP_KEYS.binary_search(&prefix_key(w.as_bytes())).is_ok()
}

/// [`STOP`]'s words as [`prefix_key`]s, sorted (all are at most five bytes
/// long, so a key is the whole word).
const STOP_KEYS: [u64; STOP.len()] = {
    let mut keys = [0; STOP.len()];
    let mut i = 0;
    while i < STOP.len() {
        // Insertion sort: a `const` has no `sort`.
        let key = prefix_key(STOP[i].as_bytes());
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
};

/// The inverted index being built: pages in reading order, each word once
/// (as a number) with its postings `(page, weight)` in page order.
#[derive(Default)]
pub struct Index {
    /// The script so far, since it was last spooled: its head and the
    /// pages' `docs` entries (see [`Index::head`]); the terms follow in
    /// [`Index::finish`].
    js: String,
    /// Where the script's start goes as it grows (the pages' entries are
    /// most of a large index: kept in memory, they were a third of a
    /// 10,000-page build's peak), or `None` to keep it all in `js`.
    spool: Option<Spool>,
    /// Whether the head is written (the first page's entry has none
    /// before it).
    started: bool,
    /// Each page's number of words.
    lens: Vec<u32>,
    /// Each word's number (the words are sorted only at the end).
    ids: HashMap<Box<str>, u32, Fx>,
    postings: Vec<Vec<(u32, u32)>>,
    /// The number of postings, for the size of the script.
    n_postings: usize,
}

/// `js` is handed to the spool in pieces of about this size.
const SPOOL_PIECE: usize = 1 << 20;

impl Index {
    /// An index whose script's start is written to `spool` as it grows.
    pub fn spooled(spool: Spool) -> Index {
        Index {
            spool: Some(spool),
            ..Index::default()
        }
    }

    pub fn add(&mut self, p: PageTerms) {
        let doc = self.lens.len() as u32;
        for (start, len, weight) in p.terms {
            let term = &p.words[start as usize..(start + len) as usize];
            let id = match self.ids.get(term) {
                Some(&id) => id,
                None => {
                    let id = self.postings.len() as u32;
                    self.ids.insert(term.into(), id);
                    self.postings.push(Vec::new());
                    id
                }
            };
            self.postings[id as usize].push((doc, weight));
            self.n_postings += 1;
        }
        if self.started {
            self.js.push(',');
        } else {
            self.head();
        }
        self.js.push_str(&p.doc);
        self.lens.push(p.len);
        if self.js.len() >= SPOOL_PIECE
            && let Some(spool) = &mut self.spool
        {
            spool.push(&self.js);
            self.js.clear();
        }
    }

    /// The start of the script, up to its `docs`: the suffixes and stop
    /// words the browser uses.
    fn head(&mut self) {
        self.started = true;
        let out = &mut self.js;
        out.push_str("window.OMSTIL_SOEG = {\"suffixes\":[");
        for (i, s) in SUFFIXES.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, s);
        }
        out.push_str("],\"stop\":[");
        for (i, s) in STOP.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, s);
        }
        out.push_str("],\"docs\":[");
    }

    /// The score of a term on a page, as the browser sums it: the text's
    /// weighted count saturating and normalised by the page's length
    /// (BM25's k1 = 1.2, b = 0.75) to at most 100, plus 100 when the term
    /// is in the title. So a page about a thing ranks above a long overview
    /// that mentions it often. `norm` is the page's length normalisation
    /// ([`Index::norms`]).
    fn score(packed: u32, norm: f64) -> u32 {
        const K1: f64 = 1.2;
        let (title, text) = (
            packed >> 20,
            f64::from(packed & 0xf_ffff) / f64::from(W_TEXT),
        );
        let text_score = 100.0 * text / (text + K1 * norm);
        let score = text_score.round() as u32 + if title > 0 { 100 } else { 0 };
        score.max(1)
    }

    /// Each page's length normalisation: `1 - b + b · len / avg_len`.
    fn norms(&self) -> Vec<f64> {
        const B: f64 = 0.75;
        let avg_len =
            self.lens.iter().map(|&l| f64::from(l)).sum::<f64>() / self.lens.len().max(1) as f64;
        self.lens
            .iter()
            .map(|&len| 1.0 - B + B * f64::from(len) / avg_len.max(1.0))
            .collect()
    }

    /// The index as JavaScript: `window.OMSTIL_SOEG = {…}`, words sorted
    /// (an index made with [`Index::default`], kept in memory).
    pub fn to_js(self) -> String {
        let (spool, js) = self.finish();
        debug_assert!(spool.is_none(), "to_js of a spooled index");
        js
    }

    /// The spool with the script's start (if the index has one), and the
    /// rest of the script. The rest's size is reckoned first, so it is
    /// never copied to grow.
    pub fn finish(mut self) -> (Option<Spool>, String) {
        if !self.started {
            self.head();
        }
        let norms = self.norms();
        // "doc,score," per posting (a score has at most three digits).
        let digits = self.lens.len().max(1).ilog10() as usize + 1;
        let size = self.ids.keys().map(|w| w.len() + 8).sum::<usize>()
            + self.n_postings * (digits + 5)
            + 16;
        let mut out = std::mem::take(&mut self.js);
        out.reserve_exact(size);
        out.push_str("],\"terms\":{");
        let mut order: Vec<(&str, u32)> = self.ids.iter().map(|(w, &id)| (&**w, id)).collect();
        order.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (n, (word, id)) in order.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            json_str(&mut out, word);
            out.push_str(":[");
            for (k, &(doc, w)) in self.postings[id as usize].iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                push_u32(&mut out, doc);
                out.push(',');
                push_u32(&mut out, Index::score(w, norms[doc as usize]));
            }
            out.push(']');
        }
        out.push_str("}};\n");
        (self.spool, out)
    }
}

/// Where the index is written.
pub const INDEX_PATH: &str = crate::url::SEARCH_INDEX;

/// Writes `assets/soegeindeks.js` and the search page.
pub fn render(cx: &mut Ctx, index: Index) {
    match index.finish() {
        (Some(start), rest) => cx.sink.put_spliced(INDEX_PATH, b"", start, rest.as_bytes()),
        (None, js) => cx.sink.put(INDEX_PATH, js.into_bytes()),
    }
    let title = cx.t("search.title");
    let v = cx.page("soeg.html", &title, "soeg", "soeg.html");
    cx.emit("soeg.html", "search.html", &v);
}

#[cfg(test)]
mod tests;
