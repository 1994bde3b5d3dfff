//! A log cut anywhere inside a run of a Linux script (Ctrl+C, a full disk, a
//! file taken while the script still ran) is called cut off: never "all
//! reachable". Every cut of the golden script logs is tried: inside a line,
//! and at the end of a line of a block's output before the blank line the
//! scripts print after every tool's output.

use nwcheck::analyzer::{Format, Overall};
use std::path::Path;

fn script_logs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut logs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/data")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .filter(|(_, bytes)| {
            let r = nwcheck::analyze(bytes, None).report;
            matches!(r.format, Format::LinuxBackup | Format::LinuxAsr) && !r.truncated
        })
        .collect();
    logs.sort();
    logs
}

#[test]
fn every_cut_inside_a_run_is_cut_off() {
    let logs = script_logs();
    assert!(logs.len() >= 10, "{} script logs", logs.len());
    let mut tried = 0;
    for (name, bytes) in &logs {
        let text = std::str::from_utf8(bytes).expect("UTF-8 sample");
        let first = text.find("##TRY!!").expect("a block");
        // The last block's output ends where its closing blank line starts.
        let last = text.rfind("##TRY!!").unwrap();
        let closing = last + text[last..].find("\n\n").or_else(|| text[last..].find("\n\r\n")).unwrap_or(0);
        let mut at = first + 1;
        while at < closing {
            if text.is_char_boundary(at) && text.as_bytes()[at - 1] != b'\n' {
                let r = nwcheck::analyze(&bytes[..at], None).report;
                tried += 1;
                // (Cut before its first block is read whole, the log is "cut before its checks".)
                let cut_before_checks = r.format == Format::NotALog
                    && r.findings[0].cause == Some(nwcheck::analyzer::NotALogCause::CutBeforeChecks);
                assert!(
                    r.truncated || cut_before_checks,
                    "{name} cut at byte {at} (inside a line) is not called cut off"
                );
                assert_ne!(r.overall, Overall::Ok, "{name} cut at byte {at}");
            }
            // A prime step: cuts fall on every kind of line.
            at += 89;
        }
    }
    assert!(tried > 1000, "{tried} cuts");
}

#[test]
fn a_cut_before_a_blocks_closing_blank_line_is_cut_off() {
    for (name, bytes) in script_logs() {
        let text = std::str::from_utf8(&bytes).unwrap();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            offset += line.len();
            let rest = &text[offset..];
            // The end of an output line that a non-blank output line follows,
            // inside a block (a command came before, no heading since).
            let next = rest.lines().next().unwrap_or("");
            let before = &text[..offset];
            let in_block = before.rfind("##TRY!!").is_some_and(|b| !before[b..].contains("\n\n"));
            let output = |l: &str| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with('=');
            if in_block && output(line) && output(next) && !line.contains("TRY!!") {
                let r = nwcheck::analyze(before.as_bytes(), None).report;
                assert!(r.truncated, "{name} cut after {:?} is not called cut off", line.trim_end());
            }
        }
    }
}
