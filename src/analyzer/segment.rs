//! Splits the decoded log into lines and command blocks.
//!
//! A block starts at a `##TRY!! <command> ##` line (spacing and the `=====`
//! separator before or after it do not matter) and ends before the next
//! block, the next section heading, or the script's closing lines. In a
//! hand-typed transcript without `##TRY!!` lines, a shell prompt followed by
//! `nslookup`, `nc` or `curl` starts a block instead.
//!
//! Section headings (`#### (4) Azure Backup への疎通確認 ####`,
//! `==== [3] ファイル回復用の宛先 ====`, ...) name the service the blocks
//! under them test; they differ between script versions, so they are read by
//! keywords, and a heading that names several services (or none, at the top
//! level) leaves the service to the destination's name.

use super::fasthash::FastMap;
use super::model::Service;
use super::newlines::Newlines;
use super::tools::powershell::{self, PsTool};
use super::tools::{is_separator, Lines};
use std::borrow::Cow;

/// The log as lines: line `i` (0-based) is `lines[i]`, without its line
/// break (`\n` or `\r\n`). A lone `\r` (curl's progress meter) stays inside
/// its line, as editors that count `\n` show it.
pub fn split_lines(text: &str) -> Vec<&str> {
    // Counting first is one fast pass and spares growing a large vector.
    let mut lines: Vec<&str> = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        let line = &text[start..];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
    }
    lines
}

/// Where the lines of a text start, kept for every [`LineIndex::EVERY`]-th
/// line only: finds any line of a large log at once (the page's log view)
/// while holding a few kilobytes for a million lines. Lines are numbered
/// as [`split_lines`] numbers them. Can be built piece by piece, as the
/// text arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of line `k * EVERY` (0-based), for every `k`.
    starts: Vec<usize>,
    /// Bytes and line breaks seen.
    len: usize,
    breaks: usize,
    /// Where the line after the last break starts.
    last_start: usize,
}

impl Default for LineIndex {
    fn default() -> LineIndex {
        LineIndex { starts: vec![0], len: 0, breaks: 0, last_start: 0 }
    }
}

impl LineIndex {
    pub const EVERY: usize = 256;

    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut index = LineIndex::default();
        index.push(text);
        index
    }

    /// Adds the next piece of the text.
    pub fn push(&mut self, piece: &str) {
        for at in memchr::memchr_iter(b'\n', piece.as_bytes()) {
            self.breaks += 1;
            self.last_start = self.len + at + 1;
            if self.breaks.is_multiple_of(Self::EVERY) {
                self.starts.push(self.last_start);
            }
        }
        self.len += piece.len();
    }

    /// How many lines the text has.
    pub fn count(&self) -> usize {
        self.breaks + usize::from(self.len > self.last_start)
    }

    /// Line `n` (1-based) of `text`, the text this index was built from.
    pub fn line<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let i = n.checked_sub(1).filter(|&i| i < self.count())?;
        let mut start = *self.starts.get(i / Self::EVERY)?;
        let bytes = text.as_bytes();
        for _ in 0..i % Self::EVERY {
            start += memchr::memchr(b'\n', bytes.get(start..)?)? + 1;
        }
        let rest = text.get(start..)?;
        let line = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest, |end| &rest[..end]);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The tool a block runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Nslookup,
    Nc,
    Curl,
    /// A PowerShell check (Test-NetConnection, Invoke-WebRequest, Resolve-DnsName).
    Ps(PsTool),
    /// A command nwcheck has no reader for.
    Unknown,
}

/// A block's command, read from its `##TRY!!` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    pub tool: Tool,
    /// The command as written, without the `##TRY!!` and `##` around it.
    pub text: &'a str,
    /// The destination: a host name or address ("" when the command has none).
    pub target: Cow<'a, str>,
    /// nc: the port; curl: the URL's port; nslookup: none.
    pub port: Option<u16>,
}

/// One command and the output lines under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    /// The command as written, without the `##TRY!!` and `##` around it
    /// (or the shell prompt before it); [`Block::parsed`] reads it.
    pub command: &'a str,
    /// The service the enclosing section heading names, if it names one.
    pub section: Option<Service>,
    /// 0-based index of the command line.
    pub start: usize,
    /// 0-based index of the block's last line (blank lines and separators
    /// at its end are not part of it).
    pub end: usize,
    /// Nothing follows this block: it is the log's last thing.
    pub at_eof: bool,
}

/// The blocks of a log, and whether the log has the `##TRY!!` layout of
/// the network-check scripts (false: a transcript of typed commands).
#[derive(Debug, Clone, PartialEq)]
pub struct Segments<'a> {
    pub blocks: Vec<Block<'a>>,
    pub scripted: bool,
    /// How many lines the text has (as [`split_lines`] counts them).
    pub line_count: usize,
}

/// What a line is, for splitting.
enum LineKind<'a> {
    Command(&'a str),
    Heading,
    Separator,
    End,
    /// Only spaces, or nothing.
    Blank,
    Other,
}

/// The command after a shell prompt (`[user@vm ~]$ nc -vz host 443`,
/// `vm01:~ # curl -I https://x`, `$ nslookup x`, `PS C:\> curl ...`), when
/// the command is one nwcheck reads.
fn prompt_command(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = if let Some(inner) = t.strip_prefix('[') {
        let close = inner.find(']').filter(|&c| c <= 100)?;
        let after = inner[close + 1..].strip_prefix(' ').unwrap_or(&inner[close + 1..]);
        after.strip_prefix(['#', '$', '%'])?
    } else if let Some(ps) = t.strip_prefix("PS ") {
        &ps[ps.find('>')? + 1..]
    } else if let Some(ps) = t.strip_prefix("PS>") {
        ps
    } else {
        let name_len = t.find(|c: char| !(c.is_ascii_alphanumeric() || "_.@:~/()-".contains(c)))?;
        if name_len > 100 {
            return None;
        }
        let after = &t[name_len..];
        after.strip_prefix(' ').filter(|_| name_len > 0).unwrap_or(after).strip_prefix(['#', '$', '%', '>'])?
    };
    let command = rest.trim();
    let mut words = command.split_whitespace();
    let mut first = words.next()?;
    if first == "sudo" {
        first = words.next()?;
    }
    let known = matches!(first, "nslookup" | "nc" | "ncat" | "netcat" | "curl") || powershell::tool_of(first).is_some();
    (known && words.next().is_some()).then_some(command)
}

/// The command of a `##TRY!! ... ##` line.
fn try_marker(line: &str) -> Option<&str> {
    let t = line.trim_ascii_start();
    if !t.starts_with('#') {
        return None;
    }
    let rest = t.trim_start_matches(['#', ' ', '\t']);
    let body = rest.strip_prefix("TRY!!").or_else(|| rest.strip_prefix("try!!"))?;
    Some(body.trim_ascii().trim_end_matches('#').trim_ascii())
}

fn classify(line: &str, scripted: bool) -> LineKind<'_> {
    let Some(first) = line.bytes().find(|b| !b.is_ascii_whitespace()) else { return LineKind::Blank };
    // Most lines of a scripted log are output: one byte tells.
    if scripted && !matches!(first, b'#' | b'=' | b'-' | b'C' | b'[') {
        return LineKind::Other;
    }
    let t = line.trim_ascii();
    if scripted {
        if first == b'#' {
            if let Some(cmd) = try_marker(t) {
                return LineKind::Command(cmd);
            }
            if t.starts_with("##") {
                return LineKind::Heading;
            }
        }
    } else if let Some(command) = prompt_command(line) {
        return LineKind::Command(command);
    } else if first == b'P' && super::windows_log::is_ps_prompt(t) {
        // A PowerShell prompt with a command nwcheck does not read (or
        // none): the block before it ends there.
        return LineKind::End;
    }
    match first {
        b'-' if super::windows_log::is_closing_line(t) => LineKind::End,
        // The Windows scripts' last section (the registry dump) comes after every check.
        b'=' if t.starts_with("=====") && t.contains(" TLS CHECK ") => LineKind::End,
        b'=' | b'-' if is_separator(t) => LineKind::Separator,
        b'=' if t.starts_with("====") => LineKind::Heading,
        // (Not a table's underline, `----  ----  ---`, as PowerShell prints.)
        b'-' if t.starts_with("----") && t.ends_with("----") && t.bytes().any(|b| b != b'-' && b != b' ') => {
            LineKind::Heading
        }
        b'C' if t == "Complete..." => LineKind::End,
        b'[' if t.starts_with("[INFO] Script time") => LineKind::End,
        _ => LineKind::Other,
    }
}

/// The lines before the first command: the machine part.
pub fn head(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .take_while(|l| try_marker(l).is_none() && prompt_command(l).is_none())
        .collect()
}

/// Whether the log has at least one `##TRY!!` line.
pub fn is_scripted(text: &str) -> bool {
    // Only lines that hold the word can be markers: find it, then read its line.
    let bytes = text.as_bytes();
    ["TRY!!", "try!!"].iter().any(|needle| {
        let finder = memchr::memmem::Finder::new(needle);
        let mut from = 0;
        while let Some(k) = finder.find(&bytes[from..]) {
            let at = from + k;
            let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            if try_marker(&text[start..end]).is_some() {
                return true;
            }
            from = end;
        }
        false
    })
}

/// A block being read: its command line and how far its output goes.
struct Open<'a> {
    command: &'a str,
    section: Option<Service>,
    start: usize,
    /// Byte offset of the command line.
    at: usize,
    end: usize,
}

/// Where [`Blocks`] is in a text: enough to go on from there later
/// ([`Blocks::resume`]), so a long text can be read in several steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Byte offset and 0-based index of the next line to read.
    at: usize,
    line: usize,
    /// The service of the section the next line is in.
    section: Option<Service>,
    /// Whether the script's closing line (`Complete...`, `[INFO] Script
    /// time ...`) came before the cursor, after the last command line.
    ended: bool,
}

impl Cursor {
    /// How many bytes of the text come before the cursor.
    pub fn offset(&self) -> usize {
        self.at
    }
}

impl<'a> Open<'a> {
    fn close(self, at_eof: bool) -> Block<'a> {
        Block { command: self.command, section: self.section, start: self.start, end: self.end, at_eof }
    }
}

impl<'a> Block<'a> {
    /// The block's command read: tool, destination, port.
    pub fn parsed(&self) -> Command<'a> {
        parse_command(self.command)
    }
}

/// The command blocks of a text, one at a time, in one pass over its
/// lines: nothing is kept of a block once it has been handed out.
pub struct Blocks<'a> {
    text: &'a str,
    scripted: bool,
    section: Option<Service>,
    open: Option<Open<'a>>,
    heading_cache: FastMap<&'a str, SectionChange>,
    /// Index and byte offset of the next line to read.
    line: usize,
    at: usize,
    /// The line breaks from `at` on.
    breaks: Newlines<'a>,
    /// A closing line of the script has been read.
    ended: bool,
    /// The output lines of the block being read.
    lines: Vec<(usize, &'a str)>,
}

impl<'a> Blocks<'a> {
    pub fn new(text: &'a str) -> Blocks<'a> {
        Blocks::resume(text, is_scripted(text), Cursor::default())
    }

    /// Goes on reading `text` where [`Blocks::cursor`] was taken; `scripted`
    /// is [`Blocks::scripted`] of the first `Blocks` of this text.
    pub fn resume(text: &'a str, scripted: bool, cursor: Cursor) -> Blocks<'a> {
        let at = cursor.at.min(text.len());
        Blocks {
            text,
            scripted,
            section: cursor.section,
            open: None,
            heading_cache: FastMap::default(),
            line: cursor.line,
            at,
            breaks: Newlines::new(text.as_bytes(), at),
            lines: Vec::new(),
            ended: cursor.ended,
        }
    }

    /// Where the next block starts (or, after the last one, the end of
    /// the text): resuming there hands out the same blocks as going on.
    pub fn cursor(&self) -> Cursor {
        match &self.open {
            // The next block's command line has been read: read it again.
            Some(open) => Cursor { at: open.at, line: open.start, section: open.section, ended: self.ended },
            None => Cursor { at: self.at, line: self.line, section: self.section, ended: self.ended },
        }
    }

    /// Whether the log has the `##TRY!!` layout of the scripts.
    pub fn scripted(&self) -> bool {
        self.scripted
    }

    /// Whether a closing line of the script (`Complete...`, `[INFO] Script
    /// time is ...`) has been read since the last command line: the run
    /// went to its end.
    pub fn saw_end(&self) -> bool {
        self.ended
    }

    /// How many lines have been read: once every block has been handed
    /// out, the text's line count (as [`split_lines`] counts them).
    pub fn lines_read(&self) -> usize {
        self.line
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Block<'a>;

    fn next(&mut self) -> Option<Block<'a>> {
        self.next_with_lines().map(|(block, _)| block)
    }
}

impl<'a> Blocks<'a> {
    /// The next block and its output lines (separators left out), cut
    /// while the block is read, so no line is looked for twice.
    pub fn next_with_lines(&mut self) -> Option<(Block<'a>, Lines<'_>)> {
        let block = self.read_block()?;
        // Blank lines after the block's last line are not part of it.
        let keep = self.lines.partition_point(|&(i, _)| i <= block.end);
        self.lines.truncate(keep);
        Some((block, Lines::new(&self.lines)))
    }

    /// Reads lines up to the end of the next block; the lines of its
    /// output are left in `self.lines`.
    fn read_block(&mut self) -> Option<Block<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // The lines of the block handed out last.
        self.lines.clear();
        while self.at < bytes.len() {
            let (i, at) = (self.line, self.at);
            let nl = self.breaks.next();
            let next = nl.map_or(bytes.len(), |n| n + 1);
            let raw = &text[at..nl.unwrap_or(bytes.len())];
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            self.line += 1;
            self.at = next;
            let closed = match classify(line, self.scripted) {
                LineKind::Command(command) => {
                    // A closing line counts only after the last block (a second run may follow).
                    self.ended = false;
                    let open = Open { command, section: self.section, start: i, at, end: i };
                    self.open.replace(open)
                }
                LineKind::Heading => {
                    // Logs repeat the same few headings: read each text once.
                    let key = line.trim_ascii();
                    let change = *self.heading_cache.entry(key).or_insert_with(|| heading_section(line));
                    if let SectionChange::Set(s) = change {
                        self.section = s;
                    }
                    self.open.take()
                }
                LineKind::End => {
                    self.ended = true;
                    self.open.take()
                }
                LineKind::Separator => None,
                LineKind::Blank => {
                    if self.open.is_some() {
                        self.lines.push((i, line));
                    }
                    None
                }
                LineKind::Other => {
                    if let Some(b) = self.open.as_mut() {
                        b.end = i;
                        self.lines.push((i, line));
                    }
                    None
                }
            };
            if let Some(b) = closed {
                return Some(b.close(false));
            }
        }
        self.open.take().map(|b| b.close(true))
    }
}

/// Splits the text into command blocks.
pub fn segment(text: &str) -> Segments<'_> {
    let mut blocks = Blocks::new(text);
    let list: Vec<Block<'_>> = blocks.by_ref().collect();
    Segments { blocks: list, scripted: blocks.scripted(), line_count: blocks.lines_read() }
}

#[derive(Debug, Clone, Copy)]
enum SectionChange {
    Keep,
    Set(Option<Service>),
}

fn has_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Keywords that name a service in a heading (lower case).
const SECTION_KEYWORDS: &[(Service, &[&str])] = &[
    (
        Service::FileRecovery,
        &[
            "file recovery",
            "file-recovery",
            "ファイルの回復",
            "ファイル回復",
            "item level",
            "item-level",
            "iscsi",
            "3260",
        ],
    ),
    (Service::Backup, &["azure backup", "azurebackup", "backup service", "バックアップ"]),
    (Service::Storage, &["storage", "ストレージ"]),
    (Service::EntraId, &["entra", "azure active directory", "azureactivedirectory", "azure ad"]),
    (Service::SiteRecovery, &["site recovery", "siterecovery", "hypervrecoverymanager"]),
];

/// Short keywords that must stand as words.
const SECTION_WORDS: &[(Service, &[&str])] = &[
    (Service::FileRecovery, &["ilr"]),
    (Service::Backup, &["backup"]),
    (Service::EntraId, &["aad"]),
    (Service::SiteRecovery, &["asr"]),
];

const SECTION_RESET: &[&str] =
    &["private endpoint", "プライベート エンドポイント", "プライベートエンドポイント", "privatelink"];

fn heading_section(line: &str) -> SectionChange {
    let h = line.trim().to_lowercase();
    // A heading that names one destination ("### https://x.y.z の疎通確認 ###")
    // belongs to the section above it.
    if h.contains("://") || h.split_whitespace().any(|w| w.matches('.').count() >= 2 && w.len() > 6) {
        return SectionChange::Keep;
    }
    let top_level = h.starts_with("####") || h.starts_with("====") || h.starts_with("----");
    if SECTION_RESET.iter().any(|k| h.contains(k)) {
        return SectionChange::Set(None);
    }
    let mut named: Vec<Service> = Vec::new();
    for (service, keys) in SECTION_KEYWORDS {
        if keys.iter().any(|k| h.contains(k)) && !named.contains(service) {
            named.push(*service);
        }
    }
    for (service, words) in SECTION_WORDS {
        if words.iter().any(|w| has_word(&h, w)) && !named.contains(service) {
            named.push(*service);
        }
    }
    if named.contains(&Service::FileRecovery) {
        return SectionChange::Set(Some(Service::FileRecovery));
    }
    match named.as_slice() {
        [one] => SectionChange::Set(Some(*one)),
        [] if !top_level => SectionChange::Keep,
        _ => SectionChange::Set(None),
    }
}

/// Whether an nc option takes a value (so the value is not read as the destination).
fn nc_option_takes_value(w: &str) -> bool {
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

/// Whether a curl option takes a value.
fn curl_option_takes_value(w: &str) -> bool {
    matches!(
        w,
        "-x" | "--proxy"
            | "-m"
            | "--max-time"
            | "--connect-timeout"
            | "-H"
            | "--header"
            | "-o"
            | "--output"
            | "-w"
            | "--write-out"
            | "-A"
            | "--user-agent"
            | "-u"
            | "--user"
            | "-U"
            | "--proxy-user"
            | "--resolve"
            | "--connect-to"
            | "-X"
            | "--request"
            | "--cacert"
            | "--capath"
            | "--cert"
            | "-E"
            | "--key"
            | "-K"
            | "--config"
            | "--interface"
            | "--retry"
            | "--noproxy"
            | "-e"
            | "--referer"
            | "-b"
            | "--cookie"
            | "-c"
            | "--cookie-jar"
            | "-d"
            | "--data"
            | "--tls-max"
            | "--ciphers"
            | "-Y"
            | "-y"
            | "--speed-limit"
            | "--speed-time"
            | "--retry-delay"
            | "--retry-max-time"
    )
}

/// The tool name of a command word (`/usr/bin/nc` → `nc`).
fn tool_of(word: &str) -> Tool {
    let base = after_last(word, b'/');
    let is = |names: &[&str]| names.iter().any(|n| base.eq_ignore_ascii_case(n));
    if is(&["nslookup", "nslookup.exe"]) {
        Tool::Nslookup
    } else if is(&["nc", "ncat", "netcat", "nc.openbsd", "nc.traditional", "busybox-nc"]) {
        Tool::Nc
    } else if is(&["curl", "curl.exe"]) {
        Tool::Curl
    } else {
        Tool::Unknown
    }
}

/// Reads a command line (`nc -vz host 443`).
pub fn parse_command(text: &str) -> Command<'_> {
    if let Some(ps) = powershell::parse(text).filter(|c| c.tool != PsTool::Nslookup) {
        return Command { tool: Tool::Ps(ps.tool), text, target: ps.target, port: ps.port };
    }
    let mut words = words(text).peekable();
    // Leading `sudo`, `timeout 10`, `env X=Y`, `X=Y` are wrappers.
    while let Some(&w) = words.peek() {
        if w == "sudo" || w == "env" || w == "command" || w.contains('=') && !w.starts_with('-') {
            words.next();
        } else if w == "timeout" {
            words.next();
            words.next();
        } else {
            break;
        }
    }
    let tool = words.next().map_or(Tool::Unknown, tool_of);
    let takes_value = match tool {
        Tool::Nc => nc_option_takes_value,
        Tool::Curl => curl_option_takes_value,
        _ => |_: &str| false,
    };
    // The words that are not options nor option values; the first two are
    // all any reader needs, and curl's URL is the first with a scheme.
    let mut args: [&str; 2] = [""; 2];
    let mut n_args = 0;
    let mut url: Option<&str> = None;
    let mut skip_next = false;
    for w in words {
        if skip_next {
            skip_next = false;
            continue;
        }
        if w.starts_with('-') && w.len() > 1 {
            skip_next = takes_value(w);
            continue;
        }
        if url.is_none() && scheme_split(w).is_some() {
            url = Some(w);
        }
        if n_args < 2 {
            args[n_args] = w;
            n_args += 1;
        }
    }
    let (target, port): (&str, Option<u16>) = match tool {
        Tool::Nc => (args[0].trim_matches(['[', ']']), args[1].split('-').next().and_then(|p| p.parse().ok())),
        Tool::Curl => parse_url(url.unwrap_or(args[0])),
        Tool::Nslookup => (args[0], None),
        Tool::Unknown | Tool::Ps(_) => {
            (args.iter().take(n_args).copied().find(|a| a.contains('.')).unwrap_or(""), None)
        }
    };
    let target = target.trim_end_matches('.');
    let target = if target.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(target.to_ascii_lowercase())
    } else {
        Cow::Borrowed(target)
    };
    Command { tool, text, target, port }
}

/// What follows the last `byte` (an ASCII byte) in `s`, or all of `s`.
fn after_last(s: &str, byte: u8) -> &str {
    s.bytes().rposition(|b| b == byte).map_or(s, |i| &s[i + 1..])
}

/// The words of a command line, as `split_ascii_whitespace` gives them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// A URL split at its first `://`.
fn scheme_split(url: &str) -> Option<(&str, &str)> {
    let at = memchr::memchr_iter(b':', url.as_bytes()).find(|&i| url[i + 1..].starts_with("//"))?;
    Some((&url[..at], &url[at + 3..]))
}

/// Host and port of a URL (`https://host[:port]/path`); curl's default scheme is http.
fn parse_url(url: &str) -> (&str, Option<u16>) {
    let url = url.trim_matches(['"', '\'']);
    let (scheme, rest) = scheme_split(url).unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = after_last(authority, b'@');
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']').unwrap_or((v6, ""));
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let default = if scheme.eq_ignore_ascii_case("https") {
        Some(443)
    } else if scheme.eq_ignore_ascii_case("http") {
        Some(80)
    } else {
        None
    };
    (host, port.and_then(|p| p.parse().ok()).or(default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        let c = parse_command("nslookup  pod01-rec2.jpe.backup.windowsazure.com");
        assert_eq!(
            (c.tool, c.target.as_ref(), c.port),
            (Tool::Nslookup, "pod01-rec2.jpe.backup.windowsazure.com", None)
        );
        let c = parse_command("nc -vz -w 5 pod01-rec2.jpe.backup.windowsazure.com 3260");
        assert_eq!(
            (c.tool, c.target.as_ref(), c.port),
            (Tool::Nc, "pod01-rec2.jpe.backup.windowsazure.com", Some(3260))
        );
        let c = parse_command("curl -I https://login.microsoft.com");
        assert_eq!((c.tool, c.target.as_ref(), c.port), (Tool::Curl, "login.microsoft.com", Some(443)));
        let c = parse_command("curl -I -x http://proxy:8080 https://a.blob.core.windows.net:8443/x?y");
        assert_eq!((c.target.as_ref(), c.port), ("a.blob.core.windows.net", Some(8443)));
        let c = parse_command("sudo /usr/bin/ncat -v -z host.example.com 443");
        assert_eq!((c.tool, c.target.as_ref(), c.port), (Tool::Nc, "host.example.com", Some(443)));
        let c = parse_command("ping -c 3 host.example.com");
        assert_eq!((c.tool, c.target.as_ref()), (Tool::Unknown, "host.example.com"));
    }

    #[test]
    fn markers_tolerate_spacing() {
        assert_eq!(try_marker("##TRY!! nslookup  a.b.c ##"), Some("nslookup  a.b.c"));
        assert_eq!(try_marker("  ## TRY!! nc -vz a 443##"), Some("nc -vz a 443"));
        assert_eq!(try_marker("### https://a の疎通確認 ###"), None);
    }

    #[test]
    fn blocks_and_sections() {
        let log = "\
#### (3) ファイルの回復 (ILR) で必要な宛先への疎通確認 ####
### https://download.microsoft.com の疎通確認 ###
================================================
##TRY!! nslookup  download.microsoft.com ##
Address: 1.2.3.4


##TRY!! nc -vz download.microsoft.com 443 ##
================================================
Ncat: Connected to 1.2.3.4:443.

#### Backup / Storage / AAD の代表宛先への疎通確認 ####
================================================
##TRY!! curl -I https://login.microsoft.com ##
HTTP/1.1 200 OK
";
        let seg = segment(log);
        assert!(seg.scripted);
        assert_eq!(seg.line_count, 15);
        let got: Vec<_> = seg.blocks.iter().map(|b| (b.parsed().tool, b.section, b.start, b.end, b.at_eof)).collect();
        assert_eq!(
            got,
            vec![
                (Tool::Nslookup, Some(Service::FileRecovery), 3, 4, false),
                (Tool::Nc, Some(Service::FileRecovery), 7, 9, false),
                (Tool::Curl, None, 13, 14, true),
            ]
        );
        let mut blocks = Blocks::new(log);
        let mut outputs: Vec<Vec<(usize, String)>> = Vec::new();
        while let Some((_, lines)) = blocks.next_with_lines() {
            outputs.push(lines.iter().map(|(i, l)| (i, l.to_string())).collect());
        }
        assert_eq!(
            outputs,
            vec![
                vec![(4, "Address: 1.2.3.4".to_string())],
                vec![(9, "Ncat: Connected to 1.2.3.4:443.".to_string())],
                vec![(14, "HTTP/1.1 200 OK".to_string())]
            ]
        );
    }

    #[test]
    fn headings() {
        let set = |h: &str| match heading_section(h) {
            SectionChange::Keep => "keep".to_string(),
            SectionChange::Set(s) => s.map_or("none", |s| s.id()).to_string(),
        };
        assert_eq!(set("#### (4) Azure Backup への疎通確認 ####"), "backup");
        assert_eq!(set("==== [3] ファイル回復用の宛先 (443/TCP, 3260/TCP) ===="), "file-recovery");
        assert_eq!(set("### Servicetag : AzureBackup (iSCSI) の疎通確認 ###"), "file-recovery");
        assert_eq!(set("#### Backup / Storage / AAD の代表宛先への疎通確認 ####"), "none");
        assert_eq!(set("### Servicetag : Storage の疎通確認 ###"), "storage");
        assert_eq!(set("==== [6] Microsoft Entra ID (旧 Azure Active Directory) ===="), "entra-id");
        assert_eq!(set("### https://pod01-manag1.jpe.backup.windowsazure.com の疎通確認 ###"), "keep");
        assert_eq!(set("### Servicetag : AzureFrontDoor.FirstParty の疎通確認 ###"), "keep");
        assert_eq!(set("#### (7) プライベート エンドポイント (お客様固有 FQDN) への疎通確認 ####"), "none");
        assert_eq!(set("#### 環境情報確認終了 ####"), "none");
    }

    #[test]
    fn prompts() {
        assert_eq!(prompt_command("[azureuser@vm01 ~]$ nc -vz a 443"), Some("nc -vz a 443"));
        assert_eq!(prompt_command("vm01:~ # curl -I https://x"), Some("curl -I https://x"));
        assert_eq!(prompt_command("$ sudo nslookup x"), Some("sudo nslookup x"));
        assert_eq!(prompt_command("PS C:\\Users\\me> curl -I https://x"), Some("curl -I https://x"));
        assert_eq!(prompt_command("$ ls -l"), None);
        assert_eq!(prompt_command("Connection to a 443 port [tcp/https] succeeded!"), None);
        assert_eq!(prompt_command("nc -vz a 443"), None);
    }

    #[test]
    fn transcript_prompts() {
        let log = "[azureuser@vm01 ~]$ nc -vz a.example.com 443\nNcat: Connected to 1.2.3.4:443.\n$ curl -I https://b.example.com\nHTTP/2 200\n";
        let seg = segment(log);
        assert!(!seg.scripted);
        assert_eq!(seg.blocks.len(), 2);
        assert_eq!(seg.blocks[1].parsed().target, "b.example.com");
    }

    #[test]
    fn line_splitting_keeps_lone_cr() {
        assert_eq!(split_lines("a\r\nb\rc\n\nd"), vec!["a", "b\rc", "", "d"]);
        assert_eq!(split_lines("a\n"), vec!["a"]);
        assert!(split_lines("").is_empty());
    }
}
