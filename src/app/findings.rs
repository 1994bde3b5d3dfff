//! Every finding in plain words, in the order of the banner's root causes: what it means, what to check next, links
//! to Microsoft Learn, the destinations concerned, and a button that
//! opens the log at the evidence.

use super::banner::show_in_log_button;
use super::severity_mark;
use super::state::{Evidence, SharedReport};
use super::text::{more_destinations, t, Key};
use crate::explain::{finding, next_steps, not_a_log_message, severity_label, Lang};
use yew::prelude::*;

/// A finding names at most this many destinations; the rest are counted
/// (the service cards list them all).
const MAX_FQDNS: usize = 30;

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub lang: Lang,
    pub report: SharedReport,
    pub onshow: Callback<Evidence>,
}

#[component(FindingList)]
pub fn finding_list(props: &FindingListProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    // The same order as the banner's root causes, then the rest.
    let order = use_memo(report.clone(), |r| crate::causes::finding_order(r));
    html! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{ t(lang, Key::Findings) }</h2>
            if report.findings.is_empty() {
                <p class="muted">{ t(lang, Key::NoFindings) }</p>
            }
            { for order.iter().filter_map(|&i| report.findings.get(i).map(|f| (i, f))).map(|(i, f)| {
                let text = finding(f.id, lang);
                let next = next_steps(report, f, lang);
                let (mark, class) = severity_mark(f.severity);
                let title_id = format!("finding-{i}-title");
                let cause = f.cause.map(|c| not_a_log_message(c, f.detail.as_deref(), lang));
                let evidence = (f.lines[0] > 0).then_some(Evidence { lines: f.lines, line: None });
                html! {
                    <article
                        class={classes!("finding", class)}
                        id={format!("finding-{i}")}
                        data-finding={f.id.id()}
                        data-severity={super::schema_word(&f.severity)}
                        aria-labelledby={title_id.clone()}
                        tabindex="-1"
                    >
                        <h3 id={title_id}>
                            <span class={classes!("severity", class)}>
                                <span class="mark" aria-hidden="true">{ mark }</span>
                                { severity_label(f.severity, lang) }
                            </span>
                            <span class="finding-title">{ text.title }</span>
                        </h3>
                        if let Some(cause) = cause {
                            <p class="cause">{ cause }</p>
                        }
                        <p class="what">{ text.what }</p>
                        if !f.fqdns.is_empty() {
                            <div class="fqdns">
                                <span class="label">{ t(lang, Key::Destinations) }{ ": " }</span>
                                <ul>
                                    { for f.fqdns.iter().take(MAX_FQDNS).map(|d| html! { <li><code>{ d.clone() }</code></li> }) }
                                    if f.fqdns.len() > MAX_FQDNS {
                                        <li class="more">{ more_destinations(lang, f.fqdns.len() - MAX_FQDNS) }</li>
                                    }
                                </ul>
                            </div>
                        }
                        if !next.is_empty() {
                            <h4>{ t(lang, Key::WhatToCheck) }</h4>
                            <ul class="next">{ for next.iter().map(|n| html! { <li>{ *n }</li> }) }</ul>
                        }
                        if !text.links.is_empty() {
                            <h4>{ t(lang, Key::LearnMore) }</h4>
                            <ul class="links">
                                { for text.links.iter().map(|l| html! {
                                    <li><a href={learn_url(l.url, lang)} target="_blank" rel="noopener noreferrer">{ l.title(lang) }</a></li>
                                }) }
                            </ul>
                        }
                        if let Some(evidence) = evidence {
                            { show_in_log_button(lang, evidence, &props.onshow, Key::ShowInLog) }
                        }
                    </article>
                }
            }) }
        </section>
    }
}

/// Microsoft Learn pages open in the reader's language (`/ja-jp/`); other links stay as they are.
fn learn_url(url: &str, lang: Lang) -> String {
    match (lang, url.strip_prefix("https://learn.microsoft.com/")) {
        (Lang::Ja, Some(rest)) => format!("https://learn.microsoft.com/ja-jp/{rest}"),
        _ => url.to_string(),
    }
}
