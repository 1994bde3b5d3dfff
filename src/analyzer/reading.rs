//! The block loop: reads a log's blocks one after another (all at once, or
//! a budget of bytes at a time for the page's worker), judges each with the
//! reader for its tool, and builds the report once every block is read.

use super::blocks;
use super::command::Tool;
use super::findings;
use super::format::{self, Layout, Seen};
use super::intern::Shared;
use super::knowledge;
use super::machine;
use super::model::*;
use super::tools;
use super::windows::{self, WindowsInfo};
use super::windows_log;
use std::borrow::Cow;

/// How many checks are read before the rest are estimated and made room for.
const ESTIMATE_AFTER: usize = 1024;

/// The blocks of a text read so far, and where reading goes on.
pub(super) struct Checks {
    pub(super) cursor: blocks::Cursor,
    layout: Layout,
    pub(super) finished: bool,
    line_count: usize,
    /// What the layout needs to know of the whole log.
    seen: Seen,
    seen_tunnel: bool,
    shared: Shared,
    checks: Vec<Check>,
    /// What the Windows readers need to know of the whole log.
    cx: windows_log::Context,
}

impl Checks {
    /// `win`: a Windows script's settings, when the log is one.
    pub(super) fn new(text: &str, win: Option<&WindowsInfo>) -> Checks {
        let layout = Layout::recognise(text);
        let user_proxy =
            win.and_then(|w| w.wininet(windows::Account::CurrentUser)).is_some_and(|u| u.proxy().is_some());
        let typed_in_powershell = layout == Layout::Transcript && format::transcript::has_ps_prompt(text);
        let cx = windows_log::Context { windows: layout.is_windows() || typed_in_powershell, user_proxy };
        Checks {
            cx,
            cursor: blocks::Cursor::default(),
            layout,
            finished: false,
            line_count: 0,
            seen: Seen::default(),
            seen_tunnel: false,
            shared: Shared::default(),
            checks: Vec::new(),
        }
    }

    /// Reads blocks of `text` until at least `budget` more bytes have been
    /// read or the text ends (then `finished` is set).
    pub(super) fn read(&mut self, text: &str, budget: usize) {
        let mut blocks = blocks::Blocks::resume(text, self.layout, self.cursor);
        let stop = self.cursor.offset().saturating_add(budget);
        loop {
            let Some((b, output)) = blocks.next_with_lines() else {
                self.finished = true;
                self.line_count = blocks.lines_read();
                self.seen.ended = blocks.saw_end();
                // A log that ends inside a line was cut off (unless its closing line came).
                self.seen.last_cut |= !self.seen.ended && !text.ends_with('\n');
                break;
            };
            if let Some(section) = b.section {
                self.seen.sections.insert(section);
            }
            self.seen.last_cut = b.cut;
            let (check, via_proxy) = check_of(b, output, &mut self.shared, self.cx);
            self.seen_tunnel |= via_proxy;
            if self.checks.len() == ESTIMATE_AFTER {
                self.reserve_estimate(blocks.cursor().offset(), text.len());
            }
            self.checks.push(check);
            if blocks.cursor().offset() >= stop {
                break;
            }
        }
        self.cursor = blocks.cursor();
    }

    /// Makes room for all the checks a long text will have, judging by the
    /// first ones (`read` of its `len` bytes gave `ESTIMATE_AFTER` checks):
    /// a list grown by doubling copies itself and touches twice the memory.
    fn reserve_estimate(&mut self, read: usize, len: usize) {
        let per_check = read / ESTIMATE_AFTER;
        if per_check > 0 && len > read.saturating_mul(4) {
            // A tenth more than the estimate: logs repeat rounds of similar blocks.
            let total = len / per_check;
            self.checks.reserve((total + total / 10).saturating_sub(self.checks.len()));
        }
    }

    /// The report of a text whose blocks have all been read, or why it is
    /// not a log (and its line count).
    pub(super) fn report(
        self,
        text: &str,
        info: machine::MachineInfo,
        encoding: Encoding,
        source: Option<&str>,
        win: Option<&WindowsInfo>,
    ) -> Result<Report, (NotALogCause, usize)> {
        let Checks { layout, line_count, seen, seen_tunnel, mut checks, shared, .. } = self;
        if checks.is_empty() {
            // A Windows script's transcript that ends before its first check.
            let cause = if layout.is_windows() { NotALogCause::CutBeforeChecks } else { format::without_blocks(text) };
            return Err((cause, line_count));
        }
        if layout.is_windows() && !seen.ended {
            // The run stopped in its last block (Ctrl+C): what it printed
            // after that (the transcript's footer) is no conclusion.
            if let Some(last) = checks.last_mut().filter(|c| c.status == Status::Unknown && c.kind != CheckKind::Other)
            {
                last.status = Status::NotRun;
                last.reason = Reason::Interrupted;
            }
        }
        let (format, truncated) = layout.conclude(&checks, seen, &info);
        let mut proxy = info.proxy;
        proxy.seen_in_curl = seen_tunnel;
        proxy.configured |= proxy.seen_in_curl;
        // A proxy given on a typed command (`curl --proxy`, `Invoke-WebRequest -Proxy`).
        if !proxy.configured {
            if let Some(p) = shared.proxy_option() {
                proxy.http_proxy = Some(p.to_string());
                proxy.https_proxy = Some(p.to_string());
                proxy.configured = true;
            }
        }
        let mut findings = findings::derive(&checks, &proxy, truncated);
        if let Some(w) = win {
            findings.extend(windows_log::findings(w, &checks, format));
            findings.sort_by_key(|f| f.severity);
        } else if format == Format::LinuxAsr && text.contains("ProxyInfo.conf") {
            findings.extend(windows_log::linux_asr_findings(text, &proxy));
            findings.sort_by_key(|f| f.severity);
        }
        let services = findings::services(&checks, &proxy);
        let overall = findings::overall(&services, &findings, truncated);
        Ok(Report {
            schema: SCHEMA_VERSION,
            source: source.map(str::to_string),
            format,
            encoding,
            truncated,
            host: info.host,
            run_at: info.run_at,
            machine: info.machine,
            proxy,
            checks,
            services,
            findings,
            overall,
            line_count,
            followup: None,
        })
    }
}

/// Builds the check for one block (`output`: its output lines) with the
/// reader for its tool, and whether curl went through a proxy tunnel.
fn check_of(
    block: blocks::Block,
    output: tools::Lines,
    shared: &mut Shared,
    cx: windows_log::Context,
) -> (Check, bool) {
    let known = shared.command(block.command);
    let proxied = cx.user_proxy || known.proxy_option.is_some();
    let (kind, verdict) = match known.tool {
        Tool::Nslookup if cx.windows => (CheckKind::Dns, tools::nslookup_windows::read(output)),
        Tool::Nslookup => (CheckKind::Dns, tools::nslookup::read(output)),
        Tool::Nc => (CheckKind::Tcp, tools::nc::read(output)),
        // At a Windows PowerShell 5.1 prompt `curl` is Invoke-WebRequest.
        Tool::Curl if cx.windows => {
            let curl = tools::curl::read_to(output, known.curl_target);
            let ctx = tools::invoke_webrequest::Context::for_host(&known.fqdn, proxied);
            (CheckKind::Https, curl.or_else(|| tools::invoke_webrequest::read(output, ctx)))
        }
        Tool::Curl => (CheckKind::Https, tools::curl::read_to(output, known.curl_target)),
        Tool::Ps(tool) => windows_log::read_ps(tool, output, &known.fqdn, proxied),
        Tool::Unknown => (CheckKind::Other, None),
    };
    let verdict = verdict.unwrap_or_else(|| {
        // No conclusion: cut off if the log ends here or the user pressed
        // Ctrl+C (`^C`) inside the block; otherwise not understood.
        let ctrl_c = output.iter().find(|(_, l)| l.trim_end().ends_with("^C")).map(|(i, _)| i);
        if kind != CheckKind::Other && (block.at_eof || ctrl_c.is_some()) {
            let at = ctrl_c;
            tools::Verdict::new(Status::NotRun, Reason::Interrupted, at)
        } else {
            tools::Verdict::new(Status::Unknown, Reason::Unrecognized, None)
        }
    });
    let service = service_for(kind, known.port, block.section, known.service);
    let private_address = kind == CheckKind::Dns && verdict.addresses.iter().any(|a| is_private(a));
    let port = match kind {
        CheckKind::Tcp | CheckKind::Https => known.port,
        _ => None,
    };
    let evidence = verdict.evidence.and_then(|i| output.get(i)).map(|l| evidence_text(l, kind));
    let check = Check {
        region: known.region.clone(),
        fqdn: known.fqdn.clone(),
        service,
        kind,
        port,
        status: verdict.status,
        reason: verdict.reason,
        http_status: verdict.http_status,
        addresses: known.addresses(&verdict.addresses),
        private_address,
        lines: [block.start + 1, block.end + 1],
        command: known.command.clone(),
        evidence_line: verdict.evidence.map(|i| i + 1),
        evidence: evidence.map(|e| known.evidence(&e)),
        tool: verdict.tool.map(|t| known.tool(&t)),
    };
    (check, verdict.via_proxy)
}

/// Port 3260 is file recovery; so is everything in the file-recovery
/// section. Otherwise the destination's name decides, then the section.
fn service_for(kind: CheckKind, port: Option<u16>, section: Option<Service>, known: Option<Service>) -> Service {
    if kind == CheckKind::Tcp && port == Some(knowledge::FILE_RECOVERY_PORT) || section == Some(Service::FileRecovery) {
        return Service::FileRecovery;
    }
    known.or(section).unwrap_or(Service::Other)
}

/// 10/8, 172.16/12, 192.168/16, for an address the nslookup reader has
/// already found valid (an IPv4 address has no leading zeros there).
fn is_private(addr: &str) -> bool {
    if addr.contains(':') {
        return false;
    }
    let second = |rest: &str| rest.split('.').next().and_then(|o| o.parse::<u8>().ok());
    addr.starts_with("10.")
        || addr.starts_with("192.168.")
        || addr.strip_prefix("172.").and_then(second).is_some_and(|o| (16..=31).contains(&o))
}

/// A line as evidence: trimmed, at most 300 characters, and as the
/// tool's reader trims it (curl: without the progress meter).
fn evidence_text(line: &str, kind: CheckKind) -> Cow<'_, str> {
    let line = if kind == CheckKind::Https { tools::curl::evidence(line) } else { line };
    let t = line.trim();
    if t.len() <= 300 {
        // 300 bytes are at most 300 characters.
        return Cow::Borrowed(t);
    }
    match t.char_indices().nth(300) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &t[..cut])),
        None => Cow::Borrowed(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_as_the_standard_library_tells_them() {
        let mut n = 0;
        for a in [0u8, 1, 9, 10, 11, 100, 127, 172, 192, 255] {
            for b in [0u8, 1, 15, 16, 17, 31, 32, 168, 169, 255] {
                let addr = format!("{a}.{b}.3.4");
                let want = addr.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_private());
                assert_eq!(is_private(&addr), want, "{addr}");
                n += usize::from(want);
            }
        }
        assert_eq!(n, 10 + 3 + 1);
        assert!(!is_private("fd00::1") && !is_private("::ffff:10.0.0.1"));
    }
}
