//! `print.html`: the whole report on one page in reading order, for "print
//! to PDF". Built from the articles of the pages already rendered: ids are
//! prefixed per page and links between pages become links within the
//! print page, so every link still works on paper and on screen.

use super::Ctx;
use crate::output::Spool;
use crate::url::{ROOT, relativize};

/// `hypoteser/x.html` → `hypoteser-x`.
fn prefix_of(path: &str) -> String {
    path.trim_end_matches(".html").replace('/', "-")
}

/// Rewrites one page's article for the print page: headings one level
/// down (the print page has one `<h1>`), ids and the references to them
/// prefixed with the page, links to other pages turned into links within
/// the print page. Three passes, each a scan for its marker.
pub fn rewrite(path: &str, article: &str) -> String {
    let p = prefix_of(path);
    let s = shift_headings(article);
    let mut s = rewrite_attrs(&s, &p);
    if s.contains("url(#") {
        s = s.replace("url(#", &format!("url(#{p}--"));
    }
    format!("<div class=\"print-page\" id=\"{p}\">\n{s}\n</div>\n")
}

/// `<h1`…`<h5` and `</h1>`…`</h5>` one level down.
fn shift_headings(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let t = &rest[i..];
        let b = t.as_bytes();
        let (open, close) = (b.get(1) == Some(&b'h'), b.get(1) == Some(&b'/'));
        let digit_at = if open { 2 } else { 3 };
        let level = b
            .get(digit_at)
            .copied()
            .filter(|d| (b'1'..=b'5').contains(d));
        match level {
            Some(d) if open => {
                out.push_str("<h");
                out.push((d + 1) as char);
                rest = &t[3..];
            }
            Some(d) if close && b.get(2) == Some(&b'h') && b.get(4) == Some(&b'>') => {
                out.push_str("</h");
                out.push((d + 1) as char);
                out.push('>');
                rest = &t[5..];
            }
            _ => {
                out.push('<');
                rest = &t[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Prefixes `id`, `aria-labelledby` and `aria-describedby` values with the
/// page, and rewrites `href`s: fragments get the prefix, links to other
/// pages become fragments of the print page.
fn rewrite_attrs(s: &str, p: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 10);
    let mut rest = s;
    while let Some(i) = rest.find("=\"") {
        let start = i + 2;
        let name_start = rest[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_'))
            .map_or(0, |k| k + 1);
        let name = &rest[name_start..i];
        let spaced = rest[..name_start].ends_with(' ');
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('"') else {
            rest = &rest[start..];
            break;
        };
        let v = &rest[start..start + end];
        match name {
            "id" if spaced => {
                out.push_str(p);
                out.push_str("--");
                out.push_str(v);
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
            n if n.ends_with("href") => out.push_str(&rewrite_href(p, v)),
            _ => out.push_str(v),
        }
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}

fn rewrite_href(p: &str, v: &str) -> String {
    if let Some(frag) = v.strip_prefix('#') {
        return format!("#{p}--{frag}");
    }
    if let Some(rest) = v.strip_prefix(ROOT) {
        let (file, frag) = match rest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (rest, None),
        };
        if file.ends_with(".html") && file != "print.html" {
            let target = prefix_of(file);
            return match frag {
                Some(a) => format!("#{target}--{a}"),
                None => format!("#{target}"),
            };
        }
    }
    v.to_string()
}

/// Where the articles go in the rendered print page.
const BODY_MARK: &str = "<!--omstil-print-body-->";

/// Writes `print.html`: the page template around the spooled articles.
pub fn render(cx: &mut Ctx, body: Spool) {
    let title = format!("{} – {}", cx.report.settings.title, cx.t("print.title"));
    let mut v = cx.page("print.html", &title, "print", "print.html");
    v.lead = Some(cx.t("print.lead"));
    v.body = Some(BODY_MARK.to_string());
    let Some(html) = cx.render_html("print.html", "print.html", &v) else {
        return;
    };
    let html = relativize(&html, 0);
    match html.split_once(BODY_MARK) {
        Some((head, tail)) => {
            cx.sink
                .put_spliced("print.html", head.as_bytes(), body, tail.as_bytes())
        }
        // A theme's print template without `{{ body | safe }}`.
        None => {
            body.discard();
            cx.sink.put("print.html", html.into_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_pages_become_anchors_in_the_print_page() {
        let a = "<article><h1 id=\"x\">T</h1><a href=\"omstil-root:/maal/a.html\">A</a> <a href=\"omstil-root:/maal/a.html#ind\">I</a> <a href=\"#x\">X</a> <img src=\"omstil-root:/billeder/l.png\"><svg aria-labelledby=\"t d\"><path marker-end=\"url(#m)\"/></svg></article>";
        let r = rewrite("hypoteser/h.html", a);
        assert!(r.starts_with("<div class=\"print-page\" id=\"hypoteser-h\">"));
        assert!(r.contains("<h2 id=\"hypoteser-h--x\">T</h2>"), "{r}");
        assert!(r.contains("href=\"#maal-a\""));
        assert!(r.contains("href=\"#maal-a--ind\""));
        assert!(r.contains("href=\"#hypoteser-h--x\""));
        assert!(r.contains("src=\"omstil-root:/billeder/l.png\""));
        assert!(r.contains("aria-labelledby=\"hypoteser-h--t hypoteser-h--d\""));
        assert!(r.contains("url(#hypoteser-h--m)"));
    }
}
