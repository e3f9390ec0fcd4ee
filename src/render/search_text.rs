//! The text the search index is built from: a page's plain text with its
//! headings and link texts marked (they weigh differently), labels kept
//! apart from what follows them ("Status: I gang · …"), and the folding of
//! Danish letters to their ASCII spellings (å → aa, æ → ae, ø → oe), done
//! the same way by the browser's search script, so that "raadgiver" finds
//! "rådgiver" and "boern" finds "børn". Single-letter spellings
//! ("radgiver", "born") are not folded: they are other words ("born" is
//! English, "bor" is Danish).

/// Where a piece of text sits on the page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Zone {
    /// A heading below the page title (`<h2>`–`<h6>`).
    Heading,
    /// The text of a link: a mention of another page, not content.
    Link,
}

/// Plain text with the byte ranges of its headings and link texts.
#[derive(Default, Debug)]
pub(crate) struct Marked {
    pub text: String,
    /// `(start, end, zone)`, in order of their start.
    pub zones: Vec<(usize, usize, Zone)>,
}

impl Marked {
    /// Drops the first `n` bytes of the text (the ranges move along).
    pub(crate) fn cut_front(&mut self, n: usize) {
        self.text.drain(..n);
        self.zones.retain_mut(|z| {
            z.0 = z.0.saturating_sub(n);
            z.1 = z.1.saturating_sub(n);
            z.1 > z.0
        });
    }
}

/// Plain text of an HTML fragment: tags dropped (whole `<svg>`,
/// `<script>` and `<nav>` elements, and the "swipe sideways" furniture),
/// entities decoded, space folded. One pass.
pub fn plain_text(html: &str) -> String {
    marked_text(html).text
}

/// What a closing tag leaves between its text and the next: a colon after
/// a label (heading, term, caption), a middle dot after an item
/// (paragraph, list item, cell), nothing after inline elements.
fn separator(closing: &str) -> Option<&'static str> {
    // `trim_start_matches("</")` without a substring searcher.
    let mut name = closing;
    while let Some(rest) = name.strip_prefix("</") {
        name = rest;
    }
    let name = name
        .split(|c: char| c == '>' || c.is_whitespace())
        .next()
        .unwrap_or("");
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "caption" | "summary" | "legend" => {
            Some(":")
        }
        "p" | "li" | "th" | "td" | "dd" | "tr" | "div" | "figcaption" | "blockquote"
        | "section" | "header" => Some(" ·"),
        _ => None,
    }
}

/// [`plain_text`] with the headings and link texts marked.
pub(crate) fn marked_text(html: &str) -> Marked {
    let mut m = Marked {
        text: String::with_capacity(html.len() / 2),
        zones: Vec::new(),
    };
    let out = &mut m.text;
    let mut space = false;
    let mut rest = html;
    // Start of the open heading and of the open link, if any.
    let (mut heading, mut link): (Option<usize>, Option<usize>) = (None, None);
    loop {
        // The text up to the next tag, copied as it is scanned (no search
        // for the `<` ahead of the copy: a raw `<` in HTML starts a tag).
        let tag = push_text(out, rest, &mut space);
        if tag.is_empty() {
            break;
        }
        space = true;
        let b = tag.as_bytes();
        let is_heading =
            |i: usize| b.get(i) == Some(&b'h') && matches!(b.get(i + 1), Some(b'2'..=b'6'));
        if b.get(1) == Some(&b'/') {
            if let Some(sep) = separator(tag)
                && !out.is_empty()
                && !out.ends_with(['.', ':', ';', '!', '?', '·'])
            {
                out.push_str(sep);
            }
            let closed = if is_heading(2) {
                heading.take().map(|s| (s, Zone::Heading))
            } else if tag.starts_with("</a>") {
                link.take().map(|s| (s, Zone::Link))
            } else {
                None
            };
            if let Some((s, zone)) = closed
                && s < out.len()
            {
                m.zones.push((s, out.len(), zone));
            }
        } else if is_heading(1) {
            // The text starts after the space a tag leaves.
            heading = Some(out.len() + usize::from(!out.is_empty()));
        } else if tag.starts_with("<a ") || tag.starts_with("<a>") {
            link = Some(out.len() + usize::from(!out.is_empty()));
        }
        // By the tag's first letter: most tags are none of these.
        let end = match b.get(1) {
            Some(b's') if tag.starts_with("<svg") => "</svg>",
            Some(b's') if tag.starts_with("<script") => "</script>",
            Some(b'n') if tag.starts_with("<nav") => "</nav>",
            // "Swipe sideways" hints and full-size links: page furniture.
            Some(b'p') if tag.starts_with("<p class=\"scroll-tools") => "</p>",
            _ => ">",
        };
        // Most tags end at the next `>`: a byte search, not a substring one.
        let at = if end == ">" {
            tag.bytes().position(|c| c == b'>')
        } else {
            tag.find(end)
        };
        rest = match at {
            Some(k) => &tag[k + end.len()..],
            None => "",
        };
    }
    m.zones.sort_by_key(|z| z.0);
    m
}

/// The length of the run at the start of `b` (text, so UTF-8) that
/// [`push_text`] copies as it is: plain characters (see [`PLAIN`], no `<`) with
/// single spaces between them, what the space folding would write. With
/// `stretches`, 16 bytes at a time where it can (see [`plain_stretch`]);
/// without, a character at a time (the tests compare the two).
fn plain_run(b: &[u8], stretches: bool) -> usize {
    let plain = |i: usize| b.get(i).map_or(0, |&c| usize::from(PLAIN[usize::from(c)]));
    let mut run = 0;
    // Where a whole stretch is next worth a try: after one fails, the
    // next 16 bytes go a character at a time.
    let mut stretch_at = if stretches { 0 } else { usize::MAX };
    while run < b.len() {
        if run >= stretch_at {
            if let Some(chunk) = b[run..].first_chunk::<16>()
                && plain_stretch(chunk, run > 0)
            {
                run += 16;
                continue;
            }
            stretch_at = run + 16;
        }
        let len = plain(run);
        if len > 0 {
            run += len;
        } else if b[run] == b' ' && run > 0 && plain(run + 1) > 0 {
            run += 1;
        } else {
            break;
        }
    }
    run
}

/// Whether 16 bytes, starting a character, are all in [`plain_run`]'s
/// run: each byte printable ASCII but `&` and `<`, a space or part of a Latin-1
/// letter (lead byte 0xc3: in UTF-8 the continuation bytes in the stretch
/// then all follow one); no space first (unless `after_plain`), last or
/// next to another; no letter cut at the end.
fn plain_stretch(chunk: &[u8; 16], after_plain: bool) -> bool {
    let (other, spaces, leads) = stretch_bits(chunk);
    !other
        && (after_plain || spaces & 1 == 0)
        && spaces & (spaces >> 1) == 0
        && (spaces | leads) >> 15 == 0
}

/// For [`plain_stretch`]: whether a byte of `chunk` is none of those it
/// allows, and bit masks of its spaces and of its 0xc3 lead bytes.
/// Tested with compares and bit masks the compiler vectorises, not a table
/// look-up a byte (on other machines than x86-64, and what the tests
/// compare [`stretch_bits`] with).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn stretch_bits_by_byte(chunk: &[u8; 16]) -> (bool, u16, u16) {
    let (mut other, mut spaces, mut leads) = (false, 0u16, 0u16);
    for (k, &c) in chunk.iter().enumerate() {
        // `&` and `|`, not `&&` and `||`: no branches, so it vectorises.
        let ascii = (c > b' ') & (c < 0x80) & (c != b'&') & (c != b'<');
        other |= !(ascii | (c == b' ') | (c == 0xc3) | (0x80..0xc0).contains(&c));
        spaces |= u16::from(c == b' ') << k;
        leads |= u16::from(c == 0xc3) << k;
    }
    (other, spaces, leads)
}

#[cfg(not(target_arch = "x86_64"))]
fn stretch_bits(chunk: &[u8; 16]) -> (bool, u16, u16) {
    stretch_bits_by_byte(chunk)
}

/// [`stretch_bits_by_byte`] with SSE2 (every x86-64 has it): inlined into
/// [`plain_run`], the compiler did not vectorise the byte loop (callgrind:
/// 2 instructions a byte a line).
#[cfg(target_arch = "x86_64")]
fn stretch_bits(chunk: &[u8; 16]) -> (bool, u16, u16) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is in the x86-64 baseline (every such machine has
    // it), and the unaligned 16-byte load reads `chunk`'s 16 bytes.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let splat = |c: u8| _mm_set1_epi8(c as i8);
        let eq = |c: u8| _mm_cmpeq_epi8(v, splat(c));
        // Signed compares: the bytes from 0x80 are below 0.
        let printable = _mm_cmpgt_epi8(v, splat(b' '));
        let ascii = _mm_andnot_si128(_mm_or_si128(eq(b'&'), eq(b'<')), printable);
        let continuation = _mm_cmplt_epi8(v, splat(0xc0));
        let (space, lead) = (eq(b' '), eq(0xc3));
        let ok = _mm_or_si128(_mm_or_si128(ascii, continuation), _mm_or_si128(space, lead));
        let bits = |x: __m128i| _mm_movemask_epi8(x) as u16;
        (bits(ok) != 0xffff, bits(space), bits(lead))
    }
}

/// For [`push_text`]: the length of the character a byte starts if it
/// stands for itself and is not white space (ASCII above the space but `&`,
/// which may start an entity, and `<`, which starts a tag; the Latin-1 letters æ, ø, å, …, lead byte
/// 0xc3, always followed by another as the text is UTF-8), else 0.
const PLAIN: [u8; 256] = {
    let mut t = [0; 256];
    let mut c = b'!';
    while c < 0x80 {
        t[c as usize] = 1;
        c += 1;
    }
    t[b'&' as usize] = 0;
    t[b'<' as usize] = 0;
    t[0xc3] = 2;
    t
};

/// The entities pulldown-cmark and Tera write, and what they stand for.
const ENTITIES: [(&str, char); 5] = [
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
    ("&amp;", '&'),
];

/// Appends `html`'s text up to its first tag decoded, with runs of white
/// space as one space (none at the start), and returns the rest (from the
/// tag's `<`; empty if there is none). Runs of plain ASCII are copied
/// whole, with the single spaces between their words.
fn push_text<'a>(out: &mut String, html: &'a str, space: &mut bool) -> &'a str {
    let mut rest = html;
    while !rest.is_empty() {
        let run = plain_run(rest.as_bytes(), true);
        if run > 0 {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        if rest.starts_with('<') {
            return rest;
        }
        let Some(mut c) = rest.chars().next() else {
            break;
        };
        let mut len = c.len_utf8();
        if c == '&'
            && let Some((e, d)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e))
        {
            c = *d;
            len = e.len();
        }
        rest = &rest[len..];
        if c.is_whitespace() {
            *space = true;
        } else {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c);
        }
    }
    rest
}

/// Appends a lower-case letter folded to its ASCII spelling: å → aa,
/// æ/ä → ae, ø/ö → oe; others as they are. (`soeg.js` folds queries
/// with the same table.)
pub(crate) fn push_folded(out: &mut String, c: char) {
    match c {
        'å' => out.push_str("aa"),
        'æ' | 'ä' => out.push_str("ae"),
        'ø' | 'ö' => out.push_str("oe"),
        c => out.push(c),
    }
}

/// A word lower-cased and folded (see [`push_folded`]).
#[cfg(test)]
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.to_lowercase().chars() {
        push_folded(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_to_their_ascii_spellings() {
        assert_eq!(fold("Rådgiver"), "raadgiver");
        assert_eq!(fold("børn"), "boern");
        assert_eq!(fold("Ældre"), "aeldre");
        assert_eq!(fold("ÅRSAG"), "aarsag");
        assert_eq!(fold("raadgiver"), "raadgiver");
        assert_eq!(fold("Öl og Äble"), "oel og aeble");
    }

    #[test]
    fn the_browser_folds_queries_with_the_same_table() {
        let js = include_str!("../../themes/default/static/soeg.js");
        let table = js
            .split("var FOLD = {")
            .nth(1)
            .and_then(|t| t.split('}').next())
            .expect("soeg.js has its FOLD table");
        let mut n = 0;
        for pair in table.split(',') {
            let (c, to) = pair.split_once(':').unwrap();
            let c = c.trim().trim_matches('"').chars().next().unwrap();
            let mut out = String::new();
            push_folded(&mut out, c);
            assert_eq!(out, to.trim().trim_matches('"'), "{c}");
            n += 1;
        }
        assert_eq!(n, 5);
        assert!(js.contains("/[åæäøö]/g"));
    }

    #[test]
    fn labels_are_kept_apart_from_what_follows() {
        let t = plain_text(
            "<h2>Sammenfatning</h2><p>Tekst</p><dl><dt>Status</dt><dd>I gang</dd><dt>Ansvarlig</dt><dd>Familieafdelingen</dd></dl><ul><li><a href=\"x\">A</a></li><li>B.</li></ul><p>C</p>",
        );
        assert_eq!(
            t,
            "Sammenfatning: Tekst · Status: I gang · Ansvarlig: Familieafdelingen · A · B. C ·"
        );
    }

    #[test]
    fn headings_and_link_texts_are_marked() {
        let m = marked_text("<h1>T</h1><h2>Om børn</h2><p>Se <a href=\"x\">rådgiver</a> nu</p>");
        let zone = |z: Zone| {
            m.zones
                .iter()
                .filter(|r| r.2 == z)
                .map(|r| &m.text[r.0..r.1])
                .collect::<Vec<_>>()
        };
        assert_eq!(zone(Zone::Heading), vec!["Om børn:"]);
        assert_eq!(zone(Zone::Link), vec!["rådgiver"]);
        let mut m = m;
        m.cut_front(3);
        assert_eq!(&m.text[m.zones[0].0..m.zones[0].1], "Om børn:");
    }

    #[test]
    fn white_space_folds_to_single_spaces() {
        for (html, text) in [
            ("<p>a b  c\td \n e</p>", "a b c d e ·"),
            ("<p> a&amp;b &lt; c</p>", "a&b < c ·"),
            ("<p>a \u{a0}b \u{a0} c</p>", "a b c ·"),
            ("<p>ø b æ</p><p>x </p>", "ø b æ · x ·"),
            (
                "<p>Børn  og\nunge på Ærø ×÷ é</p>",
                "Børn og unge på Ærø ×÷ é ·",
            ),
            ("<p>a &#39;b&#39; & c &d</p>", "a 'b' & c &d ·"),
            ("<p>end </p>", "end ·"),
        ] {
            assert_eq!(plain_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn the_plain_table_says_what_the_tests_said() {
        for c in 0..=255u8 {
            let want = match c {
                b'&' | b'<' => 0,
                0x21..0x80 => 1,
                0xc3 => 2,
                _ => 0,
            };
            assert_eq!(usize::from(PLAIN[usize::from(c)]), want, "{c:#x}");
        }
        // A tag-like name after several "</" (as `trim_start_matches`).
        assert_eq!(separator("</</p>"), Some(" ·"));
        assert_eq!(separator("</h2 >"), Some(":"));
        assert_eq!(separator("</a>"), None);
    }

    #[test]
    fn stretches_are_tested_with_vectors_as_a_byte_at_a_time() {
        // Every byte in every place of a stretch of plain letters.
        for c in 0..=255u8 {
            for k in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[k] = c;
                assert_eq!(
                    stretch_bits(&chunk),
                    stretch_bits_by_byte(&chunk),
                    "{c:#x} at {k}"
                );
            }
        }
        let mixed = *b" a&<\x7f\x80\xbf\xc0\xc3\xff \t\n\x00!~";
        assert_eq!(stretch_bits(&mixed), stretch_bits_by_byte(&mixed));
    }

    #[test]
    fn plain_runs_are_found_a_stretch_at_a_time_as_a_character_at_a_time() {
        let pieces = [
            "a", " ", "  ", "æ", "Ø", "&", "&amp;", "\n", "\t", "·", "–", "\u{a0}", "x.y", "€", "<",
        ];
        // Every mix of a few pieces, shifted along a plain stretch.
        let mut n = 0;
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces[i..] {
                for c in &pieces {
                    for pad in 0..18 {
                        let text = format!(
                            "{}{a}{b}{}{c}{}",
                            "p".repeat(pad),
                            "ab ".repeat(pad % 7),
                            "q".repeat(17)
                        );
                        for start in [0, 1].into_iter().filter(|&s| text.is_char_boundary(s)) {
                            let t = &text.as_bytes()[start..];
                            assert_eq!(plain_run(t, true), plain_run(t, false), "{text:?}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 5000);
        assert_eq!(plain_run(b" abcdefghijklmnopqrs", true), 0);
        assert_eq!(plain_run(b"abcdefghijklmnopqrs  t", true), 19);
    }

    /// The way [`marked_text`] went before it copied the text as it looked
    /// for the next tag: find the `<` first, then decode the text before it.
    fn marked_text_two_step(html: &str) -> Marked {
        let mut m = Marked::default();
        let out = &mut m.text;
        let mut space = false;
        let mut rest = html;
        let (mut heading, mut link): (Option<usize>, Option<usize>) = (None, None);
        loop {
            let (text, tag) = match rest.find('<') {
                Some(i) => (&rest[..i], Some(&rest[i..])),
                None => (rest, None),
            };
            assert_eq!(push_text(out, text, &mut space), "");
            let Some(tag) = tag else { break };
            space = true;
            let is_heading = |i: usize| {
                tag.as_bytes().get(i) == Some(&b'h')
                    && matches!(tag.as_bytes().get(i + 1), Some(b'2'..=b'6'))
            };
            if tag.starts_with("</") {
                if let Some(sep) = separator(tag)
                    && !out.is_empty()
                    && !out.ends_with(['.', ':', ';', '!', '?', '·'])
                {
                    out.push_str(sep);
                }
                let closed = if is_heading(2) {
                    heading.take().map(|s| (s, Zone::Heading))
                } else if tag.starts_with("</a>") {
                    link.take().map(|s| (s, Zone::Link))
                } else {
                    None
                };
                if let Some((s, zone)) = closed
                    && s < out.len()
                {
                    m.zones.push((s, out.len(), zone));
                }
            } else if is_heading(1) {
                heading = Some(out.len() + usize::from(!out.is_empty()));
            } else if tag.starts_with("<a ") || tag.starts_with("<a>") {
                link = Some(out.len() + usize::from(!out.is_empty()));
            }
            let end = [
                ("<svg", "</svg>"),
                ("<script", "</script>"),
                ("<nav", "</nav>"),
                ("<p class=\"scroll-tools", "</p>"),
            ]
            .iter()
            .find(|(open, _)| tag.starts_with(open))
            .map_or(">", |(_, end)| end);
            rest = tag.find(end).map_or("", |k| &tag[k + end.len()..]);
        }
        m.zones.sort_by_key(|z| z.0);
        m
    }

    #[test]
    fn the_text_is_copied_as_the_tags_are_looked_for_as_it_was_after() {
        let pieces = [
            "a",
            "Ærø",
            " ",
            " \n\t",
            "&amp;",
            "&lt;b&gt;",
            "&",
            "&#39;",
            "·",
            "\u{a0}",
            "<h2>",
            "</h2>",
            "<h3 id=\"x\">",
            "</h3 >",
            "<a href=\"y\">",
            "<a>",
            "</a>",
            "<p>",
            "</p>",
            "<li>",
            "</li>",
            "<em>",
            "</em>",
            "<svg><text>s</text></svg>",
            "<script>x<y</script>",
            "<nav><a>n</a></nav>",
            "<p class=\"scroll-tools\"><a>v</a></p>",
            "<dt>",
            "</dt>",
            ".",
            ":",
            "x".repeat(20).leak(),
            "børn og unge på øen ",
            "<br>",
            "<",
            "<unclosed",
        ];
        let mut n = 0;
        for a in &pieces {
            for b in &pieces {
                for c in &pieces {
                    let html = format!("<h1>T</h1>{a}{b}{c}{b} plain text for a stretch{a}");
                    let (new, old) = (marked_text(&html), marked_text_two_step(&html));
                    assert_eq!(new.text, old.text, "{html:?}");
                    assert_eq!(new.zones, old.zones, "{html:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 30_000);
        // And on whole pages of the bundled example's kind.
        let page = "<header><p>Indsats</p><h1>Tidlig indsats</h1></header><nav><a href=\"/\">Forside</a></nav>\
            <h2>Om &quot;børn&quot; &amp; unge</h2><p>Se <a href=\"x\">rådgiveren <em>nu</em></a>, og <strong>ÆØÅ</strong>.</p>\
            <dl><dt>Status</dt><dd>I gang</dd></dl><table><tr><th>År</th><td>2024 × 3</td></tr></table>\
            <h3><a href=\"#a\">Link i overskrift</a> mere</h3><p>\u{a0}slut\t </p>";
        let (new, old) = (marked_text(page), marked_text_two_step(page));
        assert_eq!((new.text, new.zones), (old.text, old.zones));
    }

    #[test]
    fn furniture_is_not_text() {
        assert_eq!(
            plain_text(
                "<p class=\"scroll-tools\"><span>Stryg</span> <a href=\"x\">Vis</a></p><p>A &amp; B</p><svg><text>x</text></svg>"
            ),
            "A & B ·"
        );
    }
}
