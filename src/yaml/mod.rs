//! YAML in two steps. [`parse`] turns text into a [`Node`] tree that keeps
//! the line and column of every value (using serde-saphyr, with limits against
//! alias bombs and deep nesting). [`de::from_node`] then deserializes the raw
//! serde types from that tree, collecting *every* problem in a file rather
//! than stopping at the first: after each error it prunes the offending entry
//! and tries again.

pub mod de;
mod flat;
mod prune;

use crate::diag::Pos;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// How a scalar was written, so that a field that wants text can take
/// `2023` or `nej` as the text the user typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Str,
    Bool,
    Int,
    Float,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Scalar(ScalarKind, String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A YAML value with its position and a pre-order id (used for pruning).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
    pub id: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    pub pos: Pos,
    pub id: u32,
}

impl Node {
    /// The value of key `k` if this is a map.
    pub fn get(&self, k: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(key, _)| key.text == k)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(_, s) => Some(s),
            _ => None,
        }
    }
}

/// A YAML syntax problem: where and what, in Danish.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

// --- step 1: text → Node --------------------------------------------------

enum Raw {
    Null,
    Bool,
    Int,
    Float,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("en YAML-værdi")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
                Ok(Raw::Bool)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
                Ok(Raw::Int)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
                Ok(Raw::Int)
            }
            fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
                Ok(Raw::Int)
            }
            fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
                Ok(Raw::Int)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
                Ok(Raw::Float)
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Raw, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element()? {
                    v.push(x);
                }
                Ok(Raw::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Raw, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = m.next_entry()? {
                    v.push(x);
                }
                Ok(Raw::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.strict_booleans = true;
    o.with_snippet = false;
    // `.nan` and `1e309` reach our deserializer, which says so at their line
    // and goes on with the rest of the file.
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    o.alias_limits.max_total_replayed_events = 100_000;
    o.alias_limits.max_replay_stack_depth = 16;
    if let Some(b) = o.budget.as_mut() {
        b.max_depth = 48;
        b.max_nodes = 500_000;
        b.max_reader_input_bytes = Some(16 * 1024 * 1024);
    }
    o
}

/// Parses YAML text into a [`Node`] tree. `line_offset` is added to every
/// line (for front matter inside a Markdown file).
pub fn parse(text: &str, line_offset: u32) -> Result<Node, SyntaxError> {
    if let Some((line, col)) = find_tab_indent(text) {
        return Err(SyntaxError {
            pos: Pos::new(line + line_offset, col),
            message: "Der er et tabulator-tegn i indrykningen. YAML skal rykkes ind med mellemrum."
                .into(),
            hint: Some("Erstat tabulatoren med mellemrum (fx to mellemrum pr. niveau).".into()),
        });
    }
    if let Some(node) = flat::parse(text, line_offset) {
        return Ok(node);
    }
    let raw: Spanned<Raw> = match serde_saphyr::from_str_with_options(text, options()) {
        Ok(r) => r,
        Err(e) => return Err(translate_error(&e, line_offset)),
    };
    let mut next_id = 0;
    Ok(convert(raw, text, line_offset, &mut next_id))
}

fn find_tab_indent(text: &str) -> Option<(u32, u32)> {
    for (i, line) in text.lines().enumerate() {
        for (j, c) in line.chars().enumerate() {
            match c {
                ' ' | '-' => continue,
                '\t' => return Some((i as u32 + 1, j as u32 + 1)),
                _ => break,
            }
        }
    }
    None
}

fn pos_of(loc: &serde_saphyr::Location, line_offset: u32) -> Pos {
    Pos::new(loc.line() as u32 + line_offset, loc.column() as u32)
}

fn convert(raw: Spanned<Raw>, text: &str, line_offset: u32, next_id: &mut u32) -> Node {
    let id = *next_id;
    *next_id += 1;
    let pos = pos_of(&raw.referenced, line_offset);
    let source_text = || {
        let span = raw.defined.span();
        span.byte_offset()
            .zip(span.byte_len())
            .and_then(|(o, l)| text.get(o as usize..(o + l) as usize))
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool => NodeKind::Scalar(ScalarKind::Bool, source_text()),
        Raw::Int => NodeKind::Scalar(ScalarKind::Int, source_text()),
        Raw::Float => NodeKind::Scalar(ScalarKind::Float, source_text()),
        Raw::Str(s) => NodeKind::Scalar(ScalarKind::Str, s),
        Raw::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .map(|x| convert(x, text, line_offset, next_id))
                .collect(),
        ),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key_id = *next_id;
                    *next_id += 1;
                    let key = Key {
                        text: k.value,
                        pos: pos_of(&k.referenced, line_offset),
                        id: key_id,
                    };
                    (key, convert(v, text, line_offset, next_id))
                })
                .collect(),
        ),
    };
    Node { kind, pos, id }
}

/// serde-saphyr's messages are English; the common ones get a Danish
/// sentence, the rest keep the parser's words behind a Danish lead.
fn translate_error(e: &serde_saphyr::Error, line_offset: u32) -> SyntaxError {
    let pos = e
        .location()
        .map(|l| pos_of(&l, line_offset))
        .unwrap_or(Pos::new(1 + line_offset, 1));
    let english = e.without_snippet().to_string();
    let lower = english.to_lowercase();
    let (message, hint): (String, Option<&str>) = if lower.contains("duplicate mapping key") {
        let key = english
            .split("duplicate mapping key:")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap_or("")
            .trim()
            .to_string();
        (
            format!("Nøglen `{key}` står to gange i samme afsnit."),
            Some("Slet den ene, eller ret den til den nøgle, du mente."),
        )
    } else if lower.contains("alias") && (lower.contains("limit") || lower.contains("exceed")) {
        (
            "Filen bruger YAML-aliasser (`*navn`), der udvider sig til alt for meget indhold."
                .into(),
            Some("Skriv indholdet ud i stedet for at bruge `&anker` og `*alias`."),
        )
    } else if lower.contains("depth") || lower.contains("nesting") {
        (
            "Filen er indlejret for dybt (for mange niveauer af indrykning).".into(),
            Some("En omstil-fil har sjældent mere end 5–6 niveauer; tjek indrykningen."),
        )
    } else if lower.contains("budget") || lower.contains("too large") || lower.contains("max_") {
        (
            "Filen er for stor eller for kompleks til at blive læst.".into(),
            Some("Del indholdet op, eller fjern store blokke, der ikke hører til rapporten."),
        )
    } else if lower.contains("escape") {
        (
            "Et `\\` i tekst i dobbelte anførselstegn står foran et tegn, YAML ikke kender som escape.".into(),
            Some("Skriv `\\\\` for en omvendt skråstreg, eller sæt teksten i enkelte anførselstegn (`'…'`)."),
        )
    } else if lower.contains("trailing content after") && lower.contains("quoted") {
        (
            "Der står mere tekst efter det afsluttende anførselstegn.".into(),
            Some("Sæt hele værdien i anførselstegn, eller fjern anførselstegnene."),
        )
    } else if lower.contains("bracket") {
        (
            "En liste eller samling i `[ ]` eller `{ }` er ikke lukket rigtigt.".into(),
            Some(
                "Tjek at hver `[` har en `]` og hver `{` en `}`, og at elementerne er adskilt af komma.",
            ),
        )
    } else if lower.contains("unexpected character") {
        let c = english
            .split("unexpected character:")
            .nth(1)
            .and_then(|r| r.trim().strip_prefix('`'))
            .and_then(|r| r.chars().next())
            .unwrap_or('?');
        (
            format!("En værdi i YAML kan ikke begynde med tegnet `{c}`."),
            Some("Sæt teksten i anførselstegn, fx `titel: \"@tekst\"`."),
        )
    } else if lower.contains("block scalar") {
        (
            "Efter `|` eller `>` må der kun stå `-`, `+` eller et tal på samme linje; teksten begynder på linjen under.".into(),
            Some("Flyt teksten ned på næste linje, rykket ind under nøglen."),
        )
    } else if lower.contains("expected ':'") {
        (
            "Linjen mangler et kolon efter nøglen (`nøgle: værdi`).".into(),
            Some(
                "Skriv `nøgle: værdi`, eller ryk linjen ind, hvis den hører til teksten ovenover.",
            ),
        )
    } else if lower.contains("document start")
        || lower.contains("'-' indicator")
        || lower.contains("indentation")
    {
        (
            "Indrykningen passer ikke: linjen står ikke på linje med nøglerne over den.".into(),
            Some("Ret indrykningen, så nøgler på samme niveau står lige under hinanden."),
        )
    } else if lower.contains("mapping values are not allowed") {
        (
            "Et kolon står et sted, hvor YAML ikke tillader det.".into(),
            Some(
                "Sæt tekst, der indeholder `: `, i anførselstegn, fx `titel: \"Mål: færre anbringelser\"`.",
            ),
        )
    } else if lower.contains("did not find expected key") || lower.contains("expected key") {
        (
            "Indrykningen passer ikke: linjen står ikke på linje med nøglerne over den.".into(),
            Some("Ret indrykningen, så nøgler på samme niveau står lige under hinanden."),
        )
    } else if lower.contains("did not find expected ','") || lower.contains("flow") {
        (
            "En liste eller samling i `[ ]` eller `{ }` er ikke lukket rigtigt.".into(),
            Some(
                "Tjek at hver `[` har en `]` og hver `{` en `}`, og at elementerne er adskilt af komma.",
            ),
        )
    } else if lower.contains("unclosed quote") || lower.contains("quoted scalar") {
        (
            "Et anførselstegn er ikke lukket.".into(),
            Some("Afslut teksten med samme slags anførselstegn, som den begyndte med."),
        )
    } else if lower.contains("unknown anchor")
        || lower.contains("undefined alias")
        || lower.contains("unknown alias")
    {
        (
            "Et YAML-alias (`*navn`) henviser til et anker, der ikke findes.".into(),
            Some("Fjern `*`, eller sæt tekst med `*` i anførselstegn."),
        )
    } else if lower.contains("multiple") && lower.contains("documents") {
        (
            "Filen indeholder flere YAML-dokumenter (adskilt af `---`); der må kun være ét.".into(),
            Some("Fjern de ekstra `---`-linjer."),
        )
    } else if lower.contains("utf-8") || lower.contains("utf8") {
        (
            "Filen er ikke gemt som UTF-8.".into(),
            Some("Gem filen som UTF-8 i din editor."),
        )
    } else {
        // The parser's own English words are not shown to the consultant.
        (
            "YAML-syntaksen er ikke gyldig her.".into(),
            Some(
                "Tjek indrykning, kolon efter hver nøgle og anførselstegn omkring tekst med specialtegn.",
            ),
        )
    };
    SyntaxError {
        pos,
        message,
        hint: hint.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_source_text_of_scalars() {
        let n = parse("a: 1.50\nb: no\nc:\n  - x\n", 0).unwrap();
        let a = n.get("a").unwrap();
        assert_eq!(a.kind, NodeKind::Scalar(ScalarKind::Float, "1.50".into()));
        assert_eq!(a.pos, Pos::new(1, 4));
        assert_eq!(n.get("b").unwrap().as_str(), Some("no"));
        let NodeKind::Seq(items) = &n.get("c").unwrap().kind else {
            panic!()
        };
        assert_eq!(items[0].pos, Pos::new(4, 5));
    }

    #[test]
    fn line_offset_shifts_positions() {
        let n = parse("a: x\n", 3).unwrap();
        assert_eq!(n.get("a").unwrap().pos, Pos::new(4, 4));
    }

    #[test]
    fn reports_tab_indentation_in_danish() {
        let e = parse("a:\n\tb: 1\n", 0).unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 1));
        assert!(e.message.contains("tabulator"));
    }

    #[test]
    fn reports_duplicate_keys_in_danish() {
        let e = parse("a: 1\na: 2\n", 0).unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert!(e.message.contains("`a` står to gange"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_are_danish() {
        let english = [
            "invalid",
            "expected",
            "found",
            "while",
            "bracket",
            "unexpected",
            "character",
            "scalar",
            "mapping",
            "document",
            "line ",
            "column",
        ];
        for src in [
            "a: [x, y\n",
            "a: {x: y\n",
            "a: [x}]\n",
            "a: \"x\" y\n",
            "a: \"\\q\"\n",
            "a: 'x\n",
            "a: x\n  b: c\n",
            "a:\n  - b: 1\n   c: 2\n",
            "a: x\nfoo\nb: y\n",
            " a: x\nb: y\n",
            "a: |x\n  b\n",
            "a: `x`\n",
            "a: @x\n",
            "a: %x\n",
            "a: >\n  x\n y\n",
        ] {
            let e = parse(src, 0).unwrap_err();
            let text = format!("{} {}", e.message, e.hint.clone().unwrap_or_default());
            for w in english {
                assert!(!text.to_lowercase().contains(w), "{src:?}: {text}");
            }
        }
        assert!(
            parse("a: \"x\" y\n", 0)
                .unwrap_err()
                .message
                .contains("efter det afsluttende")
        );
        assert!(parse("a: @x\n", 0).unwrap_err().message.contains("`@`"));
    }

    #[test]
    fn refuses_alias_bombs() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        assert!(parse(bomb, 0).is_err());
    }
}
