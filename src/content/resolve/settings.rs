//! `omstil.yaml`: settings, checked and given their defaults.

use super::{R, is_valid_id};
use crate::content::model::*;
use crate::content::raw;
use crate::diag::Pos;
use crate::format::{Date, Month, Span};
use crate::yaml::de::Sp;

/// Settings for checking a report whose omstil.yaml failed to load.
pub(super) fn stand_in_settings() -> Settings {
    Settings {
        municipality: String::new(),
        title: String::new(),
        subtitle: None,
        language: Default::default(),
        period: (2000, 2000),
        period_span: Span {
            from: Month {
                year: 2000,
                month: 1,
            },
            to: Month {
                year: 2000,
                month: 12,
            },
        },
        names: Names::default(),
        audience: None,
        status_date: None,
        logo: None,
        primary: "#1d4f73".into(),
        accent: "#9a4a1c".into(),
        accessibility_url: None,
        theme: None,
        raw_html: false,
    }
}

fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

pub(super) fn settings(r: &mut R, s: raw::Settings) -> Settings {
    const F: &str = "omstil.yaml";
    placeholders(r, &s);
    let period_span = span(r, F, &s.periode).unwrap_or(stand_in_settings().period_span);
    let period = (period_span.from.year, period_span.to.year);
    let names = names(s.navne.as_ref());
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
        period_span,
        names,
        audience: s
            .maalgruppe
            .map(|m| m.value.trim().to_string())
            .filter(|m| !m.is_empty()),
        status_date,
        logo,
        primary,
        accent,
        accessibility_url,
        theme,
        raw_html: s.raa_html,
    }
}

/// A period as written (`2023`, `{ fra: 2023, til: 2025 }`, `{ fra:
/// 2016-07, til: 2019-06 }`), checked: each end a year or a year-month, the
/// first not after the last. `None` after an error.
pub(super) fn span(r: &mut R, file: &str, sp: &Sp<raw::Span>) -> Option<Span> {
    let pos = |p: crate::diag::Pos| {
        if p == crate::diag::Pos::FILE {
            sp.pos
        } else {
            p
        }
    };
    let mut end = |v: &Sp<String>, month: u8| {
        let m = Month::parse(&v.value, month);
        if m.is_none() {
            r.cx.diags
                .error(
                    file,
                    pos(v.pos),
                    format!("`{}` er hverken et år eller en måned.", v.value.trim()),
                )
                .hint(if v.pos == crate::diag::Pos::FILE {
                    "Skriv et år, fx `2023`, eller en periode som `{ fra: 2023, til: 2025 }` eller `{ fra: 2016-07, til: 2019-06 }`."
                } else {
                    "Skriv et år fra 1900 til 2200, fx `2023`, eller år-måned, fx `2016-07`."
                });
        }
        m
    };
    let (from, to) = (end(&sp.fra, 1), end(&sp.til, 12));
    let (from, to) = (from?, to?);
    if from > to {
        r.cx.diags
            .error(
                file,
                sp.pos,
                format!(
                    "Perioden {}–{} er ikke gyldig: den slutter, før den begynder.",
                    sp.fra.value.trim(),
                    sp.til.value.trim()
                ),
            )
            .hint("Skriv fx `periode: { fra: 2023, til: 2025 }` med det første år først.");
        return None;
    }
    Some(Span { from, to })
}

/// The report's own words (`navne`); a blank one is left out.
fn names(n: Option<&raw::Names>) -> Names {
    let mut out = Names::default();
    let Some(n) = n else {
        return out;
    };
    for (key, v) in [
        ("modenhedsanalyse", &n.modenhedsanalyse),
        ("forandringsteori", &n.forandringsteori),
        ("udviklingsplan", &n.udviklingsplan),
        ("tilbudsvifte", &n.tilbudsvifte),
        ("noegletal", &n.noegletal),
        ("sagsanalyse", &n.sagsanalyse),
        ("aktoerer", &n.aktoerer),
        ("projekter", &n.projekter),
        ("kortsigtet", &n.kortsigtet),
        ("langsigtet", &n.langsigtet),
    ] {
        if let Some(v) = v
            && !v.value.trim().is_empty()
        {
            out.0.insert(key, v.value.trim().to_string());
        }
    }
    out
}

/// Warns about the starter report's placeholders (`omstil init`) that are
/// still there: they would be published as facts.
fn placeholders(r: &mut R, s: &raw::Settings) {
    const F: &str = "omstil.yaml";
    for (key, placeholder) in crate::init::PLACEHOLDERS {
        let (value, pos) = match key {
            "kommune" => (Some(s.kommune.value.as_str()), s.kommune.pos),
            _ => match &s.tilgaengelighedserklaering {
                Some(u) => (Some(u.value.as_str()), u.pos),
                None => (None, Pos::FILE),
            },
        };
        if value.is_some_and(|v| v.trim() == placeholder) {
            r.cx.diags
                .warning(
                    F,
                    pos,
                    format!("`{key}: {placeholder}` er en pladsholder fra `omstil init`."),
                )
                .hint(match key {
                    "kommune" => "Skriv kommunens navn, fx `kommune: Egeskov Kommune`.",
                    _ => {
                        "Skriv adressen på jeres egen tilgængelighedserklæring (fra was.digst.dk)."
                    }
                });
        }
    }
}
