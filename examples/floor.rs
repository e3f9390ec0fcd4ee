//! The I/O floor of a build (issue 18): how long the machine needs just to
//! read every input file of a report and to write every file of a built
//! site, on the same file system, with the parallelism a build has (rayon's
//! pool, one task per file, as `omstil build` reads and writes).
//! `bench/run.sh` divides the build's time by this.
//!
//! cargo run --release --example floor -- REPORT SITE SCRATCH
//!
//! REPORT is the report folder (every file under it is read: the walk is
//! timed too, as the build walks it), SITE a site `omstil build` wrote
//! (its files are read into memory first, untimed), SCRATCH a folder that
//! does not exist yet, next to SITE (the same file system): the site is
//! written there (folders made as needed, timed) and deleted again
//! (untimed). Prints one line: `read_s write_s total_s files_in files_out
//! bytes_in bytes_out markdown_s search_s`.
//!
//! The last two are work no build of this site can skip, timed apart from
//! the I/O, in the same pool: `markdown_s` turns the body of every `.md`
//! file of the report into HTML with pulldown-cmark alone (the build's
//! extensions, nothing of omstil's own: no links resolved, no ids), and
//! `search_s` makes the search index (`render::search`, the build's own
//! code) from the `<article>` of every page of SITE. They tell how much of
//! the room a goal of k × the floor leaves (k − 1 floors) these two alone
//! take (issue 18).

use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Every file under `root` (not following symlinks), in no particular order.
fn files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [report, site, scratch] = &args[..] else {
        eprintln!("usage: floor REPORT SITE SCRATCH (SCRATCH must not exist)");
        std::process::exit(2);
    };
    let (report, site, scratch) = (Path::new(report), Path::new(site), Path::new(scratch));
    if scratch.exists() {
        eprintln!("floor: {} exists already", scratch.display());
        std::process::exit(2);
    }

    // Untimed: the site's files in memory (what a build has rendered).
    let out: Vec<(PathBuf, Vec<u8>)> = files(site)
        .into_par_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.strip_prefix(site).unwrap().to_path_buf(), bytes)
        })
        .collect();

    // Timed: walk and read the report.
    let t0 = Instant::now();
    let inputs = files(report);
    let bytes_in: usize = inputs
        .par_iter()
        .map(|p| fs::read(p).map_or(0, |b| b.len()))
        .sum();
    let read = t0.elapsed().as_secs_f64();

    // Timed: make the folders and write the site.
    let t1 = Instant::now();
    let mut dirs: Vec<PathBuf> = out
        .iter()
        .filter_map(|(p, _)| p.parent().map(|d| scratch.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    }
    out.par_iter().for_each(|(p, bytes)| {
        let target = scratch.join(p);
        fs::write(&target, bytes).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    });
    let write = t1.elapsed().as_secs_f64();

    let bytes_out: usize = out.iter().map(|(_, b)| b.len()).sum();
    let _ = fs::remove_dir_all(scratch);
    let (markdown, search) = (markdown_s(&inputs), search_s(&out));
    println!(
        "{read:.4} {write:.4} {:.4} {} {} {bytes_in} {bytes_out} {markdown:.4} {search:.4}",
        read + write,
        inputs.len(),
        out.len(),
    );
}

/// Seconds to turn the body of every `.md` file in `inputs` into HTML,
/// one task per file (the files are read untimed).
fn markdown_s(inputs: &[PathBuf]) -> f64 {
    let texts: Vec<String> = inputs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect();
    let options = omstil::markdown::parser_options();
    let t = Instant::now();
    let bytes: usize = texts
        .par_iter()
        .map(|text| {
            let (_, body, _) = omstil::content::split_front_matter(text);
            let mut html = String::with_capacity(body.len() + body.len() / 4);
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(body, options),
            );
            html.len()
        })
        .sum();
    let s = t.elapsed().as_secs_f64();
    std::hint::black_box(bytes);
    s
}

/// Seconds to make the search index from the article of every page in
/// `out` (as the build does: each page's words in the pool, then the
/// index in page order, then its script). The pages' titles and kind
/// labels are not known here, so none is cut from the front of the text:
/// a few words more per page than the build indexes.
fn search_s(out: &[(PathBuf, Vec<u8>)]) -> f64 {
    let pages: Vec<(String, &str)> = out
        .iter()
        .filter(|(p, _)| {
            p.extension().is_some_and(|e| e == "html")
                && !matches!(p.to_str(), Some("print.html" | "soeg.html" | "404.html"))
        })
        .filter_map(|(p, bytes)| {
            let html = std::str::from_utf8(bytes).ok()?;
            let (a, b) = (html.find("<article")?, html.rfind("</article>")?);
            Some((
                p.to_string_lossy().into_owned(),
                &html[a..b + "</article>".len()],
            ))
        })
        .collect();
    let t = Instant::now();
    let terms: Vec<_> = pages
        .par_iter()
        .map(|(path, article)| omstil::render::search::PageTerms::new(path, "", "", article))
        .collect();
    let mut index = omstil::render::search::Index::default();
    for p in terms {
        index.add(p);
    }
    let js = index.to_js();
    let s = t.elapsed().as_secs_f64();
    std::hint::black_box(js.len());
    s
}
