//! The one integration-test binary (links once): submodules per area.

mod common;
mod copy_dir;
mod diagnostics;
mod diagrams;
mod errors_once;
mod example;
mod floor;
mod followup;
mod front;
mod hostile;
mod incr2;
mod incremental;
mod linear;
mod lsp;
mod output_safety;
mod pdf;
mod phone;
mod print_bands;
mod print_figs;
mod print_items;
mod print_layout;
mod print_trim;
mod property;
mod real_actors;
mod real_documents;
mod real_figures;
mod real_plan;
mod real_toc;
#[cfg(unix)]
mod sandbox;
mod schema;
mod serve;
mod sources;
mod toc_lanes;
mod wording;
