//! Tera filters the default theme uses. Formatting of numbers and dates is
//! done in Rust (`format`), so templates stay simple.

/// Registers omstil's filters on a fresh Tera instance (before templates).
pub fn register(tera: &mut tera::Tera) {
    // `{{ n | pct }}` → width for bar charts, clamped to 0–100.
    tera.register_filter("clamp_pct", |x: f64, _: tera::Kwargs, _: &tera::State| {
        x.clamp(0.0, 100.0)
    });
}
