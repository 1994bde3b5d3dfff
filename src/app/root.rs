//! The root component: holds the one reducer, reads files, hands large
//! files and pasted texts to a worker, and lays out the page. Dropping
//! files works anywhere on the page.

use super::banner::Banner;
use super::browser;
use super::compare::ComparePanel;
use super::exports;
use super::findings::FindingList;
use super::followup::FollowUpPanel;
use super::hand_off::{Export, HandOffBar};
use super::input::InputPanel;
use super::log_view::LogDialog;
use super::machine::MachineSummary;
use super::services::ServiceCards;
use super::state::{
    Action, ByPtr, DocName, Evidence, HandOff, Notice, State, MAX_FILE_BYTES, MAX_FILE_MB, WORKER_MIN_BYTES,
};
use super::tabs::DocTabs;
use super::text::{t, too_large, Key};
use super::worker;
use super::SAMPLES;
use crate::analyzer::lines::LineIndex;
use crate::analyzer::model::Overall;
use crate::explain::{overall_label, Lang};
use gloo_file::callbacks::FileReader;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// The longest wait for an idle moment before a spare worker is started.
const SPARE_WITHIN_MS: u32 = 200;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The language to start in; the browser's (or the remembered one) when not given.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

/// An input being read: by a `FileReader` (small files) or by a worker
/// that also analyzes it (large files and pasted texts). Dropping it stops
/// the read or closes the worker.
enum Pending {
    Reader { _reader: FileReader },
    Worker { _job: worker::Job },
}

#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let start_lang = props.lang;
    let state = use_reducer(move || State::new(start_lang.unwrap_or_else(browser::initial_lang)));
    // Pending reads and workers are kept here until the reducer has their
    // result or the user cancels them.
    let pending: Rc<RefCell<HashMap<u32, Pending>>> = use_mut_ref(HashMap::new);
    let next_read = use_mut_ref(|| 0u32);
    // A worker started ahead of need, ready for the next large file: once the
    // page is idle after its first render and after each worker job, and
    // when files are dragged over the page or the picker opens.
    let spare: Rc<RefCell<Option<worker::Spare>>> = use_mut_ref(|| None);
    let prepare = {
        let spare = spare.clone();
        Callback::from(move |()| {
            let mut spare = spare.borrow_mut();
            if spare.is_none() && worker::available() {
                *spare = worker::spare();
            }
        })
    };
    let lang = state.lang;

    // The browser tab's title carries the verdict of the log on screen.
    let title = match state.current_doc() {
        Some(doc) => {
            let head = doc.head(state.mask);
            let (mark, _) = super::overall_mark(doc.report.overall);
            format!("{mark} {} · {} – nwcheck", overall_label(doc.report.overall, lang), doc.tab_label(&head, lang))
        }
        None => t(lang, Key::Title).to_string(),
    };
    use_effect_with((lang, title), |(lang, title)| browser::set_document_lang(*lang, title));
    // Focus goes to the verdict when a log is opened, closed or reopened
    // (to the "open" button when none is left).
    use_effect_with(state.focus, |&focus| {
        if focus > 0 {
            browser::focus_first(&["overall", "choose-files"]);
        }
    });
    // With the mask switch on, the report on screen is replaced by its
    // masked copy once made.
    {
        let dispatch = state.dispatcher();
        let doc = state.current_doc().cloned();
        let ready = state.masked.as_ref().map(|(id, _)| *id);
        use_effect_with((state.mask, doc.as_ref().map(|d| d.id), ready), move |(mask, id, ready)| {
            if let (true, Some(doc)) = (*mask, doc) {
                if *ready != *id {
                    wasm_bindgen_futures::spawn_local(async move {
                        let report = super::masking::masked(&doc.report).await;
                        dispatch.dispatch(Action::Masked { doc: doc.id, report: ByPtr(Rc::new(report)) });
                    });
                }
            }
        });
    }
    use_effect_with((), |_| browser::mark("nwcheck-ready"));
    // With no worker job running, a spare is started once the page is idle:
    // after the first render and after each job (which took the spare). It
    // waits for the service worker, so the worker's files come from its
    // cache instead of being downloaded again on a first visit.
    {
        let prepare = prepare.clone();
        let busy = state.reading.iter().any(|r| r.stage.is_some());
        use_effect_with(busy, move |&busy| {
            if !busy && worker::available() {
                browser::when_service_worker_ready(move || {
                    browser::when_idle(SPARE_WITHIN_MS, move || prepare.emit(()))
                });
            }
        });
    }
    {
        let pending = pending.clone();
        let reading: Vec<u32> = state.reading.iter().map(|r| r.read).collect();
        use_effect_with(reading, move |reading| pending.borrow_mut().retain(|id, _| reading.contains(id)));
    }
    // Marks the moment a report is on screen (the end-to-end tests time it).
    use_effect_with(state.current, |current| {
        if current.is_some() {
            browser::mark("nwcheck-verdict");
        }
    });

    let onfiles = {
        let dispatch = state.dispatcher();
        let pending = pending.clone();
        let spare = spare.clone();
        let next_read = next_read.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            browser::mark("nwcheck-drop");
            for file in files {
                let name = AttrValue::from(file.name());
                let bytes = file.size();
                if bytes > MAX_FILE_BYTES {
                    dispatch.dispatch(Action::TooLarge { name, bytes });
                    continue;
                }
                let read = next_id(&next_read);
                if bytes > WORKER_MIN_BYTES && worker::available() {
                    dispatch.dispatch(Action::Reading { read, name: name.clone(), bytes, worker: true });
                    start_job(&dispatch, &pending, &spare, read, file.into(), Some(name.to_string()));
                    continue;
                }
                dispatch.dispatch(Action::Reading { read, name: name.clone(), bytes, worker: false });
                let done = dispatch.clone();
                let reader = gloo_file::callbacks::read_as_bytes(&gloo_file::File::from(file), move |result| {
                    let result = result.map_err(|e| e.to_string());
                    done.dispatch(Action::Read { read, name, result });
                });
                pending.borrow_mut().insert(read, Pending::Reader { _reader: reader });
            }
        })
    };
    let oncancel = state.dispatcher().to_callback().reform(Action::Cancel);
    // A pasted text over the worker threshold goes to a worker as a `Blob`,
    // like a large file; a smaller one is analyzed by the reducer at once.
    let onpaste = {
        let dispatch = state.dispatcher();
        let pending = pending.clone();
        let spare = spare.clone();
        let next_read = next_read.clone();
        Callback::from(move |text: String| {
            if text.len() as f64 > WORKER_MIN_BYTES && worker::available() {
                if let Ok(blob) = browser::text_blob(&text, "text/plain") {
                    drop(text);
                    let read = next_id(&next_read);
                    dispatch.dispatch(Action::ReadingPasted { read, bytes: blob.size() });
                    start_job(&dispatch, &pending, &spare, read, blob, None);
                    return;
                }
            }
            dispatch.dispatch(Action::Pasted(text));
        })
    };
    let onsample = {
        let dispatch = state.dispatcher();
        Callback::from(move |i: usize| {
            if let Some(sample) = SAMPLES.get(i) {
                dispatch.dispatch(Action::Sample { name: sample.name.into(), bytes: sample.bytes })
            }
        })
    };
    let onlang = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let lang = Lang::from_tag(&select.value());
            browser::remember_lang(lang);
            dispatch.dispatch(Action::SetLang(lang));
        })
    };

    // Drag and drop anywhere on the page.
    let ondragover = {
        let dispatch = state.dispatcher();
        let prepare = prepare.clone();
        Callback::from(move |e: DragEvent| {
            if browser::drag_has_files(&e) {
                e.prevent_default();
                prepare.emit(());
                if let Some(dt) = e.data_transfer() {
                    dt.set_drop_effect("copy");
                }
                dispatch.dispatch(Action::Dragging(true));
            }
        })
    };
    let ondragleave = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: DragEvent| {
            // Leaving the window has no related target; moving between elements has one.
            if e.related_target().is_none() {
                dispatch.dispatch(Action::Dragging(false));
            }
        })
    };
    let ondrop = {
        let dispatch = state.dispatcher();
        let onfiles = onfiles.clone();
        Callback::from(move |e: DragEvent| {
            if !browser::drag_has_files(&e) {
                return;
            }
            e.prevent_default();
            dispatch.dispatch(Action::Dragging(false));
            let files = browser::files_of(e.data_transfer().and_then(|dt| dt.files()));
            if !files.is_empty() {
                onfiles.emit(files);
            }
        })
    };

    let onshow = state.dispatcher().to_callback().reform(Action::ShowLog);
    let onclose_log = state.dispatcher().to_callback().reform(|()| Action::CloseLog);
    let onselect = state.dispatcher().to_callback().reform(Action::Select);
    let onclose_doc = state.dispatcher().to_callback().reform(Action::CloseDoc);
    let ondismiss = state.dispatcher().to_callback().reform(|_: MouseEvent| Action::DismissNotices);
    let onmask = state.dispatcher().to_callback().reform(Action::SetMask);
    let onfailures_only = state.dispatcher().to_callback().reform(Action::SetFailuresOnly);
    let onundo = state.dispatcher().to_callback().reform(|_: MouseEvent| Action::UndoClose);
    // With the mask switch on, printing waits for the masked copy on screen.
    let onprint = {
        let printable = state.printable();
        Callback::from(move |()| {
            if printable {
                browser::print()
            }
        })
    };

    let current = state.current_doc().cloned();
    let onexport = {
        let dispatch = state.dispatcher();
        let current = current.clone();
        let mask = state.mask;
        let preparing = matches!(state.hand_off, Some(HandOff::Preparing));
        Callback::from(move |what: Export| {
            let Some(doc) = current.clone() else {
                return;
            };
            // One export at a time.
            if preparing {
                return;
            }
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if doc.report.checks.len() > exports::IN_ONE_GO {
                    dispatch.dispatch(Action::HandOff(Some(HandOff::Preparing)));
                }
                let done = exports::export(&doc, what, lang, mask).await;
                dispatch.dispatch(Action::HandOff(done));
            });
        })
    };

    let reading = state.reading.clone();
    let log_doc = state.log.and_then(|target| state.docs.iter().find(|d| d.id == target.doc).cloned());
    let evidence: Option<Evidence> = state.log.map(|target| target.evidence);
    // The evidence before and after the one open: the checks that are not OK.
    let (prev, next) = match (&log_doc, evidence) {
        (Some(doc), Some(at)) => neighbours(&doc.report, at),
        _ => (None, None),
    };

    html! {
        <div class={classes!("app", state.dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <a class="skip-link" href="#main">{ lang.pick("本文へ移動", "Skip to content") }</a>
            <header class="top">
                <div class="brand">
                    <h1>{ "nwcheck" }<span class="subtitle">{ title_rest(lang) }</span></h1>
                    <p class="tagline">{ t(lang, Key::Tagline) }</p>
                </div>
                <div class="lang">
                    <label for="lang-select">{ t(lang, Key::Language) }</label>
                    <select id="lang-select" onchange={onlang}>
                        <option value="ja" selected={lang == Lang::Ja} lang="ja">{ "日本語" }</option>
                        <option value="en" selected={lang == Lang::En} lang="en">{ "English" }</option>
                    </select>
                </div>
                <p class="privacy" id="privacy">{ t(lang, Key::Privacy) }</p>
            </header>
            <main id="main" tabindex="-1">
                <InputPanel {lang} {reading} {onfiles} {oncancel} onpick={prepare} {onpaste} {onsample} compact={!state.docs.is_empty()} />
                if !state.notices.is_empty() {
                    <div class="notices" role="alert">
                        <ul>{ for state.notices.iter().map(|n| html! { <li>{ notice_text(lang, n) }</li> }) }</ul>
                        <button type="button" class="link-button" onclick={ondismiss}>{ t(lang, Key::DismissNotices) }</button>
                    </div>
                }
                if let Some((_, closed)) = &state.closed {
                    <p class="undo-close" role="status">
                        { t(lang, Key::Closed) }{ ": " }{ closed.tab_label(&closed.head(state.mask), lang) }{ " " }
                        <button type="button" class="link-button" id="undo-close" onclick={onundo}>{ t(lang, Key::Undo) }</button>
                    </p>
                }
                if state.docs.len() > 1 {
                    <DocTabs {lang} docs={state.docs.clone()} current={state.current} mask={state.mask} {onselect} onclose={onclose_doc.clone()} />
                }
                if let Some(doc) = &current {
                    <div class="report" key={doc.id} data-doc={doc.id.to_string()} data-masked={(state.mask && state.printable()).then_some("true")}>
                        <Banner
                            {lang}
                            report={state.shown_report(doc)}
                            name={AttrValue::from(doc.file_label(&state.shown_report(doc), lang))}
                            run={doc.run}
                            onclose={(state.docs.len() == 1).then(|| onclose_doc.reform({ let id = doc.id; move |()| id }))}
                        />
                        { report_body(&state, doc, lang, onshow.clone(), onexport.clone(), onmask.clone(), onfailures_only.clone(), onprint.clone()) }
                        // The panels work on the log as it is: not shown while the page is masked for sharing.
                        if doc.report.overall != Overall::NotALog && !state.mask {
                            <FollowUpPanel {lang} doc={doc.id} report={doc.report.clone()} onpaste={state.dispatcher().to_callback()} />
                        }
                    </div>
                } else {
                    <p class="empty muted">{ t(lang, Key::NothingYet) }</p>
                }
                if state.docs.len() > 1 && !state.mask {
                    <ComparePanel {lang} docs={state.docs.clone()} current={state.current} />
                }
            </main>
            <footer class="foot"><p>{ t(lang, Key::Footer) }</p></footer>
            <div class="drop-overlay" aria-hidden="true"><p>{ t(lang, Key::DropRelease) }</p></div>
            <LogDialog
                {lang}
                text={log_doc.as_ref().map(|d| d.text.clone())}
                lines={log_doc.as_ref().map(|d| d.lines.clone())}
                name={AttrValue::from(log_doc.as_ref().map(|d| d.name.label(lang)).unwrap_or_default())}
                {evidence}
                {prev}
                {next}
                onshow={onshow.clone()}
                mask={state.mask}
                onclose={onclose_log}
            />
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn report_body(
    state: &State,
    doc: &super::state::Doc,
    lang: Lang,
    onshow: Callback<Evidence>,
    onexport: Callback<Export>,
    onmask: Callback<bool>,
    onfailures_only: Callback<bool>,
    onprint: Callback<()>,
) -> Html {
    let report = state.shown_report(doc);
    let is_log = report.overall != Overall::NotALog;
    html! {
        <>
            if is_log {
                <ServiceCards
                    {lang}
                    report={report.clone()}
                    failures_only={state.failures_only}
                    {onfailures_only}
                    onshow={onshow.clone()}
                />
            }
            <FindingList {lang} report={report.clone()} onshow={onshow.clone()} />
            if is_log {
                <MachineSummary {lang} {report} {onshow} />
            }
            <HandOffBar {lang} mask={state.mask} status={state.hand_off.clone()} {onexport} {onmask} {onprint} />
        </>
    }
}

/// The evidence of the checks that are not OK just before and just after
/// `at` in the log.
fn neighbours(report: &crate::analyzer::model::Report, at: Evidence) -> (Option<Evidence>, Option<Evidence>) {
    use crate::analyzer::model::Status;
    let mut prev = None;
    let mut next = None;
    for c in report.checks.iter().filter(|c| c.status != Status::Ok) {
        let e = Evidence { lines: c.lines, line: c.evidence_line };
        if c.lines[0] < at.lines[0] {
            prev = Some(e);
        } else if c.lines[0] > at.lines[0] && next.is_none() {
            next = Some(e);
        }
    }
    (prev, next)
}

/// The next read id from `counter`.
fn next_id(counter: &RefCell<u32>) -> u32 {
    let mut n = counter.borrow_mut();
    *n += 1;
    *n
}

/// Starts a worker job for `blob` (in the spare worker when there is one):
/// its progress and result go to the reducer under the read id `read`.
/// `name` is the file name the analysis is told (none for pasted text).
fn start_job(
    dispatch: &UseReducerDispatcher<State>,
    pending: &Rc<RefCell<HashMap<u32, Pending>>>,
    spare: &Rc<RefCell<Option<worker::Spare>>>,
    read: u32,
    blob: web_sys::Blob,
    name: Option<String>,
) {
    let progress = dispatch.clone();
    let onstage = Callback::from(move |stage| progress.dispatch(Action::Progress { read, stage }));
    let done = dispatch.clone();
    let ondone = Callback::from(move |result: Result<(crate::Analysis<'static>, LineIndex), String>| {
        done.dispatch(Action::Analyzed { read, result: result.map(Box::new) })
    });
    let spare = spare.borrow_mut().take();
    match worker::start(spare, blob, name, onstage, ondone) {
        Some(job) => {
            pending.borrow_mut().insert(read, Pending::Worker { _job: job });
        }
        None => dispatch.dispatch(Action::Analyzed { read, result: Err("no worker could be started".to_string()) }),
    }
}

fn title_rest(lang: Lang) -> &'static str {
    lang.pick("Azure Backup 疎通確認ログの判定", "Azure Backup network-check log verdicts")
}

fn notice_text(lang: Lang, notice: &Notice) -> String {
    match notice {
        Notice::TooLarge { name, bytes } => too_large(lang, name, *bytes, MAX_FILE_MB),
        Notice::ReadFailed { name, error } => {
            let what = match name {
                DocName::File(_) => Key::ReadFailed,
                DocName::Pasted(_) => Key::PasteFailed,
            };
            format!("{}: {} ({error})", name.label(lang), t(lang, what))
        }
        Notice::EmptyPaste => t(lang, Key::EmptyPaste).to_string(),
        Notice::FollowUpNotRead => super::followup::not_read(lang).to_string(),
    }
}
