//! `modenhedsanalyse.yaml`: themes, hypotheses and suggestions.

use super::{Index, R, header, index_of};
use crate::content::model::*;
use crate::content::raw::{self, Id};
use crate::diag::{Pos, did_you_mean};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn analysis(r: &mut R, a: raw::Analysis, kf: Option<&Index>) -> AnalysisPart {
    const F: &str = "modenhedsanalyse.yaml";
    let scale_max = a.skala_maks.map_or(5, |s| s.0 as u8);
    let fixed: Vec<&str> = THEMES.iter().map(|t| t.0).collect();
    let mut seen = BTreeMap::new();
    let mut themes: Vec<(usize, Theme)> = Vec::new();
    for t in &a.temaer {
        let Some(order) = fixed.iter().position(|f| *f == t.id.value) else {
            let d = r.cx.diags.error(
                F,
                t.id.pos,
                format!(
                    "`{}` er ikke et af modenhedsanalysens seks temaer.",
                    t.id.value
                ),
            );
            match did_you_mean(&t.id.value, fixed.iter().copied()) {
                Some(s) => d.hint(format!("Mente du `{s}`?")),
                None => d.hint(format!("Temaerne hedder: {}.", fixed.join(", "))),
            };
            continue;
        };
        if let Some(line) = seen.insert(t.id.value.clone(), t.id.pos.line) {
            r.cx.diags
                .error(
                    F,
                    t.id.pos,
                    format!(
                        "Temaet `{}` er allerede beskrevet i linje {line}.",
                        t.id.value
                    ),
                )
                .hint("Saml beskrivelsen af hvert tema ét sted.");
            continue;
        }
        let mut sa = Vec::new();
        for s in &t.selvevaluering {
            if s.score.value < 1.0 || s.score.value > scale_max as f64 {
                r.cx.diags
                    .error(
                        F,
                        s.score.pos,
                        format!(
                            "Scoren {} ligger uden for skalaen 1–{scale_max}.",
                            crate::format::number(s.score.value, 1)
                        ),
                    )
                    .hint("Ret scoren, eller sæt `skala_maks` øverst i filen.");
            }
            sa.push(SelfAssessmentItem {
                question: s.spoergsmaal.clone(),
                score: s.score.value,
                comment: s.kommentar.as_ref().map(|c| c.value.clone()),
            });
        }
        let theme = Theme {
            h: Header {
                id: t.id.value.clone(),
                title: THEMES[order].1.to_string(),
                pos: t.id.pos,
                prov: Provenance::default(),
            },
            summary: r.md_opt(F, &t.sammenfatning),
            key_figures: r.refs(F, Kind::Noegletal, &t.noegletal, kf),
            key_figures_text: r.md_opt(F, &t.noegletal_tekst),
            self_assessment: sa,
            document_screening: r.md_opt(F, &t.dokumentscreening),
            focus_groups: r.md_opt(F, &t.fokusgrupper),
            hypotheses: Vec::new(),
            suggestions: Vec::new(),
        };
        themes.push((order, theme));
    }
    themes.sort_by_key(|t| t.0);
    let themes: Vec<Theme> = themes.into_iter().map(|t| t.1).collect();
    let theme_index = index_of(&themes, |t| &t.h);
    for f in &fixed {
        if !theme_index.contains_key(*f) && !a.temaer.is_empty() {
            r.cx.diags
                .warning(F, Pos::FILE, format!("Temaet `{f}` er ikke beskrevet i modenhedsanalysen."))
                .hint("Modenhedsanalysen har seks faste temaer; tilføj det manglende under `temaer:`.");
        }
    }
    r.index(F, Kind::Hypotese, a.hypoteser.iter().map(|h| &h.id));
    let mut hypotheses = Vec::new();
    let mut used = BTreeSet::new();
    for h in &a.hypoteser {
        if !used.insert(h.id.value.clone()) {
            continue;
        }
        let th = r.theme_refs(F, &h.temaer, &theme_index);
        hypotheses.push(Hypothesis {
            h: header(&h.id, &h.titel),
            themes: th,
            description: r.md_opt(F, &h.beskrivelse),
            interventions: Vec::new(),
        });
    }
    let suggestions = a
        .forslag
        .iter()
        .map(|s| Suggestion {
            prov: Provenance::default(),
            title: s.titel.clone(),
            description: r.md_opt(F, &s.beskrivelse),
            themes: r.theme_refs(F, &s.temaer, &theme_index),
        })
        .collect();
    AnalysisPart {
        intro: r.md_opt(F, &a.indledning),
        scale_max,
        scale_text: a.skala_forklaring.clone().filter(|s| !s.trim().is_empty()),
        themes,
        hypotheses,
        suggestions,
    }
}

impl R<'_> {
    fn theme_refs(&mut self, file: &str, list: &[Id], themes: &Index) -> Vec<usize> {
        let mut out = Vec::new();
        for t in list {
            if let Some(i) = themes.get(&t.value) {
                if !out.contains(i) {
                    out.push(*i);
                }
            } else if THEMES.iter().any(|x| x.0 == t.value) {
                self.cx
                    .diags
                    .error(
                        file,
                        t.pos,
                        format!("Temaet `{}` er ikke beskrevet under `temaer:`.", t.value),
                    )
                    .hint("Beskriv temaet under `temaer:`, eller fjern henvisningen.");
            } else {
                let d = self.cx.diags.error(
                    file,
                    t.pos,
                    format!(
                        "`{}` er ikke et af modenhedsanalysens seks temaer.",
                        t.value
                    ),
                );
                match did_you_mean(&t.value, THEMES.iter().map(|x| x.0)) {
                    Some(s) => d.hint(format!("Mente du `{s}`?")),
                    None => d.hint(format!(
                        "Temaerne hedder: {}.",
                        THEMES.iter().map(|x| x.0).collect::<Vec<_>>().join(", ")
                    )),
                };
            }
        }
        out
    }
}
