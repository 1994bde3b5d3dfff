//! Texts for people, in Japanese and English: labels for every verdict,
//! an explanation and next steps for every finding, links to Microsoft
//! Learn, and the plain-text / Markdown summary that the CLI prints and the
//! page copies for a support ticket.
//!
//! Pure data and formatting; the analyzer never reads these texts.

mod windows;

use crate::analyzer::knowledge;
use crate::analyzer::model::*;
use serde::{Deserialize, Serialize};

use std::fmt::Write as _;
use std::rc::Rc;

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

const LINK_READING_WINDOWS: Link = Link {
    ja: "疎通確認スクリプト (Windows) 実行結果の見方",
    en: "How to read the Windows network-check result (Azure Backup support blog, Japanese)",
    url: "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/NwCheckScript_Windows/",
};
const LINK_SQL_PROXY: Link = Link {
    ja: "プロキシ経由で SQL Server をバックアップする (AzureWLBackupPluginSvc のプロキシ設定スクリプト)",
    en: "SQL Server backup through a proxy (the script that sets AzureWLBackupPluginSvc's proxy; support blog, Japanese)",
    url: "https://jpabrs-scem.github.io/blog/AzureSQLBackup/How_To_SQL_Backup_Via_Proxy/",
};
const LINK_PSEXEC: Link = Link {
    ja: "PsExec (Sysinternals)",
    en: "PsExec (Sysinternals)",
    url: "https://learn.microsoft.com/sysinternals/downloads/psexec",
};
const LINK_NETSH_WINHTTP: Link = Link {
    ja: "netsh winhttp コマンド",
    en: "Netsh commands for WinHTTP",
    url: "https://learn.microsoft.com/windows/win32/winhttp/netsh-exe-commands",
};
const LINK_ASR_ERRORS: Link = Link {
    ja: "Azure Site Recovery: 送信接続とプロキシのエラー (151072 など)",
    en: "Azure Site Recovery: outbound connectivity and proxy errors (151072 and kin)",
    url: "https://learn.microsoft.com/azure/site-recovery/azure-to-azure-troubleshoot-errors",
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
    if proxy_unreachable(report, f) {
        steps.push(lang.pick(
            "プロキシが設定されているため、curl: (7) で接続できなかった相手は宛先ではなくプロキシ自身です。http_proxy / https_proxy のホスト名とポートが正しいか、このマシンからプロキシへ接続できるか (プロキシが起動しているか、途中のファイアウォールで許可されているか) を確認してください。",
            "A proxy is set, so what curl: (7) could not connect to is the proxy itself, not the destination. Check the host name and port in http_proxy / https_proxy, and that this machine can reach the proxy (it is running, and firewalls on the way allow it).",
        ));
    }
    if cut_after_connect(report, f) {
        steps.push(lang.pick(
            "nc では TCP で接続できていますが、curl の通信は TLS のハンドシェイク中か HTTP の応答の前に切断されています (curl: (35) など)。宛先の FQDN (TLS の SNI) で通信を許可・遮断するファイアウォール (Azure Firewall のアプリケーション ルールやサードパーティ製の機器など) で、この FQDN が許可されているか確認してください。あわせて、OS の OpenSSL が TLS 1.2 以上を使えることも確認してください。",
            "nc connects over TCP, but curl's connection is cut during the TLS handshake or before an HTTP answer (curl: (35) and kin). Check that a firewall that allows or blocks by FQDN (it reads the TLS SNI), such as an Azure Firewall application rule or a third-party appliance, allows this FQDN, and that the machine's OpenSSL offers TLS 1.2 or later.",
        ));
    }
    steps.extend(windows::steps(report, f, lang));
    steps.extend_from_slice(finding(f.id, lang).next);
    steps
}

/// Whether `f` is about destinations whose curl could not connect (curl 7)
/// while a proxy is in use: curl connects to the proxy, so the proxy is
/// what it could not reach.
fn proxy_unreachable(report: &Report, f: &Finding) -> bool {
    is_unreachable(f.id)
        && crate::analyzer::findings::proxy_in_use(&report.proxy)
        && f.checks
            .iter()
            .filter_map(|&i| report.checks.get(i))
            .any(|c| c.kind == CheckKind::Https && c.evidence.as_deref().is_some_and(|e| e.starts_with("curl: (7)")))
}

/// Whether a finding says destinations of a service could not be reached.
fn is_unreachable(id: FindingId) -> bool {
    use FindingId as F;
    matches!(
        id,
        F::BackupUnreachable
            | F::StorageUnreachable
            | F::EntraIdUnreachable
            | F::SiteRecoveryUnreachable
            | F::FileRecoveryDownloadBlocked
            | F::OtherUnreachable
    )
}

/// Whether a destination that `f` is about connected over TCP while its
/// HTTPS check was cut during the TLS handshake or before an HTTP answer:
/// the network lets the packets through, something on the way reads the
/// connection and drops it.
fn cut_after_connect(report: &Report, f: &Finding) -> bool {
    if !is_unreachable(f.id) {
        return false;
    }
    let cut: crate::analyzer::fasthash::FastSet<&str> = f
        .checks
        .iter()
        .filter_map(|&i| report.checks.get(i))
        .filter(|c| {
            c.kind == CheckKind::Https
                && matches!(c.reason, Reason::TlsFailed | Reason::RecvFailure | Reason::EmptyReply)
        })
        .map(|c| &*c.fqdn)
        .collect();
    !cut.is_empty()
        && report.checks.iter().any(|c| c.kind == CheckKind::Tcp && c.status == Status::Ok && cut.contains(&*c.fqdn))
}

type Texts = (&'static str, &'static str, &'static [&'static str]);

fn finding_texts(id: FindingId) -> (Texts, Texts, &'static [Link]) {
    use FindingId as F;
    match id {
        F::NotALog => (
            (
                "ネットワーク確認ログではありません",
                "このファイルからは、疎通確認スクリプトのコマンド結果 (##TRY!! の行) を読み取れませんでした。",
                &["Check_Backup_NW_Linux_verX.X.sh が出力した CheckNWResult_<ホスト名>_<日時>.log、Windows 版スクリプトの AzureBackup_Check_NW_*.log / ASR_Check_NW_*.log を、編集せずにそのまま選んでください。手で実行したコマンドは、プロンプトの行ごと貼り付けてください。"],
            ),
            (
                "This is not a network-check log",
                "No command results of the network-check script (the ##TRY!! lines) could be read from this file.",
                &["Choose the CheckNWResult_<host>_<date>.log file written by Check_Backup_NW_Linux_verX.X.sh, or the Windows scripts' AzureBackup_Check_NW_*.log / ASR_Check_NW_*.log, as it is. Paste commands typed by hand with their prompt lines."],
            ),
            &[LINK_READING],
        ),
        F::LogTruncated => (
            (
                "ログが途中で終わっています",
                "スクリプトが最後まで実行されていません (Ctrl+C で中断された、ディスクがいっぱいになった、ログの一部だけが貼り付けられた等)。ログは最後のブロックの途中か直後で終わっており、それ以降の宛先は確認されていません。",
                &[
                    "スクリプトを最後まで実行し直してください。時間がかかるのは通信がタイムアウトしているためで、それ自体が手がかりになります。",
                    "新しいログをもう一度ここで確認してください。",
                ],
            ),
            (
                "The log ends in the middle of the run",
                "The script did not run to the end (stopped with Ctrl+C, disk full, only part of the log pasted, ...). The log ends inside or right after its last block, and the destinations after it were not checked.",
                &[
                    "Run the script again until it finishes. A slow run means connections are timing out, which is itself a clue.",
                    "Check the new log here again.",
                ],
            ),
            &[LINK_READING],
        ),
        F::DnsFailure => (
            (
                "名前解決できない宛先があります",
                "nslookup (または nc・curl) で IP アドレスが得られませんでした (タイムアウト、NXDOMAIN、SERVFAIL など)。名前解決できない宛先には直接接続できません (プロキシ経由の通信では、名前はプロキシが解決します)。",
                &[
                    "/etc/resolv.conf の DNS サーバーを確認してください。Azure 既定の DNS は 168.63.129.16 です。",
                    "カスタム DNS サーバーを使う場合は、Azure のパブリックな名前を解決できるよう、168.63.129.16 (または外部の DNS) へのフォワーダーを設定してください。",
                    "プライベート エンドポイントを使う場合は、privatelink ゾーンのレコードと仮想ネットワーク リンクを確認してください。",
                    "DNS サーバーへの UDP/TCP 53 番が NSG やファイアウォールで許可されているか確認してください。",
                ],
            ),
            (
                "Some names do not resolve",
                "nslookup (or nc, curl) got no IP address (timeout, NXDOMAIN, SERVFAIL, ...). A destination whose name does not resolve cannot be reached directly (through a proxy, the proxy resolves the name).",
                &[
                    "Check the DNS servers in /etc/resolv.conf. Azure's default DNS is 168.63.129.16.",
                    "With a custom DNS server, forward public Azure names to 168.63.129.16 (or to a public resolver).",
                    "With private endpoints, check the records of the privatelink zones and their virtual network links.",
                    "Make sure UDP/TCP 53 to the DNS server is allowed by NSGs and firewalls.",
                ],
            ),
            &[LINK_DNS, LINK_WIRESERVER, LINK_PE],
        ),
        F::FileRecoveryPortBlocked => (
            (
                "ファイルの回復に必要な TCP 3260 番が通りません",
                "ファイルの回復 (ILR) スクリプトは iSCSI (TCP 3260 番) で回復ポイントに接続しますが、その接続が確立できませんでした。プロキシは iSCSI を中継できないため、プロキシ環境でも直接の通信が必要です。",
                &[
                    "NSG・Azure Firewall・オンプレミスのファイアウォールで、サービス タグ AzureBackup (または pod01-rec2.<geo>.backup.windowsazure.com) への送信 TCP 3260 番を許可してください。",
                    "ルート テーブル (UDR) で 0.0.0.0/0 が NVA やオンプレミスへ強制トンネリングされていないか確認してください。",
                    "プロキシ経由でしか外部へ出られない場合は、直接通信できる別のマシンでファイルの回復を行ってください。",
                ],
            ),
            (
                "TCP 3260 for file recovery is blocked",
                "The file recovery (ILR) script reaches the recovery point over iSCSI (TCP 3260), and that connection could not be made. Proxies cannot carry iSCSI, so a direct path is needed even where a proxy is used.",
                &[
                    "Allow outbound TCP 3260 to the AzureBackup service tag (or pod01-rec2.<geo>.backup.windowsazure.com) in NSGs, Azure Firewall and on-premises firewalls.",
                    "Check route tables (UDR): 0.0.0.0/0 forced through an NVA or on-premises also carries this traffic.",
                    "Where the only way out is a proxy, run file recovery on another machine with direct access.",
                ],
            ),
            &[LINK_ILR, LINK_SERVICE_TAGS],
        ),
        F::FileRecoveryDownloadBlocked => (
            (
                "ファイルの回復に必要な download.microsoft.com に届きません",
                "ファイルの回復スクリプトは download.microsoft.com (TCP 443 番) から必要なコンポーネントを取得しますが、その通信が確立できませんでした。",
                &["サービス タグ AzureFrontDoor.FirstParty、または download.microsoft.com への送信 TCP 443 番を許可してください。"],
            ),
            (
                "download.microsoft.com, needed for file recovery, is unreachable",
                "The file recovery script downloads its components from download.microsoft.com (TCP 443), and that connection could not be made.",
                &["Allow outbound TCP 443 to the AzureFrontDoor.FirstParty service tag or to download.microsoft.com."],
            ),
            &[LINK_ILR, LINK_SERVICE_TAGS],
        ),
        F::BackupUnreachable => (
            (
                "Azure Backup に届きません",
                "Azure Backup の宛先 (*.backup.windowsazure.com) への TCP または HTTPS の通信が確立できませんでした。SQL Server / SAP HANA のワークロード バックアップ、MARS エージェント、ファイルの回復にはこの通信が必要です。",
                &[
                    "NSG ではサービス タグ AzureBackup、Azure Firewall では FQDN タグ AzureBackup への送信 TCP 443 番を許可してください。",
                    "ルート テーブル (UDR) やオンプレミスのファイアウォール、ウイルス対策ソフトで遮断されていないか確認してください。",
                    "プロキシを使う場合は、バックアップ エージェントにも同じプロキシを設定してください。",
                ],
            ),
            (
                "Azure Backup is unreachable",
                "TCP or HTTPS to the Azure Backup destinations (*.backup.windowsazure.com) could not be established. Workload backup (SQL Server, SAP HANA), the MARS agent and file recovery need it.",
                &[
                    "Allow outbound TCP 443 to the AzureBackup service tag in NSGs, or the AzureBackup FQDN tag in Azure Firewall.",
                    "Check route tables (UDR), on-premises firewalls and antivirus software.",
                    "Where a proxy is used, set the same proxy for the backup agent.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS, LINK_SERVICE_TAGS],
        ),
        F::StorageUnreachable => (
            (
                "Azure Storage に届きません",
                "Azure Storage の宛先 (*.blob.core.windows.net、*.queue.core.windows.net、*.blob.storage.azure.net) への TCP または HTTPS の通信が確立できませんでした。バックアップ データの転送にはこの通信が必要です。",
                &[
                    "NSG / Azure Firewall でサービス タグ Storage (リージョン指定も可) への送信 TCP 443 番を許可してください。",
                    "ルート テーブル (UDR) やオンプレミスのファイアウォールで遮断されていないか確認してください。",
                ],
            ),
            (
                "Azure Storage is unreachable",
                "TCP or HTTPS to the Azure Storage destinations (*.blob.core.windows.net, *.queue.core.windows.net, *.blob.storage.azure.net) could not be established. Backup data travels this way.",
                &[
                    "Allow outbound TCP 443 to the Storage service tag (regional tags work too) in NSGs and Azure Firewall.",
                    "Check route tables (UDR) and on-premises firewalls.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS, LINK_SERVICE_TAGS],
        ),
        F::EntraIdUnreachable => (
            (
                "Microsoft Entra ID に届きません",
                "Microsoft Entra ID の宛先 (login.microsoftonline.com など) への TCP または HTTPS の通信が確立できませんでした。バックアップの認証にはこの通信が必要です。Entra ID はプライベート エンドポイントを使えないため、プライベート エンドポイント環境でも許可が必要です。",
                &[
                    "NSG / Azure Firewall でサービス タグ AzureActiveDirectory への送信 TCP 443 番を許可してください。",
                    "プロキシでテナント制限をかけている場合は、バックアップ用テナントへのアクセスも許可してください。",
                ],
            ),
            (
                "Microsoft Entra ID is unreachable",
                "TCP or HTTPS to the Microsoft Entra ID destinations (login.microsoftonline.com, ...) could not be established. Backup authenticates this way. Entra ID has no private endpoints, so it must be allowed even where private endpoints are used.",
                &[
                    "Allow outbound TCP 443 to the AzureActiveDirectory service tag in NSGs and Azure Firewall.",
                    "If a proxy enforces tenant restrictions, allow the Azure Backup tenants too.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_SERVICE_TAGS],
        ),
        F::SiteRecoveryUnreachable => (
            (
                "Azure Site Recovery に届きません",
                "Azure Site Recovery の宛先 (*.hypervrecoverymanager.windowsazure.com) への通信が確立できませんでした。",
                &["NSG / Azure Firewall でサービス タグ AzureSiteRecovery への送信 TCP 443 番を許可してください。"],
            ),
            (
                "Azure Site Recovery is unreachable",
                "Connections to the Azure Site Recovery destinations (*.hypervrecoverymanager.windowsazure.com) could not be established.",
                &["Allow outbound TCP 443 to the AzureSiteRecovery service tag in NSGs and Azure Firewall."],
            ),
            &[LINK_ASR, LINK_SERVICE_TAGS],
        ),
        F::OtherUnreachable => (
            (
                "その他の宛先に届きません",
                "Azure Backup の既知のサービスに分類できない宛先への通信が確立できませんでした。",
                &["その宛先が必要かどうかを確認し、必要であればファイアウォールで許可してください。"],
            ),
            (
                "Other destinations are unreachable",
                "Connections to destinations outside the known Azure Backup services could not be established.",
                &["Check whether the destination is needed, and allow it in the firewall if it is."],
            ),
            &[],
        ),
        F::ProxyAuthRequired => (
            (
                "プロキシが認証を求めています (407)",
                "プロキシ サーバーが HTTP 407 (Proxy Authentication Required) を返し、Azure への接続を中継しませんでした。SQL Server / SAP HANA のワークロード バックアップは認証付きプロキシに対応していません。",
                &[
                    "Azure の宛先 (AzureBackup / Storage / AzureActiveDirectory) を認証なしで通すようプロキシを設定するか、プロキシを経由しない経路を用意してください。",
                    "MARS エージェントは、エージェント自身のプロキシ設定でのみ認証付きプロキシを使えます。",
                ],
            ),
            (
                "The proxy wants credentials (407)",
                "The proxy answered HTTP 407 (Proxy Authentication Required) and did not relay the connection to Azure. Workload backup (SQL Server, SAP HANA) does not support authenticated proxies.",
                &[
                    "Let the proxy pass the Azure destinations (AzureBackup, Storage, AzureActiveDirectory) without authentication, or provide a path that bypasses it.",
                    "The MARS agent can use an authenticated proxy only through its own proxy setting.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyDenied => (
            (
                "プロキシが接続を拒否しました",
                "プロキシ サーバーが CONNECT 要求を拒否しました (403 など)。プロキシのポリシーでこの宛先が許可されていない可能性があります。",
                &["プロキシの許可リストに *.backup.windowsazure.com、*.blob.core.windows.net、*.queue.core.windows.net、*.blob.storage.azure.net、login.microsoftonline.com などを追加してください。"],
            ),
            (
                "The proxy refused the connection",
                "The proxy refused the CONNECT request (403 or similar): its policy probably does not allow this destination.",
                &["Add *.backup.windowsazure.com, *.blob.core.windows.net, *.queue.core.windows.net, *.blob.storage.azure.net, login.microsoftonline.com and the other destinations to the proxy's allow list."],
            ),
            &[LINK_SQL_NETWORK, LINK_MARS_URLS],
        ),
        F::ProxyUnresolvable => (
            (
                "プロキシのホスト名を解決できません",
                "curl がプロキシ サーバーの名前を解決できませんでした (curl: (5))。",
                &[
                    "http_proxy / https_proxy の値 (ホスト名のつづりと書式) を確認してください。",
                    "プロキシのホスト名を DNS で解決できるか確認してください。",
                ],
            ),
            (
                "The proxy's host name does not resolve",
                "curl could not resolve the proxy server's name (curl: (5)).",
                &[
                    "Check the value of http_proxy / https_proxy (spelling and format).",
                    "Check that DNS resolves the proxy's host name.",
                ],
            ),
            &[LINK_DNS],
        ),
        F::TlsInterception => (
            (
                "TLS 通信が検査 (復号) されています",
                "サーバー証明書が信頼されませんでした (curl: (60) など)。ファイアウォールやプロキシが TLS を復号し、独自の証明書を提示している可能性が高いです。Azure Backup は、TLS インスペクションを有効にした Azure Firewall のアプリケーション ルールに対応していません。",
                &[
                    "ファイアウォール / プロキシで、Azure Backup・Azure Storage・Microsoft Entra ID の宛先を TLS インスペクションの対象外にしてください。",
                    "検査をしていない場合は、OS の CA 証明書 (ca-certificates パッケージ) が古くないか確認してください。",
                ],
            ),
            (
                "TLS is being inspected",
                "The server certificate was not trusted (curl: (60) or similar): a firewall or proxy most likely decrypts TLS and presents its own certificate. Azure Backup does not support Azure Firewall application rules with TLS inspection.",
                &[
                    "Exempt the Azure Backup, Azure Storage and Microsoft Entra ID destinations from TLS inspection in the firewall or proxy.",
                    "If nothing inspects TLS, check that the OS's CA certificates (the ca-certificates package) are current.",
                ],
            ),
            &[LINK_SQL_NETWORK, LINK_TLS],
        ),
        F::ProxyCredentialsInLog => (
            (
                "ログにプロキシのパスワードが含まれています",
                "プロキシの URL に「ユーザー名:パスワード」が含まれています。この画面と書き出す内容ではパスワードを *** に置き換えていますが、元のログ ファイルには残っています。",
                &[
                    "元のログをそのまま添付しないでください。パスワードを伏せてから共有するか、このツールの要約や JSON を添付してください。",
                    "パスワードが第三者の目に触れた可能性がある場合は、変更を検討してください。",
                ],
            ),
            (
                "The log contains a proxy password",
                "A proxy URL carries user:password. nwcheck shows and exports it as ***, but the original log file still contains it.",
                &[
                    "Do not attach the original log as it is: mask the password first, or attach nwcheck's summary or JSON.",
                    "If others may have seen the password, consider changing it.",
                ],
            ),
            &[],
        ),
        F::ProxyNcInconclusive => (
            (
                "プロキシ環境では nc の結果では判断できません",
                "nc はプロキシを使わずに直接接続します。プロキシ経由で通信する環境では、nc の成否からプロキシ経由の通信の可否は分かりません。curl の結果で判断します。",
                &[
                    "curl の結果を確認してください。curl が HTTP の応答を得ていれば、プロキシ経由の通信はできています。",
                    "バックアップ エージェントにも同じプロキシが設定されているか確認してください (Linux VM エージェントは /etc/waagent.conf の HttpProxy.Host / HttpProxy.Port)。",
                ],
            ),
            (
                "Behind a proxy, nc results prove nothing",
                "nc connects directly and never uses the proxy. Where traffic goes through a proxy, nc succeeding or failing says nothing about the proxied path: curl decides.",
                &[
                    "Look at curl's results: an HTTP answer means the path through the proxy works.",
                    "Check that the backup agent uses the same proxy (for the Linux VM agent: HttpProxy.Host / HttpProxy.Port in /etc/waagent.conf).",
                ],
            ),
            &[LINK_READING],
        ),
        F::ProxyConfigured => (
            (
                "プロキシが設定されています",
                "http_proxy / https_proxy が設定されているか、curl がプロキシ経由で接続しました。",
                &[
                    "168.63.129.16 と 169.254.169.254 はプロキシの対象外 (no_proxy) にしてください。",
                    "SQL Server / SAP HANA のワークロード バックアップは、認証なしのプロキシのみに対応しています。",
                ],
            ),
            (
                "A proxy is set",
                "http_proxy / https_proxy is set, or curl connected through a proxy.",
                &[
                    "Exclude 168.63.129.16 and 169.254.169.254 from the proxy (no_proxy).",
                    "Workload backup (SQL Server, SAP HANA) supports only proxies without authentication.",
                ],
            ),
            &[LINK_WIRESERVER, LINK_SQL_NETWORK],
        ),
        F::PrivateEndpoint => (
            (
                "プライベート エンドポイントが使われています",
                "Azure Backup / Azure Storage の名前がプライベート IP アドレスに解決されました (プライベート エンドポイントまたはプライベート DNS ゾーン)。この場合、スクリプトが確認するパブリックな FQDN ではなく、コンテナー固有の FQDN (<vaultId>-ab-pod01-<svc>.privatelink.<geo>.backup.windowsazure.com など) への通信が重要です。",
                &[
                    "プライベート エンドポイント環境向けの手順で、コンテナー固有の FQDN への通信を確認してください。",
                    "Microsoft Entra ID はプライベート エンドポイントを使えないため、Entra ID への通信は別途許可が必要です。",
                ],
            ),
            (
                "Private endpoints are in use",
                "Azure Backup / Azure Storage names resolved to private IP addresses (a private endpoint or a private DNS zone). Then what matters are the vault's own FQDNs (<vaultId>-ab-pod01-<svc>.privatelink.<geo>.backup.windowsazure.com, ...), not the public FQDNs the script checks.",
                &[
                    "Check the vault's own FQDNs with the private-endpoint procedure.",
                    "Microsoft Entra ID has no private endpoints: allow it separately.",
                ],
            ),
            &[LINK_PE, LINK_PE_CHECK],
        ),
        F::NcMissing => (
            (
                "nc が無いか -z に対応していないため TCP を確認できていません",
                "nc コマンドがインストールされていないか、-z オプションに対応していない (Ncat 6.40 など) ため、TCP の確認は実行されていません。ネットワークの問題ではありません。",
                &[
                    "nc が無い場合は、インストールしてからスクリプトを再実行してください (例: sudo yum install nmap-ncat / sudo apt install netcat-openbsd / sudo zypper install netcat-openbsd)。",
                    "「invalid option -- 'z'」と出る場合、nc は入っていますが古い版です (RHEL / CentOS 7 の nmap-ncat は Ncat 6.40 で、yum で入れ直しても同じ版です)。nmap.org の新しい Ncat を入れるか、TCP の確認は省いて curl の結果で判断してください。",
                ],
            ),
            (
                "nc is missing or cannot do -z, so TCP was not checked",
                "The nc command is not installed or cannot do -z (Ncat 6.40, for example), so the TCP checks did not run. This is not a network problem.",
                &[
                    "If nc is missing, install it and run the script again (e.g. sudo yum install nmap-ncat, sudo apt install netcat-openbsd, sudo zypper install netcat-openbsd).",
                    "If it printed \"invalid option -- 'z'\", nc is there but too old (RHEL / CentOS 7's nmap-ncat is Ncat 6.40, and reinstalling it with yum gives the same version). Install a newer Ncat from nmap.org, or leave out the TCP checks and judge by curl's results.",
                ],
            ),
            &[LINK_READING],
        ),
        F::CurlMissing => (
            (
                "curl が無いため HTTPS を確認できていません",
                "curl コマンドがインストールされていないため、HTTPS の確認は実行されていません。ネットワークの問題ではありません。",
                &["curl をインストールしてからスクリプトを再実行してください。"],
            ),
            (
                "curl is missing, so HTTPS was not checked",
                "The curl command is not installed, so the HTTPS checks did not run. This is not a network problem.",
                &["Install curl and run the script again."],
            ),
            &[LINK_READING],
        ),
        F::NslookupMissing => (
            (
                "nslookup が無いため名前解決を確認できていません",
                "nslookup コマンドがインストールされていないため、名前解決の確認は実行されていません。ネットワークの問題ではありません。",
                &["bind-utils (RHEL 系) または dnsutils (Ubuntu / Debian) をインストールしてからスクリプトを再実行してください。"],
            ),
            (
                "nslookup is missing, so DNS was not checked",
                "The nslookup command is not installed, so the DNS checks did not run. This is not a network problem.",
                &["Install bind-utils (RHEL family) or dnsutils (Ubuntu, Debian) and run the script again."],
            ),
            &[LINK_READING],
        ),
        F::UnrecognizedOutput => (
            (
                "読み取れない出力があります",
                "nwcheck が知らない形式の出力がありました。推測はせず「不明」としています。",
                &[
                    "該当ブロックの生ログを確認してください。",
                    "サポートへのお問い合わせには、ログを添付してください。",
                ],
            ),
            (
                "Some output was not understood",
                "Some output is in a form nwcheck does not know. It is shown as unknown, never guessed.",
                &["Read the raw lines of those blocks.", "Attach the log when you contact support."],
            ),
            &[LINK_READING],
        ),
        F::ProxyGatewayError => (
            (
                "プロキシまたはゲートウェイがエラー (502/503/504) を返しました",
                "HTTPS の要求にプロキシ (またはゲートウェイ) が 502・503・504 で答えました。プロキシ自身が宛先に接続できなかったことを示し、宛先からの応答ではありません。",
                &[
                    "プロキシのログで、この宛先への接続が拒否・タイムアウトしていないか確認してください。",
                    "プロキシから外部への通信 (ファイアウォール、プロキシの許可リスト) でこの FQDN が許可されているか確認してください。",
                ],
            ),
            (
                "The proxy or gateway answered with an error (502/503/504)",
                "A proxy (or gateway) answered the HTTPS request with 502, 503 or 504: it could not reach the destination itself. The answer did not come from the destination.",
                &[
                    "Check the proxy's log for refused or timed-out connections to this destination.",
                    "Check that the proxy's own way out (firewalls, the proxy's allow list) allows this FQDN.",
                ],
            ),
            &[LINK_MARS_URLS],
        ),
        F::TrafficIntercepted => (
            (
                "宛先ではない機器が応答しています",
                "HTTPS の要求に、Azure ではなく途中のプロキシやセキュリティ機器 (またはキャプティブ ポータル) のページが返されました。宛先には届いていません。",
                &["応答したプロキシやセキュリティ機器で、この FQDN への通信が許可されているか確認してください。"],
            ),
            (
                "Something other than the destination answered",
                "The HTTPS request was answered by a proxy, security appliance or captive portal on the way, not by Azure: the destination was not reached.",
                &["Check that the proxy or appliance that answered allows this FQDN."],
            ),
            &[LINK_MARS_URLS],
        ),
        F::ProxySystemUntested => (
            (
                "MARS エージェントのプロキシ (SYSTEM) は確認されていません",
                "MARS エージェントと SQL Server / SAP HANA のワークロード バックアップのコーディネーターは、NT Authority\\System のインターネット オプション (WinINet) のプロキシ設定で通信します。このログの Invoke-WebRequest はスクリプトを実行したユーザーのプロキシ設定で、Test-NetConnection はプロキシを使わずに通信しているため、SYSTEM の経路は確認されていません。両者のプロキシ設定が異なります (詳細を参照)。",
                &[
                    "意図した設定か確認してください。SYSTEM にもプロキシが必要な場合は、管理者として PsExec64.exe -i -s cmd.exe を起動し、そのコマンド プロンプトで inetcpl.cpl を開いて [接続] > [LAN の設定] にプロキシを設定してください。",
                    "MARS エージェントの場合は、Microsoft Azure Backup コンソールの [プロパティの変更] > [プロキシの構成] でもプロキシを設定できます (MARS エージェントで使える認証付きプロキシはこの設定だけです)。",
                    "設定後にスクリプトを再実行し、SYSTEM の欄が意図したプロキシになっていることを確認してください。",
                ],
            ),
            (
                "The MARS agent's proxy (SYSTEM) was not tested",
                "The MARS agent and the SQL Server / SAP HANA workload backup coordinator connect with the Internet Options (WinINet) proxy of NT Authority\\System. In this log Invoke-WebRequest used the proxy of the user who ran the script and Test-NetConnection used no proxy, so SYSTEM's path was not tested, and the two settings differ (see the details).",
                &[
                    "Check that this is intended. If SYSTEM needs the proxy too, start PsExec64.exe -i -s cmd.exe as an administrator, open inetcpl.cpl from that command prompt, and set the proxy under Connections > LAN settings.",
                    "For the MARS agent, the proxy can also be set in the Microsoft Azure Backup console under Change Properties > Proxy Configuration (the only place where the MARS agent takes an authenticated proxy).",
                    "Run the script again and check that SYSTEM's block shows the intended proxy.",
                ],
            ),
            &[LINK_PSEXEC, LINK_MARS_URLS, LINK_READING_WINDOWS],
        ),
        F::ProxyPluginUntested => (
            (
                "ワークロード バックアップ プラグインのプロキシは確認されていません",
                "SQL Server / SAP HANA のワークロード バックアップのプラグイン (AzureWLBackupPluginSvc) は、サービス アカウント NT Service\\AzureWLBackupPluginSvc のプロキシ設定で通信します。その設定がスクリプトを実行したユーザーのもの (このログで確認された経路) と異なるか、設定されていません。",
                &[
                    "SQL Server / SAP HANA のバックアップを使う場合は、サポート ブログで公開されている SetProxyforAzureWLBackupPluginSvcfromCurrentUser.ps1 で、現在のユーザーのプロキシ設定をプラグインのアカウントにコピーしてください。",
                    "設定後にスクリプトを再実行し、プラグインの欄を確認してください。",
                ],
            ),
            (
                "The workload backup plugin's proxy was not tested",
                "The SQL Server / SAP HANA workload backup plugin (AzureWLBackupPluginSvc) connects with the proxy of its service account NT Service\\AzureWLBackupPluginSvc. That setting differs from the script user's (the path this log tested), or is not set.",
                &[
                    "If you back up SQL Server or SAP HANA, copy the current user's proxy to the plugin's account with SetProxyforAzureWLBackupPluginSvcfromCurrentUser.ps1, published on the support blog.",
                    "Run the script again and check the plugin's block.",
                ],
            ),
            &[LINK_SQL_PROXY, LINK_SQL_NETWORK],
        ),
        F::ProxyWinhttpUntested => (
            (
                "WinHTTP のプロキシは確認されていません",
                "Azure VM エージェントと拡張機能 (Azure VM のバックアップの拡張機能を含む) は WinHTTP のプロキシ設定で通信します。その設定が、このログで確認された経路 (スクリプトを実行したユーザーのプロキシ設定) と異なります。",
                &[
                    "WinHTTP にプロキシが必要な場合は、管理者のコマンド プロンプトで netsh winhttp set proxy proxy-server=\"<ホスト>:<ポート>\" bypass-list=\"<local>;168.63.129.16;169.254.169.254\" を実行してください (netsh winhttp import proxy source=ie で現在のユーザーの設定をコピーすることもできます)。",
                    "168.63.129.16 と 169.254.169.254 はプロキシを経由させないでください。",
                    "netsh winhttp show proxy で設定を確認してください。",
                ],
            ),
            (
                "The WinHTTP proxy was not tested",
                "The Azure VM agent and extensions (the Azure VM backup extension among them) connect with the WinHTTP proxy. That setting differs from the path this log tested (the script user's proxy).",
                &[
                    "If WinHTTP needs the proxy, run netsh winhttp set proxy proxy-server=\"<host>:<port>\" bypass-list=\"<local>;168.63.129.16;169.254.169.254\" in an administrator command prompt (netsh winhttp import proxy source=ie copies the current user's setting).",
                    "Never send 168.63.129.16 and 169.254.169.254 through the proxy.",
                    "Check the result with netsh winhttp show proxy.",
                ],
            ),
            &[LINK_NETSH_WINHTTP, LINK_WIRESERVER],
        ),
        F::ProxySiteRecoveryUntested => (
            (
                "Site Recovery のモビリティ サービスのプロキシは確認されていません",
                "Site Recovery のモビリティ サービスは ProxyInfo.conf があればそのプロキシで通信します。その設定が、このログで確認された経路 (スクリプトを実行したユーザーのプロキシ設定、または http_proxy) と異なります。",
                &[
                    "ProxyInfo.conf の Address と Port が正しいプロキシを指しているか確認してください。Site Recovery は認証付きプロキシに対応していません。",
                    "そのプロキシ経由で各宛先に接続できるか、Invoke-WebRequest -Proxy (Linux では curl -I --proxy) で確認してください。",
                ],
            ),
            (
                "The Site Recovery Mobility service's proxy was not tested",
                "The Site Recovery Mobility service connects through the proxy in ProxyInfo.conf when the file exists. That proxy differs from the path this log tested (the script user's proxy, or http_proxy).",
                &[
                    "Check that Address and Port in ProxyInfo.conf point to the right proxy. Site Recovery does not support authenticated proxies.",
                    "Test the destinations through that proxy with Invoke-WebRequest -Proxy (curl -I --proxy on Linux).",
                ],
            ),
            &[LINK_ASR_ERRORS, LINK_ASR],
        ),
        F::ProxyPerMachine => (
            (
                "プロキシはコンピューター単位の設定です (ログに出ていません)",
                "ProxySettingsPerUser が 0 のため、すべてのアカウントが HKLM のプロキシ設定を使います。スクリプトはその設定を出力しないため、ログのユーザーごとの欄は実際の設定と異なる場合があります。",
                &["HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings のプロキシ設定 (ProxyEnable、ProxyServer) を確認してください。"],
            ),
            (
                "The proxy is set per machine (not in the log)",
                "ProxySettingsPerUser is 0, so every account uses the proxy settings under HKLM, which the script does not print: the per-user blocks of the log may not be what is used.",
                &["Check the proxy settings (ProxyEnable, ProxyServer) under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings."],
            ),
            &[LINK_READING_WINDOWS],
        ),
        F::ProxyAutoConfig => (
            (
                "プロキシの自動検出または自動構成スクリプトが有効です",
                "インターネット オプションで「設定を自動的に検出する」または自動構成スクリプト (PAC) が有効です。実際に使われるプロキシは WPAD や PAC で決まり、ログの ProxyServer には出ません。",
                &["実際に使われるプロキシを PAC ファイルやネットワーク管理者に確認してください。自動検出が不要なら無効にしてください。"],
            ),
            (
                "Proxy auto-detection or a PAC script is on",
                "Internet Options has \"Automatically detect settings\" or an automatic configuration script (PAC) on: the proxy actually used comes from WPAD or the PAC file and is not in the log's ProxyServer.",
                &["Check which proxy the PAC file or your network team gives. Turn auto-detection off if it is not needed."],
            ),
            &[LINK_READING_WINDOWS],
        ),
        F::Tls12Disabled => (
            (
                "TLS 1.2 のクライアントが無効です",
                "SCHANNEL の TLS 1.2\\Client で Enabled が 0、または DisabledByDefault が 1 になっています。Azure Backup と Site Recovery は TLS 1.2 が必要なため、HTTPS の通信が「SSL/TLS のセキュリティで保護されているチャネルを作成できませんでした」などで失敗します。",
                &[
                    "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client の Enabled を 1、DisabledByDefault を 0 にして再起動してください。",
                    ".NET Framework も TLS 1.2 を使うよう、HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 (と Wow6432Node) の SchUseStrongCrypto と SystemDefaultTlsVersions を 1 にしてください。",
                ],
            ),
            (
                "TLS 1.2 is turned off for clients",
                "SCHANNEL's TLS 1.2\\Client has Enabled 0 or DisabledByDefault 1. Azure Backup and Site Recovery need TLS 1.2, so HTTPS fails (\"Could not create SSL/TLS secure channel\" and kin).",
                &[
                    "Set Enabled to 1 and DisabledByDefault to 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client, then restart.",
                    "Make .NET Framework use TLS 1.2 too: SchUseStrongCrypto and SystemDefaultTlsVersions = 1 under HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319 (and Wow6432Node).",
                ],
            ),
            &[LINK_TLS],
        ),
        F::RegionSpecificFqdn => (
            (
                "確認した FQDN はリージョンの一例です",
                "スクリプトは一部のリージョンの FQDN だけを確認しています (既定では東日本 (jpe)・西日本 (jpw)。どのリージョンかは各 FQDN の geo コードでわかります)。実際に通信が必要な FQDN は、Recovery Services コンテナーのリージョンによって変わります。また、確認対象の FQDN は予告なく変更される場合があります。",
                &["コンテナーのリージョンの geo コードに対応する FQDN (pod01-*.<geo>.backup.windowsazure.com) への通信も確認してください。"],
            ),
            (
                "The checked FQDNs are regional examples",
                "The script checks the FQDNs of a few regions only (by default Japan East (jpe) and Japan West (jpw); the geo code in each name tells which). The FQDNs that matter depend on the Recovery Services vault's region, and may change without notice.",
                &["Also check the FQDNs for your vault's region geo code (pod01-*.<geo>.backup.windowsazure.com)."],
            ),
            &[LINK_GEO, LINK_MARS_URLS],
        ),
    }
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
            "Windows の出力 (PowerShell) のようですが、確認の結果を読み取れませんでした。Windows 版スクリプトの #TRY!! の行も、PowerShell のプロンプト (PS C:\\>) で実行したコマンドもありません。スクリプトのログ (AzureBackup_Check_NW_*.log、ASR_Check_NW_*.log) を編集せずに選ぶか、プロンプトの行ごとコピーしてください。".to_string()
        }
        (NotALogCause::WindowsLog, Lang::En) => {
            "This looks like Windows (PowerShell) output, but no check could be read from it: it has neither the Windows scripts' #TRY!! lines nor commands at a PowerShell prompt (PS C:\\>). Choose the script's log (AzureBackup_Check_NW_*.log, ASR_Check_NW_*.log) as it is, or copy the commands with their prompts.".to_string()
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

/// A short label for a status.
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Ok => "OK",
        Status::Failed => lang.pick("失敗", "failed"),
        Status::NotRun => lang.pick("未実行", "not run"),
        Status::Unknown => lang.pick("不明", "unknown"),
    }
}

/// An icon for a status (always shown next to words, never alone).
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Ok => "✔",
        Status::Failed => "✘",
        Status::NotRun => "–",
        Status::Unknown => "?",
    }
}

/// A short label for a reason.
pub fn reason_label(reason: Reason, lang: Lang) -> &'static str {
    use Reason as R;
    match reason {
        R::Resolved => lang.pick("名前解決 OK", "resolved"),
        R::Nxdomain => lang.pick("存在しない名前 (NXDOMAIN)", "no such name (NXDOMAIN)"),
        R::Servfail => lang.pick("DNS サーバー エラー (SERVFAIL)", "server failure (SERVFAIL)"),
        R::NoAnswer => lang.pick("アドレスなし", "no address"),
        R::Connected => lang.pick("接続 OK", "connected"),
        R::Unreachable => lang.pick("到達不能", "unreachable"),
        R::Unsupported => lang.pick("nc が -z 非対応", "nc cannot do -z"),
        R::HttpResponse => lang.pick("HTTP 応答あり", "HTTP answer"),
        R::ConnectFailed => lang.pick("接続失敗", "connection failed"),
        R::ProxyUnresolved => lang.pick("プロキシ名を解決できない", "proxy name not resolved"),
        R::ProxyAuthRequired => lang.pick("プロキシ認証が必要 (407)", "proxy wants credentials (407)"),
        R::ProxyDenied => lang.pick("プロキシが拒否", "refused by the proxy"),
        R::TlsUntrusted => lang.pick("証明書が信頼されない", "certificate not trusted"),
        R::TlsFailed => lang.pick("TLS ハンドシェイク失敗", "TLS handshake failed"),
        R::EmptyReply => lang.pick("空の応答", "empty reply"),
        R::RecvFailure => lang.pick("受信エラー (リセット)", "receive failure (reset)"),
        R::TlsNameMismatch => {
            lang.pick("IP アドレス宛て: 証明書の名前不一致 (到達)", "IP address: certificate name mismatch (reached)")
        }
        R::GatewayError => {
            lang.pick("プロキシ/ゲートウェイのエラー (502/503/504)", "proxy or gateway error (502/503/504)")
        }
        R::Intercepted => lang.pick("宛先以外からの応答", "answer not from the destination"),
        R::Timeout => lang.pick("タイムアウト", "timed out"),
        R::Refused => lang.pick("拒否された", "refused"),
        R::Unresolved => lang.pick("名前解決できない", "name not resolved"),
        R::NotInstalled => lang.pick("コマンドが無い", "tool not installed"),
        R::Interrupted => lang.pick("途中で中断", "cut off"),
        R::Unrecognized => lang.pick("読み取れない出力", "output not understood"),
    }
}

/// The name of a check kind as a column heading.
pub fn kind_label(kind: CheckKind, lang: Lang) -> &'static str {
    match kind {
        CheckKind::Dns => "DNS",
        CheckKind::Tcp => "TCP",
        CheckKind::Https => "HTTPS",
        CheckKind::Other => lang.pick("その他", "other"),
    }
}

/// The name of a service.
pub fn service_label(service: Service, lang: Lang) -> &'static str {
    match service {
        Service::FileRecovery => lang.pick("ファイルの回復", "File recovery"),
        Service::Backup => "Azure Backup",
        Service::Storage => "Azure Storage",
        Service::EntraId => "Microsoft Entra ID",
        Service::SiteRecovery => "Azure Site Recovery",
        Service::Other => lang.pick("その他の宛先", "Other destinations"),
    }
}

/// The encoding a log was read in, as people name it.
pub fn encoding_label(encoding: Encoding, lang: Lang) -> &'static str {
    match encoding {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => lang.pick("UTF-8 (BOM 付き)", "UTF-8 with BOM"),
        Encoding::Utf16Le => "UTF-16LE",
        Encoding::Utf16Be => "UTF-16BE",
        Encoding::ShiftJis => "Shift_JIS (CP932)",
        Encoding::Binary => lang.pick("バイナリ", "binary"),
        Encoding::Empty => lang.pick("空", "empty"),
    }
}

/// What kind of log it is, in words.
pub fn format_label(format: Format, lang: Lang) -> &'static str {
    match format {
        Format::LinuxBackup => {
            lang.pick("Linux 用 Azure Backup 確認スクリプトのログ", "Linux Azure Backup check script")
        }
        Format::LinuxAsr => {
            lang.pick("Linux 用 Azure Site Recovery 確認スクリプトのログ", "Linux Azure Site Recovery check script")
        }
        Format::WindowsBackup => {
            lang.pick("Windows 用 Azure Backup 確認スクリプトのログ", "Windows Azure Backup check script")
        }
        Format::WindowsAsr => {
            lang.pick("Windows 用 Azure Site Recovery 確認スクリプトのログ", "Windows Azure Site Recovery check script")
        }
        Format::Transcript => lang.pick("手で実行したコマンドの記録", "commands typed by hand"),
        Format::NotALog => lang.pick("疎通確認のログではありません", "not a network-check log"),
    }
}

/// A service's state in words.
pub fn service_status_label(status: ServiceStatus, lang: Lang) -> &'static str {
    match status {
        ServiceStatus::Ok => lang.pick("問題なし", "OK"),
        ServiceStatus::Problems => lang.pick("問題あり", "problems"),
        ServiceStatus::Inconclusive => lang.pick("判断できない", "inconclusive"),
        ServiceStatus::NotChecked => lang.pick("未確認", "not checked"),
    }
}

/// A finding's severity in words.
pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("エラー", "error"),
        Severity::Warning => lang.pick("注意", "warning"),
        Severity::Info => lang.pick("情報", "info"),
    }
}

/// The headline for the whole log.
pub fn overall_label(overall: Overall, lang: Lang) -> &'static str {
    match overall {
        Overall::Ok => lang.pick("すべての宛先に届いています", "All destinations are reachable"),
        Overall::Problems => lang.pick("通信に問題があります", "There are network problems"),
        Overall::Inconclusive => lang.pick("判断できない結果があります", "Some results are inconclusive"),
        Overall::NotALog => lang.pick("ネットワーク確認ログではありません", "This is not a network-check log"),
    }
}

/// The region's display name in `lang` and its geo code (`東日本 (jpe)`,
/// `Japan East (jpe)`), for a check's region name.
pub fn region_label(region: &str, lang: Lang) -> String {
    match knowledge::region_by_name(region) {
        Some(r) => format!("{} ({})", lang.pick(r.display_ja, r.display), r.code),
        None => region.to_string(),
    }
}

/// One destination of a service: its checks by kind, as indexes into
/// `report.checks`, in log order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub fqdn: Rc<str>,
    pub region: Option<Rc<str>>,
    pub dns: Vec<usize>,
    pub tcp: Vec<usize>,
    pub https: Vec<usize>,
    pub other: Vec<usize>,
}

impl Destination {
    /// The checks of one kind.
    pub fn of_kind(&self, kind: CheckKind) -> &[usize] {
        match kind {
            CheckKind::Dns => &self.dns,
            CheckKind::Tcp => &self.tcp,
            CheckKind::Https => &self.https,
            CheckKind::Other => &self.other,
        }
    }
}

/// The destinations of every service ([`Service::ALL`] order; see
/// [`Service::index`]), each in the order the log first tests them. One
/// pass over the checks: a large report's checks are read once, not once
/// per service.
pub fn destinations_of_all(report: &Report) -> Vec<Vec<Destination>> {
    /// A service's destinations being gathered.
    #[derive(Default)]
    struct Gathering<'r> {
        out: Vec<Destination>,
        index: crate::analyzer::fasthash::FastMap<&'r str, usize>,
        /// A destination's checks usually come one after another (DNS,
        /// TCP, HTTPS): the last one found is tried before the table.
        last: Option<(&'r str, usize)>,
    }
    let mut all: Vec<Gathering> = Service::ALL.iter().map(|_| Gathering::default()).collect();
    for (i, c) in report.checks.iter().enumerate() {
        let g = &mut all[c.service.index()];
        let known = match g.last {
            Some((name, at)) if name == &*c.fqdn => Some(at),
            _ => g.index.get(&*c.fqdn).copied(),
        };
        let at = match known {
            Some(at) => at,
            None => {
                g.index.insert(&c.fqdn, g.out.len());
                g.out.push(Destination {
                    fqdn: c.fqdn.clone(),
                    region: c.region.clone(),
                    dns: Vec::new(),
                    tcp: Vec::new(),
                    https: Vec::new(),
                    other: Vec::new(),
                });
                g.out.len() - 1
            }
        };
        g.last = Some((&c.fqdn, at));
        let d = &mut g.out[at];
        match c.kind {
            CheckKind::Dns => d.dns.push(i),
            CheckKind::Tcp => d.tcp.push(i),
            CheckKind::Https => d.https.push(i),
            CheckKind::Other => d.other.push(i),
        }
    }
    all.into_iter().map(|g| g.out).collect()
}

/// One check in a few words: `✘ 3260 timed out`, `✔ 404`.
pub fn check_cell(check: &Check, lang: Lang) -> String {
    let mut s = String::from(status_mark(check.status));
    s.push(' ');
    if check.kind == CheckKind::Tcp {
        if let Some(p) = check.port {
            let _ = write!(s, "{p} ");
        }
    }
    match (check.reason, check.http_status) {
        (Reason::HttpResponse, Some(code)) => {
            let _ = write!(s, "HTTP {code}");
        }
        _ => s.push_str(reason_label(check.reason, lang)),
    }
    s
}

/// How the summary is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Markdown (headings, tables) instead of plain text.
    pub markdown: bool,
    /// ANSI colours, for a terminal.
    pub color: bool,
}

fn paint(text: &str, status: Status, style: Style) -> String {
    if !style.color {
        return text.to_string();
    }
    let code = match status {
        Status::Ok => "32",
        Status::Failed => "31",
        Status::NotRun | Status::Unknown => "33",
    };
    format!("\u{1b}[{code}m{text}\u{1b}[0m")
}

fn cells(report: &Report, idx: &[usize], lang: Lang, style: Style) -> String {
    if idx.is_empty() {
        return "-".to_string();
    }
    idx.iter()
        .map(|&i| paint(&check_cell(&report.checks[i], lang), report.checks[i].status, style))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report as text for a person or a support ticket: verdict, machine,
/// a line per destination grouped by service, then the findings with what
/// to do. Proxy passwords are already masked in the report.
pub fn summary(report: &Report, lang: Lang, style: Style) -> String {
    without_controls(summary_of(report, lang, style))
}

/// `text` without control characters (but line breaks and tabs) and
/// escape sequences other than the summary's own colours (`ESC [ 1;31 m`):
/// a log's text or file name must not move a terminal's cursor, set its
/// title or ring its bell.
fn without_controls(text: String) -> String {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some((at, c)) = rest.char_indices().find(|&(_, c)| unsafe_char(c)) {
        out.push_str(&rest[..at]);
        let after = &rest[at + c.len_utf8()..];
        // A colour code: ESC, `[`, digits and `;`, `m`.
        let colour = (c == '\u{1b}')
            .then(|| after.strip_prefix('['))
            .flatten()
            .and_then(|p| p.find(|ch: char| !(ch.is_ascii_digit() || ch == ';')).map(|n| (p, n)))
            .filter(|(p, n)| p[*n..].starts_with('m'))
            .map(|(_, n)| n + 2);
        match colour {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &after[len..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

fn summary_of(report: &Report, lang: Lang, style: Style) -> String {
    let mut s = String::new();
    let md = style.markdown;
    let title = report.source.as_deref().map(|p| p.rsplit(['/', '\\']).next().unwrap_or(p)).unwrap_or("-");
    if md {
        let _ = writeln!(s, "## nwcheck: {}\n", md_escape(title));
        let _ = writeln!(s, "**{}**\n", overall_label(report.overall, lang));
    } else {
        let _ = writeln!(s, "nwcheck: {title}");
        let _ = writeln!(s, "{}: {}", lang.pick("判定", "Verdict"), overall_label(report.overall, lang));
    }
    if report.overall == Overall::NotALog {
        if let Some(f) = report.findings.first() {
            if let Some(cause) = f.cause {
                let _ = writeln!(s, "{}", not_a_log_message(cause, f.detail.as_deref(), lang));
            }
        }
        return s;
    }

    let none = lang.pick("なし", "none");
    let facts = [
        (lang.pick("ホスト", "Host"), report.host.clone()),
        (lang.pick("実行日時", "Run at"), report.run_at.clone()),
        ("OS", report.machine.os.clone()),
        (lang.pick("DNS サーバー", "DNS server"), report.machine.dns_server.clone()),
        ("http_proxy", Some(report.proxy.http_proxy.clone().unwrap_or_else(|| none.to_string()))),
        ("https_proxy", Some(report.proxy.https_proxy.clone().unwrap_or_else(|| none.to_string()))),
    ];
    for (label, value) in facts {
        if let Some(v) = value {
            if md {
                let _ = writeln!(s, "- {label}: `{}`", v.replace('`', "'"));
            } else {
                let _ = writeln!(s, "{label}: {v}");
            }
        }
    }
    if report.truncated {
        let _ = writeln!(
            s,
            "{}",
            lang.pick("※ ログは途中で終わっています。", "Note: the log ends in the middle of the run.")
        );
    }

    let mut by_service = destinations_of_all(report);
    for summary in &report.services {
        if summary.status == ServiceStatus::NotChecked {
            continue;
        }
        let label = service_label(summary.service, lang);
        let state = service_status_label(summary.status, lang);
        if md {
            let _ = writeln!(s, "\n### {label}: {state}\n");
            let _ = writeln!(s, "| FQDN | {} | DNS | TCP | HTTPS |", lang.pick("リージョン", "Region"));
            let _ = writeln!(s, "| --- | --- | --- | --- | --- |");
        } else {
            let _ = writeln!(s, "\n[{label}] {state}");
        }
        for d in std::mem::take(&mut by_service[summary.service.index()]) {
            let region = d.region.as_deref().map(|r| region_label(r, lang));
            let dns = cells(report, &d.dns, lang, style);
            let tcp = cells(report, &d.tcp, lang, style);
            let mut https = cells(report, &d.https, lang, style);
            if !d.other.is_empty() {
                https = format!("{https}; {}", cells(report, &d.other, lang, style));
            }
            if md {
                let region = region.unwrap_or_else(|| "-".to_string());
                let _ = writeln!(s, "| {} | {region} | {dns} | {tcp} | {https} |", md_escape(&d.fqdn));
            } else {
                match region {
                    Some(region) => {
                        let _ = writeln!(s, "  {}  ({region})", d.fqdn);
                    }
                    None => {
                        let _ = writeln!(s, "  {}", d.fqdn);
                    }
                }
                let _ = writeln!(s, "      DNS: {dns} | TCP: {tcp} | HTTPS: {https}");
            }
        }
    }

    let shown: Vec<&Finding> = report.findings.iter().collect();
    if !shown.is_empty() {
        let heading = lang.pick("所見", "Findings");
        if md {
            let _ = writeln!(s, "\n### {heading}\n");
        } else {
            let _ = writeln!(s, "\n{heading}:");
        }
        for f in shown {
            let t = finding(f.id, lang);
            let next = next_steps(report, f, lang);
            let sev = severity_label(f.severity, lang);
            let lines = if f.lines[0] > 0 {
                format!(" ({} {}-{})", lang.pick("行", "lines"), f.lines[0], f.lines[1])
            } else {
                String::new()
            };
            let concerned = concerned(f, lang);
            if md {
                let _ = writeln!(s, "- **[{sev}] {}**{lines}: {}", t.title, t.what);
                if let Some(c) = &concerned {
                    let _ = writeln!(s, "  - {}", md_escape(c));
                }
                for n in &next {
                    let _ = writeln!(s, "  - {n}");
                }
            } else {
                let _ = writeln!(s, "  [{sev}] {}{lines}", t.title);
                if let Some(c) = &concerned {
                    let _ = writeln!(s, "      {c}");
                }
                let _ = writeln!(s, "      {}", t.what);
                for n in &next {
                    let _ = writeln!(s, "      → {n}");
                }
            }
        }
    }
    s
}

/// "Destinations: a, b, c and 4 more", for a finding about several.
pub fn concerned(f: &Finding, lang: Lang) -> Option<String> {
    const SHOWN: usize = 4;
    if f.fqdns.is_empty() {
        // The settings a finding compares (whose proxy, the TLS keys).
        return f
            .detail
            .as_ref()
            .filter(|_| f.id != FindingId::NotALog)
            .map(|d| format!("{}: {d}", lang.pick("設定", "Settings")));
    }
    let mut list = f.fqdns.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if f.fqdns.len() > SHOWN {
        let more = f.fqdns.len() - SHOWN;
        list.push_str(&lang.pick(format!(" ほか {more} 件"), format!(" and {more} more")));
    }
    Some(format!("{}: {list}", lang.pick("対象", "Destinations")))
}

/// Log text as Markdown text: every character that could start markup
/// (emphasis, a link or image, a table cell, code, HTML) is escaped.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_makes_no_markup_and_moves_no_cursor() {
        assert_eq!(
            md_escape("[x](javascript:a) ![i](http://e/x.png) <b> `c` a|b"),
            "\\[x\\]\\(javascript:a\\) \\!\\[i\\]\\(http://e/x.png\\) &lt;b&gt; \\`c\\` a\\|b"
        );
        let dirty = "a\u{7}b\u{8}c\rd\u{9b}2Je\u{1b}]0;title\u{7}f \u{1b}[1;31mred\u{1b}[0m\n\tg".to_string();
        assert_eq!(without_controls(dirty), "abcd2Je]0;titlef \u{1b}[1;31mred\u{1b}[0m\n\tg");
    }

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
        for r in knowledge::REGIONS {
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
