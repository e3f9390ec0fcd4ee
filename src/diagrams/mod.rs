//! Diagrams: the model → inline SVG strings, drawn at build time (the
//! "diagrams / charts" stage of the pipeline, called by the page builders
//! in `render`). One file per diagram; this module holds the small SVG
//! writer they share (every text and attribute escaped, every number
//! written with one fixed format, so builds are byte-identical), the
//! accessible document wrapper (`role="img"`, `<title>`, `<desc>`) and the
//! palette, whose text/background pairs are tested for 4.5:1 contrast.
//!
//! URLs in diagrams are written from the site root behind
//! [`crate::url::ROOT`] like every other link; the page writer makes
//! them relative and the print page turns them into anchors.

pub mod actors;
pub mod charts;
pub mod followup;
pub mod ladder;
mod layered;
pub mod text;
pub mod timeline;
pub mod toc;

use text::{FONT_FAMILY, Font};

/// A number as written in SVG: at most one decimal, no `-0`.
pub fn num(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if tenths == 0.0 || !tenths.is_finite() {
        return "0".into();
    }
    // Written from the whole number of tenths: the same digits as
    // formatting the rounded float with one decimal, without the float
    // formatting (a drawing writes thousands of coordinates).
    if tenths.abs() < 1e15 {
        let t = tenths as i64;
        let (whole, tenth) = (t.unsigned_abs() / 10, t.unsigned_abs() % 10);
        let sign = if t < 0 { "-" } else { "" };
        return if tenth == 0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{tenth}")
        };
    }
    let r = tenths / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Escapes text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(&mut out, s);
    out
}

/// [`esc`] appended to `out`. The characters to escape are ASCII, so the
/// text is copied in runs between them rather than char by char (a UTF-8
/// continuation byte is never one of them); no temporary string.
pub fn esc_into(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// A minimal SVG writer: elements with escaped attributes and text, and
/// beside the drawing a layer of link areas (see [`document`]).
#[derive(Default)]
pub struct Svg {
    out: String,
    stack: Vec<&'static str>,
    links: String,
}

impl Svg {
    pub fn new() -> Svg {
        Svg::default()
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            esc_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// `<tag attrs>`; closed by [`Svg::close`].
    pub fn open(&mut self, tag: &'static str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.out.push('>');
        self.stack.push(tag);
    }

    pub fn close(&mut self) {
        if let Some(tag) = self.stack.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push_str(">\n");
        }
    }

    /// `<tag attrs/>`
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.out.push_str("/>\n");
    }

    /// `<tag attrs>text</tag>`
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(tag, attrs);
        self.out.push('>');
        esc_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// A `<title>` child: the tooltip of the element it is in.
    pub fn title(&mut self, text: &str) {
        self.el("title", &[], text);
    }

    /// Trusted markup (plotters' output, already escaped by it).
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A link area over the drawing: a transparent rectangle on the link
    /// layer, with a tooltip. The drawing under it is one image to
    /// assistive technology (`role="img"`), so links cannot live inside
    /// it; the link layer is hidden from assistive technology and left out
    /// of the tab order, and the text equivalent carries the same links
    /// for the keyboard and screen readers.
    #[allow(clippy::too_many_arguments)]
    pub fn area(&mut self, href: &str, tooltip: &str, x: f64, y: f64, w: f64, h: f64, rx: f64) {
        let attrs = [
            ("x", num(x)),
            ("y", num(y)),
            ("width", num(w)),
            ("height", num(h)),
            ("rx", num(rx)),
        ];
        let mut l = Svg::new();
        l.open("a", &[("href", href), ("tabindex", "-1")]);
        l.title(tooltip);
        let mut a: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        a.extend([("fill", "#ffffff"), ("fill-opacity", "0")]);
        l.leaf("rect", &a);
        self.links.push_str(&l.finish());
    }

    /// Appends another writer's drawing and link areas.
    pub fn append(&mut self, other: Svg) {
        let links = other.links.clone();
        self.out.push_str(&other.finish());
        self.links.push_str(&links);
    }

    /// Lines of text, the first line's box starting at `top`.
    pub fn lines(
        &mut self,
        x: f64,
        top: f64,
        lines: &[String],
        font: Font,
        anchor: &str,
        fill: &str,
    ) {
        let lh = font.line_height();
        let size = num(font.size);
        let mut attrs = vec![("font-size", size.as_str()), ("fill", fill)];
        if font.bold {
            attrs.push(("font-weight", "bold"));
        }
        if anchor != "start" {
            attrs.push(("text-anchor", anchor));
        }
        self.open("text", &attrs);
        let xs = num(x);
        for (i, l) in lines.iter().enumerate() {
            let y = num(baseline(top, font) + i as f64 * lh);
            self.el("tspan", &[("x", &xs), ("y", &y)], l);
        }
        self.close();
    }

    /// One line of text with its baseline at `y`.
    pub fn text(&mut self, x: f64, y: f64, s: &str, font: Font, anchor: &str, fill: &str) {
        let (xs, ys, size) = (num(x), num(y), num(font.size));
        let mut attrs = vec![
            ("x", xs.as_str()),
            ("y", ys.as_str()),
            ("font-size", size.as_str()),
            ("fill", fill),
        ];
        if font.bold {
            attrs.push(("font-weight", "bold"));
        }
        if anchor != "start" {
            attrs.push(("text-anchor", anchor));
        }
        self.el("text", &attrs, s);
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, extra: &[(&str, &str)]) {
        let (xs, ys, ws, hs) = (num(x), num(y), num(w), num(h));
        let mut attrs = vec![
            ("x", xs.as_str()),
            ("y", ys.as_str()),
            ("width", ws.as_str()),
            ("height", hs.as_str()),
        ];
        attrs.extend_from_slice(extra);
        self.leaf("rect", &attrs);
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, extra: &[(&str, &str)]) {
        let (a, b, c, d) = (num(x1), num(y1), num(x2), num(y2));
        let mut attrs = vec![
            ("x1", a.as_str()),
            ("y1", b.as_str()),
            ("x2", c.as_str()),
            ("y2", d.as_str()),
        ];
        attrs.extend_from_slice(extra);
        self.leaf("line", &attrs);
    }

    /// The drawing, every open element closed (link areas not included).
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Baseline of the first line of a text block whose box starts at `top`.
pub fn baseline(top: f64, font: Font) -> f64 {
    top + (font.line_height() - font.size) / 2.0 + font.size * 0.8
}

/// Room for a diagram on an A4 page in print (portrait, default
/// margins, a heading and the caption), and the narrowest it may become.
const PRINT_HEIGHT_MM: f64 = 215.0;
const PRINT_WIDTH_MM: f64 = 180.0;
const PRINT_MIN_MM: f64 = 110.0;

/// What every diagram says about itself.
pub struct Doc<'a> {
    /// Prefix of the ids inside the SVG, unique on its page.
    pub id: &'a str,
    pub width: f64,
    pub height: f64,
    /// Short name, the accessible name (`<title>`).
    pub title: &'a str,
    /// Longer description (`<desc>`): what the diagram shows and where its
    /// text equivalent is.
    pub desc: &'a str,
}

/// The diagram: a wrapper holding the drawing, an `<svg>` that is one
/// image to assistive technology (`role="img"` named by its `<title>` and
/// `<desc>`), and over it, when the diagram has links, a second `<svg>`
/// with the same viewBox holding only the transparent link areas (hidden
/// from assistive technology, out of the tab order: links inside an image
/// would be lost to screen readers). Both scale with the page (viewBox,
/// width 100 %, no wider than the natural size) and are styled by
/// attributes only, so they look the same on a page, in print and in the
/// print page.
pub fn document(d: &Doc, body: Svg) -> String {
    let links = body.links.clone();
    let mut s = Svg::new();
    let t = format!("{}-titel", d.id);
    let de = format!("{}-beskrivelse", d.id);
    let vb = format!("0 0 {} {}", num(d.width), num(d.height));
    let wrap = format!("position:relative;max-width:{}px", num(d.width));
    let labelled = format!("{t} {de}");
    let class = format!("diagram-stack {}-stack", d.id);
    s.open("div", &[("class", &class), ("style", &wrap)]);
    s.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("class", "diagram-svg"),
            ("viewBox", &vb),
            ("width", "100%"),
            ("style", "display:block"),
            ("role", "img"),
            ("aria-labelledby", &labelled),
            ("font-family", FONT_FAMILY),
            ("font-size", "13"),
        ],
    );
    s.el("title", &[("id", &t)], d.title);
    s.el("desc", &[("id", &de)], d.desc);
    // A tall diagram is narrowed in print so that it fits on one A4 page,
    // as long as its text stays legible; taller ones run over pages.
    let print_mm = PRINT_HEIGHT_MM * d.width / d.height;
    if (PRINT_MIN_MM..PRINT_WIDTH_MM).contains(&print_mm) {
        s.el(
            "style",
            &[],
            &format!(
                "@media print{{.{}-stack{{max-width:{}mm!important;margin:0 auto}}}}",
                d.id,
                num(print_mm.floor())
            ),
        );
    }
    s.raw(&body.finish());
    s.close();
    if !links.is_empty() {
        s.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("class", "diagram-links"),
                ("viewBox", &vb),
                ("width", "100%"),
                ("height", "100%"),
                ("style", "position:absolute;left:0;top:0"),
                ("aria-hidden", "true"),
                ("focusable", "false"),
            ],
        );
        // Pointing at a box shows that it is a link (styled here, not in
        // the theme, so the diagram carries its own behaviour).
        s.el(
            "style",
            &[],
            ".diagram-links a:hover rect{fill:#1d4f73;fill-opacity:.1;stroke:#1d4f73;stroke-width:2}",
        );
        s.raw(&links);
        s.close();
    }
    s.finish()
}

/// The palette: every colour a diagram writes text in, and every fill it
/// writes text on, so the contrast test covers them all.
pub mod colour {
    pub const TEXT: &str = "#1b1b1b";
    pub const MUTED: &str = "#4a5560";
    pub const WHITE: &str = "#ffffff";
    pub const LINE: &str = "#5c6873";
    pub const GRID: &str = "#d5dbe0";
    pub const EDGE: &str = "#4a5560";
    pub const WARN: &str = "#8a1c12";
    pub const WARN_BG: &str = "#fbe9e7";

    pub const INDSATS: (&str, &str) = ("#e6ecf1", "#1f2d3a");
    pub const HYPOTESE: (&str, &str) = ("#f4f1e6", "#5a4a12");
    pub const SHORT: (&str, &str) = ("#e3edf7", "#1d4f73");
    pub const LONG: (&str, &str) = ("#efe6f5", "#5b2a86");
    pub const MYNDIGHED: (&str, &str) = ("#dde9f3", "#1d4f73");
    pub const TILBUDSVIFTE: (&str, &str) = ("#f6e7d2", "#6b3f00");
    pub const ALMEN: (&str, &str) = ("#dcefe0", "#1e5b2e");

    /// Series of a key-figure chart: municipality, comparison, country.
    pub const SERIES: [&str; 3] = ["#1d4f73", "#a8441f", "#4a5560"];
    pub const TARGET: &str = "#1e5b2e";

    /// Fills for categories (focus areas), white text on them.
    pub const CATEGORIES: [&str; 6] = [
        "#1d4f73", "#a8441f", "#1e5b2e", "#5b2a86", "#6b3f00", "#4a5560",
    ];

    /// Diverging fills for a rating scale, best first: strong blue for the
    /// best, a neutral grey in the middle, strong red for the worst (so the
    /// worst answer is never the palest), and the text on them.
    pub const SCALE: [(&str, &str); 7] = [
        ("#1d4f73", WHITE),
        ("#3f6d94", WHITE),
        ("#bcd3e6", TEXT),
        ("#e4e4e4", TEXT),
        ("#f3c2ad", TEXT),
        ("#b5462b", WHITE),
        ("#7a1a10", WHITE),
    ];

    /// The fills of a scale with `n` levels, best first: spread over
    /// `SCALE` symmetrically, so the first level is always the strongest
    /// blue and the last the strongest red (two levels: blue and red;
    /// an odd count has the grey in the middle).
    pub fn scale(n: usize) -> Vec<(&'static str, &'static str)> {
        let last = SCALE.len() - 1;
        let pick = |i: usize| -> usize {
            if n < 2 {
                return 0;
            }
            // Rounded toward the nearer end, mirrored for the second half.
            let mirror = i * 2 > n - 1;
            let j = if mirror { n - 1 - i } else { i };
            let k = (j * last) / (n - 1);
            if mirror { last - k } else { k }
        };
        (0..n).map(|i| SCALE[pick(i)]).collect()
    }

    /// Text/background pairs that occur in the diagrams.
    pub const PAIRS: &[(&str, &str)] = &[
        (TEXT, WHITE),
        (MUTED, WHITE),
        (WARN, WHITE),
        (WARN, WARN_BG),
        (TEXT, WARN_BG),
        (TEXT, INDSATS.0),
        (INDSATS.1, INDSATS.0),
        (TEXT, HYPOTESE.0),
        (HYPOTESE.1, HYPOTESE.0),
        (WARN, HYPOTESE.0),
        (TEXT, SHORT.0),
        (SHORT.1, SHORT.0),
        (TEXT, LONG.0),
        (LONG.1, LONG.0),
        (TEXT, MYNDIGHED.0),
        (MYNDIGHED.1, MYNDIGHED.0),
        (TEXT, TILBUDSVIFTE.0),
        (TILBUDSVIFTE.1, TILBUDSVIFTE.0),
        (TEXT, ALMEN.0),
        (ALMEN.1, ALMEN.0),
        (SERIES[0], WHITE),
        (SERIES[1], WHITE),
        (SERIES[2], WHITE),
        (TARGET, WHITE),
        (SCALE[0].1, SCALE[0].0),
        (SCALE[1].1, SCALE[1].0),
        (SCALE[2].1, SCALE[2].0),
        (SCALE[3].1, SCALE[3].0),
        (SCALE[4].1, SCALE[4].0),
        (SCALE[5].1, SCALE[5].0),
        (SCALE[6].1, SCALE[6].0),
        (WHITE, SHORT.1),
        (WHITE, ALMEN.1),
        (WHITE, WARN),
    ];

    fn channel(c: u8) -> f64 {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// WCAG relative luminance of `#rrggbb`.
    pub fn luminance(hex: &str) -> f64 {
        let h = hex.trim_start_matches('#');
        let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
        0.2126 * channel(p(0)) + 0.7152 * channel(p(2)) + 0.0722 * channel(p(4))
    }

    /// WCAG contrast ratio of two colours.
    pub fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }
}

/// Shared `<defs>`: an arrowhead and the hatch pattern, ids under `id`.
pub fn defs(s: &mut Svg, id: &str) {
    s.open("defs", &[]);
    let arrow = format!("{id}-pil");
    s.open(
        "marker",
        &[
            ("id", &arrow),
            ("viewBox", "0 0 10 10"),
            ("refX", "10"),
            ("refY", "5"),
            ("markerWidth", "7"),
            ("markerHeight", "7"),
            ("orient", "auto"),
            ("markerUnits", "userSpaceOnUse"),
        ],
    );
    s.leaf(
        "path",
        &[("d", "M0,0 L10,5 L0,10 z"), ("fill", colour::EDGE)],
    );
    s.close();
    let hatch = format!("{id}-skravering");
    s.open(
        "pattern",
        &[
            ("id", &hatch),
            ("width", "8"),
            ("height", "8"),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", "rotate(45)"),
        ],
    );
    s.rect(0.0, 0.0, 8.0, 8.0, &[("fill", colour::WARN_BG)]);
    s.leaf(
        "line",
        &[
            ("x1", "0"),
            ("y1", "0"),
            ("x2", "0"),
            ("y2", "8"),
            ("stroke", "#e0a99f"),
            ("stroke-width", "3"),
        ],
    );
    s.close();
    s.close();
}

/// `url(#id-name)` of something made by [`defs`].
pub fn def_url(id: &str, name: &str) -> String {
    format!("url(#{id}-{name})")
}

/// A small deterministic pseudo-random sequence for generated test data.
#[cfg(test)]
pub(crate) struct Lcg(pub u64);

#[cfg(test)]
impl Lcg {
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// Compares a diagram with its committed snapshot: the drawing as
/// `tests/snapshots/<name>.svg` and the link layer, if any, as
/// `<name>.links.svg` (both open in a browser). With
/// `OMSTIL_UPDATE_SNAPSHOTS=1` the snapshots are written instead; on a
/// difference the new version is left under `target/snapshots/`.
#[cfg(test)]
pub(crate) fn assert_snapshot(name: &str, diagram: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut parts = vec![(format!("{name}.svg"), String::new())];
    let mut rest = diagram;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("svg is closed") + i + "</svg>".len();
        let svg = format!("{}\n", &rest[i..end]);
        match parts.last_mut() {
            Some((_, s)) if s.is_empty() => *s = svg,
            _ => parts.push((format!("{name}.links.svg"), svg)),
        }
        rest = &rest[end..];
    }
    for (file, actual) in parts {
        let path = root.join("tests/snapshots").join(&file);
        if std::env::var_os("OMSTIL_UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            let new = root.join("target/snapshots").join(&file);
            std::fs::create_dir_all(new.parent().unwrap()).unwrap();
            std::fs::write(&new, &actual).unwrap();
            panic!(
                "snapshot {} differs (or is missing); the new one is {}. \
                 Look at both, then accept with OMSTIL_UPDATE_SNAPSHOTS=1 cargo test.",
                path.display(),
                new.display()
            );
        }
    }
}

/// The default theme's UI strings, for tests.
#[cfg(test)]
pub(crate) fn test_strings(lang: &str) -> crate::theme::Strings {
    let mut d = crate::diag::Diagnostics::new();
    crate::theme::Theme::load(
        std::path::Path::new("/nonexistent-omstil-report"),
        None,
        lang,
        &mut d,
    )
    .expect("the default theme loads")
    .strings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_tenths_match_formatting_the_rounded_float() {
        let direct = |v: f64| -> String {
            let r = (v * 10.0).round() / 10.0;
            if r == 0.0 || !r.is_finite() {
                "0".into()
            } else if r.fract() == 0.0 {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            }
        };
        let mut rng = Lcg(7);
        let mut values: Vec<f64> = (-20_000..20_000).map(|k| k as f64 / 100.0).collect();
        values.extend(
            (0..20_000).map(|_| (rng.below(1 << 40) as f64 - (1u64 << 39) as f64) / 4096.0),
        );
        values.extend([
            0.05,
            -0.05,
            0.049999,
            -0.04,
            0.95,
            -0.95,
            9.95,
            1e13 + 0.3,
            -1e13 - 0.7,
            1e14,
            2e15,
            -3e17,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            f64::MIN_POSITIVE,
        ]);
        for v in values {
            assert_eq!(num(v), direct(v), "{v:e}");
        }
    }

    #[test]
    fn escaping_in_runs_matches_escaping_char_by_char() {
        let direct = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for s in [
            "",
            "plain",
            "&",
            "<<>>",
            "Børn & unge \"i\" 'mistrivsel' <3",
            "&amp; already escaped",
            "æøå€𝄞&ÆØÅ",
            "ends with quote\"",
            "'starts",
        ] {
            assert_eq!(esc(s), direct(s), "{s}");
            let mut out = String::from("x=");
            esc_into(&mut out, s);
            assert_eq!(out, format!("x={}", direct(s)));
        }
    }

    #[test]
    fn numbers_have_one_fixed_format() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.25), "1.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(num(1234.04), "1234");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn writer_escapes_text_and_attributes() {
        let mut s = Svg::new();
        s.area("a?b=1&c=\"2\"", "Tom & <Jerry>", 0.0, 0.0, 10.0, 10.0, 0.0);
        s.el("text", &[("data-x", "'")], "<script>");
        let links = s.links.clone();
        let out = s.finish();
        assert!(
            links.contains("href=\"a?b=1&amp;c=&quot;2&quot;\""),
            "{links}"
        );
        assert!(links.contains("<title>Tom &amp; &lt;Jerry&gt;</title>"));
        assert!(out.contains("data-x=\"&#39;\""));
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("<a "), "links live on their own layer");
    }

    #[test]
    fn document_is_an_accessible_scalable_image() {
        let d = Doc {
            id: "x",
            width: 300.0,
            height: 100.0,
            title: "T",
            desc: "D",
        };
        let out = document(&d, Svg::new());
        assert!(out.starts_with("<div class=\"diagram-stack "));
        assert!(
            !out.contains("diagram-links"),
            "no link layer without links"
        );
        for part in [
            "role=\"img\"",
            "aria-labelledby=\"x-titel x-beskrivelse\"",
            "viewBox=\"0 0 300 100\"",
            "width=\"100%\"",
            "<title id=\"x-titel\">T</title>",
            "<desc id=\"x-beskrivelse\">D</desc>",
        ] {
            assert!(out.contains(part), "{part} in {out}");
        }
        let open = &out[out.find("<svg").unwrap()..];
        assert!(!open[..open.find('>').unwrap()].contains("height="));
        let mut body = Svg::new();
        body.area("omstil-root:/x.html", "X", 1.0, 2.0, 3.0, 4.0, 0.0);
        let out = document(&d, body);
        let layer = &out[out.find("diagram-links").unwrap()..];
        assert!(layer.contains("aria-hidden=\"true\""));
        assert!(layer.contains("<a href=\"omstil-root:/x.html\" tabindex=\"-1\">"));
    }

    #[test]
    fn text_colours_meet_wcag_aa() {
        for (fg, bg) in colour::PAIRS {
            let c = colour::contrast(fg, bg);
            assert!(c >= 4.5, "{fg} on {bg}: {c:.2}");
        }
        for bg in colour::CATEGORIES {
            assert!(colour::contrast(colour::WHITE, bg) >= 4.5, "white on {bg}");
        }
        assert!((colour::contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    }

    /// The worst level of a rating scale is never the palest fill: the
    /// ends are the strongest colours, the first blue and the last red.
    #[test]
    fn rating_scale_ends_are_strongest() {
        for n in 1..=10 {
            let fills = colour::scale(n);
            assert_eq!(fills.len(), n);
            assert_eq!(fills[0], colour::SCALE[0]);
            if n < 2 {
                continue;
            }
            let worst = fills[n - 1].0;
            assert_eq!(worst, colour::SCALE[6].0, "{n} levels");
            let palest = fills
                .iter()
                .map(|f| colour::luminance(f.0))
                .fold(0.0, f64::max);
            assert!(colour::luminance(worst) < palest || n == 1, "{n} levels");
            // Symmetric: level i and level n-1-i are equally far from grey.
            for i in 0..n {
                let (a, b) = (fills[i].0, fills[n - 1 - i].0);
                let (ia, ib) = (
                    colour::SCALE.iter().position(|s| s.0 == a).unwrap(),
                    colour::SCALE.iter().position(|s| s.0 == b).unwrap(),
                );
                assert_eq!(ia + ib, 6, "{n} levels, level {i}");
            }
        }
    }
}
