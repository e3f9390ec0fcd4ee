//! `print.html`: the whole report on one page in reading order, for "print
//! to PDF". Built from the articles of the pages already rendered: ids are
//! prefixed per page and links between pages become links within the
//! print page, so every link still works on paper and on screen.
//!
//! The page is laid out for A4 by `print.css` (paged media): a cover, a
//! table of contents with empty page-number slots (`span.sidetal`, filled
//! by `omstil pdf`), the front page's introduction and the status page
//! (`sider/status*`), the parts (each from a new page, their items flowing
//! under them), then the other free pages. Diagrams get a printed width
//! and page (see `print_fig`); internal links get a `span.se-side` slot.

use super::Ctx;
use super::print_fig::fit_figures;
use super::print_items;
use crate::memsearch::{contains, find, replace, rfind};
use crate::output::Spool;
use crate::url::{ROOT, relativize};

/// `hypoteser/x.html` → `hypoteser-x`.
fn prefix_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    push_prefix(&mut out, path);
    out
}

/// Writes [`prefix_of`] `path` to `out` (for each link to another page).
fn push_prefix(out: &mut String, path: &str) {
    let mut p = path;
    while let Some(t) = p.strip_suffix(".html") {
        p = t;
    }
    for (k, part) in p.split('/').enumerate() {
        if k > 0 {
            out.push('-');
        }
        out.push_str(part);
    }
}

/// Rewrites one page's article for the print page: headings one level
/// down (the print page has one `<h1>`), ids and the references to them
/// prefixed with the page, links to other pages turned into links within
/// the print page, then `print_items::compact`, the figures fitted to
/// paper and page-number slots after links. The root marker goes last (the
/// print page is at the root: `url::relativize` at depth 0).
pub fn rewrite(path: &str, article: &str) -> String {
    let p = prefix_of(path);
    let mut s = rewrite_tags(article, &p);
    if contains(&s, "url(#") {
        s = replace(&s, "url(#", &format!("url(#{p}--"));
    }
    let s = print_items::compact(path, &p, &s);
    let s = super::print_parts::earlier_round(&p, &s).unwrap_or(s);
    let s = fit_figures(s);
    let role = role_of(path);
    let mut out = String::with_capacity(s.len() + s.len() / 8 + 80);
    out.push_str("<div class=\"print-page print-page--");
    out.push_str(role);
    out.push_str("\" id=\"");
    out.push_str(&p);
    out.push_str("\">\n");
    page_slots(&mut out, &s);
    out.push_str("\n</div>\n");
    if contains(&out, ROOT) {
        out = replace(&out, ROOT, "");
    }
    out
}

/// Where a page goes in the print page: `front` (the front page's
/// introduction), `status` (a free page `sider/status*`, right after the
/// table of contents), `part` (a part's overview, from a new page),
/// `side` (other free pages, after the parts), `bilag` (the traceability
/// chains and the sources: the appendix, in two columns) or `item` (an
/// entity's page, flowing under its part; not in the table of contents).
pub fn role_of(path: &str) -> &'static str {
    if path == "index.html" {
        "front"
    } else if path.starts_with("sider/status") {
        "status"
    } else if path.starts_with("sider/") {
        "side"
    } else if path == "sporbarhed.html" || path == "kilder.html" {
        "bilag"
    } else if path.contains('/') {
        "item"
    } else {
        "part"
    }
}

/// One entry of the print page's table of contents.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub role: &'static str,
}

impl TocEntry {
    pub fn new(path: &str, title: &str) -> TocEntry {
        TocEntry {
            id: prefix_of(path),
            title: title.to_string(),
            role: role_of(path),
        }
    }
}

/// Writes `s` to `out` with, after each internal link (`<a href="#ID">…</a>`,
/// outside drawings), an empty `<span class="se-side" data-side="ID"></span>`
/// for the page number.
fn page_slots(out: &mut String, s: &str) {
    const A: &str = "<a href=\"#";
    let (links, ends) = (
        memchr::memmem::Finder::new(A),
        memchr::memmem::Finder::new("</a>"),
    );
    let mut rest = s;
    // The first drawing in `rest` (its offset in `s`): no link before it
    // is in a drawing, so the search back for one is needed only after it.
    let mut next_svg = find(s, "<svg");
    while let Some(i) = links.find(rest.as_bytes()) {
        let at = s.len() - rest.len();
        if next_svg.is_some_and(|v| v < at) {
            next_svg = find(rest, "<svg").map(|v| at + v);
        }
        let after_svg = next_svg.is_some_and(|v| v + "<svg".len() <= at + i);
        // Skip drawings: their links are the boxes themselves.
        if after_svg
            && let Some(v) = rfind(&rest[..i], "<svg")
            && !contains(&rest[v..i], "</svg>")
        {
            let end = find(&rest[i..], "</svg>").map_or(rest.len(), |e| i + e + 6);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let id_start = i + A.len();
        let (Some(q), Some(close)) = (
            memchr::memchr(b'"', &rest.as_bytes()[id_start..]),
            ends.find(&rest.as_bytes()[i..]),
        ) else {
            break;
        };
        let id = &rest[id_start..id_start + q];
        let end = i + close + 4;
        out.push_str(&rest[..end]);
        out.push_str("<span class=\"se-side\" data-side=\"");
        out.push_str(id);
        out.push_str("\"></span>");
        rest = &rest[end..];
    }
    out.push_str(rest);
}

/// Headings one level down ([`shift_headings`]), `id`,
/// `aria-labelledby` and `aria-describedby` values prefixed with the page
/// `p`, and `href`s rewritten (fragments get the prefix, links to other
/// pages become fragments of the print page), in one pass over the
/// article. Each `name="` starts an attribute value, up to the next quote.
/// The same as `shift_headings` and then this rewrite of attributes: the
/// heading tags hold no `="` and no quote, so a heading tag is either
/// outside the values (shifted by this scan) or inside one (shifted with
/// the value).
fn rewrite_tags(s: &str, p: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // `s[..done]` is written; the last value ended at `vend` (its quote),
    // where an attribute's name starts at the earliest.
    let (mut done, mut vend, mut at) = (0, 0, 0);
    while let Some(k) = memchr::memchr2(b'<', b'=', &b[at..]) {
        let i = at + k;
        at = i + 1;
        if b[i] == b'<' {
            if let Some((d, len)) = heading_tag(&b[i..]) {
                out.push_str(&s[done..i + d]);
                out.push((b[i + d] + 1) as char);
                done = i + d + 1;
                at = i + len;
            }
            continue;
        }
        if b.get(i + 1) != Some(&b'"') {
            continue;
        }
        let start = i + 2;
        let name_start = b[vend..i]
            .iter()
            .rposition(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_')))
            .map_or(vend, |k| vend + k + 1);
        let name = &s[name_start..i];
        let spaced = name_start > 0 && b[name_start - 1] == b' ';
        out.push_str(&s[done..start]);
        let Some(end) = memchr::memchr(b'"', &b[start..]).map(|e| start + e) else {
            out.push_str(&shift_headings(&s[start..]));
            return out;
        };
        let v = &s[start..end];
        let v = match memchr::memchr(b'<', v.as_bytes()) {
            Some(_) => std::borrow::Cow::Owned(shift_headings(v)),
            None => std::borrow::Cow::Borrowed(v),
        };
        match name {
            "id" if spaced => {
                out.push_str(p);
                out.push_str("--");
                out.push_str(&v);
            }
            "aria-labelledby" | "aria-describedby" if spaced => {
                for (k, x) in v.split(' ').enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(p);
                    out.push_str("--");
                    out.push_str(x);
                }
            }
            n if n.ends_with("href") => push_href(&mut out, p, &v),
            _ => out.push_str(&v),
        }
        (done, vend, at) = (end, end, end);
    }
    out.push_str(&s[done..]);
    out
}

/// A heading tag at the start of `t` (`<h1`…`<h5`, `</h1>`…`</h5>`): where
/// its digit is and how long the tag's marker is.
fn heading_tag(t: &[u8]) -> Option<(usize, usize)> {
    let level = |d: Option<&u8>| d.is_some_and(|d| (b'1'..=b'5').contains(d));
    match t.get(1) {
        Some(b'h') if level(t.get(2)) => Some((2, 3)),
        Some(b'/') if t.get(2) == Some(&b'h') && level(t.get(3)) && t.get(4) == Some(&b'>') => {
            Some((3, 5))
        }
        _ => None,
    }
}

/// `<h1`…`<h5` and `</h1>`…`</h5>` one level down.
fn shift_headings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let (mut done, mut at) = (0, 0);
    while let Some(k) = memchr::memchr(b'<', &b[at..]) {
        let i = at + k;
        at = i + 1;
        if let Some((d, len)) = heading_tag(&b[i..]) {
            out.push_str(&s[done..i + d]);
            out.push((b[i + d] + 1) as char);
            done = i + d + 1;
            at = i + len;
        }
    }
    out.push_str(&s[done..]);
    out
}

/// An `href` value on the print page: fragments get the page's prefix
/// `p`, links to other pages become fragments of the print page.
fn push_href(out: &mut String, p: &str, v: &str) {
    if let Some(frag) = v.strip_prefix('#') {
        out.push('#');
        out.push_str(p);
        out.push_str("--");
        out.push_str(frag);
        return;
    }
    if let Some(rest) = v.strip_prefix(ROOT) {
        let (file, frag) = match rest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (rest, None),
        };
        if file.ends_with(".html") && file != "print.html" {
            out.push('#');
            push_prefix(out, file);
            if let Some(a) = frag {
                out.push_str("--");
                out.push_str(a);
            }
            return;
        }
    }
    out.push_str(v);
}

/// Where the articles go in the rendered print page.
const BODY_MARK: &str = "<!--omstil-print-body-->";

/// The table of contents: the parts and free pages in print order, each
/// with an empty page-number slot (items are found under their part).
fn toc_html(cx: &Ctx, entries: &[TocEntry]) -> String {
    let mut o = format!(
        "<nav class=\"print-toc\" id=\"indholdsfortegnelse\" aria-labelledby=\"print-toc-h\">\n<h2 id=\"print-toc-h\">{}</h2>\n<ol class=\"print-toc__list\">\n",
        esc(&cx.t("print.toc"))
    );
    let mut bilag = false;
    for e in entries.iter().filter(|e| e.role != "item") {
        if e.role == "bilag" && !bilag {
            bilag = true;
            o.push_str(&format!(
                "<li class=\"print-toc__heading\">{}</li>\n",
                esc(&cx.t("print.appendix"))
            ));
        }
        let title = if e.role == "front" {
            cx.t("print.intro")
        } else {
            e.title.clone()
        };
        // Whatever follows the appendix's heading is in the appendix (the
        // free pages come after the traceability page and the sources).
        let role = if bilag { "bilag" } else { e.role };
        o.push_str(&format!(
            "<li class=\"print-toc__{}\"><a href=\"#{id}\">{}</a> <span class=\"sidetal\" data-side=\"{id}\"></span></li>\n",
            role,
            esc(&title),
            id = e.id
        ));
    }
    o.push_str("</ol>\n</nav>\n");
    o
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CSS string literal.
fn css_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            '<' => o.push_str("\\3C "),
            '\n' | '\r' => o.push(' '),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// The page's own margin boxes: the report's title as running header and
/// "Side 3 af 38" (the words from strings.yaml); none on the cover.
fn page_style(cx: &Ctx) -> String {
    format!(
        "<style>@page {{ @top-left {{ content: {}; }} @bottom-right {{ content: {} counter(page) {} counter(pages); }} }} @page :first {{ @top-left {{ content: none; }} @bottom-right {{ content: none; }} }}</style>\n",
        css_str(&cx.report.settings.title),
        css_str(&format!("{} ", cx.t("print.page"))),
        css_str(&format!(" {} ", cx.t("print.of")))
    )
}

/// The print page's body as merged in reading order: the pages that go
/// first (front page, status) are kept; the rest is spooled (the free
/// pages come after the parts in reading order already).
pub struct Body {
    pub first: String,
    pub rest: Spool,
    pub toc_first: Vec<TocEntry>,
    pub toc_rest: Vec<TocEntry>,
    /// Whether a run of items (`div.print-items`, two columns on paper)
    /// is open in `rest`.
    items_open: bool,
    /// The kind label of the run's last item (see `print_items::label_once`).
    last_label: String,
    /// The key figures' tables, for their appendix (`print_parts`), the
    /// appendix's title and note, and the charts' caption on screen and
    /// on paper.
    keyfig: String,
    keyfig_words: (String, String),
    keyfig_caption: [(String, String); 2],
    /// The traceability appendix's note on paper (`print_parts::trace_short`).
    trace_note: String,
    /// Whether the anchor before the first step's entry is written.
    steps_anchored: bool,
}

impl Body {
    pub fn new(rest: Spool) -> Body {
        Body {
            first: String::new(),
            rest,
            toc_first: Vec::new(),
            toc_rest: Vec::new(),
            items_open: false,
            last_label: String::new(),
            keyfig: String::new(),
            keyfig_words: Default::default(),
            keyfig_caption: Default::default(),
            trace_note: String::new(),
            steps_anchored: false,
        }
    }

    /// The words `print_parts` needs: the key figures' appendix title and
    /// note, their chart's caption and description on screen and on paper,
    /// the traceability appendix's note on paper.
    /// The UI words the print body needs, from the report's strings (one
    /// place for the full build and the preview's background job).
    pub fn with_strings(self, cx: &Ctx) -> Body {
        self.with_words(
            [
                "print.keyfig_tables",
                "print.keyfig_note",
                "diagram.kf_caption",
                "print.keyfig_caption",
                "diagram.see_text",
                "print.keyfig_see_text",
                "print.trace_note",
            ]
            .map(|k| cx.t(k)),
        )
    }

    fn with_words(
        mut self,
        [title, note, screen, paper, see, see_paper, trace_note]: [String; 7],
    ) -> Body {
        self.keyfig_words = (title, note);
        self.keyfig_caption = [(esc(&screen), esc(&paper)), (esc(&see), esc(&see_paper))];
        self.trace_note = esc(&trace_note);
        self
    }

    /// Writes the key figures' table appendix, if tables were taken.
    fn flush_keyfig(&mut self) {
        if self.keyfig.is_empty() {
            return;
        }
        let (title, note) = &self.keyfig_words;
        let keyfig = std::mem::take(&mut self.keyfig);
        self.rest.push(&super::print_parts::appendix(
            &esc(title),
            &esc(note),
            &keyfig,
        ));
        self.toc_rest.push(TocEntry {
            id: super::print_parts::APPENDIX_ID.to_string(),
            title: title.clone(),
            role: "bilag",
        });
    }

    pub fn push(&mut self, html: &str, toc: TocEntry) {
        match toc.role {
            "front" | "status" => {
                self.first.push_str(html);
                self.toc_first.push(toc);
            }
            role => {
                // An item with a landscape diagram stands alone: a page
                // of another size cannot sit in a column.
                let item = role == "item" && !contains(html, "print-fig--bred");
                if item != self.items_open {
                    self.rest.push(if item { ITEMS_OPEN } else { ITEMS_CLOSE });
                    self.items_open = item;
                }
                if matches!(role, "bilag" | "side") {
                    self.flush_keyfig();
                }
                let taken = (role == "item" && toc.id.starts_with("noegletal-"))
                    .then(|| super::print_parts::take_table(&toc.id, html))
                    .flatten();
                let html = match taken {
                    None if toc.id == "sporbarhed" && !self.trace_note.is_empty() => {
                        super::print_parts::trace_short(html, &self.trace_note)
                    }
                    Some((rest, table)) => {
                        self.keyfig.push_str(&table);
                        self.keyfig.push('\n');
                        let mut rest = rest;
                        for (screen, paper) in &self.keyfig_caption {
                            if !screen.is_empty() {
                                rest = replace(&rest, screen, paper);
                            }
                        }
                        rest
                    }
                    None => html.to_string(),
                };
                if !item {
                    self.last_label.clear();
                }
                if role == "item" && toc.id.starts_with("trin-") && !self.steps_anchored {
                    self.steps_anchored = true;
                    self.rest
                        .push(&format!("<i id=\"{}\"></i>", print_items::STEPS_ANCHOR));
                }
                self.rest
                    .push(&print_items::label_once(&mut self.last_label, &html));
                self.toc_rest.push(toc);
            }
        }
    }

    /// Closes an open run of items.
    fn finish(&mut self) {
        if self.items_open {
            self.rest.push(ITEMS_CLOSE);
            self.items_open = false;
        }
        self.flush_keyfig();
    }
}

/// A run of consecutive items under their part: one two-column flow on
/// paper (print.css), so that short items share a page.
const ITEMS_OPEN: &str = "<div class=\"print-items\">\n";
const ITEMS_CLOSE: &str = "</div>\n";

/// Writes `print.html`: the page template around the spooled articles.
pub fn render(cx: &mut Ctx, mut body: Body) {
    body.finish();
    let title = format!("{} – {}", cx.report.settings.title, cx.t("print.title"));
    let mut v = cx.page("print.html", &title, "print", "print.html");
    v.lead = Some(cx.t("print.lead"));
    v.body = Some(BODY_MARK.to_string());
    let Some(html) = cx.render_html("print.html", "print.html", &v) else {
        return;
    };
    let html = relativize(&html, 0).replacen("</head>", &(page_style(cx) + "</head>"), 1);
    let Body {
        first,
        rest: spool,
        toc_first,
        toc_rest,
        ..
    } = body;
    let toc: Vec<TocEntry> = [toc_first, toc_rest].concat();
    match html.split_once(BODY_MARK) {
        Some((head, tail)) => {
            // The introduction gets the heading its contents entry names.
            let first = first.replacen(
                "<div class=\"print-page print-page--front\" id=\"index\">\n",
                &format!(
                    "<div class=\"print-page print-page--front\" id=\"index\">\n<h2 class=\"print-intro\">{}</h2>\n",
                    esc(&cx.t("print.intro"))
                ),
                1,
            );
            let head = format!("{head}{}{first}", toc_html(cx, &toc));
            cx.sink
                .put_spliced("print.html", head.as_bytes(), spool, tail.as_bytes())
        }
        // A theme's print template without `{{ body | safe }}`.
        None => {
            spool.discard();
            cx.sink.put("print.html", html.into_bytes());
        }
    }
}

#[cfg(test)]
mod tests;
