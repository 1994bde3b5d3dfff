//! One reader per command kind. Each is a pure function from a block's
//! output lines to a [`Verdict`], or `None` when the output holds no
//! conclusion (the caller then decides between "cut off" and "not
//! understood"; a reader never guesses).

pub mod curl;
pub mod invoke_webrequest;
pub mod nc;
pub mod nslookup;
pub mod nslookup_windows;
pub mod powershell;
pub mod resolve_dnsname;
pub mod tnc;

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

/// The line saying the tool itself is missing (`nc: command not found`,
/// dash's `nc: not found`, `No such file or directory`).
pub fn not_installed(lines: Lines<'_>, names: &[&str]) -> Option<Verdict<'static>> {
    lines.iter().find_map(|(i, line)| {
        // The shell's message ends the line: its last byte tells most lines apart.
        let t = line.trim_ascii_end();
        let last = *t.as_bytes().last()?;
        if !matches!(last, b'd' | b'y' | 0x93)
            || !(t.ends_with("not found") || t.ends_with("No such file or directory") || t.ends_with("見つかりません"))
        {
            return None;
        }
        let hit = names.iter().any(|n| {
            [": command not found", ": not found", ": No such file or directory", ": コマンドが見つかりません"]
                .iter()
                .any(|tail| line.contains(&format!("{n}{tail}")))
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
