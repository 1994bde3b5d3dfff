//! The verdict for the whole log, in one banner: icon and words, the root
//! causes ranked by what they block (each with its first next step and a
//! link to its finding), counts of checks that mean something, and which
//! log and machine it is about.

use super::overall_mark;
use super::state::{Evidence, SharedReport};
use super::text::{runs_notice, t, Key};
use crate::analyzer::model::Overall;
use crate::causes::{root_causes, tally};
use crate::explain::{not_a_log_message, overall_label, Lang};
use crate::explain_causes::{cause_text, not_conclusive_reason, tally_text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub lang: Lang,
    pub report: SharedReport,
    /// The file's name as shown (masked when the report is).
    pub name: AttrValue,
    /// Which run of its file this is, and how many the file holds.
    #[prop_or_default]
    pub run: Option<(usize, usize)>,
    /// Shown as a "close this log" button when given.
    #[prop_or_default]
    pub onclose: Option<Callback<()>>,
}

#[component(Banner)]
pub fn banner(props: &BannerProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let (mark, class) = overall_mark(report.overall);
    let causes = use_memo(report.clone(), |r| root_causes(r));
    let detail = if report.overall == Overall::NotALog {
        let message = report
            .findings
            .first()
            .and_then(|f| f.cause.map(|cause| not_a_log_message(cause, f.detail.as_deref(), lang)));
        html! { <p class="banner-detail" id="not-a-log-message">{ message.unwrap_or_default() }</p> }
    } else {
        let counts = tally(report);
        html! {
            <>
                <p class="banner-detail" id="check-counts">{ tally_text(&counts, lang) }</p>
                if counts.not_conclusive > 0 {
                    <p class="banner-note small" id="not-conclusive-note">{ not_conclusive_reason(lang) }</p>
                }
            </>
        }
    };
    let causes_list = (report.overall != Overall::NotALog && !causes.is_empty()).then(|| {
        html! {
            <div class="causes">
                <h3 id="causes-title" class="causes-title">{ t(lang, Key::RootCauses) }</h3>
                <ol class="cause-list" aria-labelledby="causes-title">
                    { for causes.iter().map(|c| {
                        let text = cause_text(report, c, lang);
                        html! {
                            <li
                                class={classes!("root-cause", super::severity_mark(c.severity).1)}
                                data-finding={c.finding.id()}
                                data-blocks-backup={c.blocks_backup().to_string()}
                            >
                                <p class="cause-what">
                                    <strong>{ text.what.clone() }</strong>
                                    if let Some(b) = &text.blocks {
                                        { text.joiner(lang) }{ b.clone() }
                                    }
                                    { lang.pick("。", ".") }
                                </p>
                                if let Some(step) = text.first_step {
                                    <p class="cause-step"><span aria-hidden="true">{ "→ " }</span>{ step }</p>
                                }
                                <a class="cause-link" href={format!("#finding-{}", c.index)}>{ t(lang, Key::Details) }{ " ↓" }</a>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    });
    let facts = [
        (Key::Host, report.host.clone()),
        (Key::RunAt, report.run_at.clone()),
        (Key::File, Some(props.name.to_string())),
    ];
    html! {
        <section
            class={classes!("banner", class)}
            id="overall"
            tabindex="-1"
            data-overall={super::schema_word(&report.overall)}
            aria-labelledby="overall-title"
        >
            <div class="banner-head">
                <h2 id="overall-title" class="banner-title">
                    <span class="mark big" aria-hidden="true">{ mark }</span>
                    { overall_label(report.overall, lang) }
                </h2>
                if let Some(onclose) = &props.onclose {
                    <button type="button" class="link-button close-doc" onclick={onclose.reform(|_: MouseEvent| ())}>
                        { t(lang, Key::CloseLog) }
                    </button>
                }
            </div>
            if let Some((_, of)) = props.run {
                <p class="banner-note runs-note">{ runs_notice(lang, &props.name, of) }</p>
            }
            { causes_list.unwrap_or_default() }
            { detail }
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
