//! Golden tests: every `tests/data/X.log` against its `X.expect.json`
//! (real tool output with known ground truth), as `score-samples` scores
//! them: each check's status, reason, HTTP status and private-address
//! flag; format, proxy and truncation; expected findings present; no
//! error finding that was not expected. The same logs re-encoded (UTF-16,
//! Shift_JIS, BOM, CRLF, colour codes) must give the same verdicts.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::{Report, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn cases() -> Vec<(PathBuf, Value)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    // The Linux script's logs, then the Windows scripts' transcripts and
    // commands typed by hand.
    for dir in [data.clone(), data.join("windows"), data.join("transcripts")] {
        for entry in std::fs::read_dir(&dir).expect("tests/data") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            if let Some(stem) = name.strip_suffix(".expect.json") {
                let expect: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
                out.push((dir.join(format!("{stem}.log")), expect));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 24, "the golden samples are missing");
    out
}

/// The differences between a report and its ground truth.
fn differences(report: &Report, expect: &Value) -> Vec<String> {
    let got = serde_json::to_value(report).expect("report as json");
    let mut diffs = Vec::new();
    for field in ["format", "truncated"] {
        if expect.get(field).is_some() && got[field] != expect[field] {
            diffs.push(format!("{field}: expected {}, got {}", expect[field], got[field]));
        }
    }
    for field in ["configured", "credentials_in_url"] {
        if got["proxy"][field] != expect["proxy"][field] {
            diffs.push(format!("proxy.{field}: expected {}, got {}", expect["proxy"][field], got["proxy"][field]));
        }
    }
    let want = expect["checks"].as_array().expect("checks");
    let have = got["checks"].as_array().expect("checks");
    if want.len() != have.len() {
        diffs.push(format!("{} checks, expected {}", have.len(), want.len()));
    }
    for (i, (w, h)) in want.iter().zip(have).enumerate() {
        for field in ["fqdn", "kind", "port", "status", "reason"] {
            if w[field] != h[field] {
                diffs.push(format!(
                    "check {i} ({} {}): {field} expected {}, got {}",
                    w["kind"], w["fqdn"], w[field], h[field]
                ));
            }
        }
        if !w["http_status"].is_null() && w["http_status"] != h["http_status"] {
            diffs.push(format!("check {i}: http_status expected {}, got {}", w["http_status"], h["http_status"]));
        }
        if w["kind"] == "dns" && w.get("private_address").is_some() && w["private_address"] != h["private_address"] {
            diffs.push(format!("check {i}: private_address expected {}", w["private_address"]));
        }
        if w.get("addresses").is_some() && w["addresses"] != h["addresses"] {
            diffs.push(format!("check {i}: addresses expected {}, got {}", w["addresses"], h["addresses"]));
        }
    }
    let expected: Vec<&str> =
        expect["expected_findings"].as_array().expect("findings").iter().filter_map(Value::as_str).collect();
    let ids: Vec<&str> = report.findings.iter().map(|f| f.id.id()).collect();
    for id in &expected {
        if !ids.contains(id) {
            diffs.push(format!("finding {id} expected, not reported"));
        }
    }
    for f in &report.findings {
        if f.severity == Severity::Error && !expected.contains(&f.id.id()) {
            diffs.push(format!("finding {} reported as an error, not expected", f.id.id()));
        }
    }
    diffs
}

#[test]
fn every_sample_matches_its_ground_truth() {
    let mut failures = Vec::new();
    for (log, expect) in cases() {
        let bytes = std::fs::read(&log).expect("log");
        let report = nwcheck::analyze(&bytes, log.file_name().and_then(|n| n.to_str())).report;
        let diffs = differences(&report, &expect);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", log.display(), diffs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Verdicts only, to compare two runs.
fn verdicts(report: &Report) -> Vec<String> {
    report
        .checks
        .iter()
        .map(|c| format!("{} {} {:?} {} {} {:?}", c.fqdn, c.kind.id(), c.port, c.status.id(), c.reason.id(), c.lines))
        .collect()
}

#[test]
fn re_encoded_samples_give_the_same_verdicts() {
    type Transform = fn(&str) -> Vec<u8>;
    let transforms: [(&str, Transform); 6] = [
        ("utf-8-bom", |t| [b"\xef\xbb\xbf".as_slice(), t.as_bytes()].concat()),
        ("utf-16le", |t| [vec![0xff, 0xfe], t.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()].concat()),
        ("utf-16be", |t| [vec![0xfe, 0xff], t.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()].concat()),
        ("shift_jis", |t| encoding_rs::SHIFT_JIS.encode(t).0.into_owned()),
        ("crlf", |t| t.replace("\r\n", "\n").replace('\n', "\r\n").into_bytes()),
        ("ansi-colour-and-nul", |t| {
            t.replace("Ncat:", "\u{1b}[1;32mNcat:\u{1b}[0m").replace("curl:", "\u{1b}[31mcurl:\u{0}").into_bytes()
        }),
    ];
    for (log, _) in cases() {
        let text = std::fs::read_to_string(&log).expect("utf-8 sample");
        let base = nwcheck::analyze(text.as_bytes(), None).report;
        for (name, transform) in &transforms {
            let again = nwcheck::analyze(&transform(&text), None).report;
            assert_eq!(verdicts(&again), verdicts(&base), "{} as {name}", log.display());
            assert_eq!(again.findings.len(), base.findings.len(), "{} as {name}", log.display());
            assert_eq!(again.proxy.configured, base.proxy.configured);
        }
    }
}

#[test]
fn every_check_and_finding_points_at_real_lines() {
    for (log, _) in cases() {
        let bytes = std::fs::read(&log).expect("log");
        let a = nwcheck::analyze(&bytes, None);
        let lines: Vec<&str> = a.text.lines().collect();
        for c in &a.report.checks {
            let [first, last] = c.lines;
            assert!(1 <= first && first <= last && last <= a.report.line_count, "{c:?}");
            // A script's `TRY!!` line, or the prompt a command was typed at.
            let start = lines[first - 1];
            assert!(start.contains("TRY!!") || start.contains(&*c.command), "block starts at its command: {c:?}");
            if let Some(e) = c.evidence_line {
                assert!(first <= e && e <= last, "evidence inside the block: {c:?}");
            }
        }
        for f in &a.report.findings {
            assert!(f.lines[0] <= f.lines[1] && f.lines[1] <= a.report.line_count, "{f:?}");
        }
    }
}

#[test]
fn every_sample_read_in_steps_gives_the_same_analysis() {
    for (log, _) in cases() {
        let bytes = std::fs::read(&log).expect("read log");
        let whole = nwcheck::analyze(&bytes, Some("x.log")).into_owned();
        for budget in [1, 100, 4096] {
            let mut steps = nwcheck::analyzer::Stepwise::new(&bytes, Some("x.log"));
            let mut n = 0;
            while !steps.step(budget) {
                n += 1;
            }
            // With a budget of one byte, each step reads one block (and a
            // last one may find only the end of the text).
            if budget == 1 {
                let blocks = whole.report.checks.len();
                assert!(n + 1 == blocks || n == blocks, "{}: {} steps for {blocks} blocks", log.display(), n + 1);
            }
            assert!(steps.finish() == whole, "{} in steps of {budget} bytes", log.display());
            let mut steps = nwcheck::analyzer::Stepwise::from_vec(bytes.clone(), Some("x.log"));
            while !steps.step(budget) {}
            assert!(steps.finish() == whole, "{} given away, in steps of {budget} bytes", log.display());
        }
    }
}
