//! Parts of the print page made shorter for paper, with the same content:
//! each key figure's year table leaves its entry (the chart stays, with
//! its facts and links) and all the tables go to one appendix, so that two
//! indicators share a page (the chart's caption points to the table's new
//! place); the traceability appendix prints each relation once, forward
//! ("Fører til"), not again backward ("Bygger på") on the other node.

use super::print_fig::element_end;

/// The id of the appendix with the key figures' tables.
pub(crate) const APPENDIX_ID: &str = "noegletal-tabeller";

/// Takes the year table (the `table-wrap` of the `--data` section) out of
/// the print entry of key figure `id`: the entry without it and the table
/// (with the id `{id}--tal`), or `None` if it has none.
pub(crate) fn take_table(id: &str, html: &str) -> Option<(String, String)> {
    let section = html.find(&format!("id=\"{id}--data\""))?;
    let start = section + html[section..].find("<div class=\"table-wrap\"")?;
    let end = start + element_end(&html[start..], "div")?;
    // The screen's "swipe" hint before the table goes with it.
    const TOOLS: &str = "<p class=\"scroll-tools scroll-tools--table\">";
    let cut = match html[section..start].rfind(TOOLS) {
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
    let rest = rest
        .replace(
            &format!("href=\"#{id}--data\""),
            &format!("href=\"#{id}--tal\""),
        )
        .replace(
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

/// Drops the relations labelled `label` (`<br><span class="node-rel">`
/// … `</span>`, as `sections.html` writes them) from a node list.
pub(crate) fn drop_relations(html: &str, label: &str) -> String {
    let open =
        format!("<br><span class=\"node-rel\"><span class=\"node-rel__label\">{label}</span>");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        out.push_str(&rest[..i]);
        let from = &rest[i + 4..];
        match element_end(from, "span") {
            Some(e) => rest = &from[e..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
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
    fn backward_relations_are_dropped_and_forward_ones_kept() {
        let li = "<li><a href=\"#b\">B</a><br><span class=\"node-rel\"><span class=\"node-rel__label\">Bygger på:</span> <a href=\"#a\">A</a><span class=\"se-side\" data-side=\"a\"></span></span><br><span class=\"node-rel\"><span class=\"node-rel__label\">Fører til:</span> <a href=\"#c\">C</a></span></li>";
        let out = drop_relations(li, "Bygger på:");
        assert_eq!(
            out,
            "<li><a href=\"#b\">B</a><br><span class=\"node-rel\"><span class=\"node-rel__label\">Fører til:</span> <a href=\"#c\">C</a></span></li>"
        );
        assert_eq!(drop_relations(li, "Andet:"), li);
    }
}
