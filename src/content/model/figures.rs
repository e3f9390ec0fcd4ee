//! The resolved key figures (nøgletal) and case review (sagsanalyse).

use super::*;

#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub role: Role,
    /// Value per year; `None` is a year the source does not state (`..`).
    pub values: BTreeMap<u16, Option<f64>>,
}

impl Series {
    /// The years with a value, in order.
    pub fn known(&self) -> impl DoubleEndedIterator<Item = (u16, f64)> + '_ {
        self.values.iter().filter_map(|(y, v)| v.map(|v| (*y, v)))
    }

    /// The latest year with a value.
    pub fn latest(&self) -> Option<(u16, f64)> {
        self.known().next_back()
    }
}

/// Nøgletal.
#[derive(Clone, Debug)]
pub struct KeyFigure {
    pub h: Header,
    pub unit: Unit,
    pub definition: Option<Md>,
    /// The source's text as shown (e.g. "Danmarks Statistik"), from `h.prov`.
    pub source: Option<String>,
    pub table: Option<String>,
    pub counting: Option<Counting>,
    pub better: Option<Better>,
    pub target: Option<(f64, u16)>,
    pub decimals: usize,
    /// The CSV file as read (UTF-8, LF), published as a download.
    pub csv: Option<CsvFile>,
    pub series: Vec<Series>,
    /// Backlinks.
    pub outcomes: Vec<usize>,
    pub themes: Vec<usize>,
}

/// A key figure's CSV file: its path in the report and its text.
#[derive(Clone, Debug)]
pub struct CsvFile {
    pub path: String,
    pub text: std::sync::Arc<str>,
}

impl KeyFigure {
    /// Whether any series other than the municipality's own has a value.
    pub fn has_comparison(&self) -> bool {
        self.series
            .iter()
            .any(|s| s.role != Role::Kommune && s.known().next().is_some())
    }

    /// The latest value of the municipality's own series.
    pub fn latest(&self) -> Option<(u16, f64)> {
        self.series
            .iter()
            .find(|s| s.role == Role::Kommune)
            .and_then(Series::latest)
    }

    /// All years any series has, sorted.
    pub fn years(&self) -> Vec<u16> {
        let mut y: Vec<u16> = self
            .series
            .iter()
            .flat_map(|s| s.values.keys().copied())
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    }
}

#[derive(Clone, Debug)]
pub struct KeyFiguresPart {
    pub intro: Option<Md>,
    pub figures: Vec<KeyFigure>,
}

/// Kriterium i sagsanalysen.
#[derive(Clone, Debug)]
pub struct Criterion {
    pub h: Header,
    pub description: Option<Md>,
    /// Count per scale level, in scale order; `None` when the source gives
    /// no counts for this criterion.
    pub results: Option<Vec<u32>>,
    /// The findings in words.
    pub findings: Option<Md>,
    pub examples: Vec<String>,
    pub outcomes: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct CaseReviewPart {
    pub prov: Provenance,
    pub title: Option<String>,
    /// Number of cases reviewed, when the source states it.
    pub cases: Option<u32>,
    pub by: Option<String>,
    pub method: Option<Md>,
    pub scale: Vec<(String, String)>,
    pub criteria: Vec<Criterion>,
}
