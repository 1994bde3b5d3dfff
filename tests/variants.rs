//! Whole logs in shapes the golden samples do not have: other script
//! layouts and headings, older and newer tool versions (RHEL 7's Ncat 6.40,
//! curl 7.29 and NSS, BIND 9.18, BusyBox), other regions, proxies seen only
//! in curl, runs cut by Ctrl+C, typed transcripts and files that are not
//! logs at all. Each block's output is what the tool prints.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::{Format, NotALogCause, Overall, Report, Service};

/// A log as the script writes it: machine part, proxy lines, then `body`.
fn log(http_proxy: &str, https_proxy: &str, body: &str) -> String {
    format!(
        "#### 環境情報確認 ####\n## 実行しているマシンのホスト名はvm01です。\n## 実行日次は2024年 10月 1日 火曜日 10:00:00 JSTです。\n\n\
##プロキシ設定状態(空白場合は場合は結果無し)\nhttp_proxy コマンドの結果\n{http_proxy}\nhttps_proxy コマンドの結果\n{https_proxy}\n#### 環境情報確認終了 ####\n\n{body}"
    )
}

fn analyze(text: &str) -> Report {
    nwcheck::analyze(text.as_bytes(), None).report
}

/// `kind fqdn[:port] status reason[ http]` per check, for compact asserts.
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

fn finding_ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.id()).collect()
}

#[test]
fn rhel7_tools_old_wordings() {
    let body = "\
#### (4) Azure Backup への疎通確認 ####
##TRY!! nslookup  pod01-manag1.eus.backup.windowsazure.com ##
;; connection timed out; no servers could be reached

##TRY!! nc -vz pod01-manag1.eus.backup.windowsazure.com 443 ##
nc: invalid option -- 'z'
Ncat: Try `--help' or man(1) ncat for more information, usage options and help. QUITTING.

##TRY!! curl -I https://pod01-manag1.eus.backup.windowsazure.com ##
  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                 Dload  Upload   Total   Spent    Left  Speed
\r  0     0    0     0    0     0      0      0 --:--:--  0:05:00 --:--:--     0curl: (7) Failed connect to pod01-manag1.eus.backup.windowsazure.com:443; Connection timed out

##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##
curl: (60) Peer's Certificate issuer is not recognized.
More details here: http://curl.haxx.se/docs/sslcerts.html

##TRY!! curl -I https://login.microsoft.com ##
curl: (35) Encountered end of file

Complete...
";
    let r = analyze(&log("", "", body));
    assert_eq!(
        verdicts(&r),
        [
            "dns pod01-manag1.eus.backup.windowsazure.com failed timeout",
            "tcp pod01-manag1.eus.backup.windowsazure.com:443 not-run unsupported",
            "https pod01-manag1.eus.backup.windowsazure.com:443 failed timeout",
            "https ceuswatcab01.blob.core.windows.net:443 failed tls-untrusted",
            "https login.microsoft.com:443 failed tls-failed",
        ]
    );
    assert_eq!(r.checks[0].region.as_deref(), Some("eastus"));
    assert_eq!(r.checks[1].tool, None);
    for id in ["dns-failure", "nc-missing", "backup-unreachable", "tls-interception", "entra-id-unreachable"] {
        assert!(finding_ids(&r).contains(&id), "{id} in {:?}", finding_ids(&r));
    }
    assert!(!r.truncated);
    assert_eq!(r.overall, Overall::Problems);
}

#[test]
fn new_bind_busybox_and_openbsd_with_ipv6_first() {
    let body = "\
==== [4] Azure Backup サービス ====
##TRY!! nslookup pod01-prot1.wus2.backup.windowsazure.com ##
;; communications error to 127.0.0.53#53: connection refused
;; communications error to 127.0.0.53#53: connection refused
;; no servers could be reached

##TRY!! nc -vz pod01-prot1.wus2.backup.windowsazure.com 443 ##
nc: connect to pod01-prot1.wus2.backup.windowsazure.com (2603:1030::5) port 443 (tcp) failed: Network is unreachable
nc: connect to pod01-prot1.wus2.backup.windowsazure.com (20.42.0.1) port 443 (tcp) failed: Connection timed out

##TRY!! nc -vz pod01-rec2.wus2.backup.windowsazure.com 3260 ##
pod01-rec2.wus2.backup.windowsazure.com (20.42.0.9:3260) open

##TRY!! nc -vz login.microsoftonline.com 443 ##
nc: bad address 'login.microsoftonline.com'

##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##
HTTP/1.1 400 Value for one of the query parameters specified in the request URI is invalid.

";
    let r = analyze(&log("", "", body));
    assert_eq!(
        verdicts(&r),
        [
            "dns pod01-prot1.wus2.backup.windowsazure.com failed timeout",
            "tcp pod01-prot1.wus2.backup.windowsazure.com:443 failed timeout",
            "tcp pod01-rec2.wus2.backup.windowsazure.com:3260 ok connected",
            "tcp login.microsoftonline.com:443 failed unresolved",
            "https ceuswatcab01.blob.core.windows.net:443 ok http-response 400",
        ]
    );
    assert_eq!(r.checks[2].service, Service::FileRecovery);
    assert_eq!(r.checks[1].region.as_deref(), Some("westus2"));
    assert_eq!(r.checks[1].tool.as_deref(), Some("OpenBSD netcat"));
    // Ran to its end (every service checked, the last block closed by the
    // script's blank line) without "Complete...": not cut off.
    assert!(!r.truncated);
    // The same log cut inside its last line, or before that blank line, was cut off.
    let whole = log("", "", body);
    let cut_mid_line = &whole[..whole.len() - 10];
    assert!(analyze(cut_mid_line).truncated);
    let before_blank = whole.trim_end().to_string() + "\n";
    let r = analyze(&before_blank);
    assert!(r.truncated && r.overall != Overall::Ok);
}

/// A backup-script log that ends between two blocks, before some of the
/// services were checked and without the script's closing lines, was cut
/// off: not "all reachable".
#[test]
fn cut_between_blocks_is_truncated() {
    let body = "\
#### (4) Azure Backup への疎通確認 ####
##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##
Ncat: Version 7.92 ( https://nmap.org/ncat )
Ncat: Connected to 20.191.166.134:443.

##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##
HTTP/1.1 404 Not Found

#### (5) Azure Storage への疎通確認 ####
";
    let r = analyze(&log("", "", body));
    assert!(r.truncated);
    let cut = r.findings.iter().find(|f| f.id.id() == "log-truncated").expect("log-truncated");
    assert_eq!((cut.checks.clone(), cut.lines), (vec![1], r.checks[1].lines), "the evidence is the last block");
    assert_eq!(r.overall, Overall::Inconclusive);
    // The same blocks with the script's closing lines: a run that checked less, not a cut one.
    let r =
        analyze(&log("", "", &format!("{body}#### 疎通確認終了 ####\nComplete...\n[INFO] Script time is 12sec.\n")));
    assert!(!r.truncated && !finding_ids(&r).contains(&"log-truncated"));
    assert_eq!(r.overall, Overall::Ok);
    // A second run appended after a finished one, cut in its turn.
    let twice = format!("{body}Complete...\n{body}");
    assert!(analyze(&log("", "", &twice)).truncated);
}

#[test]
fn proxy_seen_only_in_curl_makes_nc_inconclusive() {
    let body = "\
##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##
Ncat: Version 7.92 ( https://nmap.org/ncat )
Ncat: TIMEOUT.

##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##
HTTP/1.0 200 Connection established
Proxy-agent: tinyproxy/1.11.1

HTTP/2 404
content-length: 0

Complete...
";
    let r = analyze(&log("", "", body));
    assert!(r.proxy.configured && r.proxy.seen_in_curl && r.proxy.https_proxy.is_none());
    // The proxy lines are blank: the evidence of the proxy is curl's tunnel.
    let proxy = r.findings.iter().find(|f| f.id.id() == "proxy-configured").expect("proxy-configured");
    assert_eq!(proxy.lines, r.checks[1].lines);
    assert_eq!(
        verdicts(&r),
        [
            "tcp pod01-manag1.jpe.backup.windowsazure.com:443 failed timeout",
            "https pod01-manag1.jpe.backup.windowsazure.com:443 ok http-response 404",
        ]
    );
    let ids = finding_ids(&r);
    assert!(ids.contains(&"proxy-nc-inconclusive"), "{ids:?}");
    assert!(!ids.contains(&"backup-unreachable"), "{ids:?}");
    assert_eq!(r.overall, Overall::Ok);
}

#[test]
fn proxy_refusals_old_and_new_curl() {
    let body = "\
##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##
HTTP/1.1 403 Forbidden
Server: squid

curl: (56) Received HTTP code 403 from proxy after CONNECT

##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##
curl: (5) Could not resolve proxy: proxy.contoso.local

##TRY!! curl -I https://login.microsoft.com ##
curl: (7) Failed to connect to proxy.contoso.local port 8080 after 1 ms: Connection refused
";
    let r = analyze(&log("http://proxy.contoso.local:8080", "http://proxy.contoso.local:8080", body));
    assert_eq!(
        verdicts(&r),
        [
            "https pod01-manag1.jpe.backup.windowsazure.com:443 failed proxy-denied 403",
            "https ceuswatcab01.blob.core.windows.net:443 failed proxy-unresolved",
            "https login.microsoft.com:443 failed connect-failed",
        ]
    );
    let ids = finding_ids(&r);
    for id in ["proxy-denied", "proxy-unresolvable", "entra-id-unreachable", "proxy-configured"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}

/// A proxy's CONNECT reply need not say "Connection established": a lone
/// status line before an error that comes before any answer (TLS, the
/// tunnel closed) is the proxy's; before a timeout or a reset, whose line
/// it was is not known. An HTTP/2 line is always the origin's.
#[test]
fn lone_status_line_beside_a_curl_error() {
    let body = "\
##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##
curl: (60) SSL certificate problem: unable to get local issuer certificate
More details here: https://curl.se/docs/sslcerts.html
HTTP/1.1 200 OK

##TRY!! curl -I https://pod01-prot1.jpe.backup.windowsazure.com ##
curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to pod01-prot1.jpe.backup.windowsazure.com:443
HTTP/1.0 200 Tunnel established

##TRY!! curl -I https://ceuswatcab01.blob.core.windows.net ##
curl: (56) Proxy CONNECT aborted
HTTP/1.1 403 Forbidden

##TRY!! curl -I https://login.microsoft.com ##
curl: (28) Operation timed out after 300000 milliseconds with 0 out of 0 bytes received
HTTP/1.1 200 OK

##TRY!! curl -I https://login.microsoftonline.com ##
HTTP/2 404
curl: (92) HTTP/2 stream 0 was not closed cleanly: PROTOCOL_ERROR (err 1)

##TRY!! curl -I https://graph.windows.net ##
curl: (77) error setting certificate verify locations:
  CAfile: /etc/pki/tls/certs/ca-bundle.crt
  CApath: none
";
    let r = analyze(&log("http://proxy.contoso.local:8080", "http://proxy.contoso.local:8080", body));
    assert_eq!(
        verdicts(&r),
        [
            "https pod01-manag1.jpe.backup.windowsazure.com:443 failed tls-untrusted",
            "https pod01-prot1.jpe.backup.windowsazure.com:443 failed tls-failed",
            "https ceuswatcab01.blob.core.windows.net:443 failed proxy-denied 403",
            "https login.microsoft.com:443 unknown unrecognized",
            "https login.microsoftonline.com:443 ok http-response 404",
            "https graph.windows.net:443 unknown unrecognized",
        ]
    );
    assert!(r.proxy.seen_in_curl, "a 2xx reply to CONNECT shows the proxy");
    let ids = finding_ids(&r);
    for id in ["tls-interception", "backup-unreachable", "proxy-denied", "unrecognized-output"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(!ids.contains(&"entra-id-unreachable"), "a local CA bundle problem is not the network: {ids:?}");
}

/// Ncat announces each further address it tries; a log that ends after
/// the announcement was cut off while trying, and the check has no outcome.
#[test]
fn ncat_cut_off_while_trying_the_next_address() {
    let body = "\
##TRY!! nslookup  pod01-manag1.jpe.backup.windowsazure.com ##
Server:    168.63.129.16

Address 1: 168.63.129.16

nslookup: can't resolve 'pod01-manag1.jpe.backup.windowsazure.com'

##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##
Ncat: Version 7.50 ( https://nmap.org/ncat )
Ncat: Connection to 2603:1046:1400::1 failed: Network is unreachable.
Ncat: Trying next address...
";
    let r = analyze(&log("", "", body));
    assert_eq!(
        verdicts(&r),
        [
            "dns pod01-manag1.jpe.backup.windowsazure.com unknown unrecognized",
            "tcp pod01-manag1.jpe.backup.windowsazure.com:443 not-run interrupted",
        ]
    );
    assert!(r.truncated);
    let ids = finding_ids(&r);
    assert!(ids.contains(&"log-truncated") && !ids.contains(&"backup-unreachable"), "{ids:?}");
    assert!(r.checks[0].addresses.is_empty(), "the resolver's own address is no answer");
}

#[test]
fn ctrl_c_inside_a_block_and_a_second_run_appended() {
    let body = "\
##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##
Ncat: Version 7.50 ( https://nmap.org/ncat )
^C
#### 環境情報確認 ####
##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##
Ncat: Version 7.50 ( https://nmap.org/ncat )
Ncat: Connection timed out.
";
    let r = analyze(&log("", "", body));
    assert_eq!(
        verdicts(&r),
        [
            "tcp pod01-rec2.jpe.backup.windowsazure.com:3260 not-run interrupted",
            "tcp pod01-rec2.jpe.backup.windowsazure.com:3260 failed timeout",
        ]
    );
    assert!(r.truncated);
    let ids = finding_ids(&r);
    assert!(ids.contains(&"log-truncated") && ids.contains(&"file-recovery-port-blocked"), "{ids:?}");
}

#[test]
fn unknown_output_is_never_guessed() {
    let body = "\
##TRY!! nc -vz pod01-manag1.jpe.backup.windowsazure.com 443 ##
Ncat: Version 7.93 ( https://nmap.org/ncat )
Ncat: something nobody has seen before.

##TRY!! ping -c 1 pod01-manag1.jpe.backup.windowsazure.com ##
64 bytes from 20.191.166.134: icmp_seq=1 ttl=110 time=9.1 ms

##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##
HTTP/1.1 404 Not Found
";
    let r = analyze(&log("", "", body));
    assert_eq!(
        verdicts(&r),
        [
            "tcp pod01-manag1.jpe.backup.windowsazure.com:443 unknown unrecognized",
            "other pod01-manag1.jpe.backup.windowsazure.com unknown unrecognized",
            "https pod01-manag1.jpe.backup.windowsazure.com:443 ok http-response 404",
        ]
    );
    assert!(finding_ids(&r).contains(&"unrecognized-output"));
    assert_eq!(r.overall, Overall::Inconclusive);
}

#[test]
fn typed_transcript_without_markers() {
    let text = "\
[azureuser@vm01 ~]$ nslookup pod01-manag1.jpe.backup.windowsazure.com
Server:\t\t168.63.129.16
Address:\t168.63.129.16#53

** server can't find pod01-manag1.jpe.backup.windowsazure.com: NXDOMAIN

[azureuser@vm01 ~]$ curl -I https://login.microsoft.com
HTTP/2 200
";
    let r = analyze(text);
    assert_eq!(r.format, Format::Transcript);
    assert_eq!(
        verdicts(&r),
        [
            "dns pod01-manag1.jpe.backup.windowsazure.com failed nxdomain",
            "https login.microsoft.com:443 ok http-response 200",
        ]
    );
}

#[test]
fn private_endpoint_name_with_public_answer_and_privatelink_nxdomain() {
    let body = "\
#### (7) プライベート エンドポイント (お客様固有 FQDN) への疎通確認 ####
##TRY!! nslookup  1234567890123456789-ab-pod01-prot1.privatelink.jpe.backup.windowsazure.com ##
Server:\t\t10.0.0.4
Address:\t10.0.0.4#53

** server can't find 1234567890123456789-ab-pod01-prot1.privatelink.jpe.backup.windowsazure.com: NXDOMAIN

##TRY!! nslookup  contosobkpsa01.blob.core.windows.net ##
Server:\t\t10.0.0.4
Address:\t10.0.0.4#53

Non-authoritative answer:
contosobkpsa01.blob.core.windows.net\tcanonical name = contosobkpsa01.privatelink.blob.core.windows.net.
Name:\tcontosobkpsa01.privatelink.blob.core.windows.net
Address: 172.20.1.8
";
    let r = analyze(&log("", "", body));
    assert_eq!(r.checks[0].service, Service::Backup);
    assert_eq!(r.checks[0].region.as_deref(), Some("japaneast"));
    assert!(r.checks[1].private_address);
    let ids = finding_ids(&r);
    assert!(ids.contains(&"dns-failure") && ids.contains(&"private-endpoint"), "{ids:?}");
}

#[test]
fn html_in_the_log_is_kept_as_text() {
    let body = "##TRY!! curl -I https://pod01-manag1.jpe.backup.windowsazure.com ##\n<script>alert('x')</script>\nHTTP/1.1 404 <b>Not Found</b>\n";
    let text = log("", "", body);
    let a = nwcheck::analyze(text.as_bytes(), None);
    assert_eq!(a.report.checks[0].http_status, Some(404));
    assert_eq!(a.report.checks[0].evidence.as_deref(), Some("HTTP/1.1 404 <b>Not Found</b>"));
    assert!(a.text.contains("<script>alert('x')</script>"));
}

#[test]
fn inputs_that_are_not_logs() {
    let cause = |bytes: &[u8]| {
        let r = nwcheck::analyze(bytes, None).report;
        assert_eq!(r.overall, Overall::NotALog);
        assert_eq!(r.format, Format::NotALog);
        r.findings[0].cause
    };
    assert_eq!(cause(b""), Some(NotALogCause::Empty));
    assert_eq!(cause(b"\n\n  \n"), Some(NotALogCause::Empty));
    assert_eq!(cause(b"x"), Some(NotALogCause::NoCommands));
    assert_eq!(cause(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"), Some(NotALogCause::KnownBinary));
    assert_eq!(cause(b"PK\x03\x04\x14\0\0\0\x08\0"), Some(NotALogCause::KnownBinary));
    assert_eq!(cause(b"Hello,\nthis is a letter.\n"), Some(NotALogCause::NoCommands));
    // The script's machine part, and the run stopped before its first check.
    assert_eq!(cause(log("", "", "").as_bytes()), Some(NotALogCause::CutBeforeChecks));
    assert_eq!(
        cause(b"ComputerName     : pod01-manag1.jpe.backup.windowsazure.com\nTcpTestSucceeded : True\n"),
        Some(NotALogCause::WindowsLog)
    );
    let noise: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert_eq!(cause(&noise), Some(NotALogCause::Binary));
}

#[test]
fn floods_and_huge_lines_stay_linear() {
    // A 0-byte-line flood inside a block and a 20 MB single line.
    let flood =
        format!("##TRY!! nc -vz a.example.com 443 ##\n{}Ncat: Connected to 1.2.3.4:443.\n", "\n".repeat(500_000));
    let r = analyze(&flood);
    assert_eq!(verdicts(&r), ["tcp a.example.com:443 ok connected"]);
    let long = format!("##TRY!! curl -I https://a.example.com ##\n{}\n", "x".repeat(20 << 20));
    let r = analyze(&long);
    assert_eq!(verdicts(&r), ["https a.example.com:443 not-run interrupted"]);
}

#[test]
fn site_recovery_log_is_linux_asr() {
    let body = "\
#### Azure Site Recovery への疎通確認 ####
================================================
##TRY!! nslookup  pod01-srs1.jpe.hypervrecoverymanager.windowsazure.com ##
Server:\t\t168.63.129.16
Address:\t168.63.129.16#53

Non-authoritative answer:
Name:\tpod01-srs1.jpe.hypervrecoverymanager.windowsazure.com
Address: 20.43.64.1

================================================
##TRY!! nc -vz pod01-id1.jpe.backup.windowsazure.com 443 ##
Ncat: Version 7.93 ( https://nmap.org/ncat )
Ncat: Connection timed out.
";
    let r = analyze(&log("", "", body));
    assert_eq!(r.format, Format::LinuxAsr);
    assert_eq!(r.checks[0].service, Service::SiteRecovery);
    assert_eq!(r.checks[0].region.as_deref(), Some("japaneast"));
    assert_eq!(r.checks[1].service, Service::Backup);
    assert!(finding_ids(&r).contains(&"backup-unreachable"));
}
