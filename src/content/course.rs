//! Whether a key figure (nøgletal) is on course for its target (kurs).
//!
//! A leaf module: it reads a resolved `KeyFigure` and nothing else of the
//! pipeline, so the front page, the key-figure pages and the follow-up rounds
//! all judge a figure the same way. The rule (also in the guide, section 10):
//!
//! 1. Only the municipality's own series counts (role `kommune`); with
//!    `upto`, only its values of years up to and including `upto`.
//! 2. No target → `Unknown`. No known value → `Unknown`.
//! 3. The better direction is `retning` if stated, otherwise the direction
//!    from the first known value toward the target.
//! 4. The latest known value meets the target in the better direction →
//!    `Reached`.
//! 5. The latest known value is of the target year or later (the target year
//!    has passed without the target being met) → `OffCourse`.
//! 6. Fewer than two known values → `Unknown`.
//! 7. Otherwise a straight line (least squares) through the last three known
//!    values (two if there are only two), extrapolated to the target year:
//!    it meets the target → `OnCourse`, else `OffCourse`.

use super::model::KeyFigure;
use super::raw::{Better, Role};

/// Whether a key figure is on course for its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Course {
    /// Nået.
    Reached,
    /// På vej mod målet.
    OnCourse,
    /// Ikke på vej mod målet.
    OffCourse,
    /// Kan ikke vurderes.
    Unknown,
}

impl Course {
    /// The key of its words in strings.yaml (`course.*`).
    pub fn key(self) -> &'static str {
        match self {
            Course::Reached => "course.reached",
            Course::OnCourse => "course.on_course",
            Course::OffCourse => "course.off_course",
            Course::Unknown => "course.unknown",
        }
    }

    /// A short name for CSS classes and data attributes.
    pub fn slug(self) -> &'static str {
        match self {
            Course::Reached => "naaet",
            Course::OnCourse => "paa-vej",
            Course::OffCourse => "ikke-paa-vej",
            Course::Unknown => "ukendt",
        }
    }

    /// The symbol shown beside the words (never colour alone). On course
    /// points the way the figure should go: ↘ when lower is better, ↗
    /// otherwise.
    pub fn symbol(self, better: Option<Better>) -> &'static str {
        match self {
            Course::Reached => "✓",
            Course::OnCourse if better == Some(Better::LavereErBedre) => "↘",
            Course::OnCourse => "↗",
            Course::OffCourse => "✗",
            Course::Unknown => "–",
        }
    }
}

/// The municipality's own known values, years ≤ `upto` if given.
fn own_values(fig: &KeyFigure, upto: Option<u16>) -> Vec<(u16, f64)> {
    fig.series
        .iter()
        .find(|s| s.role == Role::Kommune)
        .map(|s| {
            s.known()
                .filter(|(y, _)| upto.is_none_or(|u| *y <= u))
                .collect()
        })
        .unwrap_or_default()
}

/// The direction in which the figure gets better: `retning` if stated,
/// otherwise from the first known value of the municipality's own series
/// toward the target. `None` when neither tells (no target, or the first
/// value equals the target).
pub fn better_direction(fig: &KeyFigure, upto: Option<u16>) -> Option<Better> {
    if fig.better.is_some() {
        return fig.better;
    }
    let (target, _) = fig.target?;
    let (_, first) = *own_values(fig, upto).first()?;
    if target < first {
        Some(Better::LavereErBedre)
    } else if target > first {
        Some(Better::HoejereErBedre)
    } else {
        None
    }
}

/// Whether `value` meets `target` in direction `better` (`None`: only an
/// equal value meets it). A tiny tolerance absorbs floating-point noise of
/// the extrapolation.
fn meets(value: f64, target: f64, better: Option<Better>) -> bool {
    let eps = 1e-9 * target.abs().max(1.0);
    match better {
        Some(Better::LavereErBedre) => value <= target + eps,
        Some(Better::HoejereErBedre) => value >= target - eps,
        None => (value - target).abs() <= eps,
    }
}

/// Least-squares line through `points`, evaluated at year `at`.
fn extrapolate(points: &[(u16, f64)], at: u16) -> f64 {
    let n = points.len() as f64;
    let mx = points.iter().map(|(y, _)| f64::from(*y)).sum::<f64>() / n;
    let my = points.iter().map(|(_, v)| v).sum::<f64>() / n;
    let sxy: f64 = points
        .iter()
        .map(|(y, v)| (f64::from(*y) - mx) * (v - my))
        .sum();
    let sxx: f64 = points.iter().map(|(y, _)| (f64::from(*y) - mx).powi(2)).sum();
    let slope = if sxx == 0.0 { 0.0 } else { sxy / sxx };
    my + slope * (f64::from(at) - mx)
}

/// Whether a key figure is on course for its target. `upto`: only values of
/// years ≤ `upto` count (a follow-up round's view); `None` = all values.
pub fn course(fig: &KeyFigure, upto: Option<u16>) -> Course {
    let Some((target, target_year)) = fig.target else {
        return Course::Unknown;
    };
    let values = own_values(fig, upto);
    let Some(&(latest_year, latest)) = values.last() else {
        return Course::Unknown;
    };
    let better = better_direction(fig, upto);
    if meets(latest, target, better) {
        return Course::Reached;
    }
    if latest_year >= target_year {
        return Course::OffCourse;
    }
    if values.len() < 2 || better.is_none() {
        return Course::Unknown;
    }
    let last = &values[values.len().saturating_sub(3)..];
    if meets(extrapolate(last, target_year), target, better) {
        Course::OnCourse
    } else {
        Course::OffCourse
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Header, Series};
    use crate::content::raw::Unit;
    use std::collections::BTreeMap;

    fn fig(
        values: &[(u16, Option<f64>)],
        target: Option<(f64, u16)>,
        better: Option<Better>,
    ) -> KeyFigure {
        KeyFigure {
            h: Header {
                id: "x".into(),
                title: "X".into(),
                pos: crate::diag::Pos::FILE,
                prov: Default::default(),
            },
            unit: Unit::Procent,
            definition: None,
            source: None,
            table: None,
            counting: None,
            better,
            target,
            decimals: 1,
            csv: None,
            series: vec![
                // A comparison series that would be on course if it counted.
                Series {
                    name: "Landet".into(),
                    role: Role::Landet,
                    values: [(2020, Some(0.0)), (2021, Some(0.0))].into_iter().collect(),
                },
                Series {
                    name: "Kommunen".into(),
                    role: Role::Kommune,
                    values: values.iter().copied().collect::<BTreeMap<_, _>>(),
                },
            ],
            outcomes: vec![],
            themes: vec![],
        }
    }

    const LOWER: Option<Better> = Some(Better::LavereErBedre);
    const HIGHER: Option<Better> = Some(Better::HoejereErBedre);

    #[test]
    fn no_target_or_no_values_is_unknown() {
        let f = fig(&[(2020, Some(10.0)), (2021, Some(9.0))], None, LOWER);
        assert_eq!(course(&f, None), Course::Unknown);
        let f = fig(&[(2020, None)], Some((5.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::Unknown);
    }

    #[test]
    fn latest_value_meeting_the_target_is_reached() {
        let f = fig(&[(2020, Some(20.0)), (2021, Some(15.0))], Some((15.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::Reached);
        // A single value is enough when it meets the target.
        let f = fig(&[(2021, Some(30.0))], Some((25.0, 2025)), HIGHER);
        assert_eq!(course(&f, None), Course::Reached);
        // Below the target is not reached when higher is better.
        let f = fig(&[(2021, Some(20.0))], Some((25.0, 2025)), HIGHER);
        assert_eq!(course(&f, None), Course::Unknown);
    }

    #[test]
    fn one_value_short_of_the_target_is_unknown() {
        let f = fig(&[(2020, Some(20.0)), (2021, None)], Some((15.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::Unknown);
    }

    #[test]
    fn trend_toward_the_target_is_on_course() {
        // 20, 18, 16 → 2025 at 8: below 10.
        let f = fig(
            &[(2020, Some(20.0)), (2021, Some(18.0)), (2022, Some(16.0))],
            Some((10.0, 2025)),
            LOWER,
        );
        assert_eq!(course(&f, None), Course::OnCourse);
        // Exactly on the line counts as on course: 2022 → 16 - 2×3 = 10.
        let f = fig(&[(2021, Some(18.0)), (2022, Some(16.0))], Some((10.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::OnCourse);
    }

    #[test]
    fn slow_or_wrong_trend_is_off_course() {
        let f = fig(
            &[(2020, Some(20.0)), (2021, Some(19.5)), (2022, Some(19.0))],
            Some((10.0, 2025)),
            LOWER,
        );
        assert_eq!(course(&f, None), Course::OffCourse);
        let f = fig(&[(2021, Some(18.0)), (2022, Some(20.0))], Some((10.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::OffCourse);
    }

    #[test]
    fn only_the_last_three_values_count() {
        // A big early fall, then flat: the last three are flat → off course.
        let f = fig(
            &[
                (2016, Some(60.0)),
                (2017, Some(40.0)),
                (2020, Some(20.0)),
                (2021, Some(20.0)),
                (2022, Some(20.0)),
            ],
            Some((10.0, 2025)),
            LOWER,
        );
        assert_eq!(course(&f, None), Course::OffCourse);
    }

    #[test]
    fn passed_target_year_without_reaching_is_off_course() {
        let f = fig(&[(2025, Some(12.0))], Some((10.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::OffCourse);
        let f = fig(&[(2024, Some(14.0)), (2026, Some(12.0))], Some((10.0, 2025)), LOWER);
        assert_eq!(course(&f, None), Course::OffCourse);
    }

    #[test]
    fn direction_from_first_value_toward_target_when_not_stated() {
        // Target above the first value: higher is better.
        let f = fig(&[(2020, Some(10.0)), (2021, Some(12.0))], Some((16.0, 2023)), None);
        assert_eq!(better_direction(&f, None), HIGHER);
        assert_eq!(course(&f, None), Course::OnCourse);
        assert_eq!(course(&f, None).symbol(better_direction(&f, None)), "↗");
        // Target below: lower is better; 12 meets 12.
        let f = fig(&[(2020, Some(20.0)), (2021, Some(12.0))], Some((12.0, 2023)), None);
        assert_eq!(better_direction(&f, None), LOWER);
        assert_eq!(course(&f, None), Course::Reached);
    }

    #[test]
    fn upto_hides_later_values() {
        let f = fig(
            &[(2020, Some(20.0)), (2021, Some(19.0)), (2022, Some(9.0))],
            Some((10.0, 2025)),
            LOWER,
        );
        assert_eq!(course(&f, None), Course::Reached);
        // In 2021 the line 20 → 19 reaches 15 in 2025: off course then.
        assert_eq!(course(&f, Some(2021)), Course::OffCourse);
        assert_eq!(course(&f, Some(2020)), Course::Unknown);
        assert_eq!(course(&f, Some(2019)), Course::Unknown);
    }

    #[test]
    fn symbols_and_keys() {
        assert_eq!(Course::Reached.symbol(None), "✓");
        assert_eq!(Course::OnCourse.symbol(LOWER), "↘");
        assert_eq!(Course::OffCourse.symbol(HIGHER), "✗");
        assert_eq!(Course::Unknown.symbol(None), "–");
        assert_eq!(Course::OnCourse.key(), "course.on_course");
    }
}
