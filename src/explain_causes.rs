//! The words for the ranked root causes of [`crate::causes`], in Japanese
//! and English: what is broken, what it blocks, and the first thing to do.

use crate::analyzer::model::{FindingId, Reason, Report};
use crate::causes::{proxy_address, RootCause, Tally};
use crate::explain::{finding, next_steps, reason_label, service_label, Lang};

/// One root cause in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseText {
    /// What is broken, with its counts: "12 of 12 names do not resolve:
    /// the DNS server 10.0.0.4 does not answer".
    pub what: String,
    /// What it blocks: "Azure Backup, Azure Storage and Microsoft Entra ID
    /// cannot be reached"; `None` when it blocks nothing by itself.
    pub blocks: Option<String>,
    /// The first thing to do.
    pub first_step: Option<&'static str>,
}

impl CauseText {
    /// What goes between `what` and `blocks`: a colon, or a full stop
    /// when `what` already has a colon.
    pub fn joiner(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => "。",
            Lang::En if self.what.contains(": ") => ". ",
            Lang::En => ": ",
        }
    }

    /// The whole cause in one line: "what: blocks. → step".
    pub fn line(&self, lang: Lang) -> String {
        let mut s = self.what.clone();
        if let Some(b) = &self.blocks {
            s.push_str(self.joiner(lang));
            s.push_str(b);
        }
        s.push_str(lang.pick("。", "."));
        if let Some(step) = self.first_step {
            s.push_str(" → ");
            s.push_str(step);
        }
        s
    }
}

/// "A, B and C" / "A、B、C".
fn list(items: &[&str], lang: Lang) -> String {
    match (lang, items) {
        (_, []) => String::new(),
        (_, [one]) => one.to_string(),
        (Lang::Ja, _) => items.join("、"),
        (Lang::En, [head @ .., last]) => format!("{} and {last}", head.join(", ")),
    }
}

/// The words for `cause` of `report`.
pub fn cause_text(report: &Report, cause: &RootCause, lang: Lang) -> CauseText {
    let f = report.findings.get(cause.index);
    let first_step = f.and_then(|f| next_steps(report, f, lang).first().copied());
    let reason = cause.reason.map(|r| reason_label(r, lang));
    let n = cause.failed;
    let of = cause.tested;
    let proxy =
        proxy_address(report).unwrap_or_else(|| lang.pick("(アドレス不明)", "(address not in the log)").to_string());
    use FindingId as F;
    let what = match cause.finding {
        F::DnsFailure => {
            let server = report.machine.dns_server.as_deref();
            match (cause.reason, server, lang) {
                (Some(Reason::Timeout), Some(s), Lang::Ja) => {
                    format!("{of} 件中 {n} 件の名前を解決できません: DNS サーバー {s} が応答しません")
                }
                (Some(Reason::Timeout), Some(s), Lang::En) => {
                    format!("{n} of {of} names do not resolve: the DNS server {s} does not answer")
                }
                (Some(Reason::Nxdomain), Some(s), Lang::Ja) => {
                    format!("{of} 件中 {n} 件の名前を解決できません: DNS サーバー {s} が「存在しない名前 (NXDOMAIN)」と答えています")
                }
                (Some(Reason::Nxdomain), Some(s), Lang::En) => {
                    format!("{n} of {of} names do not resolve: the DNS server {s} answers that they do not exist (NXDOMAIN)")
                }
                (Some(Reason::Timeout), None, Lang::Ja) => {
                    format!("{of} 件中 {n} 件の名前を解決できません: DNS サーバーが応答しません (タイムアウト)")
                }
                (Some(Reason::Timeout), None, Lang::En) => {
                    format!("{n} of {of} names do not resolve: no DNS server answers (timed out)")
                }
                (_, _, Lang::Ja) => format!("{of} 件中 {n} 件の名前を解決できません ({})", reason.unwrap_or("-")),
                (_, _, Lang::En) => format!("{n} of {of} names do not resolve ({})", reason.unwrap_or("-")),
            }
        }
        F::FileRecoveryPortBlocked => {
            let port = cause.port.unwrap_or(3260);
            lang.pick(
                format!(
                    "ファイルの回復 (iSCSI) の TCP {port} 番が {of} 件中 {n} 件の宛先で通りません ({})",
                    reason.unwrap_or("-")
                ),
                format!(
                    "TCP {port} (iSCSI, file recovery) is blocked to {n} of {of} destinations ({})",
                    reason.unwrap_or("-")
                ),
            )
        }
        F::BackupUnreachable
        | F::StorageUnreachable
        | F::EntraIdUnreachable
        | F::SiteRecoveryUnreachable
        | F::FileRecoveryDownloadBlocked
        | F::OtherUnreachable => {
            let port = cause.port.map(|p| format!("TCP {p}, ")).unwrap_or_default();
            lang.pick(
                format!("{of} 件中 {n} 件の宛先に接続できません ({port}{})", reason.unwrap_or("-")),
                format!("{n} of {of} destinations cannot be reached ({port}{})", reason.unwrap_or("-")),
            )
        }
        F::ProxyAuthRequired => lang.pick(
            format!("プロキシ {proxy} が認証を求めています (407)"),
            format!("The proxy {proxy} asks for credentials (407)"),
        ),
        F::ProxyDenied => lang.pick(
            format!("プロキシ {proxy} が接続を拒否しています"),
            format!("The proxy {proxy} refuses the connection"),
        ),
        F::ProxyUnresolvable => lang.pick(
            format!("プロキシ {proxy} の名前を解決できません"),
            format!("The proxy's name {proxy} does not resolve"),
        ),
        F::TlsInterception => lang.pick(
            format!("途中の機器が TLS を検査しています: {of} 件中 {n} 件の宛先で証明書が信頼されません"),
            format!("Something on the way inspects TLS: the certificate is not trusted for {n} of {of} destinations"),
        ),
        id => finding(id, lang).title.to_string(),
    };
    let services: Vec<&str> = cause.services.iter().map(|s| service_label(*s, lang)).collect();
    let blocks = (!services.is_empty()).then(|| {
        let names = list(&services, lang);
        lang.pick(format!("{names} に届きません"), format!("{names} cannot be reached"))
    });
    CauseText { what, blocks, first_step }
}

/// The ranked root causes as lines of the text or Markdown summary
/// (nothing when there is none).
pub fn write_causes(out: &mut String, report: &Report, lang: Lang, markdown: bool) {
    use std::fmt::Write;
    let causes = crate::causes::root_causes(report);
    if causes.is_empty() {
        return;
    }
    let heading = lang.pick("原因 (影響の大きい順)", "Root causes, most important first");
    let _ = if markdown { writeln!(out, "\n**{heading}**\n") } else { writeln!(out, "\n{heading}:") };
    for (n, cause) in causes.iter().enumerate() {
        let line = cause_text(report, cause, lang).line(lang);
        let _ = if markdown {
            writeln!(out, "{}. {}", n + 1, crate::explain::md_escape(&line))
        } else {
            writeln!(out, "  {}. {line}", n + 1)
        };
    }
}

/// The counts of the banner: "36 checks: 13 OK, 5 failed, 18 not
/// conclusive", the failures being only those that count.
pub fn tally_text(t: &Tally, lang: Lang) -> String {
    let parts: [(usize, &str, &str, &str); 5] = [
        (t.ok, "✔", "OK", "OK"),
        (t.failed, "✘", "失敗", "failed"),
        (t.not_conclusive, "?", "判断材料にならない", "not conclusive"),
        (t.not_run, "–", "未実行", "not run"),
        (t.unknown, "?", "不明", "unknown"),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, mark, ja, en)| lang.pick(format!("{mark} {ja} {n}"), format!("{mark} {n} {en}")))
        .collect();
    match lang {
        Lang::Ja => format!("確認 {} 件: {}", t.total, shown.join("、")),
        Lang::En => format!("{} checks: {}", t.total, shown.join(", ")),
    }
}

/// Why the not-conclusive checks do not count.
pub fn not_conclusive_reason(lang: Lang) -> &'static str {
    lang.pick(
        "判断材料にならない: プロキシ環境では nc はプロキシを使わないため、失敗しても問題を示しません。HTTPS (curl) の結果で判断します。",
        "Not conclusive: behind a proxy nc does not use the proxy, so its failure proves nothing; the HTTPS (curl) result decides.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;
    use crate::causes::{root_causes, tally};

    fn report(name: &str) -> Report {
        let bytes = std::fs::read(format!("tests/data/{name}.log")).expect("sample");
        analyze(&bytes, Some(name)).report
    }

    #[test]
    fn proxy_407_in_both_languages() {
        let r = report("proxy-auth-407");
        let c = &root_causes(&r)[0];
        let en = cause_text(&r, c, Lang::En);
        assert_eq!(en.what, "The proxy proxy.contoso.local:8080 asks for credentials (407)");
        assert_eq!(en.blocks.as_deref(), Some("Azure Backup, Azure Storage and Microsoft Entra ID cannot be reached"));
        assert!(en.first_step.is_some_and(|s| !s.is_empty()));
        let ja = cause_text(&r, c, Lang::Ja);
        assert!(ja.what.contains("proxy.contoso.local:8080") && ja.what.contains("407"), "{}", ja.what);
        assert!(ja.blocks.as_deref().is_some_and(|b| b.contains("Azure Backup、Azure Storage")));
        assert!(en.line(Lang::En).contains("(407): Azure Backup, ") && en.line(Lang::En).contains(" → "));
        // A sentence that has a colon already takes a full stop before what it blocks.
        let dns = report("dns-timeout-no-servers");
        let line = cause_text(&dns, &root_causes(&dns)[0], Lang::En).line(Lang::En);
        assert!(line.contains("(timed out). File recovery, Azure Backup"), "{line}");
    }

    #[test]
    fn dns_timeout_names_the_server() {
        let r = report("dns-timeout-no-servers");
        let c = &root_causes(&r)[0];
        let en = cause_text(&r, c, Lang::En);
        assert_eq!(r.machine.dns_server, None, "nslookup printed no Server: line");
        let expected = format!("{} of {} names do not resolve: no DNS server answers (timed out)", c.failed, c.tested);
        assert_eq!(en.what, expected);
        assert_eq!(c.failed, c.tested, "every name failed");
        // With a server in the report, the sentence names it.
        let mut with_server = r.clone();
        with_server.machine.dns_server = Some("10.10.0.4".to_string());
        let en = cause_text(&with_server, c, Lang::En);
        assert!(en.what.ends_with("names do not resolve: the DNS server 10.10.0.4 does not answer"), "{}", en.what);
    }

    #[test]
    fn port_3260_and_counts() {
        let r = report("file-recovery-3260-blocked");
        let c = &root_causes(&r)[0];
        let en = cause_text(&r, c, Lang::En);
        assert!(en
            .what
            .starts_with(&format!("TCP 3260 (iSCSI, file recovery) is blocked to {} of {}", c.failed, c.tested)));
        assert_eq!(en.blocks.as_deref(), Some("File recovery cannot be reached"));
    }

    #[test]
    fn the_tally_in_words() {
        let r = report("proxy-curl-ok-nc-fails");
        let t = tally(&r);
        let en = tally_text(&t, Lang::En);
        assert!(en.contains(&format!("{} not conclusive", t.not_conclusive)), "{en}");
        assert!(en.contains(&format!("{} failed", t.failed)), "{en}");
        let ja = tally_text(&t, Lang::Ja);
        assert!(ja.contains("判断材料にならない"), "{ja}");
    }
}
