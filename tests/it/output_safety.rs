//! The output folder never loses files: one build at a time (a lock),
//! refusals on the real path, recovery after a crash in the swap, files
//! omstil did not write carried over, leftovers cleaned only when safe.

use crate::common::*;
use std::fs;
use std::path::Path;
use std::process::Output;

/// The marker of an output folder made by omstil before it listed its
/// files (as a build of an older version left it).
const OLD_MARKER: &str = "Denne mappe er lavet af omstil og bliver erstattet ved næste build.\n";

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// `omstil build ARGS` run in `cwd` with HOME set to `cwd/home`.
fn build_in(cwd: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(cwd)
        .env("HOME", cwd.join("home"))
        .arg("build")
        .args(args)
        .output()
        .unwrap()
}

/// `omstil build` of `r` into `out`, with more arguments.
fn build_into(r: &TestReport, out: &Path, more: &[&str]) -> Output {
    bin()
        .arg("build")
        .arg(r.root())
        .arg("--output")
        .arg(out)
        .args(more)
        .output()
        .unwrap()
}

fn assert_refused(o: &Output, words: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    assert!(stderr(o).contains(words), "{}", stderr(o));
}

fn built(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// Makes the report fail to build (a content error).
fn break_report(r: &TestReport) {
    let yaml = fs::read_to_string(r.root().join("omstil.yaml")).unwrap();
    r.write("omstil.yaml", &format!("{yaml}ukendt_noegle: 1\n"));
}

#[test]
fn a_build_while_another_holds_the_output_stops_and_touches_nothing() {
    let r = TestReport::fixture("minimal");
    built(&r.build());
    let before = site(&r.out());
    // A live build: it holds the lock and is writing its staging folder.
    let parent = r.tmp.path();
    let lock = fs::File::create(parent.join(".ud.omstil-laas")).unwrap();
    lock.try_lock().unwrap();
    let staging = parent.join(format!(".ud.omstil-ny-{}", std::process::id()));
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("index.html"), "halvt skrevet").unwrap();
    r.write("sider/ny.md", "---\ntitel: Ny\n---\nTekst.\n");
    let o = r.build();
    assert_refused(&o, "Et andet build skriver til");
    assert!(site(&r.out()) == before, "the output changed");
    assert_eq!(
        fs::read_to_string(staging.join("index.html")).unwrap(),
        "halvt skrevet",
        "the other build's staging folder was touched"
    );
    // Once the lock is free, its owner is gone: the next build cleans up.
    drop(lock);
    built(&r.build());
    assert!(r.out().join("sider/ny.html").exists());
    assert!(!staging.exists());
}

#[test]
fn two_builds_at_once_leave_one_whole_site() {
    let r = TestReport::example();
    built(&r.build());
    let whole = site(&r.out());
    for _ in 0..4 {
        let spawn = || {
            bin()
                .arg("build")
                .arg(r.root())
                .arg("--output")
                .arg(r.out())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for o in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            if !o.status.success() {
                assert_refused(&o, "Et andet build skriver til");
            }
        }
        assert!(site(&r.out()) == whole, "the site is not whole");
    }
}

#[test]
fn a_missing_folder_then_dotdot_cannot_reach_a_foreign_folder_home_or_report() {
    let r = TestReport::fixture("minimal");
    let cwd = r.tmp.path();
    fs::create_dir_all(cwd.join("mine")).unwrap();
    fs::write(cwd.join("mine/vigtig.docx"), "min").unwrap();
    fs::create_dir_all(cwd.join("home")).unwrap();
    fs::write(cwd.join("home/noter.txt"), "min").unwrap();
    for (out, words) in [
        ("nyt/../mine", "ikke lavet af omstil"),
        ("nyt/../home", "hjemmemappe"),
        ("nyt/a/../../rapport", "indeholder rapporten"),
        ("nyt/..", "indeholder din hjemmemappe"),
        ("rapport/nyt/../billeder/ud", "`billeder/`"),
    ] {
        let o = build_in(cwd, &["rapport", "--output", out]);
        assert_refused(&o, words);
        assert!(!cwd.join("nyt").exists(), "{out}: left nyt/ behind");
        assert!(!cwd.join("rapport/nyt").exists(), "{out}");
    }
    assert_eq!(names(cwd), ["home", "mine", "rapport"]);
    assert_eq!(names(&cwd.join("mine")), ["vigtig.docx"]);
    assert_eq!(names(&cwd.join("home")), ["noter.txt"]);
    assert_eq!(names(&cwd.join("rapport")), ["omstil.yaml"]);
}

#[test]
fn an_output_inside_what_the_report_reads_is_refused() {
    let r = TestReport::fixture("minimal");
    r.write(
        "billeder/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    for out in ["billeder/ud", "sider", "noegletal/ud", "themes/ud"] {
        let o = build_into(&r, &r.root().join(out), &[]);
        assert_refused(&o, "som omstil læser");
    }
    assert_eq!(names(&r.root()), ["billeder", "omstil.yaml"]);
    assert_eq!(names(&r.root().join("billeder")), ["logo.svg"]);
}

#[test]
fn the_default_outputs_still_build() {
    // `omstil build DIR` writes DIR/output, inside the report.
    let r = TestReport::fixture("minimal");
    for _ in 0..2 {
        built(&build_in(r.tmp.path(), &["rapport"]));
    }
    assert!(r.root().join("output/index.html").is_file());
    // The bundled layout: content/ beside output/.
    let cwd = r.tmp.path();
    copy_dir(&r.root(), &cwd.join("content"));
    fs::remove_dir_all(cwd.join("content/output")).unwrap();
    built(&build_in(cwd, &[]));
    assert!(cwd.join("output/index.html").is_file());
}

#[test]
fn a_site_left_under_the_hidden_name_by_a_crash_is_put_back() {
    let r = TestReport::fixture("minimal");
    built(&r.build());
    let before = site(&r.out());
    // Killed between the two renames of the swap: no output, the old site
    // under its hidden name (with an older version's marker).
    fs::write(r.out().join(omstil::output::MARKER), OLD_MARKER).unwrap();
    let hidden = r.tmp.path().join(".ud.omstil-gammel-4194999");
    fs::rename(r.out(), &hidden).unwrap();
    break_report(&r);
    assert_eq!(r.build().status.code(), Some(1));
    let mut back = site(&r.out());
    back.insert(
        omstil::output::MARKER.into(),
        before[omstil::output::MARKER].clone(),
    );
    assert!(back == before, "the old site was not put back");
    assert!(!hidden.exists());
}

#[test]
fn files_omstil_did_not_write_survive_the_next_builds() {
    let r = TestReport::fixture("minimal");
    built(&r.build());
    let theirs = [
        (".git/HEAD", "ref: refs/heads/gh-pages\n"),
        (".git/objects/ab/cdef", "x"),
        ("CNAME", "rapport.kommune.dk\n"),
        (".htaccess", "Options -Indexes\n"),
        ("web.config", "<configuration/>\n"),
        ("assets/egen.css", "body {}\n"),
    ];
    for (path, text) in theirs {
        fs::create_dir_all(r.out().join(path).parent().unwrap()).unwrap();
        fs::write(r.out().join(path), text).unwrap();
    }
    for i in 0..2 {
        r.write(&format!("sider/s{i}.md"), "---\ntitel: Side\n---\nTekst.\n");
        built(&r.build());
        assert!(r.out().join(format!("sider/s{i}.html")).is_file());
        for (path, text) in theirs {
            assert_eq!(r.read_out(path), text, "{path} after build {i}");
        }
    }
    let marker = r.read_out(omstil::output::MARKER);
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
    assert!(
        !marker.contains("CNAME") && !marker.contains(".git"),
        "{marker}"
    );
    // An output from an older version (a marker without the list): its
    // hidden files and CNAME were never omstil's either.
    fs::write(r.out().join(omstil::output::MARKER), OLD_MARKER).unwrap();
    built(&r.build());
    for (path, text) in &theirs[..5] {
        assert_eq!(r.read_out(path), *text, "{path} after an old marker");
    }
}

#[test]
fn a_foreign_file_where_the_new_site_writes_stops_the_build() {
    let r = TestReport::fixture("minimal");
    built(&r.build());
    fs::create_dir_all(r.out().join("sider")).unwrap();
    fs::write(r.out().join("sider/ny.html"), "min egen").unwrap();
    let before = site(&r.out());
    r.write("sider/ny.md", "---\ntitel: Ny\n---\nTekst.\n");
    let o = r.build();
    assert_refused(&o, "sider/ny.html");
    assert!(site(&r.out()) == before, "the output changed");
    assert_eq!(names(r.tmp.path()), [".ud.omstil-laas", "rapport", "ud"]);
}

#[test]
fn force_into_a_foreign_folder_keeps_its_files_in_place() {
    let r = TestReport::fixture("minimal");
    fs::create_dir_all(r.out().join(".git")).unwrap();
    fs::write(r.out().join(".git/HEAD"), "ref").unwrap();
    fs::write(r.out().join("CNAME"), "x.dk").unwrap();
    assert_refused(&r.build(), "ikke lavet af omstil");
    let o = build_into(&r, &r.out(), &["--force"]);
    built(&o);
    assert_eq!(r.read_out(".git/HEAD"), "ref");
    assert_eq!(r.read_out("CNAME"), "x.dk");
    assert!(r.out().join("index.html").is_file());
    assert_eq!(names(r.tmp.path()), [".ud.omstil-laas", "rapport", "ud"]);
    // A foreign index.html is not overwritten, even with --force.
    let r = TestReport::fixture("minimal");
    fs::create_dir_all(r.out()).unwrap();
    fs::write(r.out().join("index.html"), "min").unwrap();
    let o = build_into(&r, &r.out(), &["--force"]);
    assert_refused(&o, "index.html");
    assert_eq!(r.read_out("index.html"), "min");
}

#[test]
fn leftovers_are_cleaned_only_when_nothing_foreign_is_in_them() {
    let r = TestReport::fixture("minimal");
    built(&r.build());
    let p = r.tmp.path();
    // An empty folder an older version left beside the output.
    fs::create_dir(p.join("ud.gammel-123")).unwrap();
    // A non-empty one: not ours to delete.
    fs::create_dir(p.join("ud.gammel-126")).unwrap();
    fs::write(p.join("ud.gammel-126/vigtig.docx"), "x").unwrap();
    // A killed build's old site holding a file omstil did not write.
    let old = p.join(".ud.omstil-gammel-124");
    copy_dir(&r.out(), &old);
    fs::write(old.join("CNAME"), "x.dk").unwrap();
    // A build killed while carrying files over: its staging folder has
    // the marker and a file that belongs in the output.
    let new = p.join(".ud.omstil-ny-127");
    copy_dir(&r.out(), &new);
    fs::create_dir_all(new.join(".git")).unwrap();
    fs::write(new.join(".git/HEAD"), "ref").unwrap();
    // An old site half removed by a crash: the marker is still there.
    let half = p.join(".ud.omstil-gammel-128");
    fs::create_dir(&half).unwrap();
    fs::copy(
        r.out().join(omstil::output::MARKER),
        half.join(omstil::output::MARKER),
    )
    .unwrap();
    // A killed build's half-written staging folder (no marker yet).
    fs::create_dir(p.join(".ud.omstil-ny-125")).unwrap();
    fs::write(p.join(".ud.omstil-ny-125/index.html"), "halv").unwrap();
    built(&r.build());
    assert_eq!(
        names(p),
        [".ud.omstil-laas", "rapport", "ud", "ud.gammel-126"]
    );
    assert_eq!(r.read_out("CNAME"), "x.dk");
    assert_eq!(r.read_out(".git/HEAD"), "ref");
    assert_eq!(names(&p.join("ud.gammel-126")), ["vigtig.docx"]);
}

#[test]
fn an_empty_output_folder_leaves_nothing_beside_it() {
    let r = TestReport::fixture("minimal");
    fs::create_dir(r.out()).unwrap();
    built(&r.build());
    assert_eq!(names(r.tmp.path()), [".ud.omstil-laas", "rapport", "ud"]);
}

#[test]
fn a_failed_build_leaves_no_new_folders_behind() {
    let r = TestReport::fixture("minimal");
    break_report(&r);
    let o = build_in(r.tmp.path(), &["rapport", "--output", "nye/mapper/ud"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(names(r.tmp.path()), ["rapport"]);
}
