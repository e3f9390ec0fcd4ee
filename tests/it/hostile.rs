//! Hostile and broken input: a corpus of broken reports under
//! tests/fixtures/broken/<case>/ (each with the lines its diagnostics must
//! contain in expect.txt), plus cases made at test time (encodings, huge
//! files, symlinks). Each must give exit code 1, the message, no panic, and
//! finish in bounded time.

use crate::common::*;
use std::process::Output;
use std::time::Duration;

/// Runs `omstil check` with a time limit.
fn check_within(r: &TestReport, limit: Duration) -> Output {
    let mut c = bin();
    c.arg("check").arg(r.root());
    run_within(c, limit)
}

fn fixture_over_minimal(case: &str) -> TestReport {
    let r = TestReport::fixture("minimal");
    copy_dir(&repo().join("tests/fixtures/broken").join(case), &r.root());
    let _ = std::fs::remove_file(r.root().join("expect.txt"));
    r
}

#[test]
fn every_broken_report_in_the_corpus_is_answered_with_its_message() {
    let dir = repo().join("tests/fixtures/broken");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expect = std::fs::read_to_string(dir.join(case).join("expect.txt")).unwrap();
        let r = fixture_over_minimal(case);
        let o = check_within(&r, Duration::from_secs(20));
        let err = stderr(&o);
        if o.status.code() != Some(1) {
            failures.push(format!("{case}: exit {:?}\n{err}", o.status.code()));
            continue;
        }
        if err.contains("panicked") {
            failures.push(format!("{case}: panic\n{err}"));
        }
        for line in expect.lines().filter(|l| !l.is_empty()) {
            if !err.contains(line) {
                failures.push(format!("{case}: expected «{line}» in:\n{err}"));
            }
        }
        // Every diagnostic names a file.
        for l in err
            .lines()
            .filter(|l| l.starts_with("fejl ") || l.starts_with("advarsel "))
        {
            let loc = l.split(": ").nth(1).unwrap_or("");
            if loc.is_empty() {
                failures.push(format!("{case}: diagnostic without a location: {l}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn latin1_file_is_named_with_its_line() {
    let r = TestReport::fixture("minimal");
    std::fs::write(
        r.root().join("forandringsteori.yaml"),
        b"formaal: M\xe5l\n".as_slice(),
    )
    .unwrap();
    let o = check_within(&r, Duration::from_secs(10));
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        e.contains("forandringsteori.yaml:1:11: Filen er ikke gemt som UTF-8"),
        "{e}"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let r = TestReport::fixture("minimal");
    std::fs::write(
        r.root().join("omstil.yaml"),
        "\u{feff}kommune: A\r\ntitel: T\r\nperiode: { fra: 2023, til: 2025 }\r\n",
    )
    .unwrap();
    std::fs::write(r.root().join("noegletal.yaml"), "noegletal:\r\n  - { id: a, titel: A, enhed: antal, definition: D, kilde: K, opgoerelse: aar, csv: a.csv }\r\n").unwrap();
    std::fs::write(
        r.root().join("a.csv"),
        "\u{feff}aar;Kommune\r\n2020;1,5\r\n",
    )
    .unwrap();
    let o = check_within(&r, Duration::from_secs(10));
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_50_mb_file_is_refused_quickly() {
    let r = TestReport::fixture("minimal");
    let big = "# fyld\n".repeat(50 * 1024 * 1024 / 7);
    std::fs::write(r.root().join("modenhedsanalyse.yaml"), big).unwrap();
    let o = check_within(&r, Duration::from_secs(10));
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        e.contains("modenhedsanalyse.yaml: Filen er for stor (49 MB)"),
        "{e}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_outside_the_report() {
    let r = TestReport::fixture("minimal");
    std::fs::create_dir_all(r.root().join("billeder/a")).unwrap();
    std::os::unix::fs::symlink("..", r.root().join("billeder/a/loop")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", r.root().join("billeder/hemmelig.txt")).unwrap();
    std::fs::create_dir_all(r.root().join("sider")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", r.root().join("sider/ude.md")).unwrap();
    let o = check_within(&r, Duration::from_secs(10));
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.contains(
            "sider/ude.md: Filen er en genvej (symlink), der peger uden for rapportens mappe."
        ),
        "{e}"
    );
    assert!(
        e.contains(
            "billeder/hemmelig.txt: Filen er en genvej (symlink), der peger uden for rapportens mappe."
        ),
        "{e}"
    );
}

#[test]
fn text_from_yaml_is_escaped_in_pages() {
    let r = TestReport::fixture("minimal");
    r.write("omstil.yaml", "kommune: \"<b>A</b>\"\ntitel: \"<script>alert(1)</script>\"\nperiode: { fra: 2023, til: 2025 }\n");
    r.write(
        "sider/a.md",
        "---\ntitel: \"<img src=x onerror=alert(1)>\"\n---\n<script>alert(2)</script>\n",
    );
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    for page in ["index.html", "sider/a.html", "print.html"] {
        let html = r.read_out(page);
        assert!(
            !html.contains("<script>alert"),
            "{page} runs a script from the content"
        );
        assert!(
            !html.contains("<img src=x"),
            "{page} has raw HTML from the content"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}: title not shown as text"
        );
    }
}
