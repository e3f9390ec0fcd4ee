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
//! bytes_in bytes_out`.

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
    println!(
        "{read:.4} {write:.4} {:.4} {} {} {bytes_in} {bytes_out}",
        read + write,
        inputs.len(),
        out.len(),
    );
}
