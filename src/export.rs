//! A report's JSON (the download of the web page, `nwcheck --json`), or the
//! report masked for sharing, made a few checks at a time: the page makes
//! a large report's export in steps short enough to keep it responsive.
//! The result is the same as in one call: [`serde_json::to_string_pretty`]
//! of the report (masked with [`crate::anonymize::mask_report`] when asked).

use crate::analyzer::model::{Check, Report};
use crate::anonymize::ReportMasker;

/// Where the checks go in the pretty JSON of a report whose checks were
/// left out: a top-level key, two spaces in.
const EMPTY_CHECKS: &str = "\n  \"checks\": []";

/// A report being written as JSON, or masked, in steps.
pub struct Steps<'r> {
    report: &'r Report,
    /// The masker, when the report is masked; it has seen the head.
    masker: Option<ReportMasker>,
    /// The report without its checks, masked as far as the masker has gone.
    head: Report,
    /// The next check to take.
    next: usize,
    /// What has been made of the checks so far.
    out: Out,
}

enum Out {
    /// JSON text of the checks so far, in order, each piece a run of checks.
    Json(Vec<String>),
    /// The masked checks so far.
    Masked(Vec<Check>),
}

impl<'r> Steps<'r> {
    /// The pretty JSON of `report`, masked when `mask` is true.
    pub fn json(report: &'r Report, mask: bool) -> Steps<'r> {
        Steps::new(report, mask, Out::Json(Vec::new()))
    }

    /// `report` masked.
    pub fn masked(report: &'r Report) -> Steps<'r> {
        Steps::new(report, true, Out::Masked(Vec::with_capacity(report.checks.len())))
    }

    fn new(report: &'r Report, mask: bool, out: Out) -> Steps<'r> {
        let mut head = report.clone_without_checks();
        let masker = mask.then(|| {
            let mut m = ReportMasker::default();
            m.head(&mut head);
            m
        });
        Steps { report, masker, head, next: 0, out }
    }

    /// Takes up to `count` more checks (at least one). Returns whether
    /// every check has been taken.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count.max(1)).min(self.report.checks.len());
        let checks = &self.report.checks[self.next..end];
        match &mut self.out {
            Out::Json(pieces) => {
                let mut piece = String::new();
                for c in checks {
                    let json = match self.masker.as_mut() {
                        Some(m) => {
                            let mut c = c.clone();
                            m.check(&mut c);
                            serde_json::to_string_pretty(&c)
                        }
                        None => serde_json::to_string_pretty(c),
                    };
                    // A check cannot fail to serialize (plain data, string keys).
                    let Ok(json) = json else { continue };
                    piece.push_str(if self.next == 0 && piece.is_empty() { "\n" } else { ",\n" });
                    // Four spaces in: inside the top-level object and the array.
                    // JSON strings hold no raw line breaks, so lines are JSON's own.
                    for (i, line) in json.split('\n').enumerate() {
                        if i > 0 {
                            piece.push('\n');
                        }
                        piece.push_str("    ");
                        piece.push_str(line);
                    }
                }
                if !piece.is_empty() {
                    pieces.push(piece);
                }
            }
            Out::Masked(masked) => {
                for c in checks {
                    let mut c = c.clone();
                    if let Some(m) = self.masker.as_mut() {
                        m.check(&mut c);
                    }
                    masked.push(c);
                }
            }
        }
        self.next = end;
        self.next >= self.report.checks.len()
    }

    fn finish_head(&mut self) {
        while !self.step(usize::MAX) {}
        if let Some(m) = self.masker.as_mut() {
            m.tail(&mut self.head);
        }
    }

    /// The JSON of the checks taken since the last call, in parts to be
    /// joined in order. Nothing for [`Steps::masked`].
    pub fn take_json(&mut self) -> Vec<String> {
        match &mut self.out {
            Out::Json(pieces) => std::mem::take(pieces),
            Out::Masked(_) => Vec::new(),
        }
    }

    /// The JSON text before the checks and after them (taking what is left
    /// first): the whole JSON is the first, every part [`Steps::take_json`]
    /// gave, then the second.
    pub fn finish_json(mut self) -> (String, String) {
        // Checks not taken yet come after every part taken.
        self.finish_head();
        let rest = self.take_json().concat();
        let head = serde_json::to_string_pretty(&self.head).unwrap_or_default();
        if self.report.checks.is_empty() {
            return (head, String::new());
        }
        let Some(at) = head.find(EMPTY_CHECKS) else {
            return (head, String::new());
        };
        // Up to and with `"checks": [`, and from the `]` on.
        let (before, after) = head.split_at(at + EMPTY_CHECKS.len() - 1);
        (before.to_string(), format!("{rest}\n  {after}"))
    }

    /// The masked report (taking what is left first); for [`Steps::json`],
    /// the report without its checks.
    pub fn finish_masked(mut self) -> Report {
        self.finish_head();
        let mut head = self.head;
        if let Out::Masked(checks) = self.out {
            head.checks = checks;
        }
        head
    }
}

/// The name of a downloaded JSON file for an input named `name` (a file
/// name, perhaps with its folder; `None` for the `n`-th pasted text).
/// Masked, it holds no part of the input's name but the run's time, since
/// the script names its log after the host (`CheckNWResult_<host>_<time>.log`).
pub fn download_name(name: Option<&str>, pasted: u32, masked: bool) -> String {
    let Some(name) = name else {
        let tail = if masked { "-masked" } else { "" };
        return format!("nwcheck-pasted-{pasted}{tail}.json");
    };
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.strip_suffix(".log").or_else(|| base.strip_suffix(".txt")).unwrap_or(base);
    if !masked {
        return format!("nwcheck-{stem}.json");
    }
    // The run's time at the end names no machine: `_YYYYMMDDHHMM` (the
    // Linux script), `_yyyymmdd_hhmmss` (the Windows scripts).
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let mut parts = stem.rsplit('_');
    let time = match (parts.next(), parts.next()) {
        (Some(t), _) if digits(t, 12) => Some(t.to_string()),
        (Some(hms), Some(ymd)) if digits(hms, 6) && digits(ymd, 8) => Some(format!("{ymd}_{hms}")),
        _ => None,
    };
    match time {
        Some(t) => format!("nwcheck-masked-{t}.json"),
        None => "nwcheck-masked.json".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::mask_report;

    fn samples() -> Vec<Report> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut reports: Vec<Report> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "log"))
            .map(|p| crate::analyze(&std::fs::read(&p).unwrap(), Some("CheckNWResult_vm01_202405201015.log")).report)
            .collect();
        reports.push(crate::analyze(b"", None).report);
        reports.push(crate::analyze(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).report);
        reports
    }

    #[test]
    fn json_in_steps_is_the_json_of_one_call() {
        for report in samples() {
            for mask in [false, true] {
                let whole = if mask { mask_report(&report) } else { report.clone() };
                let expected = serde_json::to_string_pretty(&whole).unwrap();
                for count in [1, 7, usize::MAX] {
                    let mut steps = Steps::json(&report, mask);
                    let mut taken = Vec::new();
                    let mut n = 0;
                    while !steps.step(count) {
                        n += 1;
                        // Taken after some steps; the last ones are left to `finish_json`.
                        if n % 2 == 0 {
                            taken.extend(steps.take_json());
                        }
                    }
                    if count == 1 {
                        assert_eq!(n + 1, report.checks.len().max(1));
                    }
                    let (before, after) = steps.finish_json();
                    let json = format!("{before}{}{after}", taken.concat());
                    assert_eq!(json, expected, "mask {mask}, {count} at a time");
                    // Not stepping at all gives it too.
                    let (before, after) = Steps::json(&report, mask).finish_json();
                    assert_eq!(format!("{before}{after}"), expected);
                }
            }
        }
    }

    #[test]
    fn masked_in_steps_is_the_masked_report() {
        for report in samples() {
            let mut steps = Steps::masked(&report);
            while !steps.step(3) {}
            assert_eq!(steps.finish_masked(), mask_report(&report));
        }
    }

    #[test]
    fn download_names() {
        let log = "CheckNWResult_rhel88-db01_202411241530.log";
        assert_eq!(download_name(Some(log), 0, false), "nwcheck-CheckNWResult_rhel88-db01_202411241530.json");
        assert_eq!(
            download_name(Some(&format!("C:\\logs\\{log}")), 0, false),
            "nwcheck-CheckNWResult_rhel88-db01_202411241530.json"
        );
        assert_eq!(download_name(Some(log), 0, true), "nwcheck-masked-202411241530.json");
        assert_eq!(
            download_name(Some("AzureBackup_Check_NW_20241124_153012.log"), 0, true),
            "nwcheck-masked-20241124_153012.json"
        );
        assert_eq!(download_name(Some("vm01-network.txt"), 0, true), "nwcheck-masked.json");
        assert_eq!(download_name(Some("rhel88-db01_abc.log"), 0, true), "nwcheck-masked.json");
        assert_eq!(download_name(None, 2, false), "nwcheck-pasted-2.json");
        assert_eq!(download_name(None, 2, true), "nwcheck-pasted-2-masked.json");
        for masked in [download_name(Some(log), 0, true), download_name(Some("db01.log"), 0, true)] {
            assert!(!masked.contains("rhel88") && !masked.contains("db01"), "{masked}");
        }
    }
}
