//! `sagsanalyse.yaml`: the scale and the criteria of the case review.

use super::{Index, R, first_per_id, header};
use crate::content::model::*;
use crate::content::raw;
use crate::diag::did_you_mean;
use crate::yaml::de::Sp;
use std::collections::BTreeMap;

pub(super) fn case_review(r: &mut R, c: raw::CaseReview, outs: Option<&Index>) -> CaseReviewPart {
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
    let n = c.antal_sager.as_ref().map(|n| n.value);
    if let Some(count) = &c.antal_sager
        && count.value == 0
    {
        r.cx.diags
            .error(F, count.pos, "`antal_sager` skal være mindst 1.")
            .hint("Udelad `antal_sager`, hvis kilden ikke oplyser, hvor mange sager der er gennemgået.");
    }
    r.index(F, Kind::Kriterie, c.kriterier.iter().map(|x| &x.id));
    let mut criteria = Vec::new();
    for x in first_per_id(&c.kriterier, |x| &x.id) {
        criteria.push(Criterion {
            h: header(&x.id, &x.titel),
            description: r.md_opt(F, &x.beskrivelse),
            results: x
                .resultat
                .as_ref()
                .map(|res| results(r, &scale, n, &x.id.value, res)),
            findings: r.md_opt(F, &x.fund),
            examples: x.eksempler.clone(),
            outcomes: r.refs(F, Kind::Maal, &x.maal, outs),
        });
    }
    CaseReviewPart {
        prov: Provenance::default(),
        title: c.titel,
        cases: n.filter(|n| *n > 0),
        by: c.udfoert_af,
        method: r.md_opt(F, &c.metode),
        scale,
        criteria,
    }
}

/// A criterion's counts in scale order; unknown levels and a sum other
/// than `antal_sager` (when that is given) are errors.
fn results(
    r: &mut R,
    scale: &[(String, String)],
    cases: Option<u32>,
    id: &str,
    res: &Sp<BTreeMap<Sp<String>, u32>>,
) -> Vec<u32> {
    const F: &str = "sagsanalyse.yaml";
    let mut results = vec![0u32; scale.len()];
    for (k, v) in &res.value {
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
    let sum: u64 = res.value.values().map(|v| u64::from(*v)).sum();
    if let Some(n) = cases
        && n > 0
        && sum != u64::from(n)
    {
        r.cx.diags
            .error(
                F,
                res.pos,
                format!("Resultatet for `{id}` tæller {sum} sager, men analysen omfatter {n}."),
            )
            .hint("Tallene for hvert kriterium skal tilsammen give `antal_sager`.");
    }
    results
}
