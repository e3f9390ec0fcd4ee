//! The development plan over time: a Gantt-style timeline of the actions
//! by focus area (period as a bar, status written as text and shown by the
//! bar's fill and border), with a line at the latest status date; and the
//! budget per year as stacked bars per focus area, each segment numbered
//! like its focus area in the legend.

use super::charts::nice_axis;
use super::text::{Font, wrap, wrap_max};
use super::{Doc, Svg, colour, def_url, defs, document};
use crate::content::model::{Kind, PlanPart};
use crate::content::raw::Status;
use crate::format::{Date, Month, kroner, kroner_rounded, number};
use crate::theme::Strings;
use crate::url::url;

const ID: &str = "tidslinje";
const WIDTH: f64 = 960.0;
const MARGIN: f64 = 6.0;
const LABEL_W: f64 = 300.0;
const HEADER_H: f64 = 28.0;
const GROUP_H: f64 = 26.0;
const BAR_H: f64 = 18.0;
const LABEL: Font = Font::regular(12.0);
const GROUP: Font = Font::bold(12.5);
const STATUS: Font = Font::bold(12.0);
/// A budget segment's name.
const SEGMENT: Font = Font::bold(12.0);

/// (fill, stroke, dash, text colour inside) per status; a status the
/// source does not state gets a thin dotted outline.
pub(crate) fn bar_style(
    s: Option<Status>,
) -> (&'static str, &'static str, &'static str, &'static str) {
    match s {
        Some(Status::Gennemfoert) => (colour::ALMEN.1, colour::ALMEN.1, "", colour::WHITE),
        Some(Status::IGang) => (colour::SHORT.1, colour::SHORT.1, "", colour::WHITE),
        Some(Status::Planlagt) => (colour::WHITE, colour::MUTED, "", colour::TEXT),
        Some(Status::Udskudt) => (colour::WHITE, colour::WARN, "5 3", colour::WARN),
        Some(Status::Aflyst) => ("hatch", colour::WARN, "2 2", colour::WARN),
        None => (colour::WHITE, colour::MUTED, "1 3", colour::TEXT),
    }
}

/// A rectangle in a status's style (fill or hatch, outline, dashes);
/// `id` names the diagram's `<defs>` for the hatch.
pub(crate) fn status_rect(
    s: &mut Svg,
    st: Option<Status>,
    id: &str,
    (x, y, w, h): (f64, f64, f64, f64),
    extra: &[(&str, &str)],
) {
    let (fill, stroke, dash, _) = bar_style(st);
    let fill = if fill == "hatch" {
        def_url(id, "skravering")
    } else {
        fill.to_string()
    };
    let mut attrs = vec![
        ("fill", fill.as_str()),
        ("stroke", stroke),
        ("stroke-width", "1.5"),
    ];
    attrs.extend_from_slice(extra);
    if !dash.is_empty() {
        attrs.push(("stroke-dasharray", dash));
    }
    s.rect(x, y, w, h, &attrs);
}

/// The status as the pages write it: "Ikke oplyst" when not stated.
pub(crate) fn status_text(s: Option<Status>, t: &Strings) -> String {
    match s {
        Some(s) => t.get(&format!("status.{}", s.key())).to_string(),
        None => t.get("ikke_oplyst").to_string(),
    }
}

/// First and last month of the timeline (whole years), `None` when no
/// action has a period.
fn span(p: &PlanPart) -> Option<(Month, Month, i32, i32)> {
    let first = p
        .actions
        .iter()
        .filter_map(|a| a.period)
        .map(|x| x.from)
        .min()?;
    let last = p
        .actions
        .iter()
        .filter_map(|a| a.period)
        .map(|x| x.to)
        .max()?;
    let start = Month {
        year: first.year,
        month: 1,
    }
    .index();
    let end = Month {
        year: last.year,
        month: 12,
    }
    .index()
        + 1;
    Some((first, last, start, end))
}

/// Whether the timeline draws a line at `status_date` (only when it falls
/// inside the drawn years), so that the caption mentions it only then.
pub fn draws_status_line(p: &PlanPart, status_date: Option<Date>) -> bool {
    match (span(p), status_date) {
        (Some((_, _, start, end)), Some(d)) => {
            let m = Month {
                year: d.year,
                month: d.month,
            };
            m.index() >= start && m.index() < end
        }
        _ => false,
    }
}

/// A placed row of the timeline (for tests): the label's lines and box,
/// the bar and where its status text went.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Row {
    pub action: Option<usize>,
    pub y: f64,
    pub h: f64,
    pub lines: Vec<String>,
    pub bar: (f64, f64),
    pub status: (f64, f64),
}

fn month_x(m: Month, start: i32, x0: f64, mw: f64) -> f64 {
    x0 + (m.index() - start) as f64 * mw
}

/// The Gantt timeline of the actions, `None` without actions.
pub fn gantt(p: &PlanPart, status_date: Option<Date>, lang: &str, t: &Strings) -> Option<String> {
    gantt_placed(p, status_date, lang, t, false).map(|x| x.0)
}

/// The timeline for paper: the same chart with tighter rows.
pub fn gantt_print(
    p: &PlanPart,
    status_date: Option<Date>,
    lang: &str,
    t: &Strings,
) -> Option<String> {
    gantt_placed(p, status_date, lang, t, true).map(|x| x.0)
}

pub(crate) fn gantt_placed(
    p: &PlanPart,
    status_date: Option<Date>,
    lang: &str,
    t: &Strings,
    compact: bool,
) -> Option<(String, Vec<Row>)> {
    // Row metrics: bar height, room around a label, least row height. The
    // print variant packs the rows so that the chart fits one landscape
    // page at 8 pt text; the content is the same.
    // Wider labels (fewer wrapped lines) on a wider canvas: the chart is
    // printed at the landscape page's width, text still at least 8 pt.
    let (bar_h, label_pad, row_min, label_w, width) = if compact {
        (15.0, 3.0, 18.0, 420.0, 1100.0)
    } else {
        (BAR_H, 8.0, BAR_H + 10.0, LABEL_W, WIDTH)
    };
    let (first, last, start, end) = span(p)?;
    let drawn = p.actions.iter().filter(|a| a.period.is_some()).count();
    let x0 = MARGIN + label_w + 12.0;
    let right = width - MARGIN;
    let mw = (right - x0) / (end - start) as f64;
    let mut s = Svg::new();
    defs(&mut s, ID);
    // Year bands and labels.
    let mut rows: Vec<Row> = Vec::new();
    let mut y = HEADER_H;
    let mut body = Svg::new();
    for f in &p.focus_areas {
        body.open(
            "g",
            &[
                ("class", "focus-area"),
                ("data-node", &Kind::Fokusomraade.url(&f.h.id)),
            ],
        );
        body.area(
            &url(&Kind::Fokusomraade.url(&f.h.id)),
            &f.h.title,
            MARGIN,
            y + 2.0,
            right - MARGIN,
            GROUP_H - 4.0,
            0.0,
        );
        body.rect(
            MARGIN,
            y + 2.0,
            right - MARGIN,
            GROUP_H - 4.0,
            &[("fill", colour::INDSATS.0)],
        );
        let title = super::text::wrap_max(&f.h.title, GROUP, right - MARGIN - 16.0, 1);
        body.text(
            MARGIN + 6.0,
            y + 18.0,
            &title[0],
            GROUP,
            "start",
            colour::INDSATS.1,
        );
        body.close();
        rows.push(Row {
            action: None,
            y,
            h: GROUP_H,
            lines: title,
            bar: (0.0, 0.0),
            status: (0.0, 0.0),
        });
        y += GROUP_H;
        // Actions without a period are not drawn; the page lists them.
        let mut actions: Vec<(usize, crate::content::model::PlanPeriod)> = f
            .actions
            .iter()
            .filter_map(|a| p.actions[*a].period.map(|x| (*a, x)))
            .collect();
        actions.sort_by_key(|(_, x)| (x.from, x.to));
        for (ai, period) in actions {
            let a = &p.actions[ai];
            let lines = wrap(&a.h.title, LABEL, label_w - 12.0);
            let h = (LABEL.block_height(lines.len()) + label_pad).max(row_min);
            let bx = month_x(period.from, start, x0, mw);
            let bw = (month_x(period.to, start, x0, mw) + mw - bx).max(mw);
            let by = y + (h - bar_h) / 2.0;
            let status = status_text(a.status, t);
            let status = status.as_str();
            let sw = STATUS.width(status);
            let (_, _, _, ink) = bar_style(a.status);
            let (sx, sink) = if sw + 10.0 <= bw && a.status != Some(Status::Aflyst) {
                (bx + 5.0, ink)
            } else if bx + bw + 5.0 + sw <= right {
                (bx + bw + 5.0, colour::TEXT)
            } else if bx - 5.0 - sw >= x0 {
                (bx - 5.0 - sw, colour::TEXT)
            } else {
                (bx + 5.0, ink)
            };
            let tip = format!(
                "{}: {}, {}",
                a.h.title,
                period.label(lang),
                status.to_lowercase()
            );
            body.open(
                "g",
                &[
                    ("class", "action"),
                    ("data-node", &Kind::Handling.url(&a.h.id)),
                ],
            );
            body.area(
                &url(&Kind::Handling.url(&a.h.id)),
                &tip,
                MARGIN,
                y,
                right - MARGIN,
                h,
                0.0,
            );
            body.lines(
                MARGIN + 12.0,
                y + (h - LABEL.block_height(lines.len())) / 2.0,
                &lines,
                LABEL,
                "start",
                colour::TEXT,
            );
            status_rect(&mut body, a.status, ID, (bx, by, bw, bar_h), &[("rx", "3")]);
            if a.status == Some(Status::Aflyst) {
                body.line(
                    bx,
                    by + bar_h / 2.0,
                    bx + bw,
                    by + bar_h / 2.0,
                    &[("stroke", colour::WARN), ("stroke-width", "1.5")],
                );
            }
            body.text(sx, by + (bar_h + 8.0) / 2.0, status, STATUS, "start", sink);
            body.close();
            body.line(
                MARGIN,
                y + h,
                right,
                y + h,
                &[("stroke", colour::GRID), ("stroke-width", "0.6")],
            );
            rows.push(Row {
                action: Some(ai),
                y,
                h,
                lines,
                bar: (bx, bw),
                status: (sx, sw),
            });
            y += h;
        }
    }
    let bottom = y;
    // Years behind the rows.
    s.open("g", &[("class", "years")]);
    for (i, year) in (first.year..=last.year).enumerate() {
        let xa = month_x(Month { year, month: 1 }, start, x0, mw);
        let xb = xa + 12.0 * mw;
        if i % 2 == 1 {
            s.rect(
                xa,
                HEADER_H,
                xb - xa,
                bottom - HEADER_H,
                &[("fill", "#f4f6f8")],
            );
        }
        s.line(xa, HEADER_H - 6.0, xa, bottom, &[("stroke", colour::GRID)]);
        s.text(
            (xa + xb) / 2.0,
            HEADER_H - 10.0,
            &year.to_string(),
            Font::bold(12.5),
            "middle",
            colour::TEXT,
        );
    }
    s.line(
        right,
        HEADER_H - 6.0,
        right,
        bottom,
        &[("stroke", colour::GRID)],
    );
    s.text(
        MARGIN + 6.0,
        HEADER_H - 10.0,
        t.get("plan.actions"),
        Font::bold(12.5),
        "start",
        colour::TEXT,
    );
    s.close();
    s.append(body);
    let mut height = bottom + 8.0;
    if let Some(d) = status_date.filter(|_| draws_status_line(p, status_date)) {
        let m = Month {
            year: d.year,
            month: d.month,
        };
        {
            let x = month_x(m, start, x0, mw) + mw * (d.day as f64 - 0.5) / 31.0;
            s.line(
                x,
                HEADER_H - 4.0,
                x,
                bottom + 4.0,
                &[
                    ("stroke", colour::TEXT),
                    ("stroke-width", "1.5"),
                    ("stroke-dasharray", "4 3"),
                ],
            );
            let label = format!("{}: {}", t.get("diagram.status_line"), d.long(lang));
            let f = Font::regular(12.0);
            let w = f.width(&label);
            let lx = (x - w / 2.0).clamp(x0, right - w);
            s.text(lx, bottom + 20.0, &label, f, "start", colour::TEXT);
            height = bottom + 28.0;
        }
    }
    let desc = format!(
        "{} {} {}, {}–{}. {}",
        t.get("diagram.timeline_desc"),
        drawn,
        t.get("front.actions"),
        first.long(lang),
        last.long(lang),
        t.get("diagram.see_text")
    );
    let svg = document(
        &Doc {
            id: ID,
            width,
            height: height.ceil(),
            title: t.get("diagram.timeline_title"),
            desc: &desc,
        },
        s,
    );
    Some((svg, rows))
}

/// One stack segment series of the budget chart: a focus area (its pools
/// and the actions no pool pays) or a pool of the plan itself.
struct Series {
    title: String,
    path: String,
    per_year: std::collections::BTreeMap<u16, u64>,
}

fn series(p: &PlanPart, years: &[u16]) -> Vec<Series> {
    let mut out: Vec<Series> = p
        .focus_areas
        .iter()
        .enumerate()
        .map(|(fi, f)| Series {
            title: f.h.title.clone(),
            path: Kind::Fokusomraade.url(&f.h.id),
            per_year: years.iter().map(|y| (*y, p.area_year(fi, *y))).collect(),
        })
        .collect();
    out.extend(p.plan_pools().map(|x| Series {
        title: x.title.clone(),
        path: format!("udviklingsplan.html#pulje-{}", x.id),
        per_year: x.budget.clone(),
    }));
    out
}

/// The budget per year, stacked by focus area (with its pools) and the
/// plan's own pools; `None` without budgets by year.
pub fn budget(p: &PlanPart, t: &Strings) -> Option<String> {
    let years = p.budget_years();
    if years.is_empty() {
        return None;
    }
    // Exact sums in whole kroner (resolve checked that the plan's total
    // fits); f64 only for the geometry.
    let series = series(p, &years);
    let per = |si: usize, y: u16| -> u64 { series[si].per_year.get(&y).copied().unwrap_or(0) };
    let totals: Vec<u64> = years
        .iter()
        .map(|y| (0..series.len()).map(|f| per(f, *y)).sum())
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0) as f64;
    let (_, top_value, step) = nice_axis(0.0, top * 1.1);
    let w = 800.0;
    let label_font = Font::regular(12.0);
    let ticks: Vec<f64> = (0..=(top_value / step).round() as usize)
        .map(|i| i as f64 * step)
        .collect();
    // Millions on the axis when the sums run into millions ("1,5"), with
    // "mio. kr." written once above it.
    let millions = top_value >= 1_000_000.0;
    let tick = |v: f64| {
        if millions {
            let decimals = if (step / 1_000_000.0).fract() == 0.0 {
                0
            } else if (step / 100_000.0).fract() == 0.0 {
                1
            } else {
                2
            };
            number(v / 1_000_000.0, decimals)
        } else {
            kroner_rounded(v)
        }
    };
    let unit = t.get("diagram.million_kr");
    let axis_w = ticks
        .iter()
        .map(|v| label_font.width(&tick(*v)))
        .chain(millions.then(|| label_font.width(unit) / 2.0))
        .fold(0.0, f64::max)
        + 14.0;
    let (x0, x1, y0, y1) = (MARGIN + axis_w, w - MARGIN, 26.0, 290.0);
    let yv = |v: f64| y1 - v / top_value * (y1 - y0);
    let mut s = Svg::new();
    if millions {
        s.text(MARGIN, y0 - 12.0, unit, label_font, "start", colour::MUTED);
    }
    for v in &ticks {
        s.line(x0, yv(*v), x1, yv(*v), &[("stroke", colour::GRID)]);
        s.text(
            x0 - 6.0,
            yv(*v) + 4.0,
            &tick(*v),
            label_font,
            "end",
            colour::MUTED,
        );
    }
    s.line(x0, y1, x1, y1, &[("stroke", colour::LINE)]);
    let slot = (x1 - x0) / years.len() as f64;
    let bw = (slot * 0.5).min(110.0);
    for (yi, year) in years.iter().enumerate() {
        let cx = x0 + slot * (yi as f64 + 0.5);
        let mut acc: u64 = 0;
        let mut beside = f64::INFINITY;
        for (fi, f) in series.iter().enumerate() {
            let v = per(fi, *year);
            if v == 0 {
                continue;
            }
            let (ya, yb) = (yv((acc + v) as f64), yv(acc as f64));
            let fill = colour::CATEGORIES[fi % colour::CATEGORIES.len()];
            s.open("g", &[("class", "segment"), ("data-node", &f.path)]);
            s.area(
                &url(&f.path),
                &format!("{} {year}: {}", f.title, kroner(v)),
                cx - bw / 2.0,
                ya,
                bw,
                yb - ya,
                0.0,
            );
            s.rect(
                cx - bw / 2.0,
                ya,
                bw,
                yb - ya,
                &[
                    ("fill", fill),
                    ("stroke", colour::WHITE),
                    ("stroke-width", "1"),
                ],
            );
            // The segment says whose it is: its name inside when there is
            // room, else beside the bar with a tick (the legend has it too).
            let room = ((yb - ya - 4.0) / SEGMENT.line_height()).floor().max(0.0) as usize;
            let inside = if room == 0 {
                Vec::new()
            } else {
                wrap_max(&f.title, SEGMENT, bw - 8.0, room)
            };
            if !inside.is_empty() {
                let top = (ya + yb) / 2.0 - SEGMENT.block_height(inside.len()) / 2.0;
                s.lines(cx, top, &inside, SEGMENT, "middle", colour::WHITE);
            } else {
                // Up to the next bar (the last bar: up to the edge).
                let room = if yi + 1 < years.len() {
                    slot - bw - 14.0
                } else {
                    slot / 2.0 - bw / 2.0 - 12.0
                };
                let name = wrap_max(&f.title, SEGMENT, room, 2);
                let h = SEGMENT.block_height(name.len());
                let mid = (ya + yb) / 2.0;
                // Its lines end above the name written for the segment below.
                let top = (mid - 6.0).min(beside - h - 2.0);
                beside = top;
                let x = cx + bw / 2.0;
                s.line(x, mid, x + 8.0, top + 6.0, &[("stroke", colour::LINE)]);
                s.lines(x + 10.0, top, &name, SEGMENT, "start", colour::TEXT);
            }
            s.close();
            acc += v;
        }
        s.text(
            cx,
            yv(acc as f64) - 6.0,
            &kroner(acc),
            Font::bold(12.0),
            "middle",
            colour::TEXT,
        );
        s.text(
            cx,
            y1 + 18.0,
            &year.to_string(),
            Font::bold(12.5),
            "middle",
            colour::TEXT,
        );
    }
    // Legend: swatch and full name.
    let mut y = y1 + 34.0;
    s.open("g", &[("class", "legend")]);
    for (fi, f) in series.iter().enumerate() {
        let fill = colour::CATEGORIES[fi % colour::CATEGORIES.len()];
        s.rect(x0, y, 20.0, 16.0, &[("fill", fill)]);
        let lines = wrap(&f.title, label_font, x1 - x0 - 30.0);
        s.lines(x0 + 28.0, y, &lines, label_font, "start", colour::TEXT);
        y += label_font.block_height(lines.len()).max(16.0) + 5.0;
    }
    s.close();
    let lump: u64 = p.pools.iter().filter_map(|x| x.lump).sum();
    let mut desc = format!(
        "{} {}",
        t.get("diagram.budget_desc"),
        years
            .iter()
            .zip(&totals)
            .map(|(y, v)| format!("{y}: {}", kroner(*v)))
            .collect::<Vec<_>>()
            .join("; "),
    );
    if lump > 0 {
        desc = format!("{desc}; {}: {}", t.get("plan.not_by_year"), kroner(lump));
    }
    let desc = format!("{} {}", full_stop(&desc), t.get("diagram.see_text"));
    Some(document(
        &Doc {
            id: "budget",
            width: w,
            height: (y + 4.0).ceil(),
            title: t.get("diagram.budget_title"),
            desc: &desc,
        },
        s,
    ))
}

/// Ends a sentence with one full stop: an amount ends in "kr." already.
fn full_stop(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

#[cfg(test)]
mod tests;
