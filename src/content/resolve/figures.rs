//! `noegletal.yaml`: key figures and their series (CSV or written inline).

use super::{R, first_per_id, header};
use crate::content::csvdata;
use crate::content::model::*;
use crate::content::raw;
use crate::diag::fold_danish;
use std::collections::BTreeMap;

pub(super) fn key_figures(r: &mut R, k: raw::KeyFigures) -> KeyFiguresPart {
    const F: &str = "noegletal.yaml";
    r.index(F, Kind::Noegletal, k.noegletal.iter().map(|x| &x.id));
    let mut figures = Vec::new();
    for x in first_per_id(&k.noegletal, |x| &x.id) {
        let errors_before = r.cx.diags.error_count();
        let mut series: Vec<Series> = Vec::new();
        let mut csv_file: Option<CsvFile> = None;
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
                    csv_file = Some(CsvFile {
                        path: name,
                        text: text.clone(),
                    });
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
            && series.iter().all(|s| s.known().next().is_none())
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
            definition: r.md_opt(F, &x.definition),
            source: None, // from the provenance
            table: x.tabel.clone(),
            counting: x.opgoerelse,
            better: x.retning,
            target,
            decimals,
            csv: csv_file,
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
