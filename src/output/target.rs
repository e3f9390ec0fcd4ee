//! Where a build may write: the `--output` path resolved to the real folder
//! it names (symlinks and `..` of folders that exist resolved on disk, the
//! missing rest lexically), and the refusals, always run on that real path.

use super::{MARKER, OutputError};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The report's folders that the loader reads (walks or copies): an output
/// folder inside one of them would be read back into the next build.
/// `output/` and `schemas/` (the other known folders) are not read.
const INPUT_DIRS: [&str; 4] = ["sider", "billeder", "noegletal", "themes"];

/// `p` as an absolute path without `.` and `..`. The part that exists is
/// resolved on disk (symlinks, and `..` after them); the missing rest is
/// taken lexically, which is what it will be once the missing folders are
/// made as plain folders: `nyt/../mine` is `mine`.
pub(crate) fn resolve(p: &Path) -> io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut real = PathBuf::new();
    // How many of the last components of `real` do not exist yet.
    let mut missing = 0usize;
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => real.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                // `real` is canonical up to the missing part, so its parent
                // is the real parent (the root's parent is the root).
                real.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(n) => {
                let next = real.join(n);
                if missing > 0 {
                    real = next;
                    missing += 1;
                    continue;
                }
                match fs::symlink_metadata(&next) {
                    Ok(_) => real = next.canonicalize()?,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        real = next;
                        missing = 1;
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(real)
}

/// [`resolve`] for the output folder, with a message when it fails.
pub(crate) fn resolve_output(out: &Path) -> Result<PathBuf, OutputError> {
    resolve(out).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            refused(format!(
                "Uddatamappen {} går gennem et symbolsk link til noget, der ikke findes.",
                out.display()
            ))
        } else {
            super::io("Kan ikke finde", out, e)
        }
    })
}

/// How the output folder is named in messages: as the user wrote it, and
/// the real folder too when that reads differently.
pub(crate) fn shown(out: &Path, real: &Path) -> String {
    let plain = out.is_absolute() && !out.components().any(|c| c == Component::ParentDir);
    if plain || out == real {
        out.display().to_string()
    } else {
        format!("{} (dvs. {})", out.display(), real.display())
    }
}

fn refused(s: String) -> OutputError {
    OutputError::Refused(s)
}

/// Refuses output folders that are dangerous by where they are: the root,
/// the home folder, the report or a folder holding it, and a folder inside
/// what the report's loader reads. `real` comes from [`resolve`].
pub(crate) fn refuse_place(out: &Path, real: &Path, report_root: &Path) -> Result<(), OutputError> {
    let name = shown(out, real);
    if real.parent().is_none() {
        return Err(refused(format!(
            "Uddatamappen {name} er roden af filsystemet; vælg en undermappe."
        )));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(home) = resolve(Path::new(&home))
        && home.starts_with(real)
    {
        return Err(refused(if home == real {
            format!(
                "Uddatamappen {name} er din hjemmemappe; vælg en undermappe, fx {}/output.",
                out.display()
            )
        } else {
            format!("Uddatamappen {name} indeholder din hjemmemappe; vælg en anden mappe.")
        }));
    }
    let root = resolve(report_root).map_err(|e| super::io("Kan ikke finde", report_root, e))?;
    if root.starts_with(real) {
        return Err(refused(format!(
            "Uddatamappen {name} indeholder rapporten selv; vælg en anden mappe, fx output/."
        )));
    }
    let rel = real.strip_prefix(&root).ok();
    let first = rel.and_then(|r| r.components().next());
    let first = first.and_then(|c| c.as_os_str().to_str()).unwrap_or("");
    if rel.is_some_and(|r| r.components().count() == 1)
        && (first == "forside.md" || crate::content::PART_FILES.contains(&first))
    {
        return Err(refused(format!(
            "Uddatamappen {name} har samme navn som rapportens fil `{first}`; vælg en anden mappe, fx output/."
        )));
    }
    if let Some(dir) = INPUT_DIRS.iter().find(|d| **d == first) {
        return Err(refused(format!(
            "Uddatamappen {name} ligger i rapportens mappe `{dir}/`, som omstil læser, så websitet ville komme med i sig selv ved hvert build. Vælg en mappe uden for `{dir}/`, fx output/ i rapportens mappe."
        )));
    }
    Ok(())
}

/// Refuses an output folder by what it is: a file, or a non-empty folder
/// that omstil did not make (unless `force`). Run while holding the lock.
pub(crate) fn refuse_contents(out: &Path, real: &Path, force: bool) -> Result<(), OutputError> {
    let name = shown(out, real);
    let Ok(meta) = fs::symlink_metadata(real) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(refused(format!("{name} er en fil, ikke en mappe.")));
    }
    if !force && !real.join(MARKER).exists() {
        let empty = fs::read_dir(real)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refused(format!(
                "Mappen {name} er ikke tom og er ikke lavet af omstil, så den bliver ikke overskrevet. Vælg en anden mappe, eller brug --force, hvis du er sikker (omstil sletter ingen filer, det ikke selv har skrevet)."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folders_followed_by_dotdot_resolve_to_the_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        fs::create_dir(base.join("mine")).unwrap();
        assert_eq!(
            resolve(&base.join("nyt/../mine")).unwrap(),
            base.join("mine")
        );
        assert_eq!(
            resolve(&base.join("nyt/a/../../mine/./ud")).unwrap(),
            base.join("mine/ud")
        );
        assert_eq!(
            resolve(&base.join("nyt/../..")).unwrap(),
            base.parent().unwrap()
        );
        assert_eq!(resolve(Path::new("/x/../..")).unwrap(), Path::new("/"));
        #[cfg(unix)]
        {
            // `..` after a symlink is the parent of where it leads.
            fs::create_dir_all(base.join("a/b")).unwrap();
            std::os::unix::fs::symlink(base.join("a/b"), base.join("l")).unwrap();
            assert_eq!(resolve(&base.join("l/../ud")).unwrap(), base.join("a/ud"));
        }
    }

    #[test]
    fn an_output_inside_what_the_loader_reads_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("r");
        fs::create_dir_all(root.join("billeder")).unwrap();
        for bad in [
            "billeder/ud",
            "sider",
            "noegletal/x/y",
            "themes/egen/ud",
            ".",
        ] {
            let out = root.join(bad);
            let real = resolve(&out).unwrap();
            assert!(refuse_place(&out, &real, &root).is_err(), "{bad}");
        }
        for good in ["output", "ud", "site/ud", "../ud"] {
            let out = root.join(good);
            let real = resolve(&out).unwrap();
            assert!(refuse_place(&out, &real, &root).is_ok(), "{good}");
        }
    }
}
