//! Placeholder module; filled by the serve work.
