use super::*;

#[test]
fn danish_stemming_joins_inflected_forms() {
    assert_eq!(stem("anbringelser"), stem("anbringelserne"));
    assert_eq!(stem("familier"), stem("familierne"));
    assert_eq!(stem("barn"), "barn");
    assert_eq!(
        WordsByByte("Støtte i Almenområdet!")
            .map(str::to_lowercase)
            .collect::<Vec<_>>(),
        vec!["støtte", "i", "almenområdet"]
    );
}

#[test]
fn latin_letters_lower_case_as_the_tables_say() {
    // Every Latin-1 letter, alone and in a word, through the index's
    // lower-casing and folding and through `char::to_lowercase`.
    for c in (0xc0u32..=0xff)
        .chain([0x100, 0x178, 0x1e9e])
        .filter_map(char::from_u32)
    {
        let word = format!("Ab{c}{c}x");
        let mut index = Index::default();
        index.add(PageTerms::of(
            "a.html",
            "",
            "",
            &Marked {
                text: word.clone(),
                zones: Vec::new(),
            },
        ));
        let js = index.to_js();
        let expected: Vec<String> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some())
            .map(|w| {
                let mut out = String::new();
                for l in w.chars().flat_map(char::to_lowercase) {
                    push_folded(&mut out, l);
                }
                stem(&out).to_string()
            })
            .collect();
        for w in &expected {
            let mut key = String::new();
            json_str(&mut key, w);
            assert!(js.contains(&format!("{key}:[0,")), "{c}: {w} in {js}");
        }
    }
}

#[test]
fn words_are_runs_of_letters_and_digits() {
    for text in [
        "",
        "  ",
        "Støtte i Almenområdet!",
        "a-b c",
        "§ 52, stk. 3",
        "ærø…Å1 ½x",
        "a×b÷c ÀÖØÞßàöøþÿ",
        "ø",
        "a·b § 3\u{a0}x ª²³µ¹º¼½¾ ¡¿«»° x·",
        &(0x80..=0xffu32)
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c, 'b', ' '])
            .collect::<String>(),
    ] {
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(WordsByByte(text).collect::<Vec<_>>(), expected, "{text}");
        let mut spans = Vec::new();
        word_spans(text, &mut spans);
        assert_eq!(spans, expected, "{text}");
    }
}

#[test]
fn stemming_by_last_letter_matches_the_suffix_list() {
    let plain = |word: &str| -> String {
        for s in SUFFIXES {
            if let Some(base) = word.strip_suffix(s)
                && base.chars().count() >= 3
            {
                return base.to_string();
            }
        }
        word.to_string()
    };
    for w in [
        "anbringelsernes",
        "anbringelserne",
        "familiers",
        "tiltagene",
        "børnenes",
        "barnet",
        "skolen",
        "indsatser",
        "indsats",
        "udviklede",
        "ledte",
        "mødre",
        "bedre",
        "samarbejde",
        "tes",
        "ene",
        "ærø",
        "hjælpes",
        "mål",
        "år",
        "ørerne",
    ] {
        assert_eq!(stem(w), plain(w), "{w}");
    }
    assert_eq!(
        SUFFIXES
            .iter()
            .filter(|s| s.ends_with(['s', 'e', 'r', 'n', 't']))
            .count(),
        SUFFIXES.len()
    );
}

#[test]
fn common_words_are_not_indexed() {
    for w in ["og", "i", "ogsaa", "paa", "eller", "the"] {
        assert!(is_stop(w), "{w}");
    }
    // The list the browser gets is the list the index uses.
    assert!(STOP.iter().all(|w| is_stop(w)));
    assert!(!is_stop("også"), "words are folded before the test");
    for w in ["barn", "ogs", "ellers", "opsporing"] {
        assert!(!is_stop(w), "{w}");
    }
}

#[test]
fn plain_text_drops_tags_svg_and_entities() {
    assert_eq!(
        plain_text("<p>A &amp; B</p><svg><text>x</text></svg><p>C</p>"),
        "A & B · C ·"
    );
}

#[test]
fn index_is_valid_script_with_escaped_text() {
    let mut index = Index::default();
    let text = Marked {
        text: "</script> anbringelser".into(),
        zones: Vec::new(),
    };
    index.add(PageTerms::of(
        "a.html",
        "Tidlig \"opsporing\"",
        "Hypotese",
        &text,
    ));
    let js = index.to_js();
    assert!(js.starts_with("window.OMSTIL_SOEG = {"));
    assert!(!js.contains("</script>"));
    // Once in a text of average length: 100 × 1 / (1 + 1.2).
    assert!(js.contains("\"anbringels\":[0,45]"), "{js}");
    // In the title: 100 more.
    assert!(js.contains("\"opsporing\":[0,100]"), "{js}");
    assert!(js.contains("\"stop\":[\"og\","), "{js}");
}

/// The escaping as it was written first, a character at a time.
fn json_str_by_chars(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn json_strings_escape_as_a_character_at_a_time() {
    let mut all: String = (0u32..0x80).filter_map(char::from_u32).collect();
    all.push_str("\u{2027}\u{2028}\u{2029}\u{202a}…–ø€𝄞\u{80}\u{7ff}");
    for s in [
        "",
        "plain",
        "</script>",
        "a\u{2028}b\u{2029}",
        "\u{2028}",
        "ærø \"x\" \\ \n\t\r\u{1}\u{1f}",
        "…\u{e2}",
        all.as_str(),
    ] {
        let mut out = String::new();
        json_str(&mut out, s);
        assert_eq!(out, json_str_by_chars(s), "{s:?}");
    }
}

#[test]
fn long_json_strings_escape_wherever_the_character_stands() {
    for special in [
        "\"", "\\", "<", "\n", "\u{1}", "\u{2028}", "…", "ø", "\u{7f}",
    ] {
        for at in 0..40 {
            let s = format!("{}{special}{}", "a".repeat(at), "b".repeat(40 - at));
            let mut out = String::new();
            json_str(&mut out, &s);
            assert_eq!(out, json_str_by_chars(&s), "{s:?}");
        }
    }
    for c in 0..=255u8 {
        assert_eq!(is_stop_byte(c), STOP_BYTE[usize::from(c)], "{c:#x}");
    }
}

#[test]
fn snippets_are_cut_after_whole_characters() {
    for s in ["", "abc", "æøå", "aæbøcå", "𝄞x𝄞y"] {
        for n in 0..8 {
            let expected: String = s.chars().take(n).collect();
            assert_eq!(first_chars(s, n), expected, "{s} {n}");
        }
    }
}

#[test]
fn numbers_are_written_in_decimal() {
    for n in [0, 7, 10, 99, 100, 4_294_967_295] {
        let mut out = String::new();
        push_u32(&mut out, n);
        assert_eq!(out, n.to_string());
    }
}

/// FNV-1a, for comparing a long script with the one written before.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn the_index_script_is_byte_for_byte_what_it_was() {
    // Pages of every sort of text: headings, links, Danish letters,
    // quotes, a script tag, separators, a control character, a text
    // longer than the snippet, a page without text.
    let long: String = (0..700)
        .map(|i| format!("Ord{} børnene anbringelser å ", i % 37))
        .collect();
    let pages = [
        ("index.html", "Forside", "", "<article><h1>Forside</h1><p>Velkommen til rapporten om børn og unge.</p></article>".to_string()),
        ("tilbud/a.html", "Familiebehandling \"i\" Familiehuset", "Tilbud", "<article><p>Tilbud</p><h1>Familiebehandling</h1><h2>Om børnene</h2><p>Se <a href=\"x\">rådgiver</a> og &lt;script&gt; nu\u{2028}</script> \u{1} ÆØÅ Öl ΣΑΣ</p></article>".to_string()),
        ("sider/lang.html", "Lang side", "Side", format!("<article><h1>Lang side</h1><p>{long}</p><ul><li>Én</li><li>to</li></ul></article>")),
        ("sider/tom.html", "Tom", "", "<article></article>".to_string()),
    ];
    let mut index = Index::default();
    for (url, title, label, article) in &pages {
        index.add(PageTerms::new(url, title, label, article));
    }
    let js = index.to_js();
    assert_eq!((js.len(), fnv(&js)), (4720, 12493945772825991880), "{js}");
    let empty = Index::default().to_js();
    assert_eq!(
        (empty.len(), fnv(&empty)),
        (327, 7413153555785737383),
        "{empty}"
    );
}

#[test]
fn a_page_outranks_an_overview_that_lists_it_often() {
    let page = PageTerms::new(
        "tilbud/a.html",
        "Familiebehandling i Familiehuset",
        "Tilbud",
        "<article><p>Tilbud</p><h1>Familiebehandling i Familiehuset</h1><p>Behandling af hele familien i hjemmet.</p></article>",
    );
    let mut list = String::from("<article><h1>Tilbudsvifte</h1><h2>Tilbud</h2><ul>");
    for i in 0..20 {
        list.push_str(&format!("<li><a href=\"x{i}\">Familiebehandling {i}</a> for børn og unge i alderen fra seks til sytten år</li>"));
    }
    list.push_str("</ul></article>");
    let overview = PageTerms::new("tilbudsvifte.html", "Tilbudsvifte", "", &list);
    let mut index = Index::default();
    index.add(overview);
    index.add(page);
    let js = index.to_js();
    let postings = js.split("\"familiebehandling\":[").nth(1).unwrap();
    let p: Vec<u32> = postings
        .split(']')
        .next()
        .unwrap()
        .split(',')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!((p[0], p[2]), (0, 1));
    assert!(p[3] > p[1], "page {} ≤ overview {}", p[3], p[1]);
    // Labels and title are cut from the text, headings kept apart.
    assert!(
        js.contains("\"Behandling af hele familien i hjemmet.\""),
        "{js}"
    );
}

/// Words that share their first eight bytes, are exactly eight long, are
/// repeated, stand in the title, carry Danish letters.
const TRICKY_WORDS: [&str; 16] = [
    "sagsbehandleren",
    "sagsbehandling",
    "sagsbehandleren",
    "sagsbeha",
    "sagsbehandleren",
    "sagsbeh",
    "abcdefgh",
    "abcdefghi",
    "abcdefgh",
    "boernene",
    "ab",
    "z",
    "aa",
    "ærø",
    "sagsbehandling",
    "sagsbehandlerens",
];

/// More of them: a word of eight bytes and a longer one that starts with it.
const EIGHT_AND_MORE: [&str; 5] = ["indikato", "indikator", "indikato", "indikatorer", "indi"];

#[test]
fn words_are_tallied_as_a_map_would() {
    use std::collections::BTreeMap;
    // Enough distinct words to make the table grow, short and long.
    let many: Vec<String> = (0..300)
        .map(|i| match i % 3 {
            0 => format!("w{i}"),
            1 => format!("indikator{i}"),
            _ => format!("{i}indikat"),
        })
        .collect();
    for n in 0..=TRICKY_WORDS.len() {
        for (rot, extra) in [(0, 0), (5, 40), (11, 300)] {
            let page = (0..n)
                .map(|k| TRICKY_WORDS[(k + rot) % TRICKY_WORDS.len()])
                .chain(EIGHT_AND_MORE)
                .chain(many.iter().take(extra).map(String::as_str))
                .chain(many.iter().take(extra / 2).map(String::as_str));
            let mut buf = String::new();
            // Room for none, some or all of the words: the lists grow.
            let mut tally = Tally::with_room(extra / 4);
            let mut expected: BTreeMap<String, (u32, u32)> = BTreeMap::new();
            // Words as they stand, and what the index keeps of them: lower
            // case, none of those that start with "z".
            let upper: Vec<String> = page.clone().map(str::to_uppercase).collect();
            for (k, w) in page
                .zip(&upper)
                .enumerate()
                .flat_map(|(k, (w, u))| [(2 * k, w), (2 * k + 1, u.as_str())])
            {
                let (in_title, weight) = (k % 3 == 0, (k % 4) as u32);
                tally.count(&mut buf, w, in_title, weight, |buf| {
                    buf.push_str(&w.to_lowercase());
                    !w.starts_with(['z', 'Z'])
                });
                if w.starts_with(['z', 'Z']) {
                    continue;
                }
                let e = expected.entry(w.to_lowercase()).or_default();
                if in_title {
                    e.0 += 1;
                } else {
                    e.1 += weight;
                }
            }
            let (words, terms) = tally.finish(&buf);
            let got: Vec<(&str, u32)> = terms
                .iter()
                .map(|&(s, l, w)| (&words[s as usize..(s + l) as usize], w))
                .collect();
            let want: Vec<(&str, u32)> = expected
                .iter()
                .map(|(w, &(t, x))| (w.as_str(), pack(t, x)))
                .collect();
            assert_eq!(got, want, "{n} {rot} {extra}");
            assert_eq!(buf.len(), words.len(), "each word kept once");
        }
    }
}

#[test]
fn prefix_keys_are_the_first_eight_bytes_then_zeros() {
    for len in 0..=10 {
        let w: Vec<u8> = (0..len).map(|i| 0xf1 - 0x13 * i as u8).collect();
        let mut padded = [0u8; 8];
        let n = len.min(8);
        padded[..n].copy_from_slice(&w[..n]);
        assert_eq!(prefix_key(&w), u64::from_be_bytes(padded), "{len}");
    }
}

#[test]
fn prefix_keys_order_as_the_words_do() {
    let mut words = TRICKY_WORDS.to_vec();
    words.extend(EIGHT_AND_MORE);
    words.extend(["", "a", "b", "ø", "å", "ab\u{7f}", "abcdefgz"]);
    for a in &words {
        for b in &words {
            let (ka, kb) = (prefix_key(a.as_bytes()), prefix_key(b.as_bytes()));
            if ka != kb {
                assert_eq!(ka.cmp(&kb), a.cmp(b), "{a} {b}");
            } else {
                assert!(a == b || (a.len() >= 8 && b.len() >= 8 && a[..8] == b[..8]));
            }
        }
    }
}

#[test]
fn stop_words_are_found_by_their_keys() {
    assert!(STOP.iter().all(|w| w.len() <= 5));
    let mut others: Vec<String> = STOP.iter().map(|w| format!("{w}s")).collect();
    others.extend(STOP.iter().map(|w| w[1..].to_string()));
    others.extend(["", "o", "ogsaax", "ellers", "xg", "iii"].map(String::from));
    for w in STOP
        .iter()
        .copied()
        .chain(others.iter().map(String::as_str))
    {
        assert_eq!(is_stop(w), STOP.contains(&w), "{w:?}");
    }
}

#[test]
fn words_lower_case_and_fold_as_fold_does() {
    for w in [
        "",
        "ABCxyz09",
        "Rådgiver",
        "ÆØÅæøåÄÖäö",
        "ÀÖØÞßàöøþÿ",
        "µªº²",
        "ΣΑΣ",
        "ΣαΣ",
        "İstanbul",
        "ŸÿĀ",
        "Ærø\u{1e9e}",
        "Straße",
        "ÉCOLE",
    ] {
        let mut out = String::from("x");
        push_lower_folded(&mut out, w);
        assert_eq!(out[1..], crate::render::search_text::fold(w), "{w}");
    }
}

#[test]
fn long_snippets_are_cut_after_whole_characters() {
    for unit in ["a", "æ", "a𝄞", "abcæ", "€x"] {
        for reps in [0, 1, 7, 40] {
            let s = unit.repeat(reps);
            for n in [0, 1, 2, 5, 9, 31, 32, 33, 60, 200] {
                let expected: String = s.chars().take(n).collect();
                assert_eq!(first_chars(&s, n), expected, "{s} {n}");
            }
        }
    }
}

/// A spooled index writes the very script an index kept in memory writes,
/// through a folder sink (the scratch file becomes the file) and a memory
/// one, with enough pages to hand the spool several pieces.
#[test]
fn a_spooled_index_writes_the_same_script() {
    let pages: Vec<PageTerms> = (0..1000)
        .map(|i| {
            let text = format!(
                "Side {i} om anbringelser og familier. {}",
                "Ord ".repeat(900)
            );
            PageTerms::new(&format!("sider/s{i}.html"), &format!("Side {i}"), "", &text)
        })
        .collect();
    let mut kept = Index::default();
    for p in &pages {
        kept.add(p.clone());
    }
    let expected = kept.to_js();
    assert!(expected.len() > 2 * SPOOL_PIECE, "{}", expected.len());
    let dir = tempfile::tempdir().unwrap();
    let folder = crate::output::Sink::dir(dir.path());
    let memory = crate::output::Sink::memory();
    for sink in [&folder, &memory] {
        let mut index = Index::spooled(sink.spool("search"));
        for p in &pages {
            index.add(p.clone());
        }
        match index.finish() {
            (Some(start), rest) => sink.put_spliced(INDEX_PATH, b"", start, rest.as_bytes()),
            (None, _) => panic!("the index has its spool"),
        }
        assert_eq!(sink.stats().search_index, expected.len());
    }
    folder.finish().unwrap();
    let written = std::fs::read_to_string(dir.path().join(INDEX_PATH)).unwrap();
    assert!(written == expected, "the folder's script differs");
    assert!(!dir.path().join(".omstil-spool-search").exists());
    let files = memory.into_files();
    assert!(
        files[INDEX_PATH] == expected.as_bytes(),
        "the memory script differs"
    );
}

/// The word splitter before [`word_spans`]: a byte at a time (the
/// tests compare the two).
/// The runs of letters and digits in a text (as `split` on
/// `!char::is_alphanumeric` without the empty pieces), ASCII a byte at a
/// time.
pub(super) struct WordsByByte<'a>(&'a str);

impl<'a> Iterator for WordsByByte<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let s = self.0;
        let b = s.as_bytes();
        let n = b.len();
        // The char at `i` (a boundary) and its length, if it is not ASCII.
        let wide = |i: usize| {
            // Latin-1 letters (æ, ø, å, é, …) without the tables: all of
            // U+00C0–U+00FF but × and ÷.
            if b[i] == 0xc3 && i + 1 < n {
                return (!matches!(b[i + 1], 0x97 | 0xb7), 2);
            }
            // U+0080–U+00BF, mostly signs (the text's "·" separators, §,
            // the no-break space); letters and digits: ª ² ³ µ ¹ º ¼ ½ ¾.
            if b[i] == 0xc2 && i + 1 < n {
                let alnum = matches!(
                    b[i + 1],
                    0xaa | 0xb2 | 0xb3 | 0xb5 | 0xb9 | 0xba | 0xbc..=0xbe
                );
                return (alnum, 2);
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        let mut i = 0;
        loop {
            while i < n && WORD_BYTE[usize::from(b[i])] == SEP {
                i += 1;
            }
            if i == n {
                self.0 = "";
                return None;
            }
            if b[i] < 0x80 {
                break;
            }
            let (word, len) = wide(i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        loop {
            while i < n && WORD_BYTE[usize::from(b[i])] == ALNUM {
                i += 1;
            }
            if i == n || b[i] < 0x80 {
                break;
            }
            let (word, len) = wide(i);
            if !word {
                break;
            }
            i += len;
        }
        self.0 = &s[i..];
        Some(&s[start..i])
    }
}

/// What a byte is to [`Words`] (a table: one load, not a range test or
/// two per byte): ASCII but not a letter or digit, an ASCII letter or
/// digit, or part of a wider character (looked at closer).
const WORD_BYTE: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut c = 0u8;
    while c < 0x80 {
        t[c as usize] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEP
        };
        c += 1;
    }
    t
};
const SEP: u8 = 0;
const ALNUM: u8 = 1;
const WIDE: u8 = 2;

#[test]
fn the_words_of_tricky_pages_are_found_as_a_byte_at_a_time() {
    let pages = [
        "",
        "<p></p>",
        "<header><p>Indsats</p><h1>Tidlig indsats</h1></header><nav><a href=\"/\">Forside</a></nav>",
        "<h2>Om &quot;børn&quot; &amp; unge</h2><p>Se <a href=\"x\">rådgiveren <em>nu</em></a>, og <strong>ÆØÅ</strong>.</p>",
        "<dl><dt>Status</dt><dd>I gang</dd><dt>Ansvarlig</dt><dd>Familie\u{ad}afdelingen</dd></dl>",
        "<table><tr><th>År</th><td>2024 × 3 ÷ 2 – 5 € ½ ²</td></tr></table>",
        "<h3><a href=\"#a\">Link i overskrift</a> mere</h3><p>\u{a0}slut\t \n</p>",
        "<ul><li>a·b</li><li>§ 52, stk. 3</li><li>Ā ж 😀 naïve café</li></ul>",
        "<p>&#39;citat&#39; &lt;b&gt; &amp;&amp; a&b</p><svg><text>x</text></svg>",
    ];
    let mut n = 0;
    for page in pages {
        for shift in 0..34 {
            // Shifted along the stretches, and repeated across them.
            let html = format!("<p>{}</p>{}", "x".repeat(shift), page.repeat(1 + shift % 4));
            let text = crate::render::search_text::marked_text(&html).text;
            let mut spans = Vec::new();
            word_spans(&text, &mut spans);
            assert_eq!(spans, WordsByByte(&text).collect::<Vec<_>>(), "{html:?}");
            n += spans.len();
        }
    }
    assert!(n > 1000);
}
