//! Where logs come in: the drop zone with its file picker, the paste box
//! and the sample button. Dropping works anywhere on the page (the root
//! listens); this panel is the visible, keyboard-operable part.

use super::browser;
use super::text::{t, Key};
use crate::explain::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub lang: Lang,
    /// Names of the files being read.
    pub reading: Vec<AttrValue>,
    pub onfiles: Callback<Vec<web_sys::File>>,
    pub onpaste: Callback<String>,
    pub onsample: Callback<()>,
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
        Callback::from(move |_: MouseEvent| browser::click(&file_input))
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
    let onsample = {
        let onsample = props.onsample.clone();
        Callback::from(move |_: MouseEvent| onsample.emit(()))
    };

    html! {
        <section class="input" aria-labelledby="input-title">
            <h2 id="input-title" class="visually-hidden">{ t(lang, Key::DropHere) }</h2>
            <div class="drop-zone" id="drop-zone">
                <p class="drop-text" aria-hidden="true"><span class="drop-icon">{ "⇩" }</span>{ t(lang, Key::DropHere) }</p>
                <div class="drop-actions">
                    <button type="button" class="primary" id="choose-files" onclick={choose}>
                        { t(lang, Key::ChooseFiles) }
                    </button>
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
                    <button type="button" id="sample" onclick={onsample} title={t(lang, Key::SampleHint)}>
                        { t(lang, Key::Sample) }
                    </button>
                </div>
                if !props.reading.is_empty() {
                    <ul class="reading" role="status">
                        { for props.reading.iter().map(|name| html! {
                            <li><span class="spinner" aria-hidden="true"></span>{ reading_label(lang, name) }</li>
                        }) }
                    </ul>
                }
            </div>
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
        </section>
    }
}

fn reading_label(lang: Lang, name: &str) -> String {
    lang.pick(format!("読み込み中: {name}"), format!("Reading {name}…"))
}
