//! The analyzer core: decode, redact credentials, recognise the log's
//! layout, split it into command blocks, judge each block with the reader
//! for its tool, then derive findings from all checks.
//!
//! Pure: no IO, no browser, no global state. [`analyze`] never panics and
//! never fails; input it cannot read becomes a report whose format is
//! `not-a-log`, and output it does not understand becomes an `unknown` check.

pub mod blocks;
pub mod command;
pub mod decode;
pub mod fasthash;
pub mod findings;
pub mod format;
mod intern;
pub mod knowledge;
pub mod lines;
pub mod machine;
pub mod model;
pub mod newlines;
mod reading;
pub mod redact;
pub mod schema_id;
pub mod tools;
pub mod windows;
pub mod windows_log;

pub use model::*;

use reading::Checks;
use std::borrow::Cow;

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
            let mut state = Checks::new(&log.text, log.windows());
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
    /// A Windows script's transcript: its head and settings.
    win: Option<Box<windows::WindowsInfo>>,
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
    let redacted = redact::redact(decoded.text, decoded.at_sign);
    let text = redacted.text;
    let mut info = machine::read(&format::head(&text), &text, source);
    let win = format::windows::recognise(&text).map(|_| Box::new(windows::read(&text)));
    if let Some(w) = win.as_deref() {
        let script = info.machine.script.take();
        info = windows_log::machine_info(w, source);
        info.machine.script = info.machine.script.take().or(script);
    }
    // A password anywhere (a proxy value, a curl command, curl's own lines)
    // means the log itself must not be shared as it is.
    info.proxy.credentials_in_url |= redacted.masked;
    Prepared::Log(Log { text, info, encoding, source: source.map(str::to_string), win })
}

impl<'a> Log<'a> {
    /// The analysis, once `state` has read every block of the text.
    fn finish(self, state: Checks) -> Analysis<'a> {
        let Log { text, info, encoding, source, win } = self;
        match state.report(&text, info, encoding, source.as_deref(), win.as_deref()) {
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
        Log {
            text: Cow::Owned(self.text.into_owned()),
            info: self.info,
            encoding: self.encoding,
            source: self.source,
            win: self.win,
        }
    }

    /// The Windows transcript's settings, when the log is one.
    fn windows(&self) -> Option<&windows::WindowsInfo> {
        self.win.as_deref()
    }
}

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
                let checks = Checks::new(&log.text, log.windows());
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
