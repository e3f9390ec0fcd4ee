//! Danish number, money, percentage and date formats: `750.000 kr.`,
//! `12,5 %`, `13. december 2017`. Also the lenient number parser used for
//! YAML and CSV input (decimal comma, thousands dot).

/// Parses `12,5`, `1.234`, `1.234,5`, `12.5`, `-3`, `12,5 %` → f64.
/// A single dot followed by exactly three digits is read as a thousands
/// separator (`1.234` = 1234), as Danish exports write it.
pub fn parse_danish_number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .trim_end_matches("kr.")
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return None;
    }
    let (sign, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (-1.0, rest.to_string()),
        None => (1.0, t.trim_start_matches('+').to_string()),
    };
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || body.is_empty()
    {
        return None;
    }
    let normalized = if body.contains(',') {
        // Decimal comma; dots are thousands separators.
        let (int, frac) = body.rsplit_once(',')?;
        if frac.contains('.') || !thousands_ok(int) {
            return None;
        }
        format!("{}.{}", int.replace('.', ""), frac)
    } else if body.matches('.').count() > 1 {
        if !thousands_ok(&body) {
            return None;
        }
        body.replace('.', "")
    } else if let Some((int, frac)) = body.split_once('.') {
        if frac.len() == 3 && !int.is_empty() && !int.starts_with('0') {
            format!("{int}{frac}")
        } else {
            body.clone()
        }
    } else {
        body.clone()
    };
    let v: f64 = normalized.parse().ok()?;
    v.is_finite().then_some(sign * v)
}

fn thousands_ok(int: &str) -> bool {
    if !int.contains('.') {
        return true;
    }
    let mut groups = int.split('.');
    let first = groups.next().unwrap_or("");
    !first.is_empty() && first.len() <= 3 && groups.all(|g| g.len() == 3)
}

/// `1234567.891` with 2 decimals → `1.234.567,89`.
pub fn number(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let grouped = group_digits(&int);
    let negative = v < 0.0
        && (grouped.chars().any(|c| c != '0' && c != '.')
            || frac.as_deref().is_some_and(|f| f.chars().any(|c| c != '0')));
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// `1234567` → `1.234.567`, exactly (no `f64` on the way).
pub fn integer(n: u128) -> String {
    group_digits(&n.to_string())
}

/// `"1234567"` → `"1.234.567"`: a dot between groups of three digits.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `750000` → `750.000 kr.`, exactly.
pub fn kroner(v: u64) -> String {
    format!("{}\u{a0}kr.", integer(v.into()))
}

/// A measured amount in kroner (a key figure, an axis tick), rounded.
pub fn kroner_rounded(v: f64) -> String {
    format!("{}\u{a0}kr.", number(v, 0))
}

/// Reads an amount in whole kroner: `250000`, `750.000`, `750.000 kr.`,
/// `12,00`. The error is a Danish sentence with `{felt}` for the key.
pub fn parse_kroner(s: &str) -> Result<u64, String> {
    let t: String = s
        .trim()
        .trim_end_matches("kr.")
        .trim_end_matches("kr")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '_')
        .collect();
    let written = s.trim();
    let not_amount = || {
        format!(
            "{{felt}} skal være et beløb i hele kroner, men er `{written}`. || Skriv fx `250000` eller `\"750.000\"`."
        )
    };
    let (negative, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, t.trim_start_matches('+')),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(not_amount());
    }
    // Decimal comma, or a dot that is not a thousands separator.
    let (int, frac) = match body.rsplit_once(',') {
        Some((i, f)) => (i, f),
        None if body.contains('.') && !thousands_ok(body) => {
            body.rsplit_once('.').unwrap_or((body, ""))
        }
        None => (body, ""),
    };
    if frac.contains(['.', ',']) || !thousands_ok(int) || int.is_empty() {
        return Err(not_amount());
    }
    if frac.chars().any(|c| c != '0') {
        return Err(format!(
            "{{felt}} skal være et beløb i hele kroner, men er `{written}`. || Rund af til hele kroner; omstil regner ikke med øre."
        ));
    }
    let digits = int.replace('.', "");
    if negative && digits.chars().any(|c| c != '0') {
        return Err(format!(
            "{{felt}} kan ikke være negativ, men er `{written}`."
        ));
    }
    digits.parse::<u64>().map_err(|_| {
        format!(
            "{{felt}} er for stor: omstil regner med beløb op til {} kr.",
            integer(u64::MAX.into())
        )
    })
}

/// `12.5` → `12,5 %`
pub fn percent(v: f64, decimals: usize) -> String {
    format!("{}\u{a0}%", number(v, decimals))
}

pub const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date as written in the settings (`2025-03-31`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year: u16 = it.next()?.parse().ok()?;
        let month: u8 = it.next()?.parse().ok()?;
        let day: u8 = it.next()?.parse().ok()?;
        let dim = days_in_month(year, month)?;
        (1..=dim)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `13. december 2017` (da) or `13 December 2017` (en).
    pub fn long(&self, lang: &str) -> String {
        let m = self.month as usize - 1;
        if lang == "en" {
            format!("{} {} {}", self.day, MONTHS_EN[m], self.year)
        } else {
            format!("{}. {} {}", self.day, MONTHS_DA[m], self.year)
        }
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => return None,
    })
}

/// A month (`2023-04`), used for action periods. A bare year means January
/// (as a start) or December (as an end); the caller decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    pub fn parse(s: &str, year_only_month: u8) -> Option<Month> {
        let s = s.trim();
        if let Some((y, m)) = s.split_once('-') {
            let year: u16 = y.parse().ok()?;
            let month: u8 = m.parse().ok()?;
            ((1..=12).contains(&month) && (1900..=2200).contains(&year))
                .then_some(Month { year, month })
        } else {
            let year: u16 = s.parse().ok()?;
            (1900..=2200).contains(&year).then_some(Month {
                year,
                month: year_only_month,
            })
        }
    }

    /// `april 2023` / `April 2023`
    pub fn long(&self, lang: &str) -> String {
        let m = self.month as usize - 1;
        if lang == "en" {
            format!("{} {}", MONTHS_EN[m], self.year)
        } else {
            format!("{} {}", MONTHS_DA[m], self.year)
        }
    }

    /// Months since year 0, for arithmetic on timelines.
    pub fn index(&self) -> i32 {
        self.year as i32 * 12 + self.month as i32 - 1
    }
}

/// A period of whole months (periode, horisont): `from` January of its
/// first year to `to` December of its last when written as bare years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub from: Month,
    pub to: Month,
}

impl Span {
    /// `2023–2025` or `2023` for whole years; else `juli 2016 – juni 2019`
    /// (`July 2016 – June 2019`).
    pub fn long(&self, lang: &str) -> String {
        let (f, t) = (self.from, self.to);
        if f.month == 1 && t.month == 12 {
            if f.year == t.year {
                f.year.to_string()
            } else {
                format!("{}–{}", f.year, t.year)
            }
        } else if f == t {
            f.long(lang)
        } else {
            format!("{} – {}", f.long(lang), t.long(lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_kroner_only() {
        assert_eq!(parse_kroner("250000"), Ok(250_000));
        assert_eq!(parse_kroner("750.000"), Ok(750_000));
        assert_eq!(parse_kroner("750.000 kr."), Ok(750_000));
        assert_eq!(parse_kroner("1.250.000,00"), Ok(1_250_000));
        assert_eq!(
            parse_kroner("1000000000000500000"),
            Ok(1_000_000_000_000_500_000)
        );
        for fraction in ["12,5", "12.5", "12.50", "1.250.000,5"] {
            let e = parse_kroner(fraction).unwrap_err();
            assert!(e.contains("hele kroner"), "{fraction}: {e}");
            assert!(e.contains("øre"), "{fraction}: {e}");
        }
        assert!(parse_kroner("-5").unwrap_err().contains("negativ"));
        assert!(
            parse_kroner("99999999999999999999")
                .unwrap_err()
                .contains("for stor")
        );
        for junk in ["", "mange", "1.2.3", "12,5,5", "true"] {
            assert!(parse_kroner(junk).is_err(), "{junk}");
        }
    }

    #[test]
    fn formats_like_danish_reports() {
        assert_eq!(kroner(750_000), "750.000\u{a0}kr.");
        assert_eq!(
            kroner(1_000_000_000_000_500_000),
            "1.000.000.000.000.500.000\u{a0}kr."
        );
        assert_eq!(integer(u64::MAX.into()), "18.446.744.073.709.551.615");
        assert_eq!(integer(0), "0");
        assert_eq!(percent(12.5, 1), "12,5\u{a0}%");
        assert_eq!(number(1234567.891, 2), "1.234.567,89");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(-3.5, 1), "-3,5");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(
            Date::parse("2017-12-13").unwrap().long("da"),
            "13. december 2017"
        );
        assert_eq!(
            Date::parse("2017-12-13").unwrap().long("en"),
            "13 December 2017"
        );
        assert_eq!(Month::parse("2023-04", 1).unwrap().long("da"), "april 2023");
        let span = |a: &str, b: &str| Span {
            from: Month::parse(a, 1).unwrap(),
            to: Month::parse(b, 12).unwrap(),
        };
        assert_eq!(
            span("2016-07", "2019-06").long("da"),
            "juli 2016 – juni 2019"
        );
        assert_eq!(
            span("2016-07", "2019-06").long("en"),
            "July 2016 – June 2019"
        );
        assert_eq!(span("2023", "2025").long("da"), "2023–2025");
        assert_eq!(span("2023-01", "2025-12").long("da"), "2023–2025");
        assert_eq!(span("2024", "2024").long("da"), "2024");
        assert_eq!(span("2024-03", "2024-03").long("da"), "marts 2024");
    }

    #[test]
    fn parses_danish_and_english_numbers() {
        assert_eq!(parse_danish_number("12,5"), Some(12.5));
        assert_eq!(parse_danish_number("1.234"), Some(1234.0));
        assert_eq!(parse_danish_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_danish_number("12.5"), Some(12.5));
        assert_eq!(parse_danish_number("0.125"), Some(0.125));
        assert_eq!(parse_danish_number("1.234.567"), Some(1234567.0));
        assert_eq!(parse_danish_number("-3"), Some(-3.0));
        assert_eq!(parse_danish_number("12,5 %"), Some(12.5));
        assert_eq!(parse_danish_number("1 234"), Some(1234.0));
        assert_eq!(parse_danish_number("abc"), None);
        assert_eq!(parse_danish_number("1,2,3"), None);
        assert_eq!(parse_danish_number(""), None);
        assert_eq!(parse_danish_number("12.34.5"), None);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2024-13-01").is_none());
    }
}
