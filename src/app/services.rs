//! One card per service: a table of its destinations with the DNS, TCP and
//! HTTPS checks of each. Every check is a button that opens the log at
//! its block and carries `data-*` attributes with its verdict. A card
//! shows its first destinations and a "show more" button for the rest.

use super::state::{Evidence, SharedReport};
use super::text::{check_button_label, show_more_rows, t, Key};
use super::{service_mark, status_class};
use crate::analyzer::model::{Check, CheckKind, Service, ServiceStatus, Status};
use crate::explain::{
    check_cell, destinations_of_all, finding, kind_label, region_label, service_label, service_status_label,
    status_label, status_mark, Destination, Lang,
};
use std::rc::Rc;
use yew::prelude::*;

/// More checks of one kind for one destination than this are summed up
/// as "N more" (a real log has one; a pasted log repeated many times has more).
const MAX_CHECKS_PER_CELL: usize = 4;

/// A card shows this many destinations at first, and this many more each
/// time "show more" is pressed, so a log with thousands of destinations
/// renders as fast as a short one.
pub const ROWS_STEP: usize = 50;

#[derive(Properties, PartialEq)]
pub struct ServiceCardsProps {
    pub lang: Lang,
    pub report: SharedReport,
    pub failures_only: bool,
    pub onfailures_only: Callback<bool>,
    pub onshow: Callback<Evidence>,
}

#[component(ServiceCards)]
pub fn service_cards(props: &ServiceCardsProps) -> Html {
    let lang = props.lang;
    // Every card's data in one pass over the checks and one over the findings.
    let cards = use_memo(props.report.clone(), |report| card_data(report));
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
                { for props.report.services.iter().map(|s| html! {
                    <ServiceCard
                        key={s.service.id()}
                        {lang}
                        report={props.report.clone()}
                        data={cards.get(s.service.index()).cloned().unwrap_or_default()}
                        service={s.service}
                        status={s.status}
                        failures_only={props.failures_only}
                        onshow={props.onshow.clone()}
                    />
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ServiceCardProps {
    pub lang: Lang,
    pub report: SharedReport,
    /// The card's destinations and findings, worked out from `report`.
    data: Card,
    pub service: Service,
    pub status: ServiceStatus,
    pub failures_only: bool,
    pub onshow: Callback<Evidence>,
}

/// The destinations of one service and the findings about it, worked out
/// once per report.
#[derive(Default)]
struct CardData {
    destinations: Vec<Destination>,
    /// Index and id of every finding that concerns one of the service's checks.
    related: Vec<(usize, crate::analyzer::model::FindingId)>,
}

/// A card's data, compared by pointer (it is made once per report).
type Card = super::state::ByPtr<CardData>;

/// The data of every service's card (by [`Service::index`]).
fn card_data(report: &crate::analyzer::model::Report) -> Vec<Card> {
    let mut cards: Vec<CardData> = destinations_of_all(report)
        .into_iter()
        .map(|destinations| CardData { destinations, related: Vec::new() })
        .collect();
    for (i, f) in report.findings.iter().enumerate() {
        // The services of the finding's checks, each once.
        let mut seen = [false; Service::ALL.len()];
        for c in f.checks.iter().filter_map(|&k| report.checks.get(k)) {
            seen[c.service.index()] = true;
        }
        for (at, _) in seen.iter().enumerate().filter(|(_, &s)| s) {
            if let Some(card) = cards.get_mut(at) {
                card.related.push((i, f.id));
            }
        }
    }
    cards.into_iter().map(|c| super::state::ByPtr(Rc::new(c))).collect()
}

#[component(ServiceCard)]
pub fn service_card(props: &ServiceCardProps) -> Html {
    let lang = props.lang;
    let service = props.service;
    let status = props.status;
    let data = &props.data.0;
    let limit = use_state_eq(|| ROWS_STEP);
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
    let shown: Vec<&Destination> = data
        .destinations
        .iter()
        .filter(|d| !props.failures_only || kinds(d).any(|i| report.checks[i].status != Status::Ok))
        .collect();
    let hidden = shown.len().saturating_sub(*limit);
    let onmore = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + ROWS_STEP))
    };
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
                            { for shown.iter().take(*limit).map(|d| destination_row(props, d)) }
                        </tbody>
                    </table>
                </div>
                if hidden > 0 {
                    <p class="more-rows">
                        <button type="button" class="link-button show-more" onclick={onmore}>
                            { show_more_rows(lang, hidden.min(ROWS_STEP), hidden) }
                        </button>
                    </p>
                }
            }
            if !data.related.is_empty() {
                <div class="related">
                    <span class="label">{ t(lang, Key::SeeFinding) }{ ": " }</span>
                    <ul>
                        { for data.related.iter().map(|(i, id)| html! {
                            <li><a href={format!("#finding-{i}")}>{ finding(*id, lang).title }</a></li>
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

fn destination_row(props: &ServiceCardProps, d: &Destination) -> Html {
    let lang = props.lang;
    let region = d.region.as_deref().map(|r| region_label(r, lang)).unwrap_or_else(|| "–".to_string());
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
        <tr data-destination={d.fqdn.to_string()}>
            <th scope="row" class="fqdn" data-label={t(lang, Key::Fqdn)}><span class="fqdn-text">{ d.fqdn.clone() }</span></th>
            <td class="region" data-label={t(lang, Key::Region)}>{ region }</td>
            <td data-label={kind_label(CheckKind::Dns, lang)}>{ checks_cell(props, &d.dns) }</td>
            <td data-label={t(lang, Key::TcpPort)}>{ checks_cell(props, &d.tcp) }</td>
            <td data-label={kind_label(CheckKind::Https, lang)}>{ https_and_other }</td>
        </tr>
    }
}

fn checks_cell(props: &ServiceCardProps, idx: &[usize]) -> Html {
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

fn check_button(props: &ServiceCardProps, index: usize, check: &Check) -> Html {
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
            data-fqdn={check.fqdn.to_string()}
            data-kind={check.kind.id()}
            data-port={check.port.map(|p| p.to_string()).unwrap_or_default()}
            data-status={check.status.id()}
            data-reason={check.reason.id()}
            aria-label={label}
            title={check.evidence.as_deref().map(str::to_string)}
            {onclick}
        >
            <span class="mark" aria-hidden="true">{ status_mark(check.status) }</span>
            <span class="words">{ words }</span>
        </button>
    }
}
