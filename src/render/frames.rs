//! Diagrams that stay legible on a phone. Every generated diagram on a
//! page is put in a horizontally scrollable frame whose content is never
//! narrower than the width at which the diagram's smallest text renders at
//! [`MIN_TEXT_PX`] CSS pixels (computed from the SVG's `font-size`
//! attributes), with a hint that the frame scrolls and a link to the
//! diagram alone at that size (`diagrammer/<page>-<n>.svg`, written here).
//! The width rules apply on screen only; print keeps the diagrams' own
//! sizing. Called by the page writer ([`super::Ctx::emit`]) for every page,
//! so every part's diagrams get it without each builder knowing.

use super::Ctx;
use super::views::{PageView, Section};
use crate::diagrams::{esc, num};
use memchr::memmem;

/// No diagram text is rendered smaller than this (CSS px), the size of
/// small body text.
pub(crate) const MIN_TEXT_PX: f64 = 12.0;

/// Folder of the stand-alone diagrams.
pub(crate) const FOLDER: &str = "diagrammer";

/// A copy of `view` with its diagrams framed, and the stand-alone diagrams
/// written; `None` when the page has no diagram (nothing is copied).
pub(crate) fn frame(cx: &Ctx, path: &str, view: &PageView) -> Option<PageView> {
    fn has(s: &[Section]) -> bool {
        s.iter().any(|s| s.figure.is_some() || has(&s.children))
    }
    if !has(&view.sections) {
        return None;
    }
    let mut v = view.clone();
    let stem = path.trim_end_matches(".html").replace('/', "-");
    let mut n = 0;
    frame_all(cx, &stem, &mut n, &mut v.sections);
    Some(v)
}

fn frame_all(cx: &Ctx, stem: &str, n: &mut usize, sections: &mut [Section]) {
    for s in sections {
        if let Some(f) = &mut s.figure {
            *n += 1;
            let file = format!("{FOLDER}/{stem}-{n}.svg");
            let size = Size::of(&f.svg);
            if let Some(alone) = standalone(&f.svg, &size) {
                let depth = file.matches('/').count();
                cx.sink
                    .put(&file, crate::url::relativize(&alone, depth).into_bytes());
            }
            let label = if f.caption.is_empty() {
                cx.t("diagram.frame_label")
            } else {
                f.caption.clone()
            };
            f.svg = wrap(
                &f.svg,
                &size,
                &label,
                &cx.t("diagram.scroll_hint"),
                &crate::url::url(&file),
                &cx.t("diagram.full_size"),
            );
        }
        frame_all(cx, stem, n, &mut s.children);
    }
}

/// A diagram's natural width (its viewBox) and smallest font size.
#[derive(Debug, PartialEq)]
pub(crate) struct Size {
    pub width: f64,
    pub height: f64,
    pub min_font: f64,
}

impl Size {
    /// Read from the first `<svg>` (the drawing) of a diagram.
    pub(crate) fn of(svg: &str) -> Size {
        let drawing = drawing(svg).unwrap_or(svg);
        let open = &drawing[..drawing.find('>').unwrap_or(drawing.len())];
        let vb: Vec<f64> = attr(open, "viewBox")
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let (width, height) = match vb[..] {
            [_, _, w, h] => (w, h),
            _ => (0.0, 0.0),
        };
        let mut min_font = f64::INFINITY;
        let pat = "font-size=\"";
        let mut rest = drawing;
        while let Some(i) = rest.find(pat) {
            rest = &rest[i + pat.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            if let Ok(v) = rest[..end].parse::<f64>()
                && v > 0.0
            {
                min_font = min_font.min(v);
            }
        }
        if !min_font.is_finite() {
            min_font = MIN_TEXT_PX;
        }
        Size {
            width,
            height,
            min_font,
        }
    }

    /// How much the diagram must be enlarged (≥ 1) so that its smallest
    /// text renders at [`MIN_TEXT_PX`].
    pub(crate) fn scale(&self) -> f64 {
        (MIN_TEXT_PX / self.min_font).max(1.0)
    }

    /// The narrowest the diagram may be drawn (px, rounded up).
    pub(crate) fn min_width(&self) -> f64 {
        (self.width * self.scale()).ceil()
    }
}

/// The value of attribute `name` in an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let rest = &tag[i..];
    Some(&rest[..rest.find('"')?])
}

/// The first `<svg>…</svg>` element of a diagram (nested ones counted).
fn drawing(svg: &str) -> Option<&str> {
    let start = svg.find("<svg")?;
    let mut depth = 0;
    let mut i = start;
    loop {
        let next_open = svg[i + 1..].find("<svg").map(|k| k + i + 1);
        let next_close = svg[i + 1..].find("</svg>").map(|k| k + i + 1)?;
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                i = o;
            }
            _ if depth > 0 => {
                depth -= 1;
                i = next_close;
            }
            _ => return Some(&svg[start..next_close + "</svg>".len()]),
        }
    }
}

/// The drawing as a stand-alone SVG file at the size where its text is
/// legible (its title and description stay in it).
fn standalone(svg: &str, size: &Size) -> Option<String> {
    let d = drawing(svg)?;
    if size.width <= 0.0 {
        return None;
    }
    let w = num(size.min_width());
    let h = num((size.height * size.scale()).ceil());
    let sized = d.replacen(
        "width=\"100%\"",
        &format!("width=\"{w}\" height=\"{h}\""),
        1,
    );
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{sized}\n"
    ))
}

/// The hint and the full-size link, then the diagram in its scroll frame
/// (a focusable named region, as a scrollable area must be).
/// The hint is shown by the theme's CSS at narrow widths (and by the
/// script exactly when the frame overflows); it is hidden from assistive
/// technology, which does not scroll by swiping.
fn wrap(svg: &str, size: &Size, label: &str, hint: &str, full: &str, full_text: &str) -> String {
    let min = size.min_width();
    let max = min.max(size.width);
    format!(
        "<p class=\"scroll-tools\"><span class=\"scroll-hint\" aria-hidden=\"true\">{}</span> \
<a class=\"diagram-full\" href=\"{}\">{}</a></p>\
<div class=\"diagram-frame\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\
<div class=\"diagram-frame__inner\" style=\"--diagram-min:{}px;--diagram-max:{}px\">{svg}</div></div>",
        esc(hint),
        esc(full),
        esc(full_text),
        esc(label),
        num(min),
        num(max),
    )
}

/// Puts each `<table>` of rendered Markdown in a scroll wrapper (a
/// focusable region named after the table's column heads) with the
/// "swipe sideways" hint before it, like the tables omstil builds itself.
pub(crate) fn wrap_tables(html: &str, hint: &str, table: &str) -> String {
    if !crate::memsearch::contains(html, "<table") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = memmem::find(rest.as_bytes(), b"<table") {
        // `<table>` or `<table …>`, not `<tablefoo>`.
        let after = rest.as_bytes().get(i + 6).copied();
        if !matches!(after, Some(b'>' | b' ')) {
            out.push_str(&rest[..i + 6]);
            rest = &rest[i + 6..];
            continue;
        }
        out.push_str(&rest[..i]);
        let t = &rest[i..];
        let head_end = crate::memsearch::find(t, "</thead>")
            .or_else(|| crate::memsearch::find(t, "</tr>"))
            .unwrap_or(0);
        let heads = super::search::plain_text(&t[..head_end]);
        // The cells come out separated by " ·": list them with commas.
        let heads = heads
            .split('·')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let label = if heads.is_empty() {
            table.to_string()
        } else {
            format!("{table}: {heads}")
        };
        out.push_str(&format!(
            "<p class=\"scroll-tools scroll-tools--table\"><span class=\"scroll-hint\" aria-hidden=\"true\">{}</span></p>\
<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            esc(hint),
            esc(&label)
        ));
        // Tables nested in the author's HTML stay inside the outer one.
        let end = table_end(t);
        out.push_str(&t[..end]);
        out.push_str("</div>");
        rest = &t[end..];
    }
    out.push_str(rest);
    out
}

/// The end of the table that `t` starts with (nested tables counted).
/// Jumps from one `</table>` to the next and counts the `<table` before
/// each (a table has hundreds of tags; stopping at each `<` cost a search
/// per tag).
fn table_end(t: &str) -> usize {
    const CLOSE: &[u8] = b"</table>";
    let b = t.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(k) = memmem::find(&b[i..], CLOSE) {
        let close = i + k;
        depth += memmem::find_iter(&b[i..close], b"<table").count();
        depth = depth.saturating_sub(1);
        if depth == 0 {
            return close + CLOSE.len();
        }
        i = close + CLOSE.len();
    }
    t.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<div class=\"diagram-stack\" style=\"position:relative;max-width:960px\">\
<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram-svg\" viewBox=\"0 0 960 448\" width=\"100%\" font-size=\"13\">\
<title id=\"t\">T</title><desc id=\"d\">D</desc><marker viewBox=\"0 0 10 10\"></marker>\
<text font-size=\"10.5\">a</text><text font-size=\"12\">b</text></svg>\
<svg class=\"diagram-links\" viewBox=\"0 0 960 448\"><a href=\"x\"><text font-size=\"2\">z</text></a></svg></div>";

    #[test]
    fn min_width_makes_the_smallest_text_twelve_px() {
        let s = Size::of(SVG);
        assert_eq!((s.width, s.height, s.min_font), (960.0, 448.0, 10.5));
        assert_eq!(s.min_width(), 1098.0);
        assert!(s.min_font * s.min_width() / s.width >= MIN_TEXT_PX);
        // Text of 12 px or more: the natural width.
        let big = Size::of("<svg viewBox=\"0 0 800 300\"><text font-size=\"12.5\">x</text></svg>");
        assert_eq!(big.min_width(), 800.0);
    }

    #[test]
    fn standalone_is_the_drawing_at_legible_size() {
        let s = Size::of(SVG);
        let alone = standalone(SVG, &s).unwrap();
        assert!(alone.starts_with("<?xml"));
        assert!(alone.contains("width=\"1098\" height=\"512\""), "{alone}");
        assert!(alone.contains("<title id=\"t\">T</title>"));
        assert!(!alone.contains("diagram-links"));
        assert!(!alone.contains("diagram-stack"));
    }

    #[test]
    fn markdown_tables_are_wrapped_and_named() {
        let html = "<p>x</p><table><thead><tr><th>Kilde</th><th>Eksempel</th></tr></thead><tbody><tr><td>a</td></tr></tbody></table><p>y</p>";
        let w = wrap_tables(html, "Stryg", "Tabel");
        assert!(w.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabel: Kilde, Eksempel\"><table>"), "{w}");
        assert!(w.ends_with("</table></div><p>y</p>"));
        assert_eq!(w.matches("<div").count(), w.matches("</div>").count());
        assert_eq!(wrap_tables("<p>no</p>", "S", "T"), "<p>no</p>");
        let nested = wrap_tables(
            "<table><tr><td><table><tr><td>i</td></tr></table></td></tr></table>",
            "S",
            "T",
        );
        assert!(
            nested.ends_with("</table></td></tr></table></div>"),
            "{nested}"
        );
        assert_eq!(nested.matches("table-wrap").count(), 1);
    }

    /// The tag-by-tag walk `table_end` replaced: what it must give.
    fn table_end_plain(t: &str) -> usize {
        let mut depth = 0usize;
        let mut i = 0;
        while let Some(k) = t[i..].find('<') {
            let at = i + k;
            if t[at..].starts_with("<table") {
                depth += 1;
            } else if t[at..].starts_with("</table>") {
                depth -= 1;
                if depth == 0 {
                    return at + "</table>".len();
                }
            }
            i = at + 1;
        }
        t.len()
    }

    #[test]
    fn table_end_counts_nested_tables_like_the_tag_walk() {
        let cases = [
            "<table></table>",
            "<table><tr><td>æ</td></tr></table><p>after</p></table>",
            "<table><tr><td><table><tr><td>i</td></tr></table></td></tr></table>x",
            "<table class=\"a\"><tablefoo></table></table>tail",
            "<table><td>&lt;table&gt; <table></table></td></table></table>",
            "<table> never closed <b>ø</b>",
            "<table><table><table></table></table>",
            "<table></table></table>",
        ];
        for c in cases {
            assert_eq!(table_end(c), table_end_plain(c), "{c:?}");
        }
        assert_eq!(table_end("<table></table>x"), 15);
    }

    #[test]
    fn frame_is_a_named_focusable_region_with_hint_and_link() {
        let s = Size::of(SVG);
        let w = wrap(
            SVG,
            &s,
            "A & B",
            "Stryg",
            "omstil-root:/diagrammer/x-1.svg",
            "Vis",
        );
        assert!(w.starts_with("<p class=\"scroll-tools\">"));
        assert!(w.contains(
            "<div class=\"diagram-frame\" tabindex=\"0\" role=\"region\" aria-label=\"A &amp; B\">"
        ));
        assert!(w.contains("--diagram-min:1098px;--diagram-max:1098px"));
        assert!(w.contains("href=\"omstil-root:/diagrammer/x-1.svg\""));
    }
}
