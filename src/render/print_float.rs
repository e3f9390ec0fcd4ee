//! Landscape figures as floats on paper (issue 14). A landscape figure
//! (`<div class="print-bred">` at the start of its section, see
//! `print_fig`) starts a new page, so the portrait page before it can be
//! left part empty. `omstil pdf` lets the text after the figure fill that
//! page, as LaTeX floats do: the figure's section (with a landscape section
//! right after it: both) is a [`Unit`] that may move past the whole blocks
//! after it (sections of its part, then the entries of the part's
//! two-column run), never past the end of its part nor past another
//! landscape figure.
//!
//! [`arrange`] writes the print page with each unit moved past `k` blocks
//! and zero-height markers (ids [`before`], [`after`], [`boundary`]) the
//! PDF's destinations place: where the portrait text before a unit ends,
//! where the text after it starts, and where each following block ends.
//! `pdf/floats.rs` measures them and chooses the `k`s.

use super::print_fig::element_end;

const WRAP: &str = "<div class=\"print-bred\">";
const ITEMS: &str = "<div class=\"print-items\">";
const ITEM: &str = "<div class=\"print-page print-page--item\"";

/// One movable figure group and the places it may move to.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Its bytes in the print page: one or more whole sections.
    pub span: (usize, usize),
    /// The end of each block after it that it may move past, in order.
    pub blocks: Vec<Block>,
}

/// The end of a block after a unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub end: usize,
    /// An entry inside a two-column run (not its last): the run is closed
    /// before the unit and opened again after it.
    pub in_items: bool,
}

/// The id of the marker just before unit `u` (where the text before it ends).
pub fn before(u: usize) -> String {
    format!("omstil-flyt-{u}-foer")
}

/// The id of the marker just after unit `u` (where the text after it starts).
pub fn after(u: usize) -> String {
    format!("omstil-flyt-{u}-efter")
}

/// The id of the marker after the `j`-th block (from 1) after unit `u`;
/// the 0th stays where the unit stood.
pub fn boundary(u: usize, j: usize) -> String {
    format!("omstil-flyt-{u}-{j}")
}

fn marker(id: &str) -> String {
    format!("<i id=\"{id}\"></i>")
}

/// The landscape figure groups of a print page, in order.
pub fn units(html: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find(WRAP) {
        let w = at + i;
        at = w + WRAP.len();
        // The wrapper must open its section (it holds the heading).
        let head = html[..w].trim_end();
        let Some(s) = head.rfind("<section") else {
            continue;
        };
        if head[s..].find('>') != Some(head.len() - s - 1) {
            continue;
        }
        let Some(len) = element_end(&html[s..], "section") else {
            continue;
        };
        let end = s + len;
        at = at.max(end);
        match out.last_mut() {
            // Right after the previous group: one group.
            Some(prev) if html[prev.span.1..s].trim().is_empty() => prev.span.1 = end,
            _ => out.push(Unit {
                span: (s, end),
                blocks: Vec::new(),
            }),
        }
    }
    for u in &mut out {
        u.blocks = blocks_after(html, u.span.1);
    }
    out
}

/// The length of the element `name` at the start of `s`, if it holds no
/// landscape figure (a unit never moves past another).
fn movable(s: &str, name: &str) -> Option<usize> {
    element_end(s, name).filter(|&len| !s[..len].contains(WRAP))
}

/// The blocks after `at` that a unit may move past: the sections left in
/// its article, then the entries of the two-column run right after it.
fn blocks_after(html: &str, mut at: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let skip = |at: usize| at + (html[at..].len() - html[at..].trim_start().len());
    loop {
        at = skip(at);
        let rest = &html[at..];
        if rest.starts_with("<section") {
            let Some(len) = movable(rest, "section") else {
                return out;
            };
            at += len;
            out.push(Block {
                end: at,
                in_items: false,
            });
        } else if rest.starts_with("</article>") {
            at = skip(at + 10);
            if !html[at..].starts_with("</div>") {
                return out;
            }
            at = skip(at + 6);
            if !html[at..].starts_with(ITEMS) {
                return out;
            }
            at += ITEMS.len();
            loop {
                at = skip(at);
                let rest = &html[at..];
                if rest.starts_with("</div>") {
                    if let Some(last) = out.last_mut() {
                        last.end = at + 6;
                        last.in_items = false;
                    }
                    return out;
                }
                if !rest.starts_with(ITEM) {
                    return out;
                }
                let Some(len) = movable(rest, "div") else {
                    return out;
                };
                at += len;
                out.push(Block {
                    end: at,
                    in_items: true,
                });
            }
        } else {
            return out;
        }
    }
}

/// The print page with unit `u` moved past its first `ks[u]` blocks, the
/// markers in place and hidden links to them (a destination is written
/// only for an element some link points to).
pub fn arrange(html: &str, units: &[Unit], ks: &[usize]) -> String {
    let mut out = String::with_capacity(html.len() + units.len() * 4096);
    let mut ids = Vec::new();
    let mut last = 0;
    for (u, unit) in units.iter().enumerate() {
        let k = ks.get(u).copied().unwrap_or(0).min(unit.blocks.len());
        let (b, a) = (before(u), after(u));
        out.push_str(&html[last..unit.span.0]);
        let start = boundary(u, 0);
        out.push_str(&marker(&start));
        ids.push(start);
        let moved = |out: &mut String| {
            out.push_str(&marker(&b));
            out.push_str(&html[unit.span.0..unit.span.1]);
            out.push_str(&marker(&a));
        };
        if k == 0 {
            moved(&mut out);
        }
        let mut from = unit.span.1;
        for (j, block) in unit.blocks.iter().enumerate() {
            out.push_str(&html[from..block.end]);
            let id = boundary(u, j + 1);
            out.push_str(&marker(&id));
            ids.push(id);
            if j + 1 == k {
                if block.in_items {
                    out.push_str("</div>");
                }
                moved(&mut out);
                if block.in_items {
                    out.push_str(ITEMS);
                }
            }
            from = block.end;
        }
        ids.push(b);
        ids.push(a);
        last = from;
    }
    out.push_str(&html[last..]);
    if ids.is_empty() {
        return out;
    }
    let nav: String = ids
        .iter()
        .map(|id| format!("<a href=\"#{id}\"></a>"))
        .collect();
    let nav = format!("<nav hidden>{nav}</nav>");
    match out.rfind("</body>") {
        Some(i) => out.insert_str(i, &nav),
        None => out.push_str(&nav),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = concat!(
        "<body><div class=\"print-page print-page--part\" id=\"p\"><article class=\"page\">",
        "<section class=\"section\" id=\"a\"><p>A</p></section>",
        "<section class=\"section\" id=\"f\"><div class=\"print-bred\"><h3>F</h3><figure></figure></div></section>",
        " <section class=\"section\" id=\"g\"><div class=\"print-bred\"><h3>G</h3></div><p>G</p></section>",
        "<section class=\"section\" id=\"b\"><p>B</p></section>",
        "</article></div> <div class=\"print-items\">",
        "<div class=\"print-page print-page--item\" id=\"i1\"><p>1</p></div>",
        "<div class=\"print-page print-page--item\" id=\"i2\"><p>2</p></div>",
        "</div><div class=\"print-page print-page--part\" id=\"q\"></div></body>"
    );

    fn order(html: &str) -> Vec<&str> {
        html.match_indices(" id=\"")
            .map(|(i, _)| {
                let v = &html[i + 5..];
                &v[..v.find('"').unwrap()]
            })
            .collect()
    }

    #[test]
    fn adjacent_landscape_sections_are_one_unit_with_the_blocks_of_their_part() {
        let u = units(PAGE);
        assert_eq!(u.len(), 1, "{u:?}");
        assert!(PAGE[u[0].span.0..].starts_with("<section class=\"section\" id=\"f\""));
        assert!(PAGE[..u[0].span.1].ends_with("<p>G</p></section>"));
        let ends: Vec<bool> = u[0].blocks.iter().map(|b| b.in_items).collect();
        // Section b, entry 1 (inside the run), entry 2 (ends the run).
        assert_eq!(ends, vec![false, true, false]);
    }

    #[test]
    fn a_unit_moves_past_whole_blocks_and_the_run_is_split_around_it() {
        let u = units(PAGE);
        let same = arrange(PAGE, &u, &[0]);
        assert_eq!(
            order(&same),
            [
                "p",
                "a",
                "omstil-flyt-0-0",
                "omstil-flyt-0-foer",
                "f",
                "g",
                "omstil-flyt-0-efter",
                "b",
                "omstil-flyt-0-1",
                "i1",
                "omstil-flyt-0-2",
                "i2",
                "omstil-flyt-0-3",
                "q"
            ]
        );
        assert!(same.contains("<nav hidden><a href=\"#omstil-flyt-0-0\"></a>"));
        let two = arrange(PAGE, &u, &[2]);
        assert_eq!(
            order(&two),
            [
                "p",
                "a",
                "omstil-flyt-0-0",
                "b",
                "omstil-flyt-0-1",
                "i1",
                "omstil-flyt-0-2",
                "omstil-flyt-0-foer",
                "f",
                "g",
                "omstil-flyt-0-efter",
                "i2",
                "omstil-flyt-0-3",
                "q"
            ]
        );
        // The run is closed before the figure and opened after it.
        assert!(two.contains(
            "<i id=\"omstil-flyt-0-2\"></i></div><i id=\"omstil-flyt-0-foer\"></i><section"
        ));
        assert!(two.contains("<i id=\"omstil-flyt-0-efter\"></i><div class=\"print-items\"><div class=\"print-page print-page--item\" id=\"i2\""));
        // Past the whole run: after it, no empty run.
        let all = arrange(PAGE, &u, &[3]);
        assert!(
            all.contains("</div><i id=\"omstil-flyt-0-3\"></i><i id=\"omstil-flyt-0-foer\"></i>")
        );
        assert!(!all.contains("<div class=\"print-items\"></div>"));
        // Nothing lost, nothing doubled.
        for h in [&same, &two, &all] {
            assert_eq!(h.matches("<section").count(), 4);
            assert_eq!(h.matches("<div").count(), h.matches("</div>").count());
        }
    }

    #[test]
    fn a_unit_stops_before_another_landscape_figure_and_at_the_end_of_its_part() {
        let html = PAGE.replace(
            "<section class=\"section\" id=\"b\"><p>B</p></section>",
            "<section class=\"section\" id=\"b\"><p>B</p></section><section class=\"section\" id=\"c\"><div class=\"print-bred\"><h3>C</h3></div></section>",
        );
        let u = units(&html);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].blocks.len(), 1, "only section b: {u:?}");
        assert_eq!(u[1].blocks.len(), 2, "the two entries: {u:?}");
        let no_run = PAGE.replace(
            "</article></div> <div class=\"print-items\">",
            "</article></div><div>",
        );
        assert_eq!(units(&no_run)[0].blocks.len(), 1);
        // A page without landscape figures is left as it is.
        assert_eq!(arrange("<body>x</body>", &[], &[]), "<body>x</body>");
    }
}
