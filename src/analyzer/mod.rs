//! The analyzer core: decode, split into command blocks, judge each block
//! with the module for its tool, then derive findings from all checks.
//!
//! Pure: no IO, no browser, no global state. [`analyze`] never panics and
//! never fails; input it cannot read becomes a report whose format is
//! `not-a-log`, and output it does not understand becomes an `unknown` check.

pub mod decode;
pub mod fasthash;
pub mod findings;
pub mod knowledge;
pub mod machine;
pub mod model;
pub mod newlines;
pub mod segment;
pub mod tools;

pub use model::*;

use std::borrow::Cow;
use std::rc::Rc;

/// The result of analyzing one input: the report, and the decoded text the
/// report's line numbers point into (with proxy passwords already masked).
/// The text borrows the input when the input is clean UTF-8 without
/// passwords; [`Analysis::into_owned`] makes it independent of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis<'a> {
    pub report: Report,
    pub text: Cow<'a, str>,
}

impl Analysis<'_> {
    /// The same analysis, owning its text.
    pub fn into_owned(self) -> Analysis<'static> {
        Analysis { report: self.report, text: Cow::Owned(self.text.into_owned()) }
    }
}

/// Analyzes the bytes of one log. `source` is the file name, when known.
pub fn analyze<'a>(bytes: &'a [u8], source: Option<&str>) -> Analysis<'a> {
    match prepare(bytes, source) {
        Prepared::Done(analysis) => analysis,
        Prepared::Log(log) => {
            let mut state = Checks::new(&log.text);
            state.read(&log.text, usize::MAX);
            log.finish(state)
        }
    }
}

/// An input after decoding and reading its machine part: either already
/// an analysis (it is not a log) or a log whose blocks are still to be read.
enum Prepared<'a> {
    Done(Analysis<'a>),
    Log(Log<'a>),
}

/// A decoded log (proxy passwords masked) and what its machine part says.
struct Log<'a> {
    text: Cow<'a, str>,
    info: machine::MachineInfo,
    encoding: Encoding,
    source: Option<String>,
}

fn prepare<'a>(bytes: &'a [u8], source: Option<&str>) -> Prepared<'a> {
    prepare_decoded(decode::decode(bytes), source)
}

fn prepare_decoded<'a>(decoded: decode::Decoded<'a>, source: Option<&str>) -> Prepared<'a> {
    match decoded.encoding {
        Encoding::Empty => return Prepared::Done(not_a_log(source, decoded, NotALogCause::Empty, 0)),
        Encoding::Binary => {
            let cause = if decoded.binary_kind.is_some() { NotALogCause::KnownBinary } else { NotALogCause::Binary };
            return Prepared::Done(not_a_log(source, decoded, cause, 0));
        }
        _ => {}
    }
    let encoding = decoded.encoding;
    let mut text = decoded.text;
    let mut masked_any = false;
    // The proxy values as written, passwords and all, to find them elsewhere.
    let mut secrets = Vec::new();
    if decoded.at_sign {
        if let Cow::Owned(masked) = machine::mask_credentials(&text) {
            secrets = machine::read(&segment::head(&text), &text, source).secrets;
            text = Cow::Owned(masked);
            masked_any = true;
        }
    }
    let mut info = machine::read(&segment::head(&text), &text, source);
    secrets.append(&mut info.secrets);
    // A password in a proxy value without a scheme (`user:pass@host:port`)
    // is not caught by the URL scan: mask that value wherever it appears,
    // and its `user:password` too (curl's `-U user:password`).
    for raw in &secrets {
        let (safe, _) = machine::mask_userinfo(raw);
        if safe != raw.as_str() && text.contains(raw.as_str()) {
            text = Cow::Owned(text.replace(raw.as_str(), &safe));
        }
        // (Not for a pair so short it could be part of other text, such as a port.)
        if let Some((user, password)) = machine::userinfo(raw).filter(|(u, p)| !u.is_empty() && u.len() + p.len() >= 5)
        {
            if let Some(masked) = machine::mask_user_password(&text, user, password) {
                text = Cow::Owned(masked);
            }
        }
    }
    // A URL with a password anywhere (a curl command, curl's own lines)
    // means the log itself must not be shared as it is.
    info.proxy.credentials_in_url |= masked_any;
    Prepared::Log(Log { text, info, encoding, source: source.map(str::to_string) })
}

impl<'a> Log<'a> {
    /// The analysis, once `state` has read every block of the text.
    fn finish(self, state: Checks) -> Analysis<'a> {
        let Log { mut text, mut info, encoding, source } = self;
        // Passwords found in commands (`curl -U user:password`) are masked
        // in the text as well, wherever they appear.
        for (user, password) in &state.shared.passwords {
            if let Some(masked) = machine::mask_user_password(&text, user, password) {
                text = Cow::Owned(masked);
            }
            info.proxy.credentials_in_url = true;
        }
        match state.report(&text, info, encoding, source.as_deref()) {
            Ok(report) => Analysis { report, text },
            Err((cause, line_count)) => not_a_log(
                source.as_deref(),
                decode::Decoded { text, encoding, binary_kind: None, at_sign: false },
                cause,
                line_count,
            ),
        }
    }

    fn into_owned(self) -> Log<'static> {
        Log { text: Cow::Owned(self.text.into_owned()), info: self.info, encoding: self.encoding, source: self.source }
    }
}

/// How many checks are read before the rest are estimated and made room for.
const ESTIMATE_AFTER: usize = 1024;

/// The blocks of a text read so far, and where reading goes on.
struct Checks {
    cursor: segment::Cursor,
    scripted: bool,
    finished: bool,
    line_count: usize,
    /// The script's closing line came after the last block.
    ended: bool,
    seen_tunnel: bool,
    asr_section: bool,
    shared: Shared,
    checks: Vec<Check>,
}

impl Checks {
    fn new(text: &str) -> Checks {
        Checks {
            cursor: segment::Cursor::default(),
            scripted: segment::is_scripted(text),
            finished: false,
            line_count: 0,
            ended: false,
            seen_tunnel: false,
            asr_section: false,
            shared: Shared::default(),
            checks: Vec::new(),
        }
    }

    /// Reads blocks of `text` until at least `budget` more bytes have been
    /// read or the text ends (then `finished` is set).
    fn read(&mut self, text: &str, budget: usize) {
        let mut blocks = segment::Blocks::resume(text, self.scripted, self.cursor);
        let stop = self.cursor.offset().saturating_add(budget);
        loop {
            let Some((b, output)) = blocks.next_with_lines() else {
                self.finished = true;
                self.line_count = blocks.lines_read();
                self.ended = blocks.saw_end();
                break;
            };
            self.asr_section |= b.section == Some(Service::SiteRecovery);
            let (check, via_proxy) = check_of(b, output, &mut self.shared);
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
    fn report(
        self,
        text: &str,
        info: machine::MachineInfo,
        encoding: Encoding,
        source: Option<&str>,
    ) -> Result<Report, (NotALogCause, usize)> {
        let Checks { scripted, line_count, ended, seen_tunnel, asr_section, checks, .. } = self;
        if checks.is_empty() {
            let cause = if looks_like_windows_log(text) {
                NotALogCause::WindowsLog
            } else if looks_like_script_head(text) {
                NotALogCause::CutBeforeChecks
            } else {
                NotALogCause::NoCommands
            };
            return Err((cause, line_count));
        }
        let mut proxy = info.proxy;
        proxy.seen_in_curl = seen_tunnel;
        proxy.configured |= proxy.seen_in_curl;
        let format = if !scripted {
            Format::Transcript
        } else if asr_section
            || checks.iter().any(|c| c.service == Service::SiteRecovery)
            || info.machine.script.as_deref().is_some_and(|s| s.contains("ASR"))
        {
            Format::LinuxAsr
        } else {
            Format::LinuxBackup
        };
        // Cut inside a block; or, for the backup script, cut between blocks:
        // no closing line after the last one and one of the four services
        // the script always checks never reached.
        let truncated = checks.iter().any(|c| c.reason == Reason::Interrupted)
            || format == Format::LinuxBackup
                && !ended
                && !SCRIPT_SERVICES.iter().all(|&s| checks.iter().any(|c| c.service == s));
        let findings = findings::derive(&checks, &proxy, truncated);
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

/// The services the backup script checks in every run, in its order.
const SCRIPT_SERVICES: [Service; 4] = [Service::FileRecovery, Service::Backup, Service::Storage, Service::EntraId];

/// An analysis done in steps, for a caller that must stay responsive
/// (the page's worker answers a cancel between steps): the same result as
/// [`analyze`], whatever the steps.
pub struct Stepwise {
    state: StepState,
    total: usize,
}

enum StepState {
    Done(Box<Analysis<'static>>),
    Reading(Box<(Log<'static>, Checks)>),
}

impl Stepwise {
    /// Decodes `bytes` and reads the log's machine part; its blocks are
    /// read by [`Stepwise::step`].
    pub fn new(bytes: &[u8], source: Option<&str>) -> Stepwise {
        Stepwise::start(prepare(bytes, source))
    }

    /// [`Stepwise::new`] of bytes the caller gives away: a log that is
    /// UTF-8 as it stands is read in their buffer, not in a copy.
    pub fn from_vec(bytes: Vec<u8>, source: Option<&str>) -> Stepwise {
        Stepwise::start(prepare_decoded(decode::decode_owned(bytes), source))
    }

    /// [`Stepwise::new`] of an input already known to be UTF-8 text.
    pub fn from_text(text: String, source: Option<&str>) -> Stepwise {
        Stepwise::start(prepare_decoded(decode::decode_text(text), source))
    }

    fn start(prepared: Prepared<'_>) -> Stepwise {
        let state = match prepared {
            Prepared::Done(analysis) => StepState::Done(Box::new(analysis.into_owned())),
            Prepared::Log(log) => {
                let log = log.into_owned();
                let checks = Checks::new(&log.text);
                StepState::Reading(Box::new((log, checks)))
            }
        };
        let total = match &state {
            StepState::Reading(r) => r.0.text.len(),
            _ => 0,
        };
        Stepwise { state, total }
    }

    /// Reads the next blocks, about `budget` bytes of them (at least one
    /// block). Returns whether every block has been read.
    pub fn step(&mut self, budget: usize) -> bool {
        match &mut self.state {
            StepState::Reading(r) => {
                let (log, checks) = &mut **r;
                if !checks.finished {
                    checks.read(&log.text, budget.max(1));
                }
                checks.finished
            }
            _ => true,
        }
    }

    /// How many bytes of the decoded text have been read, and how many it has.
    pub fn progress(&self) -> (usize, usize) {
        match &self.state {
            StepState::Reading(r) if !r.1.finished => (r.1.cursor.offset(), self.total),
            _ => (self.total, self.total),
        }
    }

    /// The analysis (reading what is left first).
    pub fn finish(self) -> Analysis<'static> {
        match self.state {
            StepState::Done(analysis) => *analysis,
            StepState::Reading(r) => {
                let (log, mut checks) = *r;
                if !checks.finished {
                    checks.read(&log.text, usize::MAX);
                }
                log.finish(checks)
            }
        }
    }
}

/// The Linux script's first lines (its machine part), or its name.
fn looks_like_script_head(text: &str) -> bool {
    ["#### 環境情報確認 ####", "環境情報確認終了", "Check_Backup_NW_Linux"].iter().any(|k| text.contains(k))
}

/// The Windows script's transcript (`Test-NetConnection`, WinHTTP proxy).
fn looks_like_windows_log(text: &str) -> bool {
    ["TcpTestSucceeded", "AzureBackup_Check_NW", "Check_Backup_NW_ver", "Windows PowerShell transcript"]
        .iter()
        .any(|k| text.contains(k))
}

/// Builds the check for one block (`output`: its output lines) with the
/// reader for its tool, and whether curl went through a proxy tunnel.
fn check_of(block: segment::Block, output: tools::Lines, shared: &mut Shared) -> (Check, bool) {
    use segment::Tool;
    let known = shared.command(block.command);
    let (kind, verdict) = match known.tool {
        Tool::Nslookup => (CheckKind::Dns, tools::nslookup::read(output)),
        Tool::Nc => (CheckKind::Tcp, tools::nc::read(output)),
        Tool::Curl => (CheckKind::Https, tools::curl::read(output)),
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
    if kind == CheckKind::Tcp && port == Some(3260) || section == Some(Service::FileRecovery) {
        return Service::FileRecovery;
    }
    known.or(section).unwrap_or(Service::Other)
}

/// What one distinct command line says, worked out the first time it is
/// seen: a log repeats the same commands thousands of times.
struct Known {
    command: Rc<str>,
    tool: segment::Tool,
    port: Option<u16>,
    fqdn: Rc<str>,
    service: Option<Service>,
    region: Option<Rc<str>>,
    /// The evidence and addresses of this command's last check: a command
    /// run again mostly prints the same, so they are shared when equal.
    last_evidence: Option<Rc<str>>,
    last_addresses: Rc<[Rc<str>]>,
    last_tool: Option<Rc<str>>,
}

impl Known {
    /// `text` as evidence, shared with the last check's when equal.
    fn evidence(&mut self, text: &str) -> Rc<str> {
        same_or_new(&mut self.last_evidence, text)
    }

    /// `addresses`, shared with the last check's when equal.
    fn addresses(&mut self, addresses: &[&str]) -> Rc<[Rc<str>]> {
        let same = self.last_addresses.len() == addresses.len()
            && self.last_addresses.iter().zip(addresses).all(|(a, b)| **a == **b);
        if !same {
            self.last_addresses = addresses.iter().map(|a| Rc::from(*a)).collect();
        }
        self.last_addresses.clone()
    }

    /// The tool's name, shared with the last check's when equal.
    fn tool(&mut self, name: &str) -> Rc<str> {
        same_or_new(&mut self.last_tool, name)
    }
}

/// `last` when it holds `text`; otherwise `text`, stored in `last` too.
fn same_or_new(last: &mut Option<Rc<str>>, text: &str) -> Rc<str> {
    match last {
        Some(l) if **l == *text => l.clone(),
        _ => last.insert(Rc::from(text)).clone(),
    }
}

/// A destination name's service and region.
type NameInfo = (Option<Service>, Option<Rc<str>>);

/// What the checks of one log share: each distinct command and destination
/// name stored once, with what the command says ([`Known`]), looked up
/// once per block by the command's text.
#[derive(Default)]
struct Shared {
    /// Index into `known` by command text.
    commands: fasthash::FastMap<Rc<str>, usize>,
    known: Vec<Known>,
    /// Each destination name once, with its service and region.
    names: fasthash::FastMap<Rc<str>, NameInfo>,
    /// Each region name once.
    regions: fasthash::FastMap<&'static str, Rc<str>>,
    /// `user:password` given to curl's `-U` / `--proxy-user` / `-u` /
    /// `--user` in a command: masked in the command, and in the text at the end.
    passwords: Vec<(String, String)>,
}

impl Shared {
    /// What `text`, a block's command, says.
    fn command(&mut self, text: &str) -> &mut Known {
        let at = match self.commands.get(text) {
            Some(&at) => at,
            None => {
                let parsed = segment::parse_command(text);
                let (fqdn, (service, region)) = self.name(&parsed.target);
                let command: Rc<str> = Rc::from(text);
                let masked = machine::option_credentials(text).and_then(|(user, password)| {
                    self.passwords.push((user.to_string(), password.to_string()));
                    machine::mask_user_password(text, user, password)
                });
                let shown = masked.map_or_else(|| command.clone(), Rc::from);
                self.known.push(Known {
                    command: shown,
                    tool: parsed.tool,
                    port: parsed.port,
                    fqdn,
                    service,
                    region,
                    last_evidence: None,
                    last_addresses: Rc::from([]),
                    last_tool: None,
                });
                self.commands.insert(command, self.known.len() - 1);
                self.known.len() - 1
            }
        };
        &mut self.known[at]
    }

    /// The destination name, its service and its region.
    fn name(&mut self, fqdn: &str) -> (Rc<str>, NameInfo) {
        if let Some((name, (service, region))) = self.names.get_key_value(fqdn) {
            return (name.clone(), (*service, region.clone()));
        }
        let service = knowledge::service_of(fqdn);
        let region =
            knowledge::region_of(fqdn).map(|r| self.regions.entry(r.name).or_insert_with(|| Rc::from(r.name)).clone());
        let name: Rc<str> = Rc::from(fqdn);
        self.names.insert(name.clone(), (service, region.clone()));
        (name, (service, region))
    }
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

/// A line as evidence: trimmed, at most 300 characters, and for curl
/// without the progress meter before its message or status line.
fn evidence_text(line: &str, kind: CheckKind) -> Cow<'_, str> {
    let line = if kind == CheckKind::Https {
        let line = line.rsplit('\r').next().unwrap_or(line);
        // curl's message has a '(' (`curl: (7) ...`); a status line at the
        // start of a line without one needs no search.
        let has_paren = line.as_bytes().contains(&b'(');
        if !has_paren && line.starts_with("HTTP/") {
            line
        } else {
            match (has_paren.then(|| tools::curl::CURL_ERROR.find(line)).flatten(), tools::curl::HTTP.find(line)) {
                (Some(at), _) | (None, Some(at)) => &line[at..],
                _ => line,
            }
        }
    } else {
        line
    };
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

/// The report for input that is not a network-check log.
fn not_a_log<'a>(
    source: Option<&str>,
    decoded: decode::Decoded<'a>,
    cause: NotALogCause,
    line_count: usize,
) -> Analysis<'a> {
    let finding = Finding {
        id: FindingId::NotALog,
        severity: Severity::Error,
        lines: [0, 0],
        checks: Vec::new(),
        fqdns: Vec::new(),
        cause: Some(cause),
        detail: decoded.binary_kind.map(str::to_string),
    };
    let report = Report {
        schema: SCHEMA_VERSION,
        source: source.map(str::to_string),
        format: Format::NotALog,
        encoding: decoded.encoding,
        truncated: false,
        host: None,
        run_at: None,
        machine: Machine::default(),
        proxy: Proxy::default(),
        checks: Vec::new(),
        services: Service::ALL
            .iter()
            .map(|&service| ServiceSummary { service, status: ServiceStatus::NotChecked })
            .collect(),
        findings: vec![finding],
        overall: Overall::NotALog,
        line_count,
        followup: None,
    };
    Analysis { report, text: decoded.text }
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
