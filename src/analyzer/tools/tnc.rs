//! Test-NetConnection (`tnc`) with a port: the Windows scripts' summary
//! line (`Result of tnc - 443 / from A /To URL  X IPaddress B /
//! TcpTestSucceeded: True`), the cmdlet's object output typed by hand
//! (`TcpTestSucceeded : True`), and its warnings (`WARNING:`, on Japanese
//! Windows `警告:`), whose text stays English on every Windows.
//!
//! Test-NetConnection makes a plain TCP connection from the machine's own
//! route: it never goes through a proxy.
//!
//! A failed TCP test is reported as `timeout`. The cmdlet prints the same
//! `TCP connect to (ip : port) failed` and `TcpTestSucceeded: False` for a
//! dropped and for a refused connection, so it cannot tell them apart; the
//! schema's TCP reasons have no "failed, cause unknown", and of the two the
//! facts (the support blog's reading of this line: the name resolved, no
//! connection came up, i.e. a firewall or NSG in the path) describe the
//! dropped connection, which is also what Azure's public endpoints do when
//! a firewall blocks them (they never refuse port 443 themselves).

use super::{Lines, Verdict};
use crate::analyzer::model::{Reason, Status};
use std::borrow::Cow;

/// What the script's `Result of tnc` line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine<'a> {
    pub port: Option<u16>,
    /// The source address (`from A`), empty when the test never started.
    pub source: &'a str,
    /// The name tested (`To URL  X`).
    pub target: &'a str,
    /// The address the name resolved to, empty when it did not resolve.
    pub address: &'a str,
    /// `TcpTestSucceeded`: `None` when the value is neither True nor False.
    pub succeeded: Option<bool>,
}

/// Reads a Test-NetConnection block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'static>> {
    let mut unresolved: Option<usize> = None;
    let mut tcp_failed: Option<usize> = None;
    let mut remote_empty = false;
    let mut ping_row: Option<usize> = None;
    let mut decided: Option<Verdict<'static>> = None;
    let mut stopped: Option<usize> = None;
    let mut quiet: Option<(bool, usize)> = None;
    for (i, line) in lines.iter() {
        let t = line.trim();
        if super::invoke_webrequest::PIPELINE_STOPPED.iter().any(|p| t.contains(p)) {
            stopped.get_or_insert(i);
            continue;
        }
        if let Some(w) = warning(t) {
            if w.starts_with("Name resolution of") {
                unresolved.get_or_insert(i);
            } else if w.starts_with("TCP connect to") {
                tcp_failed.get_or_insert(i);
            }
            continue;
        }
        if let Some(r) = result_line(t) {
            decided = match r.succeeded {
                Some(true) => Some(Verdict::ok(Reason::Connected, i)),
                // No address: the name never resolved (the warning says so
                // too, when the transcript kept it).
                Some(false) if r.address.is_empty() => {
                    Some(Verdict::failed(Reason::Unresolved, unresolved.unwrap_or(i)))
                }
                Some(false) => Some(Verdict::failed(Reason::Timeout, i)),
                None => None,
            };
            continue;
        }
        // `-InformationLevel Quiet` prints the TCP test's result alone.
        if decided.is_none() && (t == "True" || t == "False") {
            quiet = Some((t == "True", i));
            continue;
        }
        if let Some((name, value)) = property(t) {
            match name {
                "TcpTestSucceeded" => {
                    decided = match value {
                        "True" => Some(Verdict::ok(Reason::Connected, i)),
                        "False" if remote_empty => Some(Verdict::failed(Reason::Unresolved, unresolved.unwrap_or(i))),
                        "False" => Some(Verdict::failed(Reason::Timeout, i)),
                        _ => None,
                    }
                }
                "RemoteAddress" => remote_empty = value.is_empty(),
                "PingSucceeded" => ping_row = Some(i),
                _ => {}
            }
        }
    }
    let decided = decided.or_else(|| {
        quiet.map(|(ok, i)| match (ok, unresolved) {
            (true, _) => Verdict::ok(Reason::Connected, i),
            (false, Some(u)) => Verdict::failed(Reason::Unresolved, u),
            (false, None) => Verdict::failed(Reason::Timeout, i),
        })
    });
    if let Some(mut v) = decided {
        v.tool = Some(Cow::Borrowed("Test-NetConnection"));
        return Some(v);
    }
    // The object of a name that did not resolve has no TcpTestSucceeded
    // row: an empty RemoteAddress beside the ping's result, or the warning.
    let Some(at) = unresolved.or(ping_row.filter(|_| remote_empty)) else {
        // Ctrl+C while it ran.
        return stopped.map(|i| Verdict::new(Status::NotRun, Reason::Interrupted, Some(i)));
    };
    let mut v = Verdict::failed(Reason::Unresolved, at);
    v.tool = Some(Cow::Borrowed("Test-NetConnection"));
    Some(v)
}

/// The text of a `WARNING: ...` / `警告: ...` line.
pub fn warning(t: &str) -> Option<&str> {
    let rest = t
        .strip_prefix("WARNING:")
        .or_else(|| t.strip_prefix("警告:"))
        .or_else(|| t.strip_prefix("警告："))
        .or_else(|| t.strip_prefix("警告 :"))?;
    Some(rest.trim())
}

/// `Result of tnc - 443 / from 10.8.0.6 /To URL  X IPaddress 20.1.2.3 / TcpTestSucceeded: True`.
pub fn result_line(t: &str) -> Option<ResultLine<'_>> {
    let rest = t.strip_prefix("Result of tnc")?;
    let rest = rest.trim_start().strip_prefix('-').unwrap_or(rest).trim_start();
    let (port, rest) = rest.split_once("/ from").or_else(|| rest.split_once("/from"))?;
    let (source, rest) = rest.split_once("/To URL")?;
    let (target, rest) = rest.split_once("IPaddress").unwrap_or((rest, ""));
    let (address, rest) = rest.split_once('/').unwrap_or(("", rest));
    let value = rest.trim().strip_prefix("TcpTestSucceeded")?.trim_start().strip_prefix(':')?.trim();
    let succeeded = if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    };
    Some(ResultLine {
        port: port.trim().parse().ok(),
        source: source.trim(),
        target: target.trim(),
        address: address.trim(),
        succeeded,
    })
}

/// A `Name   : value` row of the cmdlet's object output.
fn property(t: &str) -> Option<(&str, &str)> {
    let (name, value) = t.split_once(':')?;
    let name = name.trim_end();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'(' || b == b')') {
        return None;
    }
    Some((name, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Option<(Status, Reason, Option<usize>)> {
        super::super::read_text(text, read).map(|v| (v.status, v.reason, v.evidence))
    }

    #[test]
    fn script_result_lines() {
        // The support blog's example line, and the same failing.
        let ok = "Result of tnc - 443 / from 10.8.0.6 /To URL  pod01-manag1.jpe.backup.windowsazure.com IPaddress 20.191.166.134 / TcpTestSucceeded: True";
        assert_eq!(run(ok), Some((Status::Ok, Reason::Connected, Some(0))));
        let failed = "WARNING: TCP connect to (20.191.166.134 : 443) failed\nWARNING: Ping to 20.191.166.134 failed with status: TimedOut\nResult of tnc - 443 / from 10.8.0.6 /To URL  pod01-manag1.jpe.backup.windowsazure.com IPaddress 20.191.166.134 / TcpTestSucceeded: False ";
        assert_eq!(run(failed), Some((Status::Failed, Reason::Timeout, Some(2))));
        // Japanese Windows: only the warning's prefix is translated.
        let ja = "警告: TCP connect to (104.244.43.248 : 443) failed\n警告: Ping to 104.244.43.248 failed with status: TimedOut\nResult of tnc - 443 / from 172.16.5.22 /To URL  login.microsoft.com IPaddress 104.244.43.248 / TcpTestSucceeded: False";
        assert_eq!(run(ja), Some((Status::Failed, Reason::Timeout, Some(2))));
    }

    #[test]
    fn name_resolution_failed() {
        let script = "WARNING: Name resolution of nosuch.blob.core.windows.net failed\nResult of tnc - 443 / from  /To URL  nosuch.blob.core.windows.net IPaddress  / TcpTestSucceeded: False";
        assert_eq!(run(script), Some((Status::Failed, Reason::Unresolved, Some(0))));
        let older = "WARNING: Name resolution of x.example failed -- Status: HostNotFound\nResult of tnc - 443 / from  /To URL  x.example IPaddress  / TcpTestSucceeded: False";
        assert_eq!(run(older).map(|r| r.1), Some(Reason::Unresolved));
        let ja = "警告: Name resolution of x.example failed\nResult of tnc - 443 / from  /To URL  x.example IPaddress  / TcpTestSucceeded: False";
        assert_eq!(run(ja).map(|r| r.1), Some(Reason::Unresolved));
        // The object typed by hand: no TcpTestSucceeded row.
        let typed = "WARNING: Name resolution of asrcachesa0l.blob.core.windows.net failed\n\n\nComputerName   : asrcachesa0l.blob.core.windows.net\nRemoteAddress  :\nInterfaceAlias :\nSourceAddress  :\nPingSucceeded  : False\n";
        assert_eq!(run(typed), Some((Status::Failed, Reason::Unresolved, Some(0))));
        let no_warning = "ComputerName   : x.example\nRemoteAddress  :\nInterfaceAlias :\nSourceAddress  :\nPingSucceeded  : False\n";
        assert_eq!(run(no_warning), Some((Status::Failed, Reason::Unresolved, Some(4))));
    }

    #[test]
    fn typed_object_output() {
        let ok = "\n\nComputerName     : o.blob.core.windows.net\nRemoteAddress    : 20.150.1.2\nRemotePort       : 443\nInterfaceAlias   : Ethernet 4\nSourceAddress    : 10.0.0.254\nTcpTestSucceeded : True\n";
        assert_eq!(run(ok), Some((Status::Ok, Reason::Connected, Some(7))));
        let ja = "ComputerName     : 10.20.1.5\nRemoteAddress    : 10.20.1.5\nRemotePort       : 443\nInterfaceAlias   : イーサネット\nSourceAddress    : 10.20.2.9\nTcpTestSucceeded : True";
        assert_eq!(run(ja).map(|r| r.1), Some(Reason::Connected));
        let failed = "WARNING: TCP connect to (20.150.1.2 : 443) failed\nComputerName           : o.blob.core.windows.net\nRemoteAddress          : 20.150.1.2\nRemotePort             : 443\nInterfaceAlias         : Ethernet\nSourceAddress          : 10.0.0.4\nPingSucceeded          : False\nPingReplyDetails (RTT) : 0 ms\nTcpTestSucceeded       : False";
        assert_eq!(run(failed), Some((Status::Failed, Reason::Timeout, Some(8))));
    }

    #[test]
    fn nothing_decisive() {
        // Cut off after the warnings, or a ping-only object with an address.
        assert_eq!(run("WARNING: TCP connect to (20.1.2.3 : 443) failed"), None);
        assert_eq!(run("ComputerName : a\nRemoteAddress : 1.2.3.4\nPingSucceeded : True"), None);
        assert_eq!(run("Result of tnc - 443 / from 1.2.3.4 /To URL  a IPaddress 2.3.4.5 / TcpTestSucceeded: "), None);
        assert_eq!(run(""), None);
    }

    #[test]
    fn quiet_output() {
        assert_eq!(run("True"), Some((Status::Ok, Reason::Connected, Some(0))));
        assert_eq!(
            run("WARNING: TCP connect to (20.1.2.3 : 443) failed\nFalse"),
            Some((Status::Failed, Reason::Timeout, Some(1)))
        );
        assert_eq!(run("WARNING: Name resolution of x.example failed\nFalse").map(|r| r.1), Some(Reason::Unresolved));
    }

    #[test]
    fn stopped_with_ctrl_c() {
        let stopped = "WARNING: TCP connect to (20.1.2.3 : 443) failed\nPS>TerminatingError(Test-NetConnection): \"The pipeline has been stopped.\"";
        assert_eq!(run(stopped), Some((Status::NotRun, Reason::Interrupted, Some(1))));
    }

    #[test]
    fn result_line_fields() {
        let r = result_line("Result of tnc - 3260 / from 10.9.0.4 /To URL  pod01-rec2.jpw.backup.windowsazure.com IPaddress 20.189.73.131 / TcpTestSucceeded: False").unwrap();
        assert_eq!(
            r,
            ResultLine {
                port: Some(3260),
                source: "10.9.0.4",
                target: "pod01-rec2.jpw.backup.windowsazure.com",
                address: "20.189.73.131",
                succeeded: Some(false)
            }
        );
    }
}
