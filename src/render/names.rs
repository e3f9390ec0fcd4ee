//! The words a report uses for its parts and horizons (omstil.yaml
//! `navne`): each name replaces the UI strings that carry that word, before
//! any page is rendered, so menus, headings, page titles, breadcrumbs, the
//! front page, the diagrams and print all say it. The defaults stay in
//! `strings.yaml` (per language).

use crate::content::model::Names;
use crate::theme::Strings;

/// `navne` key → the UI strings it names. One table: a new part adds its
/// row here.
pub const NAMED: [(&str, &[&str]); 10] = [
    ("modenhedsanalyse", &["part.analysis"]),
    ("forandringsteori", &["part.toc"]),
    ("udviklingsplan", &["part.plan"]),
    ("tilbudsvifte", &["part.services"]),
    ("noegletal", &["part.figures"]),
    ("sagsanalyse", &["part.cases"]),
    ("aktoerer", &["part.actors"]),
    ("projekter", &["part.projects"]),
    (
        "kortsigtet",
        &["outcome.short", "toc.short_outcomes", "diagram.col.short"],
    ),
    (
        "langsigtet",
        &["outcome.long", "toc.long_outcomes", "diagram.col.long"],
    ),
];

/// Puts the report's names into the UI strings.
pub fn apply(strings: &mut Strings, names: &Names) {
    for (key, targets) in NAMED {
        if let Some(word) = names.0.get(key) {
            for t in targets {
                strings.set(t, word);
            }
        }
    }
}

/// "Overblik for styregruppen" when the report names its audience
/// (`maalgruppe`), else just "Overblik".
pub fn audience(strings: &mut Strings, audience: Option<&str>) {
    if let Some(a) = audience {
        let heading = format!("{} {a}", strings.get("toc.overview_for"));
        strings.set("toc.overview", &heading);
    }
}

#[cfg(test)]
mod tests {
    /// Every key of `navne` in omstil.yaml has a row, and every row a key.
    #[test]
    fn every_name_has_a_row() {
        let schema = schemars::schema_for!(crate::content::raw::Names);
        let props = schema
            .as_value()
            .get("properties")
            .and_then(|p| p.as_object())
            .expect("properties");
        let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut rows: Vec<&str> = super::NAMED.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        rows.sort_unstable();
        assert_eq!(keys, rows);
    }
}
