//! Where logs come in: the drop zone with its file picker, how to get the
//! log, the paste box and the sample logs. Once a log is open the panel
//! folds into a slim bar ("open another log"; paste and samples behind a
//! disclosure). Dropping works anywhere on the page (the root listens);
//! this panel is the visible, keyboard-operable part.

use super::browser;
use super::state::Reading;
use super::text::{cancel_label, megabytes, t, Key};
use super::worker::Stage;
use crate::explain::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub lang: Lang,
    /// The inputs being read, with their progress.
    pub reading: Vec<Reading>,
    pub onfiles: Callback<Vec<web_sys::File>>,
    /// Stops reading the file with this read id.
    pub oncancel: Callback<u32>,
    /// The file picker is opening (files may follow).
    pub onpick: Callback<()>,
    pub onpaste: Callback<String>,
    /// A built-in sample was chosen (its index in [`super::SAMPLES`]).
    pub onsample: Callback<usize>,
    /// A log is open: show the slim bar instead of the whole panel.
    #[prop_or_default]
    pub compact: bool,
}

#[component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let lang = props.lang;
    let file_input = use_node_ref();
    let paste = use_node_ref();

    let onchange = {
        let onfiles = props.onfiles.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let files = browser::files_of(input.files());
            // Clear the picker so choosing the same file again reads it again.
            input.set_value("");
            if !files.is_empty() {
                onfiles.emit(files);
            }
        })
    };
    let choose = {
        let file_input = file_input.clone();
        let onpick = props.onpick.clone();
        Callback::from(move |_: MouseEvent| {
            onpick.emit(());
            browser::click(&file_input);
        })
    };
    let check_pasted = {
        let paste = paste.clone();
        let onpaste = props.onpaste.clone();
        move || {
            if let Some(area) = paste.cast::<web_sys::HtmlTextAreaElement>() {
                onpaste.emit(area.value());
            }
        }
    };
    let onclick_paste = {
        let check_pasted = check_pasted.clone();
        Callback::from(move |_: MouseEvent| check_pasted())
    };
    // Ctrl+Enter (or Cmd+Enter) in the paste box checks it.
    let onkeydown_paste = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            check_pasted();
        }
    });
    let samples = html! {
        <div class="samples">
            <span class="samples-label" id="samples-label">{ t(lang, Key::Samples) }</span>
            <ul aria-labelledby="samples-label">
                { for super::SAMPLES.iter().enumerate().map(|(i, sample)| {
                    let onclick = props.onsample.reform(move |_: MouseEvent| i);
                    html! {
                        <li><button type="button" class="sample" id={sample.id} {onclick}>{ t(lang, sample.label) }</button></li>
                    }
                }) }
            </ul>
        </div>
    };
    let paste_box = html! {
        <div class="paste">
            <label for="paste-box">{ t(lang, Key::PasteLabel) }</label>
            <textarea
                ref={paste}
                id="paste-box"
                rows="8"
                spellcheck="false"
                autocomplete="off"
                placeholder={t(lang, Key::PastePlaceholder)}
                onkeydown={onkeydown_paste}
            />
            <button type="button" id="check-pasted" onclick={onclick_paste}>{ t(lang, Key::CheckPasted) }</button>
        </div>
    };
    let file_input = html! {
        <input
            ref={file_input}
            id="file-input"
            class="visually-hidden"
            type="file"
            multiple=true
            tabindex="-1"
            aria-label={t(lang, Key::ChooseFiles)}
            accept=".log,.txt,text/plain"
            {onchange}
        />
    };
    let reading = (!props.reading.is_empty()).then(|| {
        html! {
            <ul class="reading" role="status">
                { for props.reading.iter().map(|r| reading_item(lang, r, &props.oncancel)) }
            </ul>
        }
    });

    if props.compact {
        return html! {
            <section class="input compact" aria-labelledby="input-title">
                <h2 id="input-title" class="visually-hidden">{ t(lang, Key::OpenAnother) }</h2>
                <div class="input-bar">
                    <button type="button" class="primary" id="choose-files" onclick={choose}>
                        { t(lang, Key::OpenAnother) }
                    </button>
                    { file_input }
                    <span class="drop-hint when-fine" aria-hidden="true">{ t(lang, Key::DropHere) }</span>
                    <details class="more-input" id="more-input">
                        <summary>{ t(lang, Key::PasteOpen) }</summary>
                        { paste_box }
                        { samples }
                    </details>
                </div>
                { reading.unwrap_or_default() }
            </section>
        };
    }

    html! {
        <section class="input" aria-labelledby="input-title">
            <h2 id="input-title" class="visually-hidden">{ t(lang, Key::DropHere) }</h2>
            <div class="drop-zone" id="drop-zone">
                <p class="drop-text when-fine" aria-hidden="true"><span class="drop-icon">{ "⇩" }</span>{ t(lang, Key::DropHere) }</p>
                <p class="drop-text when-touch" aria-hidden="true">{ t(lang, Key::DropHereTouch) }</p>
                <div class="drop-actions">
                    <button type="button" class="primary" id="choose-files" onclick={choose}>
                        { t(lang, Key::ChooseFiles) }
                    </button>
                    { file_input }
                </div>
                { samples }
                { reading.unwrap_or_default() }
            </div>
            { paste_box }
            <div class="how-to">
                <h3 class="how-to-title">{ t(lang, Key::HowToGet) }</h3>
                <p>{ t(lang, Key::HowToGetSteps) }</p>
                <p><a href={HOW_TO_URL} target="_blank" rel="noopener noreferrer">{ t(lang, Key::HowToGetLink) }</a></p>
            </div>
        </section>
    }
}

/// The support blog's page that publishes the network-check script.
const HOW_TO_URL: &str = "https://jpabrs-scem.github.io/blog/AzureBackupGeneral/RequestForInvestigatingNW/";

fn reading_label(lang: Lang, name: &str) -> String {
    lang.pick(format!("読み込み中: {name}"), format!("Reading {name}…"))
}

/// One input being read: a spinner for a small file; for a file or a
/// pasted text a worker reads, its stage, a progress bar and a cancel button.
fn reading_item(lang: Lang, r: &Reading, oncancel: &Callback<u32>) -> Html {
    let name = r.name.label(lang);
    let Some(stage) = r.stage else {
        return html! {
            <li class="job" key={r.read}><span class="spinner" aria-hidden="true"></span>{ reading_label(lang, &name) }</li>
        };
    };
    let total = megabytes(r.bytes);
    // Percent done for a stage that can tell; none for one that cannot (the bar moves on its own).
    let (id, label, percent, amount) = match stage {
        Stage::Starting => ("starting", t(lang, Key::Starting), None, format!("{total} MB")),
        Stage::Reading { done } => (
            "reading",
            lang.pick("読み込み中", "Reading"),
            Some(percent_of(done, r.bytes)),
            format!("{} / {total} MB", megabytes(done)),
        ),
        Stage::Analyzing { done, total: of } => {
            ("analyzing", t(lang, Key::Analyzing), Some(percent_of(done, of)), format!("{total} MB"))
        }
        Stage::Receiving { done, total: pieces } => {
            ("receiving", t(lang, Key::Receiving), Some(percent_of(done as f64, pieces as f64)), format!("{total} MB"))
        }
    };
    let read = r.read;
    let onclick = oncancel.reform(move |_: MouseEvent| read);
    let name_label = format!("{name}: {label}");
    html! {
        <li class="job" key={r.read} data-read={r.read.to_string()} data-stage={id}>
            <span class="job-name">{ name.clone() }</span>
            <span class="job-stage">{ label }</span>
            <progress class="job-progress" max="100" value={percent.map(|p| p.to_string())} aria-label={name_label}></progress>
            <span class="job-amount" aria-hidden="true">{ amount }</span>
            <button type="button" class="cancel" aria-label={cancel_label(lang, &name)} {onclick}>{ t(lang, Key::Cancel) }</button>
        </li>
    }
}

/// `done` of `total` in whole percent, 0 to 100.
fn percent_of(done: f64, total: f64) -> u32 {
    if total <= 0.0 {
        return 100;
    }
    ((done / total) * 100.0).clamp(0.0, 100.0) as u32
}
