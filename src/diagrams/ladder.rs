//! Tilbudsviften on the indsatstrappe: the steps as rows, least intrusive
//! at the bottom and the rows' left edges forming a staircase, the age
//! bands as columns. Each service is a chip spanning the bands it covers;
//! chips that do not fit beside each other go into lanes. Gaps (a step ×
//! band with no service) are hatched cells saying "Hul"; overlaps get a
//! badge in their cell and a warning border on the services involved. Own
//! and external services differ by border (solid/dashed) and a solid or
//! striped tab, not by colour alone.

use super::text::{Font, wrap};
use super::{Doc, Svg, colour, def_url, defs, document, num};
use crate::content::model::{Kind, ServicesPart};
use crate::content::raw::Provider;
use crate::theme::Strings;
use crate::url::url;

const ID: &str = "tilbudsvifte";
const WIDTH: f64 = 960.0;
const MARGIN: f64 = 6.0;
const ARROW_W: f64 = 24.0;
const LABEL_W: f64 = 196.0;
const INDENT: f64 = 7.0;
const HEADER_H: f64 = 30.0;
const ROW_PAD: f64 = 6.0;
const LANE_GAP: f64 = 4.0;
const CHIP_PAD: f64 = 5.0;
const TAB: f64 = 6.0;
const CHIP: Font = Font::regular(12.0);
const LABEL: Font = Font::regular(12.0);
const NUMBER: Font = Font::bold(13.0);
const BAND: Font = Font::bold(12.5);
const BRACKET: Font = Font::bold(12.0);
/// "Egen" (own provision): the same colour as the `.badge--egen` in style.css.
pub(crate) const OWN: &str = "#1d4f73";
const EXTERNAL: &str = "#6b3f00";
const OPT_OUT_BG: &str = "#eef0f2";

mod layout;
#[cfg(test)]
use layout::place;
#[cfg(test)]
use layout::{Chip, Placed, runs};
use layout::{Metrics, label_x, place_with};

fn chip_tooltip(s: &ServicesPart, i: usize, t: &Strings) -> String {
    let x = &s.services[i];
    let provider = match x.provider {
        Provider::Egen => t.get("services.own"),
        Provider::Ekstern => t.get("services.external"),
    };
    let name = x
        .provider_name
        .as_deref()
        .map(|n| format!(": {n}"))
        .unwrap_or_default();
    format!(
        "{} ({provider}{name}), {}–{} {}",
        x.h.title,
        x.age_from,
        x.age_to,
        t.get("services.years")
    )
}

fn chip_shape(s: &mut Svg, x: f64, y: f64, w: f64, h: f64, provider: Provider, warn: bool) {
    let (stroke, dash) = match provider {
        Provider::Egen => (OWN, ""),
        Provider::Ekstern => (EXTERNAL, "5 3"),
    };
    let stroke = if warn { colour::WARN } else { stroke };
    let sw = if warn { "2.5" } else { "1.4" };
    let mut attrs = vec![
        ("fill", colour::WHITE),
        ("stroke", stroke),
        ("stroke-width", sw),
        ("rx", "3"),
    ];
    if !dash.is_empty() {
        attrs.push(("stroke-dasharray", dash));
    }
    s.rect(x, y, w, h, &attrs);
    let tab_fill = match provider {
        Provider::Egen => OWN.to_string(),
        Provider::Ekstern => def_url(ID, "striber"),
    };
    s.rect(x + 1.0, y + 1.0, TAB, h - 2.0, &[("fill", &tab_fill)]);
}

/// A cell with no service: a real gap, or one left empty on purpose.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EmptyCell {
    Gap,
    OptOut,
}

fn empty_cell(s: &mut Svg, x: f64, y: f64, w: f64, h: f64, kind: EmptyCell) {
    match kind {
        // Hatched with a dashed red border: something is missing.
        EmptyCell::Gap => s.rect(
            x,
            y,
            w,
            h,
            &[
                ("fill", &def_url(ID, "skravering")),
                ("stroke", colour::WARN),
                ("stroke-dasharray", "4 2"),
                ("rx", "3"),
            ],
        ),
        // Plain grey with a dotted grey border: chosen, not missing.
        EmptyCell::OptOut => s.rect(
            x,
            y,
            w,
            h,
            &[
                ("fill", OPT_OUT_BG),
                ("stroke", colour::MUTED),
                ("stroke-dasharray", "1 3"),
                ("stroke-linecap", "round"),
                ("stroke-width", "1.5"),
                ("rx", "3"),
            ],
        ),
    }
}

fn legend(s: &mut Svg, top: f64, t: &Strings) -> f64 {
    let font = Font::regular(12.0);
    let mut x = MARGIN + ARROW_W;
    let mut y = top + 10.0;
    let items = [
        "diagram.legend_own",
        "diagram.legend_external",
        "diagram.legend_gap",
        "diagram.legend_opt_out",
        "diagram.legend_overlap",
    ];
    s.open("g", &[("class", "legend")]);
    for (i, key) in items.iter().enumerate() {
        // The legend wraps onto a new line rather than running off the edge.
        if x + 40.0 + font.width(t.get(key)) > WIDTH - MARGIN {
            x = MARGIN + ARROW_W;
            y += 24.0;
        }
        match i {
            0 => chip_shape(s, x, y, 34.0, 18.0, Provider::Egen, false),
            1 => chip_shape(s, x, y, 34.0, 18.0, Provider::Ekstern, false),
            2 => empty_cell(s, x, y, 34.0, 18.0, EmptyCell::Gap),
            3 => empty_cell(s, x, y, 34.0, 18.0, EmptyCell::OptOut),
            _ => s.rect(
                x,
                y,
                34.0,
                18.0,
                &[
                    ("fill", colour::WARN_BG),
                    ("stroke", colour::WARN),
                    ("stroke-width", "2"),
                    ("rx", "4"),
                ],
            ),
        }
        let label = t.get(key);
        s.text(x + 40.0, y + 13.5, label, font, "start", colour::TEXT);
        x += 40.0 + font.width(label) + 24.0;
    }
    s.close();
    y + 18.0 + 6.0
}

/// The ladder diagram, `None` without steps.
pub fn diagram(s: &ServicesPart, t: &Strings) -> Option<String> {
    draw(s, t, Metrics::SCREEN)
}

/// The ladder for paper: the same diagram with tighter rows.
pub fn diagram_print(s: &ServicesPart, t: &Strings) -> Option<String> {
    draw(s, t, Metrics::PRINT)
}

fn draw(s: &ServicesPart, t: &Strings, m: Metrics) -> Option<String> {
    if s.steps.is_empty() {
        return None;
    }
    let p = place_with(s, t, m);
    let mut svg = Svg::new();
    defs(&mut svg, ID);
    svg.open("defs", &[]);
    let stripes = format!("{ID}-striber");
    svg.open(
        "pattern",
        &[
            ("id", &stripes),
            ("width", "4"),
            ("height", "4"),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", "rotate(45)"),
        ],
    );
    svg.rect(0.0, 0.0, 4.0, 4.0, &[("fill", colour::WHITE)]);
    svg.leaf(
        "line",
        &[
            ("x1", "0"),
            ("y1", "0"),
            ("x2", "0"),
            ("y2", "4"),
            ("stroke", EXTERNAL),
            ("stroke-width", "2.5"),
        ],
    );
    svg.close();
    svg.close();
    let right = WIDTH - MARGIN;
    // Header: the bands.
    svg.open("g", &[("class", "bands")]);
    svg.text(
        MARGIN + ARROW_W,
        HEADER_H - 10.0,
        t.get("services.step"),
        BAND,
        "start",
        colour::TEXT,
    );
    for (b, band) in s.bands.iter().enumerate() {
        svg.text(
            p.band_x[b] + p.band_w / 2.0,
            HEADER_H - 10.0,
            &band.title,
            BAND,
            "middle",
            colour::TEXT,
        );
    }
    svg.close();
    // The arrow: more intrusive upwards.
    let (ax, top, bottom) = (MARGIN + 9.0, HEADER_H + 4.0, p.height - 4.0);
    svg.line(
        ax,
        bottom,
        ax,
        top + 8.0,
        &[("stroke", colour::LINE), ("stroke-width", "2")],
    );
    let head = format!(
        "M{},{} L{},{} L{},{} z",
        num(ax - 5.0),
        num(top + 9.0),
        num(ax),
        num(top),
        num(ax + 5.0),
        num(top + 9.0)
    );
    svg.leaf("path", &[("d", &head), ("fill", colour::LINE)]);
    let mid = (top + bottom) / 2.0;
    let rot = format!("rotate(-90 {} {})", num(ax + 13.0), num(mid));
    svg.el(
        "text",
        &[
            ("x", &num(ax + 13.0)),
            ("y", &num(mid)),
            ("transform", &rot),
            ("text-anchor", "middle"),
            ("font-size", "12"),
            ("fill", colour::MUTED),
        ],
        t.get("diagram.more_intrusive"),
    );
    for (ri, row) in p.rows.iter().enumerate() {
        let st = &s.steps[row.step];
        let lx = label_x(row.step, s.steps.len());
        svg.open(
            "g",
            &[("class", "step"), ("data-node", &Kind::Trin.url(&st.h.id))],
        );
        let bg = if ri % 2 == 0 {
            "#f4f6f8"
        } else {
            colour::WHITE
        };
        svg.rect(lx, row.y, right - lx, row.h, &[("fill", bg)]);
        svg.line(lx, row.y, right, row.y, &[("stroke", colour::GRID)]);
        // Column lines between the bands, behind the services.
        for x in p.band_x.iter().skip(1) {
            svg.line(*x, row.y, *x, row.y + row.h, &[("stroke", colour::GRID)]);
        }
        // The step's tread: a thick line on top of its label, like a stair.
        svg.line(
            lx,
            row.y + 1.0,
            MARGIN + ARROW_W + LABEL_W,
            row.y + 1.0,
            &[("stroke", colour::INDSATS.1), ("stroke-width", "2.5")],
        );
        svg.line(
            lx,
            row.y,
            lx,
            row.y + row.h,
            &[("stroke", colour::INDSATS.1), ("stroke-width", "2.5")],
        );
        svg.area(
            &url(&Kind::Trin.url(&st.h.id)),
            &format!("{} {}: {}", t.get("kind.trin"), row.step + 1, st.h.title),
            lx,
            row.y,
            MARGIN + ARROW_W + LABEL_W - lx,
            row.h,
            0.0,
        );
        svg.rect(
            lx + 2.0,
            row.y + 3.0,
            MARGIN + ARROW_W + LABEL_W - lx - 2.0,
            row.h - 4.0,
            &[("fill", bg)],
        );
        svg.text(
            lx + 8.0,
            super::baseline(row.y + p.m.row_pad, NUMBER),
            &format!("{}", row.step + 1),
            NUMBER,
            "start",
            colour::INDSATS.1,
        );
        svg.lines(
            lx + 8.0 + 20.0,
            row.y + p.m.row_pad,
            &row.label,
            LABEL,
            "start",
            colour::TEXT,
        );
        svg.close();
        // Gaps, and cells left empty on purpose (bevidste fravalg).
        let cells = s
            .gaps
            .iter()
            .filter(|g| g.step == row.step)
            .map(|g| (g.band, EmptyCell::Gap, None))
            .chain(
                s.opt_outs
                    .iter()
                    .filter(|o| o.step == row.step)
                    .flat_map(|o| {
                        o.bands
                            .iter()
                            .map(move |b| (*b, EmptyCell::OptOut, o.reason.as_deref()))
                    }),
            );
        for (band, kind, reason) in cells {
            let (x, y, w, h) = (
                p.band_x[band] + 3.0,
                row.y + p.m.row_pad,
                p.band_w - 6.0,
                row.h - 2.0 * p.m.row_pad,
            );
            let (class, anchor, what) = match kind {
                EmptyCell::Gap => ("gap", "huller", t.get("services.gap")),
                EmptyCell::OptOut => ("opt-out", "fravalg", t.get("services.opt_out")),
            };
            svg.open(
                "g",
                &[
                    ("class", class),
                    (
                        &format!("data-{class}"),
                        &format!("{}/{}", st.h.id, s.bands[band].id),
                    ),
                ],
            );
            let reason = reason.map(|r| format!(". {r}")).unwrap_or_default();
            svg.area(
                &url(&format!("tilbudsvifte.html#{anchor}")),
                &format!("{what}: {} – {}{reason}", st.h.title, s.bands[band].title),
                x,
                y,
                w,
                h,
                3.0,
            );
            empty_cell(&mut svg, x, y, w, h, kind);
            let (label, ink) = match kind {
                EmptyCell::Gap => (t.get("diagram.gap"), colour::WARN),
                EmptyCell::OptOut => (t.get("diagram.opt_out"), colour::MUTED),
            };
            let f = Font::bold(12.0);
            let lw = f.width(label) + 12.0;
            svg.rect(
                x + (w - lw) / 2.0,
                y + h / 2.0 - 10.0,
                lw,
                20.0,
                &[("fill", colour::WHITE), ("rx", "3")],
            );
            svg.text(x + w / 2.0, y + h / 2.0 + 4.5, label, f, "middle", ink);
            svg.close();
        }
        // Services.
        for c in &row.chips {
            let x = &s.services[c.service];
            let warn = s.overlaps.iter().any(|o| {
                o.step == row.step
                    && o.band >= c.first
                    && o.band <= c.last
                    && o.services.contains(&c.service)
            });
            svg.open(
                "g",
                &[
                    ("class", "service"),
                    ("data-node", &Kind::Tilbud.url(&x.h.id)),
                ],
            );
            svg.area(
                &url(&Kind::Tilbud.url(&x.h.id)),
                &chip_tooltip(s, c.service, t),
                c.x,
                c.y,
                c.w,
                c.h,
                3.0,
            );
            chip_shape(&mut svg, c.x, c.y, c.w, c.h, x.provider, warn);
            svg.lines(
                c.x + TAB + p.m.chip_pad + 1.0,
                c.y + p.m.chip_pad,
                &c.lines,
                CHIP,
                "start",
                colour::TEXT,
            );
            svg.close();
        }
        // Overlaps: one bracket around the services, labelled below them.
        for b in &row.brackets {
            let names: Vec<&str> = b
                .services
                .iter()
                .map(|i| s.services[*i].h.title.as_str())
                .collect();
            svg.open(
                "g",
                &[
                    ("class", "overlap"),
                    (
                        "data-overlap",
                        &format!("{}/{}-{}", st.h.id, s.bands[b.first].id, s.bands[b.last].id),
                    ),
                ],
            );
            svg.rect(
                b.x,
                b.y,
                b.w,
                b.h,
                &[
                    ("fill", "none"),
                    ("stroke", colour::WARN),
                    ("stroke-width", "2"),
                    ("rx", "4"),
                ],
            );
            let lh = b.y + b.h - b.label_y;
            svg.area(
                &url("tilbudsvifte.html#overlap"),
                &format!("{}: {}", b.label.join(" "), names.join(", ")),
                b.x,
                b.label_y,
                b.w,
                lh,
                0.0,
            );
            svg.rect(
                b.x,
                b.label_y,
                b.w,
                lh,
                &[
                    ("fill", colour::WARN_BG),
                    ("stroke", colour::WARN),
                    ("stroke-width", "2"),
                ],
            );
            svg.lines(
                b.x + p.m.chip_pad,
                b.label_y + 3.0,
                &b.label,
                BRACKET,
                "start",
                colour::WARN,
            );
            svg.close();
        }
    }
    svg.line(
        MARGIN + ARROW_W,
        p.height,
        right,
        p.height,
        &[("stroke", colour::GRID)],
    );
    let height = legend(&mut svg, p.height + 4.0, t) + 4.0;
    let mut counts = format!(
        "{} {}, {} {}, {} {}, {} {}",
        s.services.len(),
        t.get("services.many"),
        s.steps.len(),
        t.get("diagram.steps").to_lowercase(),
        s.gaps.len(),
        t.get("services.gaps").to_lowercase(),
        s.overlaps.len(),
        t.get("services.overlaps").to_lowercase(),
    );
    // Deliberate opt-outs are counted too, when there are any.
    let chosen: usize = s.opt_outs.iter().map(|o| o.bands.len()).sum();
    if chosen > 0 {
        counts.push_str(&format!(
            ", {chosen} {}",
            t.get("services.opt_outs").to_lowercase()
        ));
    }
    let desc = format!(
        "{} {counts}. {}",
        t.get("diagram.ladder_desc"),
        t.get("diagram.see_text")
    );
    Some(document(
        &Doc {
            id: ID,
            width: WIDTH,
            height: height.ceil(),
            title: t.get("diagram.ladder_title"),
            desc: &desc,
        },
        svg,
    ))
}

#[cfg(test)]
mod tests;
