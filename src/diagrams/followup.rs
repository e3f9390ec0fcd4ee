//! Follow-up diagrams: the progress chart (the actions by status at each
//! round, one stacked bar per round, each part labelled with its count and
//! told apart by fill, outline and pattern, not colour alone) and the
//! follow-up process (data sources → report → forum → decisions). Both
//! have text equivalents built by `render::followup`.

use super::text::{Font, wrap};
use super::timeline::{bar_style, status_rect, status_text};
use super::{Doc, Svg, colour, def_url, defs, document, num};
use crate::content::raw::Status;
use crate::theme::Strings;

const W: f64 = 600.0;
const LABEL_W: f64 = 130.0;
const BAR_H: f64 = 26.0;
const ROW_H: f64 = 40.0;
const LABEL: Font = Font::regular(12.5);
const COUNT: Font = Font::bold(12.0);

/// The statuses in the chart's order: done first, then under way, then
/// what has not begun, then what stopped; "not stated" last.
pub const ORDER: [Option<Status>; 6] = [
    Some(Status::Gennemfoert),
    Some(Status::IGang),
    Some(Status::Planlagt),
    Some(Status::Udskudt),
    Some(Status::Aflyst),
    None,
];

/// Counts per status in [`ORDER`] for one round.
pub fn count(statuses: &[Option<Status>]) -> [usize; 6] {
    let mut out = [0; 6];
    for s in statuses {
        if let Some(i) = ORDER.iter().position(|o| o == s) {
            out[i] += 1;
        }
    }
    out
}

/// Draws one segment in a status's style.
fn segment(s: &mut Svg, st: Option<Status>, x: f64, y: f64, w: f64, h: f64) {
    status_rect(s, st, "fremdrift", (x, y, w, h), &[]);
}

/// The progress chart: `rounds` are (label, counts per [`ORDER`]).
/// `None` when there is no round.
pub fn progress(rounds: &[(String, [usize; 6])], t: &Strings) -> Option<String> {
    if rounds.is_empty() {
        return None;
    }
    let mut s = Svg::new();
    defs(&mut s, "fremdrift");
    // Legend: a swatch and the word for each status that occurs.
    let used: Vec<usize> = (0..ORDER.len())
        .filter(|i| rounds.iter().any(|(_, c)| c[*i] > 0))
        .collect();
    let mut x = 0.0;
    let mut y = 6.0;
    for &i in &used {
        let word = status_text(ORDER[i], t);
        let w = 22.0 + LABEL.width(&word) + 18.0;
        if x + w > W {
            x = 0.0;
            y += 22.0;
        }
        segment(&mut s, ORDER[i], x + 1.0, y, 16.0, 14.0);
        s.text(x + 22.0, y + 12.0, &word, LABEL, "start", colour::TEXT);
        x += w;
    }
    let top = y + 30.0;
    let max = rounds
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x0 = LABEL_W + 10.0;
    let width = W - x0 - 4.0;
    for (ri, (label, counts)) in rounds.iter().enumerate() {
        let ry = top + ri as f64 * ROW_H;
        let lines = wrap(label, LABEL, LABEL_W);
        let lh = LABEL.line_height() * lines.len() as f64;
        s.lines(
            LABEL_W,
            ry + (BAR_H - lh) / 2.0,
            &lines,
            LABEL,
            "end",
            colour::TEXT,
        );
        let mut bx = x0;
        for (i, n) in counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = *n as f64 / max * width;
            segment(&mut s, ORDER[i], bx, ry, w, BAR_H);
            let (_, _, _, ink) = bar_style(ORDER[i]);
            let text = n.to_string();
            if COUNT.width(&text) + 6.0 <= w && ORDER[i] != Some(Status::Aflyst) {
                s.text(bx + w / 2.0, ry + 17.5, &text, COUNT, "middle", ink);
            }
            bx += w;
        }
    }
    let height = top + rounds.len() as f64 * ROW_H;
    let desc = format!(
        "{} {}",
        t.get("followup.chart_desc"),
        t.get("diagram.see_text")
    );
    Some(document(
        &Doc {
            id: "fremdrift",
            width: W,
            height: height.ceil(),
            title: t.get("followup.chart_title"),
            desc: &desc,
        },
        s,
    ))
}

/// One box of the process: a heading and lines under it.
pub struct Step {
    pub heading: String,
    pub lines: Vec<String>,
}

const SRC_W: f64 = 230.0;
const BOX_W: f64 = 170.0;
const GAP: f64 = 34.0;
const VGAP: f64 = 10.0;
const HEAD: Font = Font::bold(13.0);
const BODY: Font = Font::regular(12.0);

/// A step laid out: its heading and bullet lines wrapped to `w`, and its height.
fn lay(st: &Step, w: f64) -> (Vec<String>, Vec<Vec<String>>, f64) {
    let head = wrap(&st.heading, HEAD, w - 16.0);
    let lines: Vec<Vec<String>> = st.lines.iter().map(|l| wrap(l, BODY, w - 28.0)).collect();
    let h = 18.0
        + HEAD.block_height(head.len())
        + lines
            .iter()
            .map(|l| BODY.block_height(l.len()) + 4.0)
            .sum::<f64>();
    (head, lines, h)
}

fn draw_box(
    s: &mut Svg,
    x: f64,
    y: f64,
    w: f64,
    laid: &(Vec<String>, Vec<Vec<String>>, f64),
    style: (&str, &str),
) {
    let (head, lines, h) = laid;
    let (fill, ink) = style;
    s.rect(
        x,
        y,
        w,
        *h,
        &[
            ("rx", "6"),
            ("fill", fill),
            ("stroke", ink),
            ("stroke-width", "1.5"),
        ],
    );
    s.lines(x + 8.0, y + 8.0, head, HEAD, "start", ink);
    let mut ly = y + 8.0 + HEAD.block_height(head.len()) + 4.0;
    for l in lines {
        s.text(x + 10.0, baseline_of(ly), "•", BODY, "start", colour::TEXT);
        s.lines(x + 20.0, ly, l, BODY, "start", colour::TEXT);
        ly += BODY.block_height(l.len()) + 4.0;
    }
}

fn baseline_of(top: f64) -> f64 {
    super::baseline(top, BODY)
}

fn arrow(s: &mut Svg, x1: f64, y1: f64, x2: f64, y2: f64, marker: &str) {
    let (a, b, c, d) = (num(x1), num(y1), num(x2), num(y2));
    s.leaf(
        "line",
        &[
            ("x1", &a),
            ("y1", &b),
            ("x2", &c),
            ("y2", &d),
            ("stroke", colour::EDGE),
            ("stroke-width", "1.5"),
            ("marker-end", marker),
        ],
    );
}

/// The process: the data sources stacked in a column on the left, each
/// with an arrow into the first of `steps`, which follow left to right.
pub fn process(sources: &[Step], steps: &[Step], t: &Strings) -> Option<String> {
    if sources.is_empty() && steps.is_empty() {
        return None;
    }
    let src: Vec<_> = sources.iter().map(|st| lay(st, SRC_W)).collect();
    let rest: Vec<_> = steps.iter().map(|st| lay(st, BOX_W)).collect();
    let col_h = src.iter().map(|l| l.2).sum::<f64>() + VGAP * src.len().saturating_sub(1) as f64;
    let rest_h = rest.iter().map(|l| l.2).fold(0.0, f64::max);
    let height = col_h.max(rest_h) + 8.0;
    let mid = 4.0 + (height - 8.0) / 2.0;
    let mut s = Svg::new();
    defs(&mut s, "proces");
    let marker = def_url("proces", "pil");
    let mut x = 0.0;
    if !src.is_empty() {
        let mut y = 4.0 + (height - 8.0 - col_h) / 2.0;
        for l in &src {
            draw_box(&mut s, 0.0, y, SRC_W, l, colour::SHORT);
            if !rest.is_empty() {
                arrow(
                    &mut s,
                    SRC_W + 2.0,
                    y + l.2 / 2.0,
                    SRC_W + GAP - 2.0,
                    mid,
                    &marker,
                );
            }
            y += l.2 + VGAP;
        }
        x = SRC_W + GAP;
    }
    for (i, l) in rest.iter().enumerate() {
        draw_box(&mut s, x, mid - l.2 / 2.0, BOX_W, l, colour::INDSATS);
        if i + 1 < rest.len() {
            arrow(
                &mut s,
                x + BOX_W + 2.0,
                mid,
                x + BOX_W + GAP - 2.0,
                mid,
                &marker,
            );
        }
        x += BOX_W + GAP;
    }
    let width = x - GAP;
    let desc = format!(
        "{} {}",
        t.get("followup.process_desc"),
        t.get("diagram.see_text")
    );
    Some(document(
        &Doc {
            id: "proces",
            width: width.ceil(),
            height: height.ceil(),
            title: t.get("followup.process_title"),
            desc: &desc,
        },
        s,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_chart_order() {
        let c = count(&[
            Some(Status::IGang),
            None,
            Some(Status::Gennemfoert),
            Some(Status::IGang),
        ]);
        assert_eq!(c, [1, 2, 0, 0, 0, 1]);
    }

    #[test]
    fn chart_names_every_status_in_words() {
        let t = super::super::test_strings("da");
        let svg = progress(
            &[
                ("oktober 2023".into(), [1, 2, 3, 0, 0, 0]),
                ("april 2024".into(), [3, 2, 0, 1, 0, 0]),
            ],
            &t,
        )
        .unwrap();
        for w in ["Gennemført", "I gang", "Planlagt", "Udskudt"] {
            assert!(svg.contains(&format!(">{w}<")), "{w}");
        }
        assert!(
            !svg.contains(">Aflyst<"),
            "a status no round has is left out"
        );
        assert!(progress(&[], &t).is_none());
    }
}
