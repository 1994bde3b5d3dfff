//! A fast hash for the analyzer's lookup tables (names, headings). The keys
//! come from one log on the user's own machine, so resistance to crafted
//! collisions does not matter; speed on short strings does: eight bytes
//! are taken per step, then the result is mixed so every bit counts.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of each step (the golden ratio in 64 bits).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// Word-at-a-time multiply-rotate hash with a MurmurHash3 finalizer.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHash(u64);

impl WordHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(23) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b) | 0x100);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<WordHash>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash + ?Sized>(v: &T) -> u64 {
        BuildHasherDefault::<WordHash>::default().hash_one(v)
    }

    #[test]
    fn different_keys_hash_apart() {
        let keys = ["", "a", "a\0", "ab", "ba", "abcdefgh", "abcdefgh\0", "abcdefghi", "#### (4) Azure Backup ####"];
        let hashes: FastSet<u64> = keys.iter().map(|k| hash(*k)).collect();
        assert_eq!(hashes.len(), keys.len());
        let mut set: FastSet<String> = FastSet::default();
        for i in 0..10_000 {
            set.insert(format!("pod{i:02}-rec2.jpe.backup.windowsazure.com"));
        }
        assert_eq!(set.len(), 10_000);
        assert!(set.contains("pod42-rec2.jpe.backup.windowsazure.com"));
    }
}
