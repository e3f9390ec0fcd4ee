//! Parts of the print page made shorter for paper, with the same content:
//! each key figure's year table leaves its entry (the chart stays, with
//! its facts and links) and all the tables go to one appendix, so that two
//! indicators share a page (the chart's caption points to the table's new
//! place); the traceability appendix keeps only what is not connected yet
//! (each relation is printed once on the entries).

use super::print_fig::element_end;
use crate::memsearch::{contains, find, replace, rfind};

/// The id of the appendix with the key figures' tables.
pub(crate) const APPENDIX_ID: &str = "noegletal-tabeller";

/// Takes the year table (the `table-wrap` of the `--data` section) out of
/// the print entry of key figure `id`: the entry without it and the table
/// (with the id `{id}--tal`), or `None` if it has none.
pub(crate) fn take_table(id: &str, html: &str) -> Option<(String, String)> {
    let section = find(html, &format!("id=\"{id}--data\""))?;
    let start = section + find(&html[section..], "<div class=\"table-wrap\"")?;
    let end = start + element_end(&html[start..], "div")?;
    // The screen's "swipe" hint before the table goes with it.
    const TOOLS: &str = "<p class=\"scroll-tools scroll-tools--table\">";
    let cut = match rfind(&html[section..start], TOOLS) {
        Some(k) if html[section + k..start].trim_end().ends_with("</p>") => section + k,
        _ => start,
    };
    let table = html[start..end].replacen(
        "<div class=\"table-wrap\"",
        &format!("<div class=\"table-wrap\" id=\"{id}--tal\""),
        1,
    );
    let rest = format!("{}{}", &html[..cut], &html[end..]);
    // The caption's "see as text" link (and its page slot) go to the table.
    let rest = replace(
        &rest,
        &format!("href=\"#{id}--data\""),
        &format!("href=\"#{id}--tal\""),
    );
    let rest = replace(
        &rest,
        &format!("data-side=\"{id}--data\""),
        &format!("data-side=\"{id}--tal\""),
    );
    Some((rest, table))
}

/// The appendix page with the tables taken out of the entries.
pub(crate) fn appendix(title: &str, note: &str, tables: &str) -> String {
    format!(
        "<div class=\"print-page print-page--bilag print-keyfig\" id=\"{APPENDIX_ID}\">\n<article class=\"page\"><header class=\"page-header\"><h2>{title}</h2><p class=\"lead\">{note}</p></header>\n{tables}</article>\n</div>\n"
    )
}

/// The traceability appendix on paper: its lead becomes `note` and its
/// sections of relations (`span.node-rel`) are left out, since each
/// relation is printed once where it leads from (see `print_items`; the
/// test `print_trim` finds every one of them); what is not connected yet
/// stays.
pub(crate) fn trace_short(html: &str, note: &str) -> String {
    const SECTION: &str = "<section class=\"section\"";
    let mut out = String::with_capacity(html.len() / 4);
    let mut rest = html;
    if let Some(i) = find(rest, "<p class=\"lead\">")
        && let Some(e) = find(&rest[i..], "</p>")
    {
        out.push_str(&rest[..i]);
        out.push_str(&format!("<p class=\"lead\">{note}</p>"));
        rest = &rest[i + e + 4..];
    }
    while let Some(i) = find(rest, SECTION) {
        out.push_str(&rest[..i]);
        let Some(e) = element_end(&rest[i..], "section") else {
            break;
        };
        let section = &rest[i..i + e];
        if !contains(section, "<span class=\"node-rel\">") {
            out.push_str(section);
        }
        rest = &rest[i + e..];
    }
    out.push_str(rest);
    out
}

/// Sections an earlier follow-up round leaves out on paper: its table of
/// key figures as known then (the key figures print every year's value)
/// and the links to the other rounds (they follow it in print).
const EARLIER_ROUND_DROP: &[&str] = &["noegletal", "andre-opfoelgninger"];

/// An earlier follow-up round (`opfoelgning-…`, one whose links to the
/// other rounds name a later one) made compact: what changed, the
/// comments, findings, cases and decisions stay. The newest round and
/// every other page are returned as they are.
pub(crate) fn earlier_round(p: &str, html: &str) -> Option<String> {
    if !p.starts_with("opfoelgning-") {
        return None;
    }
    let others = find(html, &format!("id=\"{p}--andre-opfoelgninger\""))?;
    let later = html[others..]
        .split("href=\"#opfoelgning-")
        .skip(1)
        .filter_map(|v| v.split('"').next())
        .any(|id| format!("opfoelgning-{id}").as_str() > p);
    if !later {
        return None;
    }
    let mut out = html.to_string();
    for sec in EARLIER_ROUND_DROP {
        let key = format!("<section class=\"section\" id=\"{p}--{sec}\"");
        if let Some(i) = find(&out, &key)
            && let Some(e) = element_end(&out[i..], "section")
        {
            out.replace_range(i..i + e, "");
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_leaves_the_entry_and_the_caption_points_to_it() {
        let item = "<section id=\"noegletal-a--data\"><h3>Tal</h3><figure><figcaption><a href=\"#noegletal-a--data\">Se</a><span class=\"se-side\" data-side=\"noegletal-a--data\"></span></figcaption></figure>\n<p class=\"scroll-tools scroll-tools--table\"><span>Stryg</span></p><div class=\"table-wrap\" tabindex=\"0\"><div><table><tr><td>1</td></tr></table></div></div>\n</section><section id=\"noegletal-a--maal\"></section>";
        let (rest, table) = take_table("noegletal-a", item).unwrap();
        assert!(
            !rest.contains("<table") && !rest.contains("scroll-tools"),
            "{rest}"
        );
        assert!(rest.contains("href=\"#noegletal-a--tal\""), "{rest}");
        assert!(rest.contains("data-side=\"noegletal-a--tal\""), "{rest}");
        assert!(
            rest.contains("</figure>\n\n</section><section id=\"noegletal-a--maal\">"),
            "{rest}"
        );
        assert!(
            table.starts_with("<div class=\"table-wrap\" id=\"noegletal-a--tal\""),
            "{table}"
        );
        assert!(table.ends_with("</table></div></div>"), "{table}");
        assert!(take_table("noegletal-b", item).is_none());
    }

    #[test]
    fn the_relations_leave_the_traceability_appendix_and_loose_ends_stay() {
        let page = "<header><h2>S</h2><p class=\"lead\">Alt</p></header><section class=\"section\" id=\"s--loese-ender\"><ul><li><a href=\"#x\">X</a></li></ul></section>\n<section class=\"section\" id=\"s--h\"><ul><li><a href=\"#b\">B</a><br><span class=\"node-rel\"><span class=\"node-rel__label\">F:</span> <a href=\"#c\">C</a></span></li></ul></section>\n</article>";
        let out = trace_short(page, "Note");
        assert_eq!(
            out,
            "<header><h2>S</h2><p class=\"lead\">Note</p></header><section class=\"section\" id=\"s--loese-ender\"><ul><li><a href=\"#x\">X</a></li></ul></section>\n\n</article>"
        );
    }

    #[test]
    fn an_earlier_round_leaves_its_key_figures_and_the_newest_keeps_them() {
        let round = |p: &str, next: &str| {
            format!(
                "<h2>R</h2><section class=\"section\" id=\"{p}--aendringer\">A</section><section class=\"section\" id=\"{p}--noegletal\"><table></table></section><section class=\"section\" id=\"{p}--andre-opfoelgninger\"><a href=\"#opfoelgning-2023-10\">F</a>{next}</section>"
            )
        };
        let old = round(
            "opfoelgning-2024-04",
            "<a href=\"#opfoelgning-2025-04\">N</a>",
        );
        assert_eq!(
            earlier_round("opfoelgning-2024-04", &old).as_deref(),
            Some(
                "<h2>R</h2><section class=\"section\" id=\"opfoelgning-2024-04--aendringer\">A</section>"
            )
        );
        let newest = round("opfoelgning-2025-04", "");
        assert_eq!(earlier_round("opfoelgning-2025-04", &newest), None);
        assert_eq!(earlier_round("handlinger-x", &old), None);
    }
}
