//! What the log says about the machine: host, OS, addresses, DNS server
//! and proxy settings (passwords already masked by the analyzer).

use super::banner::show_in_log_button;
use super::state::{Evidence, SharedReport};
use super::text::{t, Key};
use crate::explain::{encoding_label, format_label, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MachineProps {
    pub lang: Lang,
    pub report: SharedReport,
    pub onshow: Callback<Evidence>,
}

#[component(MachineSummary)]
pub fn machine_summary(props: &MachineProps) -> Html {
    let lang = props.lang;
    let r = &props.report;
    let m = &r.machine;
    let addresses: Vec<String> = m
        .interfaces
        .iter()
        .filter(|i| !i.addresses.is_empty() && i.name != "lo")
        .map(|i| format!("{}: {}", i.name, i.addresses.join(", ")))
        .collect();
    let rows: Vec<(Key, Option<String>)> = vec![
        (Key::Host, r.host.clone()),
        (Key::RunAt, r.run_at.clone()),
        (Key::Os, m.os.clone()),
        (Key::Kernel, m.kernel.clone()),
        (Key::Virtualization, m.virtualization.clone()),
        (Key::Architecture, m.architecture.clone()),
        (Key::Addresses, (!addresses.is_empty()).then(|| addresses.join("\n"))),
        (Key::DnsServer, m.dns_server.clone()),
        (Key::Script, m.script.clone()),
    ];
    let none = t(lang, Key::ProxyNone);
    let proxy_value = |v: &Option<String>| v.clone().unwrap_or_else(|| none.to_string());
    let proxy_lines = r.proxy.lines.map(|lines| Evidence { lines, line: None });
    // Each fact in words, and as the report's JSON names it (`data-value`).
    let file_rows = [
        (Key::Encoding, encoding_label(r.encoding, lang).to_string(), super::schema_word(&r.encoding)),
        (Key::Format, format_label(r.format, lang).to_string(), super::schema_word(&r.format)),
        (Key::Lines, r.line_count.to_string(), r.line_count.to_string()),
    ];
    html! {
        <section class="machine" aria-labelledby="machine-title">
            <h2 id="machine-title">{ t(lang, Key::Machine) }</h2>
            <div class="machine-grid">
                <dl class="facts">
                    { for rows.into_iter().filter_map(|(key, value)| value.map(|v| html! {
                        <div class="fact">
                            <dt>{ t(lang, key) }</dt>
                            <dd class="pre">{ v }</dd>
                        </div>
                    })) }
                </dl>
                <div class="proxy" id="proxy">
                    <h3>{ t(lang, Key::Proxy) }</h3>
                    <dl class="facts">
                        <div class="fact"><dt>{ "http_proxy" }</dt><dd><code>{ proxy_value(&r.proxy.http_proxy) }</code></dd></div>
                        <div class="fact"><dt>{ "https_proxy" }</dt><dd><code>{ proxy_value(&r.proxy.https_proxy) }</code></dd></div>
                    </dl>
                    if r.proxy.credentials_in_url {
                        <p class="note">{ t(lang, Key::ProxyPasswordMasked) }</p>
                    }
                    if r.proxy.seen_in_curl {
                        <p class="note">{ t(lang, Key::ProxySeenInCurl) }</p>
                    }
                    if let Some(evidence) = proxy_lines {
                        { show_in_log_button(lang, evidence, &props.onshow, Key::ShowProxyLines) }
                    }
                </div>
                <dl class="facts file-facts">
                    { for file_rows.into_iter().map(|(key, words, value)| html! {
                        <div class="fact"><dt>{ t(lang, key) }</dt><dd data-value={value}>{ words }</dd></div>
                    }) }
                </dl>
            </div>
        </section>
    }
}
