//! The bundled example report: every page there, links both ways, no
//! broken internal link or anchor, nothing external, deterministic.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};

/// `html` without its `<div class="prose">…</div>` blocks.
fn strip_prose(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<div class=\"prose\">") {
        out.push_str(&rest[..i]);
        let mut depth = 0;
        let mut j = i;
        loop {
            let open = rest[j..].find("<div").map(|k| j + k);
            let close = rest[j..]
                .find("</div>")
                .map(|k| j + k)
                .expect("balanced divs");
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    j = o + 4;
                }
                _ => {
                    depth -= 1;
                    j = close + 6;
                    if depth == 0 {
                        break;
                    }
                }
            }
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

struct Built {
    _r: TestReport,
    files: BTreeMap<String, String>,
}

fn build_example() -> Built {
    let r = TestReport::example();
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Bygget "), "{}", stdout(&o));
    let files = site(&r.out());
    Built { _r: r, files }
}

#[test]
fn every_internal_link_and_anchor_resolves_and_nothing_is_external() {
    let b = build_example();
    let checked = check_links(&b.files);
    assert!(checked > 2000, "only {checked} links checked");
}

/// Links with no address or no text (axe's `link-name`): a text-only entry
/// of a text equivalent drawn as a link, a heading-less section in the
/// page's contents.
#[test]
fn every_link_has_an_address_and_a_name() {
    let b = build_example();
    for (path, html) in b.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            !html.contains("href=\"\""),
            "{path}: a link without address"
        );
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<a href=\"") {
            rest = &rest[i..];
            let end = rest.find('>').unwrap();
            assert!(
                !rest[end + 1..].starts_with("</a>"),
                "{path}: a link without text: {}",
                &rest[..end + 5]
            );
            rest = &rest[end..];
        }
    }
}

#[test]
fn every_entity_has_a_page() {
    let b = build_example();
    let count = |dir: &str| {
        b.files
            .keys()
            .filter(|k| k.starts_with(&format!("{dir}/")) && k.ends_with(".html"))
            .count()
    };
    assert_eq!(count("temaer"), 6);
    assert_eq!(count("hypoteser"), 8);
    assert_eq!(count("indsatser"), 4);
    assert_eq!(count("aktiviteter"), 15);
    assert_eq!(count("maal"), 10);
    assert_eq!(count("fokusomraader"), 4);
    assert_eq!(count("handlinger"), 20);
    assert_eq!(count("tilbud"), 25);
    assert_eq!(count("trin"), 6);
    assert_eq!(count("noegletal"), 8);
    assert_eq!(count("kriterier"), 5);
    assert_eq!(count("aktoerer"), 9);
    assert_eq!(count("projekter"), 3);
    assert!(count("sider") >= 3);
    for p in [
        "index.html",
        "modenhedsanalyse.html",
        "forandringsteori.html",
        "udviklingsplan.html",
        "tilbudsvifte.html",
        "noegletal.html",
        "sagsanalyse.html",
        "sporbarhed.html",
        "404.html",
        "assets/style.css",
    ] {
        assert!(b.files.contains_key(p), "{p} missing");
    }
}

/// Every reference is a link both ways: if page A links to entity page B
/// (in its main content), B links back to A — for all entity kinds.
#[test]
fn references_are_links_both_ways() {
    let b = build_example();
    let entity = |p: &str| {
        [
            "hypoteser/",
            "indsatser/",
            "aktiviteter/",
            "maal/",
            "handlinger/",
            "tilbud/",
            "trin/",
            "kriterier/",
            "noegletal/",
            "temaer/",
            "fokusomraader/",
        ]
        .iter()
        .any(|d| p.starts_with(d))
            && p.ends_with(".html")
    };
    let links_from = |path: &str| -> BTreeSet<String> {
        let html = &b.files[path];
        let main = main_of(html);
        // Skip breadcrumbs (they link up, not across) and Markdown prose
        // (a mention in running text is not a relation of the model).
        let main = match main.find("</nav>") {
            Some(i) if main[..i].contains("breadcrumbs") => &main[i..],
            _ => main,
        };
        let main = strip_prose(main);
        attrs(&main, "href")
            .into_iter()
            .filter(|u| !u.contains('#'))
            .map(|u| resolve(path, u))
            .filter(|t| entity(t) && t != path)
            .collect()
    };
    let mut pairs = 0;
    for path in b.files.keys().filter(|p| entity(p)) {
        for target in links_from(path) {
            // Key figures are referenced by indicators and themes: their
            // pages list those; steps link to services and back.
            let back = links_from(&target);
            assert!(
                back.contains(path.as_str()),
                "{path} links to {target}, but {target} does not link back"
            );
            pairs += 1;
        }
    }
    assert!(pairs > 150, "{pairs}");
}

#[test]
fn pages_show_backlinks_and_loose_ends() {
    let b = build_example();
    let h = main_of(&b.files["hypoteser/tidlig-opsporing-i-almenomraadet.html"]).to_string();
    assert!(h.contains("Indsatser, der tager hypotesen op"), "{h}");
    let loose = main_of(&b.files["hypoteser/psykisk-mistrivsel-blandt-unge.html"]).to_string();
    assert!(
        loose.contains("Hypotesen er endnu ikke taget op i forandringsteorien."),
        "{loose}"
    );
    let trace = main_of(&b.files["sporbarhed.html"]).to_string();
    for id in [
        "psykisk-mistrivsel-blandt-unge",
        "bedre-match",
        "foraeldrepanel",
    ] {
        assert!(trace.contains(id), "traceability lacks loose end {id}");
    }
    let matrix = main_of(&b.files["tilbudsvifte.html"]).to_string();
    assert!(matrix.contains("Hul: intet tilbud"), "no gap marked");
    assert!(matrix.contains("(overlap)"), "no overlap marked");
    let plan = main_of(&b.files["udviklingsplan.html"]).to_string();
    assert!(
        plan.contains("750.000\u{a0}kr."),
        "training pool total missing"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let r = TestReport::example();
    assert!(r.build().status.success());
    let first = site(&r.out());
    assert!(r.build().status.success());
    let second = site(&r.out());
    assert_eq!(first.len(), second.len());
    for (k, v) in &first {
        assert!(second[k] == *v, "{k} differs between builds");
    }
}

#[test]
fn danish_formats_on_pages() {
    let b = build_example();
    let all: String = b
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(all.contains(" kr.</"), "no kroner");
    assert!(all.contains(",") && all.contains(" %"), "no percentages");
    assert!(
        all.contains("31. marts 2025"),
        "status date not in Danish long form"
    );
}

#[test]
fn init_creates_a_report_that_builds_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    let o = bin().arg("init").arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for part in [
        "omstil.yaml",
        "modenhedsanalyse.yaml",
        "forandringsteori.yaml",
        "udviklingsplan.yaml",
        "tilbudsvifte.yaml",
        "noegletal.yaml",
        "sagsanalyse.yaml",
    ] {
        assert!(dir.join(part).is_file(), "{part}");
    }
    let c = bin().arg("check").arg(&dir).output().unwrap();
    assert!(c.status.success(), "{}", stderr(&c));
    assert!(!stderr(&c).contains("fejl"), "{}", stderr(&c));
    let b = bin().arg("build").arg(&dir).output().unwrap();
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(dir.join("output/index.html").is_file());
    std::fs::write(dir.join("omstil.yaml"), "mit indhold").unwrap();
    let again = bin().arg("init").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.join("omstil.yaml")).unwrap(),
        "mit indhold"
    );
}

#[test]
fn refuses_to_overwrite_a_foreign_folder() {
    let r = TestReport::fixture("minimal");
    std::fs::create_dir_all(r.out()).unwrap();
    std::fs::write(r.out().join("budget.xlsx"), "vigtigt").unwrap();
    let o = r.build();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ikke lavet af omstil"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(r.out().join("budget.xlsx")).unwrap(),
        "vigtigt"
    );
}

#[test]
fn many_pages_get_a_list_page_instead_of_a_sidebar_entry_each() {
    let r = TestReport::fixture("minimal");
    for i in 0..20 {
        r.write(
            &format!("sider/side-{i}.md"),
            &format!("---\ntitel: Side {i}\n---\nTekst.\n"),
        );
    }
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let files = site(&r.out());
    check_links(&files);
    let list = main_of(&files["sider.html"]).to_string();
    assert_eq!(list.matches("href=\"sider/side-").count(), 20, "{list}");
    let page = &files["sider/side-3.html"];
    assert_eq!(
        page.matches("sider/side-").count() + page.matches("href=\"side-").count(),
        0,
        "the sidebar must not list every page"
    );
    assert!(page.contains("aria-current=\"page\">Sider<"), "{page}");
    // The front page shows the first twelve and links to the list.
    let front = main_of(&files["index.html"]).to_string();
    assert_eq!(front.matches("href=\"sider/side-").count(), 12, "{front}");
    assert!(
        front.contains("<a href=\"sider.html\">Alle 20 sider</a>"),
        "{front}"
    );
}

#[test]
fn a_large_report_builds_the_same_in_memory_on_disk_and_twice() {
    // More free pages than one render chunk, with links between them, so
    // that pages are rendered on several threads and merged in order.
    let r = TestReport::fixture("minimal");
    for i in 0..300 {
        let next = (i + 1) % 300;
        r.write(
            &format!("sider/side-{i:03}.md"),
            &format!(
                "---\ntitel: Side {i:03}\n---\n# Afsnit\n\nTekst om anbringelser {i}; se [næste](@side/side-{next:03}).\n"
            ),
        );
    }
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let first = site(&r.out());
    check_links(&first);
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site(&r.out()) == first, "two builds differ");
    let b = omstil::build(&r.root());
    let memory = b.files.expect("no errors");
    // The same files, but for the marker that says the folder is omstil's.
    let on_disk: Vec<&String> = first.keys().filter(|k| *k != ".omstil-output").collect();
    let in_memory: Vec<&String> = memory.keys().collect();
    assert!(
        on_disk == in_memory,
        "disk and memory builds have different files"
    );
    for (path, bytes) in &memory {
        if path.ends_with(".html") || path.ends_with(".js") {
            assert!(
                first[path].as_bytes() == bytes.as_slice(),
                "{path} differs between disk and memory"
            );
        }
    }
    // The print page has every page once, in reading order.
    let print = &first["print.html"];
    let at = |i: usize| print.find(&format!("id=\"sider-side-{i:03}\"")).unwrap();
    assert!((0..299).all(|i| at(i) < at(i + 1)));
    assert_eq!(
        b.pages,
        first.keys().filter(|k| k.ends_with(".html")).count()
    );
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    // `omstil build --verbose | head -1`: the reader is gone before omstil
    // prints its summary.
    let r = TestReport::fixture("minimal");
    let mut child = bin()
        .arg("build")
        .arg(r.root())
        .arg("--output")
        .arg(r.out())
        .arg("--verbose")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert!(r.out().join("index.html").exists());
}
