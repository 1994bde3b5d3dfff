//! Tests of the Windows settings reader.

use super::*;

const HEAD: &str = "\u{feff}**********************\r
Windows PowerShell transcript start\r
Start time: 20241203102709\r
Username: OSAKA\\suzuki\r
Machine: OSA-FS01 (Microsoft Windows NT 10.0.20348.0)\r
PSVersion: 5.1.20348.2849\r
**********************\r
Transcript started, output file is C:\\Users\\suzuki\\AzureBackup_Check_NW_20241203_102709.log\r
-----ScriptStart----- 12/03/2024 10:27:09\r
\r
#####getInfo######\r
###hostname\r
OSA-FS01\r
###ipconfig\r
\r
Windows IP 構成\r
\r
\r
イーサネット アダプター イーサネット:\r
\r
   接続固有の DNS サフィックス . . . . .: osaka.example.co.jp\r
   リンクローカル IPv6 アドレス. . . . .: fe80::c337:8638:1868:514d%6\r
   IPv4 アドレス . . . . . . . . . . . .: 172.16.5.22\r
   サブネット マスク . . . . . . . . . .: 255.255.255.0\r
   デフォルト ゲートウェイ . . . . . . .: 172.16.5.254\r
----------\r
";

#[test]
fn head_and_japanese_ipconfig() {
    let info = read(HEAD);
    assert_eq!(info.host.as_deref(), Some("OSA-FS01"));
    assert_eq!(info.run_at.as_deref(), Some("12/03/2024 10:27:09"));
    assert_eq!(info.os.as_deref(), Some("Microsoft Windows NT 10.0.20348.0"));
    assert_eq!(info.ps_version.as_deref(), Some("5.1.20348.2849"));
    assert_eq!(info.tls12_on_by_default(), Some(true));
    assert_eq!(
        info.interfaces,
        vec![Interface {
            name: "イーサネット".into(),
            addresses: vec!["fe80::c337:8638:1868:514d%6".into(), "172.16.5.22/24".into()]
        }]
    );
}

#[test]
fn english_ipconfig() {
    let text = "###ipconfig\r\n\r\nWindows IP Configuration\r\n\r\n\r\nEthernet adapter Ethernet 2:\r\n\r\n   Connection-specific DNS Suffix  . : x.internal.cloudapp.net\r\n   IPv4 Address. . . . . . . . . . . : 10.1.0.4\r\n   Subnet Mask . . . . . . . . . . . : 255.255.254.0\r\n   Default Gateway . . . . . . . . . : 10.1.0.1\r\n----------\r\n";
    assert_eq!(
        read(text).interfaces,
        vec![Interface { name: "Ethernet 2".into(), addresses: vec!["10.1.0.4/23".into()] }]
    );
}

const BACKUP_PROXY: &str = "======================================================================\r
Proxy check\r
======================================================================\r
Listing all proxy settings\r
\n\
ProxySettingsPerUser Setting\r
ProxySettingsPerUser:\r
\n\
WinInet settings for current user (used by ILR but not supported ,not used by Azure SQL / MARS Backup)\r
ProxyEnable: 1\r
ProxyServer: 172.16.1.10:8080\r
ProxyOverride: <local>\r
DefaultConnectionSettings: F$\u{3}\u{10}172.16.1.10:8080\u{7}<local>\r
SavedLegacySettings: F$\u{3}\u{10}172.16.1.10:8080\u{7}<local>\r
\n\
WinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)\r
ProxyEnable:\r
ProxyServer:\r
ProxyOverride:\r
DefaultConnectionSettings: not found\r
SavedLegacySettings: not found\r
\n\
WinInet settings for NT Service\\AzureWLBackupPluginSv (used by Azure Workload Backup Plugin service)\r
WinInet Proxy settings not found for NT Service\\AzureWLBackupPluginSvc\r
\r
--------------------------------------------\r
##Check WinHttpProxy\r
\r
現在の WinHTTP プロキシ設定:\r
\r
    プロキシ サーバー:  172.16.1.10:8080\r
    バイパス一覧     : <local>\r
--------------------------------------------\r
======================================================================\r
Connection check Azure Backup URLs\r
";

#[test]
fn backup_proxy_blocks() {
    let info = read(BACKUP_PROXY);
    assert_eq!(info.proxy_per_user.as_deref(), Some(""));
    let user = info.wininet(Account::CurrentUser).unwrap();
    assert_eq!(user.proxy(), Some("172.16.1.10:8080"));
    assert_eq!(user.bypass.as_deref(), Some("<local>"));
    assert!(!user.automatic());
    let system = info.wininet(Account::System).unwrap();
    assert_eq!((system.enable, system.proxy()), (None, None));
    let plugin = info.wininet(Account::PluginService).unwrap();
    assert!(plugin.not_found);
    let winhttp = info.winhttp.as_ref().unwrap();
    assert_eq!(
        (winhttp.direct, winhttp.server.as_deref(), winhttp.bypass.as_deref()),
        (false, Some("172.16.1.10:8080"), Some("<local>"))
    );
    assert_eq!(info.proxy_lines, Some([1, 31]));
    assert!(!info.credentials_masked);
}

#[test]
fn english_winhttp_direct_and_auto_detect() {
    let text = "Listing all proxy settings\r\nWinInet settings for current user\r\nProxyEnable: 0\r\nProxyServer:\r\nProxyOverride:\r\nDefaultConnectionSettings: F\u{5}\t\r\nSavedLegacySettings: F\u{5}\t\r\n\r\n--------------------------------------------\r\n##Check WinHttpProxy\r\n\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n--------------------------------------------\r\n";
    let info = read(text);
    let user = info.wininet(Account::CurrentUser).unwrap();
    assert_eq!(user.enable, Some(false));
    assert!(user.auto_detect, "flags 0x09: direct + auto-detect");
    assert!(info.winhttp.as_ref().unwrap().direct);
    // The same value with its NUL bytes kept.
    assert_eq!(connection_settings("F\0\0\0\u{5}\0\0\0\u{9}\0\0\0\0\0\0\0"), (true, None));
    assert_eq!(connection_settings("F\0\0\0\u{5}\0\0\0\u{1}\0\0\0\0\0\0\0"), (false, None));
    // A manual proxy with auto-detection on (flags 0x0B), and without (0x03).
    assert_eq!(connection_settings("F$\u{b}\u{10}172.16.1.10:8080\u{7}<local>"), (true, None));
    assert_eq!(connection_settings("F$\u{3}\u{10}172.16.1.10:8080\u{7}<local>"), (false, None));
    // A PAC script.
    let pac = connection_settings("F\u{7}\u{5}\u{1d}http://myproxy.fqdn/proxy.pac");
    assert_eq!(pac.1.as_deref(), Some("http://myproxy.fqdn/proxy.pac"));
    let ja = "現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n";
    assert!(read(&format!("##Check WinHttpProxy\r\n{ja}")).winhttp.unwrap().direct);
}

#[test]
fn proxy_values_with_credentials_are_noted() {
    let raw = "Listing all proxy settings\r\nWinInet settings for NT Authority\\System (used by Azure SQL / MARS Backup)\r\nProxyEnable: 1\r\nProxyServer: http://backup:S3cret!@10.0.0.5:3128\r\nProxyOverride:\r\n##Check WinHttpProxy\r\n    Proxy Server(s) :  svc:pa55@proxy.contoso.local:8080\r\n    Bypass List     :  (none)\r\n----\r\n";
    // As the analyzer reads it: after the redaction of the whole text.
    let redacted = redact::redact(std::borrow::Cow::Borrowed(raw), true);
    assert!(redacted.masked);
    let info = read(&redacted.text);
    assert_eq!(info.wininet(Account::System).unwrap().proxy(), Some("http://backup:***@10.0.0.5:3128"));
    assert_eq!(info.winhttp.as_ref().unwrap().server.as_deref(), Some("svc:***@proxy.contoso.local:8080"));
    assert!(info.credentials_masked);
    assert!(!read("Listing all proxy settings\r\nWinInet settings for current user\r\nProxyEnable: 1\r\nProxyServer: 10.0.0.5:3128\r\n").credentials_masked);
}

#[test]
fn asr_proxy_info_conf() {
    let none = "Checking for C:\\ProgramData\\Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf\r\nFile C:\\ProgramData\\Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf does not exist.\r\n======\r\n";
    let asr = read(none).asr_proxy.unwrap();
    assert_eq!((asr.exists, asr.proxy()), (false, None));
    let some = "File Content of C:\\ProgramData\\Microsoft Azure Site Recovery\\Config\\ProxyInfo.conf :\r\n[proxy]\r\nAddress=http://1.2.3.4\r\nPort=567\r\n======================================================================\r\nConnection check ASR A2A URLs\r\n";
    let asr = read(some).asr_proxy.unwrap();
    assert_eq!((asr.exists, asr.proxy()), (true, Some("http://1.2.3.4:567".to_string())));
    let linux = "/usr/local/InMage/config/ProxyInfo.conf が見つかりました。\nファイル内容:\n[proxy]\nAddress=http://10.7.0.100\nPort=3128\n";
    assert_eq!(read(linux).asr_proxy.unwrap().proxy(), Some("http://10.7.0.100:3128".to_string()));
    let linux_none = "/usr/local/InMage/config/ProxyInfo.conf は存在しません。\n";
    assert!(!read(linux_none).asr_proxy.unwrap().exists);
}

const TLS_HEAD: &str = "===================================================================================\r
========== TLS CHECK ==========\r
Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\r
===================================================================================\r
\r
\r
\r
    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\r
\r
\r
Name                           Property\r
----                           --------\r
SSL 2.0\r
-ForegroundColor\r
Yellow\r
\r
\r
\r
    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\r
\r
\r
Name                           Property\r
----                           --------\r
Client                         DisabledByDefault : 1\r
-ForegroundColor\r
Yellow\r
\r
DisabledByDefault\r
1\r
";

#[test]
fn tls_dump_without_tls12_keys_is_the_default() {
    let info = read(TLS_HEAD);
    assert!(info.tls.dumped);
    assert_eq!((info.tls.tls12_client_enabled, info.tls.tls12_client_disabled_by_default), (None, None));
    assert!(!info.tls.tls12_client_disabled());
}

#[test]
fn tls12_client_disabled() {
    let tls12 = "\r
    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\r
\r
\r
Name                           Property\r
----                           --------\r
Client                         DisabledByDefault : 0\r
                               Enabled           : 0\r
-ForegroundColor\r
Yellow\r
\t\r
DisabledByDefault\r
0\r
\t\r
Enabled\r
0\r
-----ScriptStart Completed-----\r
";
    let info = read(&format!("{TLS_HEAD}{tls12}"));
    assert_eq!(info.tls.tls12_client_enabled, Some(0));
    assert_eq!(info.tls.tls12_client_disabled_by_default, Some(0));
    assert!(info.tls.tls12_client_disabled());
    // The script's own lines alone (the table cut away).
    let triples = "========== TLS CHECK ==========\r\n    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\r\nName                           Property\r\n----                           --------\r\nClient\r\n-ForegroundColor\r\nYellow\r\n\t\r\nDisabledByDefault\r\n1\r\n";
    let info = read(triples);
    assert_eq!(info.tls.tls12_client_disabled_by_default, Some(1));
    assert!(info.tls.tls12_client_disabled());
    // A plain listing of keys and values.
    let plain = "========== TLS CHECK ==========\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client\r\n\tEnabled 0\r\n\tDisabledByDefault 0\r\n";
    assert_eq!(read(plain).tls.tls12_client_enabled, Some(0));
}

#[test]
fn older_windows_default() {
    let info =
        WindowsInfo { os: Some("Microsoft Windows NT 6.1.7601 Service Pack 1".into()), ..WindowsInfo::default() };
    assert_eq!(info.tls12_on_by_default(), Some(false));
    let info = WindowsInfo { os: Some("Microsoft Windows 10.0.22631".into()), ..WindowsInfo::default() };
    assert_eq!(info.tls12_on_by_default(), Some(true));
}

#[test]
fn any_text_is_read_without_panic() {
    for text in [
        "",
        "\r",
        "Hive:",
        "Name Property\r\nx",
        "DefaultConnectionSettings:",
        "Listing all proxy settings\nDefaultConnectionSettings: F",
        "========== TLS CHECK ==========\nName  Property\nä",
    ] {
        let _ = read(text);
    }
}
