//! The resolved range of services (tilbudsvifte): steps, age bands, needs,
//! services, and the gaps and overlaps found between them.

use super::*;

/// Trin på indsatstrappen.
#[derive(Clone, Debug)]
pub struct Step {
    pub h: Header,
    pub description: Option<Md>,
    pub services: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct AgeBand {
    pub id: String,
    pub title: String,
    pub from: u8,
    pub to: u8,
}

#[derive(Clone, Debug)]
pub struct Need {
    pub id: String,
    pub title: String,
    pub services: Vec<usize>,
}

/// Which law a legal basis (hjemmel) is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Law {
    Serviceloven,
    BarnetsLov,
}

#[derive(Clone, Debug)]
pub struct LegalBasis {
    pub law: Law,
    /// Normalised, e.g. "barnets lov § 32, stk. 1, nr. 3".
    pub text: String,
}

/// Tilbud.
#[derive(Clone, Debug)]
pub struct Service {
    pub h: Header,
    pub step: usize,
    pub age_from: u8,
    pub age_to: u8,
    pub bands: Vec<usize>,
    pub needs: Vec<usize>,
    pub provider: Provider,
    pub provider_name: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    pub capacity: Option<u32>,
    pub capacity_unit: String,
    pub price: Option<u64>,
    pub price_unit: Option<String>,
    pub description: Option<Md>,
}

/// A step × age band cell with no service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub step: usize,
    pub band: usize,
}

/// Several services on the same step and age band sharing a need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    pub step: usize,
    pub band: usize,
    pub need: usize,
    pub services: Vec<usize>,
}

/// A step and age bands the municipality left without a service on
/// purpose (bevidst fravalg), with its reason. Its cells are not gaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptOut {
    pub step: usize,
    /// The age bands it covers that have no service (its cells).
    pub bands: Vec<usize>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ServicesPart {
    pub intro: Option<Md>,
    pub steps: Vec<Step>,
    pub bands: Vec<AgeBand>,
    pub needs: Vec<Need>,
    pub services: Vec<Service>,
    /// Real gaps: cells with no service and no deliberate opt-out.
    pub gaps: Vec<Gap>,
    pub opt_outs: Vec<OptOut>,
    pub overlaps: Vec<Overlap>,
}
