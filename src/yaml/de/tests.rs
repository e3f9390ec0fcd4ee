//! Unit tests of `yaml::de`.

use super::*;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: Sp<String>,
    titel: String,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    status: Option<Status>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Status {
    Planlagt,
    IGang,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct File {
    items: Vec<Item>,
}

fn run(src: &str) -> Outcome<File> {
    from_node(&super::super::parse(src, 0).unwrap())
}

#[test]
fn positions_reach_spanned_values() {
    let o = run("items:\n  - id: a\n    titel: A\n");
    let f = o.value.unwrap();
    assert_eq!(f.items[0].id.pos, Pos::new(2, 9));
    assert_eq!(f.items[0].id.value, "a");
}

#[test]
fn collects_every_error_in_a_file() {
    let src = "items:\n  - id: a\n    titl: A\n  - id: b\n    titel: B\n    score: mange\n  - id: c\n    titel: C\n    status: i-gan\n  - id: d\n";
    let o = run(src);
    let msgs: Vec<_> = o
        .errors
        .iter()
        .map(|e| (e.pos.unwrap().line, e.message().0))
        .collect();
    assert_eq!(msgs.len(), 5, "{msgs:?}");
    assert_eq!(msgs[0], (3, "Ukendt nøgle `titl`.".to_string()));
    assert_eq!(o.errors[0].message().1.unwrap(), "Mente du `titel`?");
    assert!(msgs[1].1.starts_with("Nøglen `titel` mangler"), "{msgs:?}");
    assert_eq!(msgs[2].0, 6);
    assert!(msgs[2].1.contains("`score` skal være et tal"), "{msgs:?}");
    assert_eq!(msgs[3].0, 9);
    assert!(
        o.errors[3]
            .message()
            .1
            .unwrap()
            .contains("Mente du `i-gang`?")
    );
    assert_eq!(msgs[4].0, 10);
    // Every item with an error is left out, after all its errors.
    let f = o.value.unwrap();
    assert_eq!(f.items.len(), 0);
    let mut dropped = o.dropped_ids.clone();
    dropped.sort();
    assert_eq!(dropped, vec!["a", "b", "c", "d"]);
}

#[test]
fn every_bad_value_of_an_entry_is_reported_and_the_entry_left_out() {
    let o = run(
        "items:\n  - id: a\n    titel: [x]\n    score: mange\n    status: i-gan\n  - id: b\n    titel: B\n",
    );
    let lines: Vec<u32> = o.errors.iter().map(|e| e.pos.unwrap().line).collect();
    assert_eq!(lines, vec![3, 4, 5], "{:?}", o.errors);
    assert_eq!(o.value.unwrap().items.len(), 1);
    assert_eq!(o.dropped_ids, vec!["a"]);
}

#[test]
fn danish_decimal_comma_is_a_number() {
    let o = run("items:\n  - id: a\n    titel: A\n    score: \"2,5\"\n");
    assert_eq!(o.value.unwrap().items[0].score, Some(2.5));
}
