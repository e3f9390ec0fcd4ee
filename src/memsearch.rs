//! Substring search over the rendered HTML, as `str::find`, `rfind`,
//! `contains` and `replace` do it, with memchr's vectorized `memmem`:
//! every page's HTML goes through several such passes (the root marker,
//! the print page's rewriting), and `str::find` runs its two-way search a
//! byte at a time (it was a tenth of a full build's instructions). A leaf
//! module, like `url`.

/// Where `needle` first occurs in `s`, as `str::find`.
pub fn find(s: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(s.as_bytes(), needle.as_bytes())
}

/// Where `needle` last occurs in `s`, as `str::rfind` (see [`find`]).
pub fn rfind(s: &str, needle: &str) -> Option<usize> {
    memchr::memmem::rfind(s.as_bytes(), needle.as_bytes())
}

/// Whether `needle` occurs in `s` (see [`find`]).
pub fn contains(s: &str, needle: &str) -> bool {
    find(s, needle).is_some()
}

/// `s.replace(from, to)`, searching as [`find`] does. A long `from` (a
/// whole drawing, see `Ctx::emit`) is searched by its first bytes and
/// each place they occur compared with all of it: a searcher for all of a
/// long needle costs more to build than the search.
pub fn replace(s: &str, from: &str, to: &str) -> String {
    const HEAD: usize = 64;
    if from.is_empty() {
        return s.replace(from, to);
    }
    let (b, needle) = (s.as_bytes(), from.as_bytes());
    let head = memchr::memmem::Finder::new(&needle[..needle.len().min(HEAD)]);
    let mut out = String::with_capacity(s.len());
    let (mut last, mut at) = (0, 0);
    while let Some(k) = head.find(&b[at..]) {
        let i = at + k;
        if b[i..].starts_with(needle) {
            out.push_str(&s[last..i]);
            out.push_str(to);
            last = i + needle.len();
            at = last;
        } else {
            at = i + 1;
        }
    }
    out.push_str(&s[last..]);
    out
}
