//! Component tests of the web page in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`): the page is
//! mounted into a fresh element, driven through the DOM, and checked
//! through the DOM and the reducer.
#![cfg(target_arch = "wasm32")]

use nwcheck::app::state::{Action, DocName, Notice, State, MAX_FILE_MB};
use nwcheck::app::worker::Stage;
use nwcheck::app::App;
use nwcheck::explain::Lang;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE_EXPECT: &str = include_str!("data/proxy-auth-407.expect.json");
const TIMEOUT_LOG: &str = include_str!("data/backup-443-timeout.log");

/// The page mounted into its own element; removed when dropped.
struct Mounted {
    root: Element,
}

impl Mounted {
    async fn new(lang: Lang) -> Mounted {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root_and_props(root.clone(), nwcheck::app::AppProps { lang: Some(lang) }).render();
        let m = Mounted { root };
        m.until(|m| m.find("#choose-files").is_some()).await;
        m
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
    }

    fn click(&self, selector: &str) {
        self.find(selector).unwrap_or_else(|| panic!("no {selector}")).dyn_into::<HtmlElement>().unwrap().click();
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).and_then(|e| e.text_content()).unwrap_or_default()
    }

    /// Waits (up to 5 s) for Yew to render a state where `cond` holds.
    async fn until(&self, cond: impl Fn(&Mounted) -> bool) {
        for _ in 0..500 {
            if cond(self) {
                return;
            }
            yew::platform::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("timed out; page: {}", self.root.inner_html().chars().take(2000).collect::<String>());
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(dialog) = self.find("dialog[open]").and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
            dialog.close();
        }
        self.root.remove();
    }
}

fn attr(e: &Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn sample_button_renders_every_check_with_its_verdict() {
    let page = Mounted::new(Lang::En).await;
    page.click("#sample");
    page.until(|p| p.find(".report").is_some()).await;

    let expect: serde_json::Value = serde_json::from_str(SAMPLE_EXPECT).unwrap();
    let want = expect["checks"].as_array().unwrap();
    let got = page.all("button.check");
    assert_eq!(got.len(), want.len());
    for button in &got {
        let i: usize = attr(button, "data-check").parse().unwrap();
        let w = &want[i];
        assert_eq!(attr(button, "data-fqdn"), w["fqdn"].as_str().unwrap(), "check {i}");
        assert_eq!(attr(button, "data-kind"), w["kind"].as_str().unwrap(), "check {i}");
        assert_eq!(attr(button, "data-status"), w["status"].as_str().unwrap(), "check {i}");
        assert_eq!(attr(button, "data-reason"), w["reason"].as_str().unwrap(), "check {i}");
        let port = button.get_attribute("data-port").filter(|p| !p.is_empty()).map(|p| p.parse::<u64>().unwrap());
        assert_eq!(port, w["port"].as_u64(), "check {i}");
        // Icon and words, never colour alone.
        assert!(button.query_selector(".mark").unwrap().is_some());
        assert!(!attr(button, "aria-label").is_empty());
    }
    assert_eq!(attr(&page.find("#overall").unwrap(), "data-overall"), "problems");
    assert!(page.find("[data-finding='proxy-auth-required']").is_some());
}

#[wasm_bindgen_test]
async fn a_check_opens_the_log_with_its_lines_highlighted() {
    let page = Mounted::new(Lang::En).await;
    page.click("#sample");
    page.until(|p| p.find("button.check").is_some()).await;
    let button = page.find("button.check[data-status='failed']").unwrap();
    button.clone().dyn_into::<HtmlElement>().unwrap().click();
    // The dialog opens in an effect, after the lines are rendered.
    page.until(|p| p.find("#log-dialog[open] .row.hl").is_some()).await;
    let dialog: web_sys::HtmlDialogElement = page.find("#log-dialog").unwrap().dyn_into().unwrap();
    assert!(dialog.open());
    let lines: Vec<usize> =
        page.all("#log-dialog .row.hl").iter().map(|r| attr(r, "data-line").parse().unwrap()).collect();
    assert!(!lines.is_empty());
    assert!(attr(&button, "aria-label").contains(&format!("{}", lines[0])));
    page.click("#log-close");
    page.until(|p| !p.find("#log-dialog").unwrap().dyn_into::<web_sys::HtmlDialogElement>().unwrap().open()).await;
}

#[wasm_bindgen_test]
async fn pasted_markup_is_text() {
    let page = Mounted::new(Lang::En).await;
    let evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let log = TIMEOUT_LOG.replace("Ncat: Connection timed out.", &format!("Ncat: Connection timed out. {evil}"));
    let area: web_sys::HtmlTextAreaElement = page.find("#paste-box").unwrap().dyn_into().unwrap();
    area.set_value(&format!("{log}\n##TRY!! nslookup {evil} ##\n{evil}\n"));
    page.click("#check-pasted");
    page.until(|p| p.find(".report").is_some()).await;
    page.find("button.check[data-status='failed']").unwrap().dyn_into::<HtmlElement>().unwrap().click();
    page.until(|p| p.find("#log-dialog .row.hl").is_some()).await;
    assert!(page.find("img").is_none());
    assert!(page.find("script").is_none());
    assert!(page.text("#log-dialog").contains("<script>window.__pwned=2</script>"));
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    page.click("#log-close");
    page.until(|p| p.find("dialog[open]").is_none()).await;
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_page_and_html_lang() {
    let page = Mounted::new(Lang::Ja).await;
    assert!(page.text("#privacy").contains("ブラウザー"));
    let select: web_sys::HtmlSelectElement = page.find("#lang-select").unwrap().dyn_into().unwrap();
    select.set_value("en");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    page.until(|p| p.text("#privacy").contains("never uploaded")).await;
    // `<html lang>` is set in an effect, after the render.
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    page.until(|_| attr(&html, "lang") == "en").await;
}

#[wasm_bindgen_test]
async fn a_tls_cut_after_tcp_connects_gets_its_own_next_step_first() {
    let page = Mounted::new(Lang::En).await;
    let area: web_sys::HtmlTextAreaElement = page.find("#paste-box").unwrap().dyn_into().unwrap();
    area.set_value(
        "#### (4) Azure Backup への疎通確認 ####\n\
         ##TRY!! nc -vz pod01-prot1.jpe.backup.windowsazure.com 443 ##\nNcat: Connected to 20.1.2.3:443.\n\n\
         ##TRY!! curl -I https://pod01-prot1.jpe.backup.windowsazure.com ##\n\
         curl: (35) OpenSSL/3.0.13: error:0A000126:SSL routines::unexpected eof while reading\n\nComplete...\n",
    );
    page.click("#check-pasted");
    page.until(|p| p.find("[data-finding=backup-unreachable]").is_some()).await;
    let first = page.text("[data-finding=backup-unreachable] ul.next li");
    assert!(first.contains("TLS SNI"), "{first}");
}

#[wasm_bindgen_test]
async fn failures_only_hides_rows_without_problems() {
    let page = Mounted::new(Lang::En).await;
    let area: web_sys::HtmlTextAreaElement = page.find("#paste-box").unwrap().dyn_into().unwrap();
    area.set_value(TIMEOUT_LOG);
    page.click("#check-pasted");
    page.until(|p| p.find(".report").is_some()).await;
    let all = page.all("button.check").len();
    page.click("#failures-only");
    page.until(|p| p.all("button.check").len() < all).await;
    for row in page.all("tbody tr") {
        let statuses: Vec<String> = {
            let list = row.query_selector_all("button.check").unwrap();
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .map(|e| attr(&e, "data-status"))
                .collect()
        };
        assert!(statuses.iter().any(|s| s != "ok"), "{statuses:?}");
    }
}

#[wasm_bindgen_test]
fn reducer_adds_selects_and_closes_docs() {
    let s = Rc::new(State::new(Lang::En));
    let s = s.reduce(Action::Pasted("   ".into()));
    assert_eq!(s.notices, vec![Notice::EmptyPaste]);
    assert!(s.docs.is_empty());
    let s = s.reduce(Action::Pasted(TIMEOUT_LOG.into()));
    let s = s.reduce(Action::Sample { name: "sample.log".into(), bytes: b"not a log" });
    assert_eq!(s.docs.len(), 2);
    assert_eq!(s.docs[0].name, DocName::Pasted(1));
    assert_eq!(s.current, Some(s.docs[1].id));
    let first = s.docs[0].id;
    let second = s.docs[1].id;
    let s = s.reduce(Action::Select(first));
    assert_eq!(s.current, Some(first));
    let s = s.reduce(Action::CloseDoc(first));
    assert_eq!(s.current, Some(second));
    let s = s.reduce(Action::CloseDoc(second));
    assert_eq!(s.current, None);
    // A read that failed becomes a notice, not a report.
    let s = s.reduce(Action::Reading { read: 7, name: "x.log".into(), bytes: 10.0, worker: false });
    assert_eq!(s.reading.len(), 1);
    let s = s.reduce(Action::Read { read: 7, name: "x.log".into(), result: Err("NotReadableError".into()) });
    assert!(s.reading.is_empty());
    assert!(matches!(s.notices.last(), Some(Notice::ReadFailed { .. })));
}

#[wasm_bindgen_test]
fn unchanged_state_is_not_rebuilt() {
    let s = Rc::new(State::new(Lang::En));
    let same = s.clone().reduce(Action::SetLang(Lang::En));
    assert!(Rc::ptr_eq(&s, &same));
    let same = s.clone().reduce(Action::CloseLog);
    assert!(Rc::ptr_eq(&s, &same));
}

#[wasm_bindgen_test]
fn json_file_names() {
    let file = DocName::File("CheckNWResult_vm01_202411241530.log".into());
    assert_eq!(file.json_file_name(false), "nwcheck-CheckNWResult_vm01_202411241530.json");
    // Masked: no host name in the file's name either.
    assert_eq!(file.json_file_name(true), "nwcheck-masked-202411241530.json");
    assert_eq!(DocName::Pasted(2).json_file_name(false), "nwcheck-pasted-2.json");
    assert_eq!(DocName::Pasted(2).json_file_name(true), "nwcheck-pasted-2-masked.json");
}

#[wasm_bindgen_test]
fn reducer_follows_a_worker_job_to_its_report() {
    let s = Rc::new(State::new(Lang::En));
    let s = s.reduce(Action::Reading { read: 1, name: "big.log".into(), bytes: 5e7, worker: true });
    assert_eq!(s.reading[0].stage, Some(Stage::Starting));
    let s = s.reduce(Action::Progress { read: 1, stage: Stage::Reading { done: 4e6 } });
    assert_eq!(s.reading[0].stage, Some(Stage::Reading { done: 4e6 }));
    // The same stage again changes nothing.
    let same = s.clone().reduce(Action::Progress { read: 1, stage: Stage::Reading { done: 4e6 } });
    assert!(Rc::ptr_eq(&s, &same));
    let s = s.reduce(Action::Progress { read: 1, stage: Stage::Analyzing { done: 0.0, total: 1.0 } });
    let analysis = nwcheck::analyze(TIMEOUT_LOG.as_bytes(), Some("big.log"));
    let s = s.reduce(Action::Analyzed { read: 1, result: Ok(Box::new(loaded(&analysis))) });
    assert!(s.reading.is_empty());
    assert_eq!(s.docs.len(), 1);
    assert_eq!(*s.docs[0].report.0, analysis.report);
    assert_eq!(*s.docs[0].text, analysis.text);
    assert_eq!(s.current, Some(s.docs[0].id));
}

#[wasm_bindgen_test]
fn reducer_drops_a_cancelled_job_and_its_late_result() {
    let s = Rc::new(State::new(Lang::En));
    let s = s.reduce(Action::Reading { read: 3, name: "big.log".into(), bytes: 5e7, worker: true });
    let s = s.reduce(Action::Cancel(3));
    assert!(s.reading.is_empty());
    let analysis = nwcheck::analyze(TIMEOUT_LOG.as_bytes(), None);
    let after = s.clone().reduce(Action::Analyzed { read: 3, result: Ok(Box::new(loaded(&analysis))) });
    assert!(Rc::ptr_eq(&s, &after), "a result after cancel is ignored");
    let after = s.clone().reduce(Action::Progress { read: 3, stage: Stage::Analyzing { done: 0.0, total: 1.0 } });
    assert!(Rc::ptr_eq(&s, &after));
    // A failed job becomes a notice.
    let s = s.reduce(Action::Reading { read: 4, name: "bad.log".into(), bytes: 5e7, worker: true });
    let s = s.reduce(Action::Analyzed { read: 4, result: Err("the worker did not start".into()) });
    assert!(matches!(s.notices.last(), Some(Notice::ReadFailed { .. })));
}

#[wasm_bindgen_test]
fn a_pasted_text_for_a_worker_is_numbered_with_the_other_pastes() {
    let s = Rc::new(State::new(Lang::En)).reduce(Action::Pasted(TIMEOUT_LOG.into()));
    let s = s.reduce(Action::ReadingPasted { read: 1, bytes: 3e6 });
    assert_eq!(s.reading[0].name, DocName::Pasted(2));
    assert_eq!(s.reading[0].stage, Some(Stage::Starting));
    let analysis = nwcheck::analyze(TIMEOUT_LOG.as_bytes(), None);
    let s = s.reduce(Action::Analyzed { read: 1, result: Ok(Box::new(loaded(&analysis))) });
    assert!(s.reading.is_empty());
    assert_eq!(s.docs[1].name, DocName::Pasted(2));
    assert_eq!(*s.docs[1].report.0, analysis.report);
    assert_eq!(s.current, Some(s.docs[1].id));
    let s = s.reduce(Action::Pasted(TIMEOUT_LOG.into()));
    assert_eq!(s.docs[2].name, DocName::Pasted(3));
    // A failed job becomes a notice that names the pasted text.
    let s = s.reduce(Action::ReadingPasted { read: 2, bytes: 3e6 });
    let s = s.reduce(Action::Analyzed { read: 2, result: Err("no worker could be started".into()) });
    assert_eq!(
        s.notices.last(),
        Some(&Notice::ReadFailed { name: DocName::Pasted(4), error: "no worker could be started".into() })
    );
}

#[wasm_bindgen_test]
fn a_too_large_file_gets_a_notice_with_the_limit() {
    let s = Rc::new(State::new(Lang::En)).reduce(Action::TooLarge { name: "huge.log".into(), bytes: 2.5e8 });
    assert!(matches!(s.notices.as_slice(), [Notice::TooLarge { .. }]));
    assert_eq!(MAX_FILE_MB, 200);
    let text = nwcheck::app::text::too_large(Lang::En, "huge.log", 2.5e8, MAX_FILE_MB);
    assert!(text.contains("238.4 MB") && text.contains("up to 200 MB"), "{text}");
}

/// A log whose Azure Backup card has `n` destinations (one DNS check each).
fn many_destinations(n: usize) -> String {
    let mut log = String::from("#### 環境情報確認 ####\n## 実行しているマシンのホスト名はvm01です。\n#### 環境情報確認終了 ####\n\n#### (4) Azure Backup への疎通確認 ####\n");
    for i in 0..n {
        log.push_str(&format!(
            "##TRY!! nslookup  pod{i:04}-manag1.jpe.backup.windowsazure.com ##\nServer:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find pod{i:04}-manag1.jpe.backup.windowsazure.com: NXDOMAIN\n\n"
        ));
    }
    log
}

#[wasm_bindgen_test]
async fn a_card_with_many_destinations_shows_them_in_steps() {
    let page = Mounted::new(Lang::En).await;
    let area: web_sys::HtmlTextAreaElement = page.find("#paste-box").unwrap().dyn_into().unwrap();
    area.set_value(&many_destinations(120));
    page.click("#check-pasted");
    page.until(|p| p.find(".report").is_some()).await;
    let rows = |p: &Mounted| p.all("[data-service='backup'] tbody tr").len();
    assert_eq!(rows(&page), 50);
    assert!(page.text("[data-service='backup'] .show-more").contains("70 not shown"));
    // Every rendered check still carries its verdict.
    for button in page.all("button.check") {
        for name in ["data-fqdn", "data-kind", "data-status", "data-reason"] {
            assert!(!attr(&button, name).is_empty(), "{name}");
        }
    }
    page.click("[data-service='backup'] .show-more");
    page.until(|p| rows(p) == 100).await;
    page.click("[data-service='backup'] .show-more");
    page.until(|p| rows(p) == 120).await;
    assert!(page.find("[data-service='backup'] .show-more").is_none());
}

/// A worker's result for `analysis`: the analysis and its line index.
fn loaded(analysis: &nwcheck::Analysis<'_>) -> (nwcheck::Analysis<'static>, nwcheck::analyzer::lines::LineIndex) {
    let lines = nwcheck::analyzer::lines::LineIndex::new(&analysis.text);
    (analysis.clone().into_owned(), lines)
}

const TLS_LOG: &str = include_str!("data/tls-interception.log");
const PROXY_LOG: &str = include_str!("data/proxy-auth-407.log");

#[wasm_bindgen_test]
async fn the_banner_leads_with_the_ranked_root_causes_and_their_first_step() {
    let page = Mounted::new(Lang::En).await;
    page.click("#sample");
    page.until(|p| p.find(".report").is_some()).await;
    let causes: Vec<String> = page.all("#overall .root-cause").iter().map(|c| attr(c, "data-finding")).collect();
    // The proxy blocks backup itself, so it comes before the file-recovery port.
    assert_eq!(causes, ["proxy-auth-required", "file-recovery-port-blocked"]);
    let first = page.text("#overall .root-cause:first-child .cause-what");
    assert!(first.starts_with("The proxy proxy.contoso.local:8080 asks for credentials (407)"), "{first}");
    assert!(first.contains("Azure Backup, Azure Storage and Microsoft Entra ID cannot be reached"), "{first}");
    assert!(!page.text("#overall .root-cause:first-child .cause-step").is_empty());
    // The findings list follows the same order.
    let findings: Vec<String> = page.all(".findings .finding").iter().map(|f| attr(f, "data-finding")).collect();
    assert_eq!(&findings[..2], ["proxy-auth-required", "file-recovery-port-blocked"]);
    // nc behind the proxy is not conclusive, not a red failure.
    let counts = page.text("#check-counts");
    assert!(counts.contains("not conclusive"), "{counts}");
    for button in page.all("button.check.s-failed[data-kind='tcp']") {
        assert_eq!(attr(&button, "data-port"), "3260");
    }
    // The input folded into a slim bar.
    page.until(|p| p.find(".input.compact #choose-files").is_some()).await;
}

#[wasm_bindgen_test]
fn a_file_of_two_runs_gives_two_reports_the_worst_first() {
    let two = format!("{}{}", include_str!("data/all-ok-ncat-rhel88.log"), TLS_LOG);
    let s =
        Rc::new(State::new(Lang::En)).reduce(Action::Sample { name: "both.log".into(), bytes: two.leak().as_bytes() });
    assert_eq!(s.docs.len(), 2);
    assert_eq!(s.docs[0].run, Some((1, 2)));
    assert_eq!(s.docs[1].run, Some((2, 2)));
    assert_eq!(s.docs[0].report.host.as_deref(), Some("rhel88-db01"));
    assert_eq!(s.docs[1].report.host.as_deref(), Some("rhel79-web01"));
    // The second run has the problems: it is shown first.
    assert_eq!(s.current, Some(s.docs[1].id));
    let label = s.docs[1].tab_label(&s.docs[1].report, Lang::En);
    assert!(label.starts_with("rhel79-web01 · ") && label.ends_with(" (run 2 of 2)"), "{label}");
    // Closing can be undone, in the same place.
    let id = s.docs[0].id;
    let s = s.reduce(Action::CloseDoc(id));
    assert_eq!(s.docs.len(), 1);
    let s = s.reduce(Action::UndoClose);
    assert_eq!(s.docs.len(), 2);
    assert_eq!(s.docs[0].id, id);
    assert_eq!(s.current, Some(id));
}

#[wasm_bindgen_test]
fn the_masked_json_file_name_holds_no_host() {
    let s = Rc::new(State::new(Lang::En)).reduce(Action::Sample {
        name: "CheckNWResult_rhel92-bk01_202410020057.log".into(),
        bytes: PROXY_LOG.as_bytes(),
    });
    let doc = &s.docs[0];
    assert_eq!(doc.json_file_name(false), "nwcheck-CheckNWResult_rhel92-bk01_202410020057.json");
    assert_eq!(doc.json_file_name(true), "nwcheck-masked-202410020057.json");
    let head = doc.head(true);
    assert_eq!(head.host.as_deref(), Some("host-1"));
    assert!(!doc.tab_label(&head, Lang::En).contains("rhel92"));
}

#[wasm_bindgen_test]
async fn with_the_mask_on_the_page_shows_the_masked_report() {
    let page = Mounted::new(Lang::En).await;
    let area: web_sys::HtmlTextAreaElement = page.find("#paste-box").unwrap().dyn_into().unwrap();
    area.set_value(PROXY_LOG);
    page.click("#check-pasted");
    page.until(|p| p.find(".report").is_some()).await;
    assert!(page.text(".report").contains("rhel92-bk01"));
    page.click("#mask");
    page.until(|p| p.find(".report[data-masked='true']").is_some()).await;
    let shown = page.text(".report");
    for secret in ["rhel92-bk01", "proxy.contoso.local", "10.0.3.7"] {
        assert!(!shown.contains(secret), "{secret} on the masked page");
    }
    // Microsoft's public names stay.
    assert!(shown.contains("pod01-manag1.jpe.backup.windowsazure.com"));
}

#[wasm_bindgen_test]
fn reducer_merges_follow_up_output_into_its_doc() {
    let s = Rc::new(State::new(Lang::En));
    let s = s.reduce(Action::Pasted(TIMEOUT_LOG.into()));
    let doc = s.docs[0].id;
    let checks = s.docs[0].report.checks.len();
    let region = nwcheck::analyzer::knowledge::region_by_name("koreacentral");
    let paste = include_str!("data/followup/koreacentral-workload-linux.paste.txt");
    let s = s.reduce(Action::FollowUp { doc, text: paste.into(), region });
    // The same doc (id and name), its report and text now with the follow-up.
    assert_eq!(s.docs.len(), 1);
    assert_eq!((s.docs[0].id, s.docs[0].name.clone()), (doc, DocName::Pasted(1)));
    let report = &s.docs[0].report;
    assert_eq!(report.checks.len(), checks + 18);
    assert_eq!(report.followup.as_ref().map(|f| f.first_check), Some(checks));
    assert_eq!(s.docs[0].lines.count(), report.line_count);
    // A paste without commands is a notice; the report stays.
    let s = s.reduce(Action::FollowUp { doc, text: "hello".into(), region });
    assert_eq!(s.notices.last(), Some(&Notice::FollowUpNotRead));
    assert_eq!(s.docs[0].report.checks.len(), checks + 18);
}
