//! Whole Windows logs and PowerShell sessions in shapes the golden samples
//! do not have: other failures of each check (names that do not resolve,
//! proxies that want credentials, channel errors with TLS 1.2 switched
//! off, Ctrl+C with the transcript's footer after it), SYSTEM's proxy
//! unlike the user's, passwords in proxy values, UTF-16LE files, and
//! sessions typed in Windows PowerShell 5.1 and PowerShell 7.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::{FindingId, Format, Report, Severity};
use std::path::Path;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(path).expect("sample")
}

fn analyze(text: &str) -> Report {
    nwcheck::analyze(text.as_bytes(), None).report
}

/// `kind fqdn[:port] status reason[ http]` per check.
fn verdicts(r: &Report) -> Vec<String> {
    r.checks
        .iter()
        .map(|c| {
            let port = c.port.map(|p| format!(":{p}")).unwrap_or_default();
            let http = c.http_status.map(|h| format!(" {h}")).unwrap_or_default();
            format!("{} {}{port} {} {}{http}", c.kind.id(), c.fqdn, c.status.id(), c.reason.id())
        })
        .collect()
}

fn has(r: &Report, id: FindingId) -> bool {
    r.findings.iter().any(|f| f.id == id)
}

/// The Site Recovery script's log with `blocks` as its checks.
fn asr_log(blocks: &str, ending: &str) -> String {
    let all = sample("windows/asr-en-no-cache-sa-all-reachable.log");
    let start = all.find("### Check for *.hypervrecoverymanager").expect("first section");
    let end = all.find("===================================================================================\r\n========== TLS CHECK").expect("TLS");
    format!("{}{blocks}{}{ending}", &all[..start], if ending.is_empty() { "" } else { &all[end..] })
}

const IWR_ERROR: &str = "PS>TerminatingError(Invoke-WebRequest): \"MSG\"\r\nInvoke-webRequest : MSG\r\nAt C:\\Users\\azureuser\\Downloads\\ASRNWCheck\\Check_ASR_NW_Windows_A2A_H2A_ver1.0.ps1:91 char:15\r\n+     $Invoke = Invoke-webRequest $Test_URLs\r\n+               ~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebExc\r\n   eption\r\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand\r\nResult of Invoke-webRequest  / StatusCode: / StatusDescription:\r\n";

fn iwr_block(fqdn: &str, message: &str) -> String {
    format!(
        "--------------------------------------------\r\n#TRY!! Invoke-webRequest https://{fqdn}\r\n{}",
        IWR_ERROR.replace("MSG", message)
    )
}

fn tnc_block(fqdn: &str, result: &str) -> String {
    format!(
        "--------------------------------------------\r\n#TRY!! Test-NetConnection {fqdn}  -port 443\r\n{result}\r\n"
    )
}

#[test]
fn cache_storage_account_that_does_not_resolve() {
    let fqdn = "nosuchcache01.blob.core.windows.net";
    let blocks = format!(
        "### Check for Cache Storage Account (blob.core.windows.net) ###\r\nChache Storage Account Name : nosuchcache01\r\n{}{}",
        tnc_block(fqdn, &format!("WARNING: Name resolution of {fqdn} failed\r\nResult of tnc - 443 / from  /To URL  {fqdn} IPaddress  / TcpTestSucceeded: False")),
        iwr_block(fqdn, &format!("The remote name could not be resolved: '{fqdn}'")),
    );
    let r = analyze(&asr_log(&blocks, "tls"));
    assert_eq!(r.format, Format::WindowsAsr);
    assert!(!r.truncated);
    assert_eq!(
        verdicts(&r),
        vec![format!("tcp {fqdn}:443 failed unresolved"), format!("https {fqdn}:443 failed unresolved")]
    );
    assert!(has(&r, FindingId::DnsFailure));
}

#[test]
fn every_iwr_failure_kind_in_a_script_log() {
    let cases = [
        ("The operation has timed out", "failed timeout"),
        ("The remote server returned an error: (407) Proxy Authentication Required.", "failed proxy-auth-required 407"),
        ("The underlying connection was closed: An unexpected error occurred on a send.", "failed tls-failed"),
        ("The request was aborted: Could not create SSL/TLS secure channel.", "failed tls-failed"),
        (
            "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.",
            "failed tls-untrusted",
        ),
        ("The remote server returned an error: (403) Forbidden.", "ok http-response 403"),
        (
            "The response content cannot be parsed because the Internet Explorer engine is not available, or Internet Explorer's first-launch configuration is not complete. Specify the UseBasicParsing parameter and try again.",
            "ok http-response",
        ),
    ];
    let fqdn = "login.microsoftonline.com";
    for (message, want) in cases {
        let blocks = format!("### Check for login.microsoftonline.com ###\r\n{}", iwr_block(fqdn, message));
        let r = analyze(&asr_log(&blocks, "tls"));
        assert_eq!(verdicts(&r), vec![format!("https {fqdn}:443 {want}")], "{message}");
    }
}

#[test]
fn ctrl_c_with_the_transcript_footer_after_it() {
    let blocks = format!(
        "### Check for login.microsoftonline.com ###\r\n{}--------------------------------------------\r\n#TRY!! Invoke-webRequest https://login.microsoftonline.com\r\n**********************\r\nWindows PowerShell transcript end\r\nEnd time: 20250722160500\r\n**********************\r\n",
        tnc_block("login.microsoftonline.com", "Result of tnc - 443 / from 10.9.0.4 /To URL  login.microsoftonline.com IPaddress 40.126.16.189 / TcpTestSucceeded: True"),
    );
    let r = analyze(&asr_log(&blocks, ""));
    assert!(r.truncated);
    assert_eq!(
        verdicts(&r),
        vec![
            "tcp login.microsoftonline.com:443 ok connected".to_string(),
            "https login.microsoftonline.com:443 not-run interrupted".to_string()
        ]
    );
    assert!(has(&r, FindingId::LogTruncated));
}

#[test]
fn tls12_off_explains_channel_errors() {
    let blocks = format!(
        "### Check for login.microsoftonline.com ###\r\n{}",
        iwr_block("login.microsoftonline.com", "The request was aborted: Could not create SSL/TLS secure channel.")
    );
    let tls12 = "\r\n\r\n    Hive: HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\r\n\r\n\r\nName                           Property\r\n----                           --------\r\nClient                         DisabledByDefault : 1\r\n                               Enabled           : 1\r\n-ForegroundColor\r\nYellow\r\n\t\r\nDisabledByDefault\r\n1\r\n\t\r\nEnabled\r\n1\r\n";
    let text = asr_log(&blocks, "tls")
        .replace("\r\n-----Script Completed-----", &format!("{tls12}-----Script Completed-----"));
    let r = analyze(&text);
    assert!(!r.truncated);
    let f = r.findings.iter().find(|f| f.id == FindingId::Tls12Disabled).expect("tls12-disabled");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.detail.as_deref(), Some("TLS 1.2\\Client Enabled: 1, DisabledByDefault: 1"));
}

#[test]
fn system_without_the_users_proxy_and_a_password_in_winhttp() {
    let all = sample("windows/backup-en-ws2019-all-reachable.log");
    let text = all
        .replacen(
            "ProxyEnable: 0\r\nProxyServer:\r\n",
            "ProxyEnable: 1\r\nProxyServer: proxy.contoso.local:8080\r\n",
            1,
        )
        .replace(
            "    Direct access (no proxy server).",
            "    Proxy Server(s) :  http://svc-backup:Pa55w0rd@proxy.contoso.local:8080\r\n    Bypass List     :  <local>",
        );
    let a = nwcheck::analyze(text.as_bytes(), Some("AzureBackup_Check_NW_20250210_110836.log"));
    let r = &a.report;
    assert_eq!(r.format, Format::WindowsBackup);
    assert!(r.proxy.configured && r.proxy.credentials_in_url);
    assert_eq!(r.proxy.https_proxy.as_deref(), Some("proxy.contoso.local:8080"));
    let system = r.findings.iter().find(|f| f.id == FindingId::ProxySystemUntested).expect("system");
    assert_eq!(system.detail.as_deref(), Some("NT Authority\\System: direct; current user: proxy.contoso.local:8080"));
    assert!(has(r, FindingId::ProxyWinhttpUntested) && has(r, FindingId::ProxyCredentialsInLog));
    assert!(!a.text.contains("Pa55w0rd"), "the password is masked in the text");
    assert!(serde_json::to_string(r).is_ok_and(|j| !j.contains("Pa55w0rd")));
}

#[test]
fn utf16le_transcript_gives_the_same_verdicts() {
    let text = sample("windows/asr-ja-cache-sa-storage-blocked.log");
    let utf16: Vec<u8> =
        [vec![0xff, 0xfe], text.trim_start_matches('\u{feff}').encode_utf16().flat_map(u16::to_le_bytes).collect()]
            .concat();
    let again = nwcheck::analyze(&utf16, None).report;
    let base = analyze(&text);
    assert_eq!(verdicts(&again), verdicts(&base));
    assert_eq!(again.host.as_deref(), Some("PRD-AP02"));
    assert_eq!(again.format, Format::WindowsAsr);
}

#[test]
fn typed_session_with_resolve_dnsname_and_powershell_7() {
    let session = "\
PS C:\\Users\\azureuser> Resolve-DnsName sa01.blob.core.windows.net

Name                           Type   TTL   Section    NameHost
----                           ----   ---   -------    --------
sa01.blob.core.windows.net     CNAME  60    Answer     sa01.privatelink.blob.core.windows.net

Name       : sa01.privatelink.blob.core.windows.net
QueryType  : A
TTL        : 10
Section    : Answer
IP4Address : 10.1.2.5

PS C:\\Users\\azureuser> ipconfig /flushdns

Windows IP Configuration

Successfully flushed the DNS Resolver Cache.
PS C:\\Users\\azureuser> Test-NetConnection -ComputerName sa01.blob.core.windows.net -Port 443
WARNING: TCP connect to (10.1.2.5 : 443) failed


ComputerName           : sa01.blob.core.windows.net
RemoteAddress          : 10.1.2.5
RemotePort             : 443
InterfaceAlias         : Ethernet
SourceAddress          : 10.1.0.4
PingSucceeded          : False
PingReplyDetails (RTT) : 0 ms
TcpTestSucceeded       : False

PS C:\\Users\\azureuser> iwr https://sa01.blob.core.windows.net -UseBasicParsing
Invoke-WebRequest: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (sa01.blob.core.windows.net:443)
PS C:\\Users\\azureuser> Invoke-WebRequest https://10.1.2.5
Invoke-WebRequest : The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure
channel.
At line:1 char:1
PS C:\\Users\\azureuser>
";
    let r = analyze(session);
    assert_eq!(r.format, Format::Transcript);
    assert_eq!(
        verdicts(&r),
        vec![
            "dns sa01.blob.core.windows.net ok resolved",
            "tcp sa01.blob.core.windows.net:443 failed timeout",
            "https sa01.blob.core.windows.net:443 failed timeout",
            "https 10.1.2.5:443 ok tls-name-mismatch",
        ]
    );
    assert!(r.checks[0].private_address);
    assert!(has(&r, FindingId::StorageUnreachable) && has(&r, FindingId::PrivateEndpoint));
}

#[test]
fn typed_session_through_a_proxy_that_wants_credentials() {
    let session = "\
PS C:\\> Invoke-WebRequest https://login.microsoftonline.com -Proxy http://10.0.0.10:8080
Invoke-WebRequest : リモート サーバーがエラーを返しました: (407) プロキシ認証が必要です。
発生場所 行:1 文字:1
+ Invoke-WebRequest https://login.microsoftonline.com -Proxy http://10.0.0.10:8080
PS C:\\> tnc login.microsoftonline.com -port 443
警告: TCP connect to (40.126.16.189 : 443) failed
警告: Ping to 40.126.16.189 failed with status: TimedOut

ComputerName           : login.microsoftonline.com
RemoteAddress          : 40.126.16.189
RemotePort             : 443
InterfaceAlias         : イーサネット
SourceAddress          : 10.0.0.4
PingSucceeded          : False
PingReplyDetails (RTT) : 0 ms
TcpTestSucceeded       : False
";
    let r = analyze(session);
    assert_eq!(
        verdicts(&r),
        vec![
            "https login.microsoftonline.com:443 failed proxy-auth-required 407",
            "tcp login.microsoftonline.com:443 failed timeout",
        ]
    );
    assert!(r.proxy.configured);
    assert_eq!(r.proxy.https_proxy.as_deref(), Some("http://10.0.0.10:8080"));
    assert!(has(&r, FindingId::ProxyAuthRequired) && has(&r, FindingId::ProxyNcInconclusive));
    assert!(!has(&r, FindingId::EntraIdUnreachable), "behind a proxy tnc proves nothing");
}

#[test]
fn windows_nslookup_failures_in_a_session() {
    let session = "\
PS C:\\> nslookup pod01-manag1.jpe.backup.windowsazure.com
DNS request timed out.
    timeout was 2 seconds.
Server:  UnKnown
Address:  10.0.0.4

DNS request timed out.
    timeout was 2 seconds.
DNS request timed out.
    timeout was 2 seconds.
*** Request to UnKnown timed-out
PS C:\\> nslookup login.microsoftonline.com
サーバー:  UnKnown
Address:  168.63.129.16

権限のない回答:
名前:    www.tm.a.prd.aadg.trafficmanager.net
Addresses:  40.126.16.189
          20.190.144.137
Aliases:  login.microsoftonline.com
          login.mso.msidentity.com
";
    let r = analyze(session);
    assert_eq!(
        verdicts(&r),
        vec![
            "dns pod01-manag1.jpe.backup.windowsazure.com failed timeout",
            "dns login.microsoftonline.com ok resolved",
        ]
    );
    assert_eq!(&*r.checks[1].addresses, &["40.126.16.189".into(), "20.190.144.137".into()]);
}

#[test]
fn script_stopped_before_its_first_check() {
    let all = sample("windows/backup-en-ws2019-all-reachable.log");
    let head = &all[..all.find("#TRY!!").expect("a check")];
    let r = analyze(head);
    assert_eq!(r.format, Format::NotALog);
    assert_eq!(r.findings[0].cause, Some(nwcheck::analyzer::NotALogCause::CutBeforeChecks));
}

#[test]
fn answers_of_the_users_proxy_are_not_the_destinations() {
    let all = sample("windows/backup-ja-user-proxy-tnc-fails-iwr-ok.log");
    let ok = "#TRY!! Invoke-webRequest https://login.microsoft.com\r\nResult of Invoke-webRequest  / StatusCode: 200/ StatusDescription: OK";
    for (message, reason, finding) in [
        (
            "リモート サーバーがエラーを返しました: (502) 無効なゲートウェイ",
            "failed gateway-error 502",
            FindingId::ProxyGatewayError,
        ),
        (
            "ERROR The requested URL could not be retrieved Access Denied. Generated by proxy01 (squid/5.7)",
            "failed intercepted",
            FindingId::TrafficIntercepted,
        ),
    ] {
        let text = all.replacen(
            ok,
            &format!("#TRY!! Invoke-webRequest https://login.microsoft.com\r\n{}", IWR_ERROR.replace("MSG", message)),
            1,
        );
        let r = analyze(&text);
        let got = verdicts(&r).into_iter().find(|v| v.starts_with("https login.microsoft.com")).expect("check");
        assert_eq!(got, format!("https login.microsoft.com:443 {reason}"));
        assert!(has(&r, finding), "{message}");
    }
}

#[test]
fn masked_report_hides_the_proxy_addresses_in_findings() {
    let r = analyze(&sample("windows/backup-ja-user-proxy-tnc-fails-iwr-ok.log"));
    let detail = |r: &Report| {
        r.findings
            .iter()
            .find(|f| f.id == FindingId::ProxyPluginUntested)
            .and_then(|f| f.detail.clone())
            .expect("detail")
    };
    assert!(detail(&r).contains("172.16.1.10:8080"));
    let masked = nwcheck::anonymize::mask_report(&r);
    assert!(!detail(&masked).contains("172.16.1.10"), "{}", detail(&masked));
    assert!(!serde_json::to_string(&masked).expect("json").contains("172.16.1.10"));
}

#[test]
fn every_prefix_of_the_windows_samples_is_read() {
    // A log cut anywhere (inside a line, a UTF-8 character, a CRLF, the
    // DefaultConnectionSettings bytes): a report, with its evidence inside
    // the text and a cut-off run never called complete.
    for name in [
        "windows/backup-ja-user-proxy-tnc-fails-iwr-ok.log",
        "windows/asr-en-ctrl-c-site-recovery-blocked.log",
        "transcripts/ja-backup-private-endpoint-ip-literal.log",
    ] {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).expect("sample");
        for end in (0..bytes.len()).step_by(37) {
            let a = nwcheck::analyze(&bytes[..end], None);
            for c in &a.report.checks {
                assert!(c.lines[0] >= 1 && c.lines[1] <= a.report.line_count, "{name} cut at {end}: {c:?}");
            }
            if a.report.format == Format::WindowsBackup && !a.text.contains("-----ScriptStart Completed-----") {
                assert!(a.report.truncated || a.text.contains("TLS CHECK"), "{name} cut at {end}");
            }
        }
    }
}

#[test]
fn typed_in_the_windows_command_prompt() {
    let session = "\
C:\\Users\\azureuser>nslookup sa01.blob.core.windows.net
Server:  UnKnown
Address:  168.63.129.16

*** UnKnown can't find sa01.blob.core.windows.net: Non-existent domain

C:\\Users\\azureuser>ipconfig /flushdns

Windows IP Configuration

Successfully flushed the DNS Resolver Cache.

C:\\Users\\azureuser>curl.exe -I https://login.microsoftonline.com
HTTP/1.1 200 OK
Content-Length: 0

C:\\Users\\azureuser>
";
    let r = analyze(session);
    assert_eq!(r.format, Format::Transcript);
    assert_eq!(
        verdicts(&r),
        vec![
            "dns sa01.blob.core.windows.net failed nxdomain",
            "https login.microsoftonline.com:443 ok http-response 200"
        ]
    );
}
