//! Labels for every verdict, kind, service, encoding, format and region, in
//! Japanese and English.

use super::Lang;
use crate::analyzer::knowledge;
use crate::analyzer::model::*;

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
        R::Sinkholed => lang.pick("DNS で遮断 (0.0.0.0 / ループバック)", "blocked by DNS (0.0.0.0 / loopback)"),
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
            lang.pick("IP アドレス宛て: 証明書名の不一致 (到達)", "by IP address: certificate name differs (reached)")
        }
        R::GatewayError => lang.pick("プロキシ / ゲートウェイのエラー (502-504)", "proxy or gateway error (502-504)"),
        R::Intercepted => lang.pick("宛先以外が応答", "answered by something in the path"),
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
