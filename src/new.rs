//! `omstil new <slags> <id>`: adds a new hypothesis, intervention, activity,
//! outcome, action, service, key figure, actor, project or page with the right skeleton in
//! the right file. Text is inserted into the YAML (comments and layout are
//! kept); the report is checked afterwards and the file restored if the
//! insertion would leave it broken, so nothing is lost.

use crate::content::{self, model::Kind};
use std::path::Path;

/// The kinds `new` knows, with their file, list key and skeleton.
const KINDS: [&str; 10] = [
    "hypotese",
    "indsats",
    "aktivitet",
    "maal",
    "handling",
    "tilbud",
    "noegletal",
    "aktoer",
    "projekt",
    "side",
];

fn skeleton(kind: &str, id: &str, indent: &str) -> String {
    let body = match kind {
        "hypotese" => format!(
            "- id: {id}\n  titel: \"Skriv hypotesen her\"\n  temaer: [sagsbehandling]\n  beskrivelse: |\n    Uddyb hypotesen.\n"
        ),
        "indsats" => format!(
            "- id: {id}\n  titel: \"Skriv indsatsens navn her\"\n  beskrivelse: |\n    Uddyb indsatsen.\n  hypoteser: []\n"
        ),
        "aktivitet" => format!(
            "- id: {id}\n  titel: \"Skriv aktivitetens navn her\"\n  omraade: myndighed\n  indsatser: [INDSATS]\n  maal: []\n"
        ),
        "maal" => format!(
            "- id: {id}\n  titel: \"Skriv målet her\"\n  type: kortsigtet\n  bidrager_til: []\n  indikatorer: []\n"
        ),
        "handling" => format!(
            // No invented owner, period or status: until the consultant
            // adds what the source states, the page says "Ikke oplyst".
            "- id: {id}\n  titel: \"Skriv handlingen her\"\n  aktiviteter: []\n  maal: []\n"
        ),
        "tilbud" => format!(
            "- id: {id}\n  titel: \"Skriv tilbuddets navn her\"\n  trin: forebyggende\n  alder: {{ fra: 0, til: 17 }}\n  behov: [BEHOV]\n  udbyder: egen\n"
        ),
        "noegletal" => format!(
            "- id: {id}\n  titel: \"Skriv nøgletallets navn her\"\n  enhed: antal\n  definition: \"Skriv definitionen her.\"\n  kilde: \"Danmarks Statistik\"\n  opgoerelse: aar\n  serier:\n    - rolle: kommune\n      vaerdier: {{ 2024: 0 }}\n"
        ),
        "aktoer" => format!(
            "- id: {id}\n  navn: \"Skriv aktørens navn her\"\n  kreds: primaer\n  beskrivelse: |\n    Hvad aktøren gør for barnet og familien.\n  handlinger: []\n  aktiviteter: []\n"
        ),
        "projekt" => format!(
            "- id: {id}\n  titel: \"Skriv projektets navn her\"\n  beskrivelse: |\n    Uddyb projektet.\n  fokusomraader: []\n  handlinger: []\n"
        ),
        _ => String::new(),
    };
    body.lines().map(|l| format!("{indent}{l}\n")).collect()
}

/// (file, list key, kind for the duplicate check).
fn target(kind: &str) -> Option<(&'static str, &'static str, Kind)> {
    Some(match kind {
        "hypotese" => ("modenhedsanalyse.yaml", "hypoteser", Kind::Hypotese),
        "indsats" => ("forandringsteori.yaml", "indsatser", Kind::Indsats),
        "aktivitet" => ("forandringsteori.yaml", "aktiviteter", Kind::Aktivitet),
        "maal" => ("forandringsteori.yaml", "maal", Kind::Maal),
        "handling" => ("udviklingsplan.yaml", "handlinger", Kind::Handling),
        "tilbud" => ("tilbudsvifte.yaml", "tilbud", Kind::Tilbud),
        "noegletal" => ("noegletal.yaml", "noegletal", Kind::Noegletal),
        "aktoer" => ("aktoerer.yaml", "aktoerer", Kind::Aktoer),
        "projekt" => ("projekter.yaml", "projekter", Kind::Projekt),
        "side" => ("sider/", "", Kind::Side),
        _ => return None,
    })
}

/// Inserts `snippet` at the end of the top-level list `key` (creating the
/// key if missing). Returns the new text.
pub fn insert_top_level(text: &str, key: &str, snippet: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let head = format!("{key}:");
    let Some(start) = lines
        .iter()
        .position(|l| l.trim_end() == head || l.starts_with(&format!("{head} ")))
    else {
        let mut t = text.trim_end().to_string();
        t.push_str(&format!("\n{head}\n{snippet}"));
        return t;
    };
    insert_in_block(&lines, start, 0, snippet, &head)
}

/// Inserts into the block that starts at line `start` (a key at `indent`).
fn insert_in_block(
    lines: &[&str],
    start: usize,
    indent: usize,
    snippet: &str,
    head: &str,
) -> String {
    let mut end = start + 1;
    let mut last = start;
    while end < lines.len() {
        let l = lines[end];
        let lead = l.len() - l.trim_start().len();
        if !l.trim().is_empty()
            && !l.trim_start().starts_with('#')
            && (lead < indent || (lead == indent && !l.trim_start().starts_with("- ")))
        {
            break;
        }
        if !l.trim().is_empty() && !l.trim_start().starts_with('#') {
            last = end;
        }
        end += 1;
    }
    let mut out: Vec<String> = lines[..=last].iter().map(|s| s.to_string()).collect();
    // `hypoteser: []` becomes a block list.
    if last == start && lines[start].contains('[') {
        out[start] = format!("{}{head}", " ".repeat(indent));
    }
    out.push(snippet.trim_end().to_string());
    out.extend(lines[last + 1..].iter().map(|s| s.to_string()));
    let mut t = out.join("\n");
    t.push('\n');
    t
}

/// Inserts an action under the focus area `fa` in udviklingsplan.yaml.
fn insert_action(text: &str, fa: &str, id: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let item = lines
        .iter()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix("- id:")
                .is_some_and(|v| v.trim().trim_matches('"') == fa)
        })
        .ok_or_else(|| format!("Fokusområdet `{fa}` findes ikke i udviklingsplan.yaml."))?;
    let item_indent = lines[item].len() - lines[item].trim_start().len() + 2;
    let mut end = item + 1;
    while end < lines.len() {
        let l = lines[end];
        let lead = l.len() - l.trim_start().len();
        if !l.trim().is_empty() && lead < item_indent && !l.trim_start().starts_with('#') {
            break;
        }
        end += 1;
    }
    let pad = " ".repeat(item_indent);
    let head = format!("{pad}handlinger:");
    match (item..end)
        .find(|i| lines[*i].trim_end() == head || lines[*i].starts_with(&format!("{head} ")))
    {
        Some(h) => Ok(insert_in_block(
            &lines,
            h,
            item_indent,
            &skeleton("handling", id, &format!("{pad}  ")),
            "handlinger:",
        )),
        None => {
            let mut out: Vec<String> = lines[..end].iter().map(|s| s.to_string()).collect();
            while out.last().is_some_and(|l| l.trim().is_empty()) {
                out.pop();
            }
            out.push(head);
            out.push(
                skeleton("handling", id, &format!("{pad}  "))
                    .trim_end()
                    .to_string(),
            );
            out.extend(lines[end..].iter().map(|s| s.to_string()));
            Ok(out.join("\n") + "\n")
        }
    }
}

/// Adds entity `id` of `kind` to the report in `root`. Returns the file
/// changed, relative to the report.
pub fn new(root: &Path, kind: &str, id: &str, focus_area: Option<&str>) -> Result<String, String> {
    let Some((file, key, k)) = target(kind) else {
        return Err(format!(
            "`{kind}` er ikke en slags, omstil kan oprette. Vælg en af: {}.",
            KINDS.join(", ")
        ));
    };
    if !content::is_valid_id(id) {
        return Err(format!(
            "`{id}` kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreger, fx `{}`.",
            content::suggest_id_pub(id)
        ));
    }
    let loaded = content::load(root);
    let Some(report) = loaded.report else {
        return Err(
            "Rapporten har fejl. Ret dem først (se `omstil check`), så der ikke kommer flere til."
                .into(),
        );
    };
    let links = crate::markdown::LinkIndex::new(&report);
    if links.title(k, id).is_some() {
        return Err(format!(
            "Id'et `{id}` bruges allerede af {} i rapporten; vælg et andet.",
            k.definite()
        ));
    }
    if kind == "side" {
        let rel = format!("sider/{id}.md");
        let path = root.join(&rel);
        std::fs::create_dir_all(root.join("sider")).map_err(|e| e.to_string())?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("Kan ikke oprette {rel}: {e}"))?;
        std::io::Write::write_all(&mut f, "---\ntitel: Skriv sidens titel her\nbeskrivelse: Én linje om siden\n---\nSkriv sidens tekst her. Link til andet i rapporten med fx `[tekst](@hypotese/id)`.\n".as_bytes()).map_err(|e| e.to_string())?;
        return Ok(rel);
    }
    let path = root.join(file);
    let old = if path.is_file() {
        std::fs::read_to_string(&path).map_err(|e| format!("Kan ikke læse {file}: {e}"))?
    } else {
        String::new()
    };
    // Skeletons that must point at something use the first that exists.
    let first_intervention = report
        .toc
        .as_ref()
        .and_then(|t| t.interventions.first())
        .map(|i| i.h.id.clone());
    let first_need = report
        .services
        .as_ref()
        .and_then(|s| s.needs.first())
        .map(|n| n.id.clone());
    let fill = |snippet: String| -> Result<String, String> {
        let mut s = snippet;
        if s.contains("INDSATS") {
            let i = first_intervention.clone().ok_or("Opret først en indsats, fx `omstil new indsats opsporing`, så aktiviteten har noget at høre under.")?;
            s = s.replace("INDSATS", &i);
        }
        if s.contains("BEHOV") {
            let n = first_need
                .clone()
                .ok_or("Tilføj først mindst ét behov under `behov:` i tilbudsvifte.yaml.")?;
            s = s.replace("BEHOV", &n);
        }
        Ok(s)
    };
    let new_text = if kind == "handling" {
        let fa = match focus_area {
            Some(f) => f.to_string(),
            None => match report.plan.as_ref().map(|p| p.focus_areas.as_slice()) {
                Some([only]) => only.h.id.clone(),
                areas => {
                    let ids: Vec<&str> = areas
                        .unwrap_or_default()
                        .iter()
                        .map(|f| f.h.id.as_str())
                        .collect();
                    return Err(which_focus_area(&ids));
                }
            },
        };
        insert_action(&old, &fa, id)?
    } else {
        let prefix = if old.trim().is_empty() && file == "forandringsteori.yaml" {
            "formaal: |\n  Skriv det overordnede formål her.\n"
        } else {
            ""
        };
        insert_top_level(
            &format!("{prefix}{old}"),
            key,
            &fill(skeleton(kind, id, "  "))?,
        )
    };
    std::fs::write(&path, &new_text).map_err(|e| format!("Kan ikke skrive {file}: {e}"))?;
    // The report must still build; otherwise put the file back.
    let after = content::load(root);
    if let Some(d) = after
        .diags
        .iter()
        .find(|d| d.severity == crate::diag::Severity::Error)
    {
        let _ = if old.is_empty() {
            std::fs::remove_file(&path)
        } else {
            std::fs::write(&path, &old)
        };
        return Err(format!(
            "Kunne ikke indsætte i {file} uden fejl ({}: {}); intet er ændret. Tilføj {} i hånden.",
            d.location(),
            d.message,
            k.definite()
        ));
    }
    Ok(file.to_string())
}

/// The message when `omstil new handling` needs `--fokusomraade`: the ids
/// to choose from, or how to make the first focus area.
fn which_focus_area(ids: &[&str]) -> String {
    match ids {
        [] => "Planen har endnu ingen fokusområder. Tilføj et under `fokusomraader:` i udviklingsplan.yaml, og prøv igen.".into(),
        _ => format!(
            "Angiv fokusområdet med `--fokusomraade ID`. Planens fokusområder: {}.",
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_at_the_end_of_the_list_keeping_comments() {
        let t = "# top\nhypoteser:\n  - id: a\n    titel: A\n\n# slut\nforslag: []\n";
        let out = insert_top_level(t, "hypoteser", &skeleton("hypotese", "b", "  "));
        assert!(
            out.starts_with("# top\nhypoteser:\n  - id: a\n    titel: A\n  - id: b\n"),
            "{out}"
        );
        assert!(out.contains("\n# slut\nforslag: []\n"), "{out}");
    }

    #[test]
    fn actors_and_projects_go_into_their_own_files() {
        assert_eq!(target("aktoer").map(|t| t.0), Some("aktoerer.yaml"));
        assert_eq!(target("projekt").map(|t| t.0), Some("projekter.yaml"));
        let out = insert_top_level("", "aktoerer", &skeleton("aktoer", "ppr", "  "));
        assert!(out.contains("aktoerer:\n  - id: ppr\n    navn:"), "{out}");
        let out = insert_top_level("", "projekter", &skeleton("projekt", "p", "  "));
        assert!(out.contains("projekter:\n  - id: p\n    titel:"), "{out}");
    }

    #[test]
    fn turns_an_empty_flow_list_into_a_block_and_adds_missing_keys() {
        let out = insert_top_level(
            "hypoteser: []\n",
            "hypoteser",
            &skeleton("hypotese", "b", "  "),
        );
        assert!(out.starts_with("hypoteser:\n  - id: b\n"), "{out}");
        let out = insert_top_level(
            "temaer: []\n",
            "hypoteser",
            &skeleton("hypotese", "b", "  "),
        );
        assert!(out.contains("temaer: []\nhypoteser:\n  - id: b\n"), "{out}");
    }

    #[test]
    fn inserts_actions_under_their_focus_area() {
        assert_eq!(
            which_focus_area(&["a", "b"]),
            "Angiv fokusområdet med `--fokusomraade ID`. Planens fokusområder: `a`, `b`."
        );
        assert!(which_focus_area(&[]).contains("ingen fokusområder"));
        let t = "fokusomraader:\n  - id: a\n    titel: A\n    handlinger:\n      - id: x\n        titel: X\n  - id: b\n    titel: B\n";
        let out = insert_action(t, "a", "y").unwrap();
        assert!(out.contains("        titel: X\n      - id: y\n"), "{out}");
        assert!(out.contains("  - id: b\n    titel: B\n"));
        let out = insert_action(t, "b", "z").unwrap();
        assert!(out.ends_with("    titel: B\n    handlinger:\n      - id: z\n        titel: \"Skriv handlingen her\"\n        aktiviteter: []\n        maal: []\n"), "{out}");
    }
}
