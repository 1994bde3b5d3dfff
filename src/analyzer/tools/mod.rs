//! One reader per command kind. Each is a pure function from a block's
//! output lines to a [`Verdict`], or `None` when the output holds no
//! conclusion (the caller then decides between "cut off" and "not
//! understood"; a reader never guesses).

pub mod curl;
pub mod nc;
pub mod nslookup;

use super::model::{Reason, Status};
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::sync::OnceLock;

/// A fixed string to look for in many short lines: the searcher is built
/// once, not per line.
pub struct Needle {
    text: &'static str,
    finder: OnceLock<Finder<'static>>,
}

impl Needle {
    pub const fn new(text: &'static str) -> Needle {
        Needle { text, finder: OnceLock::new() }
    }

    /// Byte offset of the first occurrence in `hay`.
    pub fn find(&self, hay: &str) -> Option<usize> {
        self.finder.get_or_init(|| Finder::new(self.text)).find(hay.as_bytes())
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// The output lines of a block, each with its 0-based index in the log;
/// separators are left out. Cheap to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lines<'a> {
    lines: &'a [(usize, &'a str)],
}

impl<'a> Lines<'a> {
    pub fn new(lines: &'a [(usize, &'a str)]) -> Lines<'a> {
        Lines { lines }
    }

    /// Each line with its 0-based index in the log.
    pub fn iter(self) -> impl DoubleEndedIterator<Item = (usize, &'a str)> {
        self.lines.iter().copied()
    }

    /// Line `index` (0-based in the log), if it is one of these lines.
    pub fn get(self, index: usize) -> Option<&'a str> {
        self.iter().find(|&(i, _)| i == index).map(|(_, l)| l)
    }
}

/// Runs `read` on the lines of `text` (the first is line 0), separators
/// left out as the block splitter leaves them out: for tests.
/// Whether a connection error is the machine's own refusal (`Permission
/// denied`, `Operation not permitted`: a local firewall or SELinux stopped
/// it before it left), not the network's.
pub fn is_local_refusal(evidence: &str) -> bool {
    evidence.contains("Permission denied") || evidence.contains("Operation not permitted")
}

#[cfg(test)]
pub fn read_text<T>(text: &str, read: impl FnOnce(Lines) -> T) -> T {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().filter(|(_, l)| !is_separator(l)).collect();
    read(Lines::new(&lines))
}

/// A line of only `=` or `-` (at least four): the scripts' separator.
pub fn is_separator(line: &str) -> bool {
    let t = line.trim_ascii_start();
    match t.as_bytes().first() {
        Some(b'=' | b'-') => {
            let t = t.trim_ascii_end();
            t.len() >= 4 && t.bytes().all(|b| b == b'=' || b == b'-')
        }
        _ => false,
    }
}

/// What a reader concluded from a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict<'a> {
    pub status: Status,
    pub reason: Reason,
    pub http_status: Option<u16>,
    /// dns: the final answer addresses, in order.
    pub addresses: Vec<&'a str>,
    /// 0-based index of the line that decided.
    pub evidence: Option<usize>,
    /// The tool's identity when the output shows it.
    pub tool: Option<Cow<'static, str>>,
    /// curl went through a proxy tunnel (`200 Connection established`).
    pub via_proxy: bool,
}

impl Verdict<'_> {
    pub fn new(status: Status, reason: Reason, evidence: Option<usize>) -> Self {
        Verdict { status, reason, http_status: None, addresses: Vec::new(), evidence, tool: None, via_proxy: false }
    }

    pub fn ok(reason: Reason, evidence: usize) -> Self {
        Verdict::new(Status::Ok, reason, Some(evidence))
    }

    pub fn failed(reason: Reason, evidence: usize) -> Self {
        Verdict::new(Status::Failed, reason, Some(evidence))
    }
}

/// The line saying the tool itself is missing or cannot be run, in the
/// words of the shell or of a wrapper that was to run it: `nc: command not
/// found`, dash's `/bin/sh: 1: nc: not found`, `bash: /usr/bin/nc: No such
/// file or directory`, GNU `timeout: failed to run command 'nc': No such
/// file or directory` (or `Permission denied`), `env: ‘nc’: ...`.
pub fn not_installed(lines: Lines<'_>, names: &[&str]) -> Option<Verdict<'static>> {
    const TAILS: [&str; 5] = [
        ": command not found",
        ": not found",
        ": No such file or directory",
        ": Permission denied",
        ": コマンドが見つかりません",
    ];
    lines.iter().find_map(|(i, line)| {
        // The shell's message ends the line: its last byte tells most lines
        // apart (zsh's ends with the tool's name).
        let t = line.trim_ascii_end();
        let last = *t.as_bytes().last()?;
        if !matches!(last, b'd' | b'y' | 0x93) && !names.iter().any(|n| n.as_bytes().last() == Some(&last)) {
            return None;
        }
        let Some(tail) = TAILS.iter().find(|tail| t.ends_with(*tail)) else {
            // zsh names the tool last: `zsh: command not found: nc`.
            let hit = names.iter().any(|n| {
                t.strip_suffix(n).is_some_and(|head| head.ends_with("command not found: ") && head.contains("sh: "))
            });
            return hit.then(|| Verdict::new(Status::NotRun, Reason::NotInstalled, Some(i)));
        };
        let head = &t[..t.len() - tail.len()];
        // The tool as the message names it: bare, as a path, or quoted.
        let (word, quoted) = match head.strip_suffix(['\'', '’', '"']) {
            Some(inner) => (inner, true),
            None => (head, false),
        };
        let hit = names.iter().any(|n| {
            let Some(before) = word.strip_suffix(n) else { return false };
            let prev = before.chars().next_back();
            if quoted {
                return matches!(prev, Some('\'' | '‘' | '"' | '/'));
            }
            match prev {
                // A line that is only `nc: Permission denied` would be the
                // tool's own words, not the shell's.
                None => *tail != ": Permission denied",
                Some(c) => matches!(c, ' ' | '\t' | ':' | '/'),
            }
        });
        hit.then(|| Verdict::new(Status::NotRun, Reason::NotInstalled, Some(i)))
    })
}

/// Socket error text → reason, shared by nc and curl (`Connection timed
/// out`, `Connection refused`, `No route to host`, ...).
pub fn errno_reason(text: &str) -> Option<Reason> {
    let t = text.to_ascii_lowercase();
    if t.contains("timed out") || t.contains("timeout") {
        Some(Reason::Timeout)
    } else if t.contains("refused") || t.contains("reset by peer") {
        // A reset while connecting is an active refusal too.
        Some(Reason::Refused)
    } else if t.contains("no route to host")
        || t.contains("network is unreachable")
        || t.contains("host is unreachable")
        || t.contains("network unreachable")
        || t.contains("operation not permitted")
        || t.contains("permission denied")
    {
        Some(Reason::Unreachable)
    } else if t.contains("name or service not known")
        || t.contains("temporary failure in name resolution")
        || t.contains("no address associated")
        || t.contains("nodename nor servname")
        || t.contains("could not resolve")
        || t.contains("try again")
        || t.contains("non-recoverable failure in name resolution")
    {
        Some(Reason::Unresolved)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(text: &str) -> Option<(Status, Reason, Option<usize>)> {
        read_text(text, |l| not_installed(l, &["nc", "ncat", "netcat"])).map(|v| (v.status, v.reason, v.evidence))
    }

    #[test]
    fn shells_and_wrappers_saying_the_tool_did_not_run() {
        for line in [
            "./Check_Backup_NW_Linux_ver1.6.sh: line 29: nc: command not found",
            "bash: nc: command not found",
            "/bin/sh: 1: nc: not found",
            "./check.sh: 29: nc: not found",
            "bash: /usr/bin/nc: No such file or directory",
            "bash: /usr/bin/nc: Permission denied",
            "timeout: failed to run command 'nc': No such file or directory",
            "timeout: failed to run command 'nc': Permission denied",
            "timeout: failed to run command ‘nc’: No such file or directory",
            "timeout: failed to run command '/usr/bin/ncat': Permission denied",
            "env: 'nc': No such file or directory",
            "sudo: nc: command not found",
            "bash: nc: コマンドが見つかりません",
            "zsh: command not found: nc",
        ] {
            assert_eq!(missing(line), Some((Status::NotRun, Reason::NotInstalled, Some(0))), "{line}");
        }
    }

    #[test]
    fn the_tools_own_words_are_not_a_missing_tool() {
        for line in [
            "Ncat: Permission denied.",
            "nc: connect to a.example port 443 (tcp) failed: Permission denied",
            "nc: Permission denied",
            "/bin/sh: 1: func: not found",
            "timeout: failed to run command 'rnc': No such file or directory",
            "curl: (77) error setting certificate verify locations: CAfile: /etc/nc: No such file or directory x",
        ] {
            assert_eq!(missing(line), None, "{line}");
        }
    }
}
