//! Resolve-DnsName: its records as a table (`Name Type TTL Section
//! IPAddress` / `NameHost`) or as a list (`IP4Address : ...`, when record
//! types are mixed), or its error (`Resolve-DnsName : x : DNS name does not
//! exist`, with the error id `DNS_ERROR_RCODE_NAME_ERROR`). The error ids
//! are the same on every Windows; the messages are translated.

use super::{Lines, Verdict};
use crate::analyzer::model::Reason;
use std::net::IpAddr;

/// Reads a Resolve-DnsName block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'_>> {
    let mut addresses: Vec<&str> = Vec::new();
    let mut first_answer: Option<usize> = None;
    let mut authority_only: Option<usize> = None;
    let mut error: Option<(Reason, usize)> = None;
    let mut error_line: Option<usize> = None;
    // The list form's current record: its section, when given before the address.
    let mut section_answer = true;
    for (i, raw) in lines.iter() {
        let t = raw.trim();
        if t.is_empty() {
            section_answer = true;
            continue;
        }
        if let Some(reason) = error_id(t) {
            // The id is certain; the message line above it is the evidence.
            error = Some((reason, error_line.unwrap_or(i)));
            continue;
        }
        if let Some(message) = console_error(t) {
            error_line.get_or_insert(i);
            if error.is_none() {
                if let Some(reason) = error_message(message) {
                    error = Some((reason, i));
                }
            }
            continue;
        }
        if let Some((name, value)) = t.split_once(':').map(|(n, v)| (n.trim(), v.trim())) {
            match name {
                "Section" => section_answer = value == "Answer",
                "IP4Address" | "IP6Address" | "IPAddress" if section_answer => {
                    if let Some(ip) = first_ip(value) {
                        addresses.push(ip);
                        first_answer.get_or_insert(i);
                    }
                }
                _ => {}
            }
            // A list row; a table row holds a colon only in an IPv6 address.
            if !name.contains(' ') {
                continue;
            }
        }
        // A table row: name, type, TTL, section, then the data.
        let words: Vec<&str> = t.split_whitespace().collect();
        if let [_, kind, ttl, section, data, ..] = words.as_slice() {
            if !ttl.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match (*kind, *section) {
                ("A" | "AAAA", "Answer") => {
                    if let Some(ip) = first_ip(data) {
                        addresses.push(ip);
                        first_answer.get_or_insert(i);
                    }
                }
                ("SOA", "Authority") => {
                    authority_only.get_or_insert(i);
                }
                _ => {}
            }
        }
    }
    if let Some(at) = first_answer {
        return Some(super::nslookup::answered(addresses, at));
    }
    if let Some((reason, at)) = error {
        return Some(Verdict::failed(reason, at));
    }
    // The zone's SOA alone: the name exists, with no address record.
    authority_only.map(|at| Verdict::failed(Reason::NoAnswer, at))
}

/// The message of `Resolve-DnsName : x : message` (PowerShell 7:
/// `Resolve-DnsName: x : message`).
fn console_error(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("Resolve-DnsName")?.trim_start().strip_prefix(':')?;
    Some(rest.trim())
}

/// The reason an error id gives (`+ FullyQualifiedErrorId :
/// DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName`).
fn error_id(t: &str) -> Option<Reason> {
    let rest = t.trim_start_matches(['+', ' ']).strip_prefix("FullyQualifiedErrorId")?;
    let id = rest.trim_start().strip_prefix(':')?.trim().split(',').next()?.trim();
    Some(match id {
        "DNS_ERROR_RCODE_NAME_ERROR" => Reason::Nxdomain,
        "DNS_ERROR_RCODE_SERVER_FAILURE" => Reason::Servfail,
        "DNS_ERROR_RCODE_REFUSED" => Reason::Refused,
        "ERROR_TIMEOUT" => Reason::Timeout,
        "DNS_INFO_NO_RECORDS" => Reason::NoAnswer,
        _ => return None,
    })
}

/// The reason an error message gives, English or Japanese.
fn error_message(message: &str) -> Option<Reason> {
    let m = message.to_ascii_lowercase();
    if m.contains("dns name does not exist")
        || message.contains("DNS 名が存在しません")
        || message.contains("DNS 名は存在しません")
    {
        Some(Reason::Nxdomain)
    } else if m.contains("timeout period expired") || message.contains("タイムアウト") {
        Some(Reason::Timeout)
    } else if m.contains("dns server failure") {
        Some(Reason::Servfail)
    } else if m.contains("no records found") {
        Some(Reason::NoAnswer)
    } else {
        None
    }
}

fn first_ip(value: &str) -> Option<&str> {
    let word = value.split_whitespace().next()?;
    word.parse::<IpAddr>().ok().map(|_| word)
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
    fn table_of_a_records() {
        let out = "\nName                                           Type   TTL   Section    IPAddress\n----                                           ----   ---   -------    ---------\nlogin.microsoftonline.com                      A      300   Answer     20.190.151.7\nlogin.microsoftonline.com                      A      300   Answer     40.126.23.98\nlogin.microsoftonline.com                      AAAA   300   Answer     2603:1046:2000:28::1\n";
        assert_eq!(
            run(out),
            Some((
                Status::Ok,
                Reason::Resolved,
                vec!["20.190.151.7".into(), "40.126.23.98".into(), "2603:1046:2000:28::1".into()],
                Some(3)
            ))
        );
    }

    #[test]
    fn cname_table_then_list() {
        let out = "\nName                           Type   TTL   Section    NameHost\n----                           ----   ---   -------    --------\nsa1.blob.core.windows.net      CNAME  60    Answer     sa1.privatelink.blob.core.windows.net\n\nName       : sa1.privatelink.blob.core.windows.net\nQueryType  : A\nTTL        : 10\nSection    : Answer\nIP4Address : 10.1.2.5\n";
        assert_eq!(run(out).map(|r| (r.1, r.2)), Some((Reason::Resolved, vec!["10.1.2.5".into()])));
    }

    #[test]
    fn errors() {
        let nx = "Resolve-DnsName : nosuch.blob.core.windows.net : DNS name does not exist\nAt line:1 char:1\n+ Resolve-DnsName nosuch.blob.core.windows.net\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : ResourceUnavailable: (nosuch.blob.core.windows.net:String) [Resolve-DnsName], Win32Exception\n    + FullyQualifiedErrorId : DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName";
        assert_eq!(run(nx).map(|r| (r.0, r.1, r.3)), Some((Status::Failed, Reason::Nxdomain, Some(0))));
        let ja = "Resolve-DnsName : nosuch.blob.core.windows.net : DNS 名が存在しません\n発生場所 行:1 文字:1";
        assert_eq!(run(ja).map(|r| r.1), Some(Reason::Nxdomain));
        let timeout = "Resolve-DnsName : a.example : This operation returned because the timeout period expired\n    + FullyQualifiedErrorId : ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName";
        assert_eq!(run(timeout).map(|r| r.1), Some(Reason::Timeout));
        // The id decides when the message is in another language.
        let other = "Resolve-DnsName : a.example : (message traduit)\n    + FullyQualifiedErrorId : DNS_ERROR_RCODE_SERVER_FAILURE,Microsoft.DnsClient.Commands.ResolveDnsName";
        assert_eq!(run(other).map(|r| (r.1, r.3)), Some((Reason::Servfail, Some(0))));
    }

    #[test]
    fn soa_only_is_no_answer() {
        let out = "Name                        Type TTL   Section    PrimaryServer               NameAdministrator           SerialNumber\n----                        ---- ---   -------    -------------               -----------------           ------------\nwindows.net                 SOA  60    Authority  ns1-39.azure-dns.com        azuredns-hostmaster.microsoft.com 1";
        assert_eq!(run(out).map(|r| (r.0, r.1)), Some((Status::Failed, Reason::NoAnswer)));
    }

    #[test]
    fn sinkholed() {
        let out = "Name                           Type   TTL   Section    IPAddress\n----                           ----   ---   -------    ---------\nsa01.blob.core.windows.net     A      60    Answer     0.0.0.0\n";
        assert_eq!(run(out).map(|r| (r.0, r.1)), Some((Status::Failed, Reason::Sinkholed)));
    }

    #[test]
    fn nothing_decisive() {
        assert_eq!(run(""), None);
        assert_eq!(run("Resolve-DnsName : a : something else"), None);
    }
}
