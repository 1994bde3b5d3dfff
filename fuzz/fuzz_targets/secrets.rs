//! Bytes with a password planted in one of the ways logs carry credentials
//! → the whole analyzer; the password must appear in no output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nwcheck_fuzz::check_secrets(data);
});
