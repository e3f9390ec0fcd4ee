//! Resolve: raw serde types → [`Report`]. Applies defaults, checks every id
//! and reference (with "mente du …?"), parses CSV series, computes
//! backlinks, gaps and overlaps, and warns about loose ends.
//!
//! One file per part, as in `render/`; this file holds the resolver
//! context [`R`] with the shared reference checks, and what spans parts:
//! the order of resolving, backlinks and loose ends.

use super::model::*;
use super::raw::{self, Id};
use super::{Cx, RawPage};
use crate::diag::{Pos, did_you_mean, fold_danish};
use crate::yaml::de::Sp;
use std::collections::{BTreeMap, BTreeSet};

mod actors;
mod analysis;
mod cases;
mod figures;
mod followup;
mod pages;
mod plan;
mod projects;
mod services;
mod settings;
mod sources;
mod toc;

use actors::actors;
use analysis::analysis;
use cases::case_review;
use figures::key_figures;
pub(crate) use followup::load as load_followup;
use pages::pages;
use plan::plan;
use projects::projects;
use services::services;
use settings::{settings, stand_in_settings};
use toc::{check_outcome_cycles, toc};

pub(crate) struct RawReport {
    pub settings: Option<raw::Settings>,
    pub analysis: Option<raw::Analysis>,
    pub toc: Option<raw::TheoryOfChange>,
    pub plan: Option<raw::Plan>,
    pub services: Option<raw::Services>,
    pub key_figures: Option<raw::KeyFigures>,
    pub case_review: Option<raw::CaseReview>,
    pub actors: Option<raw::Actors>,
    pub projects: Option<raw::Projects>,
    pub followup: Option<followup::RawFollowUp>,
    pub front: Option<(Option<raw::FrontMatter>, Md)>,
    pub pages: Vec<RawPage>,
    pub assets: Vec<Asset>,
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `Tidlig Opsporing!` → `tidlig-opsporing`; `Nøgle tal` → `noegle-tal`.
pub(crate) fn suggest_id(s: &str) -> String {
    // ASCII needs no folding (`id_of` lowercases it): folding looks up
    // each character's lowercase form, and every Markdown heading's id is
    // made here.
    if s.is_ascii() {
        id_of(s)
    } else {
        id_of(&fold_danish(s))
    }
}

/// The ASCII letters and digits of folded text, lowercased, with a `-`
/// for each run of anything else between them.
fn id_of(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-').to_string();
    if t.is_empty() { "mit-id".into() } else { t }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

type Index = BTreeMap<String, usize>;

struct R<'a> {
    cx: &'a mut Cx,
}

impl R<'_> {
    /// Markdown text with the line its content starts on (after `|` or `>`)
    /// and where the scalar stands in the file.
    fn md(&self, file: &str, sp: &Sp<String>) -> Md {
        let mut line = sp.pos.line;
        let mut yaml = None;
        if let Some(src) = self.cx.sources.get_shared(file)
            && let Some(at) = self.cx.sources.offset(file, sp.pos)
        {
            let (start, line_, col) = match src[at..].chars().next() {
                Some('|' | '>') => {
                    line += 1;
                    let next = src[at..].find('\n').map_or(src.len(), |i| at + i + 1);
                    (next, line, 1)
                }
                Some('"' | '\'') => (at + 1, line, sp.pos.col + 1),
                _ => (at, line, sp.pos.col),
            };
            yaml = Some(YamlSpot {
                src,
                start,
                line: line_,
                col,
            });
        }
        Md {
            text: sp.value.clone().into(),
            file: file.to_string(),
            line,
            yaml,
        }
    }

    fn md_opt(&self, file: &str, sp: &Option<Sp<String>>) -> Option<Md> {
        sp.as_ref()
            .filter(|s| !s.value.trim().is_empty())
            .map(|s| self.md(file, s))
    }

    /// Checks ids (syntax, duplicates) and returns id → position in list.
    fn index<'i>(
        &mut self,
        file: &str,
        kind: Kind,
        ids: impl IntoIterator<Item = &'i Id>,
    ) -> Index {
        let mut out = Index::new();
        let mut first: BTreeMap<String, Pos> = BTreeMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            if !is_valid_id(&id.value) {
                self.cx
                    .diags
                    .error(file, id.pos, format!("`{}` kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreger.", id.value))
                    .hint(format!("Skriv fx `{}` (æ → ae, ø → oe, å → aa).", suggest_id(&id.value)));
            }
            if let Some(p) = first.get(&id.value) {
                self.cx
                    .diags
                    .error(
                        file,
                        id.pos,
                        format!(
                            "Id'et `{}` bruges allerede af {} i linje {}.",
                            id.value,
                            kind.definite().split(' ').next().unwrap_or(""),
                            p.line
                        ),
                    )
                    .hint(format!(
                        "Hvert id må kun bruges én gang. Giv {} et andet id.",
                        kind.definite()
                    ));
                continue;
            }
            first.insert(id.value.clone(), id.pos);
            out.insert(id.value.clone(), i);
        }
        out
    }

    /// Resolves references to `kind`; `index` is None when the part that
    /// defines that kind is missing.
    fn refs(&mut self, file: &str, kind: Kind, list: &[Id], index: Option<&Index>) -> Vec<usize> {
        let mut out = Vec::new();
        for r in list {
            if let Some(i) = self.one_ref(file, kind, r, r.pos, index)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        out
    }

    /// Notes a reference to `kind` (for `omstil lsp`), resolved or not.
    fn record(&mut self, kind: Kind, file: &str, r: &Id, pos: Pos) {
        self.cx.refs.push(super::RefSite {
            kind,
            id: r.value.clone(),
            file: file.to_string(),
            pos,
        });
    }

    fn one_ref(
        &mut self,
        file: &str,
        kind: Kind,
        r: &Id,
        pos: Pos,
        index: Option<&Index>,
    ) -> Option<usize> {
        self.record(kind, file, r, pos);
        let Some(index) = index else {
            if self.cx.failed.contains(kind.home_file()) {
                return None; // that file's own error says it all
            }
            self.cx
                .diags
                .error(
                    file,
                    pos,
                    format!(
                        "`{}` henviser til {}, men rapporten har ingen {}.",
                        r.value,
                        kind.definite(),
                        kind.home_file()
                    ),
                )
                .hint(format!(
                    "Opret {}, eller fjern henvisningen.",
                    kind.home_file()
                ));
            return None;
        };
        if let Some(i) = index.get(&r.value) {
            return Some(*i);
        }
        if self.cx.dropped.contains(&r.value) {
            return None; // already reported where it was defined
        }
        let d = self.cx.diags.error(
            file,
            pos,
            format!("{} `{}` findes ikke.", capitalize(kind.definite()), r.value),
        );
        match did_you_mean(&r.value, index.keys().map(String::as_str)) {
            Some(s) => d.hint(format!("Mente du `{s}`?")),
            None => d.hint(format!(
                "Id'er af den slags defineres i {}.",
                kind.home_file()
            )),
        };
        None
    }

    fn links(&mut self, file: &str, list: &[Sp<raw::Link>], index: Option<&Index>) -> Vec<LinkTo> {
        let mut out: Vec<LinkTo> = Vec::new();
        for l in list {
            let pos = l.value.target_pos(l.pos);
            if let Some(t) = self.one_ref(file, Kind::Maal, &l.value.target, pos, index)
                && !out.iter().any(|x| x.target == t)
            {
                out.push(LinkTo {
                    target: t,
                    assumption: l.value.antagelse.clone(),
                });
            }
        }
        out
    }
}

/// A free text without surrounding blanks; `None` if nothing is left.
fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn header(id: &Id, title: &str) -> Header {
    Header {
        id: id.value.clone(),
        title: title.trim().to_string(),
        pos: id.pos,
        prov: Provenance::default(),
    }
}

pub(crate) fn resolve(cx: &mut Cx, raw: RawReport) -> Option<Report> {
    let mut r = R { cx };
    let provenance = sources::collect(&mut r, &raw);
    let settings = raw.settings.map(|s| settings(&mut r, s));
    let key_figures = raw.key_figures.map(|k| key_figures(&mut r, k));
    let kf_index = key_figures.as_ref().map(|k| index_of(&k.figures, |f| &f.h));
    let mut analysis = raw.analysis.map(|a| analysis(&mut r, a, kf_index.as_ref()));
    let hyp_index = analysis.as_ref().map(|a| index_of(&a.hypotheses, |h| &h.h));
    let mut toc = raw
        .toc
        .map(|t| toc(&mut r, t, hyp_index.as_ref(), kf_index.as_ref()));
    let act_index = toc.as_ref().map(|t| index_of(&t.activities, |a| &a.h));
    let out_index = toc.as_ref().map(|t| index_of(&t.outcomes, |a| &a.h));
    let plan = raw.plan.map(|p| {
        plan(
            &mut r,
            p,
            act_index.as_ref(),
            out_index.as_ref(),
            settings.as_ref(),
        )
    });
    let services = raw.services.map(|s| services(&mut r, s));
    let case_review = raw
        .case_review
        .map(|c| case_review(&mut r, c, out_index.as_ref()));
    let action_index = plan.as_ref().map(|p| index_of(&p.actions, |a| &a.h));
    let focus_index = plan.as_ref().map(|p| index_of(&p.focus_areas, |f| &f.h));
    let actors = raw
        .actors
        .map(|a| actors(&mut r, a, action_index.as_ref(), act_index.as_ref()));
    let mut projects = raw
        .projects
        .map(|p| projects(&mut r, p, focus_index.as_ref(), action_index.as_ref()));
    let mut actors = actors;
    let followup = raw.followup.map(|f| {
        followup::followup(
            &mut r,
            f,
            action_index.as_ref(),
            focus_index.as_ref(),
            out_index.as_ref(),
            settings.as_ref(),
        )
    });
    let front = raw.front.map(|(_, md)| md);
    let pages = pages(&mut r, raw.pages);
    let settings = match settings {
        Some(s) => s,
        // omstil.yaml could not be read (its error is reported): a stand-in
        // lets the rest be rendered and checked; a report with errors is
        // never published.
        None if r.cx.failed.contains("omstil.yaml") => stand_in_settings(),
        None => return None,
    };

    // Backlinks.
    let mut key_figures = key_figures;
    if let Some(a) = analysis.as_mut() {
        for (hi, h) in a.hypotheses.iter().enumerate() {
            for &t in &h.themes {
                a.themes[t].hypotheses.push(hi);
            }
        }
        for (si, s) in a.suggestions.iter().enumerate() {
            for &t in &s.themes {
                a.themes[t].suggestions.push(si);
            }
        }
        if let Some(k) = key_figures.as_mut() {
            for (ti, t) in a.themes.iter().enumerate() {
                for &f in &t.key_figures {
                    k.figures[f].themes.push(ti);
                }
            }
        }
    }
    if let Some(t) = toc.as_mut() {
        if let Some(a) = analysis.as_mut() {
            for (ii, i) in t.interventions.iter().enumerate() {
                for &h in &i.hypotheses {
                    a.hypotheses[h].interventions.push(ii);
                }
            }
        }
        for ai in 0..t.activities.len() {
            for &i in &t.activities[ai].interventions.clone() {
                t.interventions[i].activities.push(ai);
            }
            for l in t.activities[ai].outcomes.clone() {
                t.outcomes[l.target].from_activities.push(LinkTo {
                    target: ai,
                    assumption: l.assumption,
                });
            }
        }
        for oi in 0..t.outcomes.len() {
            for l in t.outcomes[oi].contributes_to.clone() {
                t.outcomes[l.target].from_outcomes.push(LinkTo {
                    target: oi,
                    assumption: l.assumption,
                });
            }
            if let Some(k) = key_figures.as_mut() {
                for ind in t.outcomes[oi].indicators.clone() {
                    if !k.figures[ind.key_figure].outcomes.contains(&oi) {
                        k.figures[ind.key_figure].outcomes.push(oi);
                    }
                }
            }
        }
        if let Some(p) = plan.as_ref() {
            for (ai, a) in p.actions.iter().enumerate() {
                for &x in &a.activities {
                    t.activities[x].actions.push(ai);
                }
                for &x in &a.outcomes {
                    t.outcomes[x].actions.push(ai);
                }
            }
        }
        if let Some(c) = case_review.as_ref() {
            for (ci, c) in c.criteria.iter().enumerate() {
                for &x in &c.outcomes {
                    t.outcomes[x].criteria.push(ci);
                }
            }
        }
        check_outcome_cycles(&mut r, t);
    }
    if let Some(a) = actors.as_mut() {
        actor_backlinks(a, plan.as_ref(), toc.as_ref());
    }
    if let (Some(x), Some(p)) = (projects.as_mut(), plan.as_ref()) {
        for (xi, x_) in x.projects.iter().enumerate() {
            for &f in &x_.focus_areas {
                push_backlink(
                    &mut x.backlinks,
                    Kind::Fokusomraade,
                    &p.focus_areas[f].h,
                    xi,
                );
            }
            for &i in &x_.actions {
                push_backlink(&mut x.backlinks, Kind::Handling, &p.actions[i].h, xi);
            }
        }
    }
    let figures = key_figures.is_some();
    loose_ends(
        &mut r,
        analysis.as_ref(),
        toc.as_ref(),
        plan.as_ref(),
        figures,
    );
    let unchecked = Unchecked {
        kinds: Kind::ALL
            .into_iter()
            .filter(|k| r.cx.failed.contains(k.home_file()))
            .collect(),
        ids: r.cx.dropped.clone(),
    };

    let mut report = Report {
        settings,
        front,
        analysis,
        toc,
        plan,
        services,
        key_figures,
        case_review,
        actors,
        projects,
        followup,
        pages,
        assets: raw.assets,
        unchecked,
        sources: Vec::new(),
        front_prov: Provenance::default(),
    };
    provenance.apply(&mut report);
    Some(report)
}

fn push_backlink(b: &mut Backlinks, kind: Kind, target: &Header, from: usize) {
    b.entry((kind, target.id.clone())).or_default().push(from);
}

fn actor_backlinks(a: &mut ActorsPart, plan: Option<&PlanPart>, toc: Option<&TocPart>) {
    for (ai, x) in a.actors.iter().enumerate() {
        if let Some(p) = plan {
            for &i in &x.actions {
                push_backlink(&mut a.backlinks, Kind::Handling, &p.actions[i].h, ai);
            }
        }
        if let Some(t) = toc {
            for &i in &x.activities {
                push_backlink(&mut a.backlinks, Kind::Aktivitet, &t.activities[i].h, ai);
            }
        }
    }
}

fn index_of<T>(items: &[T], h: impl Fn(&T) -> &Header) -> Index {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (h(x).id.clone(), i))
        .collect()
}

/// Keeps the first entry per id (duplicates were reported by `index`).
fn first_per_id<T>(items: &[T], id: impl Fn(&T) -> &Id) -> Vec<&T> {
    let mut seen = BTreeSet::new();
    items
        .iter()
        .filter(|x| seen.insert(id(x).value.clone()))
        .collect()
}

impl R<'_> {
    fn one_ref_named(
        &mut self,
        file: &str,
        what: &str,
        r: &Id,
        index: &Index,
        key: &str,
    ) -> Option<usize> {
        // A key named by a kind's link word (`trin`) refers to that kind.
        if let Some(kind) = Kind::from_link_word(key) {
            self.record(kind, file, r, r.pos);
        }
        if let Some(i) = index.get(&r.value) {
            return Some(*i);
        }
        if self.cx.dropped.contains(&r.value) {
            return None;
        }
        let d = self.cx.diags.error(
            file,
            r.pos,
            format!("{} `{}` findes ikke.", capitalize(what), r.value),
        );
        match did_you_mean(&r.value, index.keys().map(String::as_str)) {
            Some(s) => d.hint(format!("Mente du `{s}`?")),
            None => d.hint(format!(
                "Gyldige værdier for `{key}`: {}.",
                index
                    .keys()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        None
    }
}

/// Warnings for the traceability page's loose ends, also shown in the
/// terminal: a hypothesis no intervention takes up, an outcome without an
/// indicator, an action tied to nothing.
fn loose_ends(
    r: &mut R,
    a: Option<&AnalysisPart>,
    t: Option<&TocPart>,
    p: Option<&PlanPart>,
    figures: bool,
) {
    if let (Some(a), Some(_)) = (a, t) {
        for h in &a.hypotheses {
            if h.interventions.is_empty() {
                r.cx.diags
                    .warning(
                        "modenhedsanalyse.yaml",
                        h.h.pos,
                        format!("Ingen indsats tager hypotesen `{}` op.", h.h.id),
                    )
                    .hint(
                        "Nævn hypotesen under `hypoteser:` hos en indsats i forandringsteori.yaml.",
                    );
            }
        }
    }
    let no_figures = r.cx.failed.contains("noegletal.yaml");
    let no_toc = r.cx.failed.contains("forandringsteori.yaml");
    // Without key figures (an analysis with its theory of change and no
    // numbers), an outcome has nothing to be measured by: no warning.
    if let Some(t) = t.filter(|_| figures && !no_figures) {
        for o in &t.outcomes {
            if o.indicators.is_empty() {
                r.cx.diags
                    .warning(
                        "forandringsteori.yaml",
                        o.h.pos,
                        format!("Målet `{}` har ingen indikator.", o.h.id),
                    )
                    .hint("Tilføj `indikatorer:` med et nøgletal, der viser, om målet nås.");
            }
        }
    }
    // Without a theory of change (a strategy with only a plan), an action
    // has nothing to be tied to: no warning.
    if let (Some(p), Some(_)) = (p.filter(|_| !no_toc), t) {
        for act in &p.actions {
            if act.activities.is_empty() && act.outcomes.is_empty() {
                r.cx.diags
                    .warning(
                        "udviklingsplan.yaml",
                        act.h.pos,
                        format!(
                            "Handlingen `{}` er ikke knyttet til nogen aktivitet eller noget mål.",
                            act.h.id
                        ),
                    )
                    .hint("Tilføj `aktiviteter:` eller `maal:` fra forandringsteorien.");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_suggestions() {
        assert!(is_valid_id("tidlig-opsporing"));
        assert!(is_valid_id("0-5"));
        assert!(!is_valid_id("Tidlig"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("støtte"));
        assert_eq!(
            suggest_id("Støtte i Almenområdet!"),
            "stoette-i-almenomraadet"
        );
    }

    #[test]
    fn ascii_ids_are_made_as_with_folding() {
        for s in [
            "Afsnit 0",
            "TIDLIG Opsporing!",
            "",
            "--",
            " -A--b_c.D 9- ",
            "x\ty\nZ",
            "Støtte",
            "K\u{212A}elvin",
        ] {
            // As without the ASCII shortcut.
            assert_eq!(suggest_id(s), id_of(&fold_danish(s)), "{s:?}");
        }
    }
}
