//! Whole logs that must not tell an untrue story: a golden sample of
//! `tests/data/` with one block's output changed to what the tool prints
//! when a DNS filter sinkholes the name, when something other than Azure
//! answers curl, when a proxy the proxy lines do not show refuses the
//! tunnel, when a wrapper could not start nc, when the machine's own policy
//! stops nc, or when curl is given a private endpoint's address.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::{Check, CheckKind, FindingId, Overall, Reason, Report, Service, ServiceStatus, Status};
use nwcheck::explain::{self, Lang};

fn sample(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `log` with the output of the block `##TRY!! {command} ##` replaced by
/// `output` (the block's separator line kept), and its command line by
/// `new_command` when given.
fn with_block(log: &str, command: &str, new_command: Option<&str>, output: &str) -> String {
    let marker = format!("##TRY!! {command} ##");
    let lines: Vec<&str> = log.lines().collect();
    let at = lines.iter().position(|l| *l == marker).unwrap_or_else(|| panic!("no block {marker}"));
    let mut body = at + 1;
    if lines.get(body).is_some_and(|l| l.starts_with("=====")) {
        body += 1;
    }
    let end =
        (body..lines.len()).find(|&i| lines[i].starts_with('#') || lines[i] == "Complete...").unwrap_or(lines.len());
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    out.push(new_command.map_or(marker, |c| format!("##TRY!! {c} ##")));
    out.extend(lines[at + 1..body].iter().map(|l| l.to_string()));
    out.extend(output.lines().map(str::to_string));
    out.push(String::new());
    out.push(String::new());
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

fn analyze(text: &str) -> Report {
    nwcheck::analyze(text.as_bytes(), Some("CheckNWResult_vm01_202411071000.log")).report
}

fn check<'a>(r: &'a Report, kind: CheckKind, fqdn: &str) -> &'a Check {
    r.checks.iter().find(|c| c.kind == kind && &*c.fqdn == fqdn).unwrap_or_else(|| panic!("{kind:?} {fqdn}"))
}

fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.id()).collect()
}

fn service(r: &Report, s: Service) -> ServiceStatus {
    r.services.iter().find(|x| x.service == s).map(|x| x.status).expect("service")
}

const MANAG: &str = "pod01-manag1.jpe.backup.windowsazure.com";

const NSLOOKUP_HEAD: &str = "Server:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\nNon-authoritative answer:\n";

const METER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

#[test]
fn a_sinkholed_name_is_not_resolved_nor_unreachable() {
    let log = sample("all-ok-ncat-rhel88.log");
    let log = with_block(
        &log,
        &format!("nslookup  {MANAG}"),
        None,
        &format!("{NSLOOKUP_HEAD}Name:\t{MANAG}\nAddress: 0.0.0.0\nName:\t{MANAG}\nAddress: ::\n"),
    );
    let log = with_block(
        &log,
        &format!("nc -vz {MANAG} 443"),
        None,
        "Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Connection refused.",
    );
    let log = with_block(
        &log,
        &format!("curl -I https://{MANAG}"),
        None,
        &format!("{METER}curl: (7) Failed to connect to {MANAG} port 443 after 0 ms: Connection refused"),
    );
    let r = analyze(&log);
    let dns = check(&r, CheckKind::Dns, MANAG);
    assert_eq!((dns.status, dns.reason), (Status::Failed, Reason::Sinkholed));
    assert_eq!(dns.addresses.iter().map(|a| &**a).collect::<Vec<_>>(), ["0.0.0.0", "::"]);
    let ids = ids(&r);
    assert!(ids.contains(&"dns-sinkhole"), "{ids:?}");
    for not in ["backup-unreachable", "dns-failure", "tls-interception"] {
        assert!(!ids.contains(&not), "{not} in {ids:?}");
    }
    let f = r.findings.iter().find(|f| f.id == FindingId::DnsSinkhole).expect("finding");
    assert_eq!(f.fqdns.iter().map(|n| &**n).collect::<Vec<_>>(), [MANAG]);
    assert_eq!(service(&r, Service::Backup), ServiceStatus::Problems);
    assert_eq!(r.overall, Overall::Problems);
    let en = explain::summary(&r, Lang::En, explain::Style { markdown: false, color: false });
    assert!(en.contains("Some names are blocked by DNS (sinkhole)"), "{en}");
    let ja = explain::summary(&r, Lang::Ja, explain::Style { markdown: false, color: false });
    assert!(ja.contains("シンクホール"), "{ja}");
}

#[test]
fn a_sinkholed_file_recovery_name_is_not_a_blocked_port() {
    let rec = "pod01-rec2.jpe.backup.windowsazure.com";
    let log = with_block(
        &sample("all-ok-openbsd-nc-ubuntu2204.log"),
        // This sample's script writes one space after nslookup.
        &format!("nslookup {rec}"),
        None,
        &format!("Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\t{rec}\nAddress: 0.0.0.0\n"),
    );
    let log = with_block(
        &log,
        &format!("nc -vz {rec} 3260"),
        None,
        &format!("nc: connect to {rec} (0.0.0.0) port 3260 (tcp) failed: Connection refused"),
    );
    let r = analyze(&log);
    assert_eq!(check(&r, CheckKind::Tcp, rec).reason, Reason::Refused);
    let ids = ids(&r);
    assert!(ids.contains(&"dns-sinkhole") && !ids.contains(&"file-recovery-port-blocked"), "{ids:?}");
    assert_eq!(service(&r, Service::FileRecovery), ServiceStatus::Problems);
}

#[test]
fn a_sinkholed_name_with_a_local_listener_is_not_tls_interception() {
    let blob = "ceuswatcab01.blob.core.windows.net";
    let log = sample("all-ok-ncat-rhel88.log");
    let log = with_block(
        &log,
        &format!("nslookup  {blob}"),
        None,
        &format!("{NSLOOKUP_HEAD}Name:\t{blob}\nAddress: 127.0.0.1\n"),
    );
    let log = with_block(
        &log,
        &format!("nc -vz {blob} 443"),
        None,
        "Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Connected to 127.0.0.1:443.\nNcat: 0 bytes sent, 0 bytes received in 0.00 seconds.",
    );
    let log = with_block(
        &log,
        &format!("curl -I https://{blob}"),
        None,
        &format!("{METER}curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html"),
    );
    let r = analyze(&log);
    assert_eq!(check(&r, CheckKind::Dns, blob).reason, Reason::Sinkholed);
    let ids = ids(&r);
    assert!(ids.contains(&"dns-sinkhole"), "{ids:?}");
    assert!(!ids.contains(&"tls-interception") && !ids.contains(&"storage-unreachable"), "{ids:?}");
}

#[test]
fn a_captive_portal_is_not_entra_id() {
    let login = "login.microsoft.com";
    let log = with_block(
        &sample("all-ok-ncat-rhel88.log"),
        &format!("curl -I https://{login}"),
        None,
        &format!("{METER}\nHTTP/1.1 302 Found\nLocation: http://wifi-login.hotel.example/portal?redirect=https%3A%2F%2Flogin.microsoft.com%2F\nContent-Length: 0\nConnection: close\n"),
    );
    let r = analyze(&log);
    let c = check(&r, CheckKind::Https, login);
    assert_eq!((c.status, c.reason, c.http_status), (Status::Failed, Reason::Intercepted, Some(302)));
    assert!(c.evidence.as_deref().is_some_and(|e| e.starts_with("Location: http://wifi-login.hotel.example")));
    assert!(ids(&r).contains(&"traffic-intercepted"), "{:?}", ids(&r));
    assert!(!ids(&r).contains(&"entra-id-unreachable"));
    assert_eq!(service(&r, Service::EntraId), ServiceStatus::Problems);
    assert_eq!(r.overall, Overall::Problems);
    // The other Entra ID names answered from Microsoft as before.
    assert_eq!(check(&r, CheckKind::Https, "login.microsoftonline.com").reason, Reason::HttpResponse);
}

#[test]
fn an_appliance_page_and_a_proxy_gateway_error_behind_the_proxy() {
    let log = sample("proxy-curl-ok-nc-fails.log");
    let log = with_block(
        &log,
        "curl -I https://login.microsoft.com",
        None,
        &format!("{METER}\nHTTP/1.1 200 Connection established\n\nHTTP/1.1 403 Forbidden\nServer: Zscaler/6.2\nContent-Type: text/html\nCache-Control: no-cache\nContent-Length: 4361\n"),
    );
    let log = with_block(
        &log,
        &format!("curl -I https://{MANAG}"),
        None,
        &format!("{METER}\nHTTP/1.1 503 Service Unavailable\nServer: squid/5.7\nMime-Version: 1.0\nContent-Type: text/html;charset=utf-8\nX-Squid-Error: ERR_CONNECT_FAIL 110\nVia: 1.1 proxy01.contoso.local (squid/5.7)\nConnection: keep-alive\n\ncurl: (56) CONNECT tunnel failed, response 503"),
    );
    let r = analyze(&log);
    let z = check(&r, CheckKind::Https, "login.microsoft.com");
    assert_eq!((z.status, z.reason, z.http_status), (Status::Failed, Reason::Intercepted, Some(403)));
    let g = check(&r, CheckKind::Https, MANAG);
    assert_eq!((g.status, g.reason, g.http_status), (Status::Failed, Reason::GatewayError, Some(503)));
    let ids = ids(&r);
    for id in ["traffic-intercepted", "proxy-gateway-error", "proxy-configured"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(!ids.contains(&"backup-unreachable") && !ids.contains(&"proxy-denied"), "{ids:?}");
    // The rest of the sample still answered through the proxy.
    assert_eq!(check(&r, CheckKind::Https, "ceuswatcab01.blob.core.windows.net").reason, Reason::HttpResponse);
    assert_eq!(r.overall, Overall::Problems);
}

#[test]
fn a_connect_failure_shows_a_proxy_the_proxy_lines_do_not() {
    let log = sample("all-ok-ncat-rhel88.log");
    let before = analyze(&log);
    assert!(!before.proxy.configured);
    let log = with_block(
        &log,
        &format!("curl -I https://{MANAG}"),
        None,
        &format!("{METER}\nHTTP/1.1 403 Forbidden\nServer: squid/5.7\nContent-Length: 3468\n\ncurl: (56) CONNECT tunnel failed, response 403"),
    );
    let r = analyze(&log);
    assert!(r.proxy.configured && r.proxy.seen_in_curl);
    assert_eq!(r.proxy.https_proxy, None);
    let c = check(&r, CheckKind::Https, MANAG);
    assert_eq!((c.reason, c.http_status), (Reason::ProxyDenied, Some(403)));
    let ids = ids(&r);
    for id in ["proxy-denied", "proxy-configured", "proxy-nc-inconclusive"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // Old curl's wording, and a proxy whose name does not resolve.
    for output in [
        "HTTP/1.1 403 Forbidden\n\ncurl: (56) Received HTTP code 403 from proxy after CONNECT",
        "curl: (56) Proxy CONNECT aborted",
        "curl: (5) Could not resolve proxy: proxy.contoso.local",
    ] {
        let log = with_block(&sample("all-ok-ncat-rhel88.log"), &format!("curl -I https://{MANAG}"), None, output);
        let r = analyze(&log);
        assert!(r.proxy.seen_in_curl && r.proxy.configured, "{output}");
    }
}

#[test]
fn nc_a_wrapper_could_not_start_is_not_a_timeout() {
    for output in [
        "timeout: failed to run command 'nc': No such file or directory",
        "timeout: failed to run command 'nc': Permission denied",
        "/bin/sh: 1: nc: not found",
    ] {
        let log = with_block(&sample("all-ok-openbsd-nc-ubuntu2204.log"), &format!("nc -vz {MANAG} 443"), None, output);
        let r = analyze(&log);
        let c = check(&r, CheckKind::Tcp, MANAG);
        assert_eq!((c.status, c.reason), (Status::NotRun, Reason::NotInstalled), "{output}");
        let ids = ids(&r);
        assert!(ids.contains(&"nc-missing") && !ids.contains(&"backup-unreachable"), "{output}: {ids:?}");
    }
}

#[test]
fn local_policy_is_said_to_be_local() {
    let log = with_block(
        &sample("all-ok-ncat-rhel88.log"),
        &format!("nc -vz {MANAG} 443"),
        None,
        "Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Permission denied.",
    );
    let r = analyze(&log);
    assert_eq!(check(&r, CheckKind::Tcp, MANAG).reason, Reason::Unreachable);
    let f = r.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
    let en = explain::next_steps(&r, f, Lang::En);
    assert!(en[0].contains("this machine itself stopped the connection") && en[0].contains("SELinux"), "{en:?}");
    let ja = explain::next_steps(&r, f, Lang::Ja);
    assert!(ja[0].contains("SELinux") && ja[0].contains("このマシン自身"), "{ja:?}");
    // A timeout gets the network's steps only.
    let log = with_block(
        &sample("all-ok-ncat-rhel88.log"),
        &format!("nc -vz {MANAG} 443"),
        None,
        "Ncat: Version 7.93 ( https://nmap.org/ncat )\nNcat: TIMEOUT.",
    );
    let r = analyze(&log);
    let f = r.findings.iter().find(|f| f.id == FindingId::BackupUnreachable).expect("backup-unreachable");
    assert!(explain::next_steps(&r, f, Lang::En).iter().all(|s| !s.contains("SELinux")));
}

#[test]
fn curl_to_a_private_endpoints_address_reached_it() {
    let fqdn = "8354093419137201866-ab-pod01-prot1.jpe.backup.windowsazure.com";
    let log = with_block(
        &sample("private-endpoint.log"),
        &format!("curl -I https://{fqdn}"),
        Some("curl -I https://10.0.1.5"),
        &format!("{METER}curl: (60) SSL: no alternative certificate subject name matches target host name '10.0.1.5'\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above."),
    );
    let r = analyze(&log);
    let c = check(&r, CheckKind::Https, "10.0.1.5");
    assert_eq!((c.status, c.reason, c.port), (Status::Ok, Reason::TlsNameMismatch, Some(443)));
    assert!(!ids(&r).contains(&"tls-interception"), "{:?}", ids(&r));
    assert_eq!(r.overall, analyze(&sample("private-endpoint.log")).overall);
    // For a name, the same words are a certificate that is not the service's.
    let log = with_block(
        &sample("private-endpoint.log"),
        &format!("curl -I https://{fqdn}"),
        None,
        &format!("{METER}curl: (60) SSL: no alternative certificate subject name matches target host name '{fqdn}'"),
    );
    let r = analyze(&log);
    assert_eq!(check(&r, CheckKind::Https, fqdn).reason, Reason::TlsUntrusted);
    assert!(ids(&r).contains(&"tls-interception"));
}

#[test]
fn nslookup_cut_after_a_name_is_not_a_resolution() {
    let log = sample("all-ok-ncat-rhel88.log");
    let marker = format!("##TRY!! nslookup  {MANAG} ##");
    let at = log.find(&marker).expect("block");
    let name_line = log[at..].find("Name:\t").map(|i| at + i).expect("name");
    let end = name_line + log[name_line..].find('\n').expect("line end") + 1;
    let r = analyze(&log[..end]);
    let c = check(&r, CheckKind::Dns, MANAG);
    assert_eq!((c.status, c.reason), (Status::NotRun, Reason::Interrupted));
    assert!(r.truncated);
    assert_ne!(r.overall, Overall::Ok);
}
