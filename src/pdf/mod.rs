//! The report as one PDF, printed from the site's own `print.html` by a
//! Chromium-family browser already on the machine (headless, command-line
//! printing; see ARCHITECTURE.md for why):
//!
//! ```text
//! browser::find ─▶ print::print(print.html)  ─▶ reader: named destinations
//!   → page numbers ─▶ slots::fill (table of contents, "se s. 12")
//!   ─▶ print again … until the numbers stand still (≤ 3 prints)
//!   ─▶ info::set_info (title, author = municipality, subject, creator)
//! ```
//!
//! A site built in memory is written to a temporary folder first (only
//! `print.html` and the files it can load: not the other pages).

mod browser;
mod floats;
mod info;
mod links;
mod outline;
mod print;
mod reader;
mod slots;

pub use browser::{NotFound, Search};
pub use info::Meta;

use crate::output::Files;
use crate::render::print_float;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The file name of the PDF in a built site.
pub const FILE: &str = "rapport.pdf";

/// The print page it is made from.
const PRINT_PAGE: &str = "print.html";

/// At most this many prints to make the page numbers stand still.
const MAX_PASSES: usize = 3;

/// The default time limit of one print.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// Finds the browser (see [`browser::find`]).
pub fn find_browser(s: &Search) -> Result<PathBuf, NotFound> {
    browser::find(s)
}

/// What the PDF step needs of the report besides its site.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub meta: Meta,
    /// The text after an internal link, `{side}` for the page number
    /// (`pdf.see_page` in strings.yaml).
    pub see_page: String,
}

/// A finished PDF and how it went.
#[derive(Debug)]
pub struct Made {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// How many times the browser printed.
    pub passes: usize,
    pub elapsed: Duration,
    /// Things to tell the consultant (Danish), e.g. a heading a page
    /// number could not be found for.
    pub warnings: Vec<String>,
}

/// Why no PDF was made.
#[derive(Debug)]
pub enum Error {
    Print(print::PrintError),
    Read(reader::Error),
    Io(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Print(e) => e.fmt(f),
            Error::Read(e) => write!(
                f,
                "{e} (lavet af browseren; prøv en nyere Chrome, Edge eller Chromium)"
            ),
            Error::Io(s) => f.write_str(s),
        }
    }
}

impl From<print::PrintError> for Error {
    fn from(e: print::PrintError) -> Self {
        Error::Print(e)
    }
}

impl From<reader::Error> for Error {
    fn from(e: reader::Error) -> Self {
        Error::Read(e)
    }
}

/// Makes the PDF of a site built in memory: writes `print.html` and the
/// files it may load (everything but the other HTML pages) to a temporary
/// folder and prints it there.
pub fn from_files(
    files: &Files,
    input: &Input,
    browser: &Path,
    timeout: Duration,
) -> Result<Made, Error> {
    from_files_page(files, PRINT_PAGE, input, browser, timeout)
}

/// [`from_files`] for another page of the site (`opfoelgning/2025-04.html`:
/// one follow-up round as a status report), printed with its print styles.
pub fn from_files_page(
    files: &Files,
    page: &str,
    input: &Input,
    browser: &Path,
    timeout: Duration,
) -> Result<Made, Error> {
    let tmp = print::TempDir::for_browser(browser, "side").map_err(Error::Print)?;
    for (path, bytes) in files {
        if path.ends_with(".html") && path != page {
            continue;
        }
        let target = tmp.path().join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Io(format!("Kan ikke oprette {}: {e}", dir.display())))?;
        }
        std::fs::write(&target, bytes)
            .map_err(|e| Error::Io(format!("Kan ikke skrive {}: {e}", target.display())))?;
    }
    from_dir_page(tmp.path(), page, input, browser, timeout)
}

/// Makes the PDF of the site in the folder `site` (its `print.html`).
/// Filled copies of the print page are written beside it under a hidden
/// name while printing and removed again.
pub fn from_dir(
    site: &Path,
    input: &Input,
    browser: &Path,
    timeout: Duration,
) -> Result<Made, Error> {
    from_dir_page(site, PRINT_PAGE, input, browser, timeout)
}

/// [`from_dir`] for the page `page` of the site.
pub fn from_dir_page(
    site: &Path,
    page: &str,
    input: &Input,
    browser: &Path,
    timeout: Duration,
) -> Result<Made, Error> {
    let start = Instant::now();
    let page = site.join(page);
    let html = std::fs::read_to_string(&page)
        .map_err(|e| Error::Io(format!("Kan ikke læse {}: {e}", page.display())))?;
    // Beside the page, so that its relative links still work.
    let scratch = Scratch(page.with_file_name(".omstil-pdf-udskrift.html"));
    let write = |html: &str| {
        std::fs::write(&scratch.0, html)
            .map_err(|e| Error::Io(format!("Kan ikke skrive {}: {e}", scratch.0.display())))
    };
    let mut warnings = Vec::new();
    for (label, width) in crate::render::too_wide(&html) {
        warnings.push(format!(
            "Diagrammet \"{label}\" er for bredt til en liggende A4-side med tekst på mindst 8 pt ({width:.0} pt af 773 pt): højre side bliver skåret af på papiret. Færre felter eller kortere navne i diagrammet gør det smallere."
        ));
    }
    let units = print_float::units(&html);
    let mut ks = vec![0; units.len()];
    let mut max_passes = MAX_PASSES;
    let (mut base, mut pdf) = if units.is_empty() {
        (html.clone(), print::print(browser, &page, timeout)?)
    } else {
        // The measuring print: markers around the landscape figures, and
        // the page-number slots filled with a stand-in so that the lines
        // are as long as they will be.
        let base = print_float::arrange(&html, &units, &ks);
        write(&slots::fill_stand_in(&base, &input.see_page))?;
        let pdf = print::print(browser, &scratch.0, timeout)?;
        (base, pdf)
    };
    let mut passes = 1;
    let mut places = reader::Pdf::parse(&pdf)?.named_places()?;
    if !units.is_empty() {
        let moved = floats::choose(&units, &ks, &places);
        if moved != ks {
            ks = moved;
            base = print_float::arrange(&html, &units, &ks);
            // Moving changes pages: one print more may be needed.
            max_passes += 1;
        }
    }
    if slots::has_slots(&base) || ks.iter().any(|&k| k > 0) {
        let mut pages = page_numbers(&places);
        let mut checked = ks.iter().all(|&k| k == 0);
        let mut missing;
        loop {
            let filled;
            (filled, missing) = slots::fill(&base, &pages, &input.see_page);
            write(&filled)?;
            pdf = print::print(browser, &scratch.0, timeout)?;
            passes += 1;
            places = reader::Pdf::parse(&pdf)?.named_places()?;
            let now = page_numbers(&places);
            if !checked {
                // Did the moved blocks fit? Else one less, printed again.
                checked = true;
                let fewer = floats::back_off(&ks, &places);
                if fewer != ks {
                    ks = fewer;
                    base = print_float::arrange(&html, &units, &ks);
                    max_passes += 1;
                    pages = now;
                    continue;
                }
            }
            let stable = now == pages;
            pages = now;
            if stable {
                break;
            }
            if passes >= max_passes {
                warnings.push(format!(
                    "Sidetallene i indholdsfortegnelsen og henvisningerne stod ikke stille efter {passes} udskrifter; nogle kan være en side forkerte."
                ));
                break;
            }
        }
        if !missing.is_empty() {
            warnings.push(format!(
                "{} henvisninger fik intet sidetal, fordi deres mål ikke blev fundet i PDF'en: {}.",
                missing.len(),
                short_list(&missing)
            ));
        }
    }
    let read = reader::Pdf::parse(&pdf)?;
    let page_count = read.pages()?.len();
    match read.catalog()?.get("Lang") {
        Some(reader::Obj::Str(_)) => {}
        _ => warnings
            .push("PDF'en har intet sprog (/Lang); skærmlæsere kan læse den forkert.".into()),
    }
    drop(read);
    let site_url = format!(
        "{}/",
        print::file_url(&std::path::absolute(site).unwrap_or_else(|_| site.to_path_buf()))
    );
    let pdf = links::relative_uris(&pdf, &site_url)?;
    let bytes = info::set_info(&pdf, &input.meta, &outline::heading_texts(&html))?;
    Ok(Made {
        bytes,
        pages: page_count,
        passes,
        elapsed: start.elapsed(),
        warnings,
    })
}

/// Page number of each named destination.
fn page_numbers(places: &BTreeMap<String, reader::Place>) -> BTreeMap<String, usize> {
    places.iter().map(|(k, p)| (k.clone(), p.page)).collect()
}

/// The first few items of a list, and how many more.
fn short_list(v: &[String]) -> String {
    let mut s = v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if v.len() > 5 {
        s.push_str(&format!(" og {} flere", v.len() - 5));
    }
    s
}

/// The filled print page, removed when printing is done.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Writes `bytes` to `path` whole or not at all (a sibling file, renamed).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map_or_else(
        || "rapport.pdf".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = path.with_file_name(format!(".{name}.omstil-ny-{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("Kan ikke skrive {}: {e}", path.display())
        })
}

/// Page numbers of the named destinations of a PDF (id → page, from 1):
/// what the slots are filled from; tests read finished PDFs with it.
pub fn destination_pages(pdf: &[u8]) -> Result<BTreeMap<String, usize>, String> {
    reader::Pdf::parse(pdf)
        .and_then(|p| p.named_pages())
        .map_err(|e| e.to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A two-page PDF whose destination `a` is on page `page`.
    fn two_pages(page: usize) -> Vec<u8> {
        let dests = format!("<</a [{} 0 R /XYZ 0 0 0]>>", page + 2);
        info::tests::assemble(&[
            "<</Type /Catalog /Pages 2 0 R /Dests 5 0 R /Lang (da)>>",
            "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Page /Parent 2 0 R>>",
            &dests,
        ])
    }

    /// A stand-in browser that "prints" the PDFs `pages` in turn (the
    /// destination `a` on the given page) and keeps each page it was given.
    fn fake_browser(dir: &Path, pages: &[usize]) -> PathBuf {
        let pdfs: Vec<Vec<u8>> = pages.iter().map(|&p| two_pages(p)).collect();
        fake_browser_of(dir, &pdfs)
    }

    /// A stand-in browser that "prints" `pdfs` in turn.
    fn fake_browser_of(dir: &Path, pdfs: &[Vec<u8>]) -> PathBuf {
        for (k, pdf) in pdfs.iter().enumerate() {
            std::fs::write(dir.join(format!("pdf{}", k + 1)), pdf).unwrap();
        }
        let body = format!(
            "d='{}'\nn=$(($(cat \"$d/n\" 2>/dev/null || echo 0) + 1))\necho $n > \"$d/n\"\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; file://*) html=\"${{a#file://}}\";; esac; done\ncp \"$html\" \"$d/html$n\"\ncp \"$d/pdf$n\" \"$out\"\n",
            dir.display()
        );
        print::script(&dir.join("browser"), &body)
    }

    fn site(dir: &Path) -> PathBuf {
        let s = dir.join("site");
        std::fs::create_dir_all(&s).unwrap();
        std::fs::write(
            s.join(PRINT_PAGE),
            "<a href=\"#a\">A</a> <span class=\"sidetal\" data-side=\"a\"></span>",
        )
        .unwrap();
        s
    }

    #[test]
    fn prints_again_until_the_page_numbers_stand_still() {
        let tmp = print::TempDir::new("gange").unwrap();
        let b = fake_browser(tmp.path(), &[1, 2, 2]);
        let input = Input {
            see_page: " (se s. {side})".into(),
            ..Input::default()
        };
        let m = from_dir(&site(tmp.path()), &input, &b, TIMEOUT).unwrap();
        assert_eq!(m.passes, 3);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let filled =
            |n: usize| std::fs::read_to_string(tmp.path().join(format!("html{n}"))).unwrap();
        assert!(filled(1).contains("data-side=\"a\"></span>"));
        assert!(
            filled(2).contains("data-side=\"a\">1</span>"),
            "{}",
            filled(2)
        );
        assert!(
            filled(3).contains("data-side=\"a\">2</span>"),
            "{}",
            filled(3)
        );
        // The filled copy is gone from the site again.
        assert_eq!(
            std::fs::read_dir(tmp.path().join("site")).unwrap().count(),
            1
        );
    }

    /// Three A4 pages (portrait, landscape, portrait) with destinations
    /// `(id, page, how far down)`.
    fn three_pages(dests: &[(String, usize, f64)]) -> Vec<u8> {
        let d: String = dests
            .iter()
            .map(|(id, page, down)| format!("/{id} [{} 0 R /XYZ 0 {} 0] ", page + 2, 841.92 - down))
            .collect();
        let dests = format!("<<{d}>>");
        info::tests::assemble(&[
            "<</Type /Catalog /Pages 2 0 R /Dests 6 0 R /Lang (da)>>",
            "<</Type /Pages /Count 3 /Kids [3 0 R 4 0 R 5 0 R]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 594.96 841.92]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 841.92 594.96]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 594.96 841.92]>>",
            &dests,
        ])
    }

    /// A print page with section a, the landscape section f, sections b
    /// and c; printed by a stand-in browser giving the first PDF (b fits
    /// before f, c does not) and then `later` in turn. The passes and the
    /// pages it was given.
    fn float_site(later: &[Vec<u8>]) -> (usize, Vec<String>) {
        use print_float::{after, before, boundary};
        let tmp = print::TempDir::new("flyt").unwrap();
        let at = |id: String, page, down| (id, page, down);
        // Print 1: the page before the figure has 268 pt free; section b
        // (100 pt) fits, section c (a page) does not.
        let first = three_pages(&[
            at("a".into(), 1, 10.0),
            at(boundary(0, 0), 1, 500.0),
            at(before(0), 1, 500.0),
            at(after(0), 3, 0.0),
            at(boundary(0, 1), 3, 100.0),
            at(boundary(0, 2), 3, 760.0),
        ]);
        let mut pdfs = vec![first];
        pdfs.extend_from_slice(later);
        let b = fake_browser_of(tmp.path(), &pdfs);
        let s = tmp.path().join("site");
        std::fs::create_dir_all(&s).unwrap();
        std::fs::write(
            s.join(PRINT_PAGE),
            concat!(
                "<body><div class=\"print-page print-page--part\"><article class=\"page\">",
                "<section class=\"section\" id=\"a\"><p>A <span class=\"se-side\" data-side=\"a\"></span></p></section>",
                "<section class=\"section\" id=\"f\"><div class=\"print-bred\"><h3>F</h3></div></section>",
                "<section class=\"section\" id=\"b\"><p>B</p></section>",
                "<section class=\"section\" id=\"c\"><p>C</p></section>",
                "</article></div></body>"
            ),
        )
        .unwrap();
        let input = Input {
            see_page: " (se s. {side})".into(),
            ..Input::default()
        };
        let m = from_dir(&s, &input, &b, TIMEOUT).unwrap();
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let printed = (1..=m.passes)
            .map(|n| std::fs::read_to_string(tmp.path().join(format!("html{n}"))).unwrap())
            .collect();
        (m.passes, printed)
    }

    /// Whether section f comes after section b in a printed page.
    fn moved(h: &str) -> bool {
        let pos = |id: &str| h.find(&format!("id=\"{id}\"")).unwrap();
        assert!(pos("f") < pos("c") && pos("b") < pos("c"), "{h}");
        pos("b") < pos("f")
    }

    #[test]
    fn a_landscape_figure_moves_past_the_blocks_that_fit_the_page_before_it() {
        use print_float::{after, before, boundary};
        let at = |id: String, page, down| (id, page, down);
        // Printed moved: b fitted on page 1.
        let fitted = three_pages(&[
            at("a".into(), 1, 10.0),
            at(boundary(0, 0), 1, 500.0),
            at(boundary(0, 1), 1, 610.0),
            at(before(0), 1, 610.0),
            at(after(0), 3, 0.0),
            at(boundary(0, 2), 3, 660.0),
        ]);
        let (passes, printed) = float_site(&[fitted.clone(), fitted]);
        assert_eq!(passes, 3);
        // The measuring print: in place, page numbers stood in for.
        assert!(printed[0].contains("(se s. 88)"), "{}", printed[0]);
        assert!(!moved(&printed[0]));
        // Then moved past b, not past c.
        assert!(moved(&printed[1]) && moved(&printed[2]));
        assert!(printed[2].contains("(se s. 1)"));
    }

    #[test]
    fn a_figure_whose_moved_blocks_spilled_over_moves_one_block_less() {
        use print_float::{after, before, boundary};
        let at = |id: String, page, down| (id, page, down);
        // Printed moved: b ran onto the next page (the text before the
        // figure ends on page 3, not page 1 where it stood).
        let spilled = three_pages(&[
            at("a".into(), 1, 10.0),
            at(boundary(0, 0), 1, 500.0),
            at(boundary(0, 1), 3, 20.0),
            at(before(0), 3, 20.0),
            at(after(0), 3, 700.0),
        ]);
        let back = three_pages(&[
            at("a".into(), 1, 10.0),
            at(boundary(0, 0), 1, 500.0),
            at(before(0), 1, 500.0),
            at(after(0), 3, 0.0),
        ]);
        let (passes, printed) = float_site(&[spilled, back.clone(), back]);
        assert_eq!(passes, 4);
        assert!(moved(&printed[1]));
        assert!(!moved(&printed[2]) && !moved(&printed[3]));
    }

    #[test]
    fn stops_after_three_prints_and_warns_when_the_numbers_keep_moving() {
        let tmp = print::TempDir::new("uro").unwrap();
        let b = fake_browser(tmp.path(), &[1, 2, 1]);
        let m = from_dir(&site(tmp.path()), &Input::default(), &b, TIMEOUT).unwrap();
        assert_eq!(m.passes, MAX_PASSES);
        assert!(
            m.warnings.iter().any(|w| w.contains("stod ikke stille")),
            "{:?}",
            m.warnings
        );
    }
}
