//! FxHash, the small fast hash rustc uses, for maps with short keys that
//! no attacker picks.

/// A small fast hash for short keys (FxHash, as rustc uses): the search
/// index's words, the preview's page files, the ids of the provenance
/// being resolved. Not for keys an attacker picks, and the order of a map
/// hashed with it must never reach the output.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx;

impl std::hash::BuildHasher for Fx {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub(crate) struct FxHasher(u64);

/// FxHash's multiplier.
const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        // The last 0–7 bytes, one word (no memcpy call).
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let w = rest
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
