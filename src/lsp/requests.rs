//! The language server's answers: completion of ids and `@kind/`
//! prefixes, go to definition, find references, hover and rename, all from
//! the [`Index`] of the last check.

use super::index::{Role, Site};
use super::text::{self, Want};
use super::{Index, Server};
use crate::content::model::Kind;
use lsp_server::Request;
use lsp_types::request::{
    Completion, GotoDefinition, HoverRequest, PrepareRenameRequest, References, Rename,
    Request as _,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionOptions, CompletionParams, CompletionResponse,
    CompletionTextEdit, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents,
    HoverParams, HoverProviderCapability, Location, MarkupContent, MarkupKind, OneOf,
    PrepareRenameResponse, Range, ReferenceParams, RenameOptions, RenameParams, ServerCapabilities,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit,
    WorkspaceEdit,
};
use serde_json::Value;
use std::collections::HashMap;

/// What the server offers.
pub(super) fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["@", "/", "[", " ", "-"].map(String::from).to_vec()),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    }
}

type Answer = Result<Value, String>;

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, String> {
    serde_json::from_value(req.params).map_err(|e| format!("Ugyldige parametre: {e}"))
}

fn json(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Whether [`handle`] answers `method`.
pub(super) fn knows(method: &str) -> bool {
    [
        Completion::METHOD,
        GotoDefinition::METHOD,
        References::METHOD,
        HoverRequest::METHOD,
        PrepareRenameRequest::METHOD,
        Rename::METHOD,
    ]
    .contains(&method)
}

pub(super) fn handle(s: &Server, req: Request) -> Answer {
    match req.method.as_str() {
        Completion::METHOD => completion(s, params(req)?),
        GotoDefinition::METHOD => {
            let p: GotoDefinitionParams = params(req)?;
            let Some(site) = site_at(s, &p.text_document_position_params) else {
                return Ok(Value::Null);
            };
            let def = s
                .index
                .sites_of(site.kind, &site.id)
                .into_iter()
                .find(|x| matches!(x.role, Role::Definition | Role::File));
            match def.and_then(|d| location(s, d)) {
                Some(l) => json(GotoDefinitionResponse::Scalar(l)),
                None => Ok(Value::Null),
            }
        }
        References::METHOD => {
            let p: ReferenceParams = params(req)?;
            let Some(site) = site_at(s, &p.text_document_position) else {
                return Ok(Value::Null);
            };
            let with_def = p.context.include_declaration;
            let list: Vec<Location> = s
                .index
                .sites_of(site.kind, &site.id)
                .into_iter()
                .filter(|x| with_def || matches!(x.role, Role::Reference | Role::Link))
                .filter_map(|x| location(s, x))
                .collect();
            json(list)
        }
        HoverRequest::METHOD => {
            let p: HoverParams = params(req)?;
            match site_at(s, &p.text_document_position_params) {
                Some(site) => json(hover(s, &site)),
                None => Ok(Value::Null),
            }
        }
        PrepareRenameRequest::METHOD => {
            let p: TextDocumentPositionParams = params(req)?;
            let Some(site) = site_at(s, &p) else {
                return Ok(Value::Null);
            };
            renamable(s, &site)?;
            let text = s.text(&site.file).unwrap_or("");
            json(PrepareRenameResponse::RangeWithPlaceholder {
                range: text::range(text, site.line, site.col, site.id.len() as u32),
                placeholder: site.id.clone(),
            })
        }
        Rename::METHOD => {
            let p: RenameParams = params(req)?;
            let Some(site) = site_at(s, &p.text_document_position) else {
                return Err("Markøren står ikke på et id.".into());
            };
            json(rename(s, &site, &p.new_name)?)
        }
        _ => Ok(Value::Null),
    }
}

/// The id under the cursor.
fn site_at(s: &Server, p: &TextDocumentPositionParams) -> Option<Site> {
    let rel = s.rel(&p.text_document.uri)?;
    let line = text::line_of(s.text(&rel)?, p.position.line);
    let col = text::char_col(line, p.position.character);
    s.index.at(&rel, p.position.line + 1, col).cloned()
}

fn location(s: &Server, site: &Site) -> Option<Location> {
    let uri = s.uri(&site.file)?;
    let range = match site.role {
        Role::File => Range::default(),
        _ => text::range(
            s.text(&site.file)?,
            site.line,
            site.col,
            site.id.len() as u32,
        ),
    };
    Some(Location::new(uri, range))
}

fn completion(s: &Server, p: CompletionParams) -> Answer {
    let pos = p.text_document_position;
    let Some(rel) = s.rel(&pos.text_document.uri) else {
        return Ok(Value::Null);
    };
    let Some(doc) = s.text(&rel) else {
        return Ok(Value::Null);
    };
    let line = text::line_of(doc, pos.position.line);
    let col = text::char_col(line, pos.position.character);
    let yaml =
        rel.ends_with(".yaml") || rel.ends_with(".yml") || in_front_matter(doc, pos.position.line);
    let l = pos.position.line + 1;
    let items = match text::want(doc, pos.position.line, col, yaml) {
        Some(Want::Ids(kind, start)) => {
            let range = text::range(doc, l, start, col - start);
            id_items(&s.index, kind, range)
        }
        Some(Want::Prefixes(at)) => {
            let range = text::range(doc, l, at, col - at);
            prefix_items(range)
        }
        None => return Ok(Value::Null),
    };
    json(CompletionResponse::Array(items))
}

/// Whether 0-based `line` is inside the `---` block at the top of a page.
fn in_front_matter(doc: &str, line: u32) -> bool {
    line > 0
        && doc.starts_with("---")
        && !doc
            .split('\n')
            .skip(1)
            .take(line as usize - 1)
            .any(|l| matches!(l.trim_end(), "---" | "..."))
}

fn id_items(index: &Index, kind: Kind, range: Range) -> Vec<CompletionItem> {
    index
        .ids_of(kind)
        .map(|(id, title)| CompletionItem {
            label: id.to_string(),
            kind: Some(CompletionItemKind::REFERENCE),
            detail: Some(title.to_string()),
            filter_text: Some(format!("{id} {title}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                id.to_string(),
            ))),
            ..Default::default()
        })
        .collect()
}

fn prefix_items(range: Range) -> Vec<CompletionItem> {
    let again = lsp_types::Command::new(
        "Foreslå id".into(),
        "editor.action.triggerSuggest".into(),
        None,
    );
    let kinds = Kind::ALL.into_iter().map(|k| {
        let text = format!("@{}/", k.link_word());
        CompletionItem {
            label: text.clone(),
            kind: Some(CompletionItemKind::MODULE),
            detail: Some(format!(
                "link til {} (id'er fra {})",
                k.definite(),
                k.home_file()
            )),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, text))),
            command: Some(again.clone()),
            ..Default::default()
        }
    });
    let overviews = crate::overviews::OVERVIEWS.iter().map(|o| {
        let text = format!("@{}", o.word);
        CompletionItem {
            label: text.clone(),
            kind: Some(CompletionItemKind::FILE),
            detail: Some(format!("oversigten {}", o.page)),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, text))),
            ..Default::default()
        }
    });
    kinds.chain(overviews).collect()
}

fn hover(s: &Server, site: &Site) -> Hover {
    let sites = s.index.sites_of(site.kind, &site.id);
    let title = s.index.title(site.kind, &site.id);
    let mut md = match title {
        Some(t) => format!("**{t}**\n\n"),
        None => format!("**`{}` findes ikke.**\n\n", site.id),
    };
    md.push_str(&format!("`@{}/{}`", site.kind.link_word(), site.id));
    if let Some(d) = sites
        .iter()
        .find(|x| x.role != Role::Reference && x.role != Role::Link)
    {
        md.push_str(&format!(" · defineret i {}", place(d)));
    }
    let uses: Vec<String> = sites
        .iter()
        .filter(|x| matches!(x.role, Role::Reference | Role::Link))
        .map(|x| place(x))
        .collect();
    if uses.is_empty() {
        md.push_str("\n\nBruges ingen steder.");
    } else {
        md.push_str(&format!(
            "\n\nBruges {} steder: {}",
            uses.len(),
            uses.join(", ")
        ));
    }
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: None,
    }
}

fn place(x: &Site) -> String {
    match x.role {
        Role::File => x.file.clone(),
        _ => format!("{}:{}", x.file, x.line),
    }
}

/// Whether the id can be renamed here (a page is renamed by its file).
fn renamable(s: &Server, site: &Site) -> Result<(), String> {
    if site.kind == Kind::Side {
        return Err(format!(
            "En sides id er dens filnavn: omdøb filen sider/{}.md (og ret linkene).",
            site.id
        ));
    }
    if site.kind == Kind::Tema {
        return Err("Modenhedsanalysens seks temaer har faste id'er, som ikke kan omdøbes.".into());
    }
    let defined = s
        .index
        .sites_of(site.kind, &site.id)
        .iter()
        .any(|x| x.role == Role::Definition);
    if s.index.title(site.kind, &site.id).is_some() && !defined {
        return Err(format!(
            "`{}` er et af omstils faste id'er og står ikke i en fil, så det kan ikke omdøbes.",
            site.id
        ));
    }
    if s.index.title(site.kind, &site.id).is_none() {
        return Err(format!(
            "{} `{}` findes ikke, så det kan ikke omdøbes.",
            site.kind.definite(),
            site.id
        ));
    }
    Ok(())
}

/// The edit that renames the id everywhere: its definition, every YAML
/// reference and every `@kind/id` link; nothing else.
// lsp-types' `WorkspaceEdit` is keyed by `Uri`, whose cached parts are a
// `Cell`; the hash does not depend on them (rust-analyzer allows it too).
#[allow(clippy::mutable_key_type)]
fn rename(s: &Server, site: &Site, new: &str) -> Result<WorkspaceEdit, String> {
    renamable(s, site)?;
    if !crate::content::is_valid_id(new) {
        return Err(format!(
            "`{new}` kan ikke bruges som id: brug kun små bogstaver a–z, tal og bindestreger."
        ));
    }
    if new != site.id && s.index.title(site.kind, new).is_some() {
        return Err(format!("Id'et `{new}` bruges allerede."));
    }
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for x in s.index.sites_of(site.kind, &site.id) {
        if x.role == Role::File {
            continue;
        }
        if let Some(l) = location(s, x) {
            changes
                .entry(l.uri)
                .or_default()
                .push(TextEdit::new(l.range, new.to_string()));
        }
    }
    for edits in changes.values_mut() {
        edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
        edits.dedup();
    }
    Ok(WorkspaceEdit::new(changes))
}
