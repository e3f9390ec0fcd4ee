//! `print.html`: the whole report on one page in reading order, for "print
//! to PDF". Built from the articles of the pages already rendered: ids are
//! prefixed per page and links between pages become links within the
//! print page, so every link still works on paper and on screen.

use super::Ctx;
use crate::markdown::ROOT;

/// `hypoteser/x.html` → `hypoteser-x`.
fn prefix_of(path: &str) -> String {
    path.trim_end_matches(".html").replace('/', "-")
}

/// Rewrites one page's article for the print page.
pub fn rewrite(path: &str, article: &str) -> String {
    let p = prefix_of(path);
    let mut s = article.to_string();
    // Headings one level down: the print page has one <h1>.
    for n in (1..=5).rev() {
        s = s
            .replace(&format!("<h{n}"), &format!("<h{}", n + 1))
            .replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
    }
    s = rewrite_attr(&s, " id=\"", |v| format!("{p}--{v}"));
    s = rewrite_attr(&s, " aria-labelledby=\"", |v| {
        v.split(' ')
            .map(|x| format!("{p}--{x}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    s = rewrite_attr(&s, " aria-describedby=\"", |v| {
        v.split(' ')
            .map(|x| format!("{p}--{x}"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    s = s.replace("url(#", &format!("url(#{p}--"));
    s = rewrite_attr(&s, "href=\"", |v| {
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
    });
    format!("<div class=\"print-page\" id=\"{p}\">\n{s}\n</div>\n")
}

/// Applies `f` to the value of every attribute starting with `pat`.
fn rewrite_attr(s: &str, pat: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 10);
    let mut rest = s;
    while let Some(i) = rest.find(pat) {
        let start = i + pat.len();
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('"') else {
            rest = &rest[start..];
            break;
        };
        out.push_str(&f(&rest[start..start + end]));
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}

pub fn render(cx: &mut Ctx) {
    let body: String = cx
        .articles
        .iter()
        .map(|a| rewrite(&a.path, &a.html))
        .collect();
    let title = format!("{} – {}", cx.report.settings.title, cx.t("print.title"));
    let mut v = cx.page("print.html", &title, "print", "print.html");
    v.lead = Some(cx.t("print.lead"));
    v.body = Some(body);
    cx.emit("print.html", "print.html", &v);
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
