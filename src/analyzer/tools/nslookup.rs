//! nslookup (BIND 9 old and new wording, BusyBox, Windows): resolved with
//! the final addresses after any CNAME chain, or why not. An answer of only
//! unspecified or loopback addresses (0.0.0.0, 127.0.0.0/8, ::, ::1) is a
//! DNS filter's sinkhole, not a resolution; an answer cut after its `Name:`
//! line, before the address, has no conclusion.

use super::{not_installed, Lines, Verdict};
use crate::analyzer::model::Reason;
use std::net::IpAddr;

/// Reads an nslookup block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'_>> {
    if let Some(v) = not_installed(lines, &["nslookup"]) {
        return Some(v);
    }
    let mut addresses: Vec<&str> = Vec::new();
    let mut first_answer: Option<usize> = None;
    let mut negative: Option<(Reason, usize)> = None;
    let mut no_servers: Option<usize> = None;
    let mut after_server = false;
    let mut in_addresses_list = false;
    // A `Name:` line of the answer whose address has not come yet.
    let mut pending_name = false;

    for (i, raw) in lines.iter() {
        let t = raw.trim_ascii();
        if t.is_empty() {
            // The resolver's address may follow its `Server:` line after a
            // blank line; it is still not an answer.
            in_addresses_list = false;
            continue;
        }
        if t.starts_with("Server:") {
            after_server = true;
            continue;
        }
        if let Some(value) = address_value(t) {
            in_addresses_list = t.starts_with("Addresses:");
            if after_server {
                // The resolver's own address (`Address: 168.63.129.16#53`).
                after_server = false;
                continue;
            }
            if let Some(ip) = first_ip(value) {
                addresses.push(ip);
                first_answer.get_or_insert(i);
                pending_name = false;
            }
            continue;
        }
        if in_addresses_list {
            if let Some(ip) = first_ip(t) {
                addresses.push(ip);
                continue;
            }
        }
        after_server = false;
        if t.starts_with("Name:") {
            pending_name = true;
            continue;
        }
        if let Some(reason) = negative_answer(t) {
            negative.get_or_insert((reason, i));
        } else if (t.starts_with(";;") && t.ends_with("no servers could be reached"))
            || t.starts_with("No response from server")
        {
            no_servers.get_or_insert(i);
        }
    }

    if pending_name {
        // The output stops between a name and its address.
        return None;
    }
    if let Some(at) = first_answer {
        return Some(answered(addresses, at));
    }
    if let Some((reason, at)) = negative {
        return Some(Verdict::failed(reason, at));
    }
    no_servers.map(|at| Verdict::failed(Reason::Timeout, at))
}

/// The value of an `Address:` / `Address 1:` / `Addresses:` line.
fn address_value(t: &str) -> Option<&str> {
    if let Some(list) = t.strip_prefix("Addresses:") {
        return Some(list.trim());
    }
    let rest = t.strip_prefix("Address")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    rest.strip_prefix(':').map(str::trim)
}

/// The first word of `value` when it is an IP address (`#53` / `:53`
/// suffixes of a server address do not parse and are skipped).
fn first_ip(value: &str) -> Option<&str> {
    let word = value.split_whitespace().next()?;
    word.parse::<IpAddr>().ok().map(|_| word)
}

/// An address a DNS filter answers for a blocked name: unspecified
/// (0.0.0.0, ::) or loopback (127.0.0.0/8, ::1).
pub(super) fn is_sinkhole(addr: &str) -> bool {
    addr.parse::<IpAddr>().is_ok_and(|ip| ip.is_unspecified() || ip.is_loopback())
}

/// `** server can't find x: NXDOMAIN`, `*** Can't find x: No answer`, and
/// the Windows wordings.
fn negative_answer(t: &str) -> Option<Reason> {
    // `** server can't find`, `*** Can't find`, `*** UnKnown can't find`.
    if !t.starts_with("**") {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if !lower.contains("can't find") {
        return None;
    }
    let code = lower.rsplit(':').next().unwrap_or("").trim();
    match code {
        "nxdomain" | "non-existent domain" => Some(Reason::Nxdomain),
        "servfail" | "server failed" => Some(Reason::Servfail),
        "refused" | "query refused" => Some(Reason::Refused),
        "no answer" | "noerror" | "no data" => Some(Reason::NoAnswer),
        "timed out" | "timeout" => Some(Reason::Timeout),
        _ => None,
    }
}

/// The verdict of a name's answer (`at`: the line of its first address):
/// resolved, or, when every address is 0.0.0.0 or a loopback address,
/// sinkholed by a DNS filter. Shared by every DNS reader.
pub fn answered(addresses: Vec<&str>, at: usize) -> Verdict<'_> {
    let mut v = if addresses.iter().all(|a| is_sinkhole(a)) {
        Verdict::failed(Reason::Sinkholed, at)
    } else {
        Verdict::ok(Reason::Resolved, at)
    };
    v.addresses = addresses;
    v
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
    fn seed_success_after_cname_chain() {
        let out = "\
Server:\t\t168.63.129.16
Address:\t168.63.129.16#53

Non-authoritative answer:
pod01-rec2.jpe.backup.windowsazure.com\tcanonical name = jpe-pod01-rec2-s2j8q.ext.trafficmanager.net.
jpe-pod01-rec2-s2j8q.ext.trafficmanager.net\tcanonical name = jpe-pod01-rec-01.japaneast.cloudapp.azure.com.
Name:\tjpe-pod01-rec-01.japaneast.cloudapp.azure.com
Address: 20.191.166.150";
        assert_eq!(run(out), Some((Status::Ok, Reason::Resolved, vec!["20.191.166.150".into()], Some(7))));
    }

    #[test]
    fn seed_timeout_old_and_new_bind() {
        let old = ";; connection timed out; no servers could be reached";
        assert_eq!(run(old).map(|r| (r.0, r.1)), Some((Status::Failed, Reason::Timeout)));
        let new = ";; communications error to 10.10.0.4#53: timed out\n;; communications error to 10.10.0.4#53: timed out\n;; no servers could be reached";
        assert_eq!(run(new).map(|r| (r.1, r.3)), Some((Reason::Timeout, Some(2))));
        // Only the retries, nothing final: no conclusion.
        assert_eq!(run(";; communications error to 10.10.0.4#53: timed out"), None);
    }

    #[test]
    fn negative_answers() {
        let case = |t: &str| run(t).map(|r| r.1);
        let head = "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n";
        assert_eq!(case(&format!("{head}** server can't find x.example: NXDOMAIN")), Some(Reason::Nxdomain));
        assert_eq!(
            case(&format!(";; Got SERVFAIL reply from 127.0.0.1\n{head}** server can't find x: SERVFAIL")),
            Some(Reason::Servfail)
        );
        assert_eq!(case(&format!("{head}** server can't find x: REFUSED")), Some(Reason::Refused));
        assert_eq!(
            case(&format!("{head}Non-authoritative answer:\n*** Can't find x: No answer")),
            Some(Reason::NoAnswer)
        );
        assert_eq!(case("*** UnKnown can't find x: Non-existent domain"), Some(Reason::Nxdomain));
    }

    #[test]
    fn answers_win_over_a_missing_aaaa() {
        let out = "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\ta\nAddress: 10.0.1.5\n*** Can't find a: No answer";
        assert_eq!(run(out).map(|r| (r.1, r.2)), Some((Reason::Resolved, vec!["10.0.1.5".into()])));
    }

    #[test]
    fn busybox_and_ipv6() {
        let out = "Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n\nNon-authoritative answer:\nName:\ta\nAddress: 2603:1040::1\n\nName:\ta\nAddress 1: 52.239.145.38 a";
        assert_eq!(run(out).map(|r| r.2), Some(vec!["2603:1040::1".into(), "52.239.145.38".into()]));
    }

    #[test]
    fn header_only_is_no_conclusion() {
        assert_eq!(run("Server:\t\t168.63.129.16\nAddress:\t168.63.129.16#53\n"), None);
        assert_eq!(
            run("bash: nslookup: command not found").map(|r| (r.0, r.1)),
            Some((Status::NotRun, Reason::NotInstalled))
        );
    }

    #[test]
    fn sinkholed_answers() {
        let head = "Server:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\nNon-authoritative answer:\n";
        let one = |addr: &str| run(&format!("{head}Name:\tpod01-prot1.jpe.backup.windowsazure.com\nAddress: {addr}\n"));
        for addr in ["0.0.0.0", "127.0.0.1", "127.255.255.254", "::", "::1"] {
            assert_eq!(one(addr), Some((Status::Failed, Reason::Sinkholed, vec![addr.to_string()], Some(5))), "{addr}");
        }
        // Both families sinkholed (a filter answering A and AAAA).
        let both = format!(
            "{head}Name:\ta.blob.core.windows.net\nAddress: 0.0.0.0\nName:\ta.blob.core.windows.net\nAddress: ::\n"
        );
        assert_eq!(run(&both).map(|r| (r.0, r.1)), Some((Status::Failed, Reason::Sinkholed)));
        // After a CNAME chain, as a filtering forwarder answers.
        let chain = format!(
            "{head}login.microsoftonline.com\tcanonical name = login.mso.msidentity.com.\nName:\tlogin.mso.msidentity.com\nAddress: 127.0.0.1\n"
        );
        assert_eq!(run(&chain).map(|r| r.1), Some(Reason::Sinkholed));
        // One real address among them: the name resolved.
        let mixed = format!("{head}Name:\ta\nAddress: 0.0.0.0\nName:\ta\nAddress: 20.191.166.150\n");
        assert_eq!(run(&mixed).map(|r| (r.0, r.1)), Some((Status::Ok, Reason::Resolved)));
        // The server's own loopback address (systemd-resolved) is not an answer.
        let stub = "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\ta\nAddress: 20.191.166.150";
        assert_eq!(run(stub).map(|r| r.1), Some(Reason::Resolved));
        // Windows' `Addresses:` list.
        let win = "Server:  UnKnown\nAddress:  10.0.0.10\n\nName:    a.blob.core.windows.net\nAddresses:  ::\n          0.0.0.0\n";
        assert_eq!(run(win).map(|r| (r.1, r.2)), Some((Reason::Sinkholed, vec!["::".into(), "0.0.0.0".into()])));
    }

    #[test]
    fn a_name_without_its_address_is_no_resolution() {
        let head = "Server:\t\t168.63.129.16\nAddress:\t168.63.129.16#53\n\nNon-authoritative answer:\n";
        assert_eq!(run(&format!("{head}Name:\tjpe-pod01-rec-01.japaneast.cloudapp.azure.com")), None);
        assert_eq!(run(&format!("{head}Name:\tjpe-pod01-rec-01.japaneast.cloudapp.azure.com\n")), None);
        // Cut after the first pair, inside the second.
        let cut = format!("{head}Name:\ta\nAddress: 20.190.141.36\nName:\ta\n");
        assert_eq!(run(&cut), None);
        assert_eq!(
            run(&format!("{head}Name:\ta\nAddress: 20.190.141.36\nName:\ta\nAddress: 20.190.141.37")).map(|r| r.1),
            Some(Reason::Resolved)
        );
    }
}
