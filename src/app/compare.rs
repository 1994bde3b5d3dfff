//! The compare panel: two open logs of the same machine, check by check
//! ([`crate::diff`]): what was broken and is fixed, what still fails, what
//! newly fails.

use super::state::Doc;
use crate::diff::{self, Change, Entry};
use crate::explain::{self, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    pub docs: Vec<Rc<Doc>>,
    pub current: Option<u32>,
}

fn selected(e: &Event) -> Option<u32> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse().ok())
}

#[component(ComparePanel)]
pub fn compare_panel(props: &CompareProps) -> Html {
    let lang = props.lang;
    // By default: the first open log before, the one on screen (or the last) after.
    let first = props.docs.first().map(|d| d.id);
    let last = props.current.filter(|&c| Some(c) != first).or_else(|| props.docs.last().map(|d| d.id));
    let before = use_state(|| None::<u32>);
    let after = use_state(|| None::<u32>);
    let find = |id: Option<u32>| id.and_then(|id| props.docs.iter().find(|d| d.id == id).cloned());
    let b = find(*before).or_else(|| find(first));
    let a = find(*after).or_else(|| find(last));

    let onbefore = {
        let before = before.clone();
        Callback::from(move |e: Event| before.set(selected(&e)))
    };
    let onafter = {
        let after = after.clone();
        Callback::from(move |e: Event| after.set(selected(&e)))
    };
    let options = |chosen: Option<u32>| -> Html {
        props
            .docs
            .iter()
            .map(|d| {
                html! {
                    <option value={d.id.to_string()} selected={Some(d.id) == chosen}>{ d.name.label(lang) }</option>
                }
            })
            .collect()
    };
    // Worked out again only when either side's report changes.
    let pair = match (&b, &a) {
        (Some(b), Some(a)) if b.id != a.id => Some((b.report.clone(), a.report.clone())),
        _ => None,
    };
    let result = use_memo(pair, |pair| pair.as_ref().map(|(b, a)| diff::diff(b, a)));

    html! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{ lang.pick("前後の比較", "Before and after") }</h2>
            <p class="muted small">{ lang.pick(
                "同じマシンの 2 つのログ (変更の前と後、またはログとその追加確認) を宛先と確認ごとに比べます。",
                "Compares two logs of the same machine (before and after a change, or a log and its follow-up) per destination and check.",
            ) }</p>
            <div class="followup-form">
                <label for="compare-before">{ lang.pick("前", "Before") }</label>
                <select id="compare-before" onchange={onbefore}>{ options(b.as_ref().map(|d| d.id)) }</select>
                <label for="compare-after">{ lang.pick("後", "After") }</label>
                <select id="compare-after" onchange={onafter}>{ options(a.as_ref().map(|d| d.id)) }</select>
            </div>
            if let Some(d) = &*result {
                { render(d, lang) }
            } else {
                <p class="muted small">{ lang.pick("違う 2 つのログを選んでください。", "Choose two different logs.") }</p>
            }
        </section>
    }
}

fn render(d: &diff::Diff, lang: Lang) -> Html {
    html! {
        <div id="compare-result">
            if !d.same_host {
                <p class="small s-unknown" role="note">{ lang.pick(
                    "注意: 2 つのログのホスト名が違います。同じマシンのログか確かめてください。",
                    "Note: the two logs name different hosts; check that they come from the same machine.",
                ) }</p>
            }
            { for Change::ALL.iter().filter(|&&c| c != Change::UnchangedOk).map(|&c| group(d, c, lang)) }
            <p class="small muted" data-change="unchanged-ok">{ format!("{}: {}", Change::UnchangedOk.label(lang), d.count(Change::UnchangedOk)) }</p>
        </div>
    }
}

fn group(d: &diff::Diff, change: Change, lang: Lang) -> Html {
    let entries: Vec<&Entry> = d.entries.iter().filter(|e| e.change == change).collect();
    if entries.is_empty() {
        return html! {};
    }
    let class = match change {
        Change::NewlyFailing | Change::StillFailing => "s-failed",
        Change::Fixed => "s-ok",
        _ => "s-unknown",
    };
    html! {
        <div class="compare-group" data-change={super::schema_word(&change)}>
            <h3 class={class}>{ format!("{} ({})", change.label(lang), entries.len()) }</h3>
            <table>
                <thead><tr>
                    <th scope="col">{ lang.pick("宛先", "Destination") }</th>
                    <th scope="col">{ lang.pick("確認", "Check") }</th>
                    <th scope="col">{ lang.pick("前", "Before") }</th>
                    <th scope="col">{ lang.pick("後", "After") }</th>
                </tr></thead>
                <tbody>
                    { for entries.iter().map(|e| html! {
                        <tr>
                            <td>{ format!("{} ({})", e.fqdn, explain::service_label(e.service, lang)) }</td>
                            <td>{ check(e, lang) }</td>
                            <td>{ side(e.before.as_ref(), lang) }</td>
                            <td>{ side(e.after.as_ref(), lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn check(e: &Entry, lang: Lang) -> String {
    match e.port {
        Some(p) if e.kind != crate::analyzer::CheckKind::Dns => format!("{} {p}", explain::kind_label(e.kind, lang)),
        _ => explain::kind_label(e.kind, lang).to_string(),
    }
}

fn side(s: Option<&diff::Side>, lang: Lang) -> String {
    match s {
        None => "—".to_string(),
        Some(s) => format!(
            "{} {} ({})",
            explain::status_mark(s.status),
            explain::status_label(s.status, lang),
            explain::reason_label(s.reason, lang)
        ),
    }
}
