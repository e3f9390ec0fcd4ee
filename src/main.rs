//! The `omstil` command line: build, check, pdf, serve, init, new, schema, lsp.

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use omstil::say;

#[derive(Parser)]
#[command(
    name = "omstil",
    version,
    about = "Bygger et statisk website af en kommunes rapport om omstilling på børne- og ungeområdet.",
    long_about = "omstil bygger et statisk website af en kommunes rapport om omstilling til en tidligere forebyggende indsats for udsatte børn og unge: modenhedsanalyse, forandringsteori, udviklingsplan, tilbudsvifte, nøgletal og sagsanalyse.\n\nEksempler:\n  omstil init min-rapport      opret en ny rapport\n  omstil check min-rapport     tjek indholdet uden at skrive noget\n  omstil build min-rapport     byg websitet i min-rapport/output/\n  omstil serve min-rapport     vis rapporten i browseren, mens du skriver\n  omstil pdf min-rapport       lav rapporten som PDF i min-rapport/rapport.pdf\n  omstil new hypotese tidlig-opsporing min-rapport\n                               tilføj en ny hypotese med skabelon"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Skriv kun fejl og advarsler.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Skriv mere: hvilke filer der blev skrevet, og hvor lang tid det tog.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Byg websitet (standard: rapporten i den aktuelle mappe, til DIR/output).
    Build {
        /// Rapportens mappe (den med omstil.yaml). Standard: content/ hvis den findes, ellers den aktuelle mappe.
        dir: Option<PathBuf>,
        /// Hvor websitet skrives. Standard: output/ ved siden af rapporten.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Skriv også i en mappe, der ikke er lavet af omstil.
        #[arg(long)]
        force: bool,
        /// Læg også hele rapporten som PDF i websitet (rapport.pdf), med et link fra forsiden og menuen.
        #[arg(long)]
        pdf: bool,
        /// Browseren, der laver PDF'en (Chrome, Edge eller Chromium). Standard: den første, der findes.
        #[arg(long, requires = "pdf")]
        browser: Option<PathBuf>,
    },
    /// Lav hele rapporten som én PDF med en Chrome, Edge eller Chromium, der allerede er installeret.
    Pdf {
        /// Rapportens mappe.
        dir: Option<PathBuf>,
        /// Hvor PDF'en skrives. Standard: rapport.pdf ved siden af output-mappen (i rapportens mappe, eller den aktuelle mappe for content/).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Browseren, der laver PDF'en (Chrome, Edge eller Chromium). Standard: miljøvariablen OMSTIL_BROWSER, ellers den første, der findes.
        #[arg(long)]
        browser: Option<PathBuf>,
        /// Kun én opfølgning som statusrapport, fx `--runde 2025-04` (siden opfoelgning/2025-04.html). Standard-filen er da status-2025-04.pdf.
        #[arg(long, value_name = "ÅÅÅÅ-MM")]
        runde: Option<String>,
    },
    /// Tjek rapporten og vis alle fejl og advarsler; skriver intet.
    Check {
        /// Rapportens mappe.
        dir: Option<PathBuf>,
    },
    /// Vis rapporten i browseren, og byg den igen, hver gang en fil gemmes. Skriver intet på disken.
    Serve {
        /// Rapportens mappe.
        dir: Option<PathBuf>,
        /// Porten. Standard: 1111, eller en ledig port, hvis 1111 er optaget; 0 giver altid en ledig port.
        #[arg(short, long)]
        port: Option<u16>,
        /// Adressen, der lyttes på. Standard: 127.0.0.1, så kun denne computer kan se siden.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        bind: IpAddr,
        /// Åbn siden i browseren.
        #[arg(long)]
        open: bool,
    },
    /// Tilføj en ny hypotese, indsats, aktivitet, mål, handling, tilbud, nøgletal, aktør, projekt eller side med skabelon.
    #[command(
        after_help = "Eksempler:\n  omstil new hypotese tidlig-opsporing\n  omstil new handling kursus-i-boernesamtaler --fokusomraade fagligt-loeft\n  omstil new side baggrund min-rapport"
    )]
    New {
        /// Slags: hypotese, indsats, aktivitet, maal, handling, tilbud, noegletal, aktoer, projekt eller side.
        kind: String,
        /// Det nye id: små bogstaver a–z, tal og bindestreger.
        id: String,
        /// Rapportens mappe.
        dir: Option<PathBuf>,
        /// Fokusområdet, en ny handling hører under (kan udelades, hvis der kun er ét).
        #[arg(long)]
        fokusomraade: Option<String>,
    },
    /// Skriv JSON Schemas for rapportens filer, så editoren kan foreslå nøgler og vise fejl, mens du skriver.
    Schema {
        /// Mappen, de skrives i. Standard: schemas/ i rapporten i den aktuelle mappe.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Start en sprogserver (LSP) på stdin/stdout, så editoren (VS Code, Neovim …) viser fejl, mens du skriver, og foreslår, finder og omdøber id'er.
    Lsp,
    // == followup (issue 16) ==
    /// Opfølgning på udviklingsplanen: `omstil opfoelgning ny [DATO]` starter næste opfølgning.
    #[command(
        after_help = "Eksempler:\n  omstil opfoelgning ny\n  omstil opfoelgning ny 2025-10-21 min-rapport"
    )]
    Opfoelgning {
        #[command(subcommand)]
        command: FollowUpCommand,
    },
    /// Opret en ny rapport med alle dele, klar til at udfylde.
    Init {
        /// Mappen, der skal oprettes (eller en tom mappe).
        dir: PathBuf,
    },
}

// == followup (issue 16) ==
#[derive(Subcommand)]
enum FollowUpCommand {
    /// Start næste opfølgning: skriver opfoelgning/ÅÅÅÅ-MM.yaml med alle handlinger og deres nuværende status.
    Ny {
        /// Mødets dato, fx 2025-10-21. Standard: i dag.
        dato: Option<String>,
        /// Rapportens mappe.
        dir: Option<PathBuf>,
    },
}

/// The report folder: the argument, else `content/` if it has omstil.yaml
/// (the bundled example), else the current folder.
fn report_dir(dir: Option<PathBuf>) -> PathBuf {
    match dir {
        Some(d) => d,
        None if Path::new("content/omstil.yaml").is_file() => PathBuf::from("content"),
        None => PathBuf::from("."),
    }
}

/// The default output folder: `output/` beside `content/` for the bundled
/// layout, else `DIR/output`.
fn default_output(dir: &Path) -> PathBuf {
    if dir == Path::new("content") {
        PathBuf::from("output")
    } else {
        dir.join("output")
    }
}

/// The default PDF file: `rapport.pdf` beside the default output folder
/// (never inside it: omstil owns that folder and replaces it whole).
fn default_pdf(dir: &Path) -> PathBuf {
    default_output(dir).with_file_name(omstil::pdf::FILE)
}

/// The browser for the PDF, or the exit code after saying none was found.
fn pdf_with(browser: Option<PathBuf>) -> Result<omstil::PdfWith, ExitCode> {
    match omstil::pdf::find_browser(&omstil::pdf::Search::system(browser)) {
        Ok(browser) => Ok(omstil::PdfWith {
            browser,
            timeout: omstil::pdf::TIMEOUT,
        }),
        Err(e) => {
            eprintln!("omstil: {e}\nomstil: Ingen PDF – intet er skrevet.");
            Err(ExitCode::from(1))
        }
    }
}

fn pdf_warnings(m: &omstil::pdf::Made) {
    for w in &m.warnings {
        eprintln!("omstil: advarsel: {w}");
    }
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// "3 fejl, 1 advarsel" with the right number forms.
fn counts(b: &omstil::Build) -> String {
    omstil::diag::counts(b.errors(), b.warnings())
}

fn print_diagnostics(b: &omstil::Build) {
    if !b.diagnostics.is_empty() {
        eprint!(
            "{}",
            omstil::diag::render(&b.diagnostics, &b.sources, color())
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            output,
            force,
            pdf,
            browser,
        } => {
            let dir = report_dir(dir);
            let out = output.unwrap_or_else(|| default_output(&dir));
            let with = if pdf {
                match pdf_with(browser) {
                    Ok(w) => Some(w),
                    Err(code) => return code,
                }
            } else {
                None
            };
            let b = match omstil::build_to_with(&dir, &out, force, with.as_ref()) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("omstil: {e}");
                    return ExitCode::from(2);
                }
            };
            print_diagnostics(&b);
            if b.errors() > 0 {
                eprintln!(
                    "omstil: {} – intet er skrevet, det forrige website er uændret.",
                    counts(&b)
                );
                return ExitCode::from(1);
            }
            if let Some(made) = &b.pdf {
                match made {
                    Ok(m) => pdf_warnings(m),
                    Err(e) => {
                        eprintln!(
                            "omstil: {e}\nomstil: Ingen PDF – intet er skrevet, det forrige website er uændret."
                        );
                        return ExitCode::from(1);
                    }
                }
            }
            if cli.verbose {
                for (phase, d) in &b.phases {
                    say!("  {phase:<16} {:>7.1} ms", d.as_secs_f64() * 1000.0);
                }
                for (folder, (n, size)) in &b.stats.folders {
                    say!("  {folder:<16} {n:>5} filer  {:>7} kB", size.div_ceil(1024));
                }
            }
            if !cli.quiet {
                say!(
                    "Bygget {} sider på {} ms ({}; søgeindeks {} kB) → {}",
                    b.pages,
                    b.elapsed.as_millis(),
                    counts(&b),
                    b.search_index_bytes().div_ceil(1024),
                    out.join("index.html").display()
                );
            }
            ExitCode::SUCCESS
        }
        Command::Pdf {
            dir,
            output,
            browser,
            runde,
        } => {
            let dir = report_dir(dir);
            let out = output.unwrap_or_else(|| match &runde {
                Some(r) => default_pdf(&dir).with_file_name(format!("status-{r}.pdf")),
                None => default_pdf(&dir),
            });
            let with = match pdf_with(browser) {
                Ok(w) => w,
                Err(code) => return code,
            };
            let b = match &runde {
                Some(r) => omstil::build_round_pdf(&dir, &with, r),
                None => omstil::build_pdf(&dir, &with),
            };
            print_diagnostics(&b);
            if b.errors() > 0 {
                eprintln!(
                    "omstil: {} – ingen PDF, {} er uændret.",
                    counts(&b),
                    out.display()
                );
                return ExitCode::from(1);
            }
            let m = match b.pdf {
                Some(Ok(m)) => m,
                Some(Err(e)) => {
                    eprintln!(
                        "omstil: {e}\nomstil: Ingen PDF – {} er uændret.",
                        out.display()
                    );
                    return ExitCode::from(1);
                }
                None => return ExitCode::from(1),
            };
            pdf_warnings(&m);
            if let Err(e) = omstil::pdf::write_file(&out, &m.bytes) {
                eprintln!("omstil: {e}");
                return ExitCode::from(2);
            }
            if !cli.quiet {
                say!(
                    "Lavet PDF med {} sider ({} kB, {} udskrifter) på {:.1} s → {}",
                    m.pages,
                    m.bytes.len().div_ceil(1024),
                    m.passes,
                    b.elapsed.as_secs_f64(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Command::Check { dir } => {
            let dir = report_dir(dir);
            let b = omstil::check(&dir);
            print_diagnostics(&b);
            if b.errors() > 0 {
                eprintln!("omstil: {}.", counts(&b));
                return ExitCode::from(1);
            }
            if !cli.quiet {
                say!("{}, {} sider.", counts(&b), b.pages);
            }
            ExitCode::SUCCESS
        }
        Command::Serve {
            dir,
            port,
            bind,
            open,
        } => omstil::serve::run(
            omstil::serve::Options {
                root: report_dir(dir),
                bind,
                port,
                quiet: cli.quiet,
                verbose: cli.verbose,
                color: color(),
            },
            open,
        ),
        Command::New {
            kind,
            id,
            dir,
            fokusomraade,
        } => {
            let dir = report_dir(dir);
            match omstil::new::new(&dir, &kind, &id, fokusomraade.as_deref()) {
                Ok(file) => {
                    if !cli.quiet {
                        say!(
                            "Tilføjet `{id}` i {}. Udfyld skabelonen, og se resultatet med omstil serve.",
                            dir.join(file).display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("omstil: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema { out } => {
            let out = out.unwrap_or_else(|| report_dir(None).join(omstil::init::SCHEMA_DIR));
            if let Err(e) = std::fs::create_dir_all(&out) {
                eprintln!("omstil: Kan ikke oprette {}: {e}", out.display());
                return ExitCode::from(2);
            }
            for s in omstil::schema::all() {
                let path = out.join(s.name);
                if let Err(e) = std::fs::write(&path, omstil::schema::to_json(&s.schema)) {
                    eprintln!("omstil: Kan ikke skrive {}: {e}", path.display());
                    return ExitCode::from(2);
                }
                if cli.verbose {
                    say!(
                        "{}: {} ({})",
                        path.display(),
                        s.title,
                        s.applies_to.join(", ")
                    );
                }
            }
            if !cli.quiet {
                say!(
                    "Skrev {} skemaer i {}.",
                    omstil::schema::all().len(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Command::Lsp => match omstil::lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("omstil lsp: {e}");
                ExitCode::from(2)
            }
        },
        // == followup (issue 16) ==
        Command::Opfoelgning {
            command: FollowUpCommand::Ny { dato, dir },
        } => {
            // `omstil opfoelgning ny MAPPE`: a folder where the date would be.
            let (dato, dir) = match (dato, dir) {
                (Some(d), None) if Path::new(&d).is_dir() => (None, Some(PathBuf::from(d))),
                x => x,
            };
            let dir = report_dir(dir);
            match omstil::new_round::new_round(&dir, dato.as_deref()) {
                Ok(file) => {
                    if !cli.quiet {
                        say!(
                            "Oprettet {}. Ret status og skriv kommentarer; se resultatet med omstil serve.",
                            dir.join(file).display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("omstil: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => match omstil::init::init(&dir) {
            Ok(files) => {
                if !cli.quiet {
                    say!(
                        "Oprettet en ny rapport i {} ({} filer). Byg den med: omstil build {}",
                        dir.display(),
                        files.len(),
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("omstil: {e}");
                ExitCode::from(2)
            }
        },
    }
}
