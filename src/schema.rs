//! JSON Schemas for every kind of content file, generated from the same raw
//! serde types the loader uses (schemars), so they cannot drift apart.
//! Editors (VS Code's YAML extension and others) use them for completion
//! and inline errors while the consultant types.

use crate::content::raw;
use schemars::{JsonSchema, Schema, generate::SchemaSettings};
use serde_json::Value;

/// (file name of the schema, the content file(s) it is for, title, schema).
pub struct FileSchema {
    pub name: &'static str,
    pub applies_to: &'static [&'static str],
    pub title: &'static str,
    pub schema: Schema,
}

fn make<T: JsonSchema>(
    name: &'static str,
    applies_to: &'static [&'static str],
    title: &'static str,
    description: &str,
) -> FileSchema {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value: Value = schema.into();
    strip_type_descriptions(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), Value::String(title.into()));
        obj.insert("description".into(), Value::String(description.into()));
    }
    FileSchema {
        name,
        applies_to,
        title,
        schema: Schema::try_from(value).expect("an object schema"),
    }
}

/// Type-level doc comments are for developers (English); the field
/// descriptions are for consultants (Danish). Keep only the latter.
fn strip_type_descriptions(v: &mut Value) {
    let Some(obj) = v.as_object_mut() else { return };
    obj.remove("description");
    if let Some(Value::Object(defs)) = obj.get_mut("definitions").or(None) {
        for d in defs.values_mut() {
            if let Some(o) = d.as_object_mut() {
                o.remove("description");
            }
        }
    }
    if let Some(Value::Object(defs)) = obj.get_mut("$defs") {
        for d in defs.values_mut() {
            if let Some(o) = d.as_object_mut() {
                o.remove("description");
            }
        }
    }
}

/// All schemas, one per kind of file.
pub fn all() -> Vec<FileSchema> {
    vec![
        make::<raw::Settings>(
            "omstil.schema.json",
            &["omstil.yaml"],
            "Indstillinger (omstil.yaml)",
            "Kommunens navn, rapportens titel, periode, farver og sprog.",
        ),
        make::<raw::Analysis>(
            "modenhedsanalyse.schema.json",
            &["modenhedsanalyse.yaml"],
            "Modenhedsanalyse",
            "De seks temaer med fire kilder til viden og hypoteserne om udviklingspotentialer.",
        ),
        make::<raw::TheoryOfChange>(
            "forandringsteori.schema.json",
            &["forandringsteori.yaml"],
            "Forandringsteori",
            "Formål, indsatser, aktiviteter og mål.",
        ),
        make::<raw::Plan>(
            "udviklingsplan.schema.json",
            &["udviklingsplan.yaml"],
            "Udviklingsplan",
            "Fokusområder, handlinger, budget og opfølgning.",
        ),
        make::<raw::Services>(
            "tilbudsvifte.schema.json",
            &["tilbudsvifte.yaml"],
            "Tilbudsvifte",
            "Tilbuddene på indsatstrappen.",
        ),
        make::<raw::KeyFigures>(
            "noegletal.schema.json",
            &["noegletal.yaml"],
            "Nøgletal",
            "Nøgletallene med kilde, enhed og tal.",
        ),
        make::<raw::CaseReview>(
            "sagsanalyse.schema.json",
            &["sagsanalyse.yaml"],
            "Sagsanalyse",
            "Kriterier og resultater af sagsgennemgangen.",
        ),
        make::<raw::Actors>(
            "aktoerer.schema.json",
            &["aktoerer.yaml"],
            "Aktører",
            "Aktørerne omkring barnet og familien i en primær og en sekundær kreds.",
        ),
        make::<raw::Projects>(
            "projekter.schema.json",
            &["projekter.yaml"],
            "Projekter",
            "Projekterne med partner, finansiering, periode, status, budget og tilknytning til udviklingsplanen.",
        ),
        // == followup (issue 16) ==
        make::<raw::Round>(
            "opfoelgning.schema.json",
            &["opfoelgning/2*.yaml"],
            "Opfølgning",
            "En opfølgningsrunde: dato, forum, status for handlingerne, fund, sager og beslutninger.",
        ),
        make::<raw::Process>(
            "opfoelgningsproces.schema.json",
            &["opfoelgning/proces.yaml"],
            "Opfølgningsprocessen",
            "Hvor ofte planen følges op, i hvilket forum, med hvilke data og hvilken rapport.",
        ),
        // == end followup ==
        make::<raw::FrontMatter>(
            "side.schema.json",
            &["sider/*.md", "forside.md"],
            "Side (forside-blok)",
            "Blokken mellem `---`-linjerne øverst i en side.",
        ),
    ]
}

/// Pretty JSON with a trailing newline (deterministic: serde_json sorts
/// nothing, but schemars emits in declaration order).
pub fn to_json(s: &Schema) -> String {
    let mut t = serde_json::to_string_pretty(s).expect("schema serializes");
    t.push('\n');
    t
}

/// `.vscode/settings.json` mapping the schemas to the YAML files, for the
/// Red Hat YAML extension.
pub fn vscode_settings(schema_dir: &str) -> String {
    let mut map = serde_json::Map::new();
    for s in all() {
        let files: Vec<Value> = s
            .applies_to
            .iter()
            .filter(|f| f.ends_with(".yaml"))
            .map(|f| Value::String((*f).into()))
            .collect();
        if !files.is_empty() {
            map.insert(format!("./{schema_dir}/{}", s.name), Value::Array(files));
        }
    }
    let settings = serde_json::json!({
        "yaml.schemas": Value::Object(map),
        "yaml.validate": true,
        "yaml.completion": true,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": { "editor.insertSpaces": true, "editor.tabSize": 2 },
    });
    let mut t = serde_json::to_string_pretty(&settings).expect("settings serialize");
    t.push('\n');
    t
}
