//! `forandringsteori.yaml`: interventions, activities and outcomes, and
//! the check for outcomes that contribute to each other in a ring.

use super::{Index, R, first_per_id, header, index_of};
use crate::content::model::*;
use crate::content::raw;
use crate::yaml::de::Sp;
use std::collections::BTreeSet;

pub(super) fn toc(
    r: &mut R,
    t: raw::TheoryOfChange,
    hyp: Option<&Index>,
    kf: Option<&Index>,
) -> TocPart {
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
            let mut areas: Vec<raw::Area> = Vec::new();
            for a in &x.omraade.value.0 {
                if !areas.contains(a) {
                    areas.push(*a);
                }
            }
            if areas.is_empty() {
                r.cx.diags
                    .error(
                        F,
                        x.omraade.pos,
                        "En aktivitet skal høre til mindst ét område.",
                    )
                    .hint(
                        "Skriv fx `omraade: myndighed` eller `omraade: [myndighed, tilbudsvifte]`.",
                    );
                areas.push(raw::Area::Myndighed);
            }
            Activity {
                h: header(&x.id, &x.titel),
                areas,
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
    let mut horizon = |h: Option<&Sp<raw::Span>>| h.and_then(|h| super::settings::span(r, F, h));
    let horizons = [
        horizon(t.horisont.as_ref().and_then(|h| h.kortsigtet.as_ref())),
        horizon(t.horisont.as_ref().and_then(|h| h.langsigtet.as_ref())),
    ];
    TocPart {
        aim: r.md_opt(F, &t.formaal),
        horizons,
        interventions,
        activities,
        outcomes,
    }
}

/// "Målene bidrager til hinanden i ring" — a cycle among outcome links.
pub(super) fn check_outcome_cycles(r: &mut R, t: &TocPart) {
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
