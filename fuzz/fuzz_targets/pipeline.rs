//! Fuzz target: the whole pipeline on a mutated copy of the bundled example.
//! The input's first line names one of the example's files (any other first
//! line picks one by its bytes); the rest replaces that file's content. The
//! report is then loaded, resolved and rendered in memory (`omstil::build`),
//! and its diagnostics are printed as `omstil check` prints them. Nothing
//! may panic or hang. Seeds: `seeds/pipeline/` (one per example file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Copy {
    root: PathBuf,
    files: Vec<(String, Vec<u8>)>,
}

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, base, out);
        } else {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read(&p).unwrap()));
        }
    }
}

/// A private copy of the example in the temp folder, made once per process.
fn copy() -> &'static Copy {
    static COPY: OnceLock<Copy> = OnceLock::new();
    COPY.get_or_init(|| {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let mut files = Vec::new();
        collect(&example, &example, &mut files);
        let root = std::env::temp_dir().join(format!("omstil-fuzz-build-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (rel, bytes) in &files {
            let to = root.join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, bytes).unwrap();
        }
        Copy { root, files }
    })
}

fuzz_target!(|data: &[u8]| {
    let c = copy();
    let cut = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let (name, body) = (&data[..cut], data.get(cut + 1..).unwrap_or(&[]));
    let i = c
        .files
        .iter()
        .position(|(rel, _)| rel.as_bytes() == name)
        .unwrap_or_else(|| name.iter().map(|&b| b as usize).sum::<usize>() % c.files.len());
    let (rel, original) = &c.files[i];
    let path = c.root.join(rel);
    std::fs::write(&path, body).unwrap();
    let b = omstil::build(&c.root);
    let _ = omstil::diag::render(&b.diagnostics, &b.sources, false);
    std::fs::write(&path, original).unwrap();
});
