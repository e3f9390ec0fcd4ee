//! Provenance (kilde, rekonstrueret): the sources listed under `kilder:` in
//! omstil.yaml are checked, every entity's `kilde` is checked against them
//! (unknown id → "mente du …?") and against the link rules, and the result
//! is put on the model once the parts are resolved ([`Collected::apply`]).

use super::{R, RawReport, is_valid_id, suggest_id};
use crate::content::model::*;
use crate::content::raw;
use crate::diag::did_you_mean;
use crate::fxhash::Fx;
use crate::yaml::de::Sp;
use std::collections::{BTreeMap, HashMap};

/// The provenance of everything in the report, keyed for putting it on the
/// model after the parts are resolved.
#[derive(Default)]
pub(super) struct Collected {
    listed: Vec<ListedSource>,
    /// By kind and id; the first entry per id wins, as in the parts.
    /// By kind, then id: hashed (10,000 pages' ids in a B-tree cost about
    /// forty string compares a lookup) and looked up by `&str`.
    entities: HashMap<Kind, HashMap<String, Provenance, Fx>, Fx>,
    /// The analysis's suggestions, which have no id, in order.
    suggestions: Vec<Provenance>,
    case_review: Provenance,
    front: Provenance,
}

/// `http://` or `https://` and a host: the only links a source may have.
fn web_address(v: &str) -> Option<&str> {
    let v = v.trim();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && !rest.starts_with('/')
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(v)
}

impl R<'_> {
    fn source_link(&mut self, file: &str, l: &Sp<String>) -> Option<String> {
        let link = web_address(&l.value).map(str::to_string);
        if link.is_none() {
            self.cx
                .diags
                .error(
                    file,
                    l.pos,
                    format!(
                        "`{}` er ikke en webadresse; et link til en kilde skal begynde med `https://`.",
                        l.value.trim()
                    ),
                )
                .hint("Kopiér hele adressen fra browserens adresselinje.");
        }
        link
    }

    fn listed_sources(&mut self, list: &[raw::ListedSource]) -> Vec<ListedSource> {
        const F: &str = "omstil.yaml";
        let mut out: Vec<ListedSource> = Vec::new();
        let mut lines: BTreeMap<String, u32> = BTreeMap::new();
        for s in list {
            if !is_valid_id(&s.id.value) {
                self.cx
                    .diags
                    .error(F, s.id.pos, format!("`{}` kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreger.", s.id.value))
                    .hint(format!("Skriv fx `{}` (æ → ae, ø → oe, å → aa).", suggest_id(&s.id.value)));
            }
            if let Some(line) = lines.get(&s.id.value) {
                self.cx
                    .diags
                    .error(
                        F,
                        s.id.pos,
                        format!("Kilden `{}` står allerede i linje {line}.", s.id.value),
                    )
                    .hint("Hver kilde må kun stå én gang under `kilder:`.");
                continue;
            }
            lines.insert(s.id.value.clone(), s.id.pos.line);
            let link = s.link.as_ref().and_then(|l| self.source_link(F, l));
            out.push(ListedSource {
                id: s.id.value.clone(),
                title: s.titel.trim().to_string(),
                link,
                published: s
                    .udgivet
                    .as_ref()
                    .map(|u| u.trim().to_string())
                    .filter(|u| !u.is_empty()),
            });
        }
        out
    }

    /// One entity's `kilde` and `rekonstrueret`, checked.
    fn provenance(
        &mut self,
        file: &str,
        listed: &[ListedSource],
        kilde: &Option<Sp<raw::SourceRef>>,
        reconstructed: bool,
    ) -> Provenance {
        let source = kilde.as_ref().and_then(|k| {
            let page = k
                .value
                .side
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
            if let Some(id) = &k.value.kilde {
                let Some(i) = listed.iter().position(|s| s.id == id.value) else {
                    let d = self.cx.diags.error(
                        file,
                        id.pos,
                        format!("Kilden `{}` står ikke under `kilder:` i omstil.yaml.", id.value),
                    );
                    match did_you_mean(&id.value, listed.iter().map(|s| s.id.as_str())) {
                        Some(s) => d.hint(format!("Mente du `{s}`?")),
                        None => d.hint("Tilføj kilden under `kilder:` i omstil.yaml med `id` og `titel`, eller skriv kilden som tekst."),
                    };
                    return None;
                };
                return Some(SourceRef {
                    listed: Some(i),
                    text: listed[i].title.clone(),
                    link: listed[i].link.clone(),
                    page,
                });
            }
            let text = k.value.tekst.as_deref().unwrap_or_default().trim();
            if text.is_empty() {
                self.cx
                    .diags
                    .error(file, k.pos, "Kilden er tom.")
                    .hint("Skriv kildens navn, fx `kilde: \"Udviklingsstrategi 2023–2025, s. 6\"`, eller slet linjen.");
                return None;
            }
            Some(SourceRef {
                listed: None,
                text: text.to_string(),
                link: k.value.link.as_ref().and_then(|l| self.source_link(file, l)),
                page,
            })
        });
        Provenance {
            source,
            reconstructed,
        }
    }
}

/// Checks the sources of everything in `raw` (before the parts are resolved
/// and their raw types consumed).
pub(super) fn collect(r: &mut R, raw: &RawReport) -> Collected {
    let listed = match &raw.settings {
        Some(s) => r.listed_sources(&s.kilder),
        None => Vec::new(),
    };
    let mut c = Collected::default();
    let add = |r: &mut R, c: &mut Collected, file: &str, kind: Kind, id: &str, k, rec| {
        let p = r.provenance(file, &listed, k, rec);
        // The first entry of an id keeps its provenance.
        c.entities
            .entry(kind)
            .or_default()
            .entry(id.to_string())
            .or_insert(p);
    };
    if let Some(a) = &raw.analysis {
        const F: &str = "modenhedsanalyse.yaml";
        for x in &a.temaer {
            add(
                r,
                &mut c,
                F,
                Kind::Tema,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
        for x in &a.hypoteser {
            add(
                r,
                &mut c,
                F,
                Kind::Hypotese,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
        for x in &a.forslag {
            let p = r.provenance(F, &listed, &x.kilde, x.rekonstrueret);
            c.suggestions.push(p);
        }
    }
    if let Some(t) = &raw.toc {
        const F: &str = "forandringsteori.yaml";
        for x in &t.indsatser {
            add(
                r,
                &mut c,
                F,
                Kind::Indsats,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
        for x in &t.aktiviteter {
            add(
                r,
                &mut c,
                F,
                Kind::Aktivitet,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
        for x in &t.maal {
            add(
                r,
                &mut c,
                F,
                Kind::Maal,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some(p) = &raw.plan {
        const F: &str = "udviklingsplan.yaml";
        for f in &p.fokusomraader {
            add(
                r,
                &mut c,
                F,
                Kind::Fokusomraade,
                &f.id.value,
                &f.kilde,
                f.rekonstrueret,
            );
            for x in &f.handlinger {
                add(
                    r,
                    &mut c,
                    F,
                    Kind::Handling,
                    &x.id.value,
                    &x.kilde,
                    x.rekonstrueret,
                );
            }
        }
    }
    if let Some(s) = &raw.services {
        for x in &s.tilbud {
            add(
                r,
                &mut c,
                "tilbudsvifte.yaml",
                Kind::Tilbud,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some(k) = &raw.key_figures {
        for x in &k.noegletal {
            add(
                r,
                &mut c,
                "noegletal.yaml",
                Kind::Noegletal,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some(x) = &raw.actors {
        for x in &x.aktoerer {
            add(
                r,
                &mut c,
                "aktoerer.yaml",
                Kind::Aktoer,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some(x) = &raw.projects {
        for x in &x.projekter {
            add(
                r,
                &mut c,
                "projekter.yaml",
                Kind::Projekt,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some(cr) = &raw.case_review {
        const F: &str = "sagsanalyse.yaml";
        c.case_review = r.provenance(F, &listed, &cr.kilde, cr.rekonstrueret);
        for x in &cr.kriterier {
            add(
                r,
                &mut c,
                F,
                Kind::Kriterie,
                &x.id.value,
                &x.kilde,
                x.rekonstrueret,
            );
        }
    }
    if let Some((Some(fm), _)) = &raw.front {
        c.front = r.provenance("forside.md", &listed, &fm.kilde, fm.rekonstrueret);
    }
    for p in &raw.pages {
        add(
            r,
            &mut c,
            &p.file,
            Kind::Side,
            &p.id,
            &p.front.kilde,
            p.front.rekonstrueret,
        );
    }
    c.listed = listed;
    c
}

impl Collected {
    /// Puts the provenance on the resolved model.
    pub(super) fn apply(mut self, report: &mut Report) {
        for (kind, h) in report.headers_mut() {
            if let Some(p) = self
                .entities
                .get_mut(&kind)
                .and_then(|of_kind| of_kind.remove(h.id.as_str()))
            {
                h.prov = p;
            }
        }
        if let Some(a) = report.analysis.as_mut() {
            for (s, p) in a.suggestions.iter_mut().zip(self.suggestions) {
                s.prov = p;
            }
        }
        if let Some(k) = report.key_figures.as_mut() {
            for f in &mut k.figures {
                f.source = f.h.prov.source.as_ref().map(|s| s.text.clone());
            }
        }
        if let Some(c) = report.case_review.as_mut() {
            c.prov = self.case_review;
        }
        report.front_prov = self.front;
        report.sources = self.listed;
    }
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_web_addresses() {
        assert_eq!(web_address(" https://e.dk/a "), Some("https://e.dk/a"));
        assert_eq!(web_address("http://e.dk"), Some("http://e.dk"));
        for bad in [
            "javascript:alert(1)",
            "e.dk",
            "https://",
            "https:///x",
            "https://e.dk/a b",
            "ftp://e.dk",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
