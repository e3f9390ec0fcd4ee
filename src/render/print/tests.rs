//! Tests of the print page's rewrite, beside the passes it replaced
//! (kept here as the reference the joined scan is compared with).

use super::*;

// The passes as they were before `rewrite_tags` joined them: one scan
// for headings, one for attributes. The joined scan must give the same.
/// `<h1`…`<h5` and `</h1>`…`</h5>` one level down.
fn shift_headings_ref(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let t = &rest[i..];
        let b = t.as_bytes();
        let (open, close) = (b.get(1) == Some(&b'h'), b.get(1) == Some(&b'/'));
        let digit_at = if open { 2 } else { 3 };
        let level = b
            .get(digit_at)
            .copied()
            .filter(|d| (b'1'..=b'5').contains(d));
        match level {
            Some(d) if open => {
                out.push_str("<h");
                out.push((d + 1) as char);
                rest = &t[3..];
            }
            Some(d) if close && b.get(2) == Some(&b'h') && b.get(4) == Some(&b'>') => {
                out.push_str("</h");
                out.push((d + 1) as char);
                out.push('>');
                rest = &t[5..];
            }
            _ => {
                out.push('<');
                rest = &t[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Prefixes `id`, `aria-labelledby` and `aria-describedby` values with the
/// page, and rewrites `href`s: fragments get the prefix, links to other
/// pages become fragments of the print page.
fn rewrite_attrs_ref(s: &str, p: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 10);
    let mut rest = s;
    while let Some(i) = rest.find("=\"") {
        let start = i + 2;
        let name_start = rest[..i]
            .char_indices()
            .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_'))
            // (`k + 1` before: inside a non-ASCII character, a panic.)
            .map_or(0, |(k, c)| k + c.len_utf8());
        let name = &rest[name_start..i];
        let spaced = rest[..name_start].ends_with(' ');
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('"') else {
            rest = &rest[start..];
            break;
        };
        let v = &rest[start..start + end];
        match name {
            "id" if spaced => {
                out.push_str(p);
                out.push_str("--");
                out.push_str(v);
            }
            "aria-labelledby" | "aria-describedby" if spaced => {
                for (k, x) in v.split(' ').enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(p);
                    out.push_str("--");
                    out.push_str(x);
                }
            }
            n if n.ends_with("href") => out.push_str(&rewrite_href_ref(p, v)),
            _ => out.push_str(v),
        }
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}

fn rewrite_href_ref(p: &str, v: &str) -> String {
    if let Some(frag) = v.strip_prefix('#') {
        return format!("#{p}--{frag}");
    }
    if let Some(rest) = v.strip_prefix(ROOT) {
        let (file, frag) = match rest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (rest, None),
        };
        if file.ends_with(".html") && file != "print.html" {
            let target = prefix_of(file);
            return match frag {
                Some(a) => format!("#{target}--{a}"),
                None => format!("#{target}"),
            };
        }
    }
    v.to_string()
}

/// After each internal link (`<a href="#ID">…</a>`, outside drawings) an
/// empty `<span class="se-side" data-side="ID"></span>` for the page number.
fn page_slots_ref(s: &str) -> String {
    const A: &str = "<a href=\"#";
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut rest = s;
    while let Some(i) = rest.find(A) {
        // Skip drawings: their links are the boxes themselves.
        if let Some(v) = rest[..i].rfind("<svg")
            && rest[v..i].find("</svg>").is_none()
        {
            let end = rest[i..].find("</svg>").map_or(rest.len(), |e| i + e + 6);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let id_start = i + A.len();
        let (Some(q), Some(close)) = (rest[id_start..].find('"'), rest[i..].find("</a>")) else {
            break;
        };
        let id = &rest[id_start..id_start + q];
        let end = i + close + 4;
        out.push_str(&rest[..end]);
        out.push_str(&format!(
            "<span class=\"se-side\" data-side=\"{id}\"></span>"
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Tricky articles: entities, non-ASCII, nested and unclosed tags,
/// headings inside values, names next to quotes, empty values.
fn tricky() -> Vec<String> {
    let parts = [
        "<h1 id=\"x\">T &amp; æøå</h1>",
        "<h5>five</h5><h6>six</h6><hr><h0>",
        "</h3>",
        "</h3 >",
        "<h",
        "</h2",
        "<a href=\"#a\">A</a>",
        "<a href=\"omstil-root:/maal/a.html#ind\">I</a>",
        "<a href=\"omstil-root:/print.html\">P</a>",
        "<img src=\"omstil-root:/billeder/l.png\" alt=\"<h2>\">",
        "<use xlink:href=\"#m\"/>",
        "<svg aria-labelledby=\"t d\" aria-describedby=\"\">",
        "<p data-id=\"x\" id=\"\">=\"</p>",
        "id=\"top\"",
        "<h1id=\"x\"><h2href=\"#y\">",
        "x=\"<h1>\" y=\"</h4>\"",
        "a=b ==\"q\" =",
        "é=\"ø\" ü id=\"€\"",
        "<p title='<h1>'>",
        "=\"unclosed <h2> </h1>",
        "<svg viewBox=\"0 0 1 1\"><a href=\"#in\"><text>x</text></a></svg>",
        "<svg>",
        "</svg>",
        "<a href=\"#out\">y</a>",
        "<a href=\"#n\">unclosed",
    ];
    let mut out: Vec<String> = vec![String::new()];
    out.extend(parts.iter().map(|p| p.to_string()));
    // Every pair and some longer runs, so that each part follows
    // each other (the name before a quote, a value after a heading).
    for a in parts {
        for b in parts {
            out.push(format!("{a}{b}"));
            out.push(format!("{a} {b}\n"));
        }
    }
    // For the long needles of the search test: their head occurs
    // where all of them does not.
    out.push(format!(
        "{}<h1 id=\"x\">{}<h1 id=\"x\">",
        "<h".repeat(45),
        "<h".repeat(40)
    ));
    out.push(format!("{}ø{}ø", "a".repeat(70), "a".repeat(63)));
    let mut seed = 7u32;
    for _ in 0..200 {
        let mut s = String::new();
        for _ in 0..8 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            s.push_str(parts[(seed >> 16) as usize % parts.len()]);
        }
        out.push(s);
    }
    out
}

#[test]
fn the_joined_scan_rewrites_as_the_two_passes_did() {
    for a in tricky() {
        let want = rewrite_attrs_ref(&shift_headings_ref(&a), "side-x");
        assert_eq!(rewrite_tags(&a, "side-x"), want, "{a}");
        assert_eq!(shift_headings(&a), shift_headings_ref(&a), "{a}");
        let mut slots = String::new();
        page_slots(&mut slots, &a);
        assert_eq!(slots, page_slots_ref(&a), "{a}");
    }
}

#[test]
fn the_vectorized_search_finds_and_replaces_as_str_does() {
    for a in tricky() {
        let long = format!("{}<h1 id=\"x\">", "<h".repeat(40));
        let long_ø = format!("{}ø", "a".repeat(63));
        for n in [
            "<h",
            "=\"",
            "\"",
            "</h3>",
            "ø",
            "omstil-root:/",
            "zz",
            "",
            &long,
            &long_ø,
        ] {
            assert_eq!(find(&a, n), a.find(n), "{a} {n}");
            assert_eq!(rfind(&a, n), a.rfind(n), "{a} {n}");
            assert_eq!(contains(&a, n), a.contains(n), "{a} {n}");
            assert_eq!(replace(&a, n, "<>"), a.replace(n, "<>"), "{a} {n}");
        }
    }
}

#[test]
fn links_between_pages_become_anchors_in_the_print_page() {
    let a = "<article><h1 id=\"x\">T</h1><a href=\"omstil-root:/maal/a.html\">A</a> <a href=\"omstil-root:/maal/a.html#ind\">I</a> <a href=\"#x\">X</a> <img src=\"omstil-root:/billeder/l.png\"><svg aria-labelledby=\"t d\"><path marker-end=\"url(#m)\"/></svg></article>";
    let r = rewrite("hypoteser/h.html", a);
    assert!(r.starts_with("<div class=\"print-page print-page--item\" id=\"hypoteser-h\">"));
    assert!(
        r.contains("<a href=\"#maal-a\">A</a><span class=\"se-side\" data-side=\"maal-a\"></span>"),
        "{r}"
    );
    assert!(r.contains("<h2 id=\"hypoteser-h--x\">T</h2>"), "{r}");
    assert!(r.contains("href=\"#maal-a\""));
    assert!(r.contains("href=\"#maal-a--ind\""));
    assert!(r.contains("href=\"#hypoteser-h--x\""));
    // The print page is at the root.
    assert!(r.contains("src=\"billeder/l.png\""), "{r}");
    assert!(r.contains("aria-labelledby=\"hypoteser-h--t hypoteser-h--d\""));
    assert!(r.contains("url(#hypoteser-h--m)"));
}
