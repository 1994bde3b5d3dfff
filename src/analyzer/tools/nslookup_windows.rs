//! Windows `nslookup` (English and Japanese Windows): the resolver's
//! `Server:` / `サーバー:` and `Address:` lines, then the answer (`Name:` /
//! `名前:`, `Address:` or an `Addresses:` list, `Aliases:` for the CNAME
//! chain), or a `***` line saying why not.
//!
//! `DNS request timed out.` before `Server:` is only the look-up of the
//! DNS server's own name (its PTR record): harmless when an answer follows.

use super::{not_installed, Lines, Verdict};
use crate::analyzer::model::Reason;
use std::net::IpAddr;

/// Reads a Windows nslookup block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'_>> {
    if let Some(v) = not_installed(lines, &["nslookup"]) {
        return Some(v);
    }
    let mut addresses: Vec<&str> = Vec::new();
    let mut first_answer: Option<usize> = None;
    let mut negative: Option<(Reason, usize)> = None;
    let mut after_server = false;
    // Inside an `Addresses:` list (more addresses follow, indented), or an
    // `Aliases:` list (names, not answers).
    let mut in_addresses = false;
    let mut in_aliases = false;
    for (i, raw) in lines.iter() {
        let t = raw.trim();
        if t.is_empty() {
            in_addresses = false;
            in_aliases = false;
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if indented && (in_addresses || in_aliases) {
            if in_addresses {
                if let Some(ip) = first_ip(t) {
                    addresses.push(ip);
                }
            }
            continue;
        }
        in_addresses = false;
        in_aliases = false;
        if let Some(_server) = label(t, &["Server", "サーバー"]) {
            after_server = true;
            continue;
        }
        if let Some(value) = label(t, &["Addresses", "Address", "アドレス"]) {
            in_addresses = t.starts_with("Addresses") || t.starts_with("アドレス");
            if after_server {
                // The resolver's own address.
                after_server = false;
                in_addresses = false;
                continue;
            }
            if let Some(ip) = first_ip(value) {
                addresses.push(ip);
                first_answer.get_or_insert(i);
            }
            continue;
        }
        if label(t, &["Aliases", "エイリアス"]).is_some() {
            in_aliases = true;
            continue;
        }
        after_server = false;
        if let Some(reason) = failure(t) {
            negative.get_or_insert((reason, i));
        }
    }
    if let Some(at) = first_answer {
        return Some(super::nslookup::answered(addresses, at));
    }
    negative.map(|(reason, at)| Verdict::failed(reason, at))
}

/// The value of a `Label:` line (any spacing before the colon).
fn label<'a>(t: &'a str, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| {
        let rest = t.strip_prefix(n)?.trim_start();
        let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        Some(rest.trim())
    })
}

/// The first word of `value` when it is an IP address.
fn first_ip(value: &str) -> Option<&str> {
    let word = value.split_whitespace().next()?;
    word.parse::<IpAddr>().ok().map(|_| word)
}

/// A `***` line's reason: `*** UnKnown can't find x: Non-existent domain`
/// (Japanese `*** UnKnown が x を見つけられません: Non-existent domain`),
/// `*** Request to UnKnown timed-out`, `*** Default servers are not available`.
fn failure(t: &str) -> Option<Reason> {
    let rest = t.strip_prefix("***")?.trim();
    let lower = rest.to_ascii_lowercase();
    if lower.contains("can't find") || rest.contains("見つけられません") {
        // `Can't find server name for address ...` is about the resolver's
        // own name (no PTR record): not the answer.
        if lower.contains("server name for address") || lower.contains("server address for") {
            return None;
        }
        let code = lower.rsplit([':', '：']).next().unwrap_or("").trim();
        return match code {
            "non-existent domain" => Some(Reason::Nxdomain),
            "server failed" => Some(Reason::Servfail),
            "query refused" => Some(Reason::Refused),
            "no response from server" | "timed out" => Some(Reason::Timeout),
            "no data" | "no records" => Some(Reason::NoAnswer),
            _ => None,
        };
    }
    if lower.starts_with("request to") && lower.contains("timed-out") || rest.contains("タイムアウト") {
        return Some(Reason::Timeout);
    }
    if lower.contains("default servers are not available") {
        return Some(Reason::Timeout);
    }
    if lower.starts_with("no internal type for both ipv4 and ipv6") {
        return Some(Reason::NoAnswer);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::model::Status;

    fn run(text: &str) -> Option<(Status, Reason, Vec<String>, Option<usize>)> {
        super::super::read_text(text, |l| {
            read(l).map(|v| (v.status, v.reason, v.addresses.iter().map(|a| a.to_string()).collect(), v.evidence))
        })
    }

    #[test]
    fn english_answer_with_aliases() {
        let out = "Server:  UnKnown\nAddress:  168.63.129.16\n\nNon-authoritative answer:\nName:    jpe-pod01-bms-01-sfmc.japaneast.cloudapp.azure.com\nAddress:  20.191.166.134\nAliases:  pod01-manag1.jpe.backup.windowsazure.com\n          jpe-pod01-manag1-s2j8q.ext.trafficmanager.net\n";
        assert_eq!(run(out), Some((Status::Ok, Reason::Resolved, vec!["20.191.166.134".into()], Some(5))));
    }

    #[test]
    fn japanese_answer() {
        let out = "サーバー:  UnKnown\nAddress:  168.63.129.16\n\n権限のない回答:\n名前:    2817443395102841169-ab-pod01-fc1.privatelink.jpe.backup.windowsazure.com\nAddress:  10.20.1.5\n";
        assert_eq!(run(out), Some((Status::Ok, Reason::Resolved, vec!["10.20.1.5".into()], Some(5))));
    }

    #[test]
    fn several_addresses() {
        let out = "Server:  dc01.contoso.local\nAddress:  10.0.0.4\n\nNon-authoritative answer:\nName:    login.mso.msidentity.com\nAddresses:  20.190.151.7\n          40.126.23.98\n          2603:1046:2000:28::1\nAliases:  login.microsoftonline.com\n          ak.privatelink.msidentity.com\n";
        assert_eq!(
            run(out).map(|r| r.2),
            Some(vec!["20.190.151.7".into(), "40.126.23.98".into(), "2603:1046:2000:28::1".into()])
        );
    }

    #[test]
    fn timeout_before_server_is_harmless() {
        let out = "DNS request timed out.\n    timeout was 2 seconds.\nServer:  UnKnown\nAddress:  168.63.129.16\n\nNon-authoritative answer:\nName:    a.blob.core.windows.net\nAddress:  20.150.1.2\n";
        assert_eq!(run(out).map(|r| (r.1, r.2)), Some((Reason::Resolved, vec!["20.150.1.2".into()])));
    }

    #[test]
    fn failures() {
        let case = |t: &str| run(t).map(|r| (r.0, r.1));
        let head = "Server:  UnKnown\nAddress:  168.63.129.16\n\n";
        assert_eq!(
            case(&format!("{head}*** UnKnown can't find asrcachesa0l.blob.core.windows.net: Non-existent domain")),
            Some((Status::Failed, Reason::Nxdomain))
        );
        assert_eq!(
            case("サーバー:  UnKnown\nAddress:  168.63.129.16\n\n*** UnKnown が x.blob.core.windows.net を見つけられません: Non-existent domain"),
            Some((Status::Failed, Reason::Nxdomain))
        );
        assert_eq!(
            case(&format!("{head}*** UnKnown can't find x: No response from server")),
            Some((Status::Failed, Reason::Timeout))
        );
        assert_eq!(
            case("DNS request timed out.\n    timeout was 2 seconds.\nServer:  UnKnown\nAddress:  10.0.0.4\n\nDNS request timed out.\n    timeout was 2 seconds.\n*** Request to UnKnown timed-out"),
            Some((Status::Failed, Reason::Timeout))
        );
        assert_eq!(
            case("*** Default servers are not available\nServer:  UnKnown\nAddress:  127.0.0.1\n"),
            Some((Status::Failed, Reason::Timeout))
        );
        assert_eq!(
            case(&format!("{head}*** UnKnown can't find x: Server failed")),
            Some((Status::Failed, Reason::Servfail))
        );
        assert_eq!(
            case(&format!("{head}*** UnKnown can't find x: Query refused")),
            Some((Status::Failed, Reason::Refused))
        );
    }

    #[test]
    fn sinkholed() {
        let out = "Server:  dns-filter.contoso.local\nAddress:  10.0.0.53\n\nNon-authoritative answer:\nName:    pod01-manag1.jpe.backup.windowsazure.com\nAddress:  0.0.0.0\n";
        assert_eq!(
            run(out).map(|r| (r.0, r.1, r.2)),
            Some((Status::Failed, Reason::Sinkholed, vec!["0.0.0.0".into()]))
        );
    }

    #[test]
    fn nothing_decisive() {
        assert_eq!(run("Server:  UnKnown\nAddress:  168.63.129.16\n"), None);
        assert_eq!(run("DNS request timed out.\n    timeout was 2 seconds."), None);
        assert_eq!(run("*** Can't find server name for address 10.0.0.4: Non-existent domain\nServer:  UnKnown\nAddress:  10.0.0.4"), None);
    }
}
