//! Finding a Chromium-family browser (Chrome, Edge, Chromium, Brave) that
//! is already on the machine: `--browser PATH`, then `OMSTIL_BROWSER`,
//! then the usual program names on `PATH`, then the usual install places
//! on Windows, macOS and Linux. Nothing is ever downloaded.
//!
//! The search reads its inputs from a [`Search`] value, so tests can run it
//! with an empty `PATH` and no install places.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Program names tried on `PATH`, in order.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
    "brave-browser",
];

/// The environment variable that names the browser.
pub const ENV: &str = "OMSTIL_BROWSER";

/// What the search looks at.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// `--browser PATH`.
    pub explicit: Option<PathBuf>,
    /// The value of `OMSTIL_BROWSER`.
    pub env: Option<OsString>,
    /// The value of `PATH`.
    pub path: Option<OsString>,
    /// Install places, tried in order after `PATH`.
    pub places: Vec<PathBuf>,
}

impl Search {
    /// The search on this machine: its environment and its install places.
    pub fn system(explicit: Option<PathBuf>) -> Search {
        Search {
            explicit,
            env: std::env::var_os(ENV).filter(|v| !v.is_empty()),
            path: std::env::var_os("PATH"),
            places: install_places(),
        }
    }
}

/// Why no browser was found: what was looked for, in the order tried.
#[derive(Debug, Clone, PartialEq)]
pub struct NotFound {
    /// The browser the user chose (`--browser` or `OMSTIL_BROWSER`) that
    /// is not there, with where it was chosen.
    pub chosen: Option<(String, PathBuf)>,
    /// Program names looked for on PATH (empty when a browser was chosen).
    pub names: Vec<&'static str>,
    /// Install places looked at.
    pub places: Vec<PathBuf>,
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if let Some((how, p)) = &self.chosen
            && how == ENV
        {
            return write!(
                f,
                "Browseren {} (valgt med miljøvariablen {ENV}) findes ikke eller kan ikke køres. Ret {ENV} til stien til Google Chrome, Microsoft Edge eller Chromium, eller fjern den, så leder omstil selv.",
                p.display()
            );
        }
        if let Some((how, p)) = &self.chosen {
            return write!(
                f,
                "Browseren {} (valgt med {how}) findes ikke eller kan ikke køres. Angiv stien til Google Chrome, Microsoft Edge eller Chromium med --browser STI, fx --browser \"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" eller --browser /usr/bin/chromium.",
                p.display()
            );
        }
        write!(
            f,
            "Fandt ingen browser at lave PDF'en med. omstil bruger en Google Chrome, Microsoft Edge eller Chromium, der allerede er installeret; den henter ingen selv.\nLedt efter: miljøvariablen {ENV} (ikke sat); programmerne {} i PATH",
            self.names.join(", ")
        )?;
        if !self.places.is_empty() {
            let places: Vec<String> = self
                .places
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            write!(f, "; og stederne {}", places.join(", "))?;
        }
        write!(
            f,
            ".\nVælg en browser med --browser STI (eller {ENV}=STI), fx --browser /usr/bin/chromium, eller installer Chrome, Edge eller Chromium."
        )
    }
}

/// Finds the browser: the chosen one if the user chose one (never another
/// in its place), else the first program on PATH, else the first install
/// place that exists.
pub fn find(s: &Search) -> Result<PathBuf, NotFound> {
    let chosen = match (&s.explicit, &s.env) {
        (Some(p), _) => Some(("--browser".to_string(), p.clone())),
        (None, Some(v)) => Some((ENV.to_string(), PathBuf::from(v))),
        (None, None) => None,
    };
    if let Some((how, p)) = chosen {
        // A bare name (`--browser chromium`) is looked up on PATH.
        let found = if p.components().count() == 1 && !p.is_file() {
            on_path(s.path.as_deref(), &p.to_string_lossy())
        } else {
            runnable(&p).then(|| p.clone())
        };
        return found.ok_or(NotFound {
            chosen: Some((how, p)),
            names: Vec::new(),
            places: Vec::new(),
        });
    }
    for name in NAMES {
        if let Some(p) = on_path(s.path.as_deref(), name) {
            return Ok(p);
        }
    }
    if let Some(p) = s.places.iter().find(|p| runnable(p)) {
        return Ok(p.clone());
    }
    Err(NotFound {
        chosen: None,
        names: NAMES.to_vec(),
        places: s.places.clone(),
    })
}

/// `name` in one of the folders of `path` (with `.exe` on Windows).
fn on_path(path: Option<&std::ffi::OsStr>, name: &str) -> Option<PathBuf> {
    let path = path?;
    std::env::split_paths(path)
        .filter(|d| !d.as_os_str().is_empty())
        .flat_map(|d| {
            let mut v = vec![d.join(name)];
            if cfg!(windows) {
                v.push(d.join(format!("{name}.exe")));
            }
            v
        })
        .find(|p| runnable(p))
}

/// A regular file that can be run (on Unix: has an execute bit).
fn runnable(p: &Path) -> bool {
    let Ok(m) = std::fs::metadata(p) else {
        return false;
    };
    if !m.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// The usual install places of Chrome, Edge and Chromium on this system.
pub fn install_places() -> Vec<PathBuf> {
    if cfg!(windows) {
        windows_places(|k| std::env::var_os(k))
    } else if cfg!(target_os = "macos") {
        let mut v: Vec<PathBuf> = MAC_APPS.iter().map(PathBuf::from).collect();
        if let Some(home) = std::env::var_os("HOME") {
            v.extend(MAC_APPS.iter().map(|a| Path::new(&home).join(&a[1..])));
        }
        v
    } else {
        LINUX_PLACES.iter().map(PathBuf::from).collect()
    }
}

const MAC_APPS: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Brave Browser.app/Contents/MacOS/Brave Browser",
];

const LINUX_PLACES: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/microsoft-edge",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/opt/microsoft/msedge/msedge",
    "/opt/brave.com/brave/brave",
];

/// Chrome, Edge and Chromium under Program Files, Program Files (x86) and
/// the user's LOCALAPPDATA (where a per-user Chrome installs itself).
fn windows_places(var: impl Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    const APPS: &[&str] = &[
        r"Google\Chrome\Application\chrome.exe",
        r"Microsoft\Edge\Application\msedge.exe",
        r"Chromium\Application\chrome.exe",
        r"BraveSoftware\Brave-Browser\Application\brave.exe",
    ];
    let roots: Vec<PathBuf> = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
        .iter()
        .filter_map(|k| var(k).map(PathBuf::from))
        .collect();
    APPS.iter()
        .flat_map(|a| roots.iter().map(move |r| r.join(a)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Search {
        Search {
            path: Some(OsString::new()),
            ..Search::default()
        }
    }

    #[test]
    fn nothing_found_names_what_was_looked_for() {
        let mut s = empty();
        s.places = vec![PathBuf::from("/findes/ikke/chrome")];
        let e = find(&s).unwrap_err();
        let msg = e.to_string();
        for n in NAMES {
            assert!(msg.contains(n), "{msg}");
        }
        assert!(msg.contains("/findes/ikke/chrome"), "{msg}");
        assert!(msg.contains("--browser"), "{msg}");
        assert!(msg.contains(ENV), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn a_chosen_browser_that_is_missing_is_not_replaced_by_another() {
        let dir = std::env::temp_dir().join(format!("omstil-browser-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = super::super::print::script(&dir.join("chromium"), "");
        let mut s = empty();
        s.path = Some(dir.clone().into_os_string());
        assert_eq!(find(&s).unwrap(), fake);
        s.explicit = Some(PathBuf::from("/nonexistent"));
        let e = find(&s).unwrap_err();
        assert!(e.to_string().contains("/nonexistent"), "{e}");
        assert!(e.to_string().contains("--browser"), "{e}");
        // The environment variable, when no --browser is given.
        s.explicit = None;
        s.env = Some("/ingen/browser".into());
        assert!(find(&s).unwrap_err().to_string().contains("OMSTIL_BROWSER"));
        // A bare name is looked up on PATH.
        s.env = Some("chromium".into());
        assert_eq!(find(&s).unwrap(), fake);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn windows_places_cover_program_files_and_the_users_own_install() {
        let v = windows_places(|k| match k {
            "ProgramFiles" => Some(r"C:\Program Files".into()),
            "ProgramFiles(x86)" => Some(r"C:\Program Files (x86)".into()),
            "LOCALAPPDATA" => Some(r"C:\Users\a\AppData\Local".into()),
            _ => None,
        });
        let s: Vec<String> = v.iter().map(|p| p.display().to_string()).collect();
        assert!(
            s.iter()
                .any(|p| p.contains("Program Files (x86)") && p.contains("msedge.exe"))
        );
        assert!(
            s.iter()
                .any(|p| p.contains("AppData") && p.contains("chrome.exe"))
        );
        assert_eq!(s.len(), 12);
    }
}
