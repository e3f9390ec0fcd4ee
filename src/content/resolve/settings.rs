//! `omstil.yaml`: settings, checked and given their defaults.

use super::{R, is_valid_id};
use crate::content::model::*;
use crate::content::raw;
use crate::format::Date;
use crate::yaml::de::Sp;

/// Settings for checking a report whose omstil.yaml failed to load.
pub(super) fn stand_in_settings() -> Settings {
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

fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

pub(super) fn settings(r: &mut R, s: raw::Settings) -> Settings {
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
