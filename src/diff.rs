//! Before and after: two reports of the same machine compared per
//! destination and check (a log before and after a firewall or proxy
//! change, or a log and its follow-up checks).
//!
//! Pure. [`diff`] pairs the checks by destination, kind and port; each pair
//! is fixed, still failing, newly failing, unchanged OK, undecided (one side
//! neither OK nor failed: not run or not understood, so nothing is claimed)
//! or found in one report only. [`render`] writes it as text or Markdown;
//! the [`Diff`] itself serializes to JSON.

use crate::analyzer::model::{Check, CheckKind, Overall, Reason, Report, Service, Status};
use crate::explain::{self, Lang};
use serde::Serialize;

use std::fmt::Write as _;

/// What happened to one destination's check between the two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    NewlyFailing,
    StillFailing,
    Fixed,
    /// Either side is not run or unknown: no change can be told.
    Undecided,
    OnlyBefore,
    OnlyAfter,
    UnchangedOk,
}

impl Change {
    /// In the order the text lists them: what needs attention first.
    pub const ALL: [Change; 7] = [
        Change::NewlyFailing,
        Change::StillFailing,
        Change::Fixed,
        Change::Undecided,
        Change::OnlyBefore,
        Change::OnlyAfter,
        Change::UnchangedOk,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Change::NewlyFailing => lang.pick("新たに失敗", "Newly failing"),
            Change::StillFailing => lang.pick("まだ失敗", "Still failing"),
            Change::Fixed => lang.pick("直った", "Fixed"),
            Change::Undecided => lang.pick("判断できない (未実行または不明)", "Cannot tell (not run or unknown)"),
            Change::OnlyBefore => lang.pick("前のログだけ", "Only in the first log"),
            Change::OnlyAfter => lang.pick("後のログだけ", "Only in the second log"),
            Change::UnchangedOk => lang.pick("変わらず OK", "Still OK"),
        }
    }
}

/// One side of a pair: the check that stands for the destination in one
/// report (when the report checked it more than once, the worst one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub status: Status,
    pub reason: Reason,
    pub http_status: Option<u16>,
    /// Index of the check in its report's `checks`.
    pub check: usize,
    /// The check's lines in its log.
    pub lines: [usize; 2],
    /// How many checks of the report are this destination, kind and port.
    pub count: usize,
}

/// One destination's check in both reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub fqdn: String,
    pub service: Service,
    pub kind: CheckKind,
    pub port: Option<u16>,
    pub change: Change,
    pub before: Option<Side>,
    pub after: Option<Side>,
}

/// One report's identity in the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub source: Option<String>,
    pub host: Option<String>,
    pub run_at: Option<String>,
    pub overall: Overall,
}

impl Run {
    fn of(r: &Report) -> Run {
        Run { source: r.source.clone(), host: r.host.clone(), run_at: r.run_at.clone(), overall: r.overall }
    }
}

/// The comparison of two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub before: Run,
    pub after: Run,
    /// `false` when both reports name their host and the names differ:
    /// they are probably not the same machine.
    pub same_host: bool,
    pub entries: Vec<Entry>,
}

impl Diff {
    /// How many entries have this change.
    pub fn count(&self, change: Change) -> usize {
        self.entries.iter().filter(|e| e.change == change).count()
    }
}

/// How bad a status is, to pick the check that stands for a destination.
fn badness(s: Status) -> u8 {
    match s {
        Status::Ok => 0,
        Status::NotRun => 1,
        Status::Unknown => 2,
        Status::Failed => 3,
    }
}

type Key = (String, CheckKind, Option<u16>);

fn key(c: &Check) -> Key {
    (c.fqdn.to_ascii_lowercase(), c.kind, c.port)
}

/// Each distinct destination, kind and port of a report, in log order,
/// with the check that stands for it.
fn sides(report: &Report) -> Vec<(Key, Service, Side)> {
    let mut out: Vec<(Key, Service, Side)> = Vec::new();
    let mut at = std::collections::HashMap::new();
    for (i, c) in report.checks.iter().enumerate() {
        let k = key(c);
        let side =
            Side { status: c.status, reason: c.reason, http_status: c.http_status, check: i, lines: c.lines, count: 1 };
        match at.get(&k) {
            Some(&n) => {
                let (_, _, old): &mut (Key, Service, Side) = &mut out[n];
                let count = old.count + 1;
                if badness(c.status) > badness(old.status) {
                    *old = side;
                }
                old.count = count;
            }
            None => {
                at.insert(k.clone(), out.len());
                out.push((k, c.service, side));
            }
        }
    }
    out
}

fn change(before: Option<&Side>, after: Option<&Side>) -> Change {
    match (before.map(|s| s.status), after.map(|s| s.status)) {
        (Some(Status::Failed), Some(Status::Ok)) => Change::Fixed,
        (Some(Status::Failed), Some(Status::Failed)) => Change::StillFailing,
        (Some(Status::Ok), Some(Status::Failed)) => Change::NewlyFailing,
        (Some(Status::Ok), Some(Status::Ok)) => Change::UnchangedOk,
        (Some(_), None) => Change::OnlyBefore,
        (None, Some(_)) => Change::OnlyAfter,
        _ => Change::Undecided,
    }
}

/// Compares two reports: every destination, kind and port of either, in
/// the order of the first report, then those only in the second.
pub fn diff(before: &Report, after: &Report) -> Diff {
    let b = sides(before);
    let mut a: Vec<Option<(Key, Service, Side)>> = sides(after).into_iter().map(Some).collect();
    let at: std::collections::HashMap<Key, usize> =
        a.iter().enumerate().filter_map(|(i, e)| e.as_ref().map(|(k, _, _)| (k.clone(), i))).collect();
    let mut entries = Vec::with_capacity(b.len().max(a.len()));
    for (k, service, side) in b {
        let other = at.get(&k).and_then(|&i| a[i].take()).map(|(_, _, s)| s);
        let (fqdn, kind, port) = k;
        let change = change(Some(&side), other.as_ref());
        entries.push(Entry { fqdn, service, kind, port, change, before: Some(side), after: other });
    }
    for ((fqdn, kind, port), service, side) in a.into_iter().flatten() {
        entries.push(Entry { fqdn, service, kind, port, change: Change::OnlyAfter, before: None, after: Some(side) });
    }
    let same_host = match (&before.host, &after.host) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    Diff { before: Run::of(before), after: Run::of(after), same_host, entries }
}

/// A check's place as people read it: `TCP 443`, `DNS`.
fn check_name(kind: CheckKind, port: Option<u16>, lang: Lang) -> String {
    match (kind, port) {
        (CheckKind::Dns, _) | (_, None) => explain::kind_label(kind, lang).to_string(),
        (_, Some(p)) => format!("{} {p}", explain::kind_label(kind, lang)),
    }
}

/// A side's verdict: `failed (timed out)`, `OK (HTTP 404)`, `—` when absent.
fn verdict(side: Option<&Side>, lang: Lang) -> String {
    let Some(s) = side else { return "—".to_string() };
    let reason = match (s.reason, s.http_status) {
        (Reason::HttpResponse, Some(code)) => format!("HTTP {code}"),
        (r, _) => explain::reason_label(r, lang).to_string(),
    };
    format!("{} ({reason})", explain::status_label(s.status, lang))
}

fn run_line(run: &Run, lang: Lang) -> String {
    let mut s = run.source.clone().unwrap_or_else(|| lang.pick("(名前なし)", "(no name)").to_string());
    if let Some(h) = &run.host {
        let _ = write!(s, ", {} {h}", lang.pick("ホスト", "host"));
    }
    if let Some(t) = &run.run_at {
        let _ = write!(s, ", {t}");
    }
    let _ = write!(s, ": {}", explain::overall_label(run.overall, lang));
    s
}

/// Escapes what could start Markdown markup (or end a table cell).
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            continue;
        }
        if "\\`*_{}[]()<>#+-.!|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text without control characters (a name or date read from a log).
fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The comparison as plain text or Markdown, in the given language: the two
/// runs, a warning when the hosts differ, the counts, then each non-empty
/// group of changes with one line per destination and check.
pub fn render(d: &Diff, lang: Lang, markdown: bool) -> String {
    let mut out = String::new();
    let esc = |s: &str| if markdown { md(s) } else { plain(s) };
    let title = lang.pick("前後の比較", "Before and after");
    if markdown {
        let _ = writeln!(out, "## {title}\n");
    } else {
        let _ = writeln!(out, "{title}");
    }
    let bullet = if markdown { "- " } else { "  " };
    let _ = writeln!(out, "{bullet}{}: {}", lang.pick("前", "Before"), esc(&run_line(&d.before, lang)));
    let _ = writeln!(out, "{bullet}{}: {}", lang.pick("後", "After"), esc(&run_line(&d.after, lang)));
    if !d.same_host {
        let _ = writeln!(
            out,
            "\n{}",
            esc(lang.pick(
                "注意: 2 つのログのホスト名が違います。同じマシンのログか確かめてください。",
                "Note: the two logs name different hosts; check that they come from the same machine."
            ))
        );
    }
    let counts: Vec<String> =
        Change::ALL.iter().filter(|&&c| d.count(c) > 0).map(|&c| format!("{} {}", c.label(lang), d.count(c))).collect();
    let _ = writeln!(out, "\n{}", esc(&counts.join(", ")));
    for change in Change::ALL {
        let group: Vec<&Entry> = d.entries.iter().filter(|e| e.change == change).collect();
        if group.is_empty() {
            continue;
        }
        if markdown {
            let _ = writeln!(out, "\n### {} ({})\n", md(change.label(lang)), group.len());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |",
                lang.pick("サービス", "Service"),
                lang.pick("宛先", "Destination"),
                lang.pick("確認", "Check"),
                lang.pick("前", "Before"),
                lang.pick("後", "After"),
            );
        } else {
            let _ = writeln!(out, "\n{} ({})", change.label(lang), group.len());
        }
        for e in group {
            let service = explain::service_label(e.service, lang);
            let check = check_name(e.kind, e.port, lang);
            let (b, a) = (verdict(e.before.as_ref(), lang), verdict(e.after.as_ref(), lang));
            if markdown {
                let _ =
                    writeln!(out, "| {} | {} | {} | {} | {} |", md(service), md(&e.fqdn), md(&check), md(&b), md(&a));
            } else {
                let _ = writeln!(out, "  {service}  {}  {check}: {b} → {a}", plain(&e.fqdn));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(name: &str) -> Report {
        let path = format!("{}/tests/data/{name}.log", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("sample");
        crate::analyze(&bytes, Some(&format!("{name}.log"))).report
    }

    fn of(d: &Diff, change: Change) -> Vec<String> {
        d.entries
            .iter()
            .filter(|e| e.change == change)
            .map(|e| format!("{} {}", e.fqdn, check_name(e.kind, e.port, Lang::En)))
            .collect()
    }

    #[test]
    fn a_backup_timeout_then_all_ok() {
        let d = diff(&report("backup-443-timeout"), &report("all-ok-ncat-rhel88"));
        assert_eq!(
            of(&d, Change::Fixed),
            [
                "pod01-manag1.jpe.backup.windowsazure.com TCP 443",
                "pod01-manag1.jpe.backup.windowsazure.com HTTPS 443",
                "pod01-prot1.jpe.backup.windowsazure.com TCP 443",
                "pod01-prot1.jpe.backup.windowsazure.com HTTPS 443",
                "pod01-rec2.jpw.backup.windowsazure.com TCP 443",
                "pod01-rec2.jpw.backup.windowsazure.com HTTPS 443",
            ]
        );
        for c in [Change::NewlyFailing, Change::StillFailing, Change::Undecided, Change::OnlyBefore, Change::OnlyAfter]
        {
            assert_eq!(d.count(c), 0, "{c:?}");
        }
        // 36 checks; pod01-rec2.jpw's DNS check is in two sections, one pair.
        assert_eq!(d.entries.len(), 35);
        assert_eq!(d.count(Change::UnchangedOk), 35 - 6);
        let dns =
            d.entries.iter().find(|e| e.fqdn == "pod01-rec2.jpw.backup.windowsazure.com" && e.kind == CheckKind::Dns);
        assert_eq!(dns.and_then(|e| e.before.as_ref()).map(|s| s.count), Some(2));
        // Two different machines: said so.
        assert!(!d.same_host);
        let text = render(&d, Lang::En, false);
        assert!(text.contains("Note: the two logs name different hosts"), "{text}");
        assert!(text.contains(
            "Fixed (6)\n  Azure Backup  pod01-manag1.jpe.backup.windowsazure.com  TCP 443: failed (timed out) → OK (connected)\n"
        ));
        assert!(text.contains("Still OK (29)"));
    }

    #[test]
    fn storage_refused_then_backup_timeout() {
        let d = diff(&report("storage-443-refused"), &report("backup-443-timeout"));
        assert_eq!(d.count(Change::Fixed), 6);
        assert_eq!(d.count(Change::NewlyFailing), 6);
        assert!(of(&d, Change::NewlyFailing).iter().all(|e| e.contains(".backup.windowsazure.com")));
        assert!(of(&d, Change::Fixed)
            .iter()
            .all(|e| e.contains(".core.windows.net") || e.contains(".storage.azure.net")));
        let json = serde_json::to_value(&d).expect("json");
        assert_eq!(json["entries"][0]["change"], "unchanged-ok");
        let newly = json["entries"].as_array().expect("entries").iter().find(|e| e["change"] == "newly-failing");
        let newly = newly.expect("a newly failing entry");
        assert_eq!(newly["before"]["status"], "ok");
        assert_eq!(newly["after"]["reason"], "timeout");
        // Markdown: a table per group, the Japanese labels.
        let md = render(&d, Lang::Ja, true);
        assert!(md.starts_with("## 前後の比較\n"));
        assert!(md.contains("### 新たに失敗 (6)\n\n| サービス | 宛先 | 確認 | 前 | 後 |"));
        assert!(md.contains("| Azure Storage | ceuswatcab01\\.blob\\.core\\.windows\\.net | TCP 443 | 失敗 \\(拒否された\\) | OK \\(接続 OK\\) |"), "{md}");
    }

    #[test]
    fn one_sided_and_undecided_checks() {
        let before = report("nc-missing");
        let after = report("all-ok-openbsd-nc-ubuntu2204");
        let d = diff(&before, &after);
        // nc not installed before: its checks were not run, so no claim.
        assert!(d.count(Change::Undecided) > 0);
        assert!(d.entries.iter().filter(|e| e.change == Change::Undecided).all(|e| e.kind == CheckKind::Tcp));
        let same = diff(&after, &after);
        assert_eq!(same.count(Change::UnchangedOk), same.entries.len());
        assert!(same.same_host);
        let empty = crate::analyze(b"", None).report;
        let gone = diff(&after, &empty);
        assert_eq!(gone.count(Change::OnlyBefore), gone.entries.len());
        let came = diff(&empty, &after);
        assert_eq!(came.count(Change::OnlyAfter), came.entries.len());
        assert!(render(&came, Lang::En, true).contains("### Only in the second log"));
    }
}
