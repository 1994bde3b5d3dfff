//! The list of loaded logs: one button per report to switch to it, named
//! by host and run time, and one to close it.

use super::overall_mark;
use super::state::Doc;
use super::text::{t, Key};
use crate::explain::{overall_label, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DocTabsProps {
    pub lang: Lang,
    pub docs: Vec<Rc<Doc>>,
    pub current: Option<u32>,
    /// Names are masked (host names, file names).
    pub mask: bool,
    pub onselect: Callback<u32>,
    pub onclose: Callback<u32>,
}

#[component(DocTabs)]
pub fn doc_tabs(props: &DocTabsProps) -> Html {
    let lang = props.lang;
    html! {
        <nav class="tabs" aria-label={t(lang, Key::LoadedLogs)}>
            <ul>
                { for props.docs.iter().map(|doc| {
                    let id = doc.id;
                    let current = props.current == Some(id);
                    let (mark, class) = overall_mark(doc.report.overall);
                    let head = doc.head(props.mask);
                    let name = doc.tab_label(&head, lang);
                    let file = doc.file_label(&head, lang);
                    let select = props.onselect.reform(move |_: MouseEvent| id);
                    let close = props.onclose.reform(move |_: MouseEvent| id);
                    let close_label = format!("{}: {name}", t(lang, Key::CloseLog));
                    html! {
                        <li class={classes!("tab", current.then_some("current"))} key={id} data-doc={id.to_string()}>
                            <button
                                type="button"
                                class="tab-select"
                                aria-current={current.then_some("true")}
                                onclick={select}
                                title={format!("{file}: {}", overall_label(doc.report.overall, lang))}
                            >
                                <span class={classes!("mark", class)} aria-hidden="true">{ mark }</span>
                                <span class="tab-name">{ name.clone() }</span>
                                <span class="visually-hidden">{ format!(" ({})", overall_label(doc.report.overall, lang)) }</span>
                            </button>
                            <button type="button" class="tab-close" aria-label={close_label.clone()} title={close_label} onclick={close}>
                                <span aria-hidden="true">{ "×" }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
