//! What each part of the report reads of the model ([`super::PART_READS`]),
//! and the model as a part sees it: only those fields, the others empty
//! ([`masked`]). Every render (the full build and the preview's memo)
//! gives a part its masked model, so a part's output is made from the
//! fields it names and nothing else, whatever it looks at; the preview
//! then renders a part again only when one of those fields changed
//! ([`Hashes`]), not after any YAML edit. A field a part needs and does
//! not name shows as a changed output (a missing title, a missing
//! section): the tests compare every build with the reference output and
//! the preview with full builds.
//!
//! The settings (`omstil.yaml`) are in every part's model.

use crate::content::model::Report;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};

/// A field of the model a part may read (besides the settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `forside.md`'s text.
    Front,
    Analysis,
    Toc,
    Plan,
    Services,
    KeyFigures,
    CaseReview,
    Actors,
    Projects,
    FollowUp,
    /// The free pages (in the memo: their summaries' generation).
    Pages,
    /// The files of `billeder/` (their names).
    Assets,
    /// The sources listed in omstil.yaml and the front page's provenance.
    Sources,
    /// What could not be read.
    Unchecked,
}

impl Field {
    pub(crate) const ALL: [Field; 14] = [
        Field::Front,
        Field::Analysis,
        Field::Toc,
        Field::Plan,
        Field::Services,
        Field::KeyFigures,
        Field::CaseReview,
        Field::Actors,
        Field::Projects,
        Field::FollowUp,
        Field::Pages,
        Field::Assets,
        Field::Sources,
        Field::Unchecked,
    ];
}

/// `report` with only the settings and `reads`; the other fields empty.
/// A part that reads everything (the front page) gets `report` itself.
pub(crate) fn masked<'r>(report: &'r Report, reads: &[Field]) -> Cow<'r, Report> {
    let has = |f: Field| reads.contains(&f);
    if Field::ALL.into_iter().all(has) {
        return Cow::Borrowed(report);
    }
    Cow::Owned(Report {
        settings: report.settings.clone(),
        front: keep(has(Field::Front), &report.front),
        analysis: keep(has(Field::Analysis), &report.analysis),
        toc: keep(has(Field::Toc), &report.toc),
        plan: keep(has(Field::Plan), &report.plan),
        services: keep(has(Field::Services), &report.services),
        key_figures: keep(has(Field::KeyFigures), &report.key_figures),
        case_review: keep(has(Field::CaseReview), &report.case_review),
        actors: keep(has(Field::Actors), &report.actors),
        projects: keep(has(Field::Projects), &report.projects),
        followup: keep(has(Field::FollowUp), &report.followup),
        pages: keep(has(Field::Pages), &report.pages),
        assets: keep(has(Field::Assets), &report.assets),
        sources: keep(has(Field::Sources), &report.sources),
        front_prov: keep(has(Field::Sources), &report.front_prov),
        unchecked: keep(has(Field::Unchecked), &report.unchecked),
    })
}

/// `v`, or its empty value (`None`, no items) if it is not wanted.
fn keep<T: Clone + Default>(wanted: bool, v: &T) -> T {
    if wanted { v.clone() } else { T::default() }
}

/// A hash of each field of one model (of its `Debug` form), for the
/// memo's keys. The free pages are not hashed here: the memo compares
/// their summaries and counts a generation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Hashes {
    settings: u64,
    fields: [u64; Field::ALL.len()],
}

impl Hashes {
    pub(crate) fn of(r: &Report) -> Hashes {
        let mut fields = [0; Field::ALL.len()];
        for (i, f) in Field::ALL.into_iter().enumerate() {
            let mut h = DefaultHasher::new();
            match f {
                Field::Front => hash_debug(&mut h, &r.front),
                Field::Analysis => hash_debug(&mut h, &r.analysis),
                Field::Toc => hash_debug(&mut h, &r.toc),
                Field::Plan => hash_debug(&mut h, &r.plan),
                Field::Services => hash_debug(&mut h, &r.services),
                Field::KeyFigures => hash_debug(&mut h, &r.key_figures),
                Field::CaseReview => hash_debug(&mut h, &r.case_review),
                Field::Actors => hash_debug(&mut h, &r.actors),
                Field::Projects => hash_debug(&mut h, &r.projects),
                Field::FollowUp => hash_debug(&mut h, &r.followup),
                Field::Pages => {}
                Field::Assets => {
                    for a in &r.assets {
                        h.write(a.rel.as_bytes());
                        h.write_u8(0);
                    }
                }
                Field::Sources => {
                    hash_debug(&mut h, &r.sources);
                    hash_debug(&mut h, &r.front_prov);
                }
                Field::Unchecked => hash_debug(&mut h, &r.unchecked),
            }
            fields[i] = h.finish();
        }
        let mut h = DefaultHasher::new();
        hash_debug(&mut h, &r.settings);
        Hashes {
            settings: h.finish(),
            fields,
        }
    }

    /// The hash of the settings and of the fields in `reads`.
    pub(crate) fn of_reads(&self, reads: &[Field]) -> u64 {
        let mut h = DefaultHasher::new();
        h.write_u64(self.settings);
        for (i, f) in Field::ALL.into_iter().enumerate() {
            if reads.contains(&f) {
                h.write_u64(self.fields[i]);
            }
        }
        h.finish()
    }
}

/// Feeds `Debug` output to a hasher without building the string.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

pub(crate) fn hash_debug(h: &mut DefaultHasher, v: &dyn std::fmt::Debug) {
    let _ = write!(HashWriter(h), "{v:?}");
}

#[cfg(test)]
mod tests {
    use super::super::{PART_READS, render_reading};
    use super::Field;
    use crate::output::Sink;
    use std::path::Path;

    /// Every part, given only the fields it names, renders what it renders
    /// with the whole model: on the example (every part, every kind of
    /// link between them) and on the fixture shaped like a real report.
    #[test]
    fn each_part_reads_only_what_it_names() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "tests/fixtures/real-actors"] {
            let dir = root.join(dir);
            let loaded = crate::content::load(&dir);
            let report = loaded.report.expect("the report loads");
            let build = |reads: &[&[Field]; 13]| {
                let mut diags = crate::diag::Diagnostics::new();
                let mut theme = crate::theme::Theme::load(
                    &dir,
                    report.settings.theme.as_deref(),
                    report.settings.lang(),
                    &mut diags,
                )
                .expect("the theme loads");
                let sink = Sink::memory();
                let mut t = crate::Timings::start();
                let d = render_reading(&report, &mut theme, &sink, &mut t, false, reads);
                (sink.into_files(), format!("{:?}", d.into_sorted()))
            };
            let (files, diags) = build(&PART_READS);
            let (whole, whole_diags) = build(&[&Field::ALL; 13]);
            assert_eq!(diags, whole_diags, "{}", dir.display());
            assert_eq!(files.len(), whole.len(), "{}", dir.display());
            for (path, bytes) in &whole {
                assert!(
                    files.get(path) == Some(bytes),
                    "{}: {path} differs when each part sees only what it names",
                    dir.display()
                );
            }
        }
    }
}
