//! The verdict for the whole log, in one banner: icon and words, the
//! counts of checks by status, and which log and machine it is about.

use super::overall_mark;
use super::state::Evidence;
use super::text::{counts, t, Key};
use crate::analyzer::model::{Overall, Report, Status};
use crate::explain::{not_a_log_message, overall_label, status_label, status_mark, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub lang: Lang,
    pub report: Rc<Report>,
    pub name: AttrValue,
    /// Shown as a "close this log" button when given.
    #[prop_or_default]
    pub onclose: Option<Callback<()>>,
}

#[component(Banner)]
pub fn banner(props: &BannerProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let (mark, class) = overall_mark(report.overall);
    let detail = if report.overall == Overall::NotALog {
        let message = report
            .findings
            .first()
            .and_then(|f| f.cause.map(|cause| not_a_log_message(cause, f.detail.as_deref(), lang)));
        html! { <p class="banner-detail" id="not-a-log-message">{ message.unwrap_or_default() }</p> }
    } else {
        let by_status = |s: Status| report.checks.iter().filter(|c| c.status == s).count();
        let parts: Vec<(usize, String)> = [Status::Ok, Status::Failed, Status::NotRun, Status::Unknown]
            .iter()
            .map(|&s| (by_status(s), format!("{} {}", status_mark(s), status_label(s, lang))))
            .collect();
        let parts: Vec<(usize, &str)> = parts.iter().map(|(n, l)| (*n, l.as_str())).collect();
        html! { <p class="banner-detail">{ counts(lang, report.checks.len(), &parts) }</p> }
    };
    let facts = [
        (Key::File, Some(props.name.to_string())),
        (Key::Host, report.host.clone()),
        (Key::RunAt, report.run_at.clone()),
    ];
    html! {
        <section class={classes!("banner", class)} id="overall" data-overall={super::schema_word(&report.overall)} aria-labelledby="overall-title">
            <h2 id="overall-title" class="banner-title">
                <span class="mark big" aria-hidden="true">{ mark }</span>
                { overall_label(report.overall, lang) }
            </h2>
            { detail }
            if let Some(onclose) = &props.onclose {
                <button type="button" class="link-button close-doc" onclick={onclose.reform(|_: MouseEvent| ())}>
                    { t(lang, Key::CloseLog) }
                </button>
            }
            <ul class="banner-facts">
                { for facts.into_iter().filter_map(|(key, value)| value.map(|v| html! {
                    <li><span class="label">{ t(lang, key) }{ ": " }</span><span class="value">{ v }</span></li>
                })) }
            </ul>
            <p class="banner-links"><a href="#hand-off-title">{ t(lang, Key::HandOff) }{ " ↓" }</a></p>
        </section>
    }
}

/// A "show in the log" button for a range of lines.
pub fn show_in_log_button(lang: Lang, evidence: Evidence, onshow: &Callback<Evidence>, label: Key) -> Html {
    let onclick = onshow.reform(move |_: MouseEvent| evidence);
    html! {
        <button type="button" class="link-button show-log" {onclick} data-lines={format!("{}-{}", evidence.lines[0], evidence.lines[1])}>
            { t(lang, label) }
            <span class="lines">{ format!(" ({})", super::text::lines_label(lang, evidence.lines)) }</span>
        </button>
    }
}
