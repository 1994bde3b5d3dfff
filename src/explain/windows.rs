//! Next steps that only apply to Windows logs and PowerShell sessions,
//! where the checks are Test-NetConnection and Invoke-WebRequest and the
//! settings are Windows' own (network adapter DNS, Internet Options,
//! SCHANNEL, .NET Framework).

use super::Lang;
use crate::analyzer::findings::Hint;
use crate::analyzer::model::*;

/// Whether the report is of Windows output.
pub fn applies(report: &Report) -> bool {
    matches!(report.format, Format::WindowsBackup | Format::WindowsAsr)
        || report
            .checks
            .iter()
            .any(|c| c.tool.as_deref().is_some_and(|t| t == "Invoke-WebRequest" || t == "Test-NetConnection"))
}

/// The Windows steps for finding `f` (whose `hints` the findings gave),
/// before its usual ones.
pub fn steps(report: &Report, f: &Finding, hints: &[Hint], lang: Lang) -> Vec<&'static str> {
    let checks = || f.checks.iter().filter_map(|&i| report.checks.get(i));
    let iwr = |c: &&Check| c.kind == CheckKind::Https && c.tool.as_deref() == Some("Invoke-WebRequest");
    let mut steps = Vec::new();
    match f.id {
        FindingId::DnsFailure => steps.push(lang.pick(
            "Windows では、ネットワーク アダプターの DNS サーバーを ipconfig /all (または Get-DnsClientServerAddress) で確認してください。Azure 既定の DNS は 168.63.129.16 です。設定を直した後は ipconfig /flushdns でキャッシュを消してから確認し直してください。",
            "On Windows, check the network adapter's DNS servers with ipconfig /all (or Get-DnsClientServerAddress); Azure's default DNS is 168.63.129.16. After fixing them, clear the cache with ipconfig /flushdns and check again.",
        )),
        FindingId::BackupUnreachable
        | FindingId::StorageUnreachable
        | FindingId::EntraIdUnreachable
        | FindingId::SiteRecoveryUnreachable
        | FindingId::FileRecoveryDownloadBlocked
        | FindingId::OtherUnreachable => {
            if hints.contains(&Hint::ProxyItselfUnreachable) {
                steps.push(lang.pick(
                    "現在のユーザーにプロキシが設定されているため、Invoke-WebRequest の「リモート サーバーに接続できません」やタイムアウトは、宛先ではなくプロキシ自身への接続の失敗です。インターネット オプションのプロキシのホスト名とポートが正しいか、このマシンからプロキシへ接続できるかを確認してください。",
                    "The current user has a proxy, so Invoke-WebRequest's \"Unable to connect to the remote server\" or timeout is about the proxy itself, not the destination. Check the proxy's host and port in Internet Options, and that this machine can reach the proxy.",
                ));
            }
            let tls_stage = |c: &&Check| matches!(c.reason, Reason::TlsFailed | Reason::RecvFailure | Reason::EmptyReply);
            if hints.contains(&Hint::CutAfterTcpConnect) || checks().filter(iwr).any(|c| tls_stage(&c)) {
                steps.push(lang.pick(
                    "Invoke-WebRequest が TLS の段階で失敗しています (「送信時に予期しないエラー」「セキュリティで保護されているチャネルを作成できませんでした」など)。SCHANNEL で TLS 1.2 のクライアントが有効か、.NET Framework が TLS 1.2 を使うよう HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 の SchUseStrongCrypto と SystemDefaultTlsVersions が 1 か確認してください。FQDN で通信を制御するファイアウォールや TLS インスペクションも確認してください。",
                    "Invoke-WebRequest fails during TLS (\"An unexpected error occurred on a send\", \"Could not create SSL/TLS secure channel\", ...). Check that TLS 1.2 is on for clients in SCHANNEL and that .NET Framework uses it: SchUseStrongCrypto and SystemDefaultTlsVersions = 1 under HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319. Also check firewalls that filter by FQDN and TLS inspection.",
                ));
            }
        }
        FindingId::ProxyNcInconclusive => steps.push(lang.pick(
            "Test-NetConnection はプロキシを使いません。プロキシ経由の結果は Invoke-WebRequest で判断してください。",
            "Test-NetConnection never uses a proxy: judge the proxied path by Invoke-WebRequest.",
        )),
        _ => {}
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROXIED: &str = include_str!("../../tests/data/windows/backup-ja-user-proxy-tnc-fails-iwr-ok.log");

    #[test]
    fn iwr_failing_through_the_users_proxy_points_at_the_proxy() {
        let text = PROXIED.replacen(
            "#TRY!! Invoke-webRequest https://login.microsoft.com\r\nResult of Invoke-webRequest  / StatusCode: 200/ StatusDescription: OK",
            "#TRY!! Invoke-webRequest https://login.microsoft.com\r\nPS>TerminatingError(Invoke-WebRequest): \"リモート サーバーに接続できません。\"\r\nResult of Invoke-webRequest  / StatusCode: / StatusDescription:",
            1,
        );
        let report = crate::analyze(text.as_bytes(), None).report;
        let f = report.findings.iter().find(|f| f.id == FindingId::EntraIdUnreachable).expect("entra-id-unreachable");
        let steps = super::super::next_steps(&report, f, Lang::En);
        assert!(steps[0].starts_with("The current user has a proxy"), "{steps:?}");
        let tnc =
            report.findings.iter().find(|f| f.id == FindingId::ProxyNcInconclusive).expect("proxy-nc-inconclusive");
        assert!(super::super::next_steps(&report, tnc, Lang::Ja)[0]
            .starts_with("Test-NetConnection はプロキシを使いません"));
    }

    #[test]
    fn linux_reports_get_no_windows_steps() {
        let report =
            crate::analyze(b"##TRY!! nslookup a.example ##\n** server can't find a.example: NXDOMAIN\n", None).report;
        assert!(!applies(&report));
        let f = report.findings.iter().find(|f| f.id == FindingId::DnsFailure).expect("dns-failure");
        assert!(!super::super::next_steps(&report, f, Lang::En)[0].starts_with("On Windows"));
    }
}
