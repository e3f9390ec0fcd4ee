//! Follow-up (opfølgning): the rounds in date order, each action's status
//! at every round, and the follow-up process.

use super::Md;
use crate::content::raw::Status;
use crate::format::Date;

/// One follow-up round (`opfoelgning/2024-05.yaml`).
#[derive(Clone, Debug)]
pub struct Round {
    /// The file's stem, `2024-05`: also the page's name.
    pub id: String,
    pub file: String,
    pub date: Date,
    pub forum: Option<String>,
    pub title: Option<String>,
    pub intro: Option<Md>,
    pub themes: Vec<String>,
    /// The actions the round names, in the file's order.
    pub actions: Vec<RoundAction>,
    pub findings: Vec<Md>,
    pub cases: Vec<RoundCase>,
    pub decisions: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct RoundAction {
    /// Index into the plan's actions.
    pub action: usize,
    /// `None`: the round names the action without a status (only a
    /// comment); its status is the one before.
    pub status: Option<Status>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RoundCase {
    pub title: String,
    pub text: Option<Md>,
    /// Indices into the plan's focus areas and the theory of change's outcomes.
    pub focus_areas: Vec<usize>,
    pub outcomes: Vec<usize>,
}

/// How the plan is followed up (`opfoelgning/proces.yaml`).
#[derive(Clone, Debug, Default)]
pub struct Process {
    pub frequency: Option<String>,
    pub forum: Option<String>,
    pub quantitative: Vec<String>,
    pub qualitative: Vec<String>,
    pub cases: Vec<String>,
    pub report: Option<String>,
    pub description: Option<Md>,
}

#[derive(Clone, Debug, Default)]
pub struct FollowUpPart {
    pub process: Option<Process>,
    /// Oldest first.
    pub rounds: Vec<Round>,
}

impl FollowUpPart {
    /// Each action's status after each round (`[round][action]`): the
    /// round's own status, else the one after the round before; before the
    /// first round, `start` (the plan's status, when the plan is the only
    /// source, or `None`).
    pub fn statuses(&self, start: &[Option<Status>]) -> Vec<Vec<Option<Status>>> {
        let mut out: Vec<Vec<Option<Status>>> = Vec::with_capacity(self.rounds.len());
        let mut now = start.to_vec();
        for r in &self.rounds {
            for a in &r.actions {
                if let (Some(s), Some(slot)) = (a.status, now.get_mut(a.action)) {
                    *slot = Some(s);
                }
            }
            out.push(now.clone());
        }
        out
    }
}

/// How an action's status moved between two rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Started,
    Completed,
    Delayed,
    Cancelled,
    /// Any other move (back to planned, or resumed).
    Other,
}

impl Change {
    pub fn key(self) -> &'static str {
        match self {
            Change::Started => "started",
            Change::Completed => "completed",
            Change::Delayed => "delayed",
            Change::Cancelled => "cancelled",
            Change::Other => "other",
        }
    }
}

/// The actions whose status changed from `before` to `after` (same
/// length, one entry per action), with what kind of change, in plan order.
/// An action with no known status before counts as planned.
pub fn changes(before: &[Option<Status>], after: &[Option<Status>]) -> Vec<(usize, Change)> {
    let mut out = Vec::new();
    for (i, (b, a)) in before.iter().zip(after).enumerate() {
        let b = b.unwrap_or(Status::Planlagt);
        let Some(a) = *a else { continue };
        if a == b {
            continue;
        }
        let c = match a {
            Status::IGang => Change::Started,
            Status::Gennemfoert => Change::Completed,
            Status::Udskudt => Change::Delayed,
            Status::Aflyst => Change::Cancelled,
            Status::Planlagt => Change::Other,
        };
        out.push((i, c));
    }
    out
}

/// Whether moving from `before` to `after` goes back: a completed action
/// that is no longer completed, or one in progress that is planned again.
pub fn goes_back(before: Status, after: Status) -> bool {
    matches!(
        (before, after),
        (
            Status::Gennemfoert,
            Status::Planlagt | Status::IGang | Status::Udskudt
        ) | (Status::IGang, Status::Planlagt)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn changes_name_each_kind_and_skip_the_unchanged() {
        let before = [
            Some(Planlagt),
            Some(IGang),
            Some(IGang),
            None,
            Some(Udskudt),
        ];
        let after = [
            Some(IGang),
            Some(Gennemfoert),
            Some(IGang),
            Some(Aflyst),
            Some(Planlagt),
        ];
        assert_eq!(
            changes(&before, &after),
            vec![
                (0, Change::Started),
                (1, Change::Completed),
                (3, Change::Cancelled),
                (4, Change::Other)
            ]
        );
        // Unknown before counts as planned: planned → planned is no change.
        assert!(changes(&[None], &[Some(Planlagt)]).is_empty());
        assert_eq!(
            changes(&[None], &[Some(Udskudt)]),
            vec![(0, Change::Delayed)]
        );
        // Nothing known after: nothing to report.
        assert!(changes(&[Some(IGang)], &[None]).is_empty());
    }

    #[test]
    fn statuses_carry_forward_what_a_round_leaves_out() {
        let round = |actions: Vec<(usize, Option<Status>)>| Round {
            id: String::new(),
            file: String::new(),
            date: Date::parse("2024-05-01").unwrap(),
            forum: None,
            title: None,
            intro: None,
            themes: vec![],
            actions: actions
                .into_iter()
                .map(|(action, status)| RoundAction {
                    action,
                    status,
                    comment: None,
                })
                .collect(),
            findings: vec![],
            cases: vec![],
            decisions: vec![],
        };
        let f = FollowUpPart {
            process: None,
            rounds: vec![
                round(vec![(0, Some(IGang))]),
                round(vec![(1, Some(Udskudt)), (0, None)]),
                round(vec![(0, Some(Gennemfoert))]),
            ],
        };
        let s = f.statuses(&[None, Some(Planlagt)]);
        assert_eq!(s[0], vec![Some(IGang), Some(Planlagt)]);
        assert_eq!(s[1], vec![Some(IGang), Some(Udskudt)]);
        assert_eq!(s[2], vec![Some(Gennemfoert), Some(Udskudt)]);
        assert_eq!(changes(&s[1], &s[2]), vec![(0, Change::Completed)]);
    }

    #[test]
    fn going_back() {
        assert!(goes_back(Gennemfoert, IGang));
        assert!(goes_back(IGang, Planlagt));
        assert!(!goes_back(IGang, Gennemfoert));
        assert!(!goes_back(Udskudt, IGang));
        assert!(!goes_back(Aflyst, IGang));
    }
}
