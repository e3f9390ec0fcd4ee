use super::*;

#[test]
fn danish_stemming_joins_inflected_forms() {
    assert_eq!(stem("anbringelser"), stem("anbringelserne"));
    assert_eq!(stem("familier"), stem("familierne"));
    assert_eq!(stem("barn"), "barn");
    assert_eq!(
        Words("Støtte i Almenområdet!")
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
    ] {
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(Words(text).collect::<Vec<_>>(), expected, "{text}");
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
