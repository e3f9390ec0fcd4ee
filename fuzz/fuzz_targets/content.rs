//! Fuzz target: a content file as a consultant might write it. The input is
//! split into front matter and body as a Markdown page would be; the YAML is
//! parsed and deserialized as every kind of part file and as front matter,
//! and the body is rendered as Markdown. Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omstil::content::{model::Md, raw, split_front_matter};
use omstil::diag::Diagnostics;
use omstil::markdown::{LinkIndex, MdOptions, render};
use omstil::yaml::{self, de::from_node};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (front, body, line) = split_front_matter(text);
    for yaml_text in [Some(text), front].into_iter().flatten() {
        if let Ok(node) = yaml::parse(yaml_text, 0) {
            let _ = from_node::<raw::Settings>(&node);
            let _ = from_node::<raw::Analysis>(&node);
            let _ = from_node::<raw::TheoryOfChange>(&node);
            let _ = from_node::<raw::Plan>(&node);
            let _ = from_node::<raw::Services>(&node);
            let _ = from_node::<raw::KeyFigures>(&node);
            let _ = from_node::<raw::CaseReview>(&node);
            let _ = from_node::<raw::FrontMatter>(&node);
        }
    }
    let md = Md {
        text: body.into(),
        file: "sider/fuzz.md".into(),
        line,
        yaml: None,
    };
    let mut diags = Diagnostics::new();
    for (raw_html, english) in [(false, false), (true, true)] {
        let _ = render(
            &md,
            &LinkIndex::empty(),
            &MdOptions {
                raw_html,
                shift_headings: true,
                english,
            },
            &mut diags,
        );
    }
});
