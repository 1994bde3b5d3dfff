//! What must hold for any input, checked by the fuzz targets and, for the
//! committed regression inputs, by `tests/fuzz_regressions.rs`.
//!
//! Each check panics with a message naming the broken rule, so a fuzzer
//! reports it as a crash.

use nwcheck::analyzer::decode::{decode, decode_owned, decode_text};
use nwcheck::analyzer::lines::{split_lines, LineIndex};
use nwcheck::analyzer::{Encoding, Report, Stepwise};
use nwcheck::anonymize::mask_report;
use nwcheck::explain::{summary, Lang, Style};
use nwcheck::export::Steps;
use nwcheck::transfer::{Incoming, Received};

/// Analyzes `bytes` and checks the report: line ranges inside the text,
/// indexes inside the checks, JSON that reads back to the same report,
/// summaries in both languages and both styles, and masking; then that the
/// analysis and the exports made in steps, and the line index, agree.
pub fn check_analyze(bytes: &[u8]) {
    let a = nwcheck::analyze(bytes, Some("CheckNWResult_fuzz_202401011200.log"));
    let r = &a.report;
    assert_eq!(r.line_count, split_lines(&a.text).len(), "line_count is the number of lines of the text");
    check_ranges(r);

    let json = serde_json::to_string(r).expect("the report serializes");
    let back: Report = serde_json::from_str(&json).expect("the report's JSON reads back");
    assert_eq!(&back, r, "the report's JSON reads back to the same report");

    for lang in [Lang::Ja, Lang::En] {
        for markdown in [false, true] {
            let text = summary(r, lang, Style { markdown, color: !markdown });
            assert!(!text.is_empty(), "the summary says something");
        }
    }

    let masked = mask_report(r);
    check_ranges(&masked);
    assert_eq!(masked.checks.len(), r.checks.len(), "masking keeps every check");
    serde_json::to_string(&masked).expect("the masked report serializes");
    let _ = summary(&masked, Lang::En, Style::default());

    // The same analysis in steps (of a size the input picks), and the
    // exports in steps, as the web page makes them.
    let budget = 1 + usize::from(bytes.first().copied().unwrap_or(0)) * 8;
    let mut steps = Stepwise::from_vec(bytes.to_vec(), Some("CheckNWResult_fuzz_202401011200.log"));
    while !steps.step(budget) {}
    assert!(steps.finish() == a.clone().into_owned(), "the analysis in steps is the analysis");
    let count = 1 + bytes.len() % 5;
    for mask in [false, true] {
        let mut json = Steps::json(r, mask);
        let mut taken = Vec::new();
        while !json.step(count) {
            taken.extend(json.take_json());
        }
        let (before, after) = json.finish_json();
        let whole = if mask { serde_json::to_string_pretty(&masked) } else { serde_json::to_string_pretty(r) };
        assert_eq!(
            format!("{before}{}{after}", taken.concat()),
            whole.expect("the report serializes"),
            "the JSON made in steps is the JSON (masked: {mask})"
        );
    }
    let index = LineIndex::new(&a.text);
    assert_eq!(index.count(), r.line_count, "the line index counts the report's lines");
    for (i, line) in split_lines(&a.text).iter().enumerate() {
        assert_eq!(index.line(&a.text, i + 1), Some(*line), "the line index finds line {}", i + 1);
    }
}

fn check_ranges(r: &Report) {
    for (i, c) in r.checks.iter().enumerate() {
        let [first, last] = c.lines;
        assert!(
            1 <= first && first <= last && last <= r.line_count,
            "check {i}: lines {first}..{last} inside 1..={}",
            r.line_count
        );
        if let Some(e) = c.evidence_line {
            assert!(first <= e && e <= last, "check {i}: evidence line {e} inside its block {first}..{last}");
        }
    }
    for f in &r.findings {
        let [first, last] = f.lines;
        assert!(
            [first, last] == [0, 0] || (1 <= first && first <= last && last <= r.line_count),
            "finding {:?}: lines {first}..{last} inside 1..={}",
            f.id,
            r.line_count
        );
        assert!(f.checks.iter().all(|&k| k < r.checks.len()), "finding {:?}: check indexes inside the checks", f.id);
    }
}

/// Decodes `bytes` and checks the text: nothing for empty or binary input,
/// and no NUL, escape or byte-order mark left in text.
pub fn check_decode(bytes: &[u8]) {
    let d = decode(bytes);
    match d.encoding {
        Encoding::Empty | Encoding::Binary => assert!(d.text.is_empty(), "no text for {:?} input", d.encoding),
        _ => {
            assert!(d.binary_kind.is_none(), "a file type only for binary input");
            assert!(!d.text.contains(['\u{0}', '\u{1b}', '\u{feff}']), "no NUL, escape or BOM left in the text");
        }
    }
    assert_eq!(decode(bytes), d, "decoding is repeatable");
    assert_eq!(decode_owned(bytes.to_vec()), d, "decoding bytes given away is decoding them");
    // As the page's worker gets them: in pieces (cut where the input says),
    // checked as UTF-8 as they come.
    let mut incoming = Incoming::with_capacity(bytes.len());
    let step = 1 + usize::from(bytes.last().copied().unwrap_or(0)) % 7;
    for piece in bytes.chunks(step) {
        incoming.push(piece);
    }
    match incoming.finish() {
        Received::Text(text) => {
            assert_eq!(text.as_bytes(), bytes, "text in pieces is the input");
            assert_eq!(decode_text(text), d, "decoding checked text is decoding it");
        }
        Received::Bytes(all) => {
            assert_eq!(all, bytes, "bytes in pieces are the input");
            assert!(std::str::from_utf8(bytes).is_err(), "only input that is not UTF-8 stays bytes");
        }
    }
}

/// The ways a credential is written in the logs nwcheck reads (`{pw}` is
/// the password): proxy values, curl's options in every spelling, headers,
/// shell assignments, `.curlrc` lines and curl's own messages.
pub const CREDENTIAL_FORMS: &[&str] = &[
    "http_proxy コマンドの結果\nhttp://svcbk:{pw}@10.0.0.5:8080",
    "https_proxy=svcbk:{pw}@10.0.0.5:8080",
    "##TRY!! curl -I -x http://svcbk:{pw}@10.0.0.5:8080 https://login.microsoft.com ##",
    "##TRY!! curl -I -U svcbk:{pw} -x 10.0.0.5:8080 https://login.microsoft.com ##",
    "##TRY!! curl -I -Usvcbk:{pw} https://login.microsoft.com ##",
    "##TRY!! curl -I --proxy-user=svcbk:{pw} https://login.microsoft.com ##",
    "##TRY!! curl -I --proxy=\"svcbk:{pw}@10.0.0.5:8080\" https://login.microsoft.com ##",
    "##TRY!! curl -kIx svcbk:{pw}@10.0.0.5:8080 https://login.microsoft.com ##",
    "##TRY!! curl -I --socks5 svcbk:{pw}@10.0.0.5:1080 https://login.microsoft.com ##",
    "##TRY!! curl -I -u a:b -U  svcbk:{pw} https://login.microsoft.com ##",
    "> Proxy-Authorization: Basic {pw}",
    "Authorization: Bearer {pw}",
    "export HTTPS_PROXY=\"http://svcbk:{pw}@10.0.0.5:8080\"",
    "declare -x ALL_PROXY=\"svcbk:{pw}@10.0.0.5:8080\"",
    "* Uses proxy env variable https_proxy == 'http://svcbk:{pw}@10.0.0.5:8080'",
    "curl: (5) Could not resolve proxy: svcbk:{pw}@proxy.example",
    "proxy-user = \"svcbk:{pw}\"",
    "[proxy]\nAddress=http://svcbk:{pw}@10.1.0.200",
];

/// Plants a password (made from the input) in one of [`CREDENTIAL_FORMS`]
/// at a line boundary of `bytes`, analyzes the result and checks that the
/// password appears in no output: the text the page shows, the JSON, the
/// masked JSON, the summaries in both languages and both styles.
pub fn check_secrets(bytes: &[u8]) {
    let (head, rest) = bytes.split_at(bytes.len().min(4));
    let pick = |i: usize| usize::from(head.get(i).copied().unwrap_or(0));
    let form = CREDENTIAL_FORMS[pick(0) % CREDENTIAL_FORMS.len()];
    // A password of 8 to 23 characters, with the characters that end URLs.
    const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789/#?!%";
    let len = 8 + pick(1) % 16;
    let mut password = String::from("Pw");
    for i in 0..len {
        let b = rest.get(i % rest.len().max(1)).copied().unwrap_or(i as u8);
        password.push(CHARS[(usize::from(b) + i * 7) % CHARS.len()] as char);
    }
    if memchr::memmem::find(bytes, password.as_bytes()).is_some() {
        return;
    }
    // At the start of a line, somewhere in the input.
    let at = if rest.is_empty() { 0 } else { (pick(2) * 257 + pick(3)) % (rest.len() + 1) };
    let at = memchr::memchr(b'\n', &rest[at..]).map_or(rest.len(), |n| at + n + 1);
    let mut input = rest[..at].to_vec();
    input.extend_from_slice(form.replace("{pw}", &password).as_bytes());
    input.push(b'\n');
    input.extend_from_slice(&rest[at..]);

    let a = nwcheck::analyze(&input, Some("CheckNWResult_fuzz_202401011200.log"));
    let r = &a.report;
    let leak = |what: &str, text: &str| assert!(!text.contains(&password), "the password ({form}) is in the {what}");
    leak("text", &a.text);
    leak("JSON", &serde_json::to_string(r).expect("the report serializes"));
    leak("masked JSON", &serde_json::to_string(&mask_report(r)).expect("the masked report serializes"));
    for lang in [Lang::Ja, Lang::En] {
        for markdown in [false, true] {
            leak("summary", &summary(r, lang, Style { markdown, color: false }));
        }
    }
}
