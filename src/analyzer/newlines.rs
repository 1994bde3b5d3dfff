//! Where the line breaks (`\n`) of a text are, in order.
//!
//! A log has a line break every 40 bytes or so: looking for each one with
//! its own search (`memchr`) pays the search's start-up cost a million times
//! for 50 MB. On x86_64 this instead tests 64 bytes at a time with SSE2
//! (part of every x86_64 processor; `safe_arch` calls it without `unsafe`)
//! and hands out the breaks of each 64 bytes from one bit mask. Elsewhere
//! (the page's WebAssembly) it is `memchr`'s iterator.

/// The offsets of the `\n` bytes of a text from a given offset on.
pub struct Newlines<'a> {
    inner: Inner<'a>,
}

impl<'a> Newlines<'a> {
    /// The line breaks of `bytes` at `from` or after it.
    pub fn new(bytes: &'a [u8], from: usize) -> Newlines<'a> {
        Newlines { inner: Inner::new(bytes, from.min(bytes.len())) }
    }
}

impl Iterator for Newlines<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        self.inner.next()
    }
}

#[cfg(target_arch = "x86_64")]
struct Inner<'a> {
    bytes: &'a [u8],
    /// Where the 64 bytes that `mask` stands for start.
    base: usize,
    /// A bit for each `\n` among them not handed out yet.
    mask: u64,
}

#[cfg(target_arch = "x86_64")]
impl<'a> Inner<'a> {
    fn new(bytes: &'a [u8], from: usize) -> Inner<'a> {
        Inner { bytes, base: from, mask: mask_at(bytes, from) }
    }

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let next = self.base + 64;
            if next >= self.bytes.len() {
                return None;
            }
            self.base = next;
            self.mask = mask_at(self.bytes, next);
        }
        let at = self.base + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// A bit for each `\n` in the 64 bytes at `at` (fewer at the end).
#[cfg(target_arch = "x86_64")]
#[inline]
fn mask_at(bytes: &[u8], at: usize) -> u64 {
    use safe_arch::{cmp_eq_mask_i8_m128i, load_unaligned_m128i, move_mask_i8_m128i, set_splat_i8_m128i};
    let Some(chunk) = bytes.get(at..at + 64) else {
        let tail = bytes.get(at..).unwrap_or_default();
        return tail.iter().enumerate().filter(|&(_, &b)| b == b'\n').fold(0u64, |m, (i, _)| m | 1 << i);
    };
    let newline = set_splat_i8_m128i(b'\n' as i8);
    let mut mask = 0u64;
    for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
        let Ok(sixteen) = <&[u8; 16]>::try_from(sixteen) else { continue };
        let hits = move_mask_i8_m128i(cmp_eq_mask_i8_m128i(load_unaligned_m128i(sixteen), newline));
        // The low 16 bits are the 16 bytes' hits.
        mask |= u64::from(hits as u16) << (16 * k);
    }
    mask
}

#[cfg(not(target_arch = "x86_64"))]
struct Inner<'a> {
    from: usize,
    breaks: memchr::Memchr<'a>,
}

#[cfg(not(target_arch = "x86_64"))]
impl<'a> Inner<'a> {
    fn new(bytes: &'a [u8], from: usize) -> Inner<'a> {
        Inner { from, breaks: memchr::memchr_iter(b'\n', &bytes[from..]) }
    }

    #[inline]
    fn next(&mut self) -> Option<usize> {
        self.breaks.next().map(|n| n + self.from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(bytes: &[u8], from: usize) -> Vec<usize> {
        bytes.iter().enumerate().skip(from).filter(|&(_, &b)| b == b'\n').map(|(i, _)| i).collect()
    }

    #[test]
    fn every_break_in_order_at_any_start() {
        let mut text = Vec::new();
        for i in 0..300usize {
            text.extend(std::iter::repeat_n(b'x', i % 70));
            text.push(b'\n');
            if i % 7 == 0 {
                text.extend_from_slice(b"\n\n\r\n");
            }
        }
        for from in [0, 1, 63, 64, 65, 127, 1000, text.len() - 1, text.len(), text.len() + 5] {
            assert_eq!(Newlines::new(&text, from).collect::<Vec<_>>(), reference(&text, from), "from {from}");
        }
        assert_eq!(Newlines::new(b"", 0).count(), 0);
        assert_eq!(Newlines::new(&[b'\n'; 200], 0).count(), 200);
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn same_as_a_plain_search_on_any_bytes() {
        use proptest::prelude::*;
        let bytes = proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'\r'), any::<u8>()], 0..400);
        proptest!(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() }, |(bytes in bytes, from in 0usize..450)| {
            prop_assert_eq!(Newlines::new(&bytes, from).collect::<Vec<_>>(), reference(&bytes, from));
        });
    }
}
