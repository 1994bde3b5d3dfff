//! The page's state and the one reducer that changes it. Loading a log
//! runs the analyzer here and nowhere else on the page's thread; larger
//! files and pasted texts are analyzed by the worker ([`super::worker`])
//! and arrive here as a finished analysis.

use super::worker::Stage;
use crate::analyzer::lines::LineIndex;
use crate::analyzer::model::Report;
use crate::explain::Lang;
use crate::Analysis;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// Files larger than this are not read: a network-check log is usually
/// under 1 MB, and holding a few hundred megabytes of log and report
/// would exhaust the tab.
pub const MAX_FILE_MB: usize = 200;
pub const MAX_FILE_BYTES: f64 = (MAX_FILE_MB * 1024 * 1024) as f64;

/// Files and pasted texts larger than this (in bytes, UTF-8 for a text)
/// are read and analyzed in a worker, with progress and a cancel button;
/// smaller ones are analyzed here at once (well under 50 ms).
pub const WORKER_MIN_BYTES: f64 = (1024 * 1024) as f64;

/// A value shared by the components that show it. Two are equal when they
/// are the same value, so comparing props never walks thousands of checks.
#[derive(Debug, Default)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &ByPtr<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A report shared by the components that show it, compared by pointer.
pub type SharedReport = ByPtr<Report>;

impl<T> Deref for ByPtr<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// One analyzed input.
#[derive(Debug, PartialEq)]
pub struct Doc {
    /// Unique for the page's lifetime.
    pub id: u32,
    pub name: DocName,
    pub report: SharedReport,
    /// The decoded log the report's line numbers point into.
    pub text: Rc<String>,
    /// Where its lines are (the log view finds its lines with it).
    pub lines: Rc<LineIndex>,
    /// Which run of its file it is (1-based) and how many the file holds,
    /// when the file holds several.
    pub run: Option<(usize, usize)>,
}

impl Doc {
    /// The name for a tab: host and run time when the log names them
    /// ("rhel92-bk01 · Wed Oct 2 12:57:31 AM UTC 2024"), else the file
    /// name; the run's number when the file holds several. `report` is the
    /// report on screen (masked or not).
    pub fn tab_label(&self, report: &Report, lang: Lang) -> String {
        let mut label = match (&report.host, &report.run_at) {
            (Some(h), Some(at)) => format!("{h} · {at}"),
            (Some(h), None) => h.clone(),
            _ => self.file_label(report, lang),
        };
        if let Some((n, of)) = self.run {
            label.push_str(&super::text::run_label(lang, n, of));
        }
        label
    }

    /// The file's name as shown: masked with the report when it is masked
    /// (the report's `source` is the file name, with the host masked).
    pub fn file_label(&self, report: &Report, lang: Lang) -> String {
        match (&self.name, report.source.as_deref()) {
            (DocName::File(_), Some(source)) => source.rsplit(['/', '\\']).next().unwrap_or(source).to_string(),
            _ => self.name.label(lang),
        }
    }

    /// The report without its checks (host, run time, file name, verdict),
    /// masked with `mask`: cheap, for labels and titles.
    pub fn head(&self, mask: bool) -> Report {
        let head = self.report.clone_without_checks();
        if mask {
            crate::anonymize::mask_report(&head)
        } else {
            head
        }
    }

    /// The name of the downloaded JSON file; with `mask`, one that holds
    /// no host name (`export::download_name`).
    pub fn json_file_name(&self, mask: bool) -> String {
        let file = self.name.json_file_name(mask);
        match self.run {
            Some((n, _)) => format!("{}-run{n}.json", file.strip_suffix(".json").unwrap_or(&file)),
            None => file,
        }
    }
}

/// Where an input came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocName {
    /// A file (or the sample) with this name.
    File(AttrValue),
    /// The n-th text pasted into the paste box.
    Pasted(u32),
}

impl DocName {
    /// The name to show: the file name, or "Pasted text 2".
    pub fn label(&self, lang: Lang) -> String {
        match self {
            DocName::File(name) => name.to_string(),
            DocName::Pasted(1) => super::text::t(lang, super::text::Key::PastedText).to_string(),
            DocName::Pasted(n) => format!("{} {n}", super::text::t(lang, super::text::Key::PastedText)),
        }
    }

    /// The name of the downloaded JSON file; masked, without the file's
    /// name (it holds the host's): see [`crate::export::download_name`].
    pub fn json_file_name(&self, masked: bool) -> String {
        match self {
            DocName::File(name) => crate::export::download_name(Some(name), 0, masked),
            DocName::Pasted(n) => crate::export::download_name(None, *n, masked),
        }
    }
}

/// Something about an input that did not become a report (`FollowUpNotRead`:
/// pasted follow-up output holding no command nwcheck reads).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    TooLarge { name: AttrValue, bytes: f64 },
    ReadFailed { name: DocName, error: AttrValue },
    EmptyPaste,
    FollowUpNotRead,
}

/// Lines of a log to show as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// First and last 1-based line of the block.
    pub lines: [usize; 2],
    /// The one line that decided, when there is one.
    pub line: Option<usize>,
}

/// The log dialog: which doc, and which lines it highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogTarget {
    pub doc: u32,
    pub evidence: Evidence,
}

/// A file being read (and, when large, analyzed in a worker), or a large
/// pasted text being analyzed in a worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Unique for the page's lifetime (given by the caller).
    pub read: u32,
    pub name: DocName,
    /// The input's size in bytes.
    pub bytes: f64,
    /// Where it is; `None` for a small file read at once.
    pub stage: Option<Stage>,
}

/// What the last copy or download did, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum HandOff {
    /// A large report's export is being made, a few checks per task.
    Preparing,
    Copied,
    /// The clipboard refused; the text is shown for copying by hand.
    CopyFailed(AttrValue),
    Downloaded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub docs: Vec<Rc<Doc>>,
    /// The id of the doc on screen.
    pub current: Option<u32>,
    /// Inputs being read or analyzed in a worker, in the order they came.
    pub reading: Vec<Reading>,
    pub notices: Vec<Notice>,
    pub failures_only: bool,
    pub mask: bool,
    pub log: Option<LogTarget>,
    pub dragging: bool,
    pub hand_off: Option<HandOff>,
    /// The last closed log and where its tab was, until the next close
    /// or until it is reopened.
    pub closed: Option<(usize, Rc<Doc>)>,
    /// The masked copy of a doc's report (doc id), made when the mask
    /// switch is on; the page then shows and prints it.
    pub masked: Option<(u32, SharedReport)>,
    /// The first doc id of the inputs given together (several files, a
    /// file of several runs): the worst of them is shown first.
    batch_from: u32,
    /// Changes whenever keyboard focus should move to the report on
    /// screen (a log opened, closed or reopened).
    pub focus: u32,
    next_doc: u32,
    pasted: u32,
}

/// How bad a verdict is, to show the worst of several logs first.
pub fn badness(overall: crate::analyzer::model::Overall) -> u8 {
    use crate::analyzer::model::Overall;
    match overall {
        Overall::Problems => 3,
        Overall::Inconclusive => 2,
        Overall::NotALog => 1,
        Overall::Ok => 0,
    }
}

/// Everything that can happen to the page.
#[derive(Debug)]
pub enum Action {
    SetLang(Lang),
    /// A file read started (the id comes from the caller); `worker` when a
    /// worker reads and analyzes it.
    Reading {
        read: u32,
        name: AttrValue,
        bytes: f64,
        worker: bool,
    },
    /// A small file was read: analyze it.
    Read {
        read: u32,
        name: AttrValue,
        result: Result<Vec<u8>, String>,
    },
    /// A pasted text too large to analyze here went to a worker (the id
    /// comes from the caller); it is numbered like the other pasted texts.
    ReadingPasted {
        read: u32,
        bytes: f64,
    },
    /// A worker moved on with an input.
    Progress {
        read: u32,
        stage: Stage,
    },
    /// A worker finished an input.
    Analyzed {
        read: u32,
        /// The analysis and the index of its text's lines.
        result: Result<Box<(Analysis<'static>, LineIndex)>, String>,
    },
    /// The user stopped reading an input.
    Cancel(u32),
    /// A file was not read because of its size.
    TooLarge {
        name: AttrValue,
        bytes: f64,
    },
    /// Text from the paste box, small enough to analyze here.
    Pasted(String),
    /// The built-in sample log.
    Sample {
        name: AttrValue,
        bytes: &'static [u8],
    },
    Select(u32),
    CloseDoc(u32),
    /// Reopens the last closed log.
    UndoClose,
    /// The masked copy of doc `doc`'s report is ready.
    Masked {
        doc: u32,
        report: SharedReport,
    },
    DismissNotices,
    SetFailuresOnly(bool),
    SetMask(bool),
    ShowLog(Evidence),
    CloseLog,
    Dragging(bool),
    HandOff(Option<HandOff>),
    /// The output of follow-up commands pasted for a doc (and the vault's
    /// region they were written for): merged into its report.
    FollowUp {
        doc: u32,
        text: String,
        region: Option<&'static crate::analyzer::knowledge::Region>,
    },
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            docs: Vec::new(),
            current: None,
            reading: Vec::new(),
            notices: Vec::new(),
            failures_only: false,
            mask: false,
            log: None,
            dragging: false,
            hand_off: None,
            closed: None,
            masked: None,
            batch_from: 1,
            focus: 0,
            next_doc: 1,
            pasted: 0,
        }
    }

    /// The doc on screen.
    pub fn current_doc(&self) -> Option<&Rc<Doc>> {
        let id = self.current?;
        self.docs.iter().find(|d| d.id == id)
    }

    /// The report on screen for `doc`: its masked copy when the mask
    /// switch is on and the copy is made, else the report itself.
    pub fn shown_report(&self, doc: &Doc) -> SharedReport {
        match &self.masked {
            Some((id, masked)) if self.mask && *id == doc.id => masked.clone(),
            _ => doc.report.clone(),
        }
    }

    /// Whether what is on screen may be printed: with the mask switch on,
    /// only once the masked copy is shown.
    pub fn printable(&self) -> bool {
        !self.mask || self.current.is_some_and(|id| self.masked.as_ref().is_some_and(|(m, _)| *m == id))
    }

    /// Inputs that come now start a new batch unless others are still
    /// being read.
    fn start_batch(&mut self) {
        if self.reading.is_empty() {
            self.batch_from = self.next_doc;
        }
    }

    /// Analyzes one input and puts it on screen: one report per run when
    /// the text holds several runs of the script.
    fn add(&mut self, name: DocName, source: Option<&str>, bytes: &[u8]) {
        let analysis = crate::analyze(bytes, source).into_owned();
        let runs = crate::runs::split(&analysis.text);
        if runs.len() > 1 {
            let count = runs.len();
            for (n, range) in runs.into_iter().enumerate() {
                let part = crate::analyze(analysis.text[range].as_bytes(), source).into_owned();
                let lines = LineIndex::new(&part.text);
                self.push(name.clone(), part, lines, Some((n + 1, count)));
            }
            return;
        }
        let lines = LineIndex::new(&analysis.text);
        self.show(name, analysis, lines);
    }

    /// Puts an analysis on screen (`lines`: the index of its text's lines).
    fn show(&mut self, name: DocName, analysis: Analysis<'static>, lines: LineIndex) {
        self.push(name, analysis, lines, None);
    }

    fn push(&mut self, name: DocName, analysis: Analysis<'static>, lines: LineIndex, run: Option<(usize, usize)>) {
        let Analysis { report, text } = analysis;
        let id = self.next_doc;
        self.next_doc += 1;
        self.docs.push(Rc::new(Doc {
            id,
            name,
            report: ByPtr(Rc::new(report)),
            text: Rc::new(text.into_owned()),
            lines: Rc::new(lines),
            run,
        }));
        // The worst of the inputs given together is shown first.
        let batch_from = self.batch_from;
        let worst = self
            .docs
            .iter()
            .filter(|d| d.id >= batch_from)
            .fold(None::<&Rc<Doc>>, |w, d| match w {
                Some(w) if badness(w.report.overall) >= badness(d.report.overall) => Some(w),
                _ => Some(d),
            })
            .map(|d| d.id);
        self.current = worst.or(Some(id));
        self.closed = None;
        self.focus += 1;
        self.log = None;
        self.hand_off = None;
    }
}

impl State {
    /// Merges pasted follow-up output into a doc's report; the doc keeps
    /// its id and name ([`crate::followup::merge`]).
    fn follow_up(&mut self, doc: u32, text: &str, region: Option<&'static crate::analyzer::knowledge::Region>) {
        let Some(at) = self.docs.iter().position(|d| d.id == doc) else { return };
        let old = &self.docs[at];
        let typed = crate::analyze(text.as_bytes(), None);
        match crate::followup::merge::merge(&old.report, &old.text, &typed, None, region) {
            Ok(Analysis { report, text }) => {
                let text = text.into_owned();
                let lines = Rc::new(LineIndex::new(&text));
                let (id, name, run) = (old.id, old.name.clone(), old.run);
                let report = ByPtr(Rc::new(report));
                self.docs[at] = Rc::new(Doc { id, name, run, report, text: Rc::new(text), lines });
                self.log = None;
                self.hand_off = None;
            }
            Err(_) => self.notices.push(Notice::FollowUpNotRead),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                if lang == s.lang {
                    return self;
                }
                s.lang = lang;
            }
            Action::Reading { read, name, bytes, worker } => {
                s.start_batch();
                s.reading.push(Reading {
                    read,
                    name: DocName::File(name),
                    bytes,
                    stage: worker.then_some(Stage::Starting),
                })
            }
            Action::ReadingPasted { read, bytes } => {
                s.start_batch();
                s.pasted += 1;
                s.reading.push(Reading { read, name: DocName::Pasted(s.pasted), bytes, stage: Some(Stage::Starting) })
            }
            Action::Progress { read, stage } => {
                let Some(r) = s.reading.iter_mut().find(|r| r.read == read) else {
                    return self;
                };
                if r.stage == Some(stage) {
                    return self;
                }
                r.stage = Some(stage);
            }
            Action::Cancel(read) => {
                if !s.reading.iter().any(|r| r.read == read) {
                    return self;
                }
                s.reading.retain(|r| r.read != read);
            }
            Action::Analyzed { read, result } => {
                let Some(at) = s.reading.iter().position(|r| r.read == read) else {
                    // Cancelled meanwhile.
                    return self;
                };
                let name = s.reading.remove(at).name;
                match result {
                    Ok(loaded) => {
                        let (analysis, lines) = *loaded;
                        s.show(name, analysis, lines)
                    }
                    Err(error) => s.notices.push(Notice::ReadFailed { name, error: error.into() }),
                }
            }
            Action::Read { read, name, result } => {
                if !s.reading.iter().any(|r| r.read == read) {
                    return self;
                }
                s.reading.retain(|r| r.read != read);
                match result {
                    Ok(bytes) => {
                        let source = name.to_string();
                        s.add(DocName::File(name), Some(&source), &bytes);
                    }
                    Err(error) => s.notices.push(Notice::ReadFailed { name: DocName::File(name), error: error.into() }),
                }
            }
            Action::TooLarge { name, bytes } => s.notices.push(Notice::TooLarge { name, bytes }),
            Action::Pasted(text) => {
                if text.trim().is_empty() {
                    s.notices.push(Notice::EmptyPaste);
                } else {
                    s.start_batch();
                    s.pasted += 1;
                    s.add(DocName::Pasted(s.pasted), None, text.as_bytes());
                }
            }
            Action::Sample { name, bytes } => {
                s.start_batch();
                let source = name.to_string();
                s.add(DocName::File(name), Some(&source), bytes);
            }
            Action::Select(id) => {
                if s.current == Some(id) || !s.docs.iter().any(|d| d.id == id) {
                    return self;
                }
                s.current = Some(id);
                s.log = None;
                s.hand_off = None;
            }
            Action::CloseDoc(id) => {
                let Some(at) = s.docs.iter().position(|d| d.id == id) else {
                    return self;
                };
                let doc = s.docs.remove(at);
                s.closed = Some((at, doc));
                s.focus += 1;
                if s.current == Some(id) {
                    s.current = s.docs.get(at).or_else(|| s.docs.last()).map(|d| d.id);
                    s.log = None;
                    s.hand_off = None;
                }
            }
            Action::UndoClose => {
                let Some((at, doc)) = s.closed.take() else {
                    return self;
                };
                let id = doc.id;
                s.docs.insert(at.min(s.docs.len()), doc);
                s.current = Some(id);
                s.focus += 1;
                s.log = None;
                s.hand_off = None;
            }
            Action::Masked { doc, report } => {
                if !s.mask || !s.docs.iter().any(|d| d.id == doc) {
                    return self;
                }
                s.masked = Some((doc, report));
            }
            Action::DismissNotices => {
                if s.notices.is_empty() {
                    return self;
                }
                s.notices.clear();
            }
            Action::SetFailuresOnly(on) => s.failures_only = on,
            Action::SetMask(on) => {
                s.mask = on;
                if !on {
                    s.masked = None;
                }
                s.hand_off = None;
            }
            Action::ShowLog(evidence) => {
                let Some(doc) = s.current else {
                    return self;
                };
                s.log = Some(LogTarget { doc, evidence });
            }
            Action::CloseLog => {
                if s.log.is_none() {
                    return self;
                }
                s.log = None;
            }
            Action::Dragging(on) => {
                if s.dragging == on {
                    return self;
                }
                s.dragging = on;
            }
            Action::HandOff(h) => s.hand_off = h,
            Action::FollowUp { doc, text, region } => s.follow_up(doc, &text, region),
        }
        Rc::new(s)
    }
}
