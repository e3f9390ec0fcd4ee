//! CPU time of incremental rebuilds (the engine `serve` runs), without the
//! watcher, HTTP or the background print page: a measure that a busy
//! machine distorts less than wall time.
//!
//! ```text
//! cargo run --release --example incr_cpu -- DIR REL [N]
//! ```
//!
//! Builds the report in DIR once, then N times (default 5) changes REL (a
//! Markdown file gets a paragraph, a YAML file a new first `titel:`),
//! rebuilds with REL named as changed, and prints the wall time, the CPU
//! time of all the process's threads (from /proc, Linux only), how many
//! units were rendered again and each phase. REL is put back at the end.

use std::path::Path;

/// CPU time of every thread of this process so far, in ms (Linux).
fn cpu_ms() -> f64 {
    let mut ns = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for t in tasks.flatten() {
            if let Ok(s) = std::fs::read_to_string(t.path().join("schedstat")) {
                ns += s
                    .split_whitespace()
                    .next()
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0);
            }
        }
    }
    ns as f64 / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(rel)) = (args.get(1), args.get(2)) else {
        eprintln!("brug: incr_cpu DIR REL [N]");
        std::process::exit(2);
    };
    let n: usize = args.get(3).map_or(5, |a| a.parse().expect("N"));
    let root = Path::new(dir);
    let mut engine = omstil::incremental::Engine::new(root, false);
    let first = engine.rebuild(None);
    println!("first build: {:?}", first.elapsed);
    let path = root.join(rel);
    let original = std::fs::read_to_string(&path).expect("REL in DIR");
    for i in 0..n {
        let text = if rel.ends_with(".yaml") {
            original.replacen("titel: \"", &format!("titel: \"Måling {i}: "), 1)
        } else {
            format!("{original}\n\nMåling {i}.\n")
        };
        std::fs::write(&path, text).unwrap();
        let cpu = cpu_ms();
        let out = engine.rebuild(Some(std::slice::from_ref(rel)));
        println!(
            "{i}: {:.1} ms, CPU {:.1} ms, rendered {}/{} units; {:?}",
            out.elapsed.as_secs_f64() * 1000.0,
            cpu_ms() - cpu,
            out.rendered,
            out.units,
            out.phases
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    std::fs::write(&path, original).unwrap();
}
