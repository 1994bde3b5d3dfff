//! Hand-off to the support ticket: copy the summary as plain text or
//! Markdown, download the JSON report, and the switch that masks host
//! names and addresses in everything exported.

use super::state::HandOff;
use super::text::{t, Key};
use crate::explain::Lang;
use yew::prelude::*;

/// Which export a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Text,
    Markdown,
    Json,
}

#[derive(Properties, PartialEq)]
pub struct HandOffBarProps {
    pub lang: Lang,
    pub mask: bool,
    pub status: Option<HandOff>,
    pub onexport: Callback<Export>,
    pub onmask: Callback<bool>,
    pub onprint: Callback<()>,
}

#[component(HandOffBar)]
pub fn hand_off_bar(props: &HandOffBarProps) -> Html {
    let lang = props.lang;
    let fallback = use_node_ref();
    {
        let fallback = fallback.clone();
        use_effect_with(props.status.clone(), move |status| {
            if matches!(status, Some(HandOff::CopyFailed(_))) {
                super::browser::select_text(&fallback);
            }
        });
    }
    let export = |what: Export| props.onexport.reform(move |_: MouseEvent| what);
    let onmask = props
        .onmask
        .reform(|e: Event| e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.checked()).unwrap_or(false));
    let onprint = props.onprint.reform(|_: MouseEvent| ());
    // One export at a time: the buttons wait while a large one is made.
    let busy = matches!(props.status, Some(HandOff::Preparing));
    let status = match &props.status {
        Some(HandOff::Preparing) => t(lang, Key::Preparing),
        Some(HandOff::Copied) => t(lang, Key::Copied),
        Some(HandOff::CopyFailed(_)) => t(lang, Key::CopyFailed),
        Some(HandOff::Downloaded) => t(lang, Key::Downloaded),
        None => "",
    };
    html! {
        <section class="hand-off" aria-labelledby="hand-off-title" aria-busy={busy.then_some("true")}>
            <h2 id="hand-off-title">{ t(lang, Key::HandOff) }</h2>
            <div class="toolbar">
                <label class="switch">
                    <input type="checkbox" id="mask" checked={props.mask} onchange={onmask} aria-describedby="mask-note" />
                    <span>{ t(lang, Key::MaskSwitch) }</span>
                </label>
            </div>
            <p id="mask-note" class="muted small">{ t(lang, Key::MaskNote) }</p>
            <div class="toolbar buttons">
                <button type="button" id="copy-text" disabled={busy} onclick={export(Export::Text)}>{ t(lang, Key::CopyText) }</button>
                <button type="button" id="copy-markdown" disabled={busy} onclick={export(Export::Markdown)}>{ t(lang, Key::CopyMarkdown) }</button>
                <button type="button" id="download-json" disabled={busy} onclick={export(Export::Json)}>{ t(lang, Key::DownloadJson) }</button>
                <button type="button" id="print" onclick={onprint}>{ t(lang, Key::Print) }</button>
            </div>
            <p class="hand-off-status" role="status" id="hand-off-status">{ status }</p>
            if let Some(HandOff::CopyFailed(text)) = &props.status {
                <label for="copy-fallback" class="visually-hidden">{ t(lang, Key::CopyFailed) }</label>
                <textarea ref={fallback} id="copy-fallback" readonly=true rows="10" value={text.clone()} />
            }
        </section>
    }
}
