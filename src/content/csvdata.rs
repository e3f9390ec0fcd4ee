//! Key-figure series from CSV: `;` or `,` separated, decimal comma or point,
//! thousands dots, either long (one row per year) or wide (Statistikbanken
//! style, years across the header). Every bad cell is reported with its
//! line and column.

use crate::content::raw::is_missing_value as is_missing;
use crate::diag::{Diagnostics, Pos, did_you_mean, fold_danish};
use crate::format::parse_danish_number;

/// One column (or row, in the wide layout) of values by year; `None` is a
/// cell that says the value is not stated (`..` or empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Vec<(u16, Option<f64>)>,
}

pub const MIN_YEAR: u16 = 1900;
pub const MAX_YEAR: u16 = 2100;

fn parse_year(s: &str) -> Option<u16> {
    let y: u16 = s.trim().trim_matches('"').parse().ok()?;
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(y)
}

/// Reads `text` (already UTF-8, LF) from `file`. Returns the columns found;
/// problems go to `diags`.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Vec<Column> {
    let head: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .collect();
    let delim = if head.iter().any(|l| l.contains(';')) {
        b';'
    } else if head.iter().any(|l| l.contains('\t')) {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as u32);
                let cells: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
                if cells.iter().all(|c| c.is_empty()) {
                    continue;
                }
                rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as u32);
                diags
                    .error(
                        file,
                        Pos::new(line, 0),
                        "CSV-filen kan ikke læses her (et anførselstegn er måske ikke lukket).",
                    )
                    .hint("Tjek at tekst i anførselstegn er lukket, og at filen er gemt som CSV.");
                return Vec::new();
            }
        }
    }
    // Statistikbanken puts a title line (one cell) above the table.
    while rows.len() > 1
        && rows[0].1.iter().filter(|c| !c.is_empty()).count() == 1
        && rows[1].1.len() > 1
    {
        rows.remove(0);
    }
    phantom_columns(&mut rows, text, file, delim as char, diags);
    let Some((header_line, header)) = rows.first().cloned() else {
        diags.error(file, Pos::FILE, "CSV-filen er tom.").hint(
            "Første linje skal være en overskrift, fx `aar;Kommunen;Sammenlignelige kommuner`.",
        );
        return Vec::new();
    };
    if header.len() < 2 {
        diags
            .error(file, Pos::new(header_line, 1), "CSV-filen har kun én kolonne. omstil læser filer adskilt med semikolon (;) eller komma.")
            .hint("Første linje skal være en overskrift, fx `aar;Kommunen;Sammenlignelige kommuner`.");
        return Vec::new();
    }
    let mut cells_at = CellColumns::new(text, delim as char);
    let mut col_of = |line: u32, idx: usize| -> u32 { cells_at.column(line, idx) };
    let wide = header
        .iter()
        .skip(1)
        .filter(|c| parse_year(c).is_some())
        .count()
        >= 1;
    let mut columns: Vec<Column> = Vec::new();
    if wide {
        let years: Vec<Option<u16>> = header.iter().skip(1).map(|c| parse_year(c)).collect();
        for (i, y) in years.iter().enumerate() {
            if y.is_none() && !header[i + 1].is_empty() {
                diags
                    .error(
                        file,
                        Pos::new(header_line, col_of(header_line, i + 1)),
                        format!("Overskriften `{}` er ikke et årstal.", header[i + 1]),
                    )
                    .hint(format!(
                        "Årstal skal ligge mellem {MIN_YEAR} og {MAX_YEAR}."
                    ));
            }
        }
        for (line, cells) in rows.iter().skip(1) {
            if cells.len() != header.len() {
                wrong_count(diags, file, *line, cells.len(), header.len());
                continue;
            }
            let mut values = Vec::new();
            for (i, cell) in cells.iter().enumerate().skip(1) {
                let Some(year) = years[i - 1] else { continue };
                if is_missing(cell) {
                    values.push((year, None));
                    continue;
                }
                match parse_danish_number(cell) {
                    Some(v) => values.push((year, Some(v))),
                    None => not_a_number(diags, file, *line, col_of(*line, i), cell),
                }
            }
            columns.push(Column {
                name: cells[0].clone(),
                values,
            });
        }
    } else {
        let first = fold_danish(&header[0]);
        if !["aar", "ar", "year", "periode", ""].contains(&first.as_str()) {
            diags
                .error(file, Pos::new(header_line, 1), format!("Første kolonne skal hedde `aar` (eller `år`), men hedder `{}`.", header[0]))
                .hint("Den lange form har ét år pr. linje: `aar;Kommunen;Sammenlignelige kommuner`. Den brede form har årstallene i overskriften.");
            return Vec::new();
        }
        for name in header.iter().skip(1) {
            columns.push(Column {
                name: name.clone(),
                values: Vec::new(),
            });
        }
        let mut seen_years = std::collections::BTreeMap::new();
        for (line, cells) in rows.iter().skip(1) {
            if cells.len() != header.len() {
                wrong_count(diags, file, *line, cells.len(), header.len());
                continue;
            }
            let Some(year) = parse_year(&cells[0]) else {
                diags
                    .error(
                        file,
                        Pos::new(*line, 1),
                        format!("`{}` er ikke et gyldigt årstal.", cells[0]),
                    )
                    .hint(format!(
                        "Skriv årstallet med fire cifre mellem {MIN_YEAR} og {MAX_YEAR}, fx `2023`."
                    ));
                continue;
            };
            if let Some(prev) = seen_years.insert(year, *line) {
                diags
                    .error(
                        file,
                        Pos::new(*line, 1),
                        format!("Året {year} står to gange (også i linje {prev})."),
                    )
                    .hint("Slet den ene linje.");
                continue;
            }
            for (i, cell) in cells.iter().enumerate().skip(1) {
                if is_missing(cell) {
                    columns[i - 1].values.push((year, None));
                    continue;
                }
                match parse_danish_number(cell) {
                    Some(v) => columns[i - 1].values.push((year, Some(v))),
                    None => not_a_number(diags, file, *line, col_of(*line, i), cell),
                }
            }
        }
    }
    columns
}

/// A `;` at the end of the lines (as spreadsheets write them) makes an
/// empty last column with no heading: it is left out, with one warning.
fn phantom_columns(
    rows: &mut [(u32, Vec<String>)],
    text: &str,
    file: &str,
    delim: char,
    diags: &mut Diagnostics,
) {
    let Some((header_line, header)) = rows.first_mut() else {
        return;
    };
    let header_line = *header_line;
    let full = header.len();
    while header.len() > 1 && header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    let width = header.len();
    let mut extra = full > width;
    for (_, cells) in rows.iter_mut().skip(1) {
        while cells.len() > width && cells.last().is_some_and(String::is_empty) {
            cells.pop();
            extra = true;
        }
    }
    if extra {
        diags
            .warning(
                file,
                Pos::new(header_line, CellColumns::new(text, delim).column(header_line, width)),
                format!("Linjerne slutter med et `{delim}` for meget; den tomme kolonne til sidst bliver ikke brugt."),
            )
            .hint(format!("Slet det sidste `{delim}` i linjerne, så der ikke er en kolonne uden overskrift."));
    }
}

fn wrong_count(diags: &mut Diagnostics, file: &str, line: u32, got: usize, want: usize) {
    diags
        .error(file, Pos::new(line, 1), format!("Linjen har {got} kolonner, men overskriften har {want}."))
        .hint("Tjek for et manglende eller ekstra semikolon. Et tal med decimalkomma i en kommasepareret fil skal stå i anførselstegn.");
}

fn not_a_number(diags: &mut Diagnostics, file: &str, line: u32, col: u32, cell: &str) {
    diags
        .error(file, Pos::new(line, col), format!("Cellen `{cell}` er ikke et tal."))
        .hint("Skriv tal som `12,5` eller `1.234`; en tom celle eller `..` betyder, at tallet mangler.");
}

/// Where cells start, for messages: the line table of the file and the
/// cell columns of the last line asked for, so that a file with many bad
/// cells is scanned once, not once per cell.
struct CellColumns<'a> {
    text: &'a str,
    delim: char,
    line_starts: Vec<usize>,
    /// The line whose cell columns are in `cols`.
    line: u32,
    cols: Vec<u32>,
}

impl<'a> CellColumns<'a> {
    fn new(text: &'a str, delim: char) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        CellColumns {
            text,
            delim,
            line_starts,
            line: 0,
            cols: Vec::new(),
        }
    }

    /// The 1-based character column where cell `idx` of `line` starts.
    fn column(&mut self, line: u32, idx: usize) -> u32 {
        if line != self.line {
            self.line = line;
            self.cols.clear();
            let Some(&start) = self.line_starts.get(line.saturating_sub(1) as usize) else {
                return 1;
            };
            let l = self.text[start..].split('\n').next().unwrap_or("");
            self.cols.push(1);
            for (col, c) in (1..).zip(l.trim_end_matches('\r').chars()) {
                if c == self.delim {
                    self.cols.push(col + 1);
                }
            }
        }
        self.cols.get(idx).copied().unwrap_or(1)
    }
}

/// Finds a column by the name the YAML gives, or says which exist.
pub fn find_column<'a>(columns: &'a [Column], name: &str) -> Result<&'a Column, String> {
    let want = fold_danish(name.trim());
    if let Some(c) = columns.iter().find(|c| fold_danish(c.name.trim()) == want) {
        return Ok(c);
    }
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    Err(match did_you_mean(name, names.iter().copied()) {
        Some(s) => format!("Mente du `{s}`?"),
        None => format!(
            "Kolonnerne i filen hedder: {}.",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_long_layout_with_decimal_commas() {
        let mut d = Diagnostics::new();
        let cols = parse(
            "aar;Egeskov;Sammenlignelige kommuner\n2015;33,0;20,5\n2016;25;..\n",
            "x.csv",
            &mut d,
        );
        assert!(d.is_empty());
        assert_eq!(cols[0].values, vec![(2015, Some(33.0)), (2016, Some(25.0))]);
        assert_eq!(cols[1].values, vec![(2015, Some(20.5)), (2016, None)]);
    }

    #[test]
    fn reads_wide_statistikbanken_layout_with_title_line() {
        let mut d = Diagnostics::new();
        let cols = parse(
            "Anbragte pr. 1.000\n;2015;2016\nEgeskov;1.234;12,5\nHele landet;10;11\n",
            "x.csv",
            &mut d,
        );
        assert!(d.is_empty(), "{:?}", d.iter().collect::<Vec<_>>());
        assert_eq!(cols.len(), 2);
        assert_eq!(cols[0].name, "Egeskov");
        assert_eq!(
            cols[0].values,
            vec![(2015, Some(1234.0)), (2016, Some(12.5))]
        );
    }

    #[test]
    fn keeps_missing_cells_as_unstated_years_in_both_layouts() {
        let mut d = Diagnostics::new();
        let long = parse("aar;A;B\n2018;1;2\n2019;..;\n2020;3;4\n", "x.csv", &mut d);
        let wide = parse(";2018;2019;2020\nA;1;..;3\nB;2;;4\n", "y.csv", &mut d);
        assert!(d.is_empty(), "{:?}", d.iter().collect::<Vec<_>>());
        for cols in [long, wide] {
            assert_eq!(cols[0].values[1], (2019, None));
            assert_eq!(cols[1].values[1], (2019, None));
            assert_eq!(cols[1].values[2], (2020, Some(4.0)));
        }
    }

    #[test]
    fn reports_bad_cells_with_line_and_column() {
        let mut d = Diagnostics::new();
        parse("aar;A;B\n2015;1;x\n2016;2\n20x7;1;1\n", "x.csv", &mut d);
        let all: Vec<_> = d.into_sorted();
        assert_eq!(all.len(), 3, "{all:?}");
        assert_eq!((all[0].line, all[0].col), (2, 8));
        assert!(all[0].message.contains("`x` er ikke et tal"));
        assert_eq!(all[1].line, 3);
        assert!(all[1].message.contains("2 kolonner"));
        assert_eq!(all[2].line, 4);
    }
}
