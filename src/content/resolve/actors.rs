//! `aktoerer.yaml`: the actors and their links to actions and activities.

use super::{Index, R, first_per_id, header, trimmed};
use crate::content::model::*;
use crate::content::raw;

pub(super) fn actors(
    r: &mut R,
    a: raw::Actors,
    actions: Option<&Index>,
    activities: Option<&Index>,
) -> ActorsPart {
    const F: &str = "aktoerer.yaml";
    r.index(F, Kind::Aktoer, a.aktoerer.iter().map(|x| &x.id));
    let mut actors = Vec::new();
    for x in first_per_id(&a.aktoerer, |x| &x.id) {
        actors.push(Actor {
            h: header(&x.id, &x.navn),
            circle: x.kreds,
            group: trimmed(&x.gruppe),
            description: r.md_opt(F, &x.beskrivelse),
            actions: r.refs(F, Kind::Handling, &x.handlinger, actions),
            activities: r.refs(F, Kind::Aktivitet, &x.aktiviteter, activities),
        });
    }
    ActorsPart {
        centre: trimmed(&a.centrum),
        intro: r.md_opt(F, &a.indledning),
        actors,
        backlinks: Backlinks::new(),
    }
}
