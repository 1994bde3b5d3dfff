//! The Windows logs as a whole: the checks their PowerShell commands make,
//! the machine part for the report, and the judgement of whose proxy each
//! Azure component uses against the path the checks tested
//! (Test-NetConnection: no proxy; Invoke-WebRequest: the current user's
//! WinINet proxy, or `-Proxy`). The layouts themselves are in
//! `format/windows*.rs`, the settings are read by `windows.rs`.

use super::machine::MachineInfo;
use super::model::*;
use super::tools::powershell::PsTool;
use super::tools::{self, invoke_webrequest, Lines, Verdict};
use super::windows::{Account, WindowsInfo};

/// What a check of a Windows command needs besides its output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The log is Windows output (a Windows script, or PowerShell prompts).
    pub windows: bool,
    /// The current user has a WinINet proxy: Invoke-WebRequest went through it.
    pub user_proxy: bool,
}

/// The check kind and verdict of a PowerShell command's block. `host` is
/// the destination, `proxied` whether the request went through a proxy
/// (the user's, or one the command named).
pub fn read_ps<'a>(tool: PsTool, output: Lines<'a>, host: &str, proxied: bool) -> (CheckKind, Option<Verdict<'a>>) {
    match tool {
        PsTool::TestNetConnection => (CheckKind::Tcp, tools::tnc::read(output)),
        PsTool::InvokeWebRequest => {
            let ctx = invoke_webrequest::Context::for_host(host, proxied);
            (CheckKind::Https, invoke_webrequest::read(output, ctx))
        }
        PsTool::ResolveDnsName => (CheckKind::Dns, tools::resolve_dnsname::read(output)),
        PsTool::Nslookup => (CheckKind::Dns, tools::nslookup_windows::read(output)),
    }
}

/// The proxy as the report gives it: the current user's WinINet proxy (the
/// one the checks used), else SYSTEM's, WinHTTP's or Site Recovery's.
pub fn machine_info(win: &WindowsInfo, source: Option<&str>) -> MachineInfo {
    let mut info = MachineInfo { host: win.host.clone(), run_at: win.run_at.clone(), ..MachineInfo::default() };
    info.machine.os = win.os.clone();
    info.machine.interfaces = win.interfaces.clone();
    info.machine.script = source.and_then(script_name);
    let used = [Account::CurrentUser, Account::System, Account::PluginService]
        .iter()
        .find_map(|&a| win.wininet(a).and_then(|w| w.proxy()).map(str::to_string))
        .or_else(|| win.winhttp.as_ref().and_then(|w| w.server.clone()))
        .or_else(|| win.asr_proxy.as_ref().and_then(|a| a.proxy()));
    if let Some(p) = used {
        let (http, https) = per_scheme(&p);
        info.proxy.http_proxy = Some(http);
        info.proxy.https_proxy = Some(https);
    }
    info.proxy.configured = info.proxy.http_proxy.is_some();
    info.proxy.credentials_in_url = win.credentials_masked;
    info.proxy.lines = win.proxy_lines.map(|[a, b]| [a + 1, b + 1]);
    info
}

/// A WinINet proxy value's proxy for http and for https: `host:port`, or
/// `http=host:port;https=host:port`.
fn per_scheme(value: &str) -> (String, String) {
    if !value.contains('=') {
        return (value.to_string(), value.to_string());
    }
    let get = |scheme: &str| {
        value.split(';').find_map(|part| {
            let (k, v) = part.split_once('=')?;
            k.trim().eq_ignore_ascii_case(scheme).then(|| v.trim().to_string())
        })
    };
    let http = get("http");
    let https = get("https").or_else(|| http.clone());
    (http.clone().or_else(|| https.clone()).unwrap_or_default(), https.unwrap_or_default())
}

/// The script's name from the log's file name, when it is one of theirs.
fn script_name(source: &str) -> Option<String> {
    let name = source.rsplit(['/', '\\']).next()?;
    if name.starts_with("AzureBackup_Check_NW_") {
        Some("Check_Backup_NW_verX.X.ps1".to_string())
    } else if name.starts_with("ASR_Check_NW_") {
        Some("Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1".to_string())
    } else {
        None
    }
}

/// A proxy value for comparing: without a scheme, spaces or case.
fn normal(p: Option<&str>) -> Option<String> {
    let p = p?.trim().to_ascii_lowercase();
    let p = p.strip_prefix("http://").or_else(|| p.strip_prefix("https://")).unwrap_or(&p);
    Some(p.trim_end_matches('/').to_string())
}

/// The "whose proxy" findings, and the TLS 1.2 one, for a Windows log.
/// `checks` are the log's checks (the Invoke-WebRequest ones are the
/// tested path through the current user's proxy).
pub fn findings(win: &WindowsInfo, checks: &[Check], format: Format) -> Vec<Finding> {
    let mut out = Vec::new();
    let lines_of = |line: usize| [line + 1, line + 1];
    let proxy_lines = win.proxy_lines.map(|[a, b]| [a + 1, b + 1]).unwrap_or([0, 0]);
    let user = win.wininet(Account::CurrentUser);
    let user_proxy = normal(user.and_then(|w| w.proxy()));
    let shown = |p: &Option<String>| p.clone().unwrap_or_else(|| "direct".to_string());
    let iwr: Vec<usize> =
        checks.iter().enumerate().filter(|(_, c)| c.kind == CheckKind::Https).map(|(i, _)| i).collect();
    let make = |id: FindingId, severity: Severity, lines: [usize; 2], detail: String| Finding {
        id,
        severity,
        lines,
        checks: iwr.clone(),
        fqdns: Vec::new(),
        cause: None,
        detail: Some(detail),
    };
    if win.proxy_per_user.as_deref() == Some("0") {
        out.push(make(
            FindingId::ProxyPerMachine,
            Severity::Warning,
            proxy_lines,
            "ProxySettingsPerUser: 0".to_string(),
        ));
    }
    if format == Format::WindowsBackup {
        if let Some(system) = win.wininet(Account::System) {
            let sys = normal(system.proxy());
            if sys != user_proxy {
                let detail = format!("NT Authority\\System: {}; current user: {}", shown(&sys), shown(&user_proxy));
                out.push(make(FindingId::ProxySystemUntested, Severity::Warning, lines_of(system.line), detail));
            }
        }
        if let Some(plugin) = win.wininet(Account::PluginService) {
            let p = normal(plugin.proxy());
            if plugin.not_found && user_proxy.is_some() {
                // Only the SQL Server / SAP HANA workload backup uses this account.
                let detail =
                    format!("NT Service\\AzureWLBackupPluginSvc: not set; current user: {}", shown(&user_proxy));
                out.push(make(FindingId::ProxyPluginUntested, Severity::Info, lines_of(plugin.line), detail));
            } else if !plugin.not_found && p != user_proxy {
                let detail =
                    format!("NT Service\\AzureWLBackupPluginSvc: {}; current user: {}", shown(&p), shown(&user_proxy));
                out.push(make(FindingId::ProxyPluginUntested, Severity::Warning, lines_of(plugin.line), detail));
            }
        }
    }
    if let Some(winhttp) = &win.winhttp {
        let w = normal(winhttp.server.as_deref());
        if (winhttp.direct || w.is_some()) && w != user_proxy {
            let detail = format!("WinHTTP: {}; current user: {}", shown(&w), shown(&user_proxy));
            out.push(make(FindingId::ProxyWinhttpUntested, Severity::Info, lines_of(winhttp.line), detail));
        }
    }
    if let Some(asr) = &win.asr_proxy {
        let conf = normal(asr.proxy().as_deref());
        if conf.is_some() && conf != user_proxy {
            let detail = format!("ProxyInfo.conf: {}; current user: {}", shown(&conf), shown(&user_proxy));
            out.push(make(FindingId::ProxySiteRecoveryUntested, Severity::Warning, lines_of(asr.line), detail));
        }
    }
    // A PAC script decides the proxy out of the log's sight. (Automatic
    // detection alone is Windows' default, on almost every machine: not
    // worth a finding by itself.)
    for w in &win.wininet {
        if let Some(pac) = w.pac_url.as_ref().filter(|_| matches!(w.account, Account::CurrentUser | Account::System)) {
            let who = if w.account == Account::System { "NT Authority\\System" } else { "current user" };
            out.push(make(FindingId::ProxyAutoConfig, Severity::Info, lines_of(w.line), format!("{who}: PAC {pac}")));
        }
    }
    // TLS 1.2 for clients: switched off by the SCHANNEL keys, or, where the
    // dump has no TLS 1.2 keys, by the Windows version's default (off
    // before Windows 8 / Server 2012, NT 6.2).
    let keys_absent = win.tls.tls12_client_enabled.is_none() && win.tls.tls12_client_disabled_by_default.is_none();
    let off_by_default = win.tls.dumped && keys_absent && win.tls12_on_by_default() == Some(false);
    if win.tls.tls12_client_disabled() || off_by_default {
        let line = win.tls.line.map(lines_of).unwrap_or([0, 0]);
        let detail = if off_by_default {
            format!("TLS 1.2\\Client: no keys; the default of {} is off", win.os.as_deref().unwrap_or("this Windows"))
        } else {
            format!(
                "TLS 1.2\\Client Enabled: {}, DisabledByDefault: {}",
                win.tls.tls12_client_enabled.map_or("-".to_string(), |v| v.to_string()),
                win.tls.tls12_client_disabled_by_default.map_or("-".to_string(), |v| v.to_string())
            )
        };
        out.push(Finding {
            id: FindingId::Tls12Disabled,
            // The HTTPS checks' own failures carry the verdict; this says why.
            severity: Severity::Warning,
            lines: line,
            checks: Vec::new(),
            fqdns: Vec::new(),
            cause: None,
            detail: Some(detail),
        });
    }
    out
}

/// The Linux Site Recovery script's `ProxyInfo.conf` (printed at the end
/// of its log) against the proxy the checks used (`http_proxy` /
/// `https_proxy`, or a proxy seen in curl's output).
pub fn linux_asr_findings(text: &str, proxy: &Proxy) -> Vec<Finding> {
    let Some(asr) = super::windows::read(text).asr_proxy else { return Vec::new() };
    let conf = normal(asr.proxy().as_deref());
    let tested = normal(proxy.https_proxy.as_deref().or(proxy.http_proxy.as_deref()));
    if conf.is_none() || conf == tested {
        return Vec::new();
    }
    let shown = |p: &Option<String>| p.clone().unwrap_or_else(|| "direct".to_string());
    vec![Finding {
        id: FindingId::ProxySiteRecoveryUntested,
        severity: Severity::Warning,
        lines: [asr.line + 1, asr.line + 1],
        checks: Vec::new(),
        fqdns: Vec::new(),
        cause: None,
        detail: Some(format!("ProxyInfo.conf: {}; http_proxy / https_proxy: {}", shown(&conf), shown(&tested))),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::windows;

    #[test]
    fn proxy_values_per_scheme() {
        assert_eq!(per_scheme("10.0.0.1:3128"), ("10.0.0.1:3128".into(), "10.0.0.1:3128".into()));
        assert_eq!(per_scheme("http=a:80;https=b:443"), ("a:80".into(), "b:443".into()));
        assert_eq!(per_scheme("https=b:443"), ("b:443".into(), "b:443".into()));
    }

    fn win(text: &str) -> WindowsInfo {
        windows::read(text)
    }

    const USER_PROXY_SYSTEM_DIRECT: &str = "Listing all proxy settings\r\nProxySettingsPerUser:\r\nWinInet settings for current user (used by ILR but not supported ,not used by Azure SQL / MARS Backup)\r\nProxyEnable: 1\r\nProxyServer: 172.16.1.10:8080\r\nProxyOverride: <local>\r\n\r\nWinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)\r\nProxyEnable:\r\nProxyServer:\r\nProxyOverride:\r\n\r\nWinInet settings for NT Service\\AzureWLBackupPluginSv (used by Azure Workload Backup Plugin service)\r\nWinInet Proxy settings not found for NT Service\\AzureWLBackupPluginSvc\r\n--------------------------------------------\r\n##Check WinHttpProxy\r\n\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n--------------------------------------------\r\n";

    #[test]
    fn whose_proxy_when_only_the_user_has_one() {
        let w = win(USER_PROXY_SYSTEM_DIRECT);
        let f = findings(&w, &[], Format::WindowsBackup);
        let ids: Vec<(FindingId, Severity)> = f.iter().map(|f| (f.id, f.severity)).collect();
        assert_eq!(
            ids,
            vec![
                (FindingId::ProxySystemUntested, Severity::Warning),
                (FindingId::ProxyPluginUntested, Severity::Info),
                (FindingId::ProxyWinhttpUntested, Severity::Info),
            ]
        );
        assert_eq!(f[0].detail.as_deref(), Some("NT Authority\\System: direct; current user: 172.16.1.10:8080"));
        assert_eq!(f[0].lines, [8, 8]);
        let info = machine_info(&w, Some("AzureBackup_Check_NW_20241203_102709.log"));
        assert!(info.proxy.configured);
        assert_eq!(info.proxy.https_proxy.as_deref(), Some("172.16.1.10:8080"));
        assert_eq!(info.machine.script.as_deref(), Some("Check_Backup_NW_verX.X.ps1"));
    }

    #[test]
    fn the_same_proxy_everywhere_is_no_finding() {
        let text = USER_PROXY_SYSTEM_DIRECT
            .replace("ProxyEnable:\r\nProxyServer:\r\n", "ProxyEnable: 1\r\nProxyServer: http://172.16.1.10:8080\r\n")
            .replace(
                "    Direct access (no proxy server).",
                "    Proxy Server(s) :  172.16.1.10:8080\r\n    Bypass List     :  <local>",
            )
            .replace(
                "WinInet Proxy settings not found for NT Service\\AzureWLBackupPluginSvc\r\n",
                "ProxyEnable: 1\r\nProxyServer: 172.16.1.10:8080\r\n",
            );
        assert_eq!(findings(&win(&text), &[], Format::WindowsBackup), Vec::new());
    }

    #[test]
    fn direct_everywhere_is_no_finding() {
        let text = "Listing all proxy settings\r\nWinInet settings for current user\r\nProxyEnable: 0\r\nProxyServer:\r\n\r\nWinInet settings for NT Authority\\System\r\nProxyEnable:\r\nProxyServer:\r\n##Check WinHttpProxy\r\n    Direct access (no proxy server).\r\n----\r\nFile C:\\ProgramData\\Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf does not exist.\r\n";
        let w = win(text);
        assert_eq!(findings(&w, &[], Format::WindowsAsr), Vec::new());
        assert!(!machine_info(&w, None).proxy.configured);
    }

    #[test]
    fn tls12_off_by_the_default_of_windows_server_2008_r2() {
        let text = "Machine: OLD-SRV (Microsoft Windows NT 6.1.7601 Service Pack 1)\r\n========== TLS CHECK ==========\r\n    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\r\nName                           Property\r\n----                           --------\r\nSSL 2.0\r\n";
        let f = findings(&win(text), &[], Format::WindowsBackup);
        assert_eq!(f.iter().map(|f| f.id).collect::<Vec<_>>(), vec![FindingId::Tls12Disabled]);
        assert_eq!(
            f[0].detail.as_deref(),
            Some("TLS 1.2\\Client: no keys; the default of Microsoft Windows NT 6.1.7601 Service Pack 1 is off")
        );
        // Windows Server 2016: on by default, nothing to say.
        let new = text.replace("6.1.7601 Service Pack 1", "10.0.14393.0");
        assert!(findings(&win(&new), &[], Format::WindowsBackup).is_empty());
    }

    #[test]
    fn linux_site_recovery_conf() {
        let text = "##TRY!! curl -I https://login.microsoftonline.com ##\nHTTP/1.1 200 OK\n/usr/local/InMage/config/ProxyInfo.conf が見つかりました。\nファイル内容:\n[proxy]\nAddress=http://10.7.0.100\nPort=3128\n";
        let direct = Proxy::default();
        let f = linux_asr_findings(text, &direct);
        assert_eq!(
            f.iter().map(|f| (f.id, f.lines)).collect::<Vec<_>>(),
            vec![(FindingId::ProxySiteRecoveryUntested, [3, 3])]
        );
        let same = Proxy { https_proxy: Some("http://10.7.0.100:3128".into()), configured: true, ..Proxy::default() };
        assert!(linux_asr_findings(text, &same).is_empty());
        assert!(linux_asr_findings("/usr/local/InMage/config/ProxyInfo.conf は存在しません。", &direct).is_empty());
    }

    #[test]
    fn site_recovery_conf_and_per_machine_and_tls() {
        let text = "Listing all proxy settings\r\nProxySettingsPerUser: 0\r\nWinInet settings for current user\r\nProxyEnable: 0\r\nProxyServer:\r\n--------\r\nFile Content of C:\\ProgramData\\Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf :\r\n[proxy]\r\nAddress=http://10.1.1.1\r\nPort=3128\r\n=====\r\n========== TLS CHECK ==========\r\n    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\r\nName                           Property\r\n----                           --------\r\nClient                         Enabled : 0\r\n";
        let ids: Vec<FindingId> = findings(&win(text), &[], Format::WindowsAsr).iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            vec![FindingId::ProxyPerMachine, FindingId::ProxySiteRecoveryUntested, FindingId::Tls12Disabled]
        );
    }
}
