//! Landscape figures float (issue 14): the text after a landscape figure
//! group fills the portrait page before it (`render/print_float.rs`,
//! `pdf/floats.rs`). Read back from the example's PDF with `pdfinfo` and
//! `pdftotext -bbox`; skips like the other PDF tests without a browser.

use super::common::stderr;
use super::pdf::example_pdf;
use std::path::Path;
use std::process::Command;

/// Each page's size (width, height) in pt, page 1 first.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let o = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "100000"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let n: Vec<f64> = l
                .split_once("size:")
                .unwrap()
                .1
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (n[0], n[1])
        })
        .collect()
}

/// How full a portrait page's text area is (0..1): the lowest word's
/// foot below the text area's top (14 mm), over its height (A4 less
/// 26 mm); the running header and the page number are not counted.
fn fill(pdf: &Path, page: usize) -> f64 {
    let (top, bottom) = (14.0 * 72.0 / 25.4, 841.92 - 12.0 * 72.0 / 25.4);
    let o = Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let num = |line: &str, key: &str| -> Option<f64> {
        let v = &line[line.find(key)? + key.len()..];
        v[..v.find('"')?].parse().ok()
    };
    let lowest = text
        .lines()
        .filter(|l| l.contains("<word"))
        .filter_map(|l| Some((num(l, "yMin=\"")?, num(l, "yMax=\"")?)))
        .filter(|&(y0, _)| y0 > top && y0 < bottom)
        .map(|(_, y1)| y1)
        .fold(top, f64::max);
    (lowest - top) / (bottom - top)
}

/// No portrait page right before a landscape page is less than 60 % full
/// in the example: the blocks after each landscape figure that fit were
/// moved before it (before the floats, the page before the actors' ring
/// was about 20 % full).
#[test]
fn no_half_empty_portrait_page_before_a_landscape_page_in_the_example() {
    let Some(pdf) = example_pdf() else { return };
    let sizes = page_sizes(pdf);
    assert!(sizes.len() > 10, "{sizes:?}");
    let landscape = |i: usize| sizes[i].0 > sizes[i].1;
    let texts = super::pdf::page_texts(pdf);
    let mut checked = 0;
    for (i, text) in texts.iter().enumerate().skip(1) {
        if landscape(i) && !landscape(i - 1) {
            let f = fill(pdf, i);
            // The timeline's section goes on with the plan's table of
            // actions (most of a page), which moves with it: what comes
            // before it keeps its page.
            let timeline = text.contains("Tidsplan");
            assert!(
                f >= 0.6 || timeline,
                "side {i} (før den liggende side {}) er kun {:.0} % fuld",
                i + 1,
                f * 100.0
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "ingen liggende sider: {sizes:?}");
}
