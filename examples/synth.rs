//! Synthetic report generator for benchmarks (issue 7): a valid report of
//! any size. N free pages of ~600 words of Danish-like prose with headings,
//! lists, a table and internal links, plus a theory of change, ladder, key
//! figures and plan in proportion (one entity per ~20 pages, capped).
//!
//! cargo run --release --example synth -- --pages 1000 --out /tmp/synth-1000
//!
//! With `--hugo DIR` and/or `--zola DIR` the same prose pages (same words,
//! same Markdown body) are also written as a Hugo site and a Zola site with
//! equivalent minimal templates, for `bench/run.sh`. Internal links become
//! relative links (Hugo) or Zola's checked `@/` links; links to hypotheses,
//! which only omstil has, point to the home page.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// Rewrites omstil's internal links `](@kind/id)` with `link(kind, id)`.
fn relink(body: &str, link: impl Fn(&str, &str) -> String) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut rest = body;
    while let Some(p) = rest.find("](@") {
        out.push_str(&rest[..p + 2]);
        let after = &rest[p + 3..];
        let end = after.find(')').expect("unclosed link");
        let (kind, id) = after[..end].split_once('/').expect("link without kind");
        out.push_str(&link(kind, id));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

const SITE_TITLE: &str = "Syntetisk rapport";
const FOOTER: &str = "Syntetisk Kommune · statusdato 31. marts 2025";

/// The same small stylesheet for the Hugo and Zola sites.
const CSS: &str = "body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; }
header, nav, main, footer { max-width: 46rem; margin: 0 auto; padding: 0.5rem 1rem; }
header a { font-weight: bold; text-decoration: none; color: inherit; }
nav ul { list-style: none; display: flex; gap: 1rem; padding: 0; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
footer { color: #555; border-top: 1px solid #ddd; }
";

fn hugo_site(dir: &Path) {
    let layout_head = format!(
        "<!DOCTYPE html>
<html lang=\"da\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{{{{ if not .IsHome }}}}{{{{ .Title }}}} – {{{{ end }}}}{{{{ .Site.Title }}}}</title>
<link rel=\"stylesheet\" href=\"{{{{ \"style.css\" | relURL }}}}\">
</head>
<body>
<header><a href=\"{{{{ \"/\" | relURL }}}}\">{{{{ .Site.Title }}}}</a></header>
<nav><ul><li><a href=\"{{{{ \"/\" | relURL }}}}\">Forside</a></li><li><a href=\"{{{{ \"sider/\" | relURL }}}}\">Sider</a></li></ul></nav>
<main>
{{{{ block \"main\" . }}}}{{{{ end }}}}
</main>
<footer>{FOOTER}</footer>
</body>
</html>
"
    );
    write(
        dir,
        "config.toml",
        &format!(
            "baseURL = \"/\"\nrelativeURLs = true\nlanguageCode = \"da\"\ndefaultContentLanguage = \"da\"\ntitle = \"{SITE_TITLE}\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n"
        ),
    );
    write(dir, "layouts/_default/baseof.html", &layout_head);
    write(
        dir,
        "layouts/_default/single.html",
        "{{ define \"main\" }}<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<p>{{ with .NextInSection }}<a href=\"{{ .RelPermalink }}\">← {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href=\"{{ .RelPermalink }}\">{{ .Title }} →</a>{{ end }}</p>
{{ end }}
",
    );
    write(
        dir,
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
",
    );
    write(
        dir,
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<h2>Sider</h2>
<ul>
{{ range first 12 (where .Site.RegularPages \"Section\" \"sider\") }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>
{{ end }}</ul>
<p><a href=\"{{ \"sider/\" | relURL }}\">Alle sider</a></p>
{{ end }}
",
    );
    write(dir, "static/style.css", CSS);
    write(
        dir,
        "content/_index.md",
        &format!("---\ntitle: \"{SITE_TITLE}\"\n---\n\nRapportens forside.\n"),
    );
    write(
        dir,
        "content/sider/_index.md",
        "---\ntitle: \"Sider\"\n---\n\nAlle rapportens sider.\n",
    );
}

/// `first`: how many pages the home page lists (12, like the Hugo site).
fn zola_site(dir: &Path, first: usize) {
    write(
        dir,
        "config.toml",
        &format!(
            "base_url = \"/\"\ntitle = \"{SITE_TITLE}\"\ndefault_language = \"da\"\ncompile_sass = false\nminify_html = false\nbuild_search_index = false\ngenerate_feeds = false\ngenerate_sitemap = false\ngenerate_robots_txt = false\n"
        ),
    );
    write(
        dir,
        "templates/base.html",
        &format!(
            "<!DOCTYPE html>
<html lang=\"da\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{{% block title %}}{{{{ config.title }}}}{{% endblock %}}</title>
<link rel=\"stylesheet\" href=\"{{{{ get_url(path='style.css') }}}}\">
</head>
<body>
<header><a href=\"{{{{ get_url(path='@/_index.md') }}}}\">{{{{ config.title }}}}</a></header>
<nav><ul><li><a href=\"{{{{ get_url(path='@/_index.md') }}}}\">Forside</a></li><li><a href=\"{{{{ get_url(path='@/sider/_index.md') }}}}\">Sider</a></li></ul></nav>
<main>
{{% block content %}}{{% endblock %}}
</main>
<footer>{FOOTER}</footer>
</body>
</html>
"
        ),
    );
    write(
        dir,
        "templates/page.html",
        "{% extends \"base.html\" %}
{% block title %}{{ page.title }} – {{ config.title }}{% endblock %}
{% block content %}<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
<p>{% if page.lower %}<a href=\"{{ page.lower.permalink | safe }}\">← {{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a href=\"{{ page.higher.permalink | safe }}\">{{ page.higher.title }} →</a>{% endif %}</p>
{% endblock %}
",
    );
    write(
        dir,
        "templates/section.html",
        "{% extends \"base.html\" %}
{% block title %}{{ section.title }} – {{ config.title }}{% endblock %}
{% block content %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>
{% for p in section.pages %}<li><a href=\"{{ p.permalink | safe }}\">{{ p.title }}</a></li>
{% endfor %}</ul>
{% endblock %}
",
    );
    write(
        dir,
        "templates/index.html",
        // The first pages one by one: get_section() would hand the template
        // every page with its content (0.5 s and 350 MB more at 3,000 pages).
        &format!(
            "{{% extends \"base.html\" %}}
{{% block content %}}<h1>{{{{ config.title }}}}</h1>
{{{{ section.content | safe }}}}
<h2>Sider</h2>
<ul>
{{% for i in range(end={first}) %}}{{% set p = get_page(path=\"sider/side-\" ~ i ~ \".md\") %}}<li><a href=\"{{{{ p.permalink | safe }}}}\">{{{{ p.title }}}}</a></li>
{{% endfor %}}</ul>
<p><a href=\"{{{{ get_url(path='@/sider/_index.md') }}}}\">Alle sider</a></p>
{{% endblock %}}
"
        ),
    );
    write(dir, "static/style.css", CSS);
    write(
        dir,
        "content/_index.md",
        &format!("+++\ntitle = \"{SITE_TITLE}\"\n+++\n\nRapportens forside.\n"),
    );
    write(
        dir,
        "content/sider/_index.md",
        "+++\ntitle = \"Sider\"\nsort_by = \"weight\"\n+++\n\nAlle rapportens sider.\n",
    );
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
    let hugo = get("--hugo").map(PathBuf::from);
    let zola = get("--zola").map(PathBuf::from);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let n = (pages / 20).clamp(3, 80);
    let w = |rel: &str, text: &str| write(&out, rel, text);
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
        let title = format!("Side {i}: {}", sentence(&mut rng, 4).trim_end_matches('.'));
        let mut md = String::new();
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
        w(
            &format!("sider/side-{i}.md"),
            &format!("---\ntitel: \"{title}\"\nraekkefoelge: {i}\n---\n{md}"),
        );
        if let Some(dir) = &hugo {
            let body = relink(&md, |kind, id| match kind {
                "side" => format!("../{id}/"),
                _ => "../../".to_string(),
            });
            write(
                dir,
                &format!("content/sider/side-{i}.md"),
                &format!("---\ntitle: \"{title}\"\nweight: {}\n---\n{body}", i + 1),
            );
        }
        if let Some(dir) = &zola {
            let body = relink(&md, |kind, id| match kind {
                "side" => format!("@/sider/{id}.md"),
                _ => "@/_index.md".to_string(),
            });
            write(
                dir,
                &format!("content/sider/side-{i}.md"),
                &format!("+++\ntitle = \"{title}\"\nweight = {}\n+++\n{body}", i + 1),
            );
        }
    }
    if let Some(dir) = &hugo {
        hugo_site(dir);
    }
    if let Some(dir) = &zola {
        zola_site(dir, pages.min(12));
    }
    println!("{} ({} sider, {n} enheder pr. del)", out.display(), pages);
    for (dir, tool) in [(&hugo, "Hugo"), (&zola, "Zola")] {
        if let Some(dir) = dir {
            println!("{} ({tool}, de samme {pages} sider)", dir.display());
        }
    }
}
