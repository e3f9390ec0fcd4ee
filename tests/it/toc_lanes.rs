//! The theory-of-change diagrams read as Danish practice draws them
//! (issue 15): activities in lanes by area, few edge crossings, arrowheads
//! spread over the target's edge, assumption markers on their own edge,
//! and text equivalents that list each node once.
//!
//! Everything is measured on the built SVG, i.e. on what the reader sees:
//! crossings are counted exactly between the drawn edge paths (the Bézier
//! curves flattened finely), not taken from the layout's own bookkeeping.

use crate::common::{TestReport, main_of};
use std::fmt::Write;

/// Crossings measured on the code before issue 15 (commit add1a02, the
/// release binary of that commit on the example and on this file's
/// generated report, measured with [`crossings`] below through
/// `measure_a_built_site`). Kept as numbers so the test states what
/// "before" was.
const BEFORE_EXAMPLE_OVERVIEW: usize = 17;
const BEFORE_EXAMPLE_DETAILED: usize = 31;
const BEFORE_GENERATED_DETAILED: usize = 333;

type Pt = (f64, f64);

/// One drawn edge: its flattened polyline and its target page.
struct Edge {
    pts: Vec<Pt>,
    to: String,
}

/// The diagram `<svg>` whose title id is `id` (`ft-overblik`,
/// `ft-detaljer`), up to its end.
fn svg<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}-titel"))
        .unwrap_or_else(|| panic!("no diagram {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</svg>").unwrap()]
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// Start tags `<name …>` in `s`.
fn tags<'a>(s: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!("<{name} ");
    s.match_indices(&pat)
        .map(|(i, _)| &s[i..i + s[i..].find('>').unwrap()])
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("number {s:?}"))
}

/// Flattens `M x,y C x,y x,y x,y L x,y …` into a polyline.
fn flatten(d: &str) -> Vec<Pt> {
    let mut pts: Vec<Pt> = Vec::new();
    let mut cmd = ' ';
    let mut args: Vec<Pt> = Vec::new();
    let flush = |cmd: char, args: &mut Vec<Pt>, pts: &mut Vec<Pt>| {
        match cmd {
            'M' | 'L' => pts.extend(args.iter().copied()),
            'C' => {
                for c in args.chunks(3) {
                    let p0 = *pts.last().unwrap();
                    for k in 1..=48 {
                        let t = k as f64 / 48.0;
                        let u = 1.0 - t;
                        let f = |a: f64, b: f64, c2: f64, d: f64| {
                            u * u * u * a
                                + 3.0 * u * u * t * b
                                + 3.0 * u * t * t * c2
                                + t * t * t * d
                        };
                        pts.push((
                            f(p0.0, c[0].0, c[1].0, c[2].0),
                            f(p0.1, c[0].1, c[1].1, c[2].1),
                        ));
                    }
                }
            }
            _ => {}
        }
        args.clear();
    };
    for tok in d.split_whitespace() {
        let tok = match tok.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => {
                flush(cmd, &mut args, &mut pts);
                cmd = c;
                &tok[1..]
            }
            _ => tok,
        };
        if let Some((x, y)) = tok.split_once(',') {
            args.push((num(x), num(y)));
        }
    }
    flush(cmd, &mut args, &mut pts);
    pts
}

/// The edges of a diagram (paths with `data-from`).
fn edges(svg: &str) -> Vec<Edge> {
    tags(svg, "path")
        .into_iter()
        .filter(|t| t.contains("data-from="))
        .map(|t| Edge {
            pts: flatten(attr(t, "d").unwrap()),
            to: attr(t, "data-to").unwrap().to_string(),
        })
        .collect()
}

fn seg_cross(a: Pt, b: Pt, c: Pt, d: Pt) -> bool {
    let o = |p: Pt, q: Pt, r: Pt| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (o(a, b, c), o(a, b, d));
    let (d3, d4) = (o(c, d, a), o(c, d, b));
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
}

/// Proper crossing points between two polylines, ignoring touches within
/// 1 px of either one's ends (edges leaving or entering the same box).
fn pair_points(p: &[Pt], q: &[Pt], out: &mut Vec<Pt>) {
    let near_end = |x: Pt| {
        [p[0], p[p.len() - 1], q[0], q[q.len() - 1]]
            .iter()
            .any(|e| (e.0 - x.0).hypot(e.1 - x.1) < 1.0)
    };
    for s in p.windows(2) {
        for t in q.windows(2) {
            // Bounding-box prefilter.
            if s[0].0.max(s[1].0) < t[0].0.min(t[1].0) || t[0].0.max(t[1].0) < s[0].0.min(s[1].0) {
                continue;
            }
            if seg_cross(s[0], s[1], t[0], t[1]) && !near_end(s[0]) && !near_end(s[1]) {
                out.push(s[0]);
            }
        }
    }
}

/// The crossings a reader sees: distinct points (1 px apart) where two
/// drawn edges cross. Edges drawn on top of each other (a bundle's trunk)
/// are one line, so a line crossing a bundle is one crossing.
fn crossings(svg: &str) -> usize {
    let es = edges(svg);
    let mut pts: Vec<Pt> = Vec::new();
    for i in 0..es.len() {
        for j in i + 1..es.len() {
            pair_points(&es[i].pts, &es[j].pts, &mut pts);
        }
    }
    let mut distinct: Vec<Pt> = Vec::new();
    for p in pts {
        if !distinct.iter().any(|d| (d.0 - p.0).hypot(d.1 - p.1) < 1.5) {
            distinct.push(p);
        }
    }
    distinct.len()
}

/// The smallest vertical distance between two arrowheads on the same box.
fn min_arrow_gap(svg: &str) -> f64 {
    let es = edges(svg);
    let mut gap = f64::INFINITY;
    for (i, a) in es.iter().enumerate() {
        for b in &es[i + 1..] {
            if a.to == b.to {
                let (pa, pb) = (a.pts[a.pts.len() - 1], b.pts[b.pts.len() - 1]);
                // Arrowheads at the same point are one (a bundle's trunk).
                let d = (pa.1 - pb.1).abs();
                if (pa.0 - pb.0).abs() < 0.5 && d > 0.5 {
                    gap = gap.min(d);
                }
            }
        }
    }
    gap
}

/// Assumption markers that another edge than their own passes through
/// (closer than the marker's radius to its centre).
fn shared_markers(svg: &str) -> usize {
    let es = edges(svg);
    let group = &svg[svg.find("class=\"assumptions\"").unwrap()..];
    tags(group, "circle")
        .into_iter()
        .filter(|c| {
            let (cx, cy) = (num(attr(c, "cx").unwrap()), num(attr(c, "cy").unwrap()));
            let r = num(attr(c, "r").unwrap());
            let near = es
                .iter()
                .filter(|e| e.pts.iter().any(|p| (p.0 - cx).hypot(p.1 - cy) < r))
                .count();
            near > 1
        })
        .count()
}

/// A generated theory of change with 85 nodes in the detailed view:
/// 10 hypotheses, 8 interventions, 35 activities (every fifth in two
/// areas), 20 short-term and 12 long-term outcomes, links from a fixed
/// pseudo-random sequence.
fn generated_report() -> TestReport {
    let r = TestReport::fixture("minimal");
    let mut seed: u64 = 0x0ddc_0ffe_e15b_ad5e;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let words = [
        "Tidlig",
        "opsporing",
        "samarbejdsstrukturer",
        "myndighedsfunktion",
        "i",
        "og",
        "netværksanbringelser",
        "familiebehandling",
        "skoler",
        "dagtilbud",
        "forebyggelsesindsatser",
        "rådgivning",
    ];
    let mut title = |k: usize| -> String {
        let n = 2 + (k * 7) % 5;
        (0..n)
            .map(|_| words[next(words.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut a = String::from("temaer:\n  - id: styring\nhypoteser:\n");
    for h in 0..10 {
        let _ = writeln!(
            a,
            "  - {{ id: h{h}, titel: \"{}\", temaer: [styring] }}",
            title(h)
        );
    }
    r.write("modenhedsanalyse.yaml", &a);
    let mut t = String::from("indsatser:\n");
    for i in 0..8 {
        let hyps: Vec<String> = (0..10)
            .filter(|h| h % 8 == i)
            .map(|h| format!("h{h}"))
            .collect();
        let _ = writeln!(
            t,
            "  - {{ id: i{i}, titel: \"{}\", hypoteser: [{}] }}",
            title(i + 2),
            hyps.join(", ")
        );
    }
    t.push_str("aktiviteter:\n");
    let areas = ["myndighed", "tilbudsvifte", "almenomraade"];
    let mut rng = {
        let mut s: u64 = 77;
        move |n: usize| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
            ((s >> 33) as usize) % n
        }
    };
    for k in 0..35 {
        let area = if k % 5 == 4 {
            format!("[{}, {}]", areas[k % 3], areas[(k + 1) % 3])
        } else {
            areas[rng(3)].to_string()
        };
        let mut ints = vec![rng(8)];
        if rng(3) == 0 {
            let o = rng(8);
            if !ints.contains(&o) {
                ints.push(o);
            }
        }
        let mut outs: Vec<String> = Vec::new();
        for _ in 0..1 + rng(2) {
            let o = rng(20);
            let s = if rng(6) == 0 {
                format!("{{ maal: k{o}, antagelse: \"Medarbejderne har tid\" }}")
            } else {
                format!("k{o}")
            };
            if !outs.iter().any(|x| x.contains(&format!("k{o}"))) {
                outs.push(s);
            }
        }
        let ints: Vec<String> = ints.iter().map(|i| format!("i{i}")).collect();
        let _ = writeln!(
            t,
            "  - {{ id: a{k}, titel: \"{}\", omraade: {area}, indsatser: [{}], maal: [{}] }}",
            title(k),
            ints.join(", "),
            outs.join(", ")
        );
    }
    t.push_str("maal:\n");
    for k in 0..20 {
        let mut to = vec![rng(12)];
        if rng(3) == 0 {
            let o = rng(12);
            if !to.contains(&o) {
                to.push(o);
            }
        }
        let to: Vec<String> = to.iter().map(|l| format!("l{l}")).collect();
        let _ = writeln!(
            t,
            "  - {{ id: k{k}, titel: \"{}\", type: kortsigtet, bidrager_til: [{}] }}",
            title(k + 1),
            to.join(", ")
        );
    }
    for l in 0..12 {
        let _ = writeln!(
            t,
            "  - {{ id: l{l}, titel: \"{}\", type: langsigtet }}",
            title(l + 4)
        );
    }
    r.write("forandringsteori.yaml", &t);
    r
}

fn built(r: &TestReport) -> String {
    let o = r.build();
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    r.read_out("forandringsteori.html")
}

#[test]
fn crossings_before_and_after() {
    let ex = built(&TestReport::example());
    let gen_report = generated_report();
    let gen_html = built(&gen_report);
    // To measure another build (e.g. the code before issue 15): keep the
    // generated report, build it and the example with that binary, and run
    // `measure_a_built_site` on the output.
    if let Ok(keep) = std::env::var("TOC_LANES_KEEP") {
        crate::common::copy_dir(&gen_report.root(), std::path::Path::new(&keep));
    }
    let ov = crossings(svg(&ex, "ft-overblik"));
    let det = crossings(svg(&ex, "ft-detaljer"));
    let gen_det = crossings(svg(&gen_html, "ft-detaljer"));
    let gen_nodes = svg(&gen_html, "ft-detaljer")
        .matches("class=\"node\"")
        .count();
    eprintln!(
        "crossings: example overview {ov} (before {BEFORE_EXAMPLE_OVERVIEW}), \
         detailed {det} (before {BEFORE_EXAMPLE_DETAILED}); generated {gen_nodes} nodes \
         {gen_det} (before {BEFORE_GENERATED_DETAILED}); arrow gaps {:.1} {:.1} {:.1}; \
         shared markers {} {}",
        min_arrow_gap(svg(&ex, "ft-overblik")),
        min_arrow_gap(svg(&ex, "ft-detaljer")),
        min_arrow_gap(svg(&gen_html, "ft-detaljer")),
        shared_markers(svg(&ex, "ft-detaljer")),
        shared_markers(svg(&gen_html, "ft-detaljer")),
    );
    assert_eq!(gen_nodes, 85);
    // The example: the detailed view loses at least 5 crossings although
    // its activities are now held in lanes; the overview (no lanes) loses
    // none it had room to lose (17 is what the orderings reach).
    assert!(det + 5 <= BEFORE_EXAMPLE_DETAILED, "detailed {det}");
    assert!(ov <= BEFORE_EXAMPLE_OVERVIEW, "overview {ov}");
    // The generated report links activities to random interventions in
    // every lane, so lanes cost crossings there; bundles and ordering keep
    // the cost under 15 %.
    assert!(
        (gen_det as f64) <= 1.15 * BEFORE_GENERATED_DETAILED as f64,
        "generated {gen_det}"
    );
}

/// `(x, y, w, h)` of the first `<rect` after `at` in `s`.
fn rect_after(s: &str, at: usize) -> (f64, f64, f64, f64) {
    let r = tags(&s[at..], "rect")[0];
    let g = |a| num(attr(r, a).unwrap());
    (g("x"), g("y"), g("width"), g("height"))
}

#[test]
fn activities_sit_inside_their_lane_and_lanes_do_not_overlap() {
    for r in [TestReport::example(), generated_report()] {
        let html = built(&r);
        let d = svg(&html, "ft-detaljer");
        let bands: Vec<(String, (f64, f64, f64, f64))> = d
            .match_indices("<g class=\"lane\"")
            .map(|(i, _)| {
                let tag = &d[i..i + d[i..].find('>').unwrap()];
                (
                    attr(tag, "data-lane").unwrap().to_string(),
                    rect_after(d, i),
                )
            })
            .collect();
        assert!(bands.len() >= 3, "lanes drawn: {}", bands.len());
        // Each lane has a visible heading in its band.
        for (lane, (x, y, w, h)) in &bands {
            let i = d.find(&format!("data-lane=\"{lane}\"")).unwrap();
            let text = &d[i..];
            let t = tags(text, "text")[0];
            let (tx, ty) = (num(attr(t, "x").unwrap()), num(attr(t, "y").unwrap()));
            assert!(
                tx > *x && tx < x + w && ty > *y && ty < y + h,
                "heading of lane {lane}"
            );
        }
        for (i, (_, a)) in bands.iter().enumerate() {
            for (_, b) in &bands[i + 1..] {
                let apart =
                    a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1 || a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0;
                assert!(apart, "bands overlap: {a:?} {b:?}");
            }
        }
        let nodes: Vec<usize> = d
            .match_indices("<g class=\"node\"")
            .map(|(i, _)| i)
            .collect();
        let mut inside = 0;
        for i in nodes {
            let tag = &d[i..i + d[i..].find('>').unwrap()];
            let Some(lane) = attr(tag, "data-lane") else {
                continue;
            };
            // The node's visible box is the rect after its link area.
            let rects = tags(&d[i..], "rect");
            let r = rects.iter().find(|r| r.contains("stroke=")).unwrap();
            let g = |a| num(attr(r, a).unwrap());
            let (x, y, w, h) = (g("x"), g("y"), g("width"), g("height"));
            let band = bands
                .iter()
                .filter(|(l, _)| l == lane)
                .map(|(_, b)| *b)
                .find(|b| x >= b.0 && x + w <= b.0 + b.2 && y >= b.1 && y + h <= b.1 + b.3);
            assert!(
                band.is_some(),
                "activity {tag} at {x},{y} outside lane {lane}"
            );
            inside += 1;
        }
        assert!(inside >= 15, "{inside} activities checked");
    }
}

#[test]
fn arrowheads_are_spread_and_assumption_markers_sit_on_their_own_edge() {
    for r in [TestReport::example(), generated_report()] {
        let html = built(&r);
        for id in ["ft-overblik", "ft-detaljer"] {
            let d = svg(&html, id);
            let gap = min_arrow_gap(d);
            assert!(gap >= 11.5, "{id}: two arrowheads {gap:.1} px apart");
        }
    }
    let ex = built(&TestReport::example());
    for id in ["ft-overblik", "ft-detaljer"] {
        assert_eq!(shared_markers(svg(&ex, id)), 0, "{id}");
    }
}

#[test]
fn text_equivalents_list_each_node_once_and_speak_to_readers() {
    let r = TestReport::example();
    let html = built(&r);
    let m = main_of(&html);
    let start = m.find("id=\"detaljeret\"").unwrap();
    let list = &m[start..start + m[start..].find("id=\"omraader\"").unwrap()];
    let entries =
        list.matches("<ul class=\"node-list\"><li").count() + list.matches("</li><li").count();
    let nodes = svg(&html, "ft-detaljer").matches("class=\"node\"").count();
    assert_eq!(entries, nodes, "one entry per node of the detailed diagram");
    // The old tree repeated outcomes: each outcome's entry is there once.
    let title = "Færre børn og unge anbringes uden for hjemmet";
    let as_entry = format!("{title}</a>");
    assert!(list.matches(&as_entry).count() >= 1);
    assert!(
        list.matches(&as_entry).count() <= 4,
        "mentioned by its sources only"
    );
    let trace = r.read_out("sporbarhed.html");
    let trace = main_of(&trace);
    for hint in ["Løs ende", "Løse ender", "Knyt den", "Placér den"] {
        assert!(
            !trace.contains(hint),
            "author hint {hint:?} on the published page"
        );
    }
    assert!(trace.contains("Hypotesen er endnu ikke taget op i forandringsteorien."));
    assert!(!trace.contains("class=\"tree\""), "no expanded tree");
    // The warnings for the author stay in `omstil check`.
    let check = crate::common::stderr(&r.check()) + &crate::common::stdout(&r.check());
    assert!(check.contains("indsats"), "{check}");
}

/// Prints the measures of an already built site (`TOC_LANES_SITE=dir`,
/// its forandringsteori.html): how the "before" numbers were taken.
#[test]
#[ignore]
fn measure_a_built_site() {
    let dir = std::env::var("TOC_LANES_SITE").expect("TOC_LANES_SITE");
    let html = std::fs::read_to_string(format!("{dir}/forandringsteori.html")).unwrap();
    for id in ["ft-overblik", "ft-detaljer"] {
        let d = svg(&html, id);
        eprintln!(
            "{id}: crossings {}, smallest gap between arrowheads {:.1}, markers on a shared edge {}",
            crossings(d),
            min_arrow_gap(d),
            shared_markers(d)
        );
    }
}
