//! Several runs of the network-check script in one file (two logs
//! concatenated, or a log appended to on a second run): where each run
//! starts, so that each is analyzed as its own report instead of being
//! merged silently.
//!
//! A new run starts at a second script head (`#### 環境情報確認 ####`)
//! once the current run has a head or a check, or at a host-name or
//! run-time line (`## 実行しているマシンのホスト名は…です。`,
//! `## 実行日次は…です。`) that names another host or time than the current
//! run's, once the current run has a check (`##TRY!!`).
//!
//! Pure: text in, byte ranges out.

use std::ops::Range;

/// The script's head line.
const HEAD: &str = "#### 環境情報確認 ####";
/// A command block of the script.
const TRY: &str = "##TRY!!";

/// What a line tells about runs.
enum Line<'a> {
    Head,
    Try,
    Host(&'a str),
    RunAt(&'a str),
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let t = line.trim();
    if t == HEAD {
        return Line::Head;
    }
    if t.starts_with(TRY) {
        return Line::Try;
    }
    if t.starts_with("##") {
        if let Some(v) = between(t, "ホスト名は", "です") {
            return Line::Host(v);
        }
        if let Some(v) = between(t, "実行日次は", "です").or_else(|| between(t, "実行日時は", "です")) {
            return Line::RunAt(v);
        }
    }
    Line::Other
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].rfind(end)?;
    Some(text[from..to].trim())
}

/// The byte ranges of every run in `text`, in order, together covering
/// the whole text. One range (`0..text.len()`) when it holds one run.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut starts = vec![0usize];
    let mut head = false;
    let mut checks = false;
    let mut host: Option<String> = None;
    let mut run_at: Option<String> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let here = at;
        at += line.len();
        // Lines that cannot hold a marker are skipped cheaply.
        if !line.trim_start().starts_with("##") {
            continue;
        }
        let new_run = match classify(line) {
            Line::Head => {
                let new = head || checks;
                head = true;
                new
            }
            Line::Try => {
                checks = true;
                false
            }
            Line::Host(h) => differs(&mut host, h, checks),
            Line::RunAt(r) => {
                // Times are compared without their spacing (`Oct  2` and `Oct 2`).
                let r: String = r.split_whitespace().collect::<Vec<_>>().join(" ");
                differs(&mut run_at, &r, checks)
            }
            Line::Other => false,
        };
        if new_run && here > *starts.last().unwrap_or(&0) {
            starts.push(here);
            // The new run has seen this line only.
            head = matches!(classify(line), Line::Head);
            checks = false;
            host = None;
            run_at = None;
            match classify(line) {
                Line::Host(h) => host = Some(h.to_string()),
                Line::RunAt(r) => run_at = Some(r.split_whitespace().collect::<Vec<_>>().join(" ")),
                _ => {}
            }
        }
    }
    let mut ranges: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    ranges.push(*starts.last().unwrap_or(&0)..text.len());
    ranges
}

/// Whether `value` starts a new run: the run already named another one and
/// has a check. Remembers the first value a run names.
fn differs(known: &mut Option<String>, value: &str, checks: bool) -> bool {
    match known {
        Some(k) => k != value && checks,
        None => {
            *known = Some(value.to_string());
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> String {
        std::fs::read_to_string(format!("tests/data/{name}.log")).expect("sample")
    }

    #[test]
    fn one_log_is_one_run() {
        for name in ["proxy-auth-407", "all-ok-ncat-rhel88", "ctrl-c-truncated", "dns-timeout-no-servers"] {
            let text = sample(name);
            assert_eq!(split(&text), vec![0..text.len()], "{name}");
        }
        assert_eq!(split(""), vec![0..0]);
        assert_eq!(split("no marker\n"), vec![0..10]);
    }

    #[test]
    fn two_logs_one_after_the_other() {
        let a = sample("proxy-auth-407");
        let b = sample("tls-interception");
        let both = format!("{a}{b}");
        assert_eq!(split(&both), [0..a.len(), a.len()..both.len()]);
        // Each part is analyzed as its own report, with its own host.
        let hosts: Vec<Option<String>> =
            split(&both).into_iter().map(|r| crate::analyze(both[r].as_bytes(), None).report.host).collect();
        assert_eq!(hosts, [Some("rhel92-bk01".to_string()), Some("rhel79-web01".to_string())]);
        let three = format!("{a}\n{b}{a}");
        assert_eq!(split(&three).len(), 3);
    }

    #[test]
    fn a_second_host_without_a_head() {
        let a = sample("backup-443-timeout");
        let b = sample("storage-443-refused");
        // The second run pasted from its host line on.
        let from = b.find("## 実行しているマシンのホスト名は").expect("host line");
        let text = format!("{a}{}", &b[from..]);
        assert_eq!(split(&text), [0..a.len(), a.len()..text.len()]);
    }

    #[test]
    fn a_head_with_no_check_yet_starts_nothing_new_until_it_repeats() {
        // The same head twice with nothing between: the first run was cut
        // before its checks; the second is a new run.
        let text = format!("{HEAD}\n## 実行しているマシンのホスト名はvm1です。\n{HEAD}\n##TRY!! nc -vz a 443 ##\n");
        let first = HEAD.len() + 1 + "## 実行しているマシンのホスト名はvm1です。\n".len();
        assert_eq!(split(&text), [0..first, first..text.len()]);
        // The same host and time again, after checks, inside one run: no new run.
        let same = "## 実行しているマシンのホスト名はvm1です。\n##TRY!! nc -vz a 443 ##\n## 実行しているマシンのホスト名はvm1です。\n";
        assert_eq!(split(same).len(), 1);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in
            ["##", "##TRY!!", "## ホスト名はです", "#### 環境情報確認 ####", "\n\n##\r\n", "## 実行日次はです。"]
        {
            let ranges = split(text);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        }
    }
}
