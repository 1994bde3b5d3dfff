//! Texts for people, in Japanese and English: what every finding means and
//! its next steps (`texts.rs`), labels for every verdict (`labels.rs`),
//! links to Microsoft Learn, and the plain-text / Markdown summary that the
//! CLI prints and the page copies for a support ticket (`summary.rs`).
//!
//! Words only: every fact comes from the report and its findings
//! (`analyzer::findings`, including the hints that call for steps of their
//! own); the analyzer never reads these texts.

mod labels;
mod summary;
mod texts;

pub use labels::*;
pub use summary::*;
use texts::finding_texts;

use crate::analyzer::findings::{self, Hint};
use crate::analyzer::model::*;
use serde::{Deserialize, Serialize};

/// The language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    Ja,
    #[default]
    En,
}

impl Lang {
    /// From a language tag or locale (`ja`, `ja-JP`, `ja_JP.UTF-8`, `en-US`):
    /// Japanese for `ja*`, English otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The language tag (`ja`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, ja: T, en: T) -> T {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// A link to documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub ja: &'static str,
    pub en: &'static str,
    pub url: &'static str,
}

impl Link {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }
}

const LINK_SQL_NETWORK: Link = Link {
    ja: "SQL Server のバックアップ: ネットワーク接続の確立",
    en: "SQL Server backup: establish network connectivity",
    url: "https://learn.microsoft.com/azure/backup/backup-sql-server-database-azure-vms#establish-network-connectivity",
};
const LINK_MARS_URLS: Link = Link {
    ja: "MARS エージェント: 必要な URL と IP アドレス",
    en: "MARS agent: URL and IP access",
    url: "https://learn.microsoft.com/azure/backup/backup-support-matrix-mars-agent#url-and-ip-access",
};
const LINK_ILR: Link = Link {
    ja: "ファイルの回復: スクリプト実行に必要なアクセス",
    en: "File recovery: access requirements to run the script",
    url: "https://learn.microsoft.com/azure/backup/backup-azure-restore-files-from-vm#step-4-access-requirements-to-successfully-run-the-script",
};
const LINK_PE: Link = Link {
    ja: "Azure Backup のプライベート エンドポイント",
    en: "Private endpoints for Azure Backup",
    url: "https://learn.microsoft.com/azure/backup/private-endpoints",
};
const LINK_PE_CHECK: Link = Link {
    ja: "プライベート エンドポイント環境における Azure Backup 疎通確認",
    en: "Checking connectivity with private endpoints (Azure Backup support blog, Japanese)",
    url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/RequestForInvestigatingNW/#3",
};
const LINK_WIRESERVER: Link = Link {
    ja: "IP アドレス 168.63.129.16 とは",
    en: "What is IP address 168.63.129.16?",
    url: "https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16",
};
const LINK_DNS: Link = Link {
    ja: "Azure 仮想ネットワーク内の名前解決",
    en: "Name resolution for resources in Azure virtual networks",
    url:
        "https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances",
};
const LINK_SERVICE_TAGS: Link = Link {
    ja: "仮想ネットワークのサービス タグ",
    en: "Virtual network service tags",
    url: "https://learn.microsoft.com/azure/virtual-network/service-tags-overview",
};
const LINK_TLS: Link = Link {
    ja: "Azure Backup のトランスポート層セキュリティ (TLS)",
    en: "Transport Layer Security in Azure Backup",
    url: "https://learn.microsoft.com/azure/backup/transport-layer-security",
};
const LINK_GEO: Link = Link {
    ja: "Azure Backup の geo コード一覧",
    en: "Azure Backup geo-code mapping",
    url: "https://learn.microsoft.com/azure/backup/scripts/geo-code-list",
};
const LINK_READING: Link = Link {
    ja: "疎通確認スクリプト (Linux) 実行結果の見方",
    en: "How to read the Linux network-check result (Azure Backup support blog, Japanese)",
    url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Linux/",
};
const LINK_ASR: Link = Link {
    ja: "Azure Site Recovery のネットワーク要件",
    en: "Networking for Azure Site Recovery",
    url: "https://learn.microsoft.com/azure/site-recovery/azure-to-azure-about-networking",
};

/// What a finding means and what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingText {
    pub title: &'static str,
    pub what: &'static str,
    pub next: &'static [&'static str],
    pub links: &'static [Link],
}

/// The text for a finding.
pub fn finding(id: FindingId, lang: Lang) -> FindingText {
    let (ja, en, links) = finding_texts(id);
    let (title, what, next) = lang.pick(ja, en);
    FindingText { title, what, next, links }
}

/// What to check for a finding of `report`: first the steps its checks
/// call for in particular, then the finding's usual ones.
pub fn next_steps(report: &Report, f: &Finding, lang: Lang) -> Vec<&'static str> {
    let mut steps = Vec::new();
    let hints = findings::hints(report, f);
    if hints.contains(&Hint::ProxyItselfUnreachable) {
        steps.push(lang.pick(
            "プロキシが設定されているため、curl: (7) で接続できなかった相手は宛先ではなくプロキシ自身です。http_proxy / https_proxy のホスト名とポートが正しいか、このマシンからプロキシへ接続できるか (プロキシが起動しているか、途中のファイアウォールで許可されているか) を確認してください。",
            "A proxy is set, so what curl: (7) could not connect to is the proxy itself, not the destination. Check the host name and port in http_proxy / https_proxy, and that this machine can reach the proxy (it is running, and firewalls on the way allow it).",
        ));
    }
    if hints.contains(&Hint::CutAfterTcpConnect) {
        steps.push(lang.pick(
            "nc では TCP で接続できていますが、curl の通信は TLS のハンドシェイク中か HTTP の応答の前に切断されています (curl: (35) など)。宛先の FQDN (TLS の SNI) で通信を許可・遮断するファイアウォール (Azure Firewall のアプリケーション ルールやサードパーティ製の機器など) で、この FQDN が許可されているか確認してください。あわせて、OS の OpenSSL が TLS 1.2 以上を使えることも確認してください。",
            "nc connects over TCP, but curl's connection is cut during the TLS handshake or before an HTTP answer (curl: (35) and kin). Check that a firewall that allows or blocks by FQDN (it reads the TLS SNI), such as an Azure Firewall application rule or a third-party appliance, allows this FQDN, and that the machine's OpenSSL offers TLS 1.2 or later.",
        ));
    }
    if hints.contains(&Hint::LocalPolicy) {
        steps.push(lang.pick(
            "nc のエラー (Permission denied / Operation not permitted) は、通信がこのマシンの外に出る前に、このマシン自身で止められたことを示します。NSG や途中のファイアウォールではなく、OS のファイアウォール (firewalld / iptables / nftables の送信ルール)、SELinux (ausearch -m avc や /var/log/audit/audit.log の denied)、セキュリティ ソフトの設定を確認してください。",
            "nc's error (Permission denied / Operation not permitted) means this machine itself stopped the connection before it left: not an NSG nor a firewall on the way. Check the OS firewall's outbound rules (firewalld, iptables, nftables), SELinux (ausearch -m avc, denials in /var/log/audit/audit.log) and security software on the machine.",
        ));
    }
    steps.extend_from_slice(finding(f.id, lang).next);
    steps
}

/// Why the input is not a log, in one sentence.
pub fn not_a_log_message(cause: NotALogCause, detail: Option<&str>, lang: Lang) -> String {
    match (cause, lang) {
        (NotALogCause::Empty, Lang::Ja) => "ファイルが空です (または空白だけです)。".to_string(),
        (NotALogCause::Empty, Lang::En) => "The file is empty (or only white space).".to_string(),
        (NotALogCause::KnownBinary, Lang::Ja) => {
            format!("これはテキストではなく {} です。スクリーンショットではなくログ ファイルそのものを選んでください。", detail.unwrap_or("バイナリ ファイル"))
        }
        (NotALogCause::KnownBinary, Lang::En) => {
            format!("This is a {}, not text. Choose the log file itself, not a screenshot or an archive.", detail.unwrap_or("binary file"))
        }
        (NotALogCause::Binary, Lang::Ja) => "テキストとして読めないバイナリ データです。".to_string(),
        (NotALogCause::Binary, Lang::En) => "These bytes are binary data, not text.".to_string(),
        (NotALogCause::WindowsLog, Lang::Ja) => {
            "Windows 版スクリプト (Check_Backup_NW_verX.X.ps1) のログのようです。このバージョンの nwcheck は Linux 版のログを読み取ります。".to_string()
        }
        (NotALogCause::WindowsLog, Lang::En) => {
            "This looks like a log of the Windows script (Check_Backup_NW_verX.X.ps1); this version of nwcheck reads the Linux script's log.".to_string()
        }
        (NotALogCause::NoCommands, Lang::Ja) => {
            "テキストですが、nslookup・nc・curl の実行結果 (##TRY!! の行) がありません。".to_string()
        }
        (NotALogCause::NoCommands, Lang::En) => {
            "This is text, but it holds no nslookup, nc or curl results (no ##TRY!! lines).".to_string()
        }
        (NotALogCause::CutBeforeChecks, Lang::Ja) => {
            "ネットワーク確認スクリプトのログですが、最初の確認 (##TRY!! の行) の前で終わっています。実行が途中で止められたか、実行中のファイルが渡されました。スクリプトを最後まで実行してから、そのログを選んでください。".to_string()
        }
        (NotALogCause::CutBeforeChecks, Lang::En) => {
            "This is the network-check script's log, but it ends before its first check (no ##TRY!! lines): the run was stopped, or the file was taken while it still ran. Run the script to the end and choose that log.".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log whose Azure Backup destination connects with nc, and whose curl
    /// ends as `curl_output` says.
    fn backup_log(curl_output: &str) -> Report {
        let log = format!(
            "#### (4) Azure Backup への疎通確認 ####\n##TRY!! nc -vz pod01-prot1.jpe.backup.windowsazure.com 443 ##\nNcat: Connected to 20.1.2.3:443.\n\n##TRY!! curl -I https://pod01-prot1.jpe.backup.windowsazure.com ##\n{curl_output}\n\nComplete...\n"
        );
        crate::analyze(log.as_bytes(), None).report
    }

    #[test]
    fn a_connection_cut_after_tcp_connects_points_at_fqdn_filtering() {
        let cut = backup_log("curl: (35) OpenSSL/3.0.13: error:0A000126:SSL routines::unexpected eof while reading");
        let f = cut.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
        let steps = next_steps(&cut, f, Lang::En);
        assert!(steps[0].contains("TLS SNI"), "{steps:?}");
        assert_eq!(steps.len(), finding(f.id, Lang::En).next.len() + 1);
        assert!(next_steps(&cut, f, Lang::Ja)[0].contains("SNI"));
        assert!(summary(&cut, Lang::En, Style { markdown: false, color: false }).contains("TLS SNI"));

        let timeout = backup_log("curl: (28) Connection timed out after 300001 milliseconds");
        let f = timeout.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
        assert_eq!(next_steps(&timeout, f, Lang::En), finding(f.id, Lang::En).next);
    }

    #[test]
    fn curl_failing_to_connect_behind_a_proxy_points_at_the_proxy() {
        let head = "http_proxy コマンドの結果\nhttp://proxy01.contoso.local:3128\nhttps_proxy コマンドの結果\nhttp://proxy01.contoso.local:3128\n#### 環境情報確認終了 ####\n";
        let curl = "curl: (7) Failed to connect to proxy01.contoso.local port 3128 after 2 ms: Connection refused";
        let log = format!("{head}#### (4) Azure Backup への疎通確認 ####\n##TRY!! curl -I https://pod01-prot1.jpe.backup.windowsazure.com ##\n{curl}\n\nComplete...\n");
        let r = crate::analyze(log.as_bytes(), None).report;
        let f = r.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
        assert!(next_steps(&r, f, Lang::En)[0].contains("the proxy itself"));
        assert!(next_steps(&r, f, Lang::Ja)[0].contains("プロキシ自身"));
        // Without a proxy, curl (7) is about the destination.
        let direct = backup_log("curl: (7) Failed to connect to pod01-prot1.jpe.backup.windowsazure.com port 443 after 2 ms: Connection refused");
        let f = direct.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
        assert_eq!(next_steps(&direct, f, Lang::En), finding(f.id, Lang::En).next);
    }

    #[test]
    fn regions_in_both_languages() {
        assert_eq!(region_label("japaneast", Lang::Ja), "東日本 (jpe)");
        assert_eq!(region_label("japanwest", Lang::En), "Japan West (jpw)");
        assert_eq!(region_label("eastus2", Lang::Ja), "米国東部 2 (eus2)");
        assert_eq!(region_label("somewhereelse", Lang::Ja), "somewhereelse");
        for r in crate::analyzer::knowledge::REGIONS {
            assert!(!r.display_ja.is_empty() && r.display_ja != r.name, "{}", r.code);
        }
    }

    #[test]
    fn every_finding_has_both_languages_and_next_steps() {
        use FindingId as F;
        let all = [
            F::NotALog,
            F::LogTruncated,
            F::DnsFailure,
            F::FileRecoveryPortBlocked,
            F::FileRecoveryDownloadBlocked,
            F::BackupUnreachable,
            F::StorageUnreachable,
            F::EntraIdUnreachable,
            F::SiteRecoveryUnreachable,
            F::OtherUnreachable,
            F::ProxyAuthRequired,
            F::ProxyDenied,
            F::ProxyUnresolvable,
            F::TlsInterception,
            F::ProxyCredentialsInLog,
            F::ProxyNcInconclusive,
            F::ProxyConfigured,
            F::PrivateEndpoint,
            F::NcMissing,
            F::CurlMissing,
            F::NslookupMissing,
            F::UnrecognizedOutput,
            F::RegionSpecificFqdn,
            F::DnsSinkhole,
            F::TrafficIntercepted,
            F::ProxyGatewayError,
        ];
        for id in all {
            let (ja, en) = (finding(id, Lang::Ja), finding(id, Lang::En));
            assert!(!ja.title.is_empty() && !en.title.is_empty() && ja.title != en.title, "{id:?}");
            assert!(!ja.next.is_empty() && ja.next.len() == en.next.len(), "{id:?}");
            assert!(ja.links.iter().all(|l| l.url.starts_with("https://")), "{id:?}");
        }
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("C.UTF-8"), Lang::En);
    }
}
