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
//! - services: the matrix, gaps, opt-outs and overlaps of the overview; a
//!   step lists its services, a service keeps its facts and text;
//! - links to actors and projects are printed by the actors and projects.
//!
//! Everything here works on the article as `print::rewrite` has it (ids
//! prefixed with the page, links between pages made anchors); the site's
//! own pages are not touched. Links to what is left out go to the place
//! that shows it instead, or become plain text.

/// Sections left out of a page on paper: `(page, section ids)`, where
/// `page` is a folder of item pages (`hypoteser`) or a part's page
/// (`forandringsteori.html`).
const DROP: &[(&str, &[&str])] = &[
    ("temaer", &["hypoteser", "forslag"]),
    (
        "hypoteser",
        &["temaer", "indsatser", "aktiviteter", "sporbarhed"],
    ),
    (
        "forandringsteori.html",
        &["omraader", "toc-short-outcomes", "toc-long-outcomes"],
    ),
    ("indsatser", &["hypoteser", "aktiviteter", "maal"]),
    (
        "aktiviteter",
        &["indsatser", "hypoteser", "maal", "handlinger", "aktoerer"],
    ),
    (
        "maal",
        &[
            "aktiviteter",
            "indsatser",
            "bidrag",
            "bidrager-til",
            "antagelser",
            "handlinger",
            "kriterier",
        ],
    ),
    ("fokusomraader", &["handlinger", "projekter"]),
    ("handlinger", &["aktoerer", "projekter"]),
    ("tilbudsvifte.html", &["trappen"]),
    ("trin", &["huller", "fravalg"]),
    ("tilbud", &["overlap"]),
];

/// Anchors of left-out sections that other pages link to, and where such
/// a link goes instead (a prefix: the rest of the anchor is kept).
const REDIRECT: &[(&str, &str)] = &[
    (
        "forandringsteori--omraade-",
        "forandringsteori--detaljeret-aktiviteter-",
    ),
    ("forandringsteori--omraader", "forandringsteori--detaljeret"),
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
    DROP.iter()
        .any(|(key, ids)| matches_page(page, key) && ids.contains(&section))
}

/// The page's article as printed: see the module comment. `p` is the
/// page's id prefix, `html` the article after `print::rewrite`'s passes.
pub(crate) fn compact(path: &str, p: &str, html: &str) -> String {
    let key = key_of(path);
    let mut s = cut_blocks(html, "<nav class=\"page-toc\"", "<nav", "</nav>");
    if let Some((_, ids)) = DROP.iter().find(|(k, _)| *k == key) {
        for id in *ids {
            let open = format!("<section class=\"section\" id=\"{p}--{id}\"");
            s = cut_blocks(&s, &open, "<section", "</section>");
        }
    }
    match key {
        // The bars say what the table under them says.
        "temaer" => s = cut_blocks(&s, "<ul class=\"bars\">", "<ul", "</ul>"),
        "handlinger" => s = action_facts(&s),
        _ => {}
    }
    if let Some((_, ids)) = ONE_LINE.iter().find(|(k, _)| *k == key) {
        for id in *ids {
            s = table_to_line(&s, &format!("<section class=\"section\" id=\"{p}--{id}\""));
        }
    }
    relink(&s)
}

/// `html` without each element that starts with `open` (up to its end:
/// `tag` opens and `close` closes nested ones).
fn cut_blocks(html: &str, open: &str, tag: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(open) {
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
        let o = s[at..].find(tag).map(|k| at + k);
        let c = s[at..].find(close).map(|k| at + k)?;
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
    let Some(i) = html.find(DL) else {
        return html.to_string();
    };
    let Some(len) = html[i..].find("</dl>") else {
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

/// The table in the section that starts with `open`, written as one line
/// of text after the section's heading: a row's first cell, ": ", its
/// other cells joined by " – " (empty ones left out); rows (and the
/// footer) joined by " · ". The caption repeats the heading and goes.
fn table_to_line(html: &str, open: &str) -> String {
    let Some(start) = html.find(open) else {
        return html.to_string();
    };
    let Some(end) = block_end(&html[start..], "<section", "</section>").map(|e| start + e) else {
        return html.to_string();
    };
    let sec = &html[start..end];
    let (Some(a), Some(b)) = (sec.find("<p class=\"scroll-tools"), sec.find("</table></div>"))
    else {
        return html.to_string();
    };
    let table = &sec[a..b];
    let body = table.find("<tbody>").map_or(table, |k| &table[k..]);
    let rows: Vec<String> = body
        .split("<tr>")
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
                (Some(f), false) => format!("{f}: {}", rest.join(" – ")),
                (Some(f), true) => f.to_string(),
                (None, _) => String::new(),
            }
        })
        .filter(|r| !r.is_empty())
        .collect();
    let line = format!(
        "<div class=\"prose print-line\"><p>{}</p></div>",
        rows.join(" · ")
    );
    format!(
        "{}{}{line}{}",
        &html[..start],
        &sec[..a],
        &html[start + b + "</table></div>".len()..]
    )
}

/// Links to left-out sections: to where the same is shown
/// ([`REDIRECT`]), or plain text.
fn relink(html: &str) -> String {
    const A: &str = "<a href=\"#";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(A) {
        out.push_str(&rest[..i]);
        let t = &rest[i + A.len()..];
        let Some(q) = t.find('"') else {
            rest = &rest[i..];
            break;
        };
        let id = &t[..q];
        if let Some((from, to)) = REDIRECT.iter().find(|(from, _)| id.starts_with(from)) {
            out.push_str(A);
            out.push_str(to);
            out.push_str(&id[from.len()..]);
            rest = &t[q..];
        } else if dropped(id) {
            // The link's text stays, without the link.
            let Some(gt) = t.find('>') else {
                rest = &rest[i..];
                break;
            };
            let Some(close) = t[gt..].find("</a>") else {
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
        assert!(r.contains("<p>back <a href=\"#forandringsteori--detaljeret-aktiviteter-myndighed\">M</a></p></article>"), "{r}");
        // The same section id on a page whose rule keeps it.
        let k = "<section class=\"section\" id=\"noegletal-n--temaer\"><h3>T</h3></section>";
        assert_eq!(compact("noegletal/n.html", "noegletal-n", k), k);
    }

    #[test]
    fn an_actions_table_becomes_one_line_and_its_facts_keep_the_pool() {
        let a = "<article><dl class=\"facts\">\n<div><dt>F</dt><dd><a href=\"#f\">F</a></dd></div><div><dt>A</dt><dd>a</dd></div><div><dt>P</dt><dd>p</dd></div><div><dt>S</dt><dd>s</dd></div><div><dt>Pulje</dt><dd><a href=\"#pulje\">Pulje</a></dd></div><div><dt>B</dt><dd>9 kr.</dd></div>\n</dl>\
<section class=\"section\" id=\"handlinger-x--statushistorik\"><h3>Statushistorik</h3><p class=\"scroll-tools\"><span>s</span></p><div class=\"table-wrap\"><table>\n<caption>C</caption>\n<thead><tr><th scope=\"col\">O</th><th scope=\"col\">S</th><th scope=\"col\">K</th></tr></thead>\n\
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
