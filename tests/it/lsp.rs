//! `omstil lsp` (issue 17), spoken to over stdio as an editor does: the
//! built binary as a subprocess, JSON-RPC with `Content-Length` headers, on
//! a copy of the example. Diagnostics must equal `omstil check`'s (sentence,
//! hint, line, column in UTF-16), and ids must complete, resolve and rename.

use crate::common::{TestReport, bin, stderr};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next: i64,
    /// Latest diagnostics per URI.
    diags: BTreeMap<String, Vec<Value>>,
    root: PathBuf,
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = bin()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let root = root.canonicalize().unwrap();
        let mut c = Client {
            child,
            stdin,
            rx,
            next: 0,
            diags: BTreeMap::new(),
            root,
        };
        let uri = c.uri("");
        c.request(
            "initialize",
            json!({"processId": null, "rootUri": uri, "capabilities": {}}),
        );
        c.notify("initialized", json!({}));
        c
    }

    fn uri(&self, rel: &str) -> String {
        let p = self.root.join(rel);
        let s = p.to_str().unwrap().trim_end_matches('/');
        format!("file://{}", s.replace(' ', "%20"))
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Handles one message from the server (diagnostics are kept).
    fn take(&mut self, timeout: Duration) -> Option<Value> {
        let m = self.rx.recv_timeout(timeout).ok()?;
        if m["method"] == "textDocument/publishDiagnostics" {
            let uri = m["params"]["uri"].as_str().unwrap().to_string();
            let list = m["params"]["diagnostics"].as_array().unwrap().clone();
            self.diags.insert(uri, list);
        }
        Some(m)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.exchange(method, params);
        assert!(m.get("error").is_none(), "{method}: {m}");
        m["result"].clone()
    }

    /// Sends a request; the whole answer (result or error).
    fn exchange(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let end = Instant::now() + WAIT;
        while Instant::now() < end {
            if let Some(m) = self.take(Duration::from_millis(100))
                && m["id"] == id
            {
                return m;
            }
        }
        panic!("no answer to {method}");
    }

    /// Waits until the server has checked the last edit: it checks a
    /// pending edit before it answers any request, and sends the
    /// diagnostics before the answer.
    fn settle(&mut self) {
        let uri = self.uri("omstil.yaml");
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
    }

    fn open(&mut self, rel: &str) -> String {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        let lang = if rel.ends_with(".md") {
            "markdown"
        } else {
            "yaml"
        };
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
        text
    }

    fn change(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Changes the buffer and waits for the check.
    fn edit(&mut self, rel: &str, text: &str) {
        self.change(rel, text);
        self.settle();
    }

    fn errors(&self, rel: &str) -> Vec<Value> {
        self.diags
            .get(&self.uri(rel))
            .into_iter()
            .flatten()
            .filter(|d| d["severity"] == 1)
            .cloned()
            .collect()
    }

    /// A request at the first `needle` in `rel` (plus `shift` characters).
    fn at(&mut self, method: &str, rel: &str, needle: &str, shift: u32, extra: Value) -> Value {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        let (line, col) = pos_of(&text, needle, shift);
        let mut p = json!({"textDocument": {"uri": self.uri(rel)}, "position": {"line": line, "character": col}});
        if let (Some(p), Some(e)) = (p.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, p)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// 0-based line and UTF-16 column of `needle` (plus `shift`) in `text`.
fn pos_of(text: &str, needle: &str, shift: u32) -> (u32, u32) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let line = text[..at].matches('\n').count() as u32;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col: u32 = text[start..at].chars().map(|c| c.len_utf16() as u32).sum();
    (line, col + shift)
}

/// `omstil check`'s first error in `file` as (file, line, column,
/// sentence, hint).
fn check_error(root: &Path, file: &str) -> (String, u32, u32, String, String) {
    let o = bin().arg("check").arg(root).output().unwrap();
    let err = stderr(&o);
    let mut lines = err
        .lines()
        .skip_while(|l| !(l.starts_with("fejl ") && l.contains(&format!(": {file}:"))));
    let first = lines.next().unwrap_or_else(|| panic!("{err}"));
    let rest = first.split_once(": ").unwrap().1;
    let (loc, msg) = rest.split_once(": ").unwrap();
    let mut parts = loc.split(':');
    let file = parts.next().unwrap().to_string();
    let line = parts.next().unwrap().parse().unwrap();
    let col = parts.next().unwrap().parse().unwrap();
    let hint = lines
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.trim().strip_prefix("hjælp: "))
        .unwrap_or("")
        .to_string();
    (file, line, col, msg.to_string(), hint)
}

/// Sends `text` as the unsaved buffer of `rel` and asserts that the
/// server's first error in it is `omstil check`'s first error in it (run on
/// a copy with the text saved); the server's errors in `rel`.
fn same_as_check(c: &mut Client, rel: &str, text: &str) -> Vec<Value> {
    c.edit(rel, text);
    let got = c.errors(rel);
    let other = TestReport::example();
    other.write(rel, text);
    let want = check_error(&other.root(), rel);
    assert_eq!(want.0, rel);
    assert!(!got.is_empty(), "{want:?}");
    let line = text.lines().nth(want.1 as usize - 1).unwrap();
    assert_same(&got[0], &want, line);
    got
}

/// The diagnostic must carry check's sentence and hint at check's line and
/// column (columns converted from characters to UTF-16 on `src_line`).
fn assert_same(d: &Value, check: &(String, u32, u32, String, String), src_line: &str) {
    let msg = d["message"].as_str().unwrap();
    assert_eq!(msg, format!("{}\nhjælp: {}", check.3, check.4));
    assert_eq!(d["range"]["start"]["line"], check.1 - 1);
    let utf16: u32 = src_line
        .chars()
        .take(check.2 as usize - 1)
        .map(|c| c.len_utf16() as u32)
        .sum();
    assert_eq!(d["range"]["start"]["character"], utf16, "{d}");
}

#[test]
fn lsp_diagnostics_follow_the_buffer_like_check_and_clear_again() {
    let r = TestReport::example();
    let mut c = Client::start(&r.root());
    c.settle();
    assert!(c.errors("forandringsteori.yaml").is_empty());

    // A misspelled id in an unsaved YAML buffer.
    let rel = "forandringsteori.yaml";
    let good = c.open(rel);
    let bad = good.replacen(
        "[tidlig-opsporing-i-almenomraadet,",
        "[tidlig-opsporing-i-almenomraade,",
        1,
    );
    let got = same_as_check(&mut c, rel, &bad);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0]["message"]
            .as_str()
            .unwrap()
            .contains("Mente du `tidlig-opsporing-i-almenomraadet`?"),
        "{got:?}"
    );

    // Back to the good text: the file's diagnostics are cleared.
    c.edit(rel, &good);
    assert!(c.errors(rel).is_empty());

    // An edit in one file makes errors in another (not open) file; they
    // come and go with the edit.
    let home = "modenhedsanalyse.yaml";
    let defs = c.open(home);
    let renamed = defs.replacen(
        "- id: tidlig-opsporing-i-almenomraadet",
        "- id: tidlig-opsporing",
        1,
    );
    c.edit(home, &renamed);
    assert_eq!(c.errors(rel).len(), 1, "{:?}", c.diags);
    c.edit(home, &defs);
    assert!(c.errors(rel).is_empty());

    // Markdown: a bad link after a character outside the BMP, so that a
    // column in characters and one in UTF-16 units differ.
    let page = "sider/metode.md";
    let text = c.open(page);
    let bad = text.replacen(
        "fx [](@noegletal/anbragte-pr-1000)",
        "fx 😀 [](@noegletal/anbragte-pr-100)",
        1,
    );
    let got = same_as_check(&mut c, page, &bad);
    assert_eq!(got.len(), 1, "{got:?}");

    // Front matter of a page.
    let fm = text.replacen("titel:", "titell:", 1);
    same_as_check(&mut c, page, &fm);
}

#[test]
fn lsp_completes_ids_with_titles_and_link_prefixes() {
    let r = TestReport::example();
    let mut c = Client::start(&r.root());
    let rel = "forandringsteori.yaml";
    c.open(rel);
    c.settle();
    // Inside `hypoteser: [tidlig-…`, after "tid".
    let got = c.at(
        "textDocument/completion",
        rel,
        "[tidlig-opsporing-i-almenomraadet",
        4,
        json!({}),
    );
    let items = got.as_array().unwrap();
    let one = items
        .iter()
        .find(|i| i["label"] == "tidlig-opsporing-i-almenomraadet")
        .unwrap_or_else(|| panic!("{got}"));
    let analysis = std::fs::read_to_string(r.root().join("modenhedsanalyse.yaml")).unwrap();
    let title_line = analysis
        .lines()
        .skip_while(|l| !l.contains("- id: tidlig-opsporing-i-almenomraadet"))
        .find_map(|l| l.trim().strip_prefix("titel: "))
        .unwrap();
    assert_eq!(one["detail"], title_line.trim_matches('"'));
    // Only hypotheses: no key figure or outcome ids.
    assert!(
        items
            .iter()
            .all(|i| !i["label"].as_str().unwrap().contains("pr-1000"))
    );
    assert_eq!(one["textEdit"]["range"]["start"]["character"], {
        let (_, col) = pos_of(
            &std::fs::read_to_string(r.root().join(rel)).unwrap(),
            "[tidlig",
            1,
        );
        col
    });

    // `@noegletal/` in a Markdown page: key figures.
    let page = "sider/metode.md";
    c.open(page);
    let got = c.at(
        "textDocument/completion",
        page,
        "@noegletal/anbragte",
        11,
        json!({}),
    );
    let labels: BTreeSet<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains("anbragte-pr-1000"), "{labels:?}");
    assert!(!labels.contains("tidlig-opsporing-i-almenomraadet"));
    // Right after `@`: the kinds.
    let got = c.at(
        "textDocument/completion",
        page,
        "@noegletal/anbragte",
        1,
        json!({}),
    );
    let labels: BTreeSet<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for w in ["@hypotese/", "@indsats/", "@maal/", "@side/", "@noegletal/"] {
        assert!(labels.contains(w), "{w}: {labels:?}");
    }
}

#[test]
fn lsp_definition_references_hover_and_rename_of_an_id() {
    let r = TestReport::example();
    let mut c = Client::start(&r.root());
    c.open("sider/metode.md");
    c.settle();
    let id = "anbragte-pr-1000";
    // From a Markdown link to the definition in noegletal.yaml.
    let def = c.at(
        "textDocument/definition",
        "sider/metode.md",
        "@noegletal/anbragte-pr-1000",
        12,
        json!({}),
    );
    assert_eq!(def["uri"], c.uri("noegletal.yaml"));
    let figures = std::fs::read_to_string(r.root().join("noegletal.yaml")).unwrap();
    let (line, col) = pos_of(&figures, "id: anbragte-pr-1000", 4);
    assert_eq!(
        def["range"]["start"],
        json!({"line": line, "character": col})
    );

    // References from the definition: YAML lists, an indicator, Markdown
    // in YAML and in pages; never the CSV file name.
    let refs = c.at(
        "textDocument/references",
        "noegletal.yaml",
        "id: anbragte-pr-1000",
        5,
        json!({"context": {"includeDeclaration": false}}),
    );
    let refs = refs.as_array().unwrap();
    let mut want = BTreeMap::new();
    for (rel, n) in [
        ("modenhedsanalyse.yaml", 2),
        ("forandringsteori.yaml", 1),
        ("udviklingsplan.yaml", 1),
        ("sider/metode.md", 1),
        ("sider/status-2025.md", 1),
    ] {
        want.insert(c.uri(rel), n);
    }
    let mut got = BTreeMap::new();
    for l in refs {
        *got.entry(l["uri"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    assert_eq!(got, want);

    let hover = c.at(
        "textDocument/hover",
        "sider/metode.md",
        "@noegletal/anbragte",
        12,
        json!({}),
    );
    let h = hover["contents"]["value"].as_str().unwrap();
    assert!(h.contains("Bruges 6 steder"), "{h}");
    assert!(h.contains("noegletal.yaml:"), "{h}");

    // The six themes have fixed ids: no rename.
    let text = std::fs::read_to_string(r.root().join("modenhedsanalyse.yaml")).unwrap();
    let (line, character) = pos_of(&text, "temaer: [sagsbehandling]", 10);
    let uri = c.uri("modenhedsanalyse.yaml");
    let m = c.exchange(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}, "newName": "sagsarbejde"}),
    );
    let refused = m["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{m}"));
    assert!(refused.contains("faste id'er"), "{refused}");

    // Rename from a reference: the edits touch the definition and every
    // reference, and nothing else (the CSV path keeps the old name).
    let edit = c.at(
        "textDocument/rename",
        "modenhedsanalyse.yaml",
        "anbragte-pr-1000]",
        3,
        json!({"newName": "anbragte-pr-tusind"}),
    );
    let changes = edit["changes"].as_object().unwrap();
    let mut files: Vec<String> = changes.keys().cloned().collect();
    files.sort();
    let mut expect: Vec<String> = want.keys().cloned().collect();
    expect.push(c.uri("noegletal.yaml"));
    expect.sort();
    assert_eq!(files, expect);
    let n: usize = changes.values().map(|v| v.as_array().unwrap().len()).sum();
    assert_eq!(n, 7);
    for (uri, edits) in changes {
        let rel = uri
            .strip_prefix(&c.uri(""))
            .unwrap()
            .trim_start_matches('/');
        let path = r.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, apply(&text, edits.as_array().unwrap())).unwrap();
    }
    let after = std::fs::read_to_string(r.root().join("noegletal.yaml")).unwrap();
    assert!(after.contains("csv: noegletal/anbragte-pr-1000.csv"));
    assert!(after.contains("- id: anbragte-pr-tusind"));
    let o = r.check();
    assert!(o.status.success(), "{}", stderr(&o));
    let _ = id;
}

/// Applies LSP text edits (single-line ranges) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut edits: Vec<&Value> = edits.iter().collect();
    edits.sort_by_key(|e| {
        let s = &e["range"]["start"];
        std::cmp::Reverse((
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
        ))
    });
    for e in edits {
        let line = e["range"]["start"]["line"].as_u64().unwrap() as usize;
        let from = e["range"]["start"]["character"].as_u64().unwrap() as usize;
        let to = e["range"]["end"]["character"].as_u64().unwrap() as usize;
        let units: Vec<u16> = lines[line].encode_utf16().collect();
        let mut out = String::from_utf16(&units[..from]).unwrap();
        out.push_str(e["newText"].as_str().unwrap());
        out.push_str(&String::from_utf16(&units[to..]).unwrap());
        lines[line] = out;
    }
    lines.join("\n")
}

#[test]
fn lsp_init_recommends_the_extension_in_the_repo() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    assert!(bin().arg("init").arg(&dir).status().unwrap().success());
    let rec: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(".vscode/extensions.json")).unwrap(),
    )
    .unwrap();
    let pkg: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::common::repo().join("editors/vscode/package.json"))
            .unwrap(),
    )
    .unwrap();
    let id = format!(
        "{}.{}",
        pkg["publisher"].as_str().unwrap(),
        pkg["name"].as_str().unwrap()
    );
    assert_eq!(id, omstil::init::VSCODE_EXTENSION);
    let list = rec["recommendations"].as_array().unwrap();
    assert!(list.contains(&json!(id)), "{rec}");
    assert!(list.contains(&json!("redhat.vscode-yaml")), "{rec}");
}
