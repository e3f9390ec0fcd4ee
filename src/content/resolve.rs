//! Resolve: raw serde types → [`Report`]. Applies defaults, checks every id
//! and reference (with "mente du …?"), parses CSV series, computes
//! backlinks, gaps and overlaps, and warns about loose ends.

use super::model::*;
use super::raw::{self, Id};
use super::{Cx, RawPage, csvdata};
use crate::diag::{Pos, did_you_mean, fold_danish};
use crate::format::{Date, Month};
use crate::yaml::de::Sp;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct RawReport {
    pub settings: Option<raw::Settings>,
    pub analysis: Option<raw::Analysis>,
    pub toc: Option<raw::TheoryOfChange>,
    pub plan: Option<raw::Plan>,
    pub services: Option<raw::Services>,
    pub key_figures: Option<raw::KeyFigures>,
    pub case_review: Option<raw::CaseReview>,
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
    let folded = fold_danish(s);
    let mut out = String::new();
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

    fn one_ref(
        &mut self,
        file: &str,
        kind: Kind,
        r: &Id,
        pos: Pos,
        index: Option<&Index>,
    ) -> Option<usize> {
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

fn header(id: &Id, title: &str) -> Header {
    Header {
        id: id.value.clone(),
        title: title.trim().to_string(),
        pos: id.pos,
    }
}

pub(crate) fn resolve(cx: &mut Cx, raw: RawReport) -> Option<Report> {
    let mut r = R { cx };
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
    loose_ends(&mut r, analysis.as_ref(), toc.as_ref(), plan.as_ref());
    let unchecked = Unchecked {
        kinds: Kind::ALL
            .into_iter()
            .filter(|k| r.cx.failed.contains(k.home_file()))
            .collect(),
        ids: r.cx.dropped.clone(),
    };

    Some(Report {
        settings,
        front,
        analysis,
        toc,
        plan,
        services,
        key_figures,
        case_review,
        pages,
        assets: raw.assets,
        unchecked,
    })
}

/// Settings for checking a report whose omstil.yaml failed to load.
fn stand_in_settings() -> Settings {
    Settings {
        municipality: String::new(),
        title: String::new(),
        subtitle: None,
        language: Default::default(),
        period: (2000, 2000),
        status_date: None,
        logo: None,
        primary: "#1d4f73".into(),
        accent: "#9a4a1c".into(),
        accessibility_url: None,
        theme: None,
        raw_html: false,
    }
}

fn index_of<T>(items: &[T], h: impl Fn(&T) -> &Header) -> Index {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (h(x).id.clone(), i))
        .collect()
}

fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn settings(r: &mut R, s: raw::Settings) -> Settings {
    const F: &str = "omstil.yaml";
    let period = (s.periode.fra.0 as u16, s.periode.til.0 as u16);
    if period.0 > period.1 {
        r.cx.diags
            .error(
                F,
                s.periode.pos,
                format!("Perioden {}–{} er ikke gyldig.", period.0, period.1),
            )
            .hint("Skriv fx `periode: { fra: 2023, til: 2025 }` med det første år først.");
    }
    let status_date = s.statusdato.as_ref().and_then(|d| {
        let parsed = Date::parse(&d.value);
        if parsed.is_none() {
            r.cx.diags
                .error(F, d.pos, format!("`{}` er ikke en gyldig dato.", d.value))
                .hint("Skriv datoen som år-måned-dag, fx `2025-03-31`.");
        }
        parsed
    });
    let logo = s.logo.as_ref().and_then(|l| {
        let path = r.cx.root.join(&l.value);
        let refusal = if l.value.contains("..") || l.value.starts_with('/') {
            Some(crate::sandbox::Refusal::Missing { link: false })
        } else {
            r.cx.sandbox.check_file(&path).err()
        };
        match refusal {
            Some(refusal) => {
                let what = format!("Logoet `{}`", l.value);
                r.cx.diags
                    .error(F, l.pos, refusal.message_about(&what))
                    .hint("Læg logoet i mappen `billeder/` og skriv fx `logo: billeder/logo.svg`.");
                None
            }
            None => Some(l.value.replace('\\', "/")),
        }
    });
    let mut colour = |c: &Option<Sp<String>>, default: &str| -> String {
        match c {
            Some(c) if is_hex_colour(c.value.trim()) => c.value.trim().to_lowercase(),
            Some(c) => {
                r.cx.diags
                    .error(F, c.pos, format!("`{}` er ikke en farvekode.", c.value))
                    .hint("Skriv farven som hex-kode i anførselstegn, fx `\"#1d4f73\"`.");
                default.to_string()
            }
            None => default.to_string(),
        }
    };
    let primary = colour(
        &s.farver.as_ref().and_then(|f| f.primaer.clone()),
        "#1d4f73",
    );
    let accent = colour(&s.farver.as_ref().and_then(|f| f.accent.clone()), "#9a4a1c");
    let accessibility_url = s.tilgaengelighedserklaering.as_ref().and_then(|u| {
        let v = u.value.trim();
        if v.starts_with("https://") || v.starts_with("http://") {
            Some(v.to_string())
        } else {
            r.cx.diags
                .error(
                    F,
                    u.pos,
                    "Adressen til tilgængelighedserklæringen skal begynde med `https://`.",
                )
                .hint("Kopiér hele adressen fra browserens adresselinje.");
            None
        }
    });
    let theme = s.tema.as_ref().and_then(|t| {
        if t.value == "default" {
            return None;
        }
        let dir = r.cx.root.join("themes").join(&t.value);
        if is_valid_id(&t.value)
            && crate::sandbox::Sandbox::exists(&dir)
            && let Err(refusal) = r.cx.sandbox.check_dir(&dir)
        {
            let what = format!("Temaet `themes/{}`", t.value);
            r.cx.diags
                .error(F, t.pos, refusal.message_about(&what))
                .hint(refusal.hint());
            return None;
        }
        if !is_valid_id(&t.value) || !dir.is_dir() {
            r.cx.diags
                .error(
                    F,
                    t.pos,
                    format!("Temaet `{}` findes ikke i mappen `themes/`.", t.value),
                )
                .hint("Opret `themes/<navn>/`, eller slet linjen for at bruge standardtemaet.");
            return None;
        }
        Some(t.value.clone())
    });
    Settings {
        municipality: s.kommune.trim().to_string(),
        title: s.titel.trim().to_string(),
        subtitle: s.undertitel.map(|u| u.value),
        language: s.sprog.map(|l| l.value).unwrap_or_default(),
        period,
        status_date,
        logo,
        primary,
        accent,
        accessibility_url,
        theme,
        raw_html: s.raa_html,
    }
}

fn analysis(r: &mut R, a: raw::Analysis, kf: Option<&Index>) -> AnalysisPart {
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
            },
            summary: r.md(F, &t.sammenfatning),
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
        let th = r.theme_refs(F, &h.temaer.value, &theme_index);
        if h.temaer.value.is_empty() {
            r.cx.diags
                .error(
                    F,
                    h.temaer.pos,
                    "En hypotese skal knyttes til mindst ét tema.",
                )
                .hint("Skriv fx `temaer: [sagsbehandling]`.");
        }
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
            title: s.titel.clone(),
            description: r.md_opt(F, &s.beskrivelse),
            themes: r.theme_refs(F, &s.temaer, &theme_index),
        })
        .collect();
    AnalysisPart {
        intro: r.md_opt(F, &a.indledning),
        scale_max,
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

/// Keeps the first entry per id (duplicates were reported by `index`).
fn first_per_id<T>(items: &[T], id: impl Fn(&T) -> &Id) -> Vec<&T> {
    let mut seen = BTreeSet::new();
    items
        .iter()
        .filter(|x| seen.insert(id(x).value.clone()))
        .collect()
}

fn toc(r: &mut R, t: raw::TheoryOfChange, hyp: Option<&Index>, kf: Option<&Index>) -> TocPart {
    const F: &str = "forandringsteori.yaml";
    // Ids are checked here; the indexes used below skip duplicates.
    r.index(F, Kind::Indsats, t.indsatser.iter().map(|x| &x.id));
    r.index(F, Kind::Aktivitet, t.aktiviteter.iter().map(|x| &x.id));
    r.index(F, Kind::Maal, t.maal.iter().map(|x| &x.id));
    let interventions: Vec<Intervention> = first_per_id(&t.indsatser, |x| &x.id)
        .into_iter()
        .map(|x| Intervention {
            h: header(&x.id, &x.titel),
            description: r.md_opt(F, &x.beskrivelse),
            hypotheses: r.refs(F, Kind::Hypotese, &x.hypoteser, hyp),
            activities: Vec::new(),
        })
        .collect();
    let int_index = index_of(&interventions, |x| &x.h);
    let outcome_raw = first_per_id(&t.maal, |x| &x.id);
    let out_index: Index = outcome_raw
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.value.clone(), i))
        .collect();
    let activities: Vec<Activity> = first_per_id(&t.aktiviteter, |x| &x.id)
        .into_iter()
        .map(|x| {
            if x.indsatser.value.is_empty() {
                r.cx.diags
                    .error(
                        F,
                        x.indsatser.pos,
                        "En aktivitet skal høre under mindst én indsats.",
                    )
                    .hint("Skriv fx `indsatser: [opsporing-og-forebyggelse]`.");
            }
            Activity {
                h: header(&x.id, &x.titel),
                area: x.omraade,
                interventions: r.refs(F, Kind::Indsats, &x.indsatser.value, Some(&int_index)),
                description: r.md_opt(F, &x.beskrivelse),
                outcomes: r.links(F, &x.maal, Some(&out_index)),
                actions: Vec::new(),
            }
        })
        .collect();
    let outcomes: Vec<Outcome> = outcome_raw
        .into_iter()
        .map(|x| {
            let contributes_to = r.links(F, &x.bidrager_til, Some(&out_index));
            let indicators = x
                .indikatorer
                .iter()
                .filter_map(|ind| {
                    let k = r.one_ref(F, Kind::Noegletal, &ind.noegletal, ind.noegletal.pos, kf)?;
                    Some(Indicator {
                        key_figure: k,
                        direction: ind.retning,
                        description: ind.beskrivelse.as_ref().map(|d| d.value.clone()),
                    })
                })
                .collect();
            Outcome {
                h: header(&x.id, &x.titel),
                kind: x.kind,
                description: r.md_opt(F, &x.beskrivelse),
                contributes_to,
                indicators,
                assumptions: x.antagelser.clone(),
                from_activities: Vec::new(),
                from_outcomes: Vec::new(),
                actions: Vec::new(),
                criteria: Vec::new(),
            }
        })
        .collect();
    TocPart {
        aim: r.md(F, &t.formaal),
        interventions,
        activities,
        outcomes,
    }
}

/// "Målene bidrager til hinanden i ring" — a cycle among outcome links.
fn check_outcome_cycles(r: &mut R, t: &TocPart) {
    const F: &str = "forandringsteori.yaml";
    let n = t.outcomes.len();
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut reported = BTreeSet::new();
    fn visit(
        t: &TocPart,
        i: usize,
        state: &mut [u8],
        stack: &mut Vec<usize>,
        cycles: &mut Vec<Vec<usize>>,
    ) {
        state[i] = 1;
        stack.push(i);
        for l in &t.outcomes[i].contributes_to {
            match state[l.target] {
                0 => visit(t, l.target, state, stack, cycles),
                1 => {
                    let start = stack.iter().position(|x| *x == l.target).unwrap_or(0);
                    cycles.push(stack[start..].to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        state[i] = 2;
    }
    let mut cycles = Vec::new();
    for i in 0..n {
        if state[i] == 0 {
            visit(t, i, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    for c in cycles {
        let mut key = c.clone();
        key.sort_unstable();
        if !reported.insert(key) {
            continue;
        }
        let names: Vec<String> = c
            .iter()
            .chain(c.first())
            .map(|i| format!("`{}`", t.outcomes[*i].h.id))
            .collect();
        let first = &t.outcomes[c[0]];
        r.cx.diags
            .error(F, first.h.pos, format!("Målene bidrager til hinanden i ring: {}.", names.join(" → ")))
            .hint("`bidrager_til` skal pege fra kortsigtede mod langsigtede mål; fjern en af henvisningerne.");
    }
}

fn plan(
    r: &mut R,
    p: raw::Plan,
    acts: Option<&Index>,
    outs: Option<&Index>,
    settings: Option<&Settings>,
) -> PlanPart {
    const F: &str = "udviklingsplan.yaml";
    r.index(F, Kind::Fokusomraade, p.fokusomraader.iter().map(|x| &x.id));
    r.index(
        F,
        Kind::Handling,
        p.fokusomraader
            .iter()
            .flat_map(|f| f.handlinger.iter().map(|a| &a.id)),
    );
    let mut focus_areas = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut seen_actions = BTreeSet::new();
    let mut total: u64 = 0;
    for f in first_per_id(&p.fokusomraader, |x| &x.id) {
        let fi = focus_areas.len();
        let mut mine = Vec::new();
        for a in &f.handlinger {
            if !seen_actions.insert(a.id.value.clone()) {
                continue;
            }
            let from = Month::parse(&a.periode.fra.value, 1);
            let to = Month::parse(&a.periode.til.value, 12);
            for (m, sp) in [(&from, &a.periode.fra), (&to, &a.periode.til)] {
                if m.is_none() {
                    r.cx.diags
                        .error(
                            F,
                            sp.pos,
                            format!("`{}` er ikke en gyldig måned.", sp.value),
                        )
                        .hint("Skriv år og måned som `2024-03` (eller kun året, `2024`).");
                }
            }
            let (from, to) = match (from, to) {
                (Some(f), Some(t)) if f <= t => (f, t),
                (Some(f), Some(t)) => {
                    r.cx.diags
                        .error(
                            F,
                            a.periode.pos,
                            format!(
                                "Perioden slutter ({}) før den begynder ({}).",
                                a.periode.til.value, a.periode.fra.value
                            ),
                        )
                        .hint("Byt om på `fra` og `til`.");
                    (t, f)
                }
                _ => (
                    Month {
                        year: 2000,
                        month: 1,
                    },
                    Month {
                        year: 2000,
                        month: 1,
                    },
                ),
            };
            let mut budget = BTreeMap::new();
            if let Some(b) = &a.budget {
                for (year, amount) in &b.value {
                    if !(1990..=2100).contains(&year.value) {
                        r.cx.diags
                            .error(
                                F,
                                year.pos,
                                format!("`{}` er ikke et gyldigt budgetår.", year.value),
                            )
                            .hint("Skriv budgettet pr. år, fx `budget: { 2024: 250000 }`.");
                    } else if let Some(s) = settings
                        && (year.value < s.period.0 || year.value > s.period.1)
                    {
                        r.cx.diags
                            .warning(
                                F,
                                year.pos,
                                format!(
                                    "Budgetåret {} ligger uden for rapportens periode {}–{}.",
                                    year.value, s.period.0, s.period.1
                                ),
                            )
                            .hint("Ret året, eller udvid `periode` i omstil.yaml.");
                    }
                    // Every sum of the plan's budgets (per year, per focus
                    // area, per action) is at most this total, so the pages
                    // can add them up without overflow.
                    match total.checked_add(amount.value.0) {
                        Some(t) => total = t,
                        None => {
                            r.cx.diags
                                .error(F, amount.pos, format!("Planens budgetter bliver tilsammen større, end omstil kan regne med (højst {}).", crate::format::kroner(u64::MAX)))
                                .hint("Tjek beløbet: budgetter skrives i hele kroner, fx `250000`.");
                            continue;
                        }
                    }
                    budget.insert(year.value, amount.value.0);
                }
            }
            mine.push(actions.len());
            actions.push(Action {
                h: header(&a.id, &a.titel),
                focus_area: fi,
                owner: a.ansvarlig.trim().to_string(),
                from,
                to,
                status: a.status,
                budget,
                activities: r.refs(F, Kind::Aktivitet, &a.aktiviteter, acts),
                outcomes: r.refs(F, Kind::Maal, &a.maal, outs),
                description: r.md_opt(F, &a.beskrivelse),
            });
        }
        let effects = f.oenskede_effekter.clone().unwrap_or_default();
        focus_areas.push(FocusArea {
            h: header(&f.id, &f.titel),
            purpose: r.md(F, &f.formaal),
            effects_citizens: effects.borgere,
            effects_organisation: effects.organisation,
            actions: mine,
        });
    }
    PlanPart {
        title: p.titel,
        intro: r.md_opt(F, &p.indledning),
        focus_areas,
        actions,
        follow_up: r.md_opt(F, &p.opfoelgning),
    }
}

/// Parses "barnets lov § 32, stk. 1, nr. 3", "SEL § 52, stk. 3", … into a
/// normalised legal basis.
pub(crate) fn parse_legal_basis(s: &str) -> Option<LegalBasis> {
    let t = s.trim();
    let lower = t.to_lowercase();
    let (law, name) = if [
        "serviceloven",
        "servicelovens",
        "sel ",
        "sel§",
        "lov om social service",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        (Law::Serviceloven, "serviceloven")
    } else if ["barnets lov", "barnets lovs", "bl ", "bl§"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        (Law::BarnetsLov, "barnets lov")
    } else {
        return None;
    };
    let idx = t.find('§')?;
    let rest = t[idx + '§'.len_utf8()..].trim();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(LegalBasis {
        law,
        text: format!("{name} § {rest}"),
    })
}

fn services(r: &mut R, s: raw::Services) -> ServicesPart {
    const F: &str = "tilbudsvifte.yaml";
    let steps: Vec<Step> = match &s.trin {
        Some(list) => {
            r.index(F, Kind::Trin, list.iter().map(|x| &x.id));
            first_per_id(list, |x| &x.id)
                .into_iter()
                .map(|x| Step {
                    h: header(&x.id, &x.titel),
                    description: r.md_opt(F, &x.beskrivelse),
                    services: Vec::new(),
                })
                .collect()
        }
        None => DEFAULT_STEPS
            .iter()
            .map(|(id, t)| Step {
                h: Header {
                    id: id.to_string(),
                    title: t.to_string(),
                    pos: Pos::FILE,
                },
                description: None,
                services: Vec::new(),
            })
            .collect(),
    };
    let bands: Vec<AgeBand> = match &s.aldersgrupper {
        Some(list) => {
            let mut out: Vec<AgeBand> = Vec::new();
            for b in list {
                if b.fra > b.til {
                    r.cx.diags.error(
                        F,
                        b.id.pos,
                        format!(
                            "Aldersgruppen `{}` slutter ({}) før den begynder ({}).",
                            b.id.value, b.til, b.fra
                        ),
                    );
                } else if out.iter().any(|o| o.id == b.id.value) {
                    r.cx.diags.error(
                        F,
                        b.id.pos,
                        format!("Aldersgruppen `{}` står to gange.", b.id.value),
                    );
                } else {
                    out.push(AgeBand {
                        id: b.id.value.clone(),
                        title: b.titel.clone(),
                        from: b.fra,
                        to: b.til,
                    });
                }
            }
            out.sort_by_key(|b| (b.from, b.to));
            out
        }
        None => DEFAULT_AGE_BANDS
            .iter()
            .map(|(id, t, f, to)| AgeBand {
                id: id.to_string(),
                title: t.to_string(),
                from: *f,
                to: *to,
            })
            .collect(),
    };
    {
        let mut seen = BTreeMap::new();
        for n in &s.behov {
            if !is_valid_id(&n.id.value) {
                r.cx.diags
                    .error(
                        F,
                        n.id.pos,
                        format!("`{}` kan ikke bruges som id.", n.id.value),
                    )
                    .hint(format!("Skriv fx `{}`.", suggest_id(&n.id.value)));
            }
            if seen.insert(n.id.value.clone(), n.id.pos).is_some() {
                r.cx.diags.error(
                    F,
                    n.id.pos,
                    format!("Behovet `{}` står to gange.", n.id.value),
                );
            }
        }
    }
    let mut needs: Vec<Need> = Vec::new();
    for n in &s.behov {
        if !needs.iter().any(|x| x.id == n.id.value) {
            needs.push(Need {
                id: n.id.value.clone(),
                title: n.titel.clone(),
                services: Vec::new(),
            });
        }
    }
    let need_idx: Index = needs
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let step_idx = index_of(&steps, |x| &x.h);
    r.index(F, Kind::Tilbud, s.tilbud.iter().map(|x| &x.id));
    let mut services = Vec::new();
    for x in first_per_id(&s.tilbud, |x| &x.id) {
        let step = r.one_ref_named(F, "trinnet", &x.trin, &step_idx, "trin");
        let need_list = if needs.is_empty() && !x.behov.value.is_empty() {
            r.cx.diags
                .error(
                    F,
                    x.behov.pos,
                    "Tilbuddet nævner behov, men filen har ingen liste over behov.",
                )
                .hint("Tilføj `behov:` øverst i filen med et id og en titel for hvert behov.");
            Vec::new()
        } else {
            x.behov
                .value
                .iter()
                .filter_map(|n| r.one_ref_named(F, "behovet", n, &need_idx, "behov"))
                .collect::<Vec<_>>()
        };
        if x.behov.value.is_empty() {
            r.cx.diags
                .error(F, x.behov.pos, "Et tilbud skal dække mindst ét behov.")
                .hint("Skriv fx `behov: [trivsel]`.");
        }
        let (af, at) = (x.alder.fra, x.alder.til);
        if af > at || at > 30 {
            r.cx.diags
                .error(F, x.alder.pos, format!("Alderen {af}–{at} er ikke gyldig."))
                .hint("Skriv fx `alder: { fra: 0, til: 17 }`; alder regnes i år fra 0 til 30.");
        }
        let band_list: Vec<usize> = bands
            .iter()
            .enumerate()
            .filter(|(_, b)| b.from <= at && af <= b.to)
            .map(|(i, _)| i)
            .collect();
        if band_list.is_empty() && af <= at {
            r.cx.diags.warning(F, x.alder.pos, format!("Alderen {af}–{at} falder uden for alle aldersgrupper, så tilbuddet vises ikke i matrixen."));
        }
        let legal_basis = x.hjemmel.as_ref().and_then(|h| {
            let lb = parse_legal_basis(&h.value);
            if lb.is_none() {
                r.cx.diags
                    .error(F, h.pos, format!("Hjemlen `{}` kan ikke læses.", h.value))
                    .hint("Skriv loven og paragraffen, fx `barnets lov § 32, stk. 1, nr. 3` eller `serviceloven § 11, stk. 3`.");
            }
            lb
        });
        let Some(step) = step else { continue };
        services.push(Service {
            h: header(&x.id, &x.titel),
            step,
            age_from: af,
            age_to: at,
            bands: band_list,
            needs: need_list,
            provider: x.udbyder,
            provider_name: x.udbyder_navn.clone(),
            legal_basis,
            capacity: x.kapacitet,
            capacity_unit: x
                .kapacitet_enhed
                .clone()
                .unwrap_or_else(|| "pladser".into()),
            price: x.pris.map(|p| p.0),
            price_unit: x.pris_enhed.clone(),
            description: r.md_opt(F, &x.beskrivelse),
        });
    }
    let mut steps = steps;
    for (si, s) in services.iter().enumerate() {
        steps[s.step].services.push(si);
        for &n in &s.needs {
            needs[n].services.push(si);
        }
    }
    let mut gaps = Vec::new();
    let mut overlaps = Vec::new();
    for (st, _) in steps.iter().enumerate() {
        for (b, _) in bands.iter().enumerate() {
            let here: Vec<usize> = services
                .iter()
                .enumerate()
                .filter(|(_, s)| s.step == st && s.bands.contains(&b))
                .map(|(i, _)| i)
                .collect();
            if here.is_empty() {
                gaps.push(Gap { step: st, band: b });
            }
            for (n, _) in needs.iter().enumerate() {
                let same: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|i| services[*i].needs.contains(&n))
                    .collect();
                if same.len() >= 2 {
                    overlaps.push(Overlap {
                        step: st,
                        band: b,
                        need: n,
                        services: same,
                    });
                }
            }
        }
    }
    ServicesPart {
        intro: r.md_opt(F, &s.indledning),
        steps,
        bands,
        needs,
        services,
        gaps,
        overlaps,
    }
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

fn key_figures(r: &mut R, k: raw::KeyFigures) -> KeyFiguresPart {
    const F: &str = "noegletal.yaml";
    r.index(F, Kind::Noegletal, k.noegletal.iter().map(|x| &x.id));
    let mut figures = Vec::new();
    for x in first_per_id(&k.noegletal, |x| &x.id) {
        let errors_before = r.cx.diags.error_count();
        let mut series: Vec<Series> = Vec::new();
        let mut csv_file = None;
        match (&x.csv, &x.serier) {
            (Some(csv), serier) => {
                let path = r.cx.root.join(&csv.value);
                let refusal = if csv.value.contains("..") || csv.value.starts_with('/') {
                    Some(crate::sandbox::Refusal::Missing { link: false })
                } else {
                    r.cx.sandbox.check_file(&path).err()
                };
                if let Some(refusal) = refusal {
                    let what = format!("CSV-filen `{}`", csv.value);
                    r.cx.diags
                        .error(F, csv.pos, refusal.message_about(&what))
                        .hint("Læg filen i mappen `noegletal/` og skriv stien fra rapportens mappe, fx `csv: noegletal/anbringelser.csv`.");
                } else if let Some(text) = r.cx.read_text(&path) {
                    let name = csv.value.replace('\\', "/");
                    let cols = csvdata::parse(&text, &name, &mut r.cx.diags);
                    csv_file = Some(name);
                    match serier {
                        Some(list) => {
                            for s in &list.value {
                                if s.vaerdier.is_some() {
                                    r.cx.diags.error(F, list.pos, "En serie kan ikke både have `vaerdier` og komme fra en CSV-fil.").hint("Fjern `vaerdier`, eller fjern `csv`.");
                                }
                                let Some(col) = &s.kolonne else {
                                    r.cx.diags.error(F, list.pos, "Hver serie skal angive `kolonne`, når tallene kommer fra en CSV-fil.").hint("Skriv fx `kolonne: Egeskov`, som kolonnen hedder i CSV-filen.");
                                    continue;
                                };
                                match csvdata::find_column(&cols, &col.value) {
                                    Ok(c) => series.push(Series {
                                        name: s.navn.clone().unwrap_or_else(|| c.name.clone()),
                                        role: s.rolle,
                                        values: c.values.iter().copied().collect(),
                                    }),
                                    Err(hint) if !cols.is_empty() => {
                                        r.cx.diags
                                            .error(
                                                F,
                                                col.pos,
                                                format!(
                                                    "Kolonnen `{}` findes ikke i {}.",
                                                    col.value, csv.value
                                                ),
                                            )
                                            .hint(hint);
                                    }
                                    Err(_) => {}
                                }
                            }
                        }
                        None => {
                            for (i, c) in cols.iter().enumerate() {
                                let folded = fold_danish(&c.name);
                                let role = if i == 0 {
                                    raw::Role::Kommune
                                } else if folded.contains("landet") {
                                    raw::Role::Landet
                                } else {
                                    raw::Role::Sammenligning
                                };
                                series.push(Series {
                                    name: c.name.clone(),
                                    role,
                                    values: c.values.iter().copied().collect(),
                                });
                            }
                        }
                    }
                }
            }
            (None, Some(list)) => {
                for s in &list.value {
                    let Some(v) = &s.vaerdier else {
                        r.cx.diags.error(F, list.pos, "En serie uden CSV-fil skal have `vaerdier`.").hint("Skriv fx `vaerdier: { 2022: 12, 2023: \"12,5\" }`, eller angiv `csv`.");
                        continue;
                    };
                    let mut values = BTreeMap::new();
                    for (year, n) in &v.value {
                        if !(csvdata::MIN_YEAR..=csvdata::MAX_YEAR).contains(&year.value) {
                            r.cx.diags
                                .error(
                                    F,
                                    year.pos,
                                    format!("`{}` er ikke et gyldigt årstal.", year.value),
                                )
                                .hint("Skriv årstallet med fire cifre, fx `2023`.");
                            continue;
                        }
                        values.insert(year.value, n.value.0);
                    }
                    series.push(Series {
                        name: s
                            .navn
                            .clone()
                            .unwrap_or_else(|| default_series_name(s.rolle)),
                        role: s.rolle,
                        values,
                    });
                }
            }
            (None, None) => {
                r.cx.diags
                    .error(
                        F,
                        x.id.pos,
                        format!("Nøgletallet `{}` har ingen tal.", x.id.value),
                    )
                    .hint("Angiv `csv: noegletal/fil.csv` eller `serier` med `vaerdier`.");
            }
        }
        if !series.is_empty() && !series.iter().any(|s| s.role == raw::Role::Kommune) {
            r.cx.diags
                .error(
                    F,
                    x.id.pos,
                    format!(
                        "Nøgletallet `{}` har ingen serie for kommunen selv.",
                        x.id.value
                    ),
                )
                .hint("Giv én serie `rolle: kommune`.");
        }
        if (x.csv.is_some() || x.serier.is_some())
            && series.iter().all(|s| s.values.is_empty())
            && r.cx.diags.error_count() == errors_before
        {
            r.cx.diags
                .warning(
                    F,
                    x.id.pos,
                    format!(
                        "Nøgletallet `{}` har ingen tal endnu, så det vises uden diagram.",
                        x.id.value
                    ),
                )
                .hint(match &x.csv {
                    Some(c) => format!("Skriv tallene i {}.", c.value),
                    None => "Skriv tallene under `vaerdier`, fx `vaerdier: { 2023: 12 }`.".into(),
                });
        }
        let target = x
            .maal
            .as_ref()
            .map(|m| (m.value.vaerdi, m.value.aar.0 as u16));
        let decimals = match x.decimaler {
            Some(d) => d.0 as usize,
            None => match x.enhed {
                raw::Unit::Procent | raw::Unit::Promille => 1,
                _ => 0,
            },
        };
        figures.push(KeyFigure {
            h: header(&x.id, &x.titel),
            unit: x.enhed,
            definition: r.md(F, &x.definition),
            source: x.kilde.clone(),
            table: x.tabel.clone(),
            counting: x.opgoerelse,
            better: x.retning,
            target,
            decimals,
            csv_file,
            series,
            outcomes: Vec::new(),
            themes: Vec::new(),
        });
    }
    KeyFiguresPart {
        intro: r.md_opt(F, &k.indledning),
        figures,
    }
}

fn default_series_name(role: raw::Role) -> String {
    match role {
        raw::Role::Kommune => "Kommunen",
        raw::Role::Sammenligning => "Sammenlignelige kommuner",
        raw::Role::Landet => "Hele landet",
    }
    .to_string()
}

fn case_review(r: &mut R, c: raw::CaseReview, outs: Option<&Index>) -> CaseReviewPart {
    const F: &str = "sagsanalyse.yaml";
    let scale: Vec<(String, String)> = match &c.skala {
        Some(list) => {
            let mut out: Vec<(String, String)> = Vec::new();
            for s in list {
                if out.iter().any(|o| o.0 == s.id.value) {
                    r.cx.diags.error(
                        F,
                        s.id.pos,
                        format!("Skalatrinnet `{}` står to gange.", s.id.value),
                    );
                } else {
                    out.push((s.id.value.clone(), s.titel.clone()));
                }
            }
            out
        }
        None => DEFAULT_SCALE
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    };
    let n = c.antal_sager.value;
    if n == 0 {
        r.cx.diags
            .error(F, c.antal_sager.pos, "`antal_sager` skal være mindst 1.");
    }
    r.index(F, Kind::Kriterie, c.kriterier.iter().map(|x| &x.id));
    let mut criteria = Vec::new();
    for x in first_per_id(&c.kriterier, |x| &x.id) {
        let mut results = vec![0u32; scale.len()];
        for (k, v) in &x.resultat.value {
            match scale.iter().position(|s| s.0 == k.value) {
                Some(i) => results[i] = *v,
                None => {
                    let d = r.cx.diags.error(
                        F,
                        k.pos,
                        format!("`{}` er ikke et trin på skalaen.", k.value),
                    );
                    match did_you_mean(&k.value, scale.iter().map(|s| s.0.as_str())) {
                        Some(s) => d.hint(format!("Mente du `{s}`?")),
                        None => d.hint(format!(
                            "Skalaens trin hedder: {}.",
                            scale
                                .iter()
                                .map(|s| format!("`{}`", s.0))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    };
                }
            }
        }
        // In u64: a u32 sum would wrap and could match `antal_sager`.
        let sum: u64 = x.resultat.value.values().map(|v| u64::from(*v)).sum();
        if sum != u64::from(n) && n > 0 {
            r.cx.diags
                .error(
                    F,
                    x.resultat.pos,
                    format!(
                        "Resultatet for `{}` tæller {sum} sager, men analysen omfatter {n}.",
                        x.id.value
                    ),
                )
                .hint("Tallene for hvert kriterium skal tilsammen give `antal_sager`.");
        }
        criteria.push(Criterion {
            h: header(&x.id, &x.titel),
            description: r.md_opt(F, &x.beskrivelse),
            results,
            examples: x.eksempler.clone(),
            outcomes: r.refs(F, Kind::Maal, &x.maal, outs),
        });
    }
    CaseReviewPart {
        title: c.titel,
        cases: n,
        by: c.udfoert_af,
        method: r.md_opt(F, &c.metode),
        scale,
        criteria,
    }
}

fn pages(r: &mut R, raw: Vec<RawPage>) -> Vec<Page> {
    let mut out = Vec::new();
    for p in raw {
        let Some(title) = p.front.titel.clone().filter(|t| !t.trim().is_empty()) else {
            r.cx.diags
                .error(&p.file, Pos::new(1, 1), "Siden mangler en titel.")
                .hint("Skriv `titel: Sidens titel` i blokken mellem `---`-linjerne øverst.");
            continue;
        };
        out.push(Page {
            h: Header {
                id: p.id,
                title: title.trim().to_string(),
                pos: Pos::new(1, 1),
            },
            file: p.file,
            description: p.front.beskrivelse,
            order: p.front.raekkefoelge.unwrap_or(100),
            body: p.body,
        });
    }
    out.sort_by(|a, b| (a.order, &a.h.title, &a.h.id).cmp(&(b.order, &b.h.title, &b.h.id)));
    out
}

/// Warnings for the traceability page's loose ends, also shown in the
/// terminal: a hypothesis no intervention takes up, an outcome without an
/// indicator, an action tied to nothing.
fn loose_ends(r: &mut R, a: Option<&AnalysisPart>, t: Option<&TocPart>, p: Option<&PlanPart>) {
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
    if let Some(t) = t.filter(|_| !no_figures) {
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
    if let Some(p) = p.filter(|_| !no_toc) {
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
    fn legal_basis_in_both_laws() {
        let a = parse_legal_basis("barnets lov § 32, stk. 1, nr. 3").unwrap();
        assert_eq!(a.law, Law::BarnetsLov);
        assert_eq!(a.text, "barnets lov § 32, stk. 1, nr. 3");
        let b = parse_legal_basis("SEL §52, stk. 3").unwrap();
        assert_eq!(b.law, Law::Serviceloven);
        assert_eq!(b.text, "serviceloven § 52, stk. 3");
        assert_eq!(
            parse_legal_basis("serviceloven § 11").unwrap().law,
            Law::Serviceloven
        );
        assert!(parse_legal_basis("§ 52").is_none());
        assert!(parse_legal_basis("barnets lov").is_none());
    }
}
