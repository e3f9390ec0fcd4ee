//! `tilbudsvifte.yaml`: ladder steps, age bands, needs and services, with
//! gaps and overlaps.

use super::{Index, R, first_per_id, header, index_of, is_valid_id, suggest_id};
use crate::content::model::*;
use crate::content::raw;
use crate::diag::Pos;
use std::collections::BTreeMap;

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

pub(super) fn services(r: &mut R, s: raw::Services) -> ServicesPart {
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
                    prov: Provenance::default(),
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
    let opt_outs = opt_outs(r, &s.bevidste_fravalg, &step_idx, &steps, &bands, &services);
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
            let chosen = opt_outs
                .iter()
                .any(|o| o.step == st && o.bands.contains(&b));
            if here.is_empty() && !chosen {
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
        opt_outs,
        overlaps,
    }
}

/// `bevidste_fravalg:`: each names a step and ages; its cells are the age
/// bands in that range with no service on the step. A band that has a
/// service is no opt-out (a warning says so).
fn opt_outs(
    r: &mut R,
    list: &[raw::OptOut],
    step_idx: &Index,
    steps: &[Step],
    bands: &[AgeBand],
    services: &[Service],
) -> Vec<OptOut> {
    const F: &str = "tilbudsvifte.yaml";
    let mut out: Vec<OptOut> = Vec::new();
    for o in list {
        let Some(step) = r.one_ref_named(F, "trinnet", &o.trin, step_idx, "trin") else {
            continue;
        };
        let (from, to, pos) = match &o.alder {
            Some(a) => (a.value.fra, a.value.til, a.pos),
            None => (0, u8::MAX, o.trin.pos),
        };
        if from > to {
            r.cx.diags
                .error(F, pos, format!("Alderen {from}–{to} er ikke gyldig."))
                .hint(
                    "Skriv fx `alder: { fra: 0, til: 5 }`, eller udelad `alder:` for alle aldre.",
                );
            continue;
        }
        let mut cells = Vec::new();
        for (b, band) in bands.iter().enumerate() {
            if band.to < from || to < band.from {
                continue;
            }
            let here: Vec<&str> = services
                .iter()
                .filter(|x| x.step == step && x.bands.contains(&b))
                .map(|x| x.h.id.as_str())
                .collect();
            if let Some(first) = here.first() {
                r.cx.diags
                    .warning(
                        F,
                        pos,
                        format!(
                            "Fravalget på trinnet `{}` dækker {}, men tilbuddet `{first}` er der; den aldersgruppe vises ikke som fravalgt.",
                            steps[step].h.id, band.title
                        ),
                    )
                    .hint("Ret alderen i fravalget, eller fjern det, hvis tilbuddet dækker behovet.");
            } else if out.iter().any(|x| x.step == step && x.bands.contains(&b)) {
                r.cx.diags.warning(
                    F,
                    pos,
                    format!(
                        "{} på trinnet `{}` er allerede et bevidst fravalg.",
                        band.title, steps[step].h.id
                    ),
                );
            } else {
                cells.push(b);
            }
        }
        if cells.is_empty() {
            continue;
        }
        out.push(OptOut {
            step,
            bands: cells,
            reason: o
                .begrundelse
                .as_deref()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(String::from),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Law;

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
