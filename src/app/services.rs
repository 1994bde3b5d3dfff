//! One card per service: a table of its destinations with the DNS, TCP and
//! HTTPS checks of each. Every check is a button that opens the log at
//! its block and carries `data-*` attributes with its verdict.

use super::state::Evidence;
use super::text::{check_button_label, t, Key};
use super::{service_mark, status_class};
use crate::analyzer::model::{Check, CheckKind, Report, ServiceStatus, Status};
use crate::explain::{
    check_cell, destinations, finding, kind_label, region_label, service_label, service_status_label, status_label,
    status_mark, Destination, Lang,
};
use std::rc::Rc;
use yew::prelude::*;

/// More checks of one kind for one destination than this are summed up
/// as "N more" (a real log has one; a pasted log repeated many times has more).
const MAX_CHECKS_PER_CELL: usize = 4;

#[derive(Properties, PartialEq)]
pub struct ServiceCardsProps {
    pub lang: Lang,
    pub report: Rc<Report>,
    pub failures_only: bool,
    pub onfailures_only: Callback<bool>,
    pub onshow: Callback<Evidence>,
}

#[component(ServiceCards)]
pub fn service_cards(props: &ServiceCardsProps) -> Html {
    let lang = props.lang;
    let onfailures = props
        .onfailures_only
        .reform(|e: Event| e.target_dyn_into::<web_sys::HtmlInputElement>().map(|i| i.checked()).unwrap_or(false));
    html! {
        <section class="glance" aria-labelledby="glance-title">
            <div class="glance-head">
                <h2 id="glance-title">{ t(lang, Key::AtAGlance) }</h2>
                <label class="switch">
                    <input type="checkbox" id="failures-only" checked={props.failures_only} onchange={onfailures} />
                    <span>{ t(lang, Key::FailuresOnly) }</span>
                </label>
            </div>
            <div class="cards">
                { for props.report.services.iter().map(|s| service_card(props, s.service, s.status)) }
            </div>
        </section>
    }
}

fn service_card(props: &ServiceCardsProps, service: crate::analyzer::model::Service, status: ServiceStatus) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let (mark, class) = service_mark(status);
    let title_id = format!("service-{}", service.id());
    let header = html! {
        <h3 id={title_id.clone()}>
            <span class="service-name">{ service_label(service, lang) }</span>
            <span class={classes!("service-status", class)}>
                <span class="mark" aria-hidden="true">{ mark }</span>
                { service_status_label(status, lang) }
            </span>
        </h3>
    };
    if status == ServiceStatus::NotChecked {
        return html! {
            <article class="card not-checked" data-service={service.id()} data-service-status="not-checked" aria-labelledby={title_id}>
                { header }
                <p class="muted">{ t(lang, Key::NotChecked) }</p>
            </article>
        };
    }
    let all = destinations(report, service);
    let shown: Vec<&Destination> = all
        .iter()
        .filter(|d| !props.failures_only || kinds(d).any(|i| report.checks[i].status != Status::Ok))
        .collect();
    let related: Vec<(usize, &crate::analyzer::model::Finding)> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.checks.iter().any(|&i| report.checks.get(i).is_some_and(|c| c.service == service)))
        .collect();
    html! {
        <article class={classes!("card", class)} data-service={service.id()} data-service-status={super::schema_word(&status)} aria-labelledby={title_id.clone()}>
            { header }
            if shown.is_empty() {
                <p class="muted">{ t(lang, Key::AllOkHidden) }</p>
            } else {
                <div class="table-wrap">
                    <table aria-labelledby={title_id}>
                        <thead>
                            <tr>
                                <th scope="col">{ t(lang, Key::Fqdn) }</th>
                                <th scope="col">{ t(lang, Key::Region) }</th>
                                <th scope="col">{ kind_label(CheckKind::Dns, lang) }</th>
                                <th scope="col">{ t(lang, Key::TcpPort) }</th>
                                <th scope="col">{ kind_label(CheckKind::Https, lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for shown.iter().map(|d| destination_row(props, d)) }
                        </tbody>
                    </table>
                </div>
            }
            if !related.is_empty() {
                <div class="related">
                    <span class="label">{ t(lang, Key::SeeFinding) }{ ": " }</span>
                    <ul>
                        { for related.iter().map(|(i, f)| html! {
                            <li><a href={format!("#finding-{i}")}>{ finding(f.id, lang).title }</a></li>
                        }) }
                    </ul>
                </div>
            }
        </article>
    }
}

/// Every check index of a destination.
fn kinds(d: &Destination) -> impl Iterator<Item = usize> + '_ {
    d.dns.iter().chain(&d.tcp).chain(&d.https).chain(&d.other).copied()
}

fn destination_row(props: &ServiceCardsProps, d: &Destination) -> Html {
    let lang = props.lang;
    let region = d.region.as_deref().map(region_label).unwrap_or_else(|| "–".to_string());
    let https_and_other = html! {
        <>
            { checks_cell(props, &d.https) }
            if !d.other.is_empty() {
                <span class="other-label">{ kind_label(CheckKind::Other, lang) }{ ": " }</span>
                { checks_cell(props, &d.other) }
            }
        </>
    };
    html! {
        <tr data-destination={d.fqdn.clone()}>
            <th scope="row" class="fqdn" data-label={t(lang, Key::Fqdn)}><span class="fqdn-text">{ d.fqdn.clone() }</span></th>
            <td class="region" data-label={t(lang, Key::Region)}>{ region }</td>
            <td data-label={kind_label(CheckKind::Dns, lang)}>{ checks_cell(props, &d.dns) }</td>
            <td data-label={t(lang, Key::TcpPort)}>{ checks_cell(props, &d.tcp) }</td>
            <td data-label={kind_label(CheckKind::Https, lang)}>{ https_and_other }</td>
        </tr>
    }
}

fn checks_cell(props: &ServiceCardsProps, idx: &[usize]) -> Html {
    if idx.is_empty() {
        return html! {
            <span class="none"><span aria-hidden="true">{ "–" }</span><span class="visually-hidden">{ props.lang.pick("なし", "none") }</span></span>
        };
    }
    let more = idx.len().saturating_sub(MAX_CHECKS_PER_CELL);
    html! {
        <div class="checks">
            { for idx.iter().take(MAX_CHECKS_PER_CELL).map(|&i| check_button(props, i, &props.report.checks[i])) }
            if more > 0 {
                <span class="more">{ format!("+{more} {}", t(props.lang, Key::MoreChecks)) }</span>
            }
        </div>
    }
}

fn check_button(props: &ServiceCardsProps, index: usize, check: &Check) -> Html {
    let lang = props.lang;
    let cell = check_cell(check, lang);
    // check_cell starts with the status icon; the icon is drawn separately.
    let words = cell.strip_prefix(status_mark(check.status)).unwrap_or(&cell).trim_start().to_string();
    let label = check_button_label(
        lang,
        kind_label(check.kind, lang),
        &check.fqdn,
        &words,
        status_label(check.status, lang),
        check.lines,
    );
    let evidence = Evidence { lines: check.lines, line: check.evidence_line };
    let onclick = props.onshow.reform(move |_: MouseEvent| evidence);
    html! {
        <button
            type="button"
            class={classes!("check", status_class(check.status))}
            data-check={index.to_string()}
            data-fqdn={check.fqdn.clone()}
            data-kind={check.kind.id()}
            data-port={check.port.map(|p| p.to_string()).unwrap_or_default()}
            data-status={check.status.id()}
            data-reason={check.reason.id()}
            aria-label={label}
            title={check.evidence.clone()}
            {onclick}
        >
            <span class="mark" aria-hidden="true">{ status_mark(check.status) }</span>
            <span class="words">{ words }</span>
        </button>
    }
}
