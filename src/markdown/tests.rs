//! Unit tests of `markdown`.

use super::*;
use crate::content::model::*;

fn index() -> LinkIndex {
    let mut map: BTreeMap<Kind, BTreeMap<String, String>> = BTreeMap::new();
    map.entry(Kind::Hypotese).or_default().insert(
        "tidlig-opsporing".to_string(),
        "Tidlig opsporing".to_string(),
    );
    LinkIndex {
        map,
        overviews: [("forandringsteori", "Programteori".to_string())]
            .into_iter()
            .collect(),
        counts: [(Kind::Hypotese, 1)].into_iter().collect(),
        assets: ["billeder/kort.png".to_string()].into_iter().collect(),
        unchecked: Default::default(),
    }
}

fn md(s: &str) -> Md {
    Md {
        text: s.into(),
        file: "sider/a.md".into(),
        line: 5,
        yaml: None,
    }
}

fn opts() -> MdOptions {
    MdOptions {
        raw_html: false,
        shift_headings: true,
        english: false,
    }
}

#[test]
fn internal_links_resolve_and_take_titles() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("Se [](@hypotese/tidlig-opsporing) og [her](@hypotese/tidlig-opsporing#x)."),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(d.is_empty());
    assert!(
        h.html.contains(
            "<a href=\"omstil-root:/hypoteser/tidlig-opsporing.html\">Tidlig opsporing</a>"
        ),
        "{}",
        h.html
    );
    assert!(h.html.contains("tidlig-opsporing.html#x\">her</a>"));
    assert_eq!(relativize(&h.html, 1).matches("../hypoteser/").count(), 2);
}

#[test]
fn dangling_links_are_reported_with_line_and_suggestion() {
    let mut d = Diagnostics::new();
    render(
        &md("Tekst\n\n[x](@hypotese/tidlig-opspring)\n[y](@hypotes/a)\n"),
        &index(),
        &opts(),
        &mut d,
    );
    let all = d.into_sorted();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].line, 7);
    assert_eq!(
        all[0].hint.as_deref(),
        Some("Mente du `@hypotese/tidlig-opsporing`?")
    );
    assert!(all[1].hint.as_deref().unwrap().contains("@hypotese"));
}

#[test]
fn raw_html_is_escaped_by_default_and_javascript_refused() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("<script>alert(1)</script>\n\n[x](javascript:alert(1))"),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(!h.html.contains("<script>"), "{}", h.html);
    assert!(h.html.contains("&lt;script&gt;"));
    assert!(!h.html.contains("javascript:"));
    assert_eq!(d.error_count(), 1);
}

#[test]
fn headings_get_unique_slugs_and_are_demoted() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("# Støtte i skolen\n\n## Støtte i skolen\n"),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(
        h.html.contains("<h2 id=\"stoette-i-skolen\">"),
        "{}",
        h.html
    );
    assert!(h.html.contains("<h3 id=\"stoette-i-skolen-2\">"));
    assert_eq!(h.headings.len(), 2);
}

#[test]
fn images_must_be_local() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("![Kort](billeder/kort.png) ![x](https://e.dk/a.png) ![y](../../etc/passwd)"),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(h.html.contains("src=\"omstil-root:/billeder/kort.png\""));
    assert_eq!(d.error_count(), 2);
}

fn raw() -> MdOptions {
    MdOptions {
        raw_html: true,
        shift_headings: true,
        english: false,
    }
}

#[test]
fn raw_html_attacks_are_removed_with_a_warning_on_their_line() {
    let mut d = Diagnostics::new();
    let text = "Tekst\n\n<img src=\"billeder/kort.png\"\nonerror=\"alert(1)\">\n\n<img src=\"jav&#x61;script:alert(1)\">\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n<base href=\"https://e.dk/\">\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://e.dk/\">\n\n<style>@import url(https://e.dk/a.css);</style>\n\nInline <img src=\"https://e.dk/spor.png\"> og <a href=\"//e.dk/\">x</a> og <span onmouseover=\"alert(1)\">y</span>.\n";
    let h = render(&md(text), &index(), &raw(), &mut d);
    let lower = h.html.to_lowercase();
    for bad in crate::sanitize::tests::TRACES {
        assert!(!lower.contains(bad), "{bad} in {}", h.html);
    }
    assert!(
        h.html.contains("<img src=\"billeder/kort.png\">"),
        "{}",
        h.html
    );
    assert_eq!(d.error_count(), 0);
    let all = d.into_sorted();
    let lines: Vec<u32> = all.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![7, 10, 12, 14, 16, 18, 20], "{all:?}");
    assert!(
        all[0].message.contains("`onerror` på `<img>`"),
        "{}",
        all[0].message
    );
    assert!(
        all[6]
            .message
            .contains("`src` på `<img>`, `href` på `<a>`, `onmouseover` på `<span>`."),
        "{}",
        all[6].message
    );
    assert!(
        all[2].message.ends_with("fjernede `<iframe>`."),
        "{}",
        all[2].message
    );
}

#[test]
fn raw_html_keeps_content_and_omstils_own_html_untouched() {
    let mut d = Diagnostics::new();
    let text = "<details>\n<summary>Mere</summary>\n\nSe [](@hypotese/tidlig-opsporing) og ![Kort](billeder/kort.png).\n\n</details>\n\n| a | b |\n|:--|--:|\n| <abbr title=\"x\">X</abbr> | <sup>2</sup> |\n";
    let h = render(&md(text), &index(), &raw(), &mut d);
    assert!(d.is_empty(), "{:?}", d.into_sorted());
    for kept in [
        "<details>\n<summary>Mere</summary>",
        "<a href=\"omstil-root:/hypoteser/tidlig-opsporing.html\">Tidlig opsporing</a>",
        "<img src=\"omstil-root:/billeder/kort.png\" alt=\"Kort\" />",
        "</details>",
        "<th style=\"text-align: left\">a</th>",
        "<td style=\"text-align: left\"><abbr title=\"x\">X</abbr></td>",
    ] {
        assert!(h.html.contains(kept), "{kept} missing in {}", h.html);
    }
}

#[test]
fn markers_in_the_text_cannot_forge_omstils_html() {
    let mut d = Diagnostics::new();
    let text =
        "[a](https://e.dk/ \"t\") <span title=\"&#xE000;0&#xE001;\">\u{E000}0\u{E001}</span>";
    let h = render(&md(text), &index(), &raw(), &mut d);
    assert_eq!(h.html.matches("<a ").count(), 1, "{}", h.html);
    assert!(!h.html.contains("title=\"<"), "{}", h.html);
}

#[test]
fn heading_attributes_other_than_id_and_class_are_dropped() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("# Titel {#t .k onclick=alert(1)}\n"),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(!h.html.contains("onclick"), "{}", h.html);
    assert!(h.html.contains("<h2 id=\"t\" class=\"k\">"), "{}", h.html);
    assert_eq!(d.into_sorted().len(), 1);
}

#[test]
fn many_raw_fragments_are_linear_and_their_warnings_capped() {
    let text: String = (0..10_000)
        .map(|i| format!("Tekst <span class=\"k\">{i}</span> og <i onclick=\"x\">x</i>.\n\n"))
        .collect();
    let mut d = Diagnostics::new();
    let start = std::time::Instant::now();
    let h = render(&md(&text), &index(), &raw(), &mut d);
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    assert!(!h.html.contains("onclick"));
    assert_eq!(h.html.matches("<span class=\"k\">").count(), 10_000);
    let all = d.into_sorted();
    assert_eq!(all.len(), 51);
    assert_eq!(all[1].line, 7, "{:?}", all[1]);
    assert!(
        all[50].message.contains("9950 linjer mere"),
        "{}",
        all[50].message
    );
}

#[test]
fn overview_links_need_the_part() {
    let mut d = Diagnostics::new();
    let h = render(
        &md("Se [](@forandringsteori#overblik) og [x](@sagsanalyse)."),
        &index(),
        &opts(),
        &mut d,
    );
    assert!(
        h.html.contains(&format!(
            "<a href=\"{ROOT}forandringsteori.html#overblik\">Programteori</a>"
        )),
        "{}",
        h.html
    );
    let all = d.into_sorted();
    assert_eq!(all.len(), 1);
    assert!(
        all[0].message.contains("`@sagsanalyse`"),
        "{}",
        all[0].message
    );
}
