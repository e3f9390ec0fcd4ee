//! `omstil init DIR`: writes a small starter report with every part,
//! commented in Danish, that builds as it is. Never overwrites a file.

use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/init_files.rs"));

/// Writes the starter report into `dir`. Refuses if any file it would write
/// already exists, so nothing is lost.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    let clashes: Vec<&str> = INIT_FILES
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| dir.join(p).exists())
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "Mappen {} indeholder allerede {} – intet er ændret. Vælg en ny eller tom mappe.",
            dir.display(),
            clashes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut written = Vec::new();
    for (path, bytes) in INIT_FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("Kan ikke oprette {}: {e}", parent.display()))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(|e| format!("Kan ikke skrive {}: {e}", target.display()))?;
        std::io::Write::write_all(&mut f, bytes)
            .map_err(|e| format!("Kan ikke skrive {}: {e}", target.display()))?;
        written.push(path.to_string());
    }
    Ok(written)
}
