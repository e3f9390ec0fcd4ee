//! The one integration-test binary (links once): submodules per area.

mod common;
mod diagnostics;
mod diagrams;
mod example;
mod hostile;
mod linear;
mod property;
mod schema;
mod serve;
