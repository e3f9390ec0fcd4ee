//! The key-figure line chart (plotters' SVG backend): the municipality
//! against the comparison series and the target, each line labelled at its
//! end. Two sizes of one drawing: the screen's, with a legend below, and a
//! lower one for paper (`key_figure_print`), which the print page swaps in
//! so that three key figures share an A4 page with text still 8 pt.

use super::super::text::{FONT_FAMILY, Font, wrap};
use super::super::{Doc, Svg, colour, document, num};
use super::labels;
use super::{axis_label, nice_axis, value_label};
use crate::content::model::{KeyFigure, Series};
use crate::content::raw::Role;
use crate::theme::Strings;
use plotters::prelude::*;

const KF_W: u32 = 800;

/// The chart's size and parts: the height of the plotters drawing (axes,
/// plot and the end labels' column) and whether a legend follows below.
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    pub(crate) height: u32,
    pub(crate) legend: bool,
}

/// On screen: a legend below the plot.
pub(crate) const SCREEN: Layout = Layout {
    height: 340,
    legend: true,
};
/// On paper: lower (800 × 212 units: 533 × 141 pt at 8 pt text), no
/// legend, since every line is named at its end by a label in its colour
/// joined to its last point.
pub(crate) const PRINT: Layout = Layout {
    height: 212,
    legend: false,
};
/// plotters divides font sizes by 1.24.
const PLOTTERS_FONT: f64 = 1.24;

fn rgb(hex: &str) -> RGBColor {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
    RGBColor(p(0), p(2), p(4))
}

/// How a series is drawn: colour, dash (length, gap; none = solid),
/// width and marker, by role so that the municipality always looks the
/// same.
#[derive(Clone, Copy)]
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
        _ => {
            s.leaf(
                "circle",
                &[
                    ("cx", &num(x)),
                    ("cy", &num(y)),
                    ("r", "7"),
                    ("fill", "#ffffff"),
                    ("stroke", fill),
                    ("stroke-width", "2"),
                ],
            );
            s.leaf(
                "circle",
                &[("cx", &num(x)), ("cy", &num(y)), ("r", "2"), ("fill", fill)],
            );
        }
    }
}

/// A label at the end of a line: its lines of text, colour and weight.
struct EndLabel {
    lines: Vec<String>,
    colour: &'static str,
    font: Font,
}

/// Widest a direct label may be before it wraps.
const END_LABEL_W: f64 = 150.0;

/// The line chart of a key figure, `None` without data. Each line is
/// labelled at its end (name and latest value), the target by a dashed
/// line with a ringed marker and its own label ("Mål 2025: 15,0 %"); the
/// labels stand in a column right of the plot, pushed apart where they
/// would collide. The municipality's line is drawn last, so its latest
/// point is never hidden under another marker.
pub fn key_figure(k: &KeyFigure, t: &Strings) -> Option<String> {
    draw(k, t, SCREEN)
}

/// The key figure's chart for paper (see [`PRINT`]): the same lines,
/// labels and description as [`key_figure`], lower and without legend.
pub fn key_figure_print(k: &KeyFigure, t: &Strings) -> Option<String> {
    draw(k, t, PRINT)
}

/// The chart in layout `lay`.
pub(crate) fn draw(k: &KeyFigure, t: &Strings, lay: Layout) -> Option<String> {
    let kf_h = lay.height;
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
    // Series looks, in the file's order; drawn with the municipality last.
    let mut looks: Vec<Look> = Vec::new();
    let mut seen: Vec<Role> = Vec::new();
    for s in &k.series {
        let nth = seen.iter().filter(|r| **r == s.role).count();
        seen.push(s.role);
        looks.push(look(s.role, nth));
    }
    let mut draw_order: Vec<usize> = (0..k.series.len()).collect();
    draw_order.sort_by_key(|i| k.series[*i].role == Role::Kommune);
    let target_text = k.target.map(|(v, y)| {
        format!(
            "{} {y}: {}",
            t.get("diagram.target_label"),
            value_label(k, v, t)
        )
    });
    // Direct labels: one per series with a value, then the target.
    let mut labels: Vec<EndLabel> = k
        .series
        .iter()
        .zip(&looks)
        .filter_map(|(se, lk)| {
            let (_, v) = se.latest()?;
            let font = if se.role == Role::Kommune {
                Font::bold(12.0)
            } else {
                Font::regular(12.0)
            };
            let text = format!("{} {}", se.name, value_label(k, v, t));
            Some(EndLabel {
                lines: wrap(&text, font, END_LABEL_W),
                colour: lk.colour,
                font,
            })
        })
        .collect();
    if let Some(text) = &target_text {
        let font = Font::bold(12.0);
        labels.push(EndLabel {
            lines: wrap(text, font, END_LABEL_W),
            colour: colour::TARGET,
            font,
        });
    }
    let label_w = labels
        .iter()
        .flat_map(|l| l.lines.iter().map(|x| l.font.width(x)))
        .fold(0.0, f64::max)
        .ceil() as u32;
    let (x0, x1) = (first as f64 - 0.4, last_x as f64 + 0.4);
    let span = (last_x - first) as usize + 1;
    let mut buf = String::new();
    let plot_px: ((i32, i32), (i32, i32));
    // Where each label's line ends (pixels), in `labels`' order.
    let mut ends: Vec<(f64, f64)> = Vec::new();
    {
        let root = SVGBackend::with_string(&mut buf, (KF_W, kf_h)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(14)
            .margin_right(label_w + 22)
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
        // The target first, so that no data point hides under it.
        let mut target_end = None;
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
            let at = (ty as f64, tv);
            chart
                .draw_series([
                    Circle::new(at, 7, WHITE.filled()),
                    Circle::new(at, 7, c.stroke_width(2)),
                    Circle::new(at, 2, c.filled()),
                ])
                .ok()?;
            let (px, py) = chart.backend_coord(&at);
            target_end = Some((px as f64 + 8.0, py as f64));
        }
        let mut series_end: Vec<Option<(f64, f64)>> = vec![None; k.series.len()];
        for &si in &draw_order {
            let s = &k.series[si];
            let lk = &looks[si];
            let c = rgb(lk.colour);
            let style = c.stroke_width(lk.width);
            let pts: Vec<(f64, f64)> = s.known().map(|(y, v)| (y as f64, v)).collect();
            // The line runs between neighbouring years with values; a year
            // the source does not state breaks it (a lone value between
            // two gaps is its marker only).
            for run in runs(s) {
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
            if let Some(p) = pts.last() {
                let (px, py) = chart.backend_coord(p);
                series_end[si] = Some((px as f64 + 7.0, py as f64));
            }
        }
        ends.extend(series_end.into_iter().flatten());
        ends.extend(target_end);
        plot_px = (
            chart.backend_coord(&(x0, y1)),
            chart.backend_coord(&(x1, y0)),
        );
        root.present().ok()?;
    }
    let mut s = Svg::new();
    s.raw(&tidy_plotters(&buf));
    // The direct labels in a column right of the plot, each joined to its
    // line's end by a thin leader.
    let ((_, top), (right, bottom)) = plot_px;
    let col_x = right as f64 + 14.0;
    let heights: Vec<f64> = labels
        .iter()
        .map(|l| l.font.block_height(l.lines.len()))
        .collect();
    let want: Vec<f64> = ends.iter().map(|e| e.1).collect();
    let centres = labels::spread(&want, &heights, 3.0, top as f64, bottom as f64 + 20.0);
    s.open("g", &[("class", "end-labels")]);
    for ((l, (ex, ey)), (c, h)) in labels.iter().zip(&ends).zip(centres.iter().zip(&heights)) {
        s.line(
            *ex,
            *ey,
            col_x - 3.0,
            *c,
            &[("stroke", l.colour), ("stroke-width", "1")],
        );
        s.lines(col_x, c - h / 2.0, &l.lines, l.font, "start", l.colour);
    }
    s.close();
    let height = if lay.legend {
        legend(
            &mut s,
            &looks,
            k,
            target_text.as_deref(),
            y_area as f64,
            kf_h,
        ) + 24.0
    } else {
        kf_h as f64
    };
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

/// The legend below the plot, from `(x0, kf_h + 8)`, wrapped at the
/// chart's width: a line sample and marker per series, then the target.
/// Returns the top of its last row.
fn legend(
    s: &mut Svg,
    looks: &[Look],
    k: &KeyFigure,
    target_text: Option<&str>,
    x0: f64,
    kf_h: u32,
) -> f64 {
    let font = Font::regular(12.0);
    let mut items: Vec<(Look, String)> = looks
        .iter()
        .zip(&k.series)
        .map(|(lk, se)| (*lk, se.name.clone()))
        .collect();
    if let Some(text) = target_text {
        items.push((
            Look {
                colour: colour::TARGET,
                dash: Some((10, 6)),
                width: 2,
                marker: 3,
            },
            text.to_string(),
        ));
    }
    let (mut x, mut y) = (x0, kf_h as f64 + 8.0);
    s.open("g", &[("class", "legend")]);
    for (lk, name) in &items {
        let w = 40.0 + 6.0 + font.width(name) + 22.0;
        if x + w > KF_W as f64 && x > x0 {
            x = x0;
            y += 22.0;
        }
        let dash = lk.dash.map(|(d, g)| format!("{d} {g}")).unwrap_or_default();
        let sw = lk.width.to_string();
        let mut attrs = vec![("stroke", lk.colour), ("stroke-width", sw.as_str())];
        if !dash.is_empty() {
            attrs.push(("stroke-dasharray", &dash));
        }
        s.line(x, y + 8.0, x + 40.0, y + 8.0, &attrs);
        legend_marker(s, lk.marker, x + 20.0, y + 8.0, lk.colour);
        s.text(x + 46.0, y + 12.5, name, font, "start", colour::TEXT);
        x += w;
    }
    s.close();
    y
}

/// A series' stretches of consecutive stated years, as chart points: a
/// year with `None` ends a stretch.
pub(super) fn runs(s: &Series) -> Vec<Vec<(f64, f64)>> {
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
