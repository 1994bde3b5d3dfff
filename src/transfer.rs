//! The messages between the web page and its analysis worker (the Web
//! Worker that reads and analyzes large files away from the page's
//! thread), and how an [`Analysis`] is cut into messages and put back
//! together.
//!
//! Every message is small enough for the page to decode in a few
//! milliseconds: the input goes to the worker in pieces of
//! [`INPUT_PIECE`] bytes, and the result comes back as the report without
//! its checks ([`Output::Head`]), then the checks [`CHECKS_PIECE`] at a
//! time, then the decoded text in pieces of at most [`TEXT_PIECE`] bytes.
//!
//! The messages use a compact binary encoding ([`to_bytes`], postcard),
//! which has no field names, so every field of the report is always written
//! (none is skipped when empty).
//!
//! Pure and target-independent, so the native tests check the round trip.

use crate::analyzer::lines::LineIndex;
use crate::analyzer::model::{Check, Report};
use crate::Analysis;
use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

/// The page sends the input in pieces of this many bytes.
pub const INPUT_PIECE: usize = 4 << 20;
/// The worker sends the decoded text in pieces of at most this many bytes.
pub const TEXT_PIECE: usize = 4 << 20;
/// The worker sends this many checks per message.
pub const CHECKS_PIECE: usize = 4096;

/// Encodes a message for the worker or the page.
pub fn to_bytes<T: Serialize>(message: &T) -> Option<Vec<u8>> {
    postcard::to_allocvec(message).ok()
}

/// Decodes a message made by [`to_bytes`].
pub fn from_bytes<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Input {
    /// A new input: its file name (none for pasted text) and size. The
    /// worker answers [`Output::Ready`].
    Start { name: Option<String>, size: u64 },
    /// The next bytes of the input.
    Bytes(ByteBuf),
    /// All bytes were sent: analyze them.
    End,
    /// The page has taken a piece of the result: send the next one. The
    /// worker stays a piece or two ahead, and the page draws between pieces.
    More,
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Output {
    /// The worker is running and waits for the bytes.
    Ready,
    /// The worker has every byte and is analyzing them: `done` of the
    /// `total` bytes of the decoded text have been read.
    Analyzing { done: u64, total: u64 },
    /// The report without its checks, how many checks it has, how many
    /// bytes its text has, and how many messages follow before [`Output::Done`].
    Head { report: Box<Report>, checks: usize, text_len: usize, pieces: usize },
    /// The next checks, in report order.
    Checks(Vec<Check>),
    /// The next piece of the decoded text.
    Text(String),
    /// The whole analysis was sent.
    Done,
    /// Something went wrong in the worker.
    Failed(String),
}

/// The messages that carry `analysis`, in order: the head, the checks, the
/// text, then [`Output::Done`]. Made one at a time, so the worker never
/// holds a second copy of the text.
pub fn parcels(analysis: Analysis<'_>) -> Parcels {
    let Analysis { mut report, text } = analysis;
    let text = text.into_owned();
    let checks = std::mem::take(&mut report.checks);
    let pieces = checks.len().div_ceil(CHECKS_PIECE) + text_pieces(&text);
    let head = Output::Head { report: Box::new(report), checks: checks.len(), text_len: text.len(), pieces };
    Parcels { head: Some(head), checks: checks.into_iter(), text, at: 0, done: false }
}

/// How many pieces `text` is sent in.
fn text_pieces(text: &str) -> usize {
    let mut at = 0;
    let mut n = 0;
    while at < text.len() {
        at = piece_end(text, at);
        n += 1;
    }
    n
}

/// Where the text piece that starts at `at` ends: at most [`TEXT_PIECE`]
/// bytes on, on a character boundary.
fn piece_end(text: &str, at: usize) -> usize {
    let mut end = (at + TEXT_PIECE).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The messages of one analysis, made as they are taken (see [`parcels`]).
#[derive(Debug)]
pub struct Parcels {
    head: Option<Output>,
    checks: std::vec::IntoIter<Check>,
    text: String,
    at: usize,
    done: bool,
}

impl Iterator for Parcels {
    type Item = Output;

    fn next(&mut self) -> Option<Output> {
        if let Some(head) = self.head.take() {
            return Some(head);
        }
        if self.done {
            return None;
        }
        if self.checks.len() > 0 {
            return Some(Output::Checks(self.checks.by_ref().take(CHECKS_PIECE).collect()));
        }
        if self.at < self.text.len() {
            let end = piece_end(&self.text, self.at);
            let piece = self.text[self.at..end].to_string();
            self.at = end;
            return Some(Output::Text(piece));
        }
        self.done = true;
        Some(Output::Done)
    }
}

/// An input as its pieces come to the worker. While every byte so far is
/// UTF-8 it is kept as text, each piece checked as it comes (the worker
/// waits for the next piece anyway), so the analysis need not check the
/// whole text again; otherwise as bytes.
#[derive(Debug)]
pub enum Incoming {
    /// UTF-8 so far; `carry` holds the first bytes of a character cut
    /// between two pieces.
    Text {
        text: String,
        carry: Vec<u8>,
    },
    Bytes(Vec<u8>),
}

/// A whole input: text if all of it is UTF-8, else its bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Received {
    Text(String),
    Bytes(Vec<u8>),
}

impl Incoming {
    /// Room for an input of `size` bytes.
    pub fn with_capacity(size: usize) -> Incoming {
        let mut text = String::new();
        let _ = text.try_reserve_exact(size);
        Incoming::Text { text, carry: Vec::new() }
    }

    /// Adds the next piece.
    pub fn push(&mut self, piece: &[u8]) {
        match self {
            Incoming::Bytes(bytes) => bytes.extend_from_slice(piece),
            Incoming::Text { text, carry } => {
                let joined;
                let bytes: &[u8] = if carry.is_empty() {
                    piece
                } else {
                    joined = [carry.as_slice(), piece].concat();
                    &joined
                };
                let cut = whole_chars(bytes);
                match std::str::from_utf8(&bytes[..cut]) {
                    Ok(s) => {
                        text.push_str(s);
                        *carry = bytes[cut..].to_vec();
                    }
                    Err(_) => {
                        let mut all = std::mem::take(text).into_bytes();
                        all.extend_from_slice(bytes);
                        *self = Incoming::Bytes(all);
                    }
                }
            }
        }
    }

    /// The whole input.
    pub fn finish(self) -> Received {
        match self {
            Incoming::Text { text, carry } if carry.is_empty() => Received::Text(text),
            Incoming::Text { text, carry } => {
                // It ends inside a character: not UTF-8.
                let mut all = text.into_bytes();
                all.extend_from_slice(&carry);
                Received::Bytes(all)
            }
            Incoming::Bytes(bytes) => Received::Bytes(bytes),
        }
    }
}

/// How many bytes of `bytes` come before a character cut at its end (all
/// of them when none is): the cut one is checked with the next piece.
fn whole_chars(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=n.min(3) {
        let b = bytes[n - back];
        if b & 0xc0 != 0x80 {
            // The last character starts here; its first byte gives its length.
            let len = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 1,
            };
            return if len > back { n - back } else { n };
        }
    }
    n
}

/// What taking one message gave.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// More messages are needed; `done` of `total` have come.
    Receiving { done: usize, total: usize },
    /// The worker has every byte and analyzes them (`done` of `total` bytes read).
    Analyzing { done: u64, total: u64 },
    /// The worker is ready for the bytes.
    Ready,
    /// The analysis is complete, with the index of its text's lines (made
    /// as the text came, piece by piece).
    Complete(Box<Analysis<'static>>, LineIndex),
    /// Something went wrong; the message says what.
    Failed(String),
}

/// Puts an analysis back together from the worker's messages.
#[derive(Debug, Default)]
pub struct Assembly {
    report: Option<Report>,
    text: String,
    lines: LineIndex,
    pieces: usize,
    received: usize,
}

impl Assembly {
    pub fn new() -> Assembly {
        Assembly::default()
    }

    /// Takes the next message from the worker.
    pub fn take(&mut self, message: Output) -> Step {
        match message {
            Output::Ready => Step::Ready,
            Output::Analyzing { done, total } => Step::Analyzing { done, total },
            Output::Head { report, checks, text_len, pieces } => {
                let mut report = *report;
                // Room for everything at once: growing a large text or list
                // piece by piece would copy it again and again. (Without the
                // room, they grow as they come.)
                let _ = report.checks.try_reserve_exact(checks);
                let _ = self.text.try_reserve_exact(text_len);
                self.report = Some(report);
                self.pieces = pieces;
                Step::Receiving { done: 0, total: pieces }
            }
            Output::Checks(checks) => match self.report.as_mut() {
                Some(report) => {
                    report.checks.extend(checks);
                    self.received += 1;
                    Step::Receiving { done: self.received, total: self.pieces }
                }
                None => Step::Failed("checks before the report".to_string()),
            },
            Output::Text(piece) => {
                self.lines.push(&piece);
                self.text.push_str(&piece);
                self.received += 1;
                Step::Receiving { done: self.received, total: self.pieces }
            }
            Output::Done => match self.report.take() {
                Some(report) => {
                    let text = std::mem::take(&mut self.text).into();
                    Step::Complete(Box::new(Analysis { report, text }), std::mem::take(&mut self.lines))
                }
                None => Step::Failed("no report".to_string()),
            },
            Output::Failed(e) => Step::Failed(e),
        }
    }
}

// Native only: the tests read tests/data.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> Analysis<'static> {
        crate::analyze(include_bytes!("../tests/data/proxy-auth-407.log"), Some("x.log"))
    }

    /// Puts the messages back together after a trip through the binary encoding.
    fn rebuild(messages: Vec<Output>) -> Analysis<'static> {
        let mut assembly = Assembly::new();
        let mut last = None;
        for m in messages {
            let m: Output = from_bytes(&to_bytes(&m).unwrap()).unwrap();
            last = Some(assembly.take(m));
        }
        match last {
            Some(Step::Complete(a, lines)) => {
                assert_eq!(lines, LineIndex::new(&a.text), "the line index of the text");
                *a
            }
            other => panic!("not complete: {other:?}"),
        }
    }

    /// `input` cut at `cuts` and pushed piece by piece.
    fn incoming(input: &[u8], cuts: &[usize]) -> Received {
        let mut incoming = Incoming::with_capacity(input.len());
        let mut at = 0;
        for &cut in cuts.iter().chain([&input.len()]) {
            let cut = cut.clamp(at, input.len());
            incoming.push(&input[at..cut]);
            at = cut;
        }
        incoming.finish()
    }

    #[test]
    fn an_input_cut_anywhere_comes_whole() {
        let japanese = "## 実行しているマシンのホスト名はol88-erp01です。\n😀 é\n".as_bytes();
        for cut in 0..=japanese.len() {
            for second in cut..=japanese.len() {
                let got = incoming(japanese, &[cut, second]);
                assert_eq!(got, Received::Text(String::from_utf8(japanese.to_vec()).unwrap()), "cuts {cut}, {second}");
            }
        }
        let mut broken = japanese.to_vec();
        broken.insert(7, 0xff);
        for cut in 0..=broken.len() {
            assert_eq!(incoming(&broken, &[cut]), Received::Bytes(broken.clone()), "cut {cut}");
        }
        // Cut inside its last character: not UTF-8.
        let short = &japanese[..japanese.len() - 2];
        assert!(std::str::from_utf8(short).is_err());
        assert_eq!(incoming(short, &[5]), Received::Bytes(short.to_vec()));
        assert_eq!(incoming(b"", &[]), Received::Text(String::new()));
    }

    #[test]
    fn a_small_analysis_comes_back_whole() {
        let messages: Vec<Output> = parcels(sample()).collect();
        assert_eq!(messages.len(), 4, "head, checks, text, done");
        let back = rebuild(messages);
        assert_eq!(back, sample());
    }

    #[test]
    fn large_text_and_many_checks_are_cut_on_character_boundaries() {
        let one = String::from_utf8(include_bytes!("../tests/data/proxy-auth-407.log").to_vec()).unwrap();
        let mut log = String::new();
        while log.len() < TEXT_PIECE * 2 + 1000 {
            log.push_str(&one);
        }
        let analysis = crate::analyze(log.as_bytes(), None);
        assert!(analysis.report.checks.len() > CHECKS_PIECE);
        let messages: Vec<Output> = parcels(analysis.clone()).collect();
        let Some(Output::Head { pieces, .. }) = messages.first() else { panic!("no head") };
        assert_eq!(*pieces, messages.len() - 2);
        assert!(messages.iter().filter(|m| matches!(m, Output::Text(_))).count() >= 3);
        assert_eq!(rebuild(messages), analysis);
    }

    #[test]
    fn not_a_log_and_empty_text_come_back_too() {
        for bytes in [&b""[..], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", b"x"] {
            let analysis = crate::analyze(bytes, None);
            assert!(analysis.report.findings.iter().any(|f| f.cause.is_some()));
            assert_eq!(rebuild(parcels(analysis.clone()).collect()), analysis);
        }
    }

    #[test]
    fn messages_survive_the_binary_encoding() {
        let mut messages: Vec<Output> = parcels(sample()).collect();
        messages.insert(0, Output::Analyzing { done: 1 << 20, total: 50 << 20 });
        messages.insert(0, Output::Ready);
        for m in &messages {
            let back: Output = from_bytes(&to_bytes(m).unwrap()).unwrap();
            assert_eq!(&back, m);
        }
        let inputs = [
            Input::Start { name: Some("x.log".into()), size: 3 },
            Input::Bytes(ByteBuf::from(vec![0, 1, 255])),
            Input::End,
        ];
        for m in &inputs {
            let back: Input = from_bytes(&to_bytes(m).unwrap()).unwrap();
            assert_eq!(&back, m);
        }
    }

    #[test]
    fn every_golden_log_round_trips_through_the_binary_encoding() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("log") {
                continue;
            }
            let analysis = crate::analyze(&std::fs::read(&path).unwrap(), Some("x.log")).into_owned();
            let messages: Vec<Output> = parcels(analysis.clone()).collect();
            assert_eq!(rebuild(messages), analysis, "{}", path.display());
        }
    }
}
