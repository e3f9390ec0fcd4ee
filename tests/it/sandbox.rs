//! Nothing from outside the report is read or published, nothing hangs on a
//! special file, and no script from the content runs on the site: links
//! (symlinks) out of the report, FIFOs, raw-HTML attacks with
//! `raa_html: true`, pages and scripts in `billeder/`.

use crate::common::*;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

const SECRET: &str = "HEMMELIGT-INDHOLD-UDEFRA";

/// A folder outside the report with a secret file in it.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hemmelig.md"), format!("# {SECRET}\n")).unwrap();
    std::fs::write(
        dir.path().join("hemmelig.csv"),
        format!("aar;{SECRET}\n2020;1\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("hemmelig.png"), SECRET).unwrap();
    dir
}

fn link(target: &Path, at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

fn check(r: &TestReport) -> Output {
    let mut c = bin();
    c.arg("check").arg(r.root());
    run_within(c, Duration::from_secs(20))
}

fn build(r: &TestReport) -> Output {
    let mut c = bin();
    c.arg("build").arg(r.root()).arg("--output").arg(r.out());
    run_within(c, Duration::from_secs(20))
}

/// Fails if the secret appears in any file of the output.
fn assert_not_published(r: &TestReport) {
    for (path, text) in site(&r.out()) {
        assert!(!text.contains(SECRET), "{path} publishes the secret");
    }
}

fn mkfifo(at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    let ok = std::process::Command::new("mkfifo")
        .arg(at)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", at.display());
}

#[test]
fn front_page_linked_outside_is_refused_and_not_published() {
    let out = outside();
    let r = TestReport::fixture("minimal");
    link(
        &out.path().join("hemmelig.md"),
        &r.root().join("forside.md"),
    );
    let o = build(&r);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains(
            "forside.md: Filen er en genvej (symlink), der peger uden for rapportens mappe."
        ),
        "{e}"
    );
    assert_not_published(&r);
}

#[test]
fn part_file_and_pages_folder_linked_outside_are_refused() {
    let out = outside();
    std::fs::write(out.path().join("plan.yaml"), format!("formaal: {SECRET}\n")).unwrap();
    let r = TestReport::fixture("minimal");
    link(
        &out.path().join("plan.yaml"),
        &r.root().join("udviklingsplan.yaml"),
    );
    link(out.path(), &r.root().join("sider"));
    let e = stderr(&check(&r));
    assert!(
        e.contains("udviklingsplan.yaml: Filen er en genvej (symlink), der peger uden for rapportens mappe."),
        "{e}"
    );
    assert!(
        e.contains("sider: `sider` fører via en genvej (symlink) uden for rapportens mappe."),
        "{e}"
    );
    assert!(!e.contains(SECRET), "{e}");
}

#[test]
fn theme_folder_linked_outside_is_refused_at_its_line() {
    let out = outside();
    std::fs::create_dir_all(out.path().join("static")).unwrap();
    std::fs::write(out.path().join("static/hemmelig.css"), SECRET).unwrap();
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: A\ntitel: T\nperiode: { fra: 2023, til: 2025 }\ntema: mit\n",
    );
    link(out.path(), &r.root().join("themes/mit"));
    let o = build(&r);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("omstil.yaml:4:7: Temaet `themes/mit` fører via en genvej (symlink) uden for rapportens mappe."),
        "{e}"
    );
    assert_not_published(&r);
}

#[test]
fn theme_file_linked_outside_is_refused_and_inside_links_work() {
    let out = outside();
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: A\ntitel: T\nperiode: { fra: 2023, til: 2025 }\ntema: mit\n",
    );
    r.write("themes/mit/static/egen.css", "body { color: black }\n");
    link(
        Path::new("egen.css"),
        &r.root().join("themes/mit/static/kopi.css"),
    );
    link(
        &out.path().join("hemmelig.png"),
        &r.root().join("themes/mit/static/ude.css"),
    );
    let e = stderr(&build(&r));
    assert!(
        e.contains("themes/mit/static/ude.css: Filen er en genvej (symlink), der peger uden for rapportens mappe."),
        "{e}"
    );
    // Without the outside link, the inside link is published.
    std::fs::remove_file(r.root().join("themes/mit/static/ude.css")).unwrap();
    let o = build(&r);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(r.read_out("assets/kopi.css"), "body { color: black }\n");
}

#[test]
fn csv_linked_outside_is_refused_at_its_line() {
    let out = outside();
    let r = TestReport::fixture("minimal");
    r.write(
        "noegletal.yaml",
        "noegletal:\n  - { id: a, titel: A, enhed: antal, definition: D, kilde: K, opgoerelse: aar, csv: noegletal/a.csv }\n",
    );
    link(
        &out.path().join("hemmelig.csv"),
        &r.root().join("noegletal/a.csv"),
    );
    let o = build(&r);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("noegletal.yaml:2:85: CSV-filen `noegletal/a.csv` fører via en genvej (symlink) uden for rapportens mappe."),
        "{e}"
    );
    assert!(!e.contains(SECRET), "{e}");
    assert_not_published(&r);
}

#[test]
fn image_and_logo_linked_outside_are_refused() {
    let out = outside();
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: A\ntitel: T\nperiode: { fra: 2023, til: 2025 }\nlogo: billeder/logo.png\n",
    );
    r.write(
        "sider/a.md",
        "---\ntitel: A\n---\n![Kort](billeder/kort.png)\n",
    );
    link(
        &out.path().join("hemmelig.png"),
        &r.root().join("billeder/kort.png"),
    );
    link(
        &out.path().join("hemmelig.png"),
        &r.root().join("billeder/logo.png"),
    );
    let o = build(&r);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains(
            "billeder/kort.png: Filen er en genvej (symlink), der peger uden for rapportens mappe."
        ),
        "{e}"
    );
    assert!(
        e.contains("omstil.yaml:4:7: Logoet `billeder/logo.png` fører via en genvej (symlink) uden for rapportens mappe."),
        "{e}"
    );
    assert_not_published(&r);
}

#[test]
fn fifos_are_refused_without_hanging() {
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: A\ntitel: T\nperiode: { fra: 2023, til: 2025 }\ntema: mit\n",
    );
    r.write(
        "noegletal.yaml",
        "noegletal:\n  - { id: a, titel: A, enhed: antal, definition: D, kilde: K, opgoerelse: aar, csv: noegletal/a.csv }\n",
    );
    r.write("themes/mit/static/egen.css", "body { color: black }\n");
    for f in [
        "billeder/kort.png",
        "sider/a.md",
        "forside.md",
        "noegletal/a.csv",
        "themes/mit/static/roer.css",
    ] {
        mkfifo(&r.root().join(f));
    }
    for o in [check(&r), build(&r)] {
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{e}");
        for f in ["billeder/kort.png", "sider/a.md", "forside.md"] {
            assert!(
                e.contains(&format!(
                    "{f}: `{f}` er en navngiven pipe (FIFO), ikke en almindelig fil, så omstil læser den ikke."
                )),
                "{f}: {e}"
            );
        }
        assert!(
            e.contains("CSV-filen `noegletal/a.csv` er en navngiven pipe (FIFO)"),
            "{e}"
        );
    }
    // The theme is read once the content is fine.
    for f in ["billeder/kort.png", "sider/a.md", "forside.md"] {
        std::fs::remove_file(r.root().join(f)).unwrap();
    }
    std::fs::remove_file(r.root().join("noegletal/a.csv")).unwrap();
    r.write("noegletal/a.csv", "aar;Kommune\n2020;1\n");
    let e = stderr(&check(&r));
    assert!(
        e.contains(
            "themes/mit/static/roer.css: `themes/mit/static/roer.css` er en navngiven pipe (FIFO)"
        ),
        "{e}"
    );
}

#[test]
fn dangling_pages_folder_is_named() {
    let r = TestReport::fixture("minimal");
    link(Path::new("findes-ikke"), &r.root().join("sider"));
    let o = check(&r);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains("sider: `sider` er en genvej (symlink), der peger på noget, som ikke findes."),
        "{e}"
    );
}

#[test]
fn links_inside_the_report_keep_working() {
    let r = TestReport::fixture("minimal");
    r.write("tekster/forside.md", "# Velkommen\n\nIndefra.\n");
    link(
        Path::new("tekster/forside.md"),
        &r.root().join("forside.md"),
    );
    let o = build(&r);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(r.read_out("index.html").contains("Indefra."));
}

#[test]
fn raw_html_attacks_are_removed_with_warnings() {
    let r = TestReport::fixture("minimal");
    r.write(
        "omstil.yaml",
        "kommune: A\ntitel: T\nperiode: { fra: 2023, til: 2025 }\nraa_html: true\n",
    );
    let attacks = [
        "<img src=\"billeder/x.png\"\nonerror=\"alert(1)\">",
        "<img src=\"jav&#x61;script:alert(1)\">",
        "<a href=\"jav&#x61;script:alert(1)\">a</a>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<base href=\"https://angriber.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://angriber.example/\">",
        "<img src=\"https://angriber.example/spor.png\">",
        "<link rel=\"stylesheet\" href=\"https://angriber.example/a.css\">",
        "<style>@import url(https://angriber.example/a.css);</style>",
        "<div style=\"background:url(https://angriber.example/a.png)\">d</div>",
        "<svg><script>alert(1)</script></svg>",
        "<object data=\"https://angriber.example/x.swf\"></object>",
        "<form action=\"https://angriber.example/\"><button>Send</button></form>",
        "<details ontoggle=\"alert(1)\" open><summary>S</summary>x</details>",
    ];
    let body: String = attacks
        .iter()
        .map(|a| format!("{a}\n\nTekst <span onmouseover=\"alert(1)\">inde</span>.\n\n"))
        .collect();
    r.write("sider/a.md", &format!("---\ntitel: A\n---\n{body}"));
    r.write("forside.md", &body);
    let o = build(&r);
    let e = stderr(&o);
    assert!(o.status.success(), "{e}");
    for page in ["index.html", "sider/a.html", "print.html"] {
        let html = main_of_or_all(&r.read_out(page)).to_lowercase();
        for bad in [
            "onerror",
            "onmouseover",
            "ontoggle",
            "javascript:",
            "srcdoc",
            "<base",
            "http-equiv",
            "angriber.example",
            "@import",
            "<iframe",
            "<object",
            "<form",
            "alert(1)",
        ] {
            assert!(!html.contains(bad), "{page} contains {bad}");
        }
    }
    // One warning per line, with file and line.
    assert!(
        e.contains("sider/a.md:4: Rå HTML blev renset: omstil fjernede `onerror` på `<img>`."),
        "{e}"
    );
    assert!(
        e.contains("forside.md:1: Rå HTML blev renset: omstil fjernede `onerror` på `<img>`."),
        "{e}"
    );
    let warnings = e.matches("Rå HTML blev renset").count();
    assert_eq!(warnings, 2 * 2 * attacks.len(), "{e}");
    // The search index has no markup from the attacks either.
    assert!(!r.read_out("assets/soegeindeks.js").contains("onerror"));
}

/// The `<main>` of a page, or all of it (print.html).
fn main_of_or_all(html: &str) -> &str {
    if html.contains("<main") {
        main_of(html)
    } else {
        html
    }
}

#[test]
fn pages_and_scripts_in_billeder_are_not_published() {
    let r = TestReport::fixture("minimal");
    r.write("billeder/side.html", "<script>alert(1)</script>");
    r.write("billeder/kode.js", "alert(1)");
    r.write("billeder/ok.png", "png");
    let o = build(&r);
    let e = stderr(&o);
    assert!(o.status.success(), "{e}");
    for f in ["billeder/side.html", "billeder/kode.js"] {
        assert!(
            e.contains(&format!("{f}: Filen bliver ikke kopieret med: `billeder/` må kun indeholde billeder og dokumenter.")),
            "{e}"
        );
        assert!(!r.out().join(f).exists(), "{f} published");
    }
    assert!(r.out().join("billeder/ok.png").exists());
}
