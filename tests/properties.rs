//! Properties that hold for any input: the analyzer never panics, every
//! `##TRY!!` block yields exactly one check, line ranges stay inside the
//! input, and a proxy password never reaches any output.
#![cfg(not(target_arch = "wasm32"))]

use nwcheck::explain::{summary, Lang, Style};
use proptest::prelude::*;

/// Pieces real logs are made of, to build inputs that look like logs.
const PIECES: &[&str] = &[
    "##TRY!! nslookup  pod01-rec2.jpe.backup.windowsazure.com ##\n",
    "##TRY!! nc -vz pod01-rec2.jpe.backup.windowsazure.com 3260 ##\n",
    "##TRY!! curl -I https://login.microsoft.com ##\n",
    "##TRY!! ping 1.2.3.4 ##\n",
    "================================================\n",
    "#### (4) Azure Backup への疎通確認 ####\n",
    "Server:\t\t168.63.129.16\nAddress:\t168.63.129.16#53\n\n",
    "Non-authoritative answer:\nName:\ta\nAddress: 10.0.1.5\n",
    ";; connection timed out; no servers could be reached\n",
    "** server can't find x: NXDOMAIN\n",
    "Ncat: Version 7.50 ( https://nmap.org/ncat )\n",
    "Ncat: Connected to 20.191.166.134:443.\n",
    "Ncat: Connection timed out.\n",
    "nc: connect to a port 443 (tcp) failed: Connection refused\n",
    "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r",
    "HTTP/1.1 200 Connection established\n\n",
    "HTTP/1.1 404 Not Found\n",
    "curl: (28) Connection timed out after 300001 milliseconds\n",
    "curl: (56) CONNECT tunnel failed, response 407\n",
    "http_proxy コマンドの結果\nhttp://user:Secr3tPw@10.0.0.1:8080\n",
    "https_proxy コマンドの結果\nhttp://user:Ab/Secr3tPw#?@10.0.0.1:8080\n",
    // A password given with `-U` is known as such in a command line.
    "\n##TRY!! curl -I -U user:Secr3tPw -x 10.0.0.1:8080 https://login.microsoft.com ##\n",
    "##TRY!! curl -I --proxy 'user:Secr3tPw@10.0.0.1:8080' https://login.microsoft.com ##\n",
    "curl: (5) Could not resolve proxy: user:Secr3tPw@10.0.0.1\n",
    "* Uses proxy env variable https_proxy == 'http://user:Secr3tPw/x@10.0.0.1:8080'\n",
    "https_proxy コマンドの結果\n\n",
    "\n",
    "<script>alert(1)</script>\n",
    "\u{1b}[31m",
    "\u{0}",
];

fn log_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn marker_count(text: &str) -> usize {
    text.lines().filter(|l| l.trim_start().starts_with("##TRY!!")).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn an_input_in_pieces_is_the_input(text in "\\PC{0,100}", noise in prop::collection::vec(any::<u8>(), 0..4), at in any::<prop::sample::Index>(), cuts in prop::collection::vec(0usize..500, 0..6)) {
        use nwcheck::transfer::{Incoming, Received};
        // Text, sometimes with bytes that are not UTF-8 put in.
        let mut input = text.into_bytes();
        let k = at.index(input.len() + 1);
        input.splice(k..k, noise);
        let mut cuts = cuts;
        cuts.sort_unstable();
        let mut incoming = Incoming::with_capacity(input.len());
        let mut from = 0;
        for cut in cuts.into_iter().chain([input.len()]) {
            let cut = cut.clamp(from, input.len());
            incoming.push(&input[from..cut]);
            from = cut;
        }
        let expected = match String::from_utf8(input.clone()) {
            Ok(s) => Received::Text(s),
            Err(_) => Received::Bytes(input.clone()),
        };
        prop_assert_eq!(incoming.finish(), expected);
        if let Ok(s) = String::from_utf8(input.clone()) {
            use nwcheck::analyzer::decode::{decode, decode_text};
            prop_assert_eq!(decode_text(s.clone()), decode(&input));
            let mut steps = nwcheck::analyzer::Stepwise::from_text(s, Some("x.log"));
            while !steps.step(64) {}
            prop_assert_eq!(steps.finish(), nwcheck::analyze(&input, Some("x.log")).into_owned());
        }
    }

    #[test]
    fn decoding_bytes_given_away_is_decoding_them(bytes in prop::collection::vec(any::<u8>(), 0..2048), text in "\\PC{0,200}") {
        use nwcheck::analyzer::decode::{decode, decode_owned};
        prop_assert_eq!(decode_owned(bytes.clone()), decode(&bytes));
        prop_assert_eq!(decode_owned(text.clone().into_bytes()), decode(text.as_bytes()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let a = nwcheck::analyze(&bytes, None);
        for c in &a.report.checks {
            prop_assert!(c.lines[0] >= 1 && c.lines[0] <= c.lines[1] && c.lines[1] <= a.report.line_count);
        }
        let _ = summary(&a.report, Lang::Ja, Style::default());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        let a = nwcheck::analyze(text.as_bytes(), Some("x.log"));
        prop_assert!(a.report.checks.len() <= text.lines().count());
    }

    #[test]
    fn one_check_per_block_and_ranges_inside(text in log_like()) {
        let a = nwcheck::analyze(text.as_bytes(), None);
        // Count on the decoded text: colour codes and NUL bytes are gone there.
        let markers = marker_count(&a.text);
        prop_assert!(markers >= marker_count(&text));
        if markers > 0 {
            prop_assert_eq!(a.report.checks.len(), markers);
        }
        let lines: Vec<&str> = a.text.lines().collect();
        for c in &a.report.checks {
            prop_assert!(c.lines[0] >= 1 && c.lines[0] <= c.lines[1] && c.lines[1] <= a.report.line_count);
            prop_assert!(lines[c.lines[0] - 1].contains("TRY!!"));
            if let Some(e) = c.evidence_line {
                prop_assert!(c.lines[0] <= e && e <= c.lines[1]);
            }
        }
        for f in &a.report.findings {
            prop_assert!(f.lines[1] <= a.report.line_count);
            prop_assert!(f.checks.iter().all(|&i| i < a.report.checks.len()));
        }
    }

    #[test]
    fn steps_of_any_size_give_the_same_analysis(text in log_like(), budget in 1usize..400, crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let whole = nwcheck::analyze(text.as_bytes(), Some("x.log"));
        let mut steps = nwcheck::analyzer::Stepwise::new(text.as_bytes(), Some("x.log"));
        let mut last = 0;
        let mut n = 0;
        while !steps.step(budget) {
            let (done, total) = steps.progress();
            prop_assert!(done > last && done <= total, "progress {} of {} after {}", done, total, last);
            last = done;
            n += 1;
            prop_assert!(n <= text.len());
        }
        prop_assert_eq!(steps.progress().0, steps.progress().1);
        prop_assert_eq!(steps.finish(), whole.clone().into_owned());
        // The same from bytes given away.
        let mut steps = nwcheck::analyzer::Stepwise::from_vec(text.clone().into_bytes(), Some("x.log"));
        while !steps.step(budget) {}
        prop_assert_eq!(steps.finish(), whole.into_owned());
    }

    #[test]
    fn exports_in_steps_are_the_exports_of_one_call(text in log_like(), count in 1usize..20, mask in any::<bool>()) {
        let report = nwcheck::analyze(text.as_bytes(), Some("CheckNWResult_vm01_202405201015.log")).report;
        let whole = if mask { nwcheck::anonymize::mask_report(&report) } else { report.clone() };
        let mut steps = nwcheck::export::Steps::json(&report, mask);
        let mut taken = Vec::new();
        while !steps.step(count) {
            taken.extend(steps.take_json());
        }
        taken.extend(steps.take_json());
        let (before, after) = steps.finish_json();
        prop_assert_eq!(format!("{before}{}{after}", taken.concat()), serde_json::to_string_pretty(&whole).expect("json"));
        let mut steps = nwcheck::export::Steps::masked(&report);
        while !steps.step(count) {}
        prop_assert_eq!(steps.finish_masked(), nwcheck::anonymize::mask_report(&report));
    }

    #[test]
    fn line_index_finds_every_line(text in "[a\\r\\n]{0,3000}", cut in any::<prop::sample::Index>()) {
        use nwcheck::analyzer::lines::{split_lines, LineIndex};
        let lines = split_lines(&text);
        // Built whole, or in two pieces cut anywhere.
        let at = cut.index(text.len() + 1);
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mut pieces = LineIndex::default();
        pieces.push(&text[..at]);
        pieces.push(&text[at..]);
        let whole = LineIndex::new(&text);
        prop_assert_eq!(&pieces, &whole);
        prop_assert_eq!(whole.count(), lines.len());
        for (i, line) in lines.iter().enumerate() {
            prop_assert_eq!(whole.line(&text, i + 1), Some(*line));
        }
        prop_assert_eq!(whole.line(&text, 0), None);
        prop_assert_eq!(whole.line(&text, lines.len() + 1), None);
    }

    #[test]
    fn proxy_password_never_leaks(text in log_like(), crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let a = nwcheck::analyze(text.as_bytes(), None);
        let json = serde_json::to_string(&a.report).expect("json");
        prop_assert!(!json.contains("Secr3tPw"));
        prop_assert!(!a.text.contains("Secr3tPw"));
        for lang in [Lang::Ja, Lang::En] {
            for markdown in [false, true] {
                let style = Style { markdown, color: false };
                let text = summary(&a.report, lang, style);
                prop_assert!(!text.contains("Secr3tPw"));
            }
        }
        let masked = serde_json::to_string(&nwcheck::anonymize::mask_report(&a.report)).expect("json");
        prop_assert!(!masked.contains("Secr3tPw"));
    }
}
