//! Fuzz target: the raw-HTML sanitiser behind `raa_html: true`. Whatever
//! the author writes, the clean HTML holds only allowed tags and
//! attributes, no event handler and no address that runs script or loads
//! from outside the site ([`omstil::sanitize::audit`]), and cleaning it
//! again changes nothing that matters (it stays clean).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (clean, _) = omstil::sanitize::sanitize_html(text);
    if let Err(w) = omstil::sanitize::audit(&clean) {
        panic!("not clean: {w}\ninput: {text:?}\noutput: {clean:?}");
    }
    let (again, _) = omstil::sanitize::sanitize_html(&clean);
    if let Err(w) = omstil::sanitize::audit(&again) {
        panic!("not clean after a second pass: {w}\ninput: {clean:?}\noutput: {again:?}");
    }
});
