//! Property test: randomly generated valid reports (sizes, links, awkward
//! titles with æøå, `<`, `&` and quotes) always build, and every internal
//! link and anchor in the output resolves. Deterministic: fixed seeds.

use crate::common::*;
use std::fmt::Write as _;

/// xorshift64*: small, deterministic, no dependency (also used by
/// `incremental`).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
    fn some(&mut self, items: &[String], max: usize) -> Vec<String> {
        let mut v: Vec<String> = (0..self.below(max + 1))
            .map(|_| self.pick(items).to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

const WORDS: [&str; 12] = [
    "tidlig",
    "opsporing",
    "familie",
    "børn",
    "skole",
    "netværk",
    "støtte",
    "sagsbehandling",
    "»indsats«",
    "R&D",
    "<b>fed</b>",
    "\"citat\"",
];

fn title(rng: &mut Rng) -> String {
    let n = 1 + rng.below(6);
    let t: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    // YAML double-quoted string.
    format!(
        "\"{}\"",
        t.join(" ").replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn list(ids: &[String]) -> String {
    format!("[{}]", ids.join(", "))
}

/// A valid report of random size written into `r`.
fn generate(rng: &mut Rng, r: &TestReport) {
    let themes = [
        "politik-og-strategi",
        "organisering-og-samarbejde",
        "styring",
        "sagsbehandling",
        "tilbud-paa-boernefamilieomraadet",
        "stoette-i-det-almene-omraade",
    ];
    let themes: Vec<String> = themes
        .iter()
        .take(1 + rng.below(6))
        .map(|s| s.to_string())
        .collect();
    let hyps: Vec<String> = (0..1 + rng.below(6)).map(|i| format!("h{i}")).collect();
    let ints: Vec<String> = (0..1 + rng.below(4)).map(|i| format!("i{i}")).collect();
    let acts: Vec<String> = (0..1 + rng.below(8)).map(|i| format!("a{i}")).collect();
    let short: Vec<String> = (0..1 + rng.below(5)).map(|i| format!("k{i}")).collect();
    let long: Vec<String> = (0..1 + rng.below(3)).map(|i| format!("l{i}")).collect();
    let figs: Vec<String> = (0..1 + rng.below(4)).map(|i| format!("n{i}")).collect();
    let pages: Vec<String> = (0..rng.below(4)).map(|i| format!("side-{i}")).collect();
    let mut links = vec![];
    links.extend(hyps.iter().map(|h| format!("@hypotese/{h}")));
    links.extend(acts.iter().map(|a| format!("@aktivitet/{a}")));
    links.extend(pages.iter().map(|p| format!("@side/{p}")));
    let md = |rng: &mut Rng| -> String {
        let l = &links[rng.below(links.len())];
        format!(
            "\"Se [{}]({l}) og [](@{}) — 12,5 % & <i>x</i>.\"",
            WORDS[rng.below(4)],
            &l[1..]
        )
    };

    r.write("omstil.yaml", &format!("kommune: {}\ntitel: {}\nperiode: {{ fra: 2023, til: 2025 }}\nstatusdato: 2025-03-31\nsprog: {}\n", title(rng), title(rng), if rng.below(2) == 0 { "da" } else { "en" }));
    let mut a = String::from("temaer:\n");
    for t in &themes {
        let _ = writeln!(
            a,
            "  - id: {t}\n    sammenfatning: {}\n    noegletal: {}\n    selvevaluering:\n      - {{ spoergsmaal: {}, score: {} }}",
            md(rng),
            list(&rng.some(&figs, 2)),
            title(rng),
            1 + rng.below(5)
        );
    }
    a.push_str("hypoteser:\n");
    for h in &hyps {
        let _ = writeln!(
            a,
            "  - {{ id: {h}, titel: {}, temaer: {}, beskrivelse: {} }}",
            title(rng),
            list(&[rng.pick(&themes).to_string()]),
            md(rng)
        );
    }
    r.write("modenhedsanalyse.yaml", &a);

    let mut t = format!("formaal: {}\nindsatser:\n", md(rng));
    for i in &ints {
        let _ = writeln!(
            t,
            "  - {{ id: {i}, titel: {}, hypoteser: {} }}",
            title(rng),
            list(&rng.some(&hyps, 3))
        );
    }
    t.push_str("aktiviteter:\n");
    for (n, x) in acts.iter().enumerate() {
        let area = ["myndighed", "tilbudsvifte", "almenomraade"][n % 3];
        let _ = writeln!(
            t,
            "  - {{ id: {x}, titel: {}, omraade: {area}, indsatser: {}, maal: {} }}",
            title(rng),
            list(&[rng.pick(&ints).to_string()]),
            list(&rng.some(&short, 3))
        );
    }
    t.push_str("maal:\n");
    for k in &short {
        let _ = writeln!(
            t,
            "  - id: {k}\n    titel: {}\n    type: kortsigtet\n    bidrager_til:\n      - {{ maal: {}, antagelse: {} }}\n    indikatorer: [{{ noegletal: {} }}]",
            title(rng),
            rng.pick(&long),
            title(rng),
            rng.pick(&figs)
        );
    }
    for l in &long {
        let _ = writeln!(
            t,
            "  - {{ id: {l}, titel: {}, type: langsigtet, antagelser: [{}] }}",
            title(rng),
            title(rng)
        );
    }
    r.write("forandringsteori.yaml", &t);

    let mut p = String::from("fokusomraader:\n");
    for f in 0..1 + rng.below(3) {
        let _ = writeln!(
            p,
            "  - id: f{f}\n    titel: {}\n    formaal: {}\n    handlinger:",
            title(rng),
            md(rng)
        );
        for h in 0..rng.below(4) {
            let y = 2023 + rng.below(3);
            let _ = writeln!(
                p,
                "      - {{ id: f{f}-h{h}, titel: {}, ansvarlig: {}, periode: {{ fra: {y}-0{}, til: {} }}, status: {}, budget: {{ {y}: {} }}, aktiviteter: {}, maal: {} }}",
                title(rng),
                title(rng),
                1 + rng.below(9),
                y + 1,
                ["planlagt", "i-gang", "gennemfoert", "udskudt", "aflyst"][rng.below(5)],
                1000 * rng.below(900),
                list(&rng.some(&acts, 2)),
                list(&rng.some(&short, 1))
            );
        }
    }
    r.write("udviklingsplan.yaml", &p);

    let mut s = String::from(
        "behov:\n  - { id: trivsel, titel: Trivsel }\n  - { id: skole, titel: \"Skole & læring\" }\ntilbud:\n",
    );
    let steps = [
        "almene-tilbud",
        "forebyggende",
        "hjemmebaseret",
        "netvaerksanbringelse",
        "plejefamilie",
        "institution",
    ];
    for x in 0..rng.below(12) {
        let from = rng.below(18);
        let _ = writeln!(
            s,
            "  - {{ id: t{x}, titel: {}, trin: {}, alder: {{ fra: {from}, til: {} }}, behov: [{}], udbyder: {}, hjemmel: \"barnets lov § {}\" }}",
            title(rng),
            steps[rng.below(6)],
            from + rng.below(5),
            ["trivsel", "skole"][rng.below(2)],
            ["egen", "ekstern"][rng.below(2)],
            30 + rng.below(20)
        );
    }
    r.write("tilbudsvifte.yaml", &s);

    let mut k = String::from("noegletal:\n");
    for f in &figs {
        let mut vals = String::new();
        for y in 2015..2015 + 1 + rng.below(10) {
            let _ = write!(vals, "{y}: \"{},{}\", ", rng.below(500), rng.below(10));
        }
        let _ = writeln!(
            k,
            "  - id: {f}\n    titel: {}\n    enhed: {}\n    definition: {}\n    kilde: {}\n    opgoerelse: status\n    serier:\n      - {{ navn: {}, rolle: kommune, vaerdier: {{ {vals} }} }}",
            title(rng),
            ["procent", "antal", "kr", "promille", "dage"][rng.below(5)],
            md(rng),
            title(rng),
            title(rng)
        );
    }
    r.write("noegletal.yaml", &k);

    let n = 1 + rng.below(40);
    let mut c = format!("antal_sager: {n}\nkriterier:\n");
    for x in 0..1 + rng.below(4) {
        let a = rng.below(n + 1);
        let _ = writeln!(
            c,
            "  - {{ id: c{x}, titel: {}, resultat: {{ hoej: {a}, nogen: {} }}, maal: {} }}",
            title(rng),
            n - a,
            list(&rng.some(&short, 2))
        );
    }
    r.write("sagsanalyse.yaml", &c);

    for pg in &pages {
        r.write(&format!("sider/{pg}.md"), &format!("---\ntitel: {}\n---\n# Afsnit\n\n{}\n\n## Afsnit\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nFodnote[^1].\n\n[^1]: Note.\n", title(rng), md(rng).trim_matches('"')));
    }
}

#[test]
fn random_valid_reports_build_and_every_link_resolves() {
    for seed in 1..=12u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let r = TestReport::fixture("minimal");
        generate(&mut rng, &r);
        let o = r.build();
        assert!(o.status.success(), "seed {seed}: {}", stderr(&o));
        let files = site(&r.out());
        let n = check_links(&files);
        assert!(n > 50, "seed {seed}: only {n} links");
        for (p, html) in &files {
            assert!(
                !html.contains("<b>fed</b>") || p.ends_with(".js"),
                "seed {seed}: unescaped HTML from a title in {p}"
            );
        }
    }
}
