//! Benchmark: how long from saving a file to the browser being told to
//! reload, with `omstil serve` on the bundled example.
//!
//! ```text
//! cargo run --release --example serve_latency [-- N [FILE]]
//! ```
//!
//! Starts the preview (the same code as `omstil serve`) on a free port in a
//! temporary copy of `content/`, connects to the live-reload stream like a
//! browser tab, then N times (default 30) changes FILE (default
//! `forside.md`) and measures the time from the start of the write to the
//! arrival of the `reload` event, which is sent only once the new build is
//! complete and served. Prints the median and the 90th percentile, and the
//! build's own share.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../tests/it/copy_dir.rs"]
mod copy_dir;
use copy_dir::copy_dir;

/// Reads events until one named `want`; returns its data.
fn wait_for(r: &mut BufReader<TcpStream>, want: &str) -> String {
    let mut name = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).expect("event stream") == 0 {
            panic!("event stream closed");
        }
        let l = line.trim_end();
        if let Some(n) = l.strip_prefix("event: ") {
            name = n.to_string();
        } else if let Some(d) = l.strip_prefix("data: ")
            && name == want
        {
            return d.to_string();
        }
    }
}

fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    s.read_to_string(&mut body).unwrap();
    body
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(30, |a| a.parse().expect("N"));
    let file = args.next().unwrap_or_else(|| "forside.md".into());

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("rapport");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root,
    );
    let running = omstil::serve::start(omstil::serve::Options {
        root: root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: Some(0),
        quiet: true,
        color: false,
    })
    .expect("serve starts");
    let addr = running.addr();

    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut w = stream.try_clone().unwrap();
    write!(
        w,
        "GET /__omstil/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    wait_for(&mut events, "hello");

    let path = root.join(&file);
    let original = std::fs::read_to_string(&path).expect("FILE in content/");
    let mut total = Vec::new();
    let mut build = Vec::new();
    for i in 0..n {
        // Saves come at uneven moments relative to the watcher's tick.
        std::thread::sleep(Duration::from_millis(60 + (i as u64 * 37) % 50));
        let text = format!("{original}\n\nMåling nummer {i}.\n");
        let t0 = Instant::now();
        std::fs::write(&path, text).unwrap();
        let data = wait_for(&mut events, "reload");
        total.push(t0.elapsed().as_secs_f64() * 1000.0);
        let ms = data
            .split("\"ms\":")
            .nth(1)
            .and_then(|r| r.trim_end_matches('}').parse::<f64>().ok())
            .unwrap_or(f64::NAN);
        build.push(ms);
        if file.ends_with(".md") && file == "forside.md" {
            assert!(
                get(addr, "/").contains(&format!("Måling nummer {i}.")),
                "reload before the new page was served"
            );
        }
    }
    total.sort_by(f64::total_cmp);
    build.sort_by(f64::total_cmp);
    println!("omstil serve, save → reload event, {n} saves of {file}:");
    println!(
        "  median {:.1} ms, p90 {:.1} ms (min {:.1}, max {:.1})",
        percentile(&total, 0.5),
        percentile(&total, 0.9),
        total[0],
        total[total.len() - 1]
    );
    println!(
        "  of which the build: median {:.0} ms, p90 {:.0} ms; the rest is mostly the 30 ms debounce",
        percentile(&build, 0.5),
        percentile(&build, 0.9)
    );
}
