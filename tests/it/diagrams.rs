//! Placeholder module; filled by the diagrams work.
