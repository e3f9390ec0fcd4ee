//! Recovery after errors: [`from_node`] deserializes a raw type from a
//! [`Node`] tree again and again, pruning what failed each time, so that one
//! run reports every problem in a file (every bad value of a map, every bad
//! entry of a list) and the entries that had errors are left out whole.

use super::de::{Error, ErrorKind, NodeDe};
use super::{Node, NodeKind};
use serde::de::DeserializeOwned;

/// The result of [`from_node`]: the value if it could be made at all, every
/// error found on the way, and the `id`s of list entries that had to be left
/// out (so that references to them are not reported a second time).
pub struct Outcome<T> {
    pub value: Option<T>,
    pub errors: Vec<Error>,
    pub dropped_ids: Vec<String>,
}

/// Deserializes `T` from `root`, collecting all errors: after each error the
/// failing entry is pruned — the key and its value from their map, or the
/// item from its list — and deserialization is tried again, so every bad
/// value of a map is reported in one run. A required key pruned that way is
/// not reported as missing; its map is pruned in turn.
pub fn from_node<T: DeserializeOwned>(root: &Node) -> Outcome<T> {
    const MAX_ERRORS: usize = 100;
    let mut tree = root.clone();
    let mut errors = Vec::new();
    let mut pruned = Pruned::default();
    loop {
        match T::deserialize(NodeDe::new(&tree)) {
            // Entries that lost a value are left out whole, so that later
            // checks do not report what is missing a second time.
            Ok(_) if !pruned.tainted.is_empty() => {
                for item in std::mem::take(&mut pruned.tainted) {
                    pruned.remove(&mut tree, item, None, false);
                }
            }
            Ok(v) => {
                return Outcome {
                    value: Some(v),
                    errors,
                    dropped_ids: pruned.ids,
                };
            }
            Err(e) => {
                let e = e.at_node(tree.pos, tree.id);
                let target = e.node;
                let explained = match (&e.kind, target) {
                    (ErrorKind::MissingField(f), Some(map)) => pruned
                        .entries
                        .iter()
                        .any(|(m, k)| *m == map && k.as_str() == *f),
                    _ => false,
                };
                let unknown_key = matches!(e.kind, ErrorKind::UnknownField { .. });
                if !explained {
                    errors.push(e);
                }
                let removed =
                    target.is_some_and(|t| pruned.remove(&mut tree, t, None, !unknown_key));
                if !removed || errors.len() >= MAX_ERRORS {
                    return Outcome {
                        value: None,
                        errors,
                        dropped_ids: pruned.ids,
                    };
                }
            }
        }
    }
}

/// What pruning took out so far.
#[derive(Default)]
struct Pruned {
    /// (map node id, key) of entries removed from maps.
    entries: Vec<(u32, String)>,
    /// `id`s of list items removed.
    ids: Vec<String>,
    /// List items (entities) that lost a value: left out at the end.
    tainted: Vec<u32>,
}

impl Pruned {
    /// Removes the node or key `target` from the map or list holding it.
    /// `outer` is the entity on the way down (the innermost list item with an
    /// `id`); with `taint`, it is marked to be left out when a value is
    /// removed inside it.
    fn remove(&mut self, node: &mut Node, target: u32, outer: Option<u32>, taint: bool) -> bool {
        let here = node.id;
        match &mut node.kind {
            NodeKind::Map(entries) => {
                if let Some(i) = entries
                    .iter()
                    .position(|(k, v)| k.id == target || v.id == target)
                {
                    let (key, _) = entries.remove(i);
                    self.entries.push((here, key.text));
                    if let Some(item) = outer.filter(|_| taint)
                        && !self.tainted.contains(&item)
                    {
                        self.tainted.push(item);
                    }
                    return true;
                }
                entries
                    .iter_mut()
                    .any(|(_, v)| self.remove(v, target, outer, taint))
            }
            NodeKind::Seq(items) => {
                if let Some(i) = items.iter().position(|v| v.id == target) {
                    let item = items.remove(i);
                    if let Some(x) = item.get("id").and_then(Node::as_str) {
                        self.ids.push(x.to_string());
                    }
                    self.tainted.retain(|t| *t != target);
                    return true;
                }
                items.iter_mut().any(|v| {
                    // The entity: the innermost item with an `id`.
                    let entity = match v.get("id") {
                        Some(_) => Some(v.id),
                        None => outer.or(Some(v.id)),
                    };
                    self.remove(v, target, entity, taint)
                })
            }
            _ => false,
        }
    }
}
