//! The raw log in a modal dialog, opened at the evidence: the block's
//! lines are highlighted and scrolled into view. Lines are shown as text
//! (never as markup), numbered as the analyzer numbers them.

use super::browser;
use super::state::Evidence;
use super::text::{lines_label, t, Key};
use crate::analyzer::lines::LineIndex;
use crate::explain::Lang;
use std::rc::Rc;
use yew::prelude::*;

/// Logs up to this many lines are shown whole.
const WHOLE: usize = 2000;

/// A longer log shows this many lines before and after the evidence.
const AROUND: usize = 300;

/// Lines longer than this many bytes are cut, with a mark saying so.
const MAX_LINE: usize = 4000;

#[derive(Properties, PartialEq)]
pub struct LogDialogProps {
    pub lang: Lang,
    /// The log, when the dialog is open.
    pub text: Option<Rc<String>>,
    /// Where the log's lines are.
    pub lines: Option<Rc<LineIndex>>,
    pub name: AttrValue,
    pub evidence: Option<Evidence>,
    pub onclose: Callback<()>,
}

#[component(LogDialog)]
pub fn log_dialog(props: &LogDialogProps) -> Html {
    let lang = props.lang;
    let dialog = use_node_ref();
    let open = props.text.is_some() && props.evidence.is_some();
    {
        let dialog = dialog.clone();
        use_effect_with((open, props.evidence), move |(open, _)| {
            browser::set_dialog_open(&dialog, *open);
            if *open {
                browser::scroll_to(&dialog, ".row.hl");
            }
        });
    }
    let onclose = props.onclose.reform(|_: Event| ());
    let close = props.onclose.reform(|_: MouseEvent| ());
    let body = match (&props.text, &props.lines, props.evidence) {
        (Some(text), Some(lines), Some(evidence)) => log_lines(text, lines, evidence),
        _ => html! {},
    };
    let heading = match props.evidence {
        Some(e) => format!("{}: {} ({})", t(lang, Key::LogTitle), props.name, lines_label(lang, e.lines)),
        None => t(lang, Key::LogTitle).to_string(),
    };
    html! {
        <dialog ref={dialog} class="log-dialog" id="log-dialog" aria-labelledby="log-title" {onclose}>
            <div class="log-head">
                <h2 id="log-title">{ heading }</h2>
                <button type="button" class="close" id="log-close" onclick={close}>{ t(lang, Key::Close) }</button>
            </div>
            <p class="muted log-hint">{ t(lang, Key::LogHint) }</p>
            <div class="log" tabindex="0" role="region" aria-labelledby="log-title">
                { body }
            </div>
        </dialog>
    }
}

/// Line `n` (1-based), cut to [`MAX_LINE`] bytes.
fn line_text(text: &str, lines: &LineIndex, n: usize) -> Option<String> {
    let line = lines.line(text, n)?;
    if line.len() <= MAX_LINE {
        return Some(line.to_string());
    }
    let mut end = MAX_LINE;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    Some(format!("{} … (+{} bytes)", &line[..end], line.len() - end))
}

fn log_lines(text: &str, lines: &LineIndex, evidence: Evidence) -> Html {
    let [first, last] = evidence.lines;
    let count = lines.count();
    let (from, to) =
        if count <= WHOLE { (1, count) } else { (first.saturating_sub(AROUND).max(1), (last + AROUND).min(count)) };
    html! {
        <>
            { for (from..=to).filter_map(|n| line_text(text, lines, n).map(|line| (n, line))).map(|(n, line)| {
                let hl = (first..=last).contains(&n);
                let ev = evidence.line == Some(n);
                html! {
                    <div class={classes!("row", hl.then_some("hl"), ev.then_some("ev"))} data-line={n.to_string()}>
                        <span class="no">{ n }</span>
                        if hl {
                            <mark class="tx">{ line }</mark>
                        } else {
                            <span class="tx">{ line }</span>
                        }
                    </div>
                }
            }) }
        </>
    }
}
