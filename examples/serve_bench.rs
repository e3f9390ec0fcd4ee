//! Benchmark client for `bench/serve.sh` (issue 18): save → new content
//! served over HTTP, measured the same way for any preview server (`omstil
//! serve`, `zola serve --fast`, `hugo server`).
//!
//! ```text
//! serve_bench port
//!     prints a free TCP port on 127.0.0.1
//! serve_bench wait --url URL [--pid PID] [--timeout S]
//!     waits until URL answers 200 (exit 1 on timeout or when PID has ended)
//! serve_bench run [--runs R] [--timeout S]
//!     --label L --url URL --file PATH [--after TEXT] [--pid PID]  (one or more)
//! ```
//!
//! `run` takes turns between the targets (several servers running side by
//! side, so that background load hits them alike), R rounds: for each target
//! it waits a gap of 300–800 ms (uneven, so saves land at every phase of the
//! watchers' timers), writes a unique marker (`sbm…`, letters and digits
//! only, so no tool escapes or reflows it) into FILE — appended as a new
//! paragraph, or inserted right after the first occurrence of TEXT (e.g. a
//! title in a YAML file) — and then GETs URL every 5 ms until the body
//! contains the marker. The time from just before the write to the end of
//! the answer that has the marker is one sample. Each write starts again
//! from the file's original text; the originals are written back at the end.
//!
//! The client is light on purpose: one blocking HTTP/1.0 request at a time
//! over loopback (no chunked bodies, the server closes the connection), a
//! 5 ms sleep between requests, no dependencies. A request for a 20–40 KB
//! page costs the client well under a millisecond of CPU, so polling takes a
//! few percent of one core at most while a server rebuilds.
//!
//! Prints one line per target to stdout, tab-separated:
//! `RESULT label runs median p90 min max mean_polls cpu bg` (milliseconds),
//! or `FAILED label reason`. `cpu`: with `--pid PID` (the server's
//! process), the mean CPU time (user + system, all threads, 10 ms clock
//! ticks) the server spent from the write to the served answer, which a busy
//! machine stretches far less than the wall time; `bg`: the mean CPU time it
//! spent after the answer until idle (background work); `–` without.
//! With `--pid`, every save waits until all the servers have been idle for
//! 100 ms (at most 20 s), so background work never overlaps a sample.

use std::io::{IsTerminal, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Time between two polls of the page.
const POLL: Duration = Duration::from_millis(5);

struct Target {
    label: String,
    addr: SocketAddr,
    host: String,
    path: String,
    file: PathBuf,
    after: Option<String>,
    original: String,
    samples: Vec<f64>,
    polls: usize,
    /// The server's process, for its CPU time (`--pid`).
    pid: Option<u32>,
    /// The server's CPU clock ticks spent between writes and served answers.
    cpu_ticks: u64,
    /// Its CPU ticks after the served answers, until it was idle again.
    bg_ticks: u64,
    failed: Option<String>,
}

/// Splits `http://host:port/path` into a socket address, the Host header
/// and the path.
fn parse_url(url: &str) -> Result<(SocketAddr, String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("only http:// URLs: {url}"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = host
        .to_socket_addrs()
        .map_err(|e| format!("{host}: {e}"))?
        .next()
        .ok_or_else(|| format!("{host}: no address"))?;
    Ok((addr, host.to_string(), path.to_string()))
}

/// One GET; returns (status, whole response) or an error (e.g. refused).
fn get(addr: SocketAddr, host: &str, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    s.set_nodelay(true)?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = Vec::with_capacity(64 * 1024);
    s.read_to_end(&mut buf)?;
    let status = std::str::from_utf8(&buf[..buf.len().min(16)])
        .ok()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok((status, buf))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// User + system CPU time of a process and all its threads, in clock ticks
/// (1/100 s on Linux), from /proc/PID/stat; 0 when unknown.
fn cpu_ticks(pid: Option<u32>) -> u64 {
    let Some(pid) = pid else { return 0 };
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // Fields after the command name (which may hold spaces) in parentheses:
    // state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    num(11) + num(12)
}

/// Waits (at most 20 s) until no server has used CPU for 100 ms, so that
/// each save starts from idle servers: work one server does in the
/// background after its answer (omstil's print page and search index) must
/// not slow down the next sample, its own or another tool's.
fn settle(pids: &[u32]) {
    let total = || pids.iter().map(|&p| cpu_ticks(Some(p))).sum::<u64>();
    let t0 = Instant::now();
    let mut last = total();
    while t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
        let now = total();
        if now == last {
            return;
        }
        last = now;
    }
}

fn alive(pid: Option<u32>) -> bool {
    pid.is_none_or(|p| std::path::Path::new(&format!("/proc/{p}")).exists())
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn number(args: &[String], name: &str, default: u64) -> Result<u64, String> {
    flag(args, name).map_or(Ok(default), |v| {
        v.parse()
            .map_err(|_| format!("{name} wants a number, not '{v}'"))
    })
}

fn wait(args: &[String]) -> Result<(), String> {
    let url = flag(args, "--url").ok_or("wait: --url is missing")?;
    let pid = flag(args, "--pid").and_then(|p| p.parse().ok());
    let timeout = Duration::from_secs(number(args, "--timeout", 600)?);
    let (addr, host, path) = parse_url(&url)?;
    let t0 = Instant::now();
    loop {
        if let Ok((200, _)) = get(addr, &host, &path) {
            eprintln!(
                "serve_bench: {url} ready after {:.1} s",
                t0.elapsed().as_secs_f64()
            );
            return Ok(());
        }
        if !alive(pid) {
            return Err(format!("the server (pid {}) has stopped", pid.unwrap_or(0)));
        }
        if t0.elapsed() > timeout {
            return Err(format!("{url} did not answer 200 within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn targets(args: &[String]) -> Result<Vec<Target>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] != "--label" {
            i += 1;
            continue;
        }
        let end = args[i + 1..]
            .iter()
            .position(|a| a == "--label")
            .map_or(args.len(), |p| i + 1 + p);
        let own = &args[i..end];
        let label = flag(own, "--label").ok_or("--label without a name")?;
        let url = flag(own, "--url").ok_or(format!("{label}: --url is missing"))?;
        let file = PathBuf::from(flag(own, "--file").ok_or(format!("{label}: --file is missing"))?);
        let after = flag(own, "--after");
        let pid = match flag(own, "--pid") {
            Some(p) => Some(p.parse().map_err(|_| format!("{label}: --pid {p}?"))?),
            None => None,
        };
        let (addr, host, path) = parse_url(&url)?;
        let original = std::fs::read_to_string(&file)
            .map_err(|e| format!("{label}: {}: {e}", file.display()))?;
        if let Some(a) = &after
            && !original.contains(a.as_str())
        {
            return Err(format!("{label}: '{a}' is not in {}", file.display()));
        }
        out.push(Target {
            label,
            addr,
            host,
            path,
            file,
            after,
            original,
            samples: Vec::new(),
            polls: 0,
            pid,
            cpu_ticks: 0,
            bg_ticks: 0,
            failed: None,
        });
        i = end;
    }
    if out.is_empty() {
        return Err("run: no targets (--label L --url URL --file PATH)".into());
    }
    Ok(out)
}

/// One save → served sample for `t`; returns milliseconds, the polls and the
/// server's CPU ticks in between.
fn sample(t: &Target, marker: &str, timeout: Duration) -> Result<(f64, usize, u64), String> {
    let text = match &t.after {
        Some(a) => t.original.replacen(a.as_str(), &format!("{a}{marker} "), 1),
        None => format!("{}\n\n{marker}\n", t.original.trim_end()),
    };
    let needle = marker.as_bytes();
    let cpu0 = cpu_ticks(t.pid);
    let t0 = Instant::now();
    std::fs::write(&t.file, text).map_err(|e| format!("{}: {e}", t.file.display()))?;
    let mut polls = 0;
    loop {
        polls += 1;
        if let Ok((200, body)) = get(t.addr, &t.host, &t.path)
            && contains(&body, needle)
        {
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            return Ok((ms, polls, cpu_ticks(t.pid).saturating_sub(cpu0)));
        }
        if t0.elapsed() > timeout {
            return Err(format!(
                "marker {marker} not served within {timeout:?} ({polls} polls)"
            ));
        }
        std::thread::sleep(POLL);
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let runs = number(args, "--runs", 20)? as usize;
    let timeout = Duration::from_secs(number(args, "--timeout", 60)?);
    let mut targets = targets(args)?;
    let pid = std::process::id();
    for t in &targets {
        let (status, body) = get(t.addr, &t.host, &t.path)
            .map_err(|e| format!("{}: {}{}: {e}", t.label, t.host, t.path))?;
        if status != 200 || contains(&body, format!("sbm{pid}x").as_bytes()) {
            return Err(format!("{}: {} answers {status}", t.label, t.path));
        }
    }
    let n = targets.len();
    let mut pids: Vec<u32> = targets.iter().filter_map(|t| t.pid).collect();
    pids.sort_unstable();
    pids.dedup();
    // (target, its server's CPU ticks when its last answer was served)
    let mut pending: Option<(usize, u64)> = None;
    for round in 0..runs {
        for k in 0..n {
            // Rotate who goes first, so no tool always follows the same one.
            let ti = (round + k) % n;
            let t = &mut targets[ti];
            if t.failed.is_some() {
                continue;
            }
            let gap = 300 + (round as u64 * 7919 + ti as u64 * 131) % 500;
            std::thread::sleep(Duration::from_millis(gap));
            settle(&pids);
            if let Some((pi, ticks)) = pending.take() {
                let pt = &mut targets[pi];
                pt.bg_ticks += cpu_ticks(pt.pid).saturating_sub(ticks);
            }
            let t = &mut targets[ti];
            let marker = format!("sbm{pid}x{round}x{ti}");
            match sample(t, &marker, timeout) {
                Ok((ms, polls, ticks)) => {
                    t.samples.push(ms);
                    t.polls += polls;
                    t.cpu_ticks += ticks;
                    pending = Some((ti, cpu_ticks(t.pid)));
                }
                Err(e) => t.failed = Some(e),
            }
        }
        if std::io::stderr().is_terminal() {
            eprint!("\rserve_bench: round {}/{runs}", round + 1);
        }
    }
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    settle(&pids);
    if let Some((pi, ticks)) = pending.take() {
        let pt = &mut targets[pi];
        pt.bg_ticks += cpu_ticks(pt.pid).saturating_sub(ticks);
    }
    for t in &mut targets {
        let _ = std::fs::write(&t.file, &t.original);
        if let Some(e) = &t.failed {
            println!("FAILED\t{}\t{e}", t.label);
            continue;
        }
        t.samples.sort_by(f64::total_cmp);
        let s = &t.samples;
        let cpu = match t.pid {
            Some(_) => format!(
                "{:.0}\t{:.0}",
                t.cpu_ticks as f64 * 10.0 / s.len() as f64,
                t.bg_ticks as f64 * 10.0 / s.len() as f64
            ),
            None => "–\t–".into(),
        };
        println!(
            "RESULT\t{}\t{}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{cpu}",
            t.label,
            s.len(),
            percentile(s, 0.5),
            percentile(s, 0.9),
            s[0],
            s[s.len() - 1],
            t.polls as f64 / s.len() as f64
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("port") => TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| println!("{}", a.port()))
            .map_err(|e| e.to_string()),
        Some("wait") => wait(&args[1..]),
        Some("run") => run(&args[1..]),
        _ => Err("usage: serve_bench port | wait --url URL [--pid PID] [--timeout S] | run [--runs R] [--timeout S] --label L --url URL --file PATH [--after TEXT] ...".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve_bench: {e}");
            ExitCode::FAILURE
        }
    }
}
