//! Charts: key figures over the years (`keyfig.rs`, drawn with plotters'
//! SVG backend: the municipality against the comparison series and the
//! target), and bar charts for the self-assessment per theme and the
//! case-review results per criterion (drawn with our own writer, so that
//! every bar links to its theme or criterion). Axis labels are Danish numbers
//! (`1.250 kr.`, `12,5 %`); series differ by colour, line pattern and
//! marker shape.

use super::text::{Font, wrap};
use super::{Doc, Svg, colour, document};
use crate::content::model::{AnalysisPart, CaseReviewPart, KeyFigure, Kind};
use crate::content::raw::Unit;
use crate::format::number;
use crate::theme::Strings;
use crate::url::url;

/// Fewest decimals (at most 2) that write `v` exactly.
fn decimals_of(v: f64) -> usize {
    (0..=2)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            ((v * f).round() - v * f).abs() < 1e-6
        })
        .unwrap_or(2)
}

/// An axis label in the figure's unit, Danish style.
pub fn axis_label(unit: Unit, v: f64, t: &Strings) -> String {
    let n = number(v, decimals_of(v));
    match unit {
        Unit::Procent => format!("{n} %"),
        Unit::Promille => format!("{n} ‰"),
        Unit::Kr => format!("{n} kr."),
        Unit::Dage => format!("{n} {}", t.get("unit.dage").to_lowercase()),
        Unit::Antal => n,
    }
}

/// A value in the unit with the figure's decimals (legend, target).
pub(crate) fn value_label(k: &KeyFigure, v: f64, t: &Strings) -> String {
    let n = number(v, k.decimals);
    match k.unit {
        Unit::Procent => format!("{n} %"),
        Unit::Promille => format!("{n} ‰"),
        Unit::Kr => format!("{n} kr."),
        Unit::Dage => format!("{n} {}", t.get("unit.dage").to_lowercase()),
        Unit::Antal => n,
    }
}

/// A "nice" axis: (lower, upper, step) covering `lo..hi` in about 5 steps.
pub fn nice_axis(lo: f64, hi: f64) -> (f64, f64, f64) {
    let lo = lo.min(0.0);
    let hi = if hi <= lo { lo + 1.0 } else { hi };
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

const BAR_W: f64 = 800.0;
const BAR_LABEL_W: f64 = 250.0;
const BAR_H: f64 = 22.0;
const BAR_FONT: Font = Font::regular(12.5);

/// One horizontal bar row: its label lines and height.
fn bar_row(label: &str) -> (Vec<String>, f64) {
    let lines = wrap(label, BAR_FONT, BAR_LABEL_W - 12.0);
    let h = BAR_FONT.block_height(lines.len()).max(BAR_H) + 12.0;
    (lines, h)
}

/// Vertical grid lines with labels at the bottom of a bar chart.
fn bar_axis(s: &mut Svg, x0: f64, width: f64, top: f64, bottom: f64, ticks: &[(f64, String)]) {
    for (f, label) in ticks {
        let x = x0 + f * width;
        s.line(x, top, x, bottom, &[("stroke", colour::GRID)]);
        s.text(
            x,
            bottom + 16.0,
            label,
            Font::regular(12.0),
            "middle",
            colour::MUTED,
        );
    }
}

/// Self-assessment: the average score per theme as horizontal bars.
pub fn self_assessment(
    a: &AnalysisPart,
    t: &Strings,
    title_of: &dyn Fn(&str, &str) -> String,
) -> Option<String> {
    let rows: Vec<(usize, f64)> = a
        .themes
        .iter()
        .enumerate()
        .filter_map(|(i, th)| {
            let n = th.self_assessment.len();
            (n > 0).then(|| {
                (
                    i,
                    th.self_assessment.iter().map(|x| x.score).sum::<f64>() / n as f64,
                )
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max = a.scale_max.max(1) as f64;
    let x0 = BAR_LABEL_W + 8.0;
    let width = BAR_W - x0 - 90.0;
    let mut s = Svg::new();
    let top = 8.0;
    let mut y = top;
    let mut body = Svg::new();
    for (i, avg) in &rows {
        let th = &a.themes[*i];
        let title = title_of(&th.h.id, &th.h.title);
        let (lines, h) = bar_row(&title);
        let value = format!("{} / {}", number(*avg, 1), a.scale_max);
        body.open(
            "g",
            &[("class", "bar"), ("data-node", &Kind::Tema.url(&th.h.id))],
        );
        body.area(
            &url(&Kind::Tema.url(&th.h.id)),
            &format!("{title}: {value}"),
            0.0,
            y,
            BAR_W,
            h,
            0.0,
        );
        body.lines(BAR_LABEL_W, y + 6.0, &lines, BAR_FONT, "end", colour::TEXT);
        let bw = (avg / max).clamp(0.0, 1.0) * width;
        let by = y + h / 2.0 - BAR_H / 2.0;
        body.rect(x0, by, bw, BAR_H, &[("fill", colour::SERIES[0])]);
        body.text(
            x0 + bw + 6.0,
            by + 15.5,
            &value,
            Font::bold(12.5),
            "start",
            colour::TEXT,
        );
        body.close();
        y += h;
    }
    let ticks: Vec<(f64, String)> = (0..=a.scale_max)
        .map(|v| (v as f64 / max, v.to_string()))
        .collect();
    bar_axis(&mut s, x0, width, top, y, &ticks);
    s.append(body);
    let height = y + 26.0;
    let desc = format!(
        "{} {}. {}",
        t.get("diagram.self_desc"),
        rows.iter()
            .map(|(i, avg)| format!(
                "{} {}",
                title_of(&a.themes[*i].h.id, &a.themes[*i].h.title),
                number(*avg, 1)
            ))
            .collect::<Vec<_>>()
            .join("; "),
        t.get("diagram.see_text")
    );
    Some(document(
        &Doc {
            id: "selvevaluering",
            width: BAR_W,
            height: height.ceil(),
            title: t.get("diagram.self_title"),
            desc: &desc,
        },
        s,
    ))
}

/// Case review: per criterion a bar split by rating, best first.
/// Only criteria with counts are drawn; `None` when none has any.
pub fn case_review(c: &CaseReviewPart, t: &Strings) -> Option<String> {
    let counted: Vec<(&crate::content::model::Criterion, &Vec<u32>)> = c
        .criteria
        .iter()
        .filter_map(|k| k.results.as_ref().map(|r| (k, r)))
        .collect();
    if counted.is_empty() || c.scale.is_empty() {
        return None;
    }
    let x0 = BAR_LABEL_W + 8.0;
    let width = BAR_W - x0 - 30.0;
    let mut s = Svg::new();
    // Legend on top, in the bars' order.
    let font = Font::regular(12.0);
    let fills = colour::scale(c.scale.len());
    let (mut lx, mut ly) = (x0, 6.0);
    s.open("g", &[("class", "legend")]);
    for (i, (_, name)) in c.scale.iter().enumerate() {
        let w = 18.0 + 6.0 + font.width(name) + 18.0;
        if lx + w > BAR_W && lx > x0 {
            lx = x0;
            ly += 22.0;
        }
        let (fill, _) = fills[i];
        s.rect(
            lx,
            ly,
            18.0,
            14.0,
            &[("fill", fill), ("stroke", colour::LINE)],
        );
        s.text(lx + 24.0, ly + 11.5, name, font, "start", colour::TEXT);
        lx += w;
    }
    s.close();
    let top = ly + 26.0;
    let mut y = top;
    let mut body = Svg::new();
    for (k, results) in &counted {
        // In u64: a u32 sum can wrap.
        let sum: u64 = results.iter().map(|n| u64::from(*n)).sum();
        let total = sum.max(c.cases.unwrap_or(0).into()).max(1) as f64;
        let (lines, h) = bar_row(&k.h.title);
        body.open(
            "g",
            &[
                ("class", "bar"),
                ("data-node", &Kind::Kriterie.url(&k.h.id)),
            ],
        );
        let href = url(&Kind::Kriterie.url(&k.h.id));
        body.area(&href, &k.h.title, 0.0, y, BAR_LABEL_W + 4.0, h, 0.0);
        body.lines(BAR_LABEL_W, y + 6.0, &lines, BAR_FONT, "end", colour::TEXT);
        let by = y + h / 2.0 - BAR_H / 2.0;
        let mut x = x0;
        for (i, n) in results.iter().enumerate() {
            let w = *n as f64 / total * width;
            if w <= 0.0 {
                continue;
            }
            let Some(&(fill, ink)) = fills.get(i) else {
                break;
            };
            let level = c.scale.get(i).map(|l| l.1.as_str()).unwrap_or("");
            let pct = crate::format::percent(100.0 * *n as f64 / total, 0);
            body.open("g", &[("class", "segment")]);
            let tip = format!(
                "{}: {level}: {n} {} ({pct})",
                k.h.title,
                t.get("cases.cases")
            );
            body.area(&href, &tip, x, by, w, BAR_H, 0.0);
            body.rect(
                x,
                by,
                w,
                BAR_H,
                &[
                    ("fill", fill),
                    ("stroke", colour::WHITE),
                    ("stroke-width", "1"),
                ],
            );
            let label = n.to_string();
            if Font::bold(12.0).width(&label) + 6.0 <= w {
                body.text(
                    x + w / 2.0,
                    by + 15.5,
                    &label,
                    Font::bold(12.0),
                    "middle",
                    ink,
                );
            }
            body.close();
            x += w;
        }
        // Outline so that light segments stay visible on white.
        body.rect(
            x0,
            by,
            width,
            BAR_H,
            &[
                ("fill", "none"),
                ("stroke", colour::LINE),
                ("stroke-width", "1"),
            ],
        );
        body.close();
        y += h;
    }
    let ticks: Vec<(f64, String)> = [0.0, 25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|p| (p / 100.0, crate::format::percent(*p, 0)))
        .collect();
    bar_axis(&mut s, x0, width, top, y, &ticks);
    s.append(body);
    let height = y + 26.0;
    let cases = c
        .cases
        .map(|n| format!(", {n} {}", t.get("cases.cases")))
        .unwrap_or_default();
    let desc = format!(
        "{} {} {}{cases}. {}",
        t.get("diagram.cases_desc"),
        counted.len(),
        t.get(if counted.len() == 1 {
            "diagram.criterion"
        } else {
            "diagram.criteria"
        }),
        t.get("diagram.see_text")
    );
    Some(document(
        &Doc {
            id: "sagsanalyse",
            width: BAR_W,
            height: height.ceil(),
            title: t.get("diagram.cases_title"),
            desc: &desc,
        },
        s,
    ))
}

mod keyfig;
mod labels;
#[cfg(test)]
use keyfig::runs;
pub use keyfig::{key_figure, key_figure_print};
#[cfg(test)]
mod tests;
