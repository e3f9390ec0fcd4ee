//! The fast paths of the incremental preview (issue 18): the listing of
//! `sider/` and the parsed part files are kept between saves. Each step
//! names its changed paths as the watcher would, and the site and the
//! diagnostics are compared with a full build's (`incremental::assert_same`).

use crate::common::*;
use crate::incremental::assert_same;
use omstil::incremental::Engine;

/// Files the listing skips, a page in a subfolder (a warning), a page
/// added and removed, and a part file edited and put back: after each, the
/// engine's site and diagnostics are a full build's.
#[test]
fn kept_listing_and_parts_follow_every_named_change() {
    let r = TestReport::example();
    let root = r.root();
    let mut engine = Engine::new(&root, false);
    engine.rebuild(None);
    let page = "---\ntitel: Ny side\n---\nTekst.\n";
    let plan = std::fs::read_to_string(root.join("udviklingsplan.yaml")).unwrap();
    let broken = format!("{plan}\n  - ]: [ødelagt\n");
    // (file, its new text; `None`: deleted)
    let steps = [
        ("sider/.metode.md.swp", Some(page)),
        ("sider/metode.md~", Some(page)),
        ("sider/under/gammel.md", Some(page)),
        ("sider/under/gammel.md", None),
        ("sider/ny-side.md", Some(page)),
        ("sider/ny-side.md", None),
        ("udviklingsplan.yaml", Some(broken.as_str())),
        ("udviklingsplan.yaml", Some(plan.as_str())),
    ];
    for (i, (rel, text)) in steps.into_iter().enumerate() {
        let p = root.join(rel);
        match text {
            Some(t) => {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(&p, t).unwrap();
            }
            None => std::fs::remove_file(&p).unwrap(),
        }
        let out = engine.rebuild(Some(&[rel.to_string()]));
        assert_same(&mut engine, &out, &root, &format!("step {i} ({rel})"));
    }
}
