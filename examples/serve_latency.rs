//! Benchmark: how long from saving a file to the browser being told to
//! reload, with `omstil serve` on the bundled example.
//!
//! ```text
//! cargo run --release --example serve_latency [-- N [FILE]]
//! cargo run --release --example serve_latency -- [N] --dir DIR --file REL
//! ```
//!
//! Starts the preview (the same code as `omstil serve`) on a free port in a
//! temporary copy of `content/` (or in the report folder DIR itself, whose
//! file is put back as it was at the end), connects to the live-reload
//! stream like a browser tab, then N times (default 30) changes FILE
//! (default `forside.md`) and measures the time from the start of the
//! write to the arrival of the `reload` event, which is sent only once the
//! new build is complete and served. A Markdown file gets a new paragraph;
//! a YAML file gets a new first `titel:` (a part's field). After each
//! reload, the page of an edited Markdown file is fetched and must show
//! the change. Prints the median and the 90th percentile, and the
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
    let all: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        all.iter()
            .position(|a| a == name)
            .and_then(|i| all.get(i + 1))
            .cloned()
    };
    let mut positional = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if all[i].starts_with("--") {
            i += 2;
        } else {
            positional.push(all[i].clone());
            i += 1;
        }
    }
    let n: usize = positional.first().map_or(30, |a| a.parse().expect("N"));
    let file = flag("--file")
        .or_else(|| positional.get(1).cloned())
        .unwrap_or_else(|| "forside.md".into());

    let tmp = tempfile::tempdir().unwrap();
    let root = match flag("--dir") {
        Some(dir) => Path::new(&dir).canonicalize().expect("--dir DIR exists"),
        None => {
            let root = tmp.path().join("rapport");
            copy_dir(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
                &root,
            );
            root
        }
    };
    let running = omstil::serve::start(omstil::serve::Options {
        root: root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: Some(0),
        quiet: true,
        verbose: false,
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
    let original = std::fs::read_to_string(&path).expect("FILE in the report");
    let page_url = if file == "forside.md" {
        Some("/".to_string())
    } else {
        file.strip_prefix("sider/")
            .and_then(|f| f.strip_suffix(".md"))
            .map(|id| format!("/sider/{id}.html"))
    };
    let mut total = Vec::new();
    let mut build = Vec::new();
    for i in 0..n {
        // Saves come at uneven moments relative to the watcher's tick.
        std::thread::sleep(Duration::from_millis(60 + (i as u64 * 37) % 50));
        let text = if file.ends_with(".yaml") {
            original.replacen("titel: \"", &format!("titel: \"Måling nummer {i}: "), 1)
        } else {
            format!("{original}\n\nMåling nummer {i}.\n")
        };
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
        if let Some(url) = &page_url {
            assert!(
                get(addr, url).contains(&format!("Måling nummer {i}.")),
                "reload before the new page was served"
            );
        }
    }
    std::fs::write(&path, &original).unwrap();
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
        "  of which the (incremental) build: median {:.0} ms, p90 {:.0} ms; the rest is mostly the 30 ms debounce",
        percentile(&build, 0.5),
        percentile(&build, 0.9)
    );
}
