//! The per-page path after its speed-ups (round 20): the template escapes
//! exactly as before (Tera's fast escaper), links are relative to the page,
//! Markdown tables are wrapped, and a bad link still gets its line and
//! column although positions are now found only when needed.

use crate::common::*;

#[test]
fn free_page_escapes_relativizes_and_places_errors() {
    let r = TestReport::fixture("minimal");
    r.write(
        "sider/tegn.md",
        "---\ntitel: \"'A' & \\\"B\\\" <c> ø\"\n---\n# Første\n\n\
[tilbage](@side/tegn#foerste) og [ud](https://example.org)\n\n\
| Kilde | Tal |\n|---|---|\n| a | 1 |\n",
    );
    let o = r.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let html = r.read_out("sider/tegn.html");
    assert!(
        html.contains("&#39;A&#39; &amp; &quot;B&quot; &lt;c&gt; ø"),
        "{html}"
    );
    assert!(
        html.contains("href=\"../sider/tegn.html#foerste\""),
        "{html}"
    );
    assert!(!html.contains("omstil-root:"));
    assert_eq!(html.matches("class=\"table-wrap\"").count(), 1, "{html}");

    // Links to a missing page and a missing heading: line 8, columns 4
    // and 30 (characters, not bytes).
    r.write(
        "sider/tegn.md",
        "---\ntitel: T\n---\n# Første\n\nTekst.\n\nÆø [x](@side/findes-ikke) og [y](@side/tegn#mangler)\n",
    );
    let o = r.check();
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(out.contains("tegn.md:8:4"), "{out}");
    assert!(out.contains("`findes-ikke`"), "{out}");
    assert!(out.contains("tegn.md:8:30"), "{out}");
}
