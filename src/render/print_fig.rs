//! Diagrams on paper: each `<figure class="diagram">` of the print page
//! gets a fixed printed width (in pt) chosen so that its smallest text is
//! at least [`MIN_PT`] on paper (SVG font-size × printed width / viewBox
//! width). Figures that fit go on the portrait page (a little into the side
//! margins if needed); wider ones on a landscape page (`page: bred` in
//! print.css); figures too tall for their page are cut into bands (copies
//! of the SVG with a smaller viewBox), cut where no text or box is.

use crate::memsearch::{contains, find, replace};

/// The smallest diagram text on paper, in pt.
pub const MIN_PT: f64 = 8.0;
/// Text column of the portrait page (A4, 18 mm side margins).
const PORTRAIT_TEXT: f64 = 493.2;
/// Widest portrait figure: 12.5 mm into each side margin, so 6 mm from
/// the paper's edge (inside what office printers print). A figure 842
/// units wide with 12-unit text (the follow-up process) fits at 8 pt.
const PORTRAIT_MAX: f64 = 562.0;
/// Tallest band on a portrait page (leaves room for heading and caption).
const PORTRAIT_BAND: f64 = 640.0;
/// Text width of the landscape page `bred` (12 mm side margins).
const LANDSCAPE: f64 = 773.0;
/// Tallest band on a landscape page.
const LANDSCAPE_BAND: f64 = 450.0;

/// How one diagram is printed.
#[derive(Debug, PartialEq)]
pub struct Fit {
    /// Printed width in pt.
    pub width: f64,
    pub landscape: bool,
    /// Bands as (top, height) in viewBox units; one band = not cut.
    pub bands: Vec<(f64, f64)>,
}

/// Chooses the printed width, page and bands of a `w`×`h` viewBox whose
/// smallest text is `fmin` units. `free` says whether a horizontal cut at
/// a given y would miss all text and boxes.
pub fn fit(w: f64, h: f64, fmin: f64, free: &dyn Fn(f64) -> bool) -> Fit {
    let need = (w * MIN_PT / fmin * 10.0).ceil() / 10.0;
    let natural = w * 0.75;
    let (width, landscape, band_pt) = if need <= PORTRAIT_MAX {
        (need.max(natural.min(PORTRAIT_TEXT)), false, PORTRAIT_BAND)
    } else if h * need / w <= LANDSCAPE_BAND {
        // Landscape: as wide as the page, or as wide as still fits the height.
        let fits = (LANDSCAPE_BAND * w / h * 10.0).floor() / 10.0;
        (LANDSCAPE.min(fits).max(need), true, LANDSCAPE_BAND)
    } else {
        (LANDSCAPE.max(need), true, LANDSCAPE_BAND)
    };
    let band = band_pt * w / width;
    let bands = cut(h, band, free);
    // A landscape figure cut into bands: printed as narrow as its 8 pt
    // text allows when that saves a band (a page).
    if landscape && bands.len() > 1 && need < width {
        let fewer = cut(h, band_pt * w / need, free);
        if fewer.len() < bands.len() {
            return Fit {
                width: need,
                landscape,
                bands: fewer,
            };
        }
    }
    Fit {
        width,
        landscape,
        bands,
    }
}

/// Cuts `0..h` into bands of at most `band`, each cut at the lowest free y
/// in the lower two thirds of the band (or at the band's end if none is).
fn cut(h: f64, band: f64, free: &dyn Fn(f64) -> bool) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut top = 0.0;
    while h - top > band {
        let mut y = (top + band).floor();
        let lowest = top + band / 3.0;
        while y > lowest && !free(y) {
            y -= 1.0;
        }
        if y <= lowest {
            y = top + band;
        }
        out.push((top, y - top));
        top = y;
    }
    out.push((top, h - top));
    out
}

/// A number attribute of an SVG tag.
fn num_attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let v = &tag[i..i + tag[i..].find('"')?];
    v.trim_end_matches("px").parse().ok()
}

/// The smallest `font-size` in an SVG (attributes and inline styles).
pub fn min_font(svg: &str) -> Option<f64> {
    let mut min: Option<f64> = None;
    for key in ["font-size=\"", "font-size:"] {
        for i in memchr::memmem::find_iter(svg.as_bytes(), key) {
            let v = svg[i + key.len()..].trim_start();
            let end = v
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(v.len());
            if let Ok(f) = v[..end].parse::<f64>()
                && f > 0.0
            {
                min = Some(min.map_or(f, |m: f64| m.min(f)));
            }
        }
    }
    min
}

/// The vertical extents of text lines and boxes in an SVG: text from `y`
/// less a font height to a little below, rects from `y` to `y + height`
/// (not those as tall as most of the diagram: backgrounds, lanes).
fn blocked(svg: &str, h: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut font = 14.0;
    for i in memchr::memchr_iter(b'<', svg.as_bytes()) {
        let rest = &svg[i..];
        let tag = &rest[..memchr::memchr(b'>', rest.as_bytes()).unwrap_or(rest.len())];
        if tag.starts_with("<text") {
            font = num_attr(tag, "font-size").unwrap_or(14.0);
        }
        if tag.starts_with("<text") || tag.starts_with("<tspan") {
            if let Some(y) = num_attr(tag, "y") {
                out.push((y - font * 1.05, y + font * 0.4));
            }
        } else if tag.starts_with("<rect")
            && let (Some(y), Some(rh)) = (num_attr(tag, "y"), num_attr(tag, "height"))
            && rh < h * 0.5
        {
            out.push((y, y + rh));
        }
    }
    out
}

/// The union of the blocked extents, sorted and merged, so that whether a
/// cut at `y` would hit one is a binary search (`cut` asks for each y it
/// tries, and a large diagram has thousands of texts).
struct Blocked(Vec<(f64, f64)>);

impl Blocked {
    fn new(mut spans: Vec<(f64, f64)>) -> Blocked {
        // An extent with a > b (or NaN) holds no y.
        spans.retain(|&(a, b)| a <= b);
        spans.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Blocked(merged)
    }

    /// Whether some extent holds `y` (ends included).
    fn covers(&self, y: f64) -> bool {
        let k = self.0.partition_point(|&(a, _)| a <= y);
        k > 0 && y <= self.0[k - 1].1
    }
}

/// The viewBox of an SVG's opening tag: (x, y, w, h).
fn view_box(tag: &str) -> Option<[f64; 4]> {
    let i = tag.find("viewBox=\"")? + 9;
    let v = &tag[i..i + tag[i..].find('"')?];
    let n: Vec<f64> = v.split([' ', ',']).filter_map(|x| x.parse().ok()).collect();
    (n.len() == 4).then(|| [n[0], n[1], n[2], n[3]])
}

/// The end (exclusive) of the element that opens at `s[0..]` with tag
/// `name`, counting nested elements of the same name.
pub(crate) fn element_end(s: &str, name: &str) -> Option<usize> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        let o = find(&s[i..], &open).map(|k| k + i);
        let c = find(&s[i..], &close).map(|k| k + i)?;
        match o {
            Some(o) if o < c => {
                depth += 1;
                i = o + open.len();
            }
            _ => {
                depth -= 1;
                i = c + close.len();
                if depth == 0 {
                    return Some(i);
                }
            }
        }
    }
}

/// The figures of a print page too wide for the landscape page at
/// [`MIN_PT`] (a very large actors' ring): `(label, printed width in pt)`.
/// Their right side is cut off on paper; `omstil pdf` says so.
pub fn too_wide(html: &str) -> Vec<(String, f64)> {
    const AT: &str = "print-fig--bred\" data-print-width=\"";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(AT) {
        rest = &rest[i + AT.len()..];
        let Some(width) = rest.find('"').and_then(|q| rest[..q].parse::<f64>().ok()) else {
            continue;
        };
        if width > LANDSCAPE + 0.5 {
            let head = &rest[..rest.len().min(2000)];
            let label = head
                .find("aria-label=\"")
                .map(|k| &head[k + 12..])
                .and_then(|v| v.find('"').map(|q| v[..q].to_string()))
                .unwrap_or_default();
            out.push((label, width));
        }
    }
    out
}

/// Rewrites every diagram figure of `html` for paper (see the module doc).
pub fn fit_figures(html: String) -> String {
    const FIG: &str = "<figure class=\"diagram\">";
    if !contains(&html, FIG) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html.as_str();
    while let Some(i) = find(rest, FIG) {
        out.push_str(&rest[..i]);
        let after = &rest[i + FIG.len()..];
        match fit_stack(after) {
            Some((fitted, used)) => {
                let landscape = contains(&fitted, "print-fig--bred");
                // A landscape figure takes its section's heading and note
                // along to its page: they are wrapped with it.
                let wrap = landscape
                    .then(|| {
                        out.rfind("<section")
                            .and_then(|k| out[k..].find('>').map(|e| k + e + 1))
                    })
                    .flatten()
                    .filter(|&k| !out[k..].contains("</section>") && !out[k..].contains("<figure"));
                if let Some(k) = wrap {
                    out.insert_str(k, "<div class=\"print-bred\">");
                }
                out.push_str(&fitted);
                rest = &after[used..];
                if wrap.is_some() {
                    let close = find(rest, "</figure>").map_or(rest.len(), |e| e + 9);
                    out.push_str(&rest[..close]);
                    out.push_str("</div>");
                    rest = &rest[close..];
                } else if landscape {
                    let close = find(rest, "</figure>").map_or(rest.len(), |e| e + 9);
                    out.push_str(&rest[..close]);
                    rest = &rest[close..];
                }
            }
            None => {
                out.push_str(FIG);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The figure's diagram stack (`<div class="diagram-stack">` with the
/// drawing and its link layer) at the start of `s`, fitted: the new figure
/// opening and stack(s), and how many bytes of `s` they replace.
fn fit_stack(s: &str) -> Option<(String, usize)> {
    let mut lead = s.len() - s.trim_start().len();
    // The screen's scroll tools and frame (phone layout) are left out on
    // paper: the stack inside the frame is fitted instead.
    if s[lead..].starts_with("<p class=\"scroll-tools\"") {
        lead += s[lead..].find("</p>")? + 4;
        lead = s.len() - s[lead..].trim_start().len();
    }
    let mut frame_end = None;
    if s[lead..].starts_with("<div class=\"diagram-frame\"") {
        frame_end = Some(lead + element_end(&s[lead..], "div")?);
        lead += s[lead..].find("<div class=\"diagram-stack")?;
    }
    let stack = &s[lead..];
    if !stack.starts_with("<div class=\"diagram-stack") {
        return None;
    }
    let end = element_end(stack, "div")?;
    let used = frame_end.unwrap_or(lead + end);
    let inner_start = stack.find('>')? + 1;
    let inner = &stack[inner_start..end - "</div>".len()];
    let svg_start = inner.find("<svg")?;
    let svg_end = svg_start + element_end(&inner[svg_start..], "svg")?;
    let svg = &inner[svg_start..svg_end];
    let links = inner[svg_end..]
        .find("<svg")
        .and_then(|k| {
            let k = svg_end + k;
            Some(&inner[k..k + element_end(&inner[k..], "svg")?])
        })
        .unwrap_or("");
    let tag = &svg[..svg.find('>')?];
    let [_, _, w, h] = view_box(tag)?;
    let fmin = min_font(svg)?;
    let blocks = Blocked::new(blocked(svg, h));
    let free = |y: f64| !blocks.covers(y);
    let f = fit(w, h, fmin, &free);
    let kind = if f.landscape { "bred" } else { "hoej" };
    let width = format!("{:.1}", f.width);
    let mut o = format!(
        "<figure class=\"diagram print-fig print-fig--{kind}\" data-print-width=\"{width}\" data-min-font=\"{fmin}\" data-viewbox-width=\"{w}\">"
    );
    // The printed width is used by print.css only; on screen (print.html
    // read in a browser) the stacks sit in the phone's scroll frame, at a
    // width where the smallest text renders at 12 px.
    let style = format!("--print-width:{width}pt;");
    let min_px = (w * super::frames::MIN_TEXT_PX / fmin).ceil();
    o.push_str(&format!(
        "<div class=\"diagram-frame\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><div class=\"diagram-frame__inner\" style=\"--diagram-min:{min_px}px;--diagram-max:{min_px}px\">",
        svg_title(svg).replace('"', "&quot;")
    ));
    let n = f.bands.len();
    for (k, &(top, bh)) in f.bands.iter().enumerate() {
        let slice = |x: &str| {
            if n == 1 {
                return x.to_string();
            }
            let x = x.replacen(
                &format!("viewBox=\"{}\"", attr(tag, "viewBox")),
                &format!("viewBox=\"0 {top} {w} {bh}\""),
                1,
            );
            if k == 0 { x } else { suffix_ids(&x, k) }
        };
        if n > 1 {
            o.push_str(&format!(
                "<div class=\"print-slice\" data-band=\"{}/{n}\">",
                k + 1
            ));
            if k > 0 {
                let title = svg_title(svg);
                o.push_str(&format!(
                    "<p class=\"print-slice__note\">{title} ({}/{n})</p>",
                    k + 1
                ));
            }
        }
        o.push_str(&format!(
            "<div class=\"diagram-stack print-stack\" style=\"{style}\">{}{}</div>",
            slice(svg),
            if links.is_empty() {
                String::new()
            } else {
                slice(links)
            }
        ));
        if n > 1 {
            o.push_str("</div>");
        }
    }
    o.push_str("</div></div>");
    Some((o, used))
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!("{name}=\"");
    tag.find(&key)
        .and_then(|i| {
            let v = &tag[i + key.len()..];
            v.find('"').map(|e| &v[..e])
        })
        .unwrap_or("")
}

/// The text of an SVG's `<title>`.
fn svg_title(svg: &str) -> &str {
    svg.find("<title")
        .and_then(|i| {
            let t = &svg[i..];
            let a = t.find('>')? + 1;
            t.find("</title>").map(|b| &t[a..b])
        })
        .unwrap_or("")
}

/// The k-th copy of an SVG: its ids (and the references to them) get a
/// suffix so that the page's ids stay unique.
fn suffix_ids(svg: &str, k: usize) -> String {
    let mut ids = Vec::new();
    for (i, _) in svg.match_indices(" id=\"") {
        let v = &svg[i + 5..];
        if let Some(e) = v.find('"') {
            ids.push(&v[..e]);
        }
    }
    let mut s = svg.to_string();
    // A band is a copy of a whole drawing: each search is a scan of it, and
    // most find nothing (then nothing is copied).
    let mut swap = |from: String, to: String| {
        if contains(&s, &from) {
            s = replace(&s, &from, &to);
        }
    };
    for id in ids {
        for (a, b) in [
            ("id=\"", "\""),
            ("url(#", ")"),
            ("href=\"#", "\""),
            ("labelledby=\"", "\""),
            ("describedby=\"", "\""),
        ] {
            swap(format!("{a}{id}{b}"), format!("{a}{id}-del{k}{b}"));
        }
        swap(format!("\"{id} "), format!("\"{id}-del{k} "));
        swap(format!(" {id}\""), format!(" {id}-del{k}\""));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_extents_block_the_same_cuts_as_the_extents() {
        let spans = vec![
            (10.0, 20.0),
            (15.0, 18.0),
            (19.0, 30.0),
            (40.0, 40.0),
            (50.0, 45.0),
            (-5.0, -1.0),
            (f64::NAN, 3.0),
            (31.0, 32.5),
        ];
        let b = Blocked::new(spans.clone());
        for k in -100..800 {
            let y = f64::from(k) / 10.0;
            let slow = spans.iter().any(|&(a, b)| a <= y && y <= b);
            assert_eq!(b.covers(y), slow, "{y}");
        }
        assert!(!Blocked::new(Vec::new()).covers(0.0));
    }

    #[test]
    fn a_figure_wider_than_the_landscape_page_is_named() {
        let html = "<figure class=\"diagram print-fig print-fig--bred\" data-print-width=\"1016.4\" data-min-font=\"12\"><div class=\"diagram-frame\" aria-label=\"Aktørerne\"></div></figure>\
<figure class=\"diagram print-fig print-fig--bred\" data-print-width=\"773.0\"><div aria-label=\"Tidsplan\"></div></figure>";
        assert_eq!(too_wide(html), [("Aktørerne".to_string(), 1016.4)]);
    }

    #[test]
    fn narrow_diagrams_stay_portrait_and_wide_ones_go_landscape() {
        let free = |_: f64| true;
        let f = fit(800.0, 240.0, 12.0, &free);
        assert!(!f.landscape && f.width * 12.0 / 800.0 >= MIN_PT, "{f:?}");
        let f = fit(960.0, 448.0, 11.0, &free);
        assert!(f.landscape && f.width * 11.0 / 960.0 >= MIN_PT, "{f:?}");
        assert_eq!(f.bands.len(), 1);
    }

    #[test]
    fn tall_diagrams_are_cut_where_nothing_is() {
        let free = |y: f64| !(500.0..560.0).contains(&y) && !(300.0..330.0).contains(&y);
        let f = fit(960.0, 1467.0, 10.5, &free);
        assert!(f.bands.len() >= 3, "{f:?}");
        for &(top, _) in &f.bands[1..] {
            assert!(free(top), "{f:?}");
        }
        let total: f64 = f.bands.iter().map(|b| b.1).sum();
        assert!((total - 1467.0).abs() < 1e-6);
    }

    #[test]
    fn banded_figures_are_printed_narrower_when_that_saves_a_band() {
        // 1317 units tall: three bands at the page's full width, two at
        // the width where its 12-unit text is 8 pt.
        let free = |y: f64| !(600.0..640.0).contains(&y);
        let f = fit(960.0, 1317.0, 12.0, &free);
        assert_eq!(f.bands.len(), 2, "{f:?}");
        assert!(f.landscape && f.width * 12.0 / 960.0 >= MIN_PT, "{f:?}");
        // No band saved: the full width, for larger text.
        let f = fit(960.0, 1000.0, 12.0, &free);
        assert_eq!(f.width, LANDSCAPE, "{f:?}");
    }

    #[test]
    fn figures_get_a_width_and_bands_unique_ids() {
        let svg = "<figure class=\"diagram\"><div class=\"diagram-stack x\" style=\"max-width:960px\"><svg class=\"diagram-svg\" viewBox=\"0 0 960 1400\" aria-labelledby=\"t\"><title id=\"t\">T</title><text font-size=\"11\"><tspan y=\"20\">a</tspan></text><path marker-end=\"url(#m)\"/><marker id=\"m\"/></svg><svg class=\"diagram-links\" viewBox=\"0 0 960 1400\"></svg></div><figcaption>c</figcaption></figure>";
        let out = fit_figures(svg.to_string());
        assert!(out.contains("print-fig--bred"), "{out}");
        assert!(out.contains("data-band=\"2/"), "{out}");
        assert!(
            out.contains("id=\"m-del1\"") && out.contains("url(#m-del1)"),
            "{out}"
        );
        assert!(out.contains("aria-labelledby=\"t-del1\""), "{out}");
        assert!(
            out.ends_with("<figcaption>c</figcaption></figure>"),
            "{out}"
        );
        assert_eq!(out.matches("<figure").count(), 1);
    }

    #[test]
    fn figures_in_the_phone_scroll_frame_are_fitted_too() {
        let fig = "<figure class=\"diagram\"><p class=\"scroll-tools\"><span>Stryg</span> <a class=\"diagram-full\" href=\"d.svg\">Vis</a></p><div class=\"diagram-frame\" tabindex=\"0\"><div class=\"diagram-frame__inner\" style=\"--diagram-min:800px\"><div class=\"diagram-stack x\" style=\"max-width:800px\"><svg class=\"diagram-svg\" viewBox=\"0 0 800 240\"><text font-size=\"12\" y=\"20\">a</text></svg></div></div></div><figcaption>c</figcaption></figure>";
        let out = fit_figures(fig.to_string());
        assert!(out.contains("print-fig--hoej"), "{out}");
        // The screen's tools are left out; the frame is made anew around
        // the fitted stack (12 px text on screen: 800 × 12 / 12).
        assert!(!out.contains("scroll-tools"), "{out}");
        assert_eq!(out.matches("class=\"diagram-frame\"").count(), 1, "{out}");
        assert!(out.contains("--diagram-min:800px"), "{out}");
        assert!(
            out.ends_with("<figcaption>c</figcaption></figure>"),
            "{out}"
        );
    }
}
