//! `opfoelgning/`: reads the follow-up rounds (one file per round, named
//! by its month, `2024-05.yaml`) and the process (`proces.yaml`), then
//! checks them: a valid date that matches the file's name, no two rounds
//! on one date, no round before the report's period, actions and focus
//! areas that exist, and a warning when an action's status goes back.

use super::{Index, R, trimmed};
use crate::content::model::*;
use crate::content::raw;
use crate::content::{Cx, list_dir};
use crate::diag::Pos;
use crate::format::Date;
use std::collections::BTreeMap;

/// The folder of the follow-up rounds.
pub(crate) const DIR: &str = "opfoelgning";
/// The process file inside it.
const PROCESS: &str = "proces.yaml";

/// What was read from `opfoelgning/`: the process and each round with its
/// file name (`opfoelgning/2024-05.yaml`) and stem (`2024-05`).
pub(crate) struct RawFollowUp {
    pub process: Option<raw::Process>,
    pub rounds: Vec<(String, String, raw::Round)>,
}

/// Whether `stem` reads as a round's name: `ÅÅÅÅ-MM`.
pub(crate) fn is_round_name(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && (1..=12).contains(&stem[5..].parse::<u8>().unwrap_or(0))
}

pub(crate) fn load(cx: &mut Cx) -> Option<RawFollowUp> {
    let dir = cx.root.join(DIR);
    let entries = list_dir(cx, &dir, 1)?;
    let mut out = RawFollowUp {
        process: None,
        rounds: Vec::new(),
    };
    for e in entries.into_iter().filter(|e| e.depth() == 1) {
        let file_name = e.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') || file_name.ends_with('~') {
            continue;
        }
        let name = format!("{DIR}/{file_name}");
        let stem = file_name.strip_suffix(".yaml");
        if e.file_type().is_dir() || stem.is_none() {
            cx.diags
                .warning(&name, Pos::FILE, format!("`{name}` bliver ikke læst."))
                .hint("Mappen `opfoelgning/` rummer én YAML-fil pr. opfølgning, opkaldt efter måneden (fx `2024-05.yaml`), og evt. `proces.yaml`.");
            continue;
        }
        let stem = stem.unwrap_or_default().to_string();
        let is_process = file_name == PROCESS;
        if !is_process && !is_round_name(&stem) {
            cx.diags
                .warning(
                    &name,
                    Pos::FILE,
                    format!(
                        "Filen `{name}` bliver ikke læst: en opfølgning skal hedde efter sin måned."
                    ),
                )
                .hint("Kald filen fx `2024-05.yaml` (år-måned for mødets dato).");
            continue;
        }
        let Some(text) = cx.read_text(e.path()) else {
            cx.failed.insert(name);
            continue;
        };
        if is_process {
            out.process = cx.parse_yaml(&name, &text, 0);
        } else if let Some(round) = cx.parse_yaml(&name, &text, 0) {
            out.rounds.push((name, stem, round));
        } else {
            cx.failed.insert(name);
        }
    }
    Some(out)
}

/// Where the statuses of the actions stand, for `goes back` warnings.
struct Last {
    status: raw::Status,
    round: String,
}

pub(super) fn followup(
    r: &mut R,
    raw: RawFollowUp,
    actions: Option<&Index>,
    focus_areas: Option<&Index>,
    outcomes: Option<&Index>,
    settings: Option<&Settings>,
) -> FollowUpPart {
    let process = raw.process.map(|p| {
        let name = format!("{DIR}/{PROCESS}");
        let d = p.datakilder.unwrap_or_default();
        Process {
            frequency: trimmed(&p.hyppighed),
            forum: trimmed(&p.forum),
            quantitative: d.kvantitative,
            qualitative: d.kvalitative,
            cases: d.sager,
            report: trimmed(&p.rapport),
            description: r.md_opt(&name, &p.beskrivelse),
        }
    });
    // Rounds with a valid date, oldest first (the date decides, not the
    // file's name).
    let mut dated: Vec<(Date, String, String, raw::Round)> = Vec::new();
    for (file, stem, x) in raw.rounds {
        let Some(date) = Date::parse(&x.dato.value) else {
            r.cx.diags
                .error(
                    &file,
                    x.dato.pos,
                    format!("`{}` er ikke en gyldig dato.", x.dato.value.trim()),
                )
                .hint("Skriv mødets dato som år-måned-dag, fx `2024-05-14`.");
            continue;
        };
        let want = format!("{:04}-{:02}", date.year, date.month);
        if want != stem {
            r.cx.diags
                .warning(
                    &file,
                    x.dato.pos,
                    format!(
                        "Filen hedder `{stem}.yaml`, men opfølgningens dato er {}.",
                        date.long("da")
                    ),
                )
                .hint(format!("Omdøb filen til `{want}.yaml`, eller ret datoen. Opfølgningerne vises i datoernes rækkefølge."));
        }
        if let Some(s) = settings
            && (date.year, date.month) < (s.period_span.from.year, s.period_span.from.month)
        {
            r.cx.diags
                .warning(
                    &file,
                    x.dato.pos,
                    format!(
                        "Opfølgningen {} ligger før rapportens periode ({}).",
                        date.long("da"),
                        s.period_span.long("da")
                    ),
                )
                .hint("Ret datoen, eller ret `periode` i omstil.yaml.");
        }
        dated.push((date, file, stem, x));
    }
    dated.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut rounds: Vec<Round> = Vec::new();
    let mut last: BTreeMap<usize, Last> = BTreeMap::new();
    for (date, file, stem, x) in dated {
        if let Some(other) = rounds.iter().find(|o| o.date == date) {
            r.cx.diags
                .error(
                    &file,
                    x.dato.pos,
                    format!(
                        "To opfølgninger har samme dato, {}: `{}` og denne.",
                        date.long("da"),
                        other.file
                    ),
                )
                .hint("Saml dem i én fil, eller ret datoen i den ene.");
            continue;
        }
        let mut named = Vec::new();
        let mut seen: BTreeMap<usize, Pos> = BTreeMap::new();
        for a in &x.handlinger {
            let Some(i) = r.one_ref(&file, Kind::Handling, &a.handling, a.handling.pos, actions)
            else {
                continue;
            };
            if let Some(p) = seen.get(&i) {
                r.cx.diags
                    .error(
                        &file,
                        a.handling.pos,
                        format!(
                            "Handlingen `{}` står allerede i linje {}.",
                            a.handling.value, p.line
                        ),
                    )
                    .hint("Nævn hver handling én gang pr. opfølgning.");
                continue;
            }
            seen.insert(i, a.handling.pos);
            let status = a.status.as_ref().map(|s| s.value);
            if let Some(s) = &a.status {
                if let Some(l) = last.get(&i)
                    && goes_back(l.status, s.value)
                {
                    r.cx.diags
                        .warning(
                            &file,
                            s.pos,
                            format!(
                                "Handlingen `{}` går tilbage fra `{}` ({}) til `{}` (her).",
                                a.handling.value,
                                l.status.key(),
                                l.round,
                                s.value.key()
                            ),
                        )
                        .hint("Er det rigtigt, så skriv i kommentaren hvorfor; ellers ret status.");
                }
                last.insert(
                    i,
                    Last {
                        status: s.value,
                        round: file.clone(),
                    },
                );
            }
            named.push(RoundAction {
                action: i,
                status,
                comment: trimmed(&a.kommentar),
            });
        }
        let cases = x
            .sager
            .iter()
            .map(|c| RoundCase {
                title: c.titel.trim().to_string(),
                text: r.md_opt(&file, &c.tekst),
                focus_areas: r.refs(&file, Kind::Fokusomraade, &c.fokusomraader, focus_areas),
                outcomes: r.refs(&file, Kind::Maal, &c.maal, outcomes),
            })
            .collect();
        rounds.push(Round {
            id: stem,
            date,
            forum: trimmed(&x.forum),
            title: trimmed(&x.titel),
            intro: r.md_opt(&file, &x.indledning),
            themes: nonempty(x.temaer),
            actions: named,
            findings: x
                .fund
                .iter()
                .filter(|f| !f.value.trim().is_empty())
                .map(|f| r.md(&file, f))
                .collect(),
            cases,
            decisions: nonempty(x.beslutninger),
            file,
        });
    }
    // Two files may name the same month (one with a date in another
    // month): the pages are named by the file, so that stays unique.
    FollowUpPart { process, rounds }
}

fn nonempty(v: Vec<String>) -> Vec<String> {
    v.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_round_name;

    #[test]
    fn round_names_are_year_and_month() {
        assert!(is_round_name("2024-05"));
        assert!(is_round_name("2024-12"));
        assert!(!is_round_name("2024-13"));
        assert!(!is_round_name("2024-5"));
        assert!(!is_round_name("maj-2024"));
        assert!(!is_round_name("proces"));
    }
}
