use super::*;

/// The chunked test finds a control character wherever it stands (in
/// a chunk, across chunks, in the tail), as the plain scan does.
#[test]
fn control_characters_are_found_at_every_place() {
    let plain = |t: &str| {
        t.lines().enumerate().find_map(|(i, line)| {
            let j = line.chars().position(|c| c.is_control() && c != '\t')?;
            Some((i as u32 + 1, j as u32 + 1))
        })
    };
    let base = "Æbler og pærer\tmed\nlinjer ".repeat(9);
    assert_eq!(find_control_char(&base), None);
    for at in 0..=base.len() {
        if !base.is_char_boundary(at) {
            continue;
        }
        for c in ['\u{1}', '\u{7f}', '\u{85}', '\u{1b}'] {
            let mut t = base.clone();
            t.insert(at, c);
            let found = find_control_char(&t);
            assert!(found.is_some(), "{c:?} at {at}");
            assert_eq!(found, plain(&t), "{c:?} at {at}");
        }
    }
}

#[test]
fn text_is_checked_as_utf8_and_a_bad_byte_keeps_its_place() {
    assert_eq!(utf8("ærø".into()).unwrap(), "ærø");
    let e = utf8(b"ab\xe6cd".to_vec()).unwrap_err();
    assert_eq!(e.utf8_error().valid_up_to(), 2);
}

#[test]
fn splits_front_matter_and_counts_body_line() {
    let (fm, body, line) = split_front_matter("---\ntitel: A\nraekkefoelge: 2\n---\n# Hej\n");
    assert_eq!(fm, Some("titel: A\nraekkefoelge: 2\n"));
    assert_eq!(body, "# Hej\n");
    assert_eq!(line, 5);
    let (fm, body, _) = split_front_matter("# Ingen\n");
    assert_eq!(fm, None);
    assert_eq!(body, "# Ingen\n");
    let (fm, _, _) = split_front_matter("---\ntitel: uafsluttet\n");
    assert_eq!(fm, None);
}
