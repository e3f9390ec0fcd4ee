//! Splitting a page's text into words for the search index: the runs of
//! letters and digits (as `split` on `!char::is_alphanumeric` without the
//! empty pieces). Danish text is ASCII and the two-byte characters
//! U+0080–U+00FF (æ, ø, å, the "·" between items, the no-break space), so
//! those are classed 32 bytes at a time, with compares the compiler
//! vectorises, into a bit mask whose runs of ones are the words; a stretch
//! with any other character goes a character at a time.

/// How many bytes [`word_spans`] classes at once (the bits of a `u32`).
const STRETCH: usize = 32;

/// Appends each word of `s` to `out`, in order. A
/// list, not an iterator or calls of a closure: the scan keeps its state
/// in registers, and so does the caller's loop over the words (the tally);
/// either way cost more than the vectors saved (callgrind).
pub(super) fn word_spans<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let b = s.as_bytes();
    let n = b.len();
    // Where the word being read started, if one is.
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < n {
        // A stretch needs the byte after it too (what a lead byte at its
        // end leads).
        if i + STRETCH < n
            && let Some(mask) = stretch_mask(b, i)
        {
            // The runs of ones, found by counting zeros and ones in turn.
            let mut pos = 0;
            loop {
                match start {
                    None => {
                        let ones = mask >> pos;
                        if ones == 0 {
                            break;
                        }
                        pos += ones.trailing_zeros();
                        start = Some(i + pos as usize);
                    }
                    Some(at) => {
                        let zeros = !mask >> pos;
                        if zeros == 0 {
                            break;
                        }
                        pos += zeros.trailing_zeros();
                        out.push(&s[at..i + pos as usize]);
                        start = None;
                    }
                }
            }
            i += STRETCH;
            continue;
        }
        // A character at a time to the end of the stretch (or a little
        // past it, to the end of a character).
        let end = (i + STRETCH).min(n);
        if is_continuation(b[i]) {
            // The second byte of a character whose first ended the last
            // stretch (a fast one: a slow one ends after a whole
            // character), classed with it there.
            i += 1;
        }
        while i < end {
            let (alnum, len) = class_at(s, i);
            match (start, alnum) {
                (None, true) => start = Some(i),
                (Some(at), false) => {
                    out.push(&s[at..i]);
                    start = None;
                }
                _ => {}
            }
            i += len;
        }
    }
    if let Some(at) = start {
        out.push(&s[at..]);
    }
}

/// Whether the character at byte `i` of `s` (a boundary) is a letter or
/// a digit, and its length.
fn class_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    match b[i] {
        c @ 0..0x80 => (c.is_ascii_alphanumeric(), 1),
        0xc2 | 0xc3 => (lead_is_alnum(b[i], b[i + 1]), 2),
        _ => {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// Whether the two-byte character `lead`, `next` (`lead` 0xc2 or 0xc3)
/// is a letter or a digit: all of U+00C0–U+00FF but × and ÷; of
/// U+0080–U+00BF (mostly signs: "·", §, the no-break space) only
/// ª ² ³ µ ¹ º ¼ ½ ¾.
fn lead_is_alnum(lead: u8, next: u8) -> bool {
    match lead {
        0xc3 => !matches!(next, 0x97 | 0xb7),
        0xc2 => matches!(next, 0xaa | 0xb2 | 0xb3 | 0xb5 | 0xb9 | 0xba | 0xbc..=0xbe),
        _ => false,
    }
}

/// Whether a byte of UTF-8 continues a character.
pub(super) fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

/// The bytes `i..i + STRETCH` of `b` (text, so UTF-8; `i + STRETCH <
/// b.len()`) as a mask, bit `k` set if byte `i + k` is part of a letter or
/// digit; `None` if a byte in them is part of a character beyond
/// U+00FF, which [`word_spans`] looks at a character at a time. A
/// character's second byte is classed with the first (which may be the
/// byte before the stretch).
fn stretch_mask(b: &[u8], i: usize) -> Option<u32> {
    let w = b[i..].first_chunk::<{ STRETCH + 1 }>()?;
    let (lo, hi) = (classes(&w[..17]), classes(&w[16..]));
    let join = |lo: u16, hi: u16| u32::from(lo) | u32::from(hi) << 16;
    let (ascii, latin1) = (join(lo.ascii, hi.ascii), join(lo.latin1, hi.latin1));
    let (signs, short) = (join(lo.signs, hi.signs), join(lo.short, hi.short));
    let high = join(lo.high, hi.high);
    // The byte before: a lead whose second byte is this stretch's first.
    let prev = if i > 0 { b[i - 1] } else { b' ' };
    let prev_short = u32::from((prev & 0xfe) == 0xc2);
    // In UTF-8 a lead of U+0080–U+00FF has one byte after it: any other
    // byte above ASCII is part of a wider character.
    if high & !(short | short << 1 | prev_short) != 0 {
        return None;
    }
    // The few letters and digits among the signs (see [`lead_is_alnum`]),
    // one by one: most stretches have no sign or one ("·").
    let mut leads = latin1;
    let mut rest = signs;
    while rest != 0 {
        let k = rest.trailing_zeros() as usize;
        leads |= u32::from(lead_is_alnum(0xc2, w[k + 1])) << k;
        rest &= rest - 1;
    }
    Some(ascii | leads | leads << 1 | u32::from(lead_is_alnum(prev, w[0])))
}

/// What 16 bytes are, a bit each: an ASCII letter or digit; the lead of a
/// letter of U+00C0–U+00FF (all but × and ÷; the byte after the 16 is the
/// last one's second byte); the lead of U+0080–U+00BF (mostly signs); the
/// lead of either; above ASCII.
#[derive(Debug, PartialEq, Eq)]
struct Classes {
    ascii: u16,
    latin1: u16,
    signs: u16,
    short: u16,
    high: u16,
}

/// [`Classes`] a byte at a time (on other machines than x86-64, and what
/// the tests compare the vector version with).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classes_by_byte(w: &[u8]) -> Classes {
    let mut m = Classes {
        ascii: 0,
        latin1: 0,
        signs: 0,
        short: 0,
        high: 0,
    };
    for k in 0..16 {
        let (c, next) = (w[k], w[k + 1]);
        m.ascii |= u16::from(c.is_ascii_alphanumeric()) << k;
        m.latin1 |= u16::from(c == 0xc3 && next != 0x97 && next != 0xb7) << k;
        m.signs |= u16::from(c == 0xc2) << k;
        m.short |= u16::from(c == 0xc2 || c == 0xc3) << k;
        m.high |= u16::from(c >= 0x80) << k;
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
fn classes(w: &[u8]) -> Classes {
    classes_by_byte(w)
}

/// [`classes_by_byte`] with SSE2 (every x86-64 has it): 16 compares at
/// once and a `movemask` for the bits, where the compiler would not
/// vectorise the byte loop (callgrind: then twice the instructions of the
/// old byte-at-a-time splitter).
#[cfg(target_arch = "x86_64")]
fn classes(w: &[u8]) -> Classes {
    use std::arch::x86_64::*;
    let w: &[u8; 17] = w.first_chunk().expect("17 bytes");
    // SAFETY: SSE2 is in the x86-64 baseline (every such machine has
    // it), and `w` has 17 bytes, so both unaligned 16-byte loads read
    // inside it.
    unsafe {
        let (v, next) = (
            _mm_loadu_si128(w.as_ptr().cast()),
            _mm_loadu_si128(w[1..].as_ptr().cast()),
        );
        let splat = |c: u8| _mm_set1_epi8(c as i8);
        let eq = |a: __m128i, c: u8| _mm_cmpeq_epi8(a, splat(c));
        // Unsigned `x <= max`: SSE2 compares bytes as signed only.
        let at_most = |x: __m128i, max: u8| _mm_cmpeq_epi8(_mm_min_epu8(x, splat(max)), x);
        let bits = |x: __m128i| _mm_movemask_epi8(x) as u16;
        let digit = at_most(_mm_sub_epi8(v, splat(b'0')), 9);
        let letter = at_most(_mm_sub_epi8(_mm_or_si128(v, splat(0x20)), splat(b'a')), 25);
        let (c2, c3) = (eq(v, 0xc2), eq(v, 0xc3));
        let latin1 = _mm_andnot_si128(_mm_or_si128(eq(next, 0x97), eq(next, 0xb7)), c3);
        Classes {
            ascii: bits(_mm_or_si128(digit, letter)),
            latin1: bits(latin1),
            signs: bits(c2),
            short: bits(_mm_or_si128(c2, c3)),
            // The top bit of each byte.
            high: bits(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as the standard library splits them (start, word).
    fn by_split(s: &str) -> Vec<(usize, &str)> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
            .collect()
    }

    fn by_stretches(s: &str) -> Vec<(usize, &str)> {
        let mut spans = Vec::new();
        word_spans(s, &mut spans);
        let at = |w: &str| w.as_ptr() as usize - s.as_ptr() as usize;
        spans.into_iter().map(|w| (at(w), w)).collect()
    }

    #[test]
    fn bytes_are_classed_with_vectors_as_a_byte_at_a_time() {
        // Every byte in every place, with every byte after it.
        for c in 0..=255u8 {
            for next in 0..=255u8 {
                for k in [0, 7, 15] {
                    let mut w = [b'a'; 17];
                    w[k] = c;
                    w[k + 1] = next;
                    assert_eq!(classes(&w), classes_by_byte(&w), "{c:#x} {next:#x} at {k}");
                }
            }
        }
    }

    #[test]
    fn words_are_found_a_stretch_at_a_time_as_split_finds_them() {
        let pieces = [
            "a", "Z9", " ", "  ", "æ", "Ø", "×", "÷", "·", "\u{a0}", "½", "ª", "§", "–", "€", "é",
            "ß", "Ā", "ж", "😀", "'", "-", "\n", "@[`{",
        ];
        let mut n = 0;
        for a in &pieces {
            for b in &pieces {
                for c in &pieces {
                    // Shifted along the stretches, and across their ends.
                    for pad in [0, 1, 2, 29, 30, 31, 32, 33, 62, 63] {
                        let text =
                            format!("{}{a}{b}ord {c}{a}{}{b}", "p".repeat(pad), "x y".repeat(12));
                        assert_eq!(by_stretches(&text), by_split(&text), "{text:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 100_000);
        // Every character of U+0000–U+07FF, and some wider, between letters.
        let all: String = (0..0x800u32)
            .chain([0x2013, 0x20ac, 0x1f600, 0xfeff])
            .filter_map(char::from_u32)
            .flat_map(|c| ['a', c, 'b', ' ', c, c])
            .collect();
        for start in 0..40 {
            let t = &all[all.char_indices().nth(start).map_or(0, |(i, _)| i)..];
            assert_eq!(by_stretches(t), by_split(t));
        }
        for t in ["", " ", "a", "ø", &"æøå ".repeat(40), &"·".repeat(40)] {
            assert_eq!(by_stretches(t), by_split(t), "{t:?}");
        }
    }
}
