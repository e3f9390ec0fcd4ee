//! Charts: key figures over the years (drawn with plotters' SVG backend:
//! the municipality against the comparison series and the target), and
//! bar charts for the self-assessment per theme and the case-review
//! results per criterion (drawn with our own writer, so that every bar
//! links to its theme or criterion). Axis labels are Danish numbers
//! (`1.250 kr.`, `12,5 %`); series differ by colour, line pattern and
//! marker shape.

use super::text::{FONT_FAMILY, Font, wrap};
use super::{Doc, Svg, colour, document, num};
use crate::content::model::{AnalysisPart, CaseReviewPart, KeyFigure, Kind, Series};
use crate::content::raw::{Role, Unit};
use crate::format::number;
use crate::theme::Strings;
use crate::url::url;
use plotters::prelude::*;

const KF_W: u32 = 800;
const KF_H: u32 = 340;
/// plotters divides font sizes by 1.24.
const PLOTTERS_FONT: f64 = 1.24;

fn rgb(hex: &str) -> RGBColor {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
    RGBColor(p(0), p(2), p(4))
}

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

/// How a series is drawn: colour, dash (length, gap; none = solid),
/// width and marker, by role so that the municipality always looks the
/// same.
struct Look {
    colour: &'static str,
    dash: Option<(u32, u32)>,
    width: u32,
    marker: usize,
}

fn look(role: Role, nth_of_role: usize) -> Look {
    let base = match role {
        Role::Kommune => 0,
        Role::Sammenligning => 1,
        Role::Landet => 2,
    };
    let i = (base + nth_of_role) % 3;
    match i {
        0 => Look {
            colour: colour::SERIES[0],
            dash: None,
            width: 3,
            marker: 0,
        },
        1 => Look {
            colour: colour::SERIES[1],
            dash: Some((9, 5)),
            width: 2,
            marker: 1,
        },
        _ => Look {
            colour: colour::SERIES[2],
            dash: Some((2, 4)),
            width: 2,
            marker: 2,
        },
    }
}

/// Rounds plotters' font sizes (`16/1.24` = 12.903…) to our format.
fn tidy_plotters(svg: &str) -> String {
    let body = svg
        .split_once('>')
        .map(|(_, rest)| rest)
        .unwrap_or(svg)
        .trim_end()
        .trim_end_matches("</svg>");
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let pat = "font-size=\"";
    while let Some(i) = rest.find(pat) {
        let start = i + pat.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let v: f64 = rest[start..end].parse().unwrap_or(12.0);
        out.push_str(&num(v));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Draws a marker shape in our own writer (legend), like plotters' ones.
fn legend_marker(s: &mut Svg, kind: usize, x: f64, y: f64, fill: &str) {
    match kind {
        0 => s.leaf(
            "circle",
            &[("cx", &num(x)), ("cy", &num(y)), ("r", "4"), ("fill", fill)],
        ),
        1 => {
            let d = format!(
                "M{},{} L{},{} L{},{} z",
                num(x),
                num(y - 5.0),
                num(x + 5.0),
                num(y + 4.0),
                num(x - 5.0),
                num(y + 4.0)
            );
            s.leaf("path", &[("d", &d), ("fill", fill)]);
        }
        2 => s.rect(x - 3.5, y - 3.5, 7.0, 7.0, &[("fill", fill)]),
        _ => s.leaf(
            "circle",
            &[
                ("cx", &num(x)),
                ("cy", &num(y)),
                ("r", "6"),
                ("fill", "none"),
                ("stroke", fill),
                ("stroke-width", "2"),
            ],
        ),
    }
}

/// The line chart of a key figure, `None` without data.
pub fn key_figure(k: &KeyFigure, t: &Strings) -> Option<String> {
    // The x axis spans the years with a value; a year the source does not
    // state is a gap inside it (the table lists every year).
    let known = || k.series.iter().flat_map(|s| s.known().map(|(y, _)| y));
    let (first, last) = (known().min()?, known().max()?);
    let last_x = k.target.map_or(last, |(_, y)| y.max(last));
    let mut values: Vec<f64> = k
        .series
        .iter()
        .flat_map(|s| s.known().map(|(_, v)| v))
        .collect();
    values.extend(k.target.map(|(v, _)| v));
    let hi = values.iter().copied().fold(f64::MIN, f64::max);
    let lo = values.iter().copied().fold(f64::MAX, f64::min);
    let (y0, y1, step) = nice_axis(lo, hi * 1.05);
    let ticks: Vec<f64> = (0..=((y1 - y0) / step).round() as usize)
        .map(|i| y0 + i as f64 * step)
        .collect();
    let label_font = Font::regular(12.0);
    let y_area = ticks
        .iter()
        .map(|v| label_font.width(&axis_label(k.unit, *v, t)))
        .fold(0.0, f64::max)
        .ceil() as u32
        + 16;
    let (x0, x1) = (first as f64 - 0.4, last_x as f64 + 0.4);
    let span = (last_x - first) as usize + 1;
    let mut buf = String::new();
    let mut target_px = None;
    let plot_px: ((i32, i32), (i32, i32));
    let mut line_px: Vec<(f64, f64)> = Vec::new();
    {
        let root = SVGBackend::with_string(&mut buf, (KF_W, KF_H)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(14)
            .margin_right(20)
            .margin_left(6)
            .margin_bottom(4)
            .x_label_area_size(30)
            .y_label_area_size(y_area)
            .build_cartesian_2d(x0..x1, y0..y1)
            .ok()?;
        let text_style = (FONT_FAMILY, 12.0 * PLOTTERS_FONT)
            .into_font()
            .color(&rgb(colour::TEXT));
        let x_fmt = |x: &f64| {
            if (x - x.round()).abs() < 1e-6
                && *x >= first as f64 - 1e-6
                && *x <= last_x as f64 + 1e-6
            {
                format!("{}", x.round() as i64)
            } else {
                String::new()
            }
        };
        let y_fmt = |v: &f64| axis_label(k.unit, *v, t);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(span.min(12) + 1)
            .y_labels(ticks.len())
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .label_style(text_style)
            .axis_style(rgb(colour::LINE))
            .bold_line_style(rgb(colour::GRID))
            .light_line_style(TRANSPARENT)
            .draw()
            .ok()?;
        let mut seen: Vec<Role> = Vec::new();
        for s in &k.series {
            let nth = seen.iter().filter(|r| **r == s.role).count();
            seen.push(s.role);
            let lk = look(s.role, nth);
            let c = rgb(lk.colour);
            let style = c.stroke_width(lk.width);
            let pts: Vec<(f64, f64)> = s.known().map(|(y, v)| (y as f64, v)).collect();
            // The line runs between neighbouring years with values; a year
            // the source does not state breaks it (a lone value between
            // two gaps is its marker only).
            for run in runs(s) {
                // Where the line runs, sampled, so the target label avoids it.
                let px: Vec<(f64, f64)> = run
                    .iter()
                    .map(|p| chart.backend_coord(p))
                    .map(|(x, y)| (x as f64, y as f64))
                    .collect();
                for w in px.windows(2) {
                    for i in 0..=20 {
                        let f = i as f64 / 20.0;
                        line_px.push((
                            w[0].0 + (w[1].0 - w[0].0) * f,
                            w[0].1 + (w[1].1 - w[0].1) * f,
                        ));
                    }
                }
                line_px.extend(px.iter().copied());
                if run.len() < 2 {
                    continue;
                }
                match lk.dash {
                    None => chart.draw_series(LineSeries::new(run, style)).ok()?,
                    Some((d, g)) => chart
                        .draw_series(DashedLineSeries::new(run, d, g, style))
                        .ok()?,
                };
            }
            let fill = c.filled();
            match lk.marker {
                0 => chart
                    .draw_series(pts.iter().map(|p| Circle::new(*p, 4, fill)))
                    .ok()?,
                1 => chart
                    .draw_series(pts.iter().map(|p| TriangleMarker::new(*p, 5, fill)))
                    .ok()?,
                _ => chart
                    .draw_series(pts.iter().map(|p| {
                        let (px, py) = (p.0, p.1);
                        EmptyElement::at((px, py))
                            + plotters::element::Rectangle::new([(-3, -3), (4, 4)], fill)
                    }))
                    .ok()?,
            };
        }
        if let Some((tv, ty)) = k.target {
            let c = rgb(colour::TARGET);
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x0, tv), (x1, tv)],
                    10,
                    6,
                    c.stroke_width(2),
                ))
                .ok()?;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (ty as f64, tv),
                    6,
                    c.stroke_width(2),
                )))
                .ok()?;
            target_px = Some(chart.backend_coord(&(ty as f64, tv)));
        }
        plot_px = (
            chart.backend_coord(&(x0, y1)),
            chart.backend_coord(&(x1, y0)),
        );
        root.present().ok()?;
    }
    let mut s = Svg::new();
    s.raw(&tidy_plotters(&buf));
    // The target's label, above its marker, kept inside the plot.
    let target_text = k.target.map(|(v, y)| {
        format!(
            "{} {y}: {}",
            t.get("diagram.target_label"),
            value_label(k, v, t)
        )
    });
    if let (Some((_, py)), Some(text)) = (target_px, &target_text) {
        let f = Font::bold(12.0);
        let w = f.width(text);
        let ((left, top), (right, bottom)) = plot_px;
        let (left, right, top, bottom) = (left as f64, right as f64, top as f64, bottom as f64);
        let py = py as f64;
        // Above or below the target line, at the right or the left end:
        // the first place the data lines do not run through.
        let candidates = [
            (right - w - 8.0, py - 7.0),
            (right - w - 8.0, py + 19.0),
            (left + 10.0, py - 7.0),
            (left + 10.0, py + 19.0),
        ];
        let free = |(x, y): (f64, f64)| {
            y - 14.0 >= top
                && y + 4.0 <= bottom
                && !line_px.iter().any(|(lx, ly)| {
                    *lx >= x - 6.0 && *lx <= x + w + 6.0 && *ly >= y - 17.0 && *ly <= y + 7.0
                })
        };
        let (x, y) = candidates
            .iter()
            .copied()
            .find(|c| free(*c))
            .unwrap_or(candidates[0]);
        s.rect(
            x - 3.0,
            y - 13.0,
            w + 6.0,
            17.0,
            &[("fill", colour::WHITE), ("opacity", "0.9")],
        );
        s.text(x, y, text, f, "start", colour::TARGET);
    }
    // Legend below the plot.
    let font = Font::regular(12.0);
    let mut items: Vec<(Look, String)> = Vec::new();
    let mut seen: Vec<Role> = Vec::new();
    for se in &k.series {
        let nth = seen.iter().filter(|r| **r == se.role).count();
        seen.push(se.role);
        items.push((look(se.role, nth), se.name.clone()));
    }
    if let Some(text) = &target_text {
        items.push((
            Look {
                colour: colour::TARGET,
                dash: Some((10, 6)),
                width: 2,
                marker: 3,
            },
            text.clone(),
        ));
    }
    let (mut x, mut y) = (y_area as f64, KF_H as f64 + 8.0);
    s.open("g", &[("class", "legend")]);
    for (lk, name) in &items {
        let w = 40.0 + 6.0 + font.width(name) + 22.0;
        if x + w > KF_W as f64 && x > y_area as f64 {
            x = y_area as f64;
            y += 22.0;
        }
        let dash = lk.dash.map(|(d, g)| format!("{d} {g}")).unwrap_or_default();
        let sw = lk.width.to_string();
        let mut attrs = vec![("stroke", lk.colour), ("stroke-width", sw.as_str())];
        if !dash.is_empty() {
            attrs.push(("stroke-dasharray", &dash));
        }
        s.line(x, y + 8.0, x + 40.0, y + 8.0, &attrs);
        legend_marker(&mut s, lk.marker, x + 20.0, y + 8.0, lk.colour);
        s.text(x + 46.0, y + 12.5, name, font, "start", colour::TEXT);
        x += w;
    }
    s.close();
    let height = y + 24.0;
    let latest: Vec<String> = k
        .series
        .iter()
        .filter_map(|se| {
            se.latest()
                .map(|(yr, v)| format!("{} {yr}: {}", se.name, value_label(k, v, t)))
        })
        .collect();
    let mut desc = format!(
        "{} {first}–{last}. {}",
        t.get("diagram.kf_desc"),
        latest.join("; ")
    );
    if !desc.ends_with('.') {
        desc.push('.');
    }
    desc = format!("{desc} {}", t.get("diagram.see_text"));
    let id = format!("noegletal-{}", k.h.id);
    Some(document(
        &Doc {
            id: &id,
            width: KF_W as f64,
            height: height.ceil(),
            title: &k.h.title,
            desc: &desc,
        },
        s,
    ))
}

/// A series' stretches of consecutive stated years, as chart points: a
/// year with `None` ends a stretch.
fn runs(s: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (y, v) in &s.values {
        match v {
            Some(v) => out.last_mut().expect("never empty").push((*y as f64, *v)),
            None if out.last().is_some_and(|r| !r.is_empty()) => out.push(Vec::new()),
            None => {}
        }
    }
    out.retain(|r| !r.is_empty());
    out
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

#[cfg(test)]
mod tests;
