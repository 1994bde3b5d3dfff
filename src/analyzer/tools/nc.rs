//! nc -vz: Nmap's Ncat (7.50 wording and current; 6.40 has no `-z`),
//! OpenBSD netcat (one line per address tried: any success wins), BusyBox
//! and traditional netcat, or the tool missing.

use super::{errno_reason, not_installed, Lines, Verdict};
use crate::analyzer::model::{Reason, Status};
use std::borrow::Cow;

/// Reads an nc block.
pub fn read(lines: Lines<'_>) -> Option<Verdict<'static>> {
    let tool = identify(lines);
    // Called on one path only: the name moves into the verdict.
    let with_tool = move |mut v: Verdict<'static>| {
        v.tool = tool;
        v
    };
    if let Some(v) = not_installed(lines, &["nc", "ncat", "netcat"]) {
        return Some(v);
    }
    if let Some((i, _)) = lines.iter().find(|(_, l)| no_z_option(l)) {
        return Some(with_tool(Verdict::new(Status::NotRun, Reason::Unsupported, Some(i))));
    }
    if let Some((i, _)) = lines.iter().rev().find(|(_, l)| connected(l)) {
        return Some(with_tool(Verdict::ok(Reason::Connected, i)));
    }
    // Several addresses may have been tried, each with its own error: the
    // strongest sign wins (a timeout anywhere means packets were dropped).
    // Ncat announces each further try (`Trying next address...`) and ends
    // with the outcome of the last: an announcement with nothing after it
    // is a run cut off while trying, which has no outcome yet.
    let mut best: Option<(Reason, usize)> = None;
    let mut trying = false;
    for (i, line) in lines.iter() {
        if next_address(line) {
            trying = true;
            continue;
        }
        if is_noise(line) {
            continue;
        }
        let Some(reason) = failure(line) else { continue };
        trying = false;
        let rank = |r: Reason| match r {
            Reason::Timeout => 4,
            Reason::Refused => 3,
            Reason::Unreachable => 2,
            _ => 1,
        };
        if best.is_none_or(|(b, _)| rank(reason) >= rank(b)) {
            best = Some((reason, i));
        }
    }
    if trying {
        return None;
    }
    best.map(|(reason, i)| with_tool(Verdict::failed(reason, i)))
}

/// Ncat's `Trying next address...`, printed before it tries another address.
fn next_address(line: &str) -> bool {
    line.trim().starts_with("Ncat: Trying next address")
}

/// The nc variant, from its banner or wording.
fn identify(lines: Lines) -> Option<Cow<'static, str>> {
    for (_, l) in lines.iter() {
        let t = l.trim();
        if let Some(rest) = t.strip_prefix("Ncat: Version ") {
            let version = rest.split_whitespace().next().unwrap_or("");
            return Some(Cow::Owned(format!("Ncat {version}")));
        }
        if t.contains("BusyBox") {
            return Some(Cow::Borrowed("BusyBox nc"));
        }
        if (t.starts_with("Connection to ") && t.contains("succeeded"))
            || t.starts_with("nc: connect to ")
            || t.starts_with("nc: getaddrinfo")
        {
            return Some(Cow::Borrowed("OpenBSD netcat"));
        }
    }
    None
}

/// `nc: invalid option -- 'z'` (Ncat 6.40, BusyBox without -z).
fn no_z_option(line: &str) -> bool {
    line.contains('z')
        && (line.contains("invalid option") || line.contains("illegal option") || line.contains("unrecognized option"))
}

/// A line that reports an established connection.
fn connected(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("Ncat: Connected to ")
        || (t.starts_with("Connection to ") && t.ends_with("succeeded!"))
        // BusyBox `host (ip:port) open`, traditional `host [ip] port (svc) open`
        || (t.ends_with(") open") || t.ends_with("] open") || t.ends_with(" open")) && (t.contains('(') || t.contains('['))
}

fn is_noise(line: &str) -> bool {
    let t = line.trim();
    // GNU timeout's own words (`timeout: sending signal TERM to command
    // 'nc'`) are not nc's: they hold "timeout" but report no nc outcome.
    t.starts_with("Ncat: Version") || next_address(t) || t.contains("bytes sent") || t.starts_with("timeout: ")
}

/// The reason a failure line gives.
fn failure(line: &str) -> Option<Reason> {
    let t = line.trim();
    if t.contains("getaddrinfo") || t.contains("bad address") || t.contains("Could not resolve hostname") {
        return Some(Reason::Unresolved);
    }
    if t.eq_ignore_ascii_case("Ncat: TIMEOUT.") {
        return Some(Reason::Timeout);
    }
    errno_reason(t)
}

/// Whether an nc option takes a value (so the value is not read as the destination).
pub fn option_takes_value(w: &str) -> bool {
    matches!(
        w,
        "-w" | "-i"
            | "-p"
            | "-s"
            | "-x"
            | "-X"
            | "-q"
            | "-T"
            | "-I"
            | "-O"
            | "-P"
            | "-V"
            | "-e"
            | "-c"
            | "-W"
            | "-M"
            | "-m"
            | "-g"
            | "-G"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Option<(Status, Reason, Option<usize>, Option<String>)> {
        super::super::read_text(text, read).map(|v| (v.status, v.reason, v.evidence, v.tool.map(Cow::into_owned)))
    }

    #[track_caller]
    fn reason(text: &str, want: Reason) {
        assert_eq!(run(text).map(|r| r.1), Some(want), "{text}");
    }

    #[test]
    fn ncat_trying_the_next_address_has_no_outcome_yet() {
        let cut = "Ncat: Version 7.50 ( https://nmap.org/ncat )\nNcat: Connection to 2603:1046:1400::1 failed: Network is unreachable.\nNcat: Trying next address...";
        assert_eq!(run(cut), None);
        reason(&format!("{cut}\nNcat: Connection timed out."), Reason::Timeout);
        assert_eq!(run(&format!("{cut}\nNcat: Connected to 20.191.166.134:443.")).map(|r| r.0), Some(Status::Ok));
    }

    #[test]
    fn seed_examples() {
        let ok = "Ncat: Version 7.50 ( https://nmap.org/ncat )\nNcat: Connected to 20.191.166.134:443.\nNcat: 0 bytes sent, 0 bytes received in 0.06 seconds.";
        assert_eq!(run(ok), Some((Status::Ok, Reason::Connected, Some(1), Some("Ncat 7.50".into()))));
        reason("Ncat: Version 7.50 ( https://nmap.org/ncat )\nNcat: Connection timed out.", Reason::Timeout);
        reason(
            "nc: connect to pod01-prot1.jpe.backup.windowsazure.com port 443 (tcp) failed: Connection timed out",
            Reason::Timeout,
        );
    }

    #[test]
    fn ncat_wordings() {
        reason("Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: TIMEOUT.", Reason::Timeout);
        reason("Ncat: Connection refused.", Reason::Refused);
        reason("Ncat: Connection reset by peer.", Reason::Refused);
        reason("Ncat: No route to host.", Reason::Unreachable);
        reason("Ncat: Network is unreachable.", Reason::Unreachable);
        reason(
            "Ncat: Could not resolve hostname \"x.example\": Temporary failure in name resolution. QUITTING.",
            Reason::Unresolved,
        );
        reason(
            "Ncat: Connection to 40.126.53.6 failed: Connection timed out.\nNcat: Trying next address...\nNcat: Connection to 40.126.53.13 failed: Connection refused.\nNcat: Connection refused.",
            Reason::Timeout,
        );
    }

    #[test]
    fn openbsd_wordings_and_later_success_wins() {
        reason("Connection to a.example (1.2.3.4) 443 port [tcp/https] succeeded!", Reason::Connected);
        reason("Connection to a.example 3260 port [tcp/iscsi-target] succeeded!", Reason::Connected);
        reason(
            "nc: connect to a.example (2603:1::1) port 443 (tcp) failed: Network is unreachable\nConnection to a.example (1.2.3.4) 443 port [tcp/https] succeeded!",
            Reason::Connected,
        );
        reason("nc: connect to a (1.2.3.4) port 443 (tcp) failed: Connection refused", Reason::Refused);
        reason("nc: getaddrinfo for host \"a\" port 443: Name or service not known", Reason::Unresolved);
        reason("nc: Name or service not known", Reason::Unresolved);
    }

    #[test]
    fn busybox_and_traditional() {
        reason("a.example (1.2.3.4:443) open", Reason::Connected);
        reason("nc: a.example (1.2.3.4:443): Connection timed out", Reason::Timeout);
        reason("nc: bad address 'a.example'", Reason::Unresolved);
        reason("a.example [1.2.3.4] 443 (https) open", Reason::Connected);
        reason("a.example [1.2.3.4] 443 (https) : Connection refused", Reason::Refused);
    }

    #[test]
    fn tool_missing_or_without_z() {
        assert_eq!(
            run("./Check_Backup_NW_Linux_ver1.6.sh: line 29: nc: command not found").map(|r| (r.0, r.1)),
            Some((Status::NotRun, Reason::NotInstalled))
        );
        assert_eq!(run("./check.sh: 29: nc: not found").map(|r| r.1), Some(Reason::NotInstalled));
        assert_eq!(
            run("nc: invalid option -- 'z'\nNcat: Try `--help' or man(1) ncat for more information, usage options and help. QUITTING.")
                .map(|r| (r.0, r.1)),
            Some((Status::NotRun, Reason::Unsupported))
        );
    }

    #[test]
    fn wrapper_words_are_not_a_timeout() {
        for text in [
            "timeout: failed to run command 'nc': No such file or directory",
            "timeout: failed to run command 'nc': Permission denied",
            "/bin/sh: 1: nc: not found",
        ] {
            assert_eq!(run(text).map(|r| (r.0, r.1)), Some((Status::NotRun, Reason::NotInstalled)), "{text}");
        }
        assert_eq!(run("timeout: sending signal TERM to command 'nc'"), None);
        // The tool's own words after a wrapper's note still count.
        reason("timeout: sending signal TERM to command 'nc'\nNcat: Connection timed out.", Reason::Timeout);
    }

    #[test]
    fn local_policy_is_the_tools_failure() {
        reason("Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Permission denied.", Reason::Unreachable);
        reason("nc: connect to a.example port 443 (tcp) failed: Operation not permitted", Reason::Unreachable);
    }

    #[test]
    fn banner_only_is_no_conclusion() {
        assert_eq!(run("Ncat: Version 7.93 ( https://nmap.org/ncat )"), None);
        assert_eq!(run("something else entirely"), None);
    }
}
