//! Bytes → the whole analyzer (decode, blocks, readers, findings), then the
//! report's invariants, its JSON, both summaries and masking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nwcheck_fuzz::check_analyze(data);
});
