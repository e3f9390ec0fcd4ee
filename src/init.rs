//! `omstil init DIR`: writes a small starter report with every part,
//! commented in Danish, that builds as it is. Never overwrites a file.

use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/init_files.rs"));

/// Placeholders in the starter report's omstil.yaml that `check` warns
/// about until they are replaced: (what it stands for, the value).
pub const PLACEHOLDERS: [(&str, &str); 2] = [
    ("kommune", "Min Kommune"),
    (
        "tilgaengelighedserklaering",
        "https://www.was.digst.dk/min-kommune-dk",
    ),
];

/// The id of the VS Code extension in `editors/vscode` (publisher.name).
pub const VSCODE_EXTENSION: &str = "omstil.omstil";

/// Where `init` and `omstil schema` put the JSON Schemas in a report.
pub const SCHEMA_DIR: &str = "schemas";

/// Writes the starter report into `dir`. Refuses if any file it would write
/// already exists, so nothing is lost.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    // The starter report, the JSON Schemas and the editor settings that map
    // them to the files, so completion works on opening the folder.
    let mut files: Vec<(String, Vec<u8>)> = INIT_FILES
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    for s in crate::schema::all() {
        files.push((
            format!("{SCHEMA_DIR}/{}", s.name),
            crate::schema::to_json(&s.schema).into_bytes(),
        ));
    }
    files.push((
        ".vscode/settings.json".into(),
        crate::schema::vscode_settings(SCHEMA_DIR).into_bytes(),
    ));
    // == lsp (issue 17): VS Code offers the omstil extension (`omstil lsp`)
    // and the YAML extension that reads the schemas above.
    files.push((
        ".vscode/extensions.json".into(),
        format!(
            "{{\n  \"recommendations\": [\"{VSCODE_EXTENSION}\", \"redhat.vscode-yaml\"]\n}}\n"
        )
        .into_bytes(),
    ));
    let clashes: Vec<&str> = files
        .iter()
        .map(|(p, _)| p.as_str())
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
    for (path, bytes) in &files {
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
        written.push(path.clone());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    /// The placeholders `check` warns about are the ones `init` writes.
    #[test]
    fn placeholders_are_in_the_starter_report() {
        let (_, yaml) = super::INIT_FILES
            .iter()
            .find(|(p, _)| *p == "omstil.yaml")
            .expect("omstil.yaml");
        let yaml = std::str::from_utf8(yaml).unwrap();
        for (key, value) in super::PLACEHOLDERS {
            assert!(yaml.contains(&format!("\n{key}: {value}\n")), "{key}");
        }
    }
}
