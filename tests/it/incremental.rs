//! The incremental preview (`omstil::incremental`, what `serve` runs) gives
//! byte for byte the site and the diagnostics of a full build. A seeded
//! random sequence of edits to a copy of the bundled example (page text,
//! the front page, titles, ids, links added, removed and broken, a YAML
//! part's field, a CSV value, pages added and deleted, errors and their
//! fixes) is applied; after
//! every step the engine rebuilds with the changed paths (as the watcher
//! names them) and its site, once the background work is done, is compared
//! with `omstil::build_memory` of the same folder: every path and every
//! byte, and every diagnostic.

use crate::common::*;
use omstil::incremental::{Engine, Outcome};
use std::collections::BTreeMap;
use std::path::Path;

use crate::property::Rng;

/// A random item of `v`.
trait Choose {
    fn choose<'a, T>(&mut self, v: &'a [T]) -> &'a T;
}

impl Choose for Rng {
    fn choose<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// The state of the edited report the test keeps track of.
struct Report {
    root: std::path::PathBuf,
    /// Page ids that exist now.
    pages: Vec<String>,
    /// Pages the test added (the ones it may delete or rename).
    added: Vec<String>,
    /// Link lines the test added: (page file, line).
    links: Vec<(String, String)>,
    /// A file changed to hold an error, and its text before.
    broken: Option<(String, Option<String>)>,
    n: usize,
}

impl Report {
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).unwrap();
    }

    fn page_file(id: &str) -> String {
        format!("sider/{id}.md")
    }

    /// One random edit; returns the changed paths.
    fn edit(&mut self, rng: &mut Rng) -> Vec<String> {
        self.n += 1;
        let n = self.n;
        if let Some((file, before)) = self.broken.take() {
            // The fix of the error made in the step before.
            match before {
                Some(text) => self.write(&file, &text),
                None => std::fs::remove_file(self.root.join(&file)).unwrap(),
            }
            return vec![file];
        }
        let words = [
            "barnet",
            "familien",
            "skolen",
            "indsatsen",
            "tidlig",
            "opsporing",
            "netværket",
        ];
        match rng.below(14) {
            // Page text (now and then with a byte order mark put first,
            // which reading takes off).
            0 | 1 => {
                let f = Self::page_file(&rng.choose(&self.pages).clone());
                let bom = if rng.below(5) == 0 && !self.read(&f).starts_with('\u{feff}') {
                    "\u{feff}"
                } else {
                    ""
                };
                let text = format!(
                    "{bom}{}\nNyt afsnit {n}: {} {} {}.\n",
                    self.read(&f),
                    rng.choose(&words),
                    rng.choose(&words),
                    rng.choose(&words)
                );
                self.write(&f, &text);
                vec![f]
            }
            // A page's title.
            2 => {
                let f = Self::page_file(&rng.choose(&self.pages).clone());
                let text = self
                    .read(&f)
                    .replacen("titel: ", &format!("titel: Ny {n} "), 1);
                self.write(&f, &text);
                vec![f]
            }
            // A link added (to a page by its title, an entity, a heading).
            3 | 4 => {
                let f = Self::page_file(&rng.choose(&self.pages).clone());
                let target = match rng.below(4) {
                    0 | 1 => format!("@side/{}", rng.choose(&self.pages)),
                    2 => "@hypotese/psykisk-mistrivsel-blandt-unge".to_string(),
                    _ => "@side/metode#noegletallene".to_string(),
                };
                let line = format!("Se [](<{target}>) (link {n}).");
                let text = format!("{}\n{line}\n", self.read(&f));
                self.write(&f, &text);
                self.links.push((f.clone(), line));
                vec![f]
            }
            // A link removed.
            5 if !self.links.is_empty() => {
                let (f, line) = self.links.remove(rng.below(self.links.len()));
                let text = self.read(&f).replacen(&format!("\n{line}\n"), "\n", 1);
                self.write(&f, &text);
                vec![f]
            }
            // A YAML part's field (a title: of a hypothesis, or in another
            // part, each shown by its own set of parts).
            6 => {
                let f = *rng.choose(&[
                    "modenhedsanalyse.yaml",
                    "modenhedsanalyse.yaml",
                    "forandringsteori.yaml",
                    "tilbudsvifte.yaml",
                    "udviklingsplan.yaml",
                    "projekter.yaml",
                    "sagsanalyse.yaml",
                    "noegletal.yaml",
                ]);
                let text = self.read(f);
                let at: Vec<usize> = text.match_indices("titel: \"").map(|(i, _)| i).collect();
                let i = *rng.choose(&at) + "titel: \"".len();
                let text = format!("{}Ændret {n}: {}", &text[..i], &text[i..]);
                self.write(f, &text);
                vec![f.to_string()]
            }
            // A CSV value.
            7 => {
                let f = "noegletal/anbragte-pr-1000.csv";
                let text = self.read(f);
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let l = 1 + rng.below(lines.len() - 1);
                let mut cells: Vec<String> = lines[l].split(';').map(str::to_string).collect();
                let c = 1 + rng.below(cells.len() - 1);
                cells[c] = format!("{},{}", 5 + rng.below(20), rng.below(10));
                lines[l] = cells.join(";");
                self.write(f, &(lines.join("\n") + "\n"));
                vec![f.to_string()]
            }
            // A page added (linking to others).
            8 | 9 => {
                let id = format!("ny-side-{n}");
                let f = Self::page_file(&id);
                let text = format!(
                    "---\ntitel: Ny side {n}\nbeskrivelse: Tilføjet i trin {n}\nraekkefoelge: {}\n---\n# Om {}\n\nSe [](@side/{}) og [](@hypotese/psykisk-mistrivsel-blandt-unge).\n",
                    rng.below(40),
                    rng.choose(&words),
                    rng.choose(&self.pages),
                );
                self.write(&f, &text);
                self.pages.push(id.clone());
                self.added.push(id);
                vec![f]
            }
            // An added page deleted, or its id changed (renamed), with the
            // links to it removed or changed in the same save.
            10 if !self.added.is_empty() => {
                let id = self.added.remove(rng.below(self.added.len()));
                self.pages.retain(|p| *p != id);
                let f = Self::page_file(&id);
                let mut changed = vec![f.clone()];
                let renamed = rng.below(2) == 0;
                let new_id = format!("omdoebt-{n}");
                if renamed {
                    std::fs::rename(self.root.join(&f), self.root.join(Self::page_file(&new_id)))
                        .unwrap();
                    changed.push(Self::page_file(&new_id));
                    self.pages.push(new_id.clone());
                    self.added.push(new_id.clone());
                } else {
                    std::fs::remove_file(self.root.join(&f)).unwrap();
                }
                // Links written in the page itself moved or went with it.
                let moved_to = Self::page_file(&new_id);
                self.links = std::mem::take(&mut self.links)
                    .into_iter()
                    .filter_map(|(lf, line)| match (lf == f, renamed) {
                        (false, _) => Some((lf, line)),
                        (true, true) => Some((moved_to.clone(), line)),
                        (true, false) => None,
                    })
                    .collect();
                let target = format!("@side/{id}>");
                for (lf, line) in std::mem::take(&mut self.links) {
                    if !line.contains(&target) {
                        self.links.push((lf, line));
                        continue;
                    }
                    if !self.root.join(&lf).exists() {
                        continue;
                    }
                    let new_line = line.replace(&target, &format!("@side/{new_id}>"));
                    let replacement = if renamed {
                        format!("\n{new_line}\n")
                    } else {
                        "\n".to_string()
                    };
                    let text = self
                        .read(&lf)
                        .replacen(&format!("\n{line}\n"), &replacement, 1);
                    self.write(&lf, &text);
                    if renamed {
                        self.links.push((lf.clone(), new_line));
                    }
                    changed.push(lf);
                }
                // Pages that linked it from their own text (added pages).
                for p in self.added.clone() {
                    let pf = Self::page_file(&p);
                    let text = self.read(&pf);
                    let old = format!("(@side/{id})");
                    if text.contains(&old) {
                        let new = if renamed {
                            format!("(@side/{new_id})")
                        } else {
                            "(@side/metode)".into()
                        };
                        self.write(&pf, &text.replace(&old, &new));
                        changed.push(pf);
                    }
                }
                // The original pages' text may link it too (a link line
                // written when it existed was handled above).
                changed.sort();
                changed.dedup();
                changed
            }
            // The front page's text, with a link to a page by its title.
            11 => {
                let f = "forside.md";
                let text = format!(
                    "{}\nForsiden, trin {n}: se [](@side/{}).\n",
                    self.read(f),
                    // Pages the test never deletes.
                    rng.choose(&["baggrund", "metode", "ordliste", "status-2025"])
                );
                self.write(f, &text);
                vec![f.to_string()]
            }
            // An error, or a file the listing of `sider/` skips or warns
            // about (kept between saves), undone in the next step.
            _ => {
                let (f, text) = match rng.below(12) {
                    0 => {
                        let f = Self::page_file(&rng.choose(&self.pages).clone());
                        let t = format!("{}\nSe [](@side/findes-ikke-{n}).\n", self.read(&f));
                        (f, Some(t))
                    }
                    1 => {
                        let f = "udviklingsplan.yaml".to_string();
                        let t = format!("{}\n  - ]: [ødelagt\n", self.read(&f));
                        (f, Some(t))
                    }
                    2 => {
                        let f = Self::page_file(&rng.choose(&self.pages).clone());
                        let t = self.read(&f).replacen("titel:", "titl:", 1);
                        (f, Some(t))
                    }
                    3 => ("sider/Ugyldigt Navn.md".to_string(), None),
                    4 => ("sider/.baggrund.md.swp".to_string(), None),
                    5 => ("sider/metode.md~".to_string(), None),
                    8 => ("sider/.skjult.md".to_string(), None),
                    9 => {
                        // An image changed (its bytes are cached).
                        let f = "billeder/logo.svg".to_string();
                        let t = self.read(&f).replacen("<svg", &format!("<!-- trin {n} -->\n<svg"), 1);
                        (f, Some(t))
                    }
                    10 => (
                        // An image that may not be published (an error).
                        format!("billeder/ny-{n}.svg"),
                        Some("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n".to_string()),
                    ),
                    7 => {
                        // A hypothesis added (a page of its own), gone
                        // again in the next step: a part's files shrink.
                        let f = "modenhedsanalyse.yaml".to_string();
                        let t = self.read(&f).replacen(
                            "hypoteser:\n",
                            &format!("hypoteser:\n  - id: midlertidig-{n}\n    titel: \"Midlertidig {n}\"\n    temaer: [styring]\n"),
                            1,
                        );
                        (f, Some(t))
                    }
                    6 => {
                        // A page that cannot be read (not UTF-8): it is
                        // left out, and links to it are not reported.
                        let f = Self::page_file(&rng.choose(&self.pages).clone());
                        let before = Some(self.read(&f));
                        std::fs::write(self.root.join(&f), b"---\ntitel: X\n---\n\xff\n").unwrap();
                        self.broken = Some((f.clone(), before));
                        return vec![f];
                    }
                    _ => {
                        std::fs::create_dir_all(self.root.join("sider/under")).unwrap();
                        ("sider/under/gammel.md".to_string(), None)
                    }
                };
                let before = self.root.join(&f).exists().then(|| self.read(&f));
                match text {
                    Some(t) => self.write(&f, &t),
                    None => self.write(&f, "---\ntitel: X\n---\nTekst.\n"),
                }
                self.broken = Some((f.clone(), before));
                vec![f]
            }
        }
    }
}

/// The engine's site and diagnostics after waiting for its background
/// work, against a full build of the same folder.
pub(crate) fn assert_same(engine: &mut Engine, out: &Outcome, root: &Path, step: &str) {
    let (files, diags) = engine.wait(out.site.as_deref());
    let full = omstil::build_memory(root, false);
    assert_eq!(diags, full.diagnostics, "{step}: diagnostics differ");
    // As the terminal and the browser show them: with the lines quoted
    // from the files' texts as this rebuild read them.
    assert_eq!(
        omstil::diag::render(&diags, engine.sources(), false),
        omstil::diag::render(&full.diagnostics, &full.sources, false),
        "{step}: the diagnostics' quoted lines differ"
    );
    match (files, full.files) {
        (None, None) => {}
        (Some(inc), Some(full)) => {
            let inc: BTreeMap<&str, &[u8]> =
                inc.iter().map(|(p, b)| (&**p, b.as_slice())).collect();
            let only_inc: Vec<_> = inc.keys().filter(|p| !full.contains_key(**p)).collect();
            let only_full: Vec<_> = full
                .keys()
                .filter(|p| !inc.contains_key(p.as_str()))
                .collect();
            assert!(
                only_inc.is_empty() && only_full.is_empty(),
                "{step}: paths differ: only incremental {only_inc:?}, only full {only_full:?}"
            );
            for (p, b) in &full {
                if inc[p.as_str()] != b.as_slice() {
                    let (a, b) = (
                        String::from_utf8_lossy(inc[p.as_str()]),
                        String::from_utf8_lossy(b),
                    );
                    let at = a
                        .bytes()
                        .zip(b.bytes())
                        .position(|(x, y)| x != y)
                        .unwrap_or(a.len().min(b.len()));
                    let from = at.saturating_sub(200);
                    panic!(
                        "{step}: {p} differs at byte {at}:\nincremental: …{}…\nfull build:  …{}…",
                        a.get(from..(at + 200).min(a.len())).unwrap_or("?"),
                        b.get(from..(at + 200).min(b.len())).unwrap_or("?")
                    );
                }
            }
        }
        (inc, full) => panic!(
            "{step}: incremental has a site: {}, full build: {}",
            inc.is_some(),
            full.is_some()
        ),
    }
}

fn random_edits(seed: u64, steps: usize) {
    let r = TestReport::example();
    let root = r.root();
    let mut report = Report {
        root: root.clone(),
        pages: ["baggrund", "metode", "ordliste", "status-2025"]
            .map(String::from)
            .to_vec(),
        added: Vec::new(),
        links: Vec::new(),
        broken: None,
        n: 0,
    };
    // Over twelve pages, so that the sidebar does not list them (a title
    // then changes only the pages that show it); deleting some crosses
    // back.
    for i in 0..10 {
        let id = format!("start-{i}");
        let text = format!(
            "---\ntitel: Start {i}\nraekkefoelge: {}\n---\n# Afsnit\n\nSe [](@side/start-{}) og [](@side/metode).\n",
            50 + i,
            (i + 1) % 10
        );
        r.write(&Report::page_file(&id), &text);
        report.pages.push(id.clone());
        report.added.push(id);
    }
    let mut rng = Rng(seed);
    let mut engine = Engine::new(&root, false);
    let out = engine.rebuild(None);
    assert_same(&mut engine, &out, &root, "first build");
    let (mut rerendered, mut units, mut patched) = (0, 0, 0);
    for step in 1..=steps {
        let changed = report.edit(&mut rng);
        let out = engine.rebuild(Some(&changed));
        rerendered += out.rendered;
        units += out.units;
        patched += usize::from(out.patched);
        assert_same(
            &mut engine,
            &out,
            &root,
            &format!("seed {seed}, step {step} ({changed:?})"),
        );
    }
    // Not everything was rendered again at every step.
    assert!(
        rerendered * 2 < units,
        "{rerendered} of {units} units rendered again in {steps} steps"
    );
    // Page saves were put into the last model (`content::patch`).
    assert!(patched > 0, "no save was patched in");
}

#[test]
fn incremental_site_equals_full_build_after_random_edits() {
    random_edits(0x5eed_0001, 40);
}

/// An engine on a copy of the example, after its first build (the copy
/// lives as long as the `TestReport`).
fn example_engine() -> (TestReport, std::path::PathBuf, Engine, Outcome) {
    let r = TestReport::example();
    let root = r.root();
    let mut engine = Engine::new(&root, false);
    let first = engine.rebuild(None);
    (r, root, engine, first)
}

/// A page edit renders the page again and not the others; a title edit
/// also renders the pages that link it by its title.
#[test]
fn a_page_edit_renders_only_what_depends_on_it() {
    let (_r, root, mut engine, first) = example_engine();
    assert_eq!(first.rendered, first.units);
    let f = root.join("sider/ordliste.md");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, format!("{text}\nEt nyt afsnit.\n")).unwrap();
    let out = engine.rebuild(Some(&["sider/ordliste.md".to_string()]));
    assert_eq!(out.rendered, 1, "only the page itself");
    assert!(out.patched, "a page's text is put into the last model");
    assert_same(&mut engine, &out, &root, "page text");
    // Its front matter changed: loaded in full.
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replacen("titel: ", "titel: Ny ", 1)).unwrap();
    let out = engine.rebuild(Some(&["sider/ordliste.md".to_string()]));
    assert!(!out.patched, "a new title is loaded in full");
    assert_same(&mut engine, &out, &root, "page title");
    // Nothing changed: nothing rendered.
    let out = engine.rebuild(Some(&[]));
    assert_eq!(out.rendered, 0);
}

/// An image's bytes are kept between saves until the watcher names it.
#[test]
fn a_changed_image_is_read_again() {
    let (_r, root, mut engine, first) = example_engine();
    assert_same(&mut engine, &first, &root, "first build");
    let f = root.join("billeder/logo.svg");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replacen("#1f4e5f", "#2f5e6f", 1)).unwrap();
    let out = engine.rebuild(Some(&["billeder/logo.svg".to_string()]));
    assert_same(&mut engine, &out, &root, "image changed");
    // Made unsafe: an error, and nothing published.
    std::fs::write(
        &f,
        text.replacen("<title", "<script>alert(1)</script><title", 1),
    )
    .unwrap();
    let out = engine.rebuild(Some(&["billeder/logo.svg".to_string()]));
    assert!(
        out.site.is_none() && out.errors() == 1,
        "{:?}",
        out.diagnostics
    );
    assert_same(&mut engine, &out, &root, "unsafe image");
}
