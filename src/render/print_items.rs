//! Compact entries on paper for the analysis, the theory of change, the
//! plan and the services (issue 14): the print page says what the site
//! says, but each relation between two entities once.
//!
//! The site shows a relation on both pages it joins (a hypothesis lists its
//! themes and the theme its hypotheses) and repeats derived ones (the
//! activities of a hypothesis's interventions). On paper a relation is
//! printed where the part already lists it for all its items:
//! - analysis: the overview's tree of hypotheses (their themes and the
//!   interventions that take them up) and its list of suggestions (with
//!   their themes); a theme keeps its findings, a hypothesis its text;
//! - theory of change: the text version of the detailed diagram ("Fører
//!   til", with the assumptions), so the entries of interventions,
//!   activities and outcomes keep their text, area, horizon and
//!   indicators; the overview's lists by area and horizon are that same
//!   text version's groups;
//! - plan: the overview's focus areas with their actions and its table
//!   (period, status, responsible, budget); an action keeps its text, its
//!   pool, its budget per year and its status history as one line each,
//!   and the activities and outcomes it works for;
//! - services: the ladder diagram, gaps, opt-outs and overlaps of the
//!   overview (not its matrix of steps and ages, which is the diagram
//!   again: its text on paper is the steps' entries, nor its list of
//!   steps); a step lists its services, a service keeps its text and its
//!   facts but the step;
//! - projects: the table of projects; an entry keeps its text and links;
//! - links to actors and projects are printed by the actors and projects.
//!
//! Everything here works on the article as `print::rewrite` has it (ids
//! prefixed with the page, links between pages made anchors); the site's
//! own pages are not touched. Links to what is left out go to the place
//! that shows it instead, or become plain text.

use std::borrow::Cow;

use crate::memsearch::{contains, find};

/// Sections left out of a page on paper: `(page, section ids)`, where
/// `page` is a folder of item pages (`hypoteser`) or a part's page
/// (`forandringsteori.html`).
const DROP: &[(&str, &[&str])] = &[
    ("temaer", &["hypoteser", "forslag"]),
    (
        "hypoteser",
        &["temaer", "indsatser", "aktiviteter", "sporbarhed"],
    ),
    // The text version's groups (`detaljeret-…`, an id ending in `-` is a
    // prefix of subsections' ids) and the lists by area and horizon: the
    // entries below say the same, each relation on the entry it leads
    // from.
    (
        "forandringsteori.html",
        &[
            "detaljeret-",
            "omraader",
            "toc-short-outcomes",
            "toc-long-outcomes",
        ],
    ),
    // The matrix of steps and ages (the ladder diagram again; links to it
    // go to the steps' entries, see REDIRECT) and the list of steps with
    // their services: each step's entry lists its services.
    ("tilbudsvifte.html", &["matrix", "trappen"]),
    // The table of key figures (latest value, target, course, unit,
    // source): the front page's tiles give the first four, and each key
    // figure's entry right after gives them all.
    ("noegletal.html", &["oversigt"]),
    // The list of rounds: their entries follow right after it.
    ("opfoelgning.html", &["opfoelgninger"]),
    ("indsatser", &["hypoteser", "maal"]),
    (
        "aktiviteter",
        &["indsatser", "hypoteser", "handlinger", "aktoerer"],
    ),
    (
        "maal",
        &[
            "aktiviteter",
            "indsatser",
            "bidrag",
            "handlinger",
            "kriterier",
        ],
    ),
    ("fokusomraader", &["handlinger", "projekter"]),
    ("handlinger", &["aktoerer", "projekter"]),
    ("trin", &["huller", "fravalg"]),
    ("tilbud", &["overlap"]),
];

/// The pages whose entries print.css lays out compactly (`article.print-compact`).
const COMPACT: &[&str] = &[
    "modenhedsanalyse.html",
    "temaer",
    "hypoteser",
    "forandringsteori.html",
    "indsatser",
    "aktiviteter",
    "maal",
    "udviklingsplan.html",
    "fokusomraader",
    "handlinger",
    "tilbudsvifte.html",
    "trin",
    "tilbud",
];

/// Tables left out of a part's page on paper: `(page, section id)`. The
/// theory of change's overview table (each intervention with the outcomes
/// it reaches through its activities) is the overview diagram's text, and
/// the entries print each step of it.
const DROP_TABLE: &[(&str, &str)] = &[("forandringsteori.html", "overblik")];

/// The anchor before the first step's entry on paper (written by
/// `print::Body`): the ladder diagram's text there is the steps' entries.
pub(crate) const STEPS_ANCHOR: &str = "tilbudsvifte--trinene";

/// Anchors of left-out sections that other pages link to (a prefix), and
/// where such a link goes instead.
const REDIRECT: &[(&str, &str)] = &[
    ("tilbudsvifte--matrix", STEPS_ANCHOR),
    ("forandringsteori--omraade", "forandringsteori--detaljeret"),
    (
        "forandringsteori--toc-short-outcomes",
        "forandringsteori--detaljeret",
    ),
    (
        "forandringsteori--toc-long-outcomes",
        "forandringsteori--detaljeret",
    ),
];

/// Sections whose table becomes one line on paper ("2023: 1.350.000 kr. ·
/// 2024: …"), per folder of item pages.
const ONE_LINE: &[(&str, &[&str])] = &[("handlinger", &["budget", "statushistorik"])];

/// Sections whose table becomes a list on paper, a row a line ("Udsagn:
/// 4 / 5 – kommentar"): a three-column table in half a page's width
/// wraps every cell.
const AS_LIST: &[(&str, &[&str])] = &[("temaer", &["selvevaluering"])];

/// Sections of a part's page whose link lists lose their badges and notes
/// on paper: the plan's focus areas with their actions (the table of
/// actions beside them gives each action's status and period).
const BARE_LINKS: &[(&str, &str)] = &[("udviklingsplan.html", "fokusomraader")];

/// The rule key of a page: its folder, or the part page's file.
fn key_of(path: &str) -> &str {
    path.split_once('/').map_or(path, |(dir, _)| dir)
}

/// The page id (`print::prefix_of`) of a rule key, with the separator
/// an item page's id has after it.
fn matches_page(id: &str, key: &str) -> bool {
    match key.strip_suffix(".html") {
        Some(part) => id == part,
        None => id.len() > key.len() && id.starts_with(key) && id.as_bytes()[key.len()] == b'-',
    }
}

/// Whether the anchor `id` (`page--section`) is a left-out section.
fn dropped(id: &str) -> bool {
    let Some((page, section)) = id.split_once("--") else {
        return false;
    };
    DROP.iter().any(|(key, ids)| {
        matches_page(page, key)
            && ids.iter().any(|d| match d.strip_suffix('-') {
                Some(pre) => section.starts_with(pre) && section.len() > pre.len(),
                None => section == *d,
            })
    })
}

/// The page's article as printed: see the module comment. `p` is the
/// page's id prefix, `html` the article after `print::rewrite`'s passes.
pub(crate) fn compact(path: &str, p: &str, html: &str) -> String {
    let key = key_of(path);
    let mut s = cut_blocks(html, "<nav class=\"page-toc\"", "<nav", "</nav>");
    if COMPACT.contains(&key) {
        const PAGE: &str = "<article class=\"page\">";
        if let Some(i) = find(&s, PAGE) {
            s.replace_range(i..i + PAGE.len(), "<article class=\"page print-compact\">");
        }
    }
    if let Some((_, ids)) = DROP.iter().find(|(k, _)| *k == key) {
        for id in *ids {
            let open = match id.ends_with('-') {
                true => format!("<section class=\"subsection\" id=\"{p}--{id}"),
                false => format!("<section class=\"section\" id=\"{p}--{id}\""),
            };
            s = cut_blocks(&s, &open, "<section", "</section>");
        }
    }
    for (_, id) in DROP_TABLE.iter().filter(|(k, _)| *k == key) {
        s = drop_table(&s, &format!("<section class=\"section\" id=\"{p}--{id}\""));
    }
    match key {
        // The bars say what the table under them says.
        "temaer" => s = cut_blocks(&s, "<ul class=\"bars\">", "<ul", "</ul>"),
        "handlinger" => s = action_facts(&s),
        // Its step lists it (services.rs writes the step first).
        "tilbud" => s = without_first_fact(&s),
        // Its budget is a column of the plan's budget table.
        "fokusomraader" => s = cut_blocks(&s, "<dl class=\"facts\">", "<dl", "</dl>"),
        // Partner, financing, period, status and budget are the columns of
        // the projects' table.
        "projekter" => s = cut_blocks(&s, "<dl class=\"facts\">", "<dl", "</dl>"),
        _ => {}
    }
    for (table, as_list) in [(ONE_LINE, false), (AS_LIST, true)] {
        if let Some((_, ids)) = table.iter().find(|(k, _)| *k == key) {
            for id in *ids {
                let open = format!("<section class=\"section\" id=\"{p}--{id}\"");
                s = table_as_text(&s, &open, as_list);
            }
        }
    }
    for (_, id) in BARE_LINKS.iter().filter(|(k, _)| *k == key) {
        let open = format!("<section class=\"section\" id=\"{p}--{id}\"");
        s = in_section(&s, &open, |sec| {
            let sec = cut_blocks(sec, "<span class=\"badge", "<span", "</span>");
            cut_blocks(&sec, " <span class=\"note\">", "<span", "</span>")
        });
    }
    relink(&s)
}

/// An item's kind label ("Handling") when the item before it in the same
/// run of items had the same label is left out: the first entry of a run
/// says what the entries are. `last` is the run's last label (empty after
/// anything else). Only for the compact entries (see [`COMPACT`]).
pub(crate) fn label_once<'a>(last: &mut String, html: &'a str) -> Cow<'a, str> {
    const P: &str = "<p class=\"kind-label\">";
    // (The label first: most pages without one are long.)
    let compact = || contains(html, "<article class=\"page print-compact\">");
    let Some(i) = find(html, P).filter(|_| compact()) else {
        last.clear();
        return Cow::Borrowed(html);
    };
    let Some(len) = find(&html[i..], "</p>") else {
        return Cow::Borrowed(html);
    };
    let label = &html[i + P.len()..i + len];
    if label == last {
        return Cow::Owned(format!("{}{}", &html[..i], &html[i + len + 4..]));
    }
    *last = label.to_string();
    Cow::Borrowed(html)
}

/// `html` without each element that starts with `open` (up to its end:
/// `tag` opens and `close` closes nested ones).
fn cut_blocks(html: &str, open: &str, tag: &str, close: &str) -> String {
    let open = memchr::memmem::Finder::new(open);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = open.find(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        match block_end(&rest[i..], tag, close) {
            Some(end) => rest = &rest[i + end..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the element at the start of `s` ends (after its `close`),
/// counting nested elements of the same tag.
fn block_end(s: &str, tag: &str, close: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let o = find(&s[at..], tag).map(|k| at + k);
        let c = find(&s[at..], close).map(|k| at + k)?;
        match o {
            Some(o) if o < c => {
                depth += 1;
                at = o + tag.len();
            }
            _ => {
                depth = depth.checked_sub(1)?;
                at = c + close.len();
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
}

/// An action's facts on paper: only what the plan's table of actions and
/// its focus areas do not show (plan.rs writes focus area, responsible,
/// period and status first, then the pool and the budget; the pool links
/// to its pool, the budget total is under the budget per year).
fn action_facts(html: &str) -> String {
    const DL: &str = "<dl class=\"facts\">";
    let Some(i) = find(html, DL) else {
        return html.to_string();
    };
    let Some(len) = find(&html[i..], "</dl>") else {
        return html.to_string();
    };
    let inner = &html[i + DL.len()..i + len];
    let kept: Vec<&str> = inner
        .split("<div>")
        .skip(1)
        .skip(4)
        .filter(|f| f.contains("<a href="))
        .collect();
    let dl = if kept.is_empty() {
        String::new()
    } else {
        format!("{DL}<div>{}</dl>", kept.join("<div>"))
    };
    format!("{}{dl}{}", &html[..i], &html[i + len + 5..])
}

/// `f` applied to the section that starts with `open` (up to its end).
fn in_section(html: &str, open: &str, f: impl Fn(&str) -> String) -> String {
    let Some(start) = find(html, open) else {
        return html.to_string();
    };
    let Some(end) = block_end(&html[start..], "<section", "</section>").map(|e| start + e) else {
        return html.to_string();
    };
    format!("{}{}{}", &html[..start], f(&html[start..end]), &html[end..])
}

/// The facts without their first entry.
fn without_first_fact(html: &str) -> String {
    const DL: &str = "<dl class=\"facts\">";
    let Some(i) = find(html, DL) else {
        return html.to_string();
    };
    let at = i + DL.len();
    let Some(d) = find(&html[at..], "<div>").map(|d| at + d) else {
        return html.to_string();
    };
    match find(&html[d..], "</div>") {
        Some(e) => format!("{}{}", &html[..d], &html[d + e + 6..]),
        None => html.to_string(),
    }
}

/// The table in the section that starts with `open`, written as text
/// after the section's heading: a row's first cell, ": " (a space after a
/// full stop), its other cells
/// joined by " – " (empty ones left out); the rows (and the footer) joined
/// by " · " into one line, or a list with a row an item. The caption
/// repeats the heading and goes.
fn table_as_text(html: &str, open: &str, as_list: bool) -> String {
    in_section(html, open, |sec| {
        let (Some(a), Some(b)) = (
            find(sec, "<p class=\"scroll-tools scroll-tools--table\""),
            find(sec, "</table></div>"),
        ) else {
            return sec.to_string();
        };
        let rows = table_rows(&sec[a..b]);
        let text = if as_list {
            let items: String = rows.iter().map(|r| format!("<li>{r}</li>")).collect();
            format!("<ul class=\"print-rows\">{items}</ul>")
        } else {
            format!(
                "<div class=\"prose print-line\"><p>{}</p></div>",
                rows.join(" · ")
            )
        };
        format!("{}{text}{}", &sec[..a], &sec[b + "</table></div>".len()..])
    })
}

/// The rows of a table's body and footer as text (see [`table_as_text`]).
fn table_rows(table: &str) -> Vec<String> {
    let body = table.find("<tbody>").map_or(table, |k| &table[k..]);
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let cells: Vec<&str> = row
                .split("</th>")
                .flat_map(|c| c.split("</td>"))
                .filter_map(|c| {
                    let k = c.rfind("<th").max(c.rfind("<td"))?;
                    let inner = &c[k..];
                    Some(inner[inner.find('>')? + 1..].trim())
                })
                .collect();
            let rest: Vec<&str> = cells
                .iter()
                .skip(1)
                .copied()
                .filter(|c| !c.is_empty())
                .collect();
            match (cells.first(), rest.is_empty()) {
                // "Udsagn. 4 / 5", not "Udsagn.: 4 / 5".
                (Some(f), false) if f.ends_with(['.', '?', '!', ':']) => {
                    format!("{f} {}", rest.join(" – "))
                }
                (Some(f), false) => format!("{f}: {}", rest.join(" – ")),
                (Some(f), true) => f.to_string(),
                (None, _) => String::new(),
            }
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The section that starts with `open` without its table.
fn drop_table(html: &str, open: &str) -> String {
    in_section(html, open, |sec| {
        match (
            find(sec, "<p class=\"scroll-tools scroll-tools--table\""),
            find(sec, "</table></div>"),
        ) {
            (Some(a), Some(b)) => format!("{}{}", &sec[..a], &sec[b + "</table></div>".len()..]),
            _ => sec.to_string(),
        }
    })
}

/// Links to left-out sections: to where the same is shown
/// ([`REDIRECT`]), or plain text.
fn relink(html: &str) -> String {
    const A: &str = "<a href=\"#";
    let links = memchr::memmem::Finder::new(A);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = links.find(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let t = &rest[i + A.len()..];
        let Some(q) = t.find('"') else {
            rest = &rest[i..];
            break;
        };
        let id = &t[..q];
        if let Some((_, to)) = REDIRECT.iter().find(|(from, _)| id.starts_with(from)) {
            out.push_str(A);
            out.push_str(to);
            rest = &t[q..];
        } else if dropped(id) {
            // The link's text stays, without the link.
            let Some(gt) = t.find('>') else {
                rest = &rest[i..];
                break;
            };
            let Some(close) = find(&t[gt..], "</a>") else {
                rest = &rest[i..];
                break;
            };
            out.push_str(&t[gt + 1..gt + close]);
            rest = &t[gt + close + 4..];
        } else {
            out.push_str(A);
            rest = t;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_has_one_rule_per_table() {
        // `compact` takes the first rule of a page: a second would be
        // ignored without a word.
        for keys in [
            DROP.iter().map(|x| x.0).collect::<Vec<_>>(),
            ONE_LINE.iter().map(|x| x.0).collect(),
            AS_LIST.iter().map(|x| x.0).collect(),
        ] {
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[..i].contains(k), "{k} has two rules");
            }
        }
    }

    #[test]
    fn the_key_figures_overview_table_is_not_printed() {
        let a = "<article><section class=\"section\" id=\"noegletal--indledning\"><p>I</p></section><section class=\"section\" id=\"noegletal--oversigt\"><h3>Oversigt</h3><table></table></section></article>";
        let r = compact("noegletal.html", "noegletal", a);
        assert!(r.contains("<p>I</p>") && !r.contains("Oversigt"), "{r}");
    }

    #[test]
    fn projects_keep_each_fact_once() {
        let p = "<article><dl class=\"facts\"><dt>Partner</dt><dd>X</dd></dl><section class=\"section\" id=\"projekter-a--beskrivelse\"><p>T</p></section></article>";
        let r = compact("projekter/a.html", "projekter-a", p);
        assert!(!r.contains("facts") && r.contains("<p>T</p>"), "{r}");
    }

    #[test]
    fn the_ladder_matrix_is_not_printed_and_its_link_goes_to_the_steps() {
        let a = "<article><section class=\"section\" id=\"tilbudsvifte--diagram\"><figure><figcaption>Trappen. <a href=\"#tilbudsvifte--matrix\">Se diagrammet som tekst</a></figcaption></figure></section>\
<section class=\"section\" id=\"tilbudsvifte--matrix\"><h3>Trin og aldersgrupper</h3><table></table></section></article>";
        let r = compact("tilbudsvifte.html", "tilbudsvifte", a);
        assert!(
            r.contains("<a href=\"#tilbudsvifte--trinene\">Se diagrammet som tekst</a>"),
            "{r}"
        );
        assert!(!r.contains("Trin og aldersgrupper"), "{r}");
    }

    #[test]
    fn a_relation_section_goes_and_links_to_it_become_text_or_move() {
        let a = "<article><nav class=\"page-toc\"><ol><li><a href=\"#hypoteser-h--temaer\">T</a></li></ol></nav>\
<section class=\"section\" id=\"hypoteser-h--beskrivelse\"><h3>B</h3><p>x</p></section>\
<section class=\"section\" id=\"hypoteser-h--temaer\"><h3>T</h3><section class=\"subsection\"><p>y</p></section><ul class=\"links\"><li><a href=\"#temaer-t\">t</a></li></ul></section>\
<p><a href=\"#hypoteser-h--temaer\">back</a> <a href=\"#forandringsteori--omraade-myndighed\">M</a></p></article>";
        let r = compact("hypoteser/h.html", "hypoteser-h", a);
        assert!(!r.contains("page-toc"), "{r}");
        assert!(r.contains("id=\"hypoteser-h--beskrivelse\""), "{r}");
        assert!(!r.contains("hypoteser-h--temaer"), "{r}");
        assert!(!r.contains("#temaer-t"), "{r}");
        assert!(
            r.contains("<p>back <a href=\"#forandringsteori--detaljeret\">M</a></p></article>"),
            "{r}"
        );
        // The same section id on a page whose rule keeps it.
        let k = "<section class=\"section\" id=\"noegletal-n--temaer\"><h3>T</h3></section>";
        assert_eq!(compact("noegletal/n.html", "noegletal-n", k), k);
    }

    #[test]
    fn a_run_of_items_of_one_kind_says_the_kind_once() {
        let item = |l: &str| {
            format!(
                "<article class=\"page print-compact\"><header><p class=\"kind-label\">{l}</p><h2>x</h2></header>"
            )
        };
        let mut last = String::new();
        assert_eq!(label_once(&mut last, &item("Handling")), item("Handling"));
        assert_eq!(
            label_once(&mut last, &item("Handling")),
            "<article class=\"page print-compact\"><header><h2>x</h2></header>"
        );
        assert_eq!(label_once(&mut last, &item("Trin 2")), item("Trin 2"));
        assert_eq!(label_once(&mut last, "<p>no label</p>"), "<p>no label</p>");
        assert_eq!(label_once(&mut last, &item("Trin 2")), item("Trin 2"));
        // Other entries keep theirs.
        let other = "<article class=\"page\"><header><p class=\"kind-label\">N</p></header>";
        assert_eq!(label_once(&mut last, other), other);
        assert_eq!(label_once(&mut last, other), other);
    }

    #[test]
    fn an_actions_table_becomes_one_line_and_its_facts_keep_the_pool() {
        let a = "<article><dl class=\"facts\">\n<div><dt>F</dt><dd><a href=\"#f\">F</a></dd></div><div><dt>A</dt><dd>a</dd></div><div><dt>P</dt><dd>p</dd></div><div><dt>S</dt><dd>s</dd></div><div><dt>Pulje</dt><dd><a href=\"#pulje\">Pulje</a></dd></div><div><dt>B</dt><dd>9 kr.</dd></div>\n</dl>\
<section class=\"section\" id=\"handlinger-x--statushistorik\"><h3>Statushistorik</h3><p class=\"scroll-tools scroll-tools--table\"><span>s</span></p><div class=\"table-wrap\"><table>\n<caption>C</caption>\n<thead><tr><th scope=\"col\">O</th><th scope=\"col\">S</th><th scope=\"col\">K</th></tr></thead>\n\
<tbody><tr><th scope=\"row\"><a href=\"#r1\">Okt 2023</a></th><td class=\"status-i-gang\">I gang</td><td class=\"\">Godt.</td></tr><tr><th scope=\"row\"><a href=\"#r2\">Apr 2024</a></th><td class=\"\">Gennemført</td><td class=\"\"></td></tr></tbody>\n</table></div>\n</section></article>";
        let r = compact("handlinger/x.html", "handlinger-x", a);
        assert!(
            r.contains("<dl class=\"facts\"><div><dt>Pulje</dt><dd><a href=\"#pulje\">Pulje</a></dd></div></dl>"),
            "{r}"
        );
        assert!(!r.contains("<table"), "{r}");
        assert!(
            r.contains("<div class=\"prose print-line\"><p><a href=\"#r1\">Okt 2023</a>: I gang – Godt. · <a href=\"#r2\">Apr 2024</a>: Gennemført</p></div>"),
            "{r}"
        );
        assert!(r.ends_with("</div>\n</section></article>"), "{r}");
    }
}
