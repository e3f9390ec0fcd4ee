//! Where every id stands: its definition and each place that refers to it,
//! from one load of the report (the same load `check` makes). Definitions
//! come from the model's headers, YAML references from the resolver's own
//! record ([`crate::content::RefSite`]), and `@kind/id` links from a scan
//! of every file read (Markdown pages and Markdown written in YAML values).

use crate::content::RefSite;
use crate::content::model::{Kind, Report};
use crate::diag::{Pos, Sources};
use std::collections::BTreeMap;

/// One place an id is written, its first character at `line`:`col`
/// (1-based, columns in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Site {
    pub kind: Kind,
    pub id: String,
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub role: Role,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The `id:` of the entity.
    Definition,
    /// A page, defined by its file name (not by text in the file).
    File,
    /// An id in a YAML reference list or field.
    Reference,
    /// The id of an `@kind/id` link.
    Link,
}

impl Site {
    /// Whether the character column `col` on `line` is on this site's id.
    fn covers(&self, line: u32, col: u32) -> bool {
        self.role != Role::File
            && self.line == line
            && col >= self.col
            && col <= self.col + self.id.len() as u32
    }
}

/// Ids, titles and places of one loaded report.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub titles: BTreeMap<(Kind, String), String>,
    pub sites: Vec<Site>,
}

impl Index {
    pub(crate) fn new(report: Option<&Report>, refs: &[RefSite], sources: &Sources) -> Index {
        let mut ix = Index::default();
        if let Some(r) = report {
            for (kind, h) in r.entities() {
                ix.titles.insert((kind, h.id.clone()), h.title.clone());
                if kind == Kind::Side {
                    let page = r.pages.iter().find(|p| p.h.id == h.id);
                    ix.sites.push(Site {
                        kind,
                        id: h.id.clone(),
                        file: page.map_or_else(|| format!("sider/{}.md", h.id), |p| p.file.clone()),
                        line: 1,
                        col: 1,
                        role: Role::File,
                    });
                    continue;
                }
                let file = kind.home_file();
                if let Some(pos) = exact(sources, file, h.pos, &h.id) {
                    ix.push(kind, &h.id, file, pos, Role::Definition);
                }
            }
        }
        for r in refs {
            if let Some(pos) = exact(sources, &r.file, r.pos, &r.id) {
                ix.push(r.kind, &r.id, &r.file, pos, Role::Reference);
            }
        }
        for (file, text) in sources.iter() {
            for (line, col, kind, id) in links(text) {
                ix.push(kind, id, file, Pos::new(line, col), Role::Link);
            }
        }
        ix
    }

    fn push(&mut self, kind: Kind, id: &str, file: &str, pos: Pos, role: Role) {
        self.sites.push(Site {
            kind,
            id: id.to_string(),
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            role,
        });
    }

    /// The site under the cursor (1-based line, character column).
    pub(crate) fn at(&self, file: &str, line: u32, col: u32) -> Option<&Site> {
        self.sites
            .iter()
            .find(|s| s.file == file && s.covers(line, col))
    }

    /// Every site of the id `kind`/`id`: its definition first.
    pub(crate) fn sites_of(&self, kind: Kind, id: &str) -> Vec<&Site> {
        let mut out: Vec<&Site> = self
            .sites
            .iter()
            .filter(|s| s.kind == kind && s.id == id)
            .collect();
        out.sort_by_key(|s| !matches!(s.role, Role::Definition | Role::File));
        out
    }

    pub(crate) fn title(&self, kind: Kind, id: &str) -> Option<&str> {
        self.titles.get(&(kind, id.to_string())).map(String::as_str)
    }

    /// The ids of one kind with their titles, sorted by id.
    pub(crate) fn ids_of(&self, kind: Kind) -> impl Iterator<Item = (&str, &str)> {
        self.titles
            .range((kind, String::new())..)
            .take_while(move |((k, _), _)| *k == kind)
            .map(|((_, id), t)| (id.as_str(), t.as_str()))
    }
}

/// The position of the id itself at `pos` in `file` (one column on if the
/// scalar is quoted); `None` if the id is not written there.
fn exact(sources: &Sources, file: &str, pos: Pos, id: &str) -> Option<Pos> {
    if pos.line == 0 {
        return None;
    }
    let text = sources.get(file)?;
    let at = sources.offset(file, pos)?;
    let rest = &text[at..];
    if rest.starts_with(id) {
        return Some(pos);
    }
    let quoted = rest.strip_prefix(['"', '\''])?;
    quoted
        .starts_with(id)
        .then_some(Pos::new(pos.line, pos.col + 1))
}

/// Every `@kind/id` link in `text`: line and column of the id (1-based,
/// characters), its kind and id.
pub(crate) fn links(text: &str) -> Vec<(u32, u32, Kind, &str)> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut from = 0;
        while let Some(j) = line[from..].find('@') {
            let at = from + j;
            from = at + 1;
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric()) {
                continue; // an e-mail address
            }
            let rest = &line[at + 1..];
            let Some((word, tail)) = rest.split_once('/') else {
                continue;
            };
            let Some(kind) = Kind::from_link_word(word) else {
                continue;
            };
            let len = tail
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(tail.len());
            if len == 0 {
                continue;
            }
            let start = at + 1 + word.len() + 1;
            let col = line[..start].chars().count() as u32 + 1;
            out.push((i as u32 + 1, col, kind, &tail[..len]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_their_columns_and_skips_mail_addresses() {
        let t = "Se [x](@hypotese/tidlig) og å [y](@maal/a-1#b)\nskriv@side/x @ukendt/y";
        let l = links(t);
        assert_eq!(
            l,
            vec![
                (1, 18, Kind::Hypotese, "tidlig"),
                (1, 41, Kind::Maal, "a-1"),
            ]
        );
    }

    #[test]
    fn exact_steps_over_a_quote() {
        let mut s = Sources::default();
        s.insert("a.yaml", "x:\n  hypoteser: [\"ab\", cd]\n");
        assert_eq!(
            exact(&s, "a.yaml", Pos::new(2, 15), "ab"),
            Some(Pos::new(2, 16))
        );
        assert_eq!(
            exact(&s, "a.yaml", Pos::new(2, 21), "cd"),
            Some(Pos::new(2, 21))
        );
        assert_eq!(exact(&s, "a.yaml", Pos::new(2, 21), "ab"), None);
    }
}
