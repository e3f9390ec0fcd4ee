//! Output: writes a built site to disk atomically. The new site is written
//! into a temporary sibling folder and swapped in by renames, so a killed
//! build leaves the old output as it was. omstil only replaces a folder it
//! made itself (it has the marker file), and refuses dangerous targets.

use crate::render::Files;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file that marks a folder as omstil's output.
pub const MARKER: &str = ".omstil-output";

/// Why the output folder was refused or could not be written.
#[derive(Debug)]
pub enum OutputError {
    Refused(String),
    Io(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            OutputError::Refused(s) | OutputError::Io(s) => f.write_str(s),
        }
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> OutputError {
    OutputError::Io(format!("{what} {}: {e}", path.display()))
}

/// Checks that `out` is a safe place to write the site of `report_root`.
pub fn check_target(out: &Path, report_root: &Path, force: bool) -> Result<(), OutputError> {
    let abs = absolute(out);
    if abs.parent().is_none() {
        return Err(OutputError::Refused(format!(
            "Uddatamappen {} er roden af filsystemet; vælg en undermappe.",
            out.display()
        )));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == abs
    {
        return Err(OutputError::Refused(format!(
            "Uddatamappen {} er din hjemmemappe; vælg en undermappe, fx {}/output.",
            out.display(),
            out.display()
        )));
    }
    let root = absolute(report_root);
    if root == abs || root.starts_with(&abs) {
        return Err(OutputError::Refused(format!(
            "Uddatamappen {} indeholder rapporten selv; vælg en anden mappe, fx output/.",
            out.display()
        )));
    }
    if abs.is_file() {
        return Err(OutputError::Refused(format!(
            "{} er en fil, ikke en mappe.",
            out.display()
        )));
    }
    if abs.is_dir() && !abs.join(MARKER).exists() && !force {
        let empty = fs::read_dir(&abs)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(OutputError::Refused(format!(
                "Mappen {} er ikke tom og er ikke lavet af omstil, så den bliver ikke overskrevet. Vælg en anden mappe, eller brug --force, hvis du er sikker.",
                out.display()
            )));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    // Resolve what exists (symlinks, ..), keep the rest.
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(n), Some(parent)) => {
                rest.push(n.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for n in rest.into_iter().rev() {
        out.push(n);
    }
    out
}

/// Writes `files` to `out`: into a temporary sibling, then swapped in.
pub fn write(files: &Files, out: &Path) -> Result<(), OutputError> {
    let out = absolute(out);
    let parent = out
        .parent()
        .ok_or_else(|| OutputError::Refused("Uddatamappen har ingen overmappe.".into()))?;
    fs::create_dir_all(parent).map_err(|e| io("Kan ikke oprette", parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.omstil-ny-{pid}"));
    let old = parent.join(format!(".{name}.omstil-gammel-{pid}"));
    clean_leftovers(parent, &name);
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| io("Kan ikke rydde op i", &tmp, e))?;
    }
    fs::create_dir(&tmp).map_err(|e| io("Kan ikke oprette", &tmp, e))?;
    let result = (|| {
        for (path, bytes) in files {
            let target = tmp.join(path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(|e| io("Kan ikke oprette", dir, e))?;
            }
            let mut f = fs::File::create(&target).map_err(|e| io("Kan ikke skrive", &target, e))?;
            f.write_all(bytes)
                .map_err(|e| io("Kan ikke skrive", &target, e))?;
        }
        fs::write(
            tmp.join(MARKER),
            "Denne mappe er lavet af omstil og bliver erstattet ved næste build.\n",
        )
        .map_err(|e| io("Kan ikke skrive", &tmp, e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        fs::rename(&out, &old).map_err(|e| io("Kan ikke flytte", &out, e))?;
        if let Err(e) = fs::rename(&tmp, &out) {
            let _ = fs::rename(&old, &out);
            return Err(io("Kan ikke flytte den nye udgave på plads i", &out, e));
        }
        if old.join(MARKER).exists() {
            let _ = fs::remove_dir_all(&old);
        } else {
            // An empty folder or one the user allowed with --force: keep
            // it beside, never delete what omstil did not make.
            let keep = parent.join(format!("{name}.gammel-{pid}"));
            let _ = fs::rename(&old, &keep);
        }
    } else {
        fs::rename(&tmp, &out)
            .map_err(|e| io("Kan ikke flytte den nye udgave på plads i", &out, e))?;
    }
    Ok(())
}

/// Removes temporary folders left by a killed build (they have our marker
/// or are our "new" folders).
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let ours = n.starts_with(&format!(".{name}.omstil-ny-"))
            || (n.starts_with(&format!(".{name}.omstil-gammel-"))
                && e.path().join(MARKER).exists());
        if ours {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(s: &str) -> Files {
        let mut f = Files::new();
        f.insert("index.html".into(), s.as_bytes().to_vec());
        f.insert("a/b.html".into(), b"x".to_vec());
        f
    }

    #[test]
    fn writes_and_replaces_its_own_output() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let out = dir.join("output");
        write(&files("1"), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "1");
        assert!(check_target(&out, &dir.join("rapport"), false).is_ok());
        write(&files("2"), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "2");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_output_and_is_cleaned_up() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test3-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let out = dir.join("output");
        write(&files("gammel"), &out).unwrap();
        // A build killed while writing leaves its temporary folder behind.
        let leftover = dir.join(".output.omstil-ny-99999");
        fs::create_dir_all(&leftover).unwrap();
        fs::write(leftover.join("index.html"), "halv").unwrap();
        // A write that fails half-way ("a" is a file, so "a/b.html" cannot be
        // written) must leave the old site as it was.
        let mut broken = files("ny");
        broken.insert("a".into(), b"x".to_vec());
        assert!(write(&broken, &out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "gammel"
        );
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(
            names,
            vec!["output".to_string()],
            "temporary folders left: {names:?}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_foreign_and_dangerous_folders() {
        let dir = std::env::temp_dir().join(format!("omstil-out-test2-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("mine")).unwrap();
        fs::write(dir.join("mine/vigtig.docx"), "x").unwrap();
        assert!(matches!(
            check_target(&dir.join("mine"), &dir.join("r"), false),
            Err(OutputError::Refused(_))
        ));
        assert!(check_target(&dir.join("mine"), &dir.join("r"), true).is_ok());
        assert!(check_target(Path::new("/"), &dir, false).is_err());
        assert!(check_target(&dir, &dir.join("r"), false).is_err());
        assert!(check_target(&dir.join("r"), &dir.join("r"), false).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
