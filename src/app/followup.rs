//! The follow-up panel: choose the vault's region, the machine's OS, the
//! scenario, the proxy and the private endpoints; copy the commands that
//! [`crate::followup`] writes; paste their output back, which the reducer
//! merges into the report as its follow-up checks.

use super::state::{Action, SharedReport};
use crate::analyzer::knowledge::{self, Region};
use crate::analyzer::model::{Format, Report, Status};
use crate::explain::{self, Lang};
use crate::followup::{self, Os, Plan, Scenario};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FollowUpProps {
    pub lang: Lang,
    /// The doc the follow-up is for.
    pub doc: u32,
    pub report: SharedReport,
    /// Receives [`Action::FollowUp`] with the pasted output.
    pub onpaste: Callback<Action>,
}

/// The notice for a paste with no command nwcheck reads.
pub fn not_read(lang: Lang) -> &'static str {
    lang.pick(
        "追加確認の出力にコマンド (nslookup、nc、curl など) が見つかりませんでした。プロンプトの行ごと貼り付けてください。",
        "The follow-up output holds no command nwcheck reads (nslookup, nc, curl, ...): paste it with its prompt lines.",
    )
}

/// The region to start with: the follow-up's, else the one the log's
/// checks name most (the first of equals), else Japan East.
fn preset_region(report: &Report) -> &'static Region {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for name in report.checks.iter().filter_map(|c| c.region.as_deref()) {
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => counts.push((name, 1)),
        }
    }
    let most = counts.iter().rev().max_by_key(|(_, k)| *k).map(|(n, _)| *n);
    let named = report.followup.as_ref().and_then(|f| f.region.as_deref()).or(most);
    named
        .and_then(|n| knowledge::public_regions().iter().find(|r| r.name == n))
        .or_else(|| knowledge::region_by_name("japaneast"))
        .unwrap_or(&knowledge::public_regions()[0])
}

fn preset_os(report: &Report) -> Os {
    let windows = matches!(report.format, Format::WindowsBackup | Format::WindowsAsr)
        || report.machine.os.as_deref().is_some_and(|os| os.contains("Windows"));
    if windows {
        Os::Windows
    } else {
        Os::Linux
    }
}

fn preset_scenario(report: &Report) -> Scenario {
    if matches!(report.format, Format::LinuxAsr | Format::WindowsAsr) {
        Scenario::SiteRecovery
    } else {
        Scenario::VmBackup
    }
}

/// The log's proxy, without any user information (the log's password is
/// masked, so it could not be used anyway).
fn preset_proxy(report: &Report) -> String {
    let p = &report.proxy;
    let Some(url) = p.https_proxy.as_deref().or(p.http_proxy.as_deref()).filter(|_| p.configured) else {
        return String::new();
    };
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    followup::proxy_url(&format!("{scheme}://{host}")).unwrap_or_default()
}

fn value_of(e: &Event) -> String {
    if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

fn input_value(e: &InputEvent) -> String {
    if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

#[component(FollowUpPanel)]
pub fn follow_up_panel(props: &FollowUpProps) -> Html {
    let lang = props.lang;
    let report = &props.report;
    let region = use_state(|| preset_region(report).code);
    let os = use_state(|| preset_os(report));
    let scenario = use_state(|| preset_scenario(report));
    let proxy = use_state(|| preset_proxy(report));
    let endpoints = use_state(String::new);
    let paste = use_state(String::new);
    let copied = use_state(|| None::<bool>);

    let chosen = knowledge::region_by_code(&region).unwrap_or(&knowledge::public_regions()[0]);
    let proxy_url = (!proxy.trim().is_empty()).then(|| followup::proxy_url(&proxy));
    let private_endpoints = followup::parse_private_endpoints(&endpoints);
    let script = match &proxy_url {
        Some(Err(_)) => None,
        _ => Some(followup::script(
            &Plan {
                region: chosen,
                os: *os,
                scenario: *scenario,
                proxy: proxy_url.clone().and_then(Result::ok),
                private_endpoints: private_endpoints.clone(),
            },
            lang,
        )),
    };

    let onregion = {
        let region = region.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            if let Some(r) = knowledge::region_by_code(&v) {
                region.set(r.code);
                copied.set(None);
            }
        })
    };
    let onos = {
        let os = os.clone();
        Callback::from(move |e: Event| {
            if let Some(o) = Os::from_id(&value_of(&e)) {
                os.set(o);
            }
        })
    };
    let onscenario = {
        let scenario = scenario.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = Scenario::from_id(&value_of(&e)) {
                scenario.set(s);
            }
        })
    };
    let onproxy = {
        let proxy = proxy.clone();
        Callback::from(move |e: InputEvent| proxy.set(input_value(&e)))
    };
    let onendpoints = {
        let endpoints = endpoints.clone();
        Callback::from(move |e: InputEvent| endpoints.set(input_value(&e)))
    };
    let onpaste_input = {
        let paste = paste.clone();
        Callback::from(move |e: InputEvent| paste.set(input_value(&e)))
    };
    let oncopy = {
        let copied = copied.clone();
        let script = script.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = script.clone() else { return };
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(super::browser::copy_text(&text).await));
            });
        })
    };
    let onread = {
        let paste = paste.clone();
        let onpaste = props.onpaste.clone();
        let doc = props.doc;
        Callback::from(move |_: MouseEvent| {
            if paste.trim().is_empty() {
                return;
            }
            onpaste.emit(Action::FollowUp { doc, text: (*paste).clone(), region: Some(chosen) });
            paste.set(String::new());
        })
    };

    let region_label = |r: &Region| format!("{} ({})", lang.pick(r.display_ja, r.display), r.name);
    let copy_status = match *copied {
        Some(true) => lang.pick("コピーしました。", "Copied."),
        Some(false) => lang.pick(
            "コピーできませんでした。上の欄から選択してコピーしてください。",
            "Could not copy: select the commands above and copy them.",
        ),
        None => "",
    };

    html! {
        <section class="followup" id="followup" aria-labelledby="followup-title">
            <h2 id="followup-title">{ lang.pick("コンテナーのリージョンの宛先を確認する", "Check your vault's own destinations") }</h2>
            <p class="muted small">{ lang.pick(
                "スクリプトは例の宛先 (東日本・西日本) を確認します。コンテナーのリージョンとマシンに合わせたコマンドを実行し、その出力を下に貼り付けると、このレポートに「追加確認」として加わります。",
                "The script checks example destinations (Japan East and West). Run the commands written for your vault's region and machine, then paste their output below: it joins this report as follow-up checks.",
            ) }</p>
            <div class="followup-form">
                <label for="followup-region">{ lang.pick("コンテナーのリージョン", "Vault region") }</label>
                <select id="followup-region" onchange={onregion}>
                    { for knowledge::public_regions().iter().map(|r| html! {
                        <option value={r.code} selected={r.code == *region}>{ region_label(r) }</option>
                    }) }
                </select>
                <label for="followup-os">{ "OS" }</label>
                <select id="followup-os" onchange={onos}>
                    { for Os::ALL.iter().map(|o| html! { <option value={o.id()} selected={*o == *os}>{ o.label() }</option> }) }
                </select>
                <label for="followup-scenario">{ lang.pick("シナリオ", "Scenario") }</label>
                <select id="followup-scenario" onchange={onscenario}>
                    { for Scenario::ALL.iter().map(|s| html! { <option value={s.id()} selected={*s == *scenario}>{ s.label(lang) }</option> }) }
                </select>
                <label for="followup-proxy">{ lang.pick("プロキシ (使う場合)", "Proxy (if used)") }</label>
                <input id="followup-proxy" type="text" inputmode="url" spellcheck="false" placeholder="http://10.0.0.10:8080" value={(*proxy).clone()} oninput={onproxy} />
            </div>
            if let Some(Err(_)) = &proxy_url {
                <p class="s-failed small" role="alert">{ lang.pick(
                    "このプロキシの値は使えません (空白、引用符、シェルが解釈する文字を含むか、ホストがありません)。",
                    "This proxy value cannot be used (it holds a space, a quote or a character a shell acts on, or names no host).",
                ) }</p>
            }
            <label for="followup-pe">{ lang.pick(
                "プライベート エンドポイント (任意): PrivateIP.ps1 の出力、またはポータルの DNS 構成の一覧を貼り付け",
                "Private endpoint (optional): paste PrivateIP.ps1's output or the portal's DNS configuration list",
            ) }</label>
            <textarea id="followup-pe" rows="3" spellcheck="false" value={(*endpoints).clone()} oninput={onendpoints} />
            if !endpoints.trim().is_empty() {
                <p class="muted small" id="followup-pe-count">{ match lang {
                    Lang::Ja => format!("{} 件のレコードを読み取りました。", private_endpoints.len()),
                    Lang::En => format!("{} records read.", private_endpoints.len()),
                } }</p>
            }
            if let Some(script) = &script {
                <pre class="followup-commands" id="followup-commands" tabindex="0">{ script.clone() }</pre>
                <div class="toolbar buttons">
                    <button type="button" id="followup-copy" onclick={oncopy}>{ lang.pick("コマンドをコピー", "Copy the commands") }</button>
                    <span role="status" class="small" id="followup-copy-status">{ copy_status }</span>
                </div>
            }
            <label for="followup-paste">{ lang.pick("コマンドの出力 (プロンプトの行ごと) を貼り付け", "Paste the commands' output (with the prompt lines)") }</label>
            <textarea id="followup-paste" rows="6" spellcheck="false" value={(*paste).clone()} oninput={onpaste_input} />
            <div class="toolbar buttons">
                <button type="button" id="followup-read" onclick={onread}>{ lang.pick("追加確認として読み込む", "Add as follow-up checks") }</button>
            </div>
            { followup_summary(report, lang) }
        </section>
    }
}

/// The follow-up checks already in the report, one line each.
fn followup_summary(report: &Report, lang: Lang) -> Html {
    let Some(f) = &report.followup else { return html! {} };
    let resolved = !f.resolved.is_empty();
    html! {
        <div class="followup-result" id="followup-result">
            <h3>{ lang.pick("追加確認", "Follow-up checks") }</h3>
            if resolved {
                <p class="small" id="followup-resolved">{ lang.pick(
                    "コンテナーのリージョンの宛先を確認したため、「リージョンによって宛先が異なる」注意は解消しました。",
                    "The vault region's destinations were checked, so the note that names depend on the region is settled.",
                ) }</p>
            }
            <ul id="followup-checks">
                { for crate::followup::merge::followup_checks(report).map(|(i, c)| {
                    let status = explain::status_label(c.status, lang);
                    let port = c.port.map(|p| format!(" {p}")).unwrap_or_default();
                    html! {
                        <li data-check={i.to_string()} data-status={super::schema_word(&c.status)} class={super::status_class(c.status)}>
                            <span aria-hidden="true">{ explain::status_mark(c.status) }{ " " }</span>
                            { format!("{} {}{port}: {status} ({})", explain::kind_label(c.kind, lang), c.fqdn, explain::reason_label(c.reason, lang)) }
                        </li>
                    }
                }) }
            </ul>
            <p class="small muted">{ match lang {
                Lang::Ja => format!("失敗 {} 件。上のサービスごとの表と検出事項にも含まれています。", failed(report)),
                Lang::En => format!("{} failed. They are part of the service cards and findings above too.", failed(report)),
            } }</p>
        </div>
    }
}

fn failed(report: &Report) -> usize {
    crate::followup::merge::followup_checks(report).filter(|(_, c)| c.status == Status::Failed).count()
}
