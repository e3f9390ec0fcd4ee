//! A serde [`Deserializer`] over [`Node`], with Danish errors that carry the
//! position of the value or key they are about. Recovery after an error
//! ([`from_node`]: prune what failed and try again) is in `prune.rs`.

use super::{Key, Node, NodeKind, ScalarKind};
use crate::diag::{Pos, did_you_mean};
use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use std::fmt;

pub use super::prune::{Outcome, from_node};

/// Name used by [`Sp`] to ask this deserializer for a position.
pub(crate) const SP_MARKER: &str = "$omstil::Sp";

/// A value together with the position it was written at. Use it for ids and
/// references so that later checks can point at the exact place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sp<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Sp<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Sp { value, pos }
    }
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Sp<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en værdi")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Sp<T>, A::Error> {
                let line: u32 = s.next_element()?.unwrap_or(0);
                let col: u32 = s.next_element()?.unwrap_or(0);
                let value = s
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("intern fejl: værdi mangler"))?;
                Ok(Sp {
                    value,
                    pos: Pos::new(line, col),
                })
            }
            fn visit_newtype_struct<D: de::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Sp<T>, D::Error> {
                Ok(Sp {
                    value: T::deserialize(d)?,
                    pos: Pos::FILE,
                })
            }
        }
        d.deserialize_newtype_struct(SP_MARKER, V(std::marker::PhantomData))
    }
}

/// In a JSON Schema, a spanned value is just the value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// What went wrong while turning a node into a typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    InvalidType {
        unexpected: String,
        expected: String,
    },
    InvalidValue {
        unexpected: String,
        expected: String,
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    Custom(String),
}

/// A deserialization error with the node it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub pos: Option<Pos>,
    /// The node (value, or key for unknown fields) the error is about.
    pub node: Option<u32>,
    /// The key under which the failing value stood, if any.
    pub field: Option<String>,
}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            pos: None,
            node: None,
            field: None,
        }
    }

    pub(super) fn at_node(mut self, pos: Pos, node: u32) -> Self {
        if self.pos.is_none() {
            self.pos = Some(pos);
            self.node = Some(node);
        }
        self
    }

    fn in_field(mut self, field: &str) -> Self {
        if self.field.is_none() {
            self.field = Some(field.to_string());
        }
        self
    }

    /// The plain Danish sentence and an optional hint.
    pub fn message(&self) -> (String, Option<String>) {
        let field = self.field.as_deref();
        match &self.kind {
            ErrorKind::UnknownField { field: f, expected } => {
                let hint = match did_you_mean(f, expected.iter().copied()) {
                    Some(s) => format!("Mente du `{s}`?"),
                    None => format!("Tilladte nøgler her: {}.", list(expected)),
                };
                (format!("Ukendt nøgle `{f}`."), Some(hint))
            }
            ErrorKind::MissingField(f) => (
                format!("Nøglen `{f}` mangler her."),
                Some(format!("Tilføj `{f}: …` i dette afsnit.")),
            ),
            ErrorKind::InvalidType {
                unexpected,
                expected,
            } => {
                let what = match field {
                    Some(f) => format!("`{f}`"),
                    None => "Værdien".to_string(),
                };
                (
                    format!(
                        "{what} skal være {}, men er {unexpected}.",
                        danish_expected(expected)
                    ),
                    None,
                )
            }
            ErrorKind::InvalidValue {
                unexpected,
                expected,
            } => {
                let what = match field {
                    Some(f) => format!("`{f}`"),
                    None => "Værdien".to_string(),
                };
                (
                    format!(
                        "{what} skal være {}, men er {unexpected}.",
                        danish_expected(expected)
                    ),
                    None,
                )
            }
            ErrorKind::UnknownVariant { variant, expected } => {
                let what = match field {
                    Some(f) => format!(" for `{f}`"),
                    None => String::new(),
                };
                let hint = match did_you_mean(variant, expected.iter().copied()) {
                    Some(s) => format!("Mente du `{s}`? Tilladte værdier: {}.", list(expected)),
                    None => format!("Tilladte værdier: {}.", list(expected)),
                };
                (
                    format!("`{variant}` er ikke en gyldig værdi{what}."),
                    Some(hint),
                )
            }
            ErrorKind::Custom(m) => {
                let m = match field {
                    Some(f) if m.contains("{felt}") => m.replace("{felt}", &format!("`{f}`")),
                    _ => m.replace("{felt}", "Værdien"),
                };
                match m.split_once(" || ") {
                    Some((msg, hint)) => (msg.to_string(), Some(hint.to_string())),
                    None => (m, None),
                }
            }
        }
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde's English "expected" phrases → Danish. Our own visitors already
/// write Danish and pass through unchanged.
fn danish_expected(e: &str) -> String {
    let l = e.to_lowercase();
    if l.starts_with("struct ") || l.contains("map") {
        "en samling af nøgler (nøgle: værdi)".into()
    } else if l.contains("sequence") || l.contains("tuple") {
        "en liste (linjer der starter med `- `)".into()
    } else if l.contains("string") || l.contains("char") {
        "en tekst".into()
    } else if l.contains("bool") {
        "`true` eller `false`".into()
    } else if [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize", "integer",
    ]
    .iter()
    .any(|t| l == *t || l.contains("integer"))
    {
        "et helt tal".into()
    } else if l == "f32" || l == "f64" || l.contains("float") {
        "et tal".into()
    } else if l.contains("variant") || l.contains("enum") {
        "en af de tilladte værdier".into()
    } else if ["en ", "et ", "`", "tom"].iter().any(|p| l.starts_with(p)) {
        e.to_string() // our own visitors write Danish
    } else {
        "en gyldig værdi".into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.message().0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::InvalidType {
            unexpected: danish_unexpected(unexp),
            expected: exp.to_string(),
        })
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::InvalidValue {
            unexpected: danish_unexpected(unexp),
            expected: exp.to_string(),
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownField {
            field: field.to_string(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingField(field))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownVariant {
            variant: variant.to_string(),
            expected,
        })
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(ErrorKind::Custom(format!(
            "{{felt}} har {len} elementer, men skal være {}.",
            danish_expected(&exp.to_string())
        )))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::new(ErrorKind::Custom(format!(
            "Nøglen `{field}` står to gange i samme afsnit."
        )))
    }
}

fn danish_unexpected(u: Unexpected) -> String {
    match u {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => format!("tallet {n}"),
        Unexpected::Signed(n) => format!("tallet {n}"),
        Unexpected::Float(n) => format!("tallet {n}"),
        Unexpected::Char(c) => format!("tegnet `{c}`"),
        Unexpected::Str(s) => format!("teksten \"{s}\""),
        Unexpected::Unit => "tom".into(),
        Unexpected::Seq => "en liste".into(),
        Unexpected::Map => "en samling af nøgler".into(),
        // A number or `true`/`false` as written in the file.
        Unexpected::Other(s) => format!("`{s}`"),
        Unexpected::Option => "en valgfri værdi".into(),
        Unexpected::Bytes(_) => "en række bytes".into(),
        Unexpected::NewtypeStruct
        | Unexpected::Enum
        | Unexpected::UnitVariant
        | Unexpected::NewtypeVariant
        | Unexpected::TupleVariant
        | Unexpected::StructVariant => "en sammensat værdi".into(),
    }
}

fn unexpected(node: &Node) -> Unexpected<'_> {
    match &node.kind {
        NodeKind::Null => Unexpected::Unit,
        NodeKind::Scalar(ScalarKind::Str, s) => Unexpected::Str(s),
        NodeKind::Scalar(_, s) => Unexpected::Other(s),
        NodeKind::Seq(_) => Unexpected::Seq,
        NodeKind::Map(_) => Unexpected::Map,
    }
}

/// Deserializer over one node.
pub struct NodeDe<'a> {
    node: &'a Node,
}

impl<'a> NodeDe<'a> {
    pub fn new(node: &'a Node) -> Self {
        NodeDe { node }
    }

    fn scalar(&self) -> Option<(ScalarKind, &'a str)> {
        match &self.node.kind {
            NodeKind::Scalar(k, s) => Some((*k, s.as_str())),
            _ => None,
        }
    }

    fn err_type(&self, exp: &dyn de::Expected) -> Error {
        <Error as de::Error>::invalid_type(unexpected(self.node), exp)
    }
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $t:ty) => {
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            match self.scalar() {
                Some((k, s)) if k != ScalarKind::Bool => match parse_int::<$t>(s) {
                    Some(n) => v.$visit(n),
                    None if is_integer(s) => {
                        Err(out_of_range(s, <$t>::MIN as i128, <$t>::MAX as i128))
                    }
                    None => Err(self.err_type(&"et helt tal")),
                },
                _ => Err(self.err_type(&"et helt tal")),
            }
        }
    };
}

/// YAML 1.2 floats as Rust reads them, plus `.inf`, `-.inf` and `.nan`.
pub(crate) fn parse_yaml_float(s: &str) -> Option<f64> {
    let t = s.trim().replace('_', "");
    match t.to_lowercase().as_str() {
        ".nan" => Some(f64::NAN),
        ".inf" | "+.inf" => Some(f64::INFINITY),
        "-.inf" => Some(f64::NEG_INFINITY),
        l => l.parse().ok(),
    }
}

fn parse_int<T: std::str::FromStr>(s: &str) -> Option<T> {
    let s = s.trim();
    s.parse::<T>()
        .ok()
        .or_else(|| s.replace('_', "").parse::<T>().ok())
}

/// Whether `s` is written as a whole number (of any size).
fn is_integer(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// "`kapacitet` skal være et helt tal fra 0 til 4.294.967.295, men er -5."
pub(crate) fn out_of_range(s: &str, min: i128, max: i128) -> Error {
    de::Error::custom(range_message(s, min, max))
}

/// The sentence of [`out_of_range`], with `{felt}` for the key.
pub(crate) fn range_message(s: &str, min: i128, max: i128) -> String {
    // Years and small bounds as written (2100), large ones grouped.
    let bound = |n: i128| match n.unsigned_abs() {
        a if a < 10_000 => n.to_string(),
        a if n < 0 => format!("-{}", crate::format::integer(a)),
        a => crate::format::integer(a),
    };
    let range = if max == i128::MAX || max as u128 >= u64::MAX as u128 {
        if min == 0 {
            "et helt tal på 0 eller derover".to_string()
        } else {
            "et helt tal".to_string()
        }
    } else {
        format!("et helt tal fra {} til {}", bound(min), bound(max))
    };
    format!("{{felt}} skal være {range}, men er {}.", s.trim())
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Null => v.visit_unit(),
            NodeKind::Scalar(ScalarKind::Str, s) => v.visit_str(s),
            NodeKind::Scalar(ScalarKind::Bool, s) => v.visit_bool(s.eq_ignore_ascii_case("true")),
            NodeKind::Scalar(ScalarKind::Int, s) => match s.parse::<i64>() {
                Ok(n) => v.visit_i64(n),
                Err(_) => v.visit_str(s),
            },
            NodeKind::Scalar(ScalarKind::Float, s) => match s.parse::<f64>() {
                Ok(n) => v.visit_f64(n),
                Err(_) => v.visit_str(s),
            },
            NodeKind::Seq(items) => v.visit_seq(SeqAcc {
                items: items.iter(),
            }),
            NodeKind::Map(entries) => v.visit_map(MapAcc {
                entries: entries.iter(),
                current: None,
            }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((_, s)) if s.eq_ignore_ascii_case("true") || s == "ja" => v.visit_bool(true),
            Some((_, s)) if s.eq_ignore_ascii_case("false") || s == "nej" => v.visit_bool(false),
            _ => Err(self.err_type(&"bool")),
        }
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);
    int_method!(deserialize_i128, visit_i128, i128);

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((k, s)) if k != ScalarKind::Bool => match crate::format::parse_danish_number(s) {
                Some(n) => v.visit_f64(n),
                // YAML's own spellings: `1.5e3`, and the non-finite `.nan`,
                // `.inf` and `1e309` (too large for any number).
                None if k == ScalarKind::Float => match parse_yaml_float(s) {
                    Some(n) if n.is_finite() => v.visit_f64(n),
                    _ => Err(de::Error::custom(format!(
                        "{{felt}} skal være et almindeligt tal, men `{}` er {}. || Skriv et tal som `12` eller `\"12,5\"`.",
                        s.trim(),
                        if s.to_lowercase().contains("nan") {
                            "ikke et tal"
                        } else {
                            "uendelig stort"
                        }
                    ))),
                },
                None => Err(self.err_type(&"et tal")),
            },
            _ => Err(self.err_type(&"et tal")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((_, s)) => v.visit_str(s),
            None => Err(self.err_type(&v)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Null => v.visit_unit(),
            _ => Err(self.err_type(&"tom")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        if name == SP_MARKER {
            v.visit_seq(SpAcc {
                pos: self.node.pos,
                value: Some(NodeDe::new(self.node)),
                step: 0,
            })
        } else {
            v.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Seq(items) => v.visit_seq(SeqAcc {
                items: items.iter(),
            }),
            // `hypoteser:` with nothing after it is an empty list.
            NodeKind::Null => v.visit_seq(SeqAcc { items: [].iter() }),
            _ => Err(self.err_type(&"sequence")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Map(entries) => v.visit_map(MapAcc {
                entries: entries.iter(),
                current: None,
            }),
            NodeKind::Null => v.visit_map(MapAcc {
                entries: [].iter(),
                current: None,
            }),
            _ => Err(self.err_type(&"map")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Scalar(_, s) => v.visit_enum(UnitEnum { variant: s }),
            _ => Err(self.err_type(&"en af de tilladte værdier")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}

struct UnitEnum<'a> {
    variant: &'a str,
}

impl<'de, 'a> EnumAccess<'de> for UnitEnum<'a> {
    type Error = Error;
    type Variant = UnitOnly;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, UnitOnly), Error> {
        let de: de::value::StrDeserializer<'_, Error> = self.variant.into_deserializer();
        Ok((seed.deserialize(de)?, UnitOnly))
    }
}

struct UnitOnly;

impl<'de> VariantAccess<'de> for UnitOnly {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, Error> {
        Err(de::Error::custom(
            "Her skal stå en enkelt værdi, ikke en samling.",
        ))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom(
            "Her skal stå en enkelt værdi, ikke en liste.",
        ))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::custom(
            "Her skal stå en enkelt værdi, ikke en samling.",
        ))
    }
}

struct SeqAcc<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de, 'a> SeqAccess<'de> for SeqAcc<'a> {
    type Error = Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match self.items.next() {
            Some(n) => seed
                .deserialize(NodeDe::new(n))
                .map(Some)
                .map_err(|e| e.at_node(n.pos, n.id)),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAcc<'a> {
    entries: std::slice::Iter<'a, (Key, Node)>,
    current: Option<&'a (Key, Node)>,
}

impl<'de, 'a> MapAccess<'de> for MapAcc<'a> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some(entry) => {
                self.current = Some(entry);
                let key = &entry.0;
                seed.deserialize(KeyDe { key })
                    .map(Some)
                    .map_err(|e| e.at_node(key.pos, key.id))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, node) = self.current.expect("value after key");
        seed.deserialize(NodeDe::new(node))
            .map_err(|e| e.in_field(&key.text).at_node(node.pos, node.id))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Gives `Sp<T>` its position: a sequence of line, column, value, where
/// the value comes from `D` (a node or a map key).
struct SpAcc<D> {
    pos: Pos,
    value: Option<D>,
    step: u8,
}

impl<'de, D: de::Deserializer<'de, Error = Error>> SeqAccess<'de> for SpAcc<D> {
    type Error = Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        self.step += 1;
        match self.step {
            1 => seed
                .deserialize(self.pos.line.into_deserializer())
                .map(Some),
            2 => seed.deserialize(self.pos.col.into_deserializer()).map(Some),
            _ => match self.value.take() {
                Some(d) => seed.deserialize(d).map(Some),
                None => Ok(None),
            },
        }
    }
}

/// Map keys: text, or numbers for maps keyed by year.
struct KeyDe<'a> {
    key: &'a Key,
}

macro_rules! key_int {
    ($method:ident, $visit:ident, $t:ty) => {
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            // Maps keyed by number are keyed by year.
            match parse_int::<$t>(&self.key.text) {
                Some(n) => v.$visit(n),
                None => Err(de::Error::custom(format!(
                    "`{}` er ikke et gyldigt årstal. || Skriv årstallet med fire cifre, fx `2023`.",
                    self.key.text
                ))),
            }
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for KeyDe<'a> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_str(&self.key.text)
    }
    key_int!(deserialize_u16, visit_u16, u16);
    key_int!(deserialize_u32, visit_u32, u32);
    key_int!(deserialize_i32, visit_i32, i32);
    key_int!(deserialize_u64, visit_u64, u64);
    key_int!(deserialize_i64, visit_i64, i64);
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        if name == SP_MARKER {
            v.visit_seq(SpAcc {
                pos: self.key.pos,
                value: Some(KeyDe { key: self.key }),
                step: 0,
            })
        } else {
            v.visit_newtype_struct(self)
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 u8 f32 f64 char str string bytes byte_buf option unit unit_struct
        seq tuple tuple_struct map struct enum identifier ignored_any i128 u128
    }
}

#[cfg(test)]
mod tests;
