//! `sagsanalyse.yaml`: the scale and the criteria of the case review.

use super::{Index, R, first_per_id, header};
use crate::content::model::*;
use crate::content::raw;
use crate::diag::did_you_mean;

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
        prov: Provenance::default(),
        title: c.titel,
        cases: n,
        by: c.udfoert_af,
        method: r.md_opt(F, &c.metode),
        scale,
        criteria,
    }
}
