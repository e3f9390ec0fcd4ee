//! `omstil opfoelgning ny [DATO]`: starts the next follow-up round's file
//! (`opfoelgning/ÅÅÅÅ-MM.yaml`) with every action of the plan and its
//! current status filled in (from the latest round, else the plan) and a
//! comment to fill, so the consultant updates rather than retypes. Never
//! overwrites a file; the new file is checked, and removed again if it
//! would not read.

use crate::content::model::{FollowUpPart, Report};
use crate::content::raw::Status;
use crate::format::Date;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

/// Each action's current status: after the latest round that states it,
/// else the plan's.
pub fn current_statuses(report: &Report) -> Vec<Option<Status>> {
    let Some(plan) = report.plan.as_ref() else {
        return Vec::new();
    };
    let start: Vec<Option<Status>> = plan.actions.iter().map(|a| a.status).collect();
    match report.followup.as_ref() {
        Some(f) => f.statuses(&start).pop().unwrap_or(start),
        None => start,
    }
}

/// The text of the new round's file.
pub fn round_text(report: &Report, date: Date) -> String {
    let mut out = String::new();
    let lang = report.settings.lang();
    let _ = writeln!(
        out,
        "# Opfølgning {}. Ret status for de handlinger, der har flyttet sig, og skriv en kort kommentar.\n# Handlinger uden ændring og uden kommentar kan slettes; de beholder deres status.",
        date.long(lang)
    );
    let _ = writeln!(out, "dato: {}", date.iso());
    let forum = report.followup.as_ref().and_then(forum_of);
    match forum {
        Some(f) => {
            let _ = writeln!(out, "forum: {}", quoted(&f));
        }
        None => out.push_str("# forum: \"Temamøde i udvalget\"\n"),
    }
    out.push_str("temaer: []\n");
    if let Some(plan) = report.plan.as_ref() {
        let statuses = current_statuses(report);
        out.push_str("handlinger:\n");
        for (fi, fa) in plan.focus_areas.iter().enumerate() {
            let _ = writeln!(out, "  # {}", one_line(&fa.h.title));
            for (ai, a) in plan
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.focus_area == fi)
            {
                let _ = writeln!(out, "  - handling: {}  # {}", a.h.id, one_line(&a.h.title));
                match statuses.get(ai).copied().flatten() {
                    Some(s) => {
                        let _ = writeln!(out, "    status: {}", s.key());
                    }
                    None => out.push_str(
                        "    # status: planlagt, i-gang, gennemfoert, udskudt eller aflyst\n",
                    ),
                }
                out.push_str("    kommentar: \"\"\n");
            }
        }
    }
    out.push_str("fund: []\nsager: []\nbeslutninger: []\n");
    out
}

/// The forum of the process, else of the latest round.
fn forum_of(f: &FollowUpPart) -> Option<String> {
    f.process
        .as_ref()
        .and_then(|p| p.forum.clone())
        .or_else(|| f.rounds.iter().rev().find_map(|r| r.forum.clone()))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    serde_json::to_string(&one_line(s)).unwrap_or_default()
}

/// Writes the new round's file into `dir` and returns its path relative
/// to the report (`opfoelgning/2025-10.yaml`).
pub fn new_round(dir: &Path, date: Option<&str>) -> Result<String, String> {
    let date = match date {
        Some(d) => Date::parse(d).ok_or_else(|| {
            format!("`{d}` er ikke en gyldig dato. Skriv datoen som år-måned-dag, fx `2025-10-21`.")
        })?,
        None => today(),
    };
    let loaded = crate::content::load(dir);
    let Some(report) = loaded.report.or(loaded.unfinished) else {
        return Err(format!(
            "Rapporten i {} kan ikke læses. Ret fejlene først (se `omstil check`).",
            dir.display()
        ));
    };
    if report.plan.is_none() {
        return Err(
            "Rapporten har ingen udviklingsplan.yaml, så der er ingen handlinger at følge op på."
                .into(),
        );
    }
    let rel = format!("opfoelgning/{:04}-{:02}.yaml", date.year, date.month);
    let path: PathBuf = dir.join(&rel);
    if path.exists() {
        return Err(format!(
            "{rel} findes allerede og bliver ikke overskrevet. Ret i den fil, eller angiv en dato i en anden måned."
        ));
    }
    if let Some(other) = report
        .followup
        .as_ref()
        .and_then(|f| f.rounds.iter().find(|r| r.date == date))
    {
        return Err(format!(
            "{} har allerede en opfølgning den {}. Ret i den fil.",
            other.file,
            date.long("da")
        ));
    }
    std::fs::create_dir_all(dir.join("opfoelgning"))
        .map_err(|e| format!("Kan ikke oprette mappen opfoelgning: {e}"))?;
    // create_new: never overwrite, even if the file appeared meanwhile.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("Kan ikke skrive {rel}: {e}"))?;
    use std::io::Write as _;
    file.write_all(round_text(&report, date).as_bytes())
        .map_err(|e| format!("Kan ikke skrive {rel}: {e}"))?;
    drop(file);
    let after = crate::content::load(dir);
    if after
        .diags
        .iter()
        .any(|d| d.file == rel && d.severity == crate::diag::Severity::Error)
    {
        let _ = std::fs::remove_file(&path);
        return Err(format!(
            "Den nye opfølgning kunne ikke læses og er fjernet igen ({rel}). Det er en fejl i omstil; kør `omstil check` for detaljer."
        ));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), Date::parse("1970-01-01").unwrap());
        assert_eq!(civil_from_days(19_782), Date::parse("2024-02-29").unwrap());
        assert_eq!(civil_from_days(20_000), Date::parse("2024-10-04").unwrap());
    }
}
