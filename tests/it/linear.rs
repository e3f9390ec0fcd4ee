//! Linear in the size of the input, bounded output: inputs large enough
//! that a quadratic step would take minutes (equal headings, links, bad CSV
//! rows, a very wide CSV) must be answered in seconds, with at most a few
//! hundred KB of messages. `bench/scale.sh` prints the times for N and 4N.

use crate::common::*;
use std::io::Read;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// Generous: each case takes well under two seconds when linear, and
/// minutes when one step is quadratic.
const LIMIT: Duration = Duration::from_secs(20);

/// Most a case may print to stderr.
const MAX_STDERR: usize = 200_000;

/// Runs `omstil <cmd>` on `r` with a time limit, reading its output while
/// it runs (so that a lot of output cannot stall it on a full pipe).
fn run_within(r: &TestReport, cmd: &str) -> Output {
    let start = Instant::now();
    let mut command = bin();
    command.arg(cmd).arg(r.root());
    if cmd == "build" {
        command.arg("--output").arg(r.out());
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut p: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = p.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("omstil {cmd} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn page(r: &TestReport, body: &str) {
    r.write("sider/a.md", &format!("---\ntitel: A\n---\n{body}"));
}

fn key_figure_csv(r: &TestReport, csv: &str) {
    r.write(
        "noegletal.yaml",
        "noegletal:\n  - { id: a, titel: A, enhed: antal, definition: D, kilde: K, opgoerelse: aar, csv: noegletal/a.csv }\n",
    );
    r.write("noegletal/a.csv", csv);
}

/// Exit 1, bounded stderr, every line short, and the count of the rest.
fn assert_bounded_errors(o: &Output, file: &str, total: usize) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{}", &err[..err.len().min(2000)]);
    assert!(err.len() < MAX_STDERR, "{} bytes of messages", err.len());
    let longest = err.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 400, "a line of {longest} characters");
    let more = format!(
        "… og {} fejl mere i {file} (kun de første 50 vises).",
        danish(total - 50)
    );
    assert!(
        err.contains(&more),
        "no «{more}» in the last lines: {}",
        tail(&err)
    );
    assert!(
        err.contains(&format!("omstil: {} fejl", danish(total))),
        "the count is of all errors: {}",
        tail(&err)
    );
    err
}

fn danish(n: usize) -> String {
    omstil::format::number(n as f64, 0)
}

fn tail(s: &str) -> &str {
    &s[s.len().saturating_sub(1500)..]
}

#[test]
fn twenty_thousand_equal_headings_get_distinct_ids_in_linear_time() {
    let r = TestReport::fixture("minimal");
    page(&r, &"# Samme\n\n".repeat(20_000));
    let o = run_within(&r, "build");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = r.read_out("sider/a.html");
    assert!(html.contains("id=\"samme\""));
    assert!(html.contains("id=\"samme-2\""));
    assert!(html.contains("id=\"samme-20000\""));
    assert!(!html.contains("id=\"samme-20001\""));
}

#[test]
fn fifty_thousand_broken_links_are_found_in_linear_time_and_printed_in_part() {
    let r = TestReport::fixture("minimal");
    page(&r, &"Se [x](@hypotese/findes-ikke) her.\n".repeat(50_000));
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "sider/a.md", 50_000);
    // The first 50 with their exact place; the 51st is only counted.
    assert!(err.contains("fejl 1: sider/a.md:4:4: Linket peger på hypotesen `findes-ikke`"));
    assert!(err.contains("fejl 50: sider/a.md:53:4: "), "{}", tail(&err));
    assert!(!err.contains("sider/a.md:54:4"), "{}", tail(&err));
}

#[test]
fn fifty_thousand_bad_csv_rows_are_found_in_linear_time_and_printed_in_part() {
    let r = TestReport::fixture("minimal");
    let mut csv = String::from("aar;A\n");
    for i in 0..50_000 {
        csv.push_str(&format!("{};x{i}\n", 1900 + i % 200));
    }
    key_figure_csv(&r, &csv);
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "noegletal/a.csv", 50_000);
    assert!(
        err.contains("noegletal/a.csv:2:6: Cellen `x0` er ikke et tal."),
        "{err}"
    );
}

#[test]
fn a_csv_with_twenty_thousand_columns_prints_a_window_of_each_line() {
    let r = TestReport::fixture("minimal");
    let n = 20_000;
    let csv = format!("navn{}\nA{}\n", ";2015".repeat(n), ";xyz".repeat(n));
    key_figure_csv(&r, &csv);
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "noegletal/a.csv", n);
    // Cell 50 starts at column 3 + 49 × 4 = 199: the quoted line is cut
    // around it, and the caret still stands under the cell.
    assert!(err.contains("noegletal/a.csv:2:199: Cellen `xyz` er ikke et tal."));
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("noegletal/a.csv:2:199:"))
        .unwrap();
    let (quoted, caret) = (lines[at + 2], lines[at + 3]);
    assert!(quoted.starts_with("2 | …xyz;"), "{quoted}");
    assert!(quoted.chars().count() < 140, "{quoted}");
    assert!(quoted.ends_with('…'), "{quoted}");
    let col = caret.chars().position(|c| c == '^').unwrap();
    let under: String = quoted.chars().skip(col).take(4).collect();
    assert_eq!(under, "xyz;", "{quoted}\n{caret}");
}

#[test]
fn many_links_to_missing_ids_of_a_kind_with_many_ids_stay_linear() {
    let r = TestReport::fixture("minimal");
    let mut yaml = String::from("temaer:\n  - { id: styring, sammenfatning: S }\nhypoteser:\n");
    for i in 0..2_000 {
        yaml.push_str(&format!(
            "  - {{ id: h{i}, titel: H, temaer: [styring] }}\n"
        ));
    }
    r.write("modenhedsanalyse.yaml", &yaml);
    let links: String = (0..50_000)
        .map(|i| format!("[x](@hypotese/h{i}x)\n"))
        .collect();
    page(&r, &links);
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "sider/a.md", 50_000);
    // The first errors still say which id was meant.
    assert!(
        err.contains("sider/a.md:4:1: Linket peger på hypotesen `h0x`, som ikke findes.\n  |\n4 | [x](@hypotese/h0x)\n  | ^^^^^^^^^^^^^^^^^^\n  hjælp: Mente du `@hypotese/h0`?"),
        "{}",
        &err[..err.len().min(3000)]
    );
}

#[test]
fn many_links_to_missing_headings_of_a_long_page_stay_linear() {
    let r = TestReport::fixture("minimal");
    let headings: String = (0..2_000).map(|i| format!("# Afsnit {i}\n\n")).collect();
    r.write("sider/b.md", &format!("---\ntitel: B\n---\n{headings}"));
    let links: String = (0..50_000)
        .map(|i| format!("[x](@side/b#afsnit-{i}x)\n"))
        .collect();
    page(&r, &links);
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "sider/a.md", 50_000);
    assert!(
        err.contains("sider/a.md:4:1: Linket `@side/b#afsnit-0x` peger på overskriften `#afsnit-0x`, som ikke findes på siden."),
        "{}",
        &err[..err.len().min(3000)]
    );
    assert!(
        err.contains("Mente du `@side/b#afsnit-0`?"),
        "{}",
        &err[..3000]
    );
}

#[test]
fn a_line_of_megabytes_with_many_bad_links_is_quoted_in_windows() {
    let r = TestReport::fixture("minimal");
    let n = 100_000;
    let line = "Se [x](@hypotese/findes-ikke) her. ".repeat(n);
    page(&r, &format!("{line}\n"));
    let o = run_within(&r, "check");
    let err = assert_bounded_errors(&o, "sider/a.md", n);
    // Link 50 starts at column 1 + 49 × 35 + 3 = 1719, and the caret is
    // still under its `[`.
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("fejl 50: sider/a.md:4:1719: "))
        .unwrap_or_else(|| panic!("{}", tail(&err)));
    let (quoted, caret) = (lines[at + 2], lines[at + 3]);
    let col = caret.chars().position(|c| c == '^').unwrap();
    let under: String = quoted.chars().skip(col).take(4).collect();
    assert_eq!(under, "[x](", "{quoted}\n{caret}");
}
