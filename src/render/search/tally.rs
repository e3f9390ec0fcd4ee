//! Counting a page's words for the search index without a map of
//! strings: the distinct words are found again by open-addressing tables
//! on a number made of their first eight bytes ([`prefix_key`]). Two
//! tables: one of the words as they stand on the page (so that a word the
//! page repeats is lower-cased, folded, stemmed and tested against the
//! stop words once, not each time), one of the indexed terms they give.

use super::pack;

/// The first eight bytes of a word as a big-endian number, zeros after a
/// shorter word: its order is the words' order, and as words have no NUL
/// bytes, two words with the same key are equal or both at least eight
/// bytes long and alike in those eight ("indikato", "indikator").
pub(super) const fn prefix_key(w: &[u8]) -> u64 {
    if let [a, b, c, d, e, f, g, h, ..] = *w {
        return u64::from_be_bytes([a, b, c, d, e, f, g, h]);
    }
    if w.is_empty() {
        return 0;
    }
    // Its bytes, then zeros (a loop over the word's bytes only).
    let (mut k, mut i) = (0, 0);
    while i < w.len() {
        k = (k << 8) | w[i] as u64;
        i += 1;
    }
    k << (8 * (8 - w.len()))
}

/// Whether two words with the same [`prefix_key`] are the same: always
/// when they are shorter than eight bytes, else when their bytes are.
fn same_word(a: &[u8], b: &[u8]) -> bool {
    a.len() < 8 || a == b
}

/// An open-addressing table (linear probing) of the entries of a list its
/// user keeps, found by their [`prefix_key`]s. Per slot 0 if free, else 1
/// + the entry's index; a power of two long, at least twice the entries.
struct Slots(Vec<u32>);

impl Slots {
    /// A table with room for `entries` (at least 32).
    fn with_room(entries: usize) -> Slots {
        Slots(vec![0; (entries * 2).next_power_of_two().max(64)])
    }

    /// The first slot to try for `key`: the top bits of a multiplicative
    /// hash (they depend on every bit of the key).
    fn home(&self, key: u64) -> usize {
        let bits = self.0.len().trailing_zeros();
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The entry under `key` that `same` accepts, or the free slot where
    /// it would go.
    fn find(&self, key: u64, same: impl Fn(usize) -> bool) -> Result<usize, usize> {
        let mut at = self.home(key);
        loop {
            match self.0[at].checked_sub(1) {
                None => return Err(at),
                Some(i) if same(i as usize) => return Ok(i as usize),
                Some(_) => at = (at + 1) & (self.0.len() - 1),
            }
        }
    }

    /// Puts entry `i`, the last of the list, in the free slot `at`;
    /// `key_of` gives an entry's key (for when the table grows).
    fn put(&mut self, at: usize, i: usize, key_of: impl Fn(usize) -> u64) {
        self.0[at] = i as u32 + 1;
        if (i + 1) * 2 > self.0.len() {
            self.0 = vec![0; self.0.len() * 2];
            for j in 0..=i {
                if let Err(at) = self.find(key_of(j), |_| false) {
                    self.0[at] = j as u32 + 1;
                }
            }
        }
    }
}

/// The distinct words of a page with their counts, as
/// [`super::PageTerms`] finds them.
pub(super) struct Tally<'a> {
    /// The indexed words (each once, in the caller's word buffer).
    terms: Vec<Term>,
    term_slots: Slots,
    /// The words as they stand on the page, each once, with their key and
    /// the term they give (`None`: not indexed, a stop word or a letter).
    raw: Vec<(u64, &'a str, Option<u32>)>,
    raw_slots: Slots,
}

/// An indexed word: its key, where it is in the word buffer, how often it
/// is in the title, its weighted count in the text.
struct Term {
    key: u64,
    start: u32,
    end: u32,
    title: u32,
    text: u32,
}

impl<'a> Tally<'a> {
    /// A tally with room for `words` distinct words made at once (grown
    /// a doubling at a time, the lists grew 14,000 times in a
    /// 1,000-page build).
    pub(super) fn with_room(words: usize) -> Tally<'a> {
        Tally {
            terms: Vec::with_capacity(words),
            term_slots: Slots::with_room(words),
            raw: Vec::with_capacity(words),
            raw_slots: Slots::with_room(words),
        }
    }

    /// Counts `w` (as it stands on the page) in the title or with its
    /// weight in the text. The first time, `index` writes the word the
    /// index keeps for it at the end of `buf` (lower-cased, folded,
    /// stemmed), or says it is not indexed (false; `buf` is cut back).
    // Inlined into the per-word loop: called as a function it cost 1 %
    // of a build (callgrind, 1,000 pages).
    #[inline]
    pub(super) fn count(
        &mut self,
        buf: &mut String,
        w: &'a str,
        in_title: bool,
        weight: u32,
        index: impl FnOnce(&mut String) -> bool,
    ) {
        let key = prefix_key(w.as_bytes());
        let raw = &self.raw;
        let found = self.raw_slots.find(key, |i| {
            raw[i].0 == key && same_word(w.as_bytes(), raw[i].1.as_bytes())
        });
        let term = match found {
            Ok(i) => self.raw[i].2,
            Err(at) => {
                let start = buf.len();
                let term = if index(buf) {
                    Some(self.term(buf, start))
                } else {
                    buf.truncate(start);
                    None
                };
                self.raw.push((key, w, term));
                let raw = &self.raw;
                self.raw_slots.put(at, raw.len() - 1, |j| raw[j].0);
                term
            }
        };
        if let Some(t) = term {
            let t = &mut self.terms[t as usize];
            if in_title {
                t.title += 1;
            } else {
                t.text += weight;
            }
        }
    }

    /// The number of the term at `start..` of `buf`, dropped from `buf` if
    /// it is there already.
    fn term(&mut self, buf: &mut String, start: usize) -> u32 {
        let word = &buf.as_bytes()[start..];
        let key = prefix_key(word);
        let terms = &self.terms;
        let found = self.term_slots.find(key, |i| {
            let t = &terms[i];
            t.key == key && same_word(word, &buf.as_bytes()[t.start as usize..t.end as usize])
        });
        match found {
            Ok(i) => {
                buf.truncate(start);
                i as u32
            }
            Err(at) => {
                self.terms.push(Term {
                    key,
                    start: start as u32,
                    end: buf.len() as u32,
                    title: 0,
                    text: 0,
                });
                let terms = &self.terms;
                self.term_slots.put(at, terms.len() - 1, |j| terms[j].key);
                (terms.len() - 1) as u32
            }
        }
    }

    /// The words in byte order, packed into one string (`buf` holds each
    /// once), each as (start, length, [`pack`]ed weight).
    pub(super) fn finish(mut self, buf: &str) -> (String, Vec<(u32, u32, u32)>) {
        let b = buf.as_bytes();
        // Equal keys: words of eight bytes or more that start alike.
        let tail = |t: &Term| &b[(t.start as usize + 8).min(t.end as usize)..t.end as usize];
        self.terms
            .sort_unstable_by(|x, y| x.key.cmp(&y.key).then_with(|| tail(x).cmp(tail(y))));
        let mut words = String::with_capacity(buf.len());
        let terms = self
            .terms
            .iter()
            .map(|t| {
                let w = &buf[t.start as usize..t.end as usize];
                let at = words.len() as u32;
                words.push_str(w);
                (at, w.len() as u32, pack(t.title, t.text))
            })
            .collect();
        (words, terms)
    }
}
