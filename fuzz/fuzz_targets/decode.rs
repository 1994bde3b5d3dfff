//! Bytes → the decoder (encodings, BOMs, binary detection, escape removal).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nwcheck_fuzz::check_decode(data);
});
