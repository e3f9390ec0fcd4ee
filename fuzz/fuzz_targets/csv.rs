//! Fuzz target: a key-figure CSV file (any separator, layout, numbers).
#![no_main]

use libfuzzer_sys::fuzz_target;
use omstil::content::csvdata;
use omstil::diag::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diags = Diagnostics::new();
    let cols = csvdata::parse(text, "noegletal/fuzz.csv", &mut diags);
    for c in &cols {
        let _ = csvdata::find_column(&cols, &c.name);
    }
    let _ = omstil::format::parse_danish_number(text);
});
