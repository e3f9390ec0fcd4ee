//! Synthetic report generator for benchmarks (issue 7): a valid report of
//! any size. N free pages of ~600 words of Danish-like prose with headings,
//! lists, a table and internal links, plus a theory of change, ladder, key
//! figures and plan in proportion (one entity per ~20 pages, capped).
//!
//! cargo run --release --example synth -- --pages 1000 --out /tmp/synth-1000

use std::fmt::Write as _;
use std::path::PathBuf;

const WORDS: [&str; 40] = [
    "barnet",
    "familien",
    "indsatsen",
    "tidlig",
    "opsporing",
    "skolen",
    "dagtilbuddet",
    "sagsbehandleren",
    "netværket",
    "forebyggelse",
    "støtte",
    "samarbejde",
    "trivsel",
    "udvikling",
    "hjælp",
    "forældrene",
    "kommunen",
    "myndighed",
    "tilbuddet",
    "plejefamilie",
    "anbringelse",
    "inddragelse",
    "faglig",
    "ledelse",
    "opfølgning",
    "mål",
    "effekt",
    "indikator",
    "data",
    "praksis",
    "og",
    "i",
    "at",
    "der",
    "som",
    "med",
    "for",
    "til",
    "på",
    "en",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|f| f.to_uppercase().collect::<String>()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize = get("--pages").and_then(|p| p.parse().ok()).unwrap_or(100);
    let out = PathBuf::from(get("--out").unwrap_or_else(|| format!("/tmp/omstil-synth-{pages}")));
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let n = (pages / 20).clamp(3, 80);
    let w = |rel: &str, text: &str| {
        let p = out.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "omstil.yaml",
        "kommune: Syntetisk Kommune\ntitel: Syntetisk rapport\nperiode: { fra: 2023, til: 2025 }\nstatusdato: 2025-03-31\n",
    );
    let themes = [
        "politik-og-strategi",
        "organisering-og-samarbejde",
        "styring",
        "sagsbehandling",
        "tilbud-paa-boernefamilieomraadet",
        "stoette-i-det-almene-omraade",
    ];
    let mut a = String::from("temaer:\n");
    for t in themes {
        let _ = writeln!(
            a,
            "  - id: {t}\n    sammenfatning: \"{}\"\n    selvevaluering:\n      - {{ spoergsmaal: \"{}\", score: {} }}",
            sentence(&mut rng, 20),
            sentence(&mut rng, 8),
            1 + rng.below(5)
        );
    }
    a.push_str("hypoteser:\n");
    for i in 0..n {
        let _ = writeln!(
            a,
            "  - {{ id: h{i}, titel: \"{}\", temaer: [{}] }}",
            sentence(&mut rng, 8),
            themes[i % 6]
        );
    }
    w("modenhedsanalyse.yaml", &a);
    let ints = (n / 4).max(1);
    let mut t = String::from(
        "formaal: \"Færre børn skal anbringes, og hjælpen skal komme tidligere.\"\nindsatser:\n",
    );
    for i in 0..ints {
        let hyps: Vec<String> = (0..n)
            .filter(|h| h % ints == i)
            .map(|h| format!("h{h}"))
            .collect();
        let _ = writeln!(
            t,
            "  - {{ id: i{i}, titel: \"{}\", hypoteser: [{}] }}",
            sentence(&mut rng, 5),
            hyps.join(", ")
        );
    }
    t.push_str("aktiviteter:\n");
    for i in 0..n {
        let _ = writeln!(
            t,
            "  - {{ id: a{i}, titel: \"{}\", omraade: {}, indsatser: [i{}], maal: [k{}] }}",
            sentence(&mut rng, 6),
            ["myndighed", "tilbudsvifte", "almenomraade"][i % 3],
            i % ints,
            i % n
        );
    }
    t.push_str("maal:\n");
    for i in 0..n {
        let _ = writeln!(
            t,
            "  - {{ id: k{i}, titel: \"{}\", type: kortsigtet, bidrager_til: [l{}], indikatorer: [{{ noegletal: n{} }}] }}",
            sentence(&mut rng, 7),
            i % 4,
            i % n
        );
    }
    for i in 0..4 {
        let _ = writeln!(
            t,
            "  - {{ id: l{i}, titel: \"{}\", type: langsigtet }}",
            sentence(&mut rng, 7)
        );
    }
    w("forandringsteori.yaml", &t);
    let mut p = String::from("fokusomraader:\n");
    for f in 0..4 {
        let _ = writeln!(
            p,
            "  - id: f{f}\n    titel: \"{}\"\n    formaal: \"{}\"\n    handlinger:",
            sentence(&mut rng, 4),
            sentence(&mut rng, 15)
        );
        for h in (0..n).filter(|h| h % 4 == f) {
            let _ = writeln!(
                p,
                "      - {{ id: f{f}-h{h}, titel: \"{}\", ansvarlig: Leder, periode: {{ fra: 2023-0{}, til: 2025-12 }}, status: i-gang, budget: {{ 2024: {} }}, aktiviteter: [a{h}] }}",
                sentence(&mut rng, 5),
                1 + h % 9,
                1000 * (1 + rng.below(500))
            );
        }
    }
    w("udviklingsplan.yaml", &p);
    let steps = [
        "almene-tilbud",
        "forebyggende",
        "hjemmebaseret",
        "netvaerksanbringelse",
        "plejefamilie",
        "institution",
    ];
    let mut s = String::from(
        "behov:\n  - { id: trivsel, titel: Trivsel }\n  - { id: skole, titel: Skole }\ntilbud:\n",
    );
    for i in 0..n {
        let from = rng.below(18);
        let _ = writeln!(
            s,
            "  - {{ id: t{i}, titel: \"{}\", trin: {}, alder: {{ fra: {from}, til: {} }}, behov: [{}], udbyder: egen }}",
            sentence(&mut rng, 4),
            steps[i % 6],
            from + 4,
            ["trivsel", "skole"][i % 2]
        );
    }
    w("tilbudsvifte.yaml", &s);
    let mut k = String::from("noegletal:\n");
    for i in 0..n {
        let vals: Vec<String> = (2015..2025)
            .map(|y| format!("{y}: {}", 10 + rng.below(90)))
            .collect();
        let _ = writeln!(
            k,
            "  - id: n{i}\n    titel: \"{}\"\n    enhed: antal\n    definition: \"{}\"\n    kilde: DST\n    opgoerelse: aar\n    serier:\n      - {{ navn: Kommunen, rolle: kommune, vaerdier: {{ {} }} }}",
            sentence(&mut rng, 5),
            sentence(&mut rng, 12),
            vals.join(", ")
        );
    }
    w("noegletal.yaml", &k);
    for i in 0..pages {
        let mut md = format!(
            "---\ntitel: \"Side {i}: {}\"\nraekkefoelge: {i}\n---\n",
            sentence(&mut rng, 4).trim_end_matches('.')
        );
        for sec in 0..4 {
            let _ = writeln!(
                md,
                "\n## Afsnit {sec}\n\n{} {} {}\n",
                sentence(&mut rng, 25),
                sentence(&mut rng, 30),
                sentence(&mut rng, 25)
            );
            let _ = writeln!(
                md,
                "Se også [side {}](@side/side-{}) og [hypotesen](@hypotese/h{}).\n",
                (i + 1) % pages,
                (i + 1) % pages,
                rng.below(n)
            );
            let _ = writeln!(
                md,
                "- {}\n- {}\n- {}\n",
                sentence(&mut rng, 8),
                sentence(&mut rng, 8),
                sentence(&mut rng, 8)
            );
        }
        md.push_str("| År | Antal |\n|---|---|\n| 2023 | 12 |\n| 2024 | 9 |\n");
        w(&format!("sider/side-{i}.md"), &md);
    }
    println!("{} ({} sider, {n} enheder pr. del)", out.display(), pages);
}
