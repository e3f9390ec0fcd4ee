//! Benchmark: how long from an edit in the editor to its diagnostics, with
//! `omstil lsp` on the bundled example.
//!
//! ```text
//! cargo run --release --example lsp_latency [-- N]
//! ```
//!
//! Runs the language server (the same code as `omstil lsp`) on an in-memory
//! connection in a temporary copy of `content/`, opens
//! `forandringsteori.yaml`, then N times (default 40) sends a `didChange`
//! that alternately misspells an id and puts it right, and measures the
//! time from sending the change to the arrival of that file's diagnostics
//! (with the error, or cleared). This includes the server's 15 ms debounce
//! and a whole check of the report (load, resolve, render into nothing).
//! Prints the median, the 90th percentile and the maximum, and the CPU
//! time the process spent per edit (all threads; on a busy machine the wall
//! times include waiting for a core, the CPU time does not).

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../tests/it/copy_dir.rs"]
mod copy_dir;
use copy_dir::copy_dir;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(40, |a| a.parse().expect("N: a number"));
    let tmp = std::env::temp_dir().join(format!("omstil-lsp-bench-{}", std::process::id()));
    copy_dir(Path::new("content"), &tmp);
    let root = tmp.canonicalize().unwrap();
    let file = root.join("forandringsteori.yaml");
    let uri = format!("file://{}", file.display());
    let good = std::fs::read_to_string(&file).unwrap();
    let bad = good.replacen(
        "[tidlig-opsporing-i-almenomraadet,",
        "[tidlig-opsporing-i-almenomraade,",
        1,
    );

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || omstil::lsp::serve(server).unwrap());
    let send = |m: Message| client.sender.send(m).unwrap();
    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
    )));
    let _ = client.receiver.recv().unwrap();
    send(Message::Notification(Notification::new(
        "initialized".into(),
        json!({}),
    )));
    send(Message::Notification(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": good}}),
    )));
    // The first check (warm-up).
    std::thread::sleep(Duration::from_millis(500));
    while client.receiver.try_recv().is_ok() {}

    let mut times = Vec::new();
    let cpu_start = cpu_time();
    for i in 0..n {
        let broken = i % 2 == 0;
        let text = if broken { &bad } else { &good };
        let t = Instant::now();
        send(Message::Notification(Notification::new(
            "textDocument/didChange".into(),
            json!({"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": text}]}),
        )));
        loop {
            let Ok(Message::Notification(m)) = client.receiver.recv() else {
                continue;
            };
            if m.method != "textDocument/publishDiagnostics" || m.params["uri"] != uri.as_str() {
                continue;
            }
            let errors = m.params["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == 1)
                .count();
            if errors == usize::from(broken) {
                break;
            }
        }
        times.push(t.elapsed());
        // Let the other files' diagnostics of this check arrive.
        std::thread::sleep(Duration::from_millis(30));
        while client.receiver.try_recv().is_ok() {}
    }
    let cpu = cpu_time().saturating_sub(cpu_start);
    send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".into(),
        json!(null),
    )));
    send(Message::Notification(Notification::new(
        "exit".into(),
        json!(null),
    )));
    thread.join().unwrap();
    let _ = std::fs::remove_dir_all(&tmp);

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "edit → diagnostics over {n} edits: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        ms(times[n / 2]),
        ms(times[n * 9 / 10]),
        ms(times[n - 1])
    );
    println!(
        "CPU time per edit (all threads): {:.1} ms",
        ms(cpu) / n as f64
    );
}

/// User + system CPU time of this process so far.
#[cfg(unix)]
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

#[cfg(not(unix))]
fn cpu_time() -> Duration {
    Duration::ZERO
}
