//! Properties of the judgements that keep a report true, over many
//! generated blocks in the tools' own wordings: a name answered only with
//! sinkhole addresses is never resolved; an answer carrying a proxy's or an
//! appliance's headers is never Azure's; Azure's own answers, headers in any
//! order, are always reachable; a wrapper's words are never a timeout.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::analyzer::{Reason, Report, Status};
use proptest::prelude::*;

/// A log of the script with one block for `command` whose output is `output`.
fn one_block(command: &str, output: &str) -> Report {
    let text = format!(
        "#### 環境情報確認 ####\n## 実行しているマシンのホスト名はvm01です。\n\n##プロキシ設定状態(空白場合は場合は結果無し)\nhttp_proxy コマンドの結果\n\nhttps_proxy コマンドの結果\n\n#### 環境情報確認終了 ####\n\n##TRY!! {command} ##\n================================================\n{output}\n\nComplete...\n[INFO] Script time is 3sec.\n"
    );
    nwcheck::analyze(text.as_bytes(), None).report
}

const SINKHOLES: &[&str] = &["0.0.0.0", "127.0.0.1", "127.0.0.53", "127.1.2.3", "::", "::1"];
const REAL: &[&str] = &["20.191.166.150", "40.126.53.16", "10.0.1.5", "2603:1046:1400::1"];

/// Azure's answers to `curl -I`: status lines and headers as the samples show them.
const AZURE_STATUS: &[&str] = &[
    "HTTP/1.1 404 Not Found",
    "HTTP/1.1 400 Value for one of the query parameters specified in the request URI is invalid.",
    "HTTP/1.1 403 Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
    "HTTP/1.1 200 OK",
    "HTTP/2 200 ",
    "HTTP/1.1 503 Service Unavailable",
];
const AZURE_HEADERS: &[&str] = &[
    "Content-Length: 315",
    "Content-Type: text/html; charset=us-ascii",
    "Server: Microsoft-HTTPAPI/2.0",
    "Date: Fri, 15 Mar 2024 01:22:31 GMT",
    "x-ms-request-id: 6be1679f-6ae2-8652-eb6f-a7cd62000000",
    "Strict-Transport-Security: max-age=31536000; includeSubDomains",
    "Link: <https://aadcdn.msftauth.net>; rel=preconnect; crossorigin",
    "Set-Cookie: x-ms-gateway-slice=estsfd; path=/; secure; httponly",
];
const FOREIGN_HEADERS: &[&str] = &[
    "Server: squid/5.7",
    "Server: nginx/1.24.0",
    "Server: Apache/2.4.57 (Red Hat Enterprise Linux)",
    "Server: Zscaler/6.2",
    "Via: 1.1 proxy01.contoso.local (squid/5.7)",
    "Server: BlueCoat-Security-Appliance",
    "X-Squid-Error: ERR_ACCESS_DENIED 0",
];

const METER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn only_sinkhole_answers_are_never_a_resolution(
        picks in prop::collection::vec((any::<bool>(), any::<prop::sample::Index>()), 1..6),
    ) {
        let addrs: Vec<&str> = picks
            .iter()
            .map(|(sink, i)| if *sink { *i.get(SINKHOLES) } else { *i.get(REAL) })
            .collect();
        let name = "pod01-prot1.jpe.backup.windowsazure.com";
        let mut out = String::from("Server:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\nNon-authoritative answer:\n");
        for a in &addrs {
            out.push_str(&format!("Name:\t{name}\nAddress: {a}\n"));
        }
        let r = one_block(&format!("nslookup  {name}"), &out);
        let c = &r.checks[0];
        let all_sink = picks.iter().all(|(sink, _)| *sink);
        if all_sink {
            prop_assert_eq!((c.status, c.reason), (Status::Failed, Reason::Sinkholed));
            prop_assert!(r.findings.iter().any(|f| f.id.id() == "dns-sinkhole"));
            prop_assert!(!r.findings.iter().any(|f| f.id.id() == "dns-failure"));
        } else {
            prop_assert_eq!((c.status, c.reason), (Status::Ok, Reason::Resolved));
        }
        prop_assert_eq!(c.addresses.len(), addrs.len());
    }

    #[test]
    fn a_proxys_or_appliances_headers_are_never_azures(
        status in prop::sample::select(AZURE_STATUS),
        mut headers in prop::collection::vec(prop::sample::select(AZURE_HEADERS), 0..5),
        foreign in prop::sample::select(FOREIGN_HEADERS),
        at in any::<prop::sample::Index>(),
        tunnel in any::<bool>(),
    ) {
        // Without Microsoft's own server line beside it (a proxy's page does not carry one).
        headers.retain(|h| !h.starts_with("Server:"));
        headers.insert(at.index(headers.len() + 1), foreign);
        let head = if tunnel { "HTTP/1.1 200 Connection established\n\n" } else { "" };
        let out = format!("{METER}\n{head}{status}\n{}\n", headers.join("\n"));
        let r = one_block("curl -I https://pod01-prot1.jpe.backup.windowsazure.com", &out);
        let c = &r.checks[0];
        prop_assert_eq!(c.status, Status::Failed, "{}", out);
        prop_assert!(matches!(c.reason, Reason::Intercepted | Reason::GatewayError), "{:?}", c.reason);
        prop_assert_eq!(c.reason == Reason::GatewayError, status.contains(" 503 "));
        prop_assert_eq!(r.proxy.seen_in_curl, tunnel);
    }

    #[test]
    fn azures_answers_in_any_order_are_reachable(
        status in prop::sample::select(AZURE_STATUS),
        headers in prop::collection::vec(prop::sample::select(AZURE_HEADERS), 0..8),
        tunnel in any::<bool>(),
    ) {
        let mut headers = headers;
        if tunnel && status.contains(" 503 ") && !headers.iter().any(|h| h.starts_with("Server:") || h.starts_with("x-ms-")) {
            // Through a tunnel, a 503 is Azure's when its headers say so.
            headers.push("Server: Microsoft-HTTPAPI/2.0");
        }
        let head = if tunnel { "HTTP/1.1 200 Connection established\n\n" } else { "" };
        let out = format!("{METER}\n{head}{status}\n{}\n", headers.join("\n"));
        let r = one_block("curl -I https://ceuswatcab01.blob.core.windows.net", &out);
        let c = &r.checks[0];
        prop_assert_eq!((c.status, c.reason), (Status::Ok, Reason::HttpResponse), "{}", out);
    }

    #[test]
    fn a_wrappers_words_are_never_a_timeout(
        wrapper in prop::sample::select(&[
            "timeout: failed to run command 'nc': No such file or directory",
            "timeout: failed to run command 'nc': Permission denied",
            "timeout: failed to run command ‘nc’: No such file or directory",
            "/bin/sh: 1: nc: not found",
            "env: 'nc': No such file or directory",
            "timeout: sending signal TERM to command 'nc'",
        ][..]),
        port in prop::sample::select(&[443u16, 3260][..]),
    ) {
        let r = one_block(&format!("timeout 10 nc -vz pod01-rec2.jpe.backup.windowsazure.com {port}"), wrapper);
        let c = &r.checks[0];
        prop_assert_ne!(c.reason, Reason::Timeout);
        prop_assert_ne!(c.status, Status::Failed);
        prop_assert!(!r.findings.iter().any(|f| f.id.id().ends_with("-unreachable") || f.id.id() == "file-recovery-port-blocked"));
    }
}
