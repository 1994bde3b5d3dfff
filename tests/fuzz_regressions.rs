//! Replays the committed fuzz regression inputs (`fuzz/regressions/<target>/`)
//! with the same checks the fuzz targets make, so they run on every
//! `cargo test` without a nightly toolchain or cargo-fuzz.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/lib.rs"]
mod invariants;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Runs `check` on every input, and names each input that broke a rule.
fn replay(target: &str, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "fuzz/regressions/{target}/ holds the committed inputs");
    let mut broken = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("readable input");
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            broken.push(path.display().to_string());
        }
    }
    assert!(broken.is_empty(), "{} of {} inputs broke a rule: {broken:?}", broken.len(), files.len());
}

#[test]
fn analyze_regressions() {
    replay("analyze", invariants::check_analyze);
}

#[test]
fn decode_regressions() {
    replay("decode", invariants::check_decode);
}

/// The analyzer's checks hold for the real logs too, and for every input of
/// the decoder's regressions.
#[test]
fn analyze_holds_for_real_logs_and_decoder_inputs() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut logs: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("tests/data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .collect();
    logs.sort();
    assert!(!logs.is_empty());
    for path in logs.iter().chain(inputs("decode").iter()) {
        invariants::check_analyze(&std::fs::read(path).expect("readable input"));
    }
}

/// A password planted in every way logs carry credentials, at many places
/// of every real log, appears in no output (the fuzz target `secrets` does
/// the same with any input).
#[test]
fn planted_passwords_reach_no_output() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut logs: Vec<PathBuf> = std::fs::read_dir(&data)
        .expect("tests/data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .collect();
    logs.sort();
    let mut planted = 0;
    for path in &logs {
        let log = std::fs::read(path).expect("readable input");
        for form in 0..invariants::CREDENTIAL_FORMS.len() {
            for place in [0u8, 3, 40, 200] {
                // The first four bytes choose the form, the password's length and the place.
                let mut input = vec![form as u8, place.wrapping_mul(7), place, place.wrapping_add(1)];
                input.extend_from_slice(&log);
                invariants::check_secrets(&input);
                planted += 1;
            }
        }
    }
    assert!(planted >= 1000, "{planted} planted passwords");
}
