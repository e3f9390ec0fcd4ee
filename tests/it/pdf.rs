//! The PDF (issue 14): `omstil pdf`, `build --pdf`, the "no browser"
//! message, and the finished PDF read back with poppler (pdfinfo,
//! pdftotext, pdffonts) and qpdf.
//!
//! Tests that need a browser and the PDF tools skip (with a printed
//! reason) when they are missing, unless `OMSTIL_KRAEV_BROWSER=1` is set
//! (CI sets it), so a fresh `cargo test` without Chromium passes and CI
//! cannot skip silently.
//!
//! Reusable for other PDF tests: [`example_pdf`] (the bundled example's
//! PDF, made once per test run), [`page_texts`], [`pdfinfo`],
//! [`outline`], [`check_toc`], [`check_page_numbers`].

#![allow(dead_code)]

use super::common::{TestReport, bin, repo, stderr, stdout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Whether CI demands the browser tests (`OMSTIL_KRAEV_BROWSER=1`).
fn required() -> bool {
    std::env::var_os("OMSTIL_KRAEV_BROWSER").is_some_and(|v| v == "1")
}

/// Why the PDF tests cannot run here (no browser, no poppler/qpdf), or
/// `None` when they can. Panics instead when CI demands them.
pub fn unavailable() -> Option<String> {
    static WHY: OnceLock<Option<String>> = OnceLock::new();
    let why = WHY.get_or_init(|| {
        let search = omstil::pdf::Search::system(None);
        if let Err(e) = omstil::pdf::find_browser(&search) {
            return Some(format!("ingen browser: {e}"));
        }
        for tool in ["pdfinfo", "pdftotext", "pdffonts", "qpdf"] {
            let ok = Command::new(tool)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
            if !ok {
                return Some(format!("{tool} mangler (poppler-utils, qpdf)"));
            }
        }
        None
    });
    match why {
        Some(w) if required() => {
            panic!("OMSTIL_KRAEV_BROWSER=1, men PDF-testene kan ikke køre: {w}")
        }
        Some(w) => {
            eprintln!("PDF-test sprunget over: {w}");
            Some(w.clone())
        }
        None => None,
    }
}

/// A scratch folder for PDFs under Cargo's target folder.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pdf-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The bundled example's PDF (`omstil pdf content`), made once per test
/// run; `None` when the PDF tests cannot run here.
pub fn example_pdf() -> Option<&'static Path> {
    if unavailable().is_some() {
        return None;
    }
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    Some(PDF.get_or_init(|| {
        let out = scratch("eksempel").join("rapport.pdf");
        let o = bin()
            .arg("pdf")
            .arg(repo().join("content"))
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        out
    }))
}

/// The text of each page (`pdftotext -layout`), page 1 first.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    // Reading order, not `-layout`: a two-column page (the appendix) would
    // interleave the columns' lines and split a heading that wraps.
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `pdfinfo`'s fields.
pub fn pdfinfo(pdf: &Path) -> BTreeMap<String, String> {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The outline (bookmarks) in reading order: depth, title, page (from 1).
pub fn outline(pdf: &Path) -> Vec<(usize, String, usize)> {
    let o = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String, usize)>) {
        for it in items.as_array().into_iter().flatten() {
            let title = it["title"].as_str().unwrap_or_default().to_string();
            let page = it["destpageposfrom1"].as_u64().unwrap_or(0) as usize;
            out.push((depth, title, page));
            walk(&it["kids"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&v["outlines"], 0, &mut out);
    out
}

/// Letters and digits only, lower-case: text compared across line breaks,
/// hyphenation and dot leaders.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The table-of-contents entries of a print page: `<a href="#ID">TITLE</a>`
/// followed by `<span class="sidetal" data-side="ID">` (SPEC14 §1).
pub fn toc_entries(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"sidetal\" data-side=\"") {
        let before = &rest[..i];
        let after = &rest[i + 33..];
        let id = after[..after.find('"').unwrap()].to_string();
        let a = before
            .rfind(&format!("<a href=\"#{id}\""))
            .expect("slot after its link");
        let a_text = &before[a..];
        let text = &a_text[a_text.find('>').unwrap() + 1..a_text.find("</a>").unwrap()];
        out.push((id, super::common::text_of(text)));
        rest = after;
    }
    out
}

/// Every word of `title` is on the page (text extraction may put a wrapped
/// heading's lines apart when the page has two columns).
pub fn words_on_page(page: &str, title: &str) -> bool {
    let page = squash(page);
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| page.contains(&squash(w)))
}

/// Every table-of-contents entry's page number is the page where its
/// target (a named destination) and its heading text are.
pub fn check_toc(pdf: &Path, html: &str) {
    let texts = page_texts(pdf);
    let dests = omstil::pdf::destination_pages(&std::fs::read(pdf).unwrap()).unwrap();
    let entries = toc_entries(html);
    assert!(!entries.is_empty(), "no table of contents slots");
    // Lines kept apart by `|`, so that "Alfa 4" is not read as "Alfa 42"
    // when the next line starts with a number.
    let toc: String = texts
        .iter()
        .flat_map(|t| t.lines())
        .map(squash)
        .collect::<Vec<_>>()
        .join("|");
    for (id, title) in &entries {
        let page = *dests
            .get(id)
            .unwrap_or_else(|| panic!("no destination for #{id} in the PDF"));
        assert!(
            words_on_page(&texts[page - 1], title),
            "`{title}` (#{id}) is not on page {page}:\n{}",
            texts[page - 1]
        );
        let want = format!("{}{page}", squash(title));
        let found = (0..toc.len())
            .filter(|&i| toc.is_char_boundary(i))
            .any(|i| matches_across_lines(&toc[i..], &want));
        assert!(
            found,
            "the table of contents does not say `{title}` … {page}"
        );
    }
}

/// Whether `hay` starts with `want`, line breaks (`|`) in `hay` allowed
/// anywhere but at the end, and no digit right after it (a title that
/// wraps in the table of contents still matches; "4" never matches "45").
fn matches_across_lines(hay: &str, want: &str) -> bool {
    let mut h = hay.chars().peekable();
    for w in want.chars() {
        loop {
            match h.next() {
                Some('|') => continue,
                Some(c) if c == w => break,
                _ => return false,
            }
        }
    }
    !h.peek().is_some_and(|c| c.is_ascii_digit())
}

/// "Side X af Y" on every page after the cover, not on the cover.
pub fn check_page_numbers(texts: &[String]) {
    let n = texts.len();
    assert!(
        !texts[0].contains("Side 1 af"),
        "the cover has a page number"
    );
    for (i, t) in texts.iter().enumerate().skip(1) {
        let want = format!("Side {} af {n}", i + 1);
        assert!(t.contains(&want), "page {} lacks `{want}`:\n{t}", i + 1);
    }
}

/// The example's print page, as `omstil` builds it.
fn example_print_html() -> String {
    let b = omstil::build(&repo().join("content"));
    let files = b.files.expect("the example builds");
    String::from_utf8(files["print.html"].clone()).unwrap()
}

/// Whether the print page has the print helper's layout (page-number
/// slots); until it does, the checks of that layout on the example skip.
fn has_print_layout(html: &str) -> bool {
    if html.contains("class=\"sidetal\"") {
        return true;
    }
    eprintln!(
        "PDF-test sprunget over: eksemplets print.html har endnu ingen sidetal-pladser (print-layoutet)"
    );
    false
}

// ---- without a browser ----

#[test]
fn pdf_without_a_browser_says_what_was_looked_for_and_writes_nothing() {
    let r = TestReport::fixture("minimal");
    let out = r.tmp.path().join("rapport.pdf");
    std::fs::write(&out, "gammel").unwrap();
    let o = bin()
        .args(["pdf"])
        .arg(r.root())
        .arg("--output")
        .arg(&out)
        .args(["--browser", "/nonexistent"])
        .env("PATH", "")
        .env_remove("OMSTIL_BROWSER")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("/nonexistent") && e.contains("--browser"), "{e}");
    assert!(
        e.contains("Chrome") && e.contains("Edge") && e.contains("Chromium"),
        "{e}"
    );
    assert!(e.contains("Ingen PDF"), "{e}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "gammel");

    // The environment variable is named when it is what points nowhere.
    let o = bin()
        .arg("pdf")
        .arg(r.root())
        .arg("--output")
        .arg(&out)
        .env("PATH", "")
        .env("OMSTIL_BROWSER", "/ingen/browser")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("OMSTIL_BROWSER"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "gammel");
}

#[test]
fn build_pdf_without_a_browser_leaves_the_old_site() {
    let r = TestReport::fixture("minimal");
    assert!(r.build().status.success());
    let before = r.read_out("index.html");
    let o = bin()
        .arg("build")
        .arg(r.root())
        .arg("--output")
        .arg(r.out())
        .args(["--pdf", "--browser", "/nonexistent"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("/nonexistent"));
    assert_eq!(r.read_out("index.html"), before);
    assert!(!r.out().join("rapport.pdf").exists());
}

// ---- with a browser ----

#[test]
fn example_pdf_is_tagged_titled_outlined_with_embedded_fonts() {
    let Some(pdf) = example_pdf() else { return };
    let info = pdfinfo(pdf);
    assert_eq!(info["Tagged"], "yes");
    assert_eq!(info["Title"], "Tidligere forebyggende indsats 2023–2025");
    assert_eq!(info["Author"], "Egeskov Kommune");
    assert_eq!(
        info["Subject"],
        "Statusrapport til Børne- og Ungeudvalget, marts 2025"
    );
    assert_eq!(info["Creator"], "omstil");
    // The bound: the example on at most 45 A4 pages.
    let pages: usize = info["Pages"].parse().unwrap();
    assert!(pages <= 45, "{pages} pages");
    let bytes = std::fs::read(pdf).unwrap();
    assert!(bytes.len() < 5 * 1024 * 1024, "{} bytes", bytes.len());
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has("/Lang (da)"), "no /Lang (da)");
    // No address of the folder it was printed from.
    assert!(!has("file://"), "a file:// link in the PDF");
    assert!(
        !has("omstil-side-"),
        "the temporary folder's name in the PDF"
    );
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stdout(&check));
    let fonts = Command::new("pdffonts").arg(pdf).output().unwrap();
    let fonts = stdout(&fonts);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        // name type encoding emb sub uni object ID: `emb` is the 4th
        // column from the right of the object number.
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
    // The outline follows the headings: each entry's title is on its page.
    let texts = page_texts(pdf);
    let marks = outline(pdf);
    assert!(marks.len() > 20, "{marks:?}");
    assert!(marks.iter().any(|m| m.0 > 0), "a flat outline: {marks:?}");
    // A heading that wraps keeps its spaces in its bookmark (Chromium
    // joins the lines without one; `pdf/outline.rs` mends them): the
    // cover's title wraps after "forebyggende".
    assert_eq!(marks[0].1, "Tidligere forebyggende indsats 2023–2025");
    assert!(
        !marks.iter().any(|m| m.1.contains("tilsårbare")),
        "{marks:?}"
    );
    // Text in two columns: `pdftotext` mixes the lines of both columns, so
    // a heading that wraps in its column is found word by word.
    for (_, title, page) in &marks {
        let text = squash(&texts[page - 1]);
        assert!(
            text.contains(&squash(title))
                || title.split_whitespace().all(|w| {
                    // The outline joins a heading's lines without a space.
                    let w = squash(w);
                    let cut = |k: usize| {
                        w.is_char_boundary(k) && text.contains(&w[..k]) && text.contains(&w[k..])
                    };
                    text.contains(&w) || (1..w.len()).any(cut)
                }),
            "outline entry `{title}` is not on page {page}"
        );
    }
}

/// Depends on the print helper's layout (skips until print.html has slots).
#[test]
fn example_table_of_contents_gives_the_pages_of_the_headings() {
    let Some(pdf) = example_pdf() else { return };
    let html = example_print_html();
    if !has_print_layout(&html) {
        return;
    }
    check_toc(pdf, &html);
}

/// Depends on the print helper's layout (skips until print.html has slots).
#[test]
fn example_pages_after_the_cover_are_numbered() {
    let Some(pdf) = example_pdf() else { return };
    if !has_print_layout(&example_print_html()) {
        return;
    }
    check_page_numbers(&page_texts(pdf));
}

#[test]
fn slots_get_the_pages_their_targets_land_on() {
    if unavailable().is_some() {
        return;
    }
    let r = TestReport::fixture("pdf-sidetal");
    let out = r.tmp.path().join("ud.pdf");
    let o = bin()
        .arg("pdf")
        .arg(r.root())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // Printed once to find the pages, once with them filled in (Beta
    // runs over several pages, so Gamma's number depends on it).
    assert!(stdout(&o).contains("2 udskrifter"), "{}", stdout(&o));
    let html = std::fs::read_to_string(r.root().join("themes/pdf/templates/print.html")).unwrap();
    check_toc(&out, &html);
    let texts = page_texts(&out);
    check_page_numbers(&texts);
    let dests = omstil::pdf::destination_pages(&std::fs::read(&out).unwrap()).unwrap();
    let gamma = dests["sider-gamma"];
    assert!(gamma > dests["sider-beta"] + 1, "{dests:?}");
    assert!(
        texts[1].contains(&format!("Gamma (se s. {gamma})")),
        "{}",
        texts[1]
    );
    let info = pdfinfo(&out);
    assert_eq!(info["Author"], "Prøvekommune");
    assert_eq!(
        info["Page size"].split(" pts").next(),
        Some("594.96 x 841.92")
    );
}

#[test]
fn build_pdf_puts_the_pdf_in_the_site_and_links_it() {
    if unavailable().is_some() {
        return;
    }
    let r = TestReport::fixture("pdf-sidetal");
    let build_pdf = || {
        let o = bin()
            .arg("build")
            .arg(r.root())
            .arg("--output")
            .arg(r.out())
            .arg("--pdf")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(r.out().join("rapport.pdf")).unwrap()
    };
    let first = build_pdf();
    assert!(first.starts_with(b"%PDF"));
    let index = r.read_out("index.html");
    assert!(index.contains("Hent rapporten som PDF"), "{index}");
    assert!(index.contains("href=\"rapport.pdf\""));
    assert!(
        r.read_out("sider/alfa.html")
            .contains("href=\"../rapport.pdf\"")
    );
    assert!(r.read_out(".omstil-output").contains("rapport.pdf"));
    // Nothing left over from printing.
    let names: Vec<String> = std::fs::read_dir(r.out())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("omstil-pdf")), "{names:?}");
    // The same report gives the same PDF.
    assert!(build_pdf() == first, "two builds gave different PDFs");
    // Without --pdf: no PDF and no link (a link is never broken).
    assert!(r.build().status.success());
    assert!(!r.out().join("rapport.pdf").exists());
    assert!(!r.read_out("index.html").contains("rapport.pdf"));
    assert!(!r.read_out("sider/alfa.html").contains("rapport.pdf"));
}
