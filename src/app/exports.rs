//! The exports of the report on screen: the summary copied as text or
//! Markdown, and the JSON download, masked when the switch is on. A large
//! report is masked and written a few checks per task ([`Steps`]), so the
//! page stays responsive while a report of tens of thousands of checks is
//! exported.

use super::browser;
use super::hand_off::Export;
use super::state::{Doc, HandOff};
use crate::explain::{summary, Lang, Style};
use crate::export::Steps;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// A task of an export runs for about this long (ms).
const STEP_MS: f64 = 12.0;

/// Exporting a report with more checks than this shows a "preparing"
/// status (and the buttons wait); a smaller one is done at once.
pub const IN_ONE_GO: usize = 2000;

/// Makes `what` of `doc`'s report, masked when `mask`, and copies or saves
/// it. `None` when the file could not be saved.
pub async fn export(doc: &Doc, what: Export, lang: Lang, mask: bool) -> Option<HandOff> {
    let report = &doc.report;
    match what {
        Export::Text | Export::Markdown => {
            let style = Style { markdown: what == Export::Markdown, color: false };
            let text = if mask {
                let mut steps = Steps::masked(report);
                run(&mut steps, |_| ()).await;
                summary(&steps.finish_masked(), lang, style)
            } else {
                summary(report, lang, style)
            };
            Some(if browser::copy_text(&text).await { HandOff::Copied } else { HandOff::CopyFailed(text.into()) })
        }
        Export::Json => {
            let mut steps = Steps::json(report, mask);
            // What each task makes goes into a `Blob` at once (the browser
            // keeps it; the file is then made of these without copying
            // them again), and its text is dropped here.
            let parts = js_sys::Array::new();
            run(&mut steps, |steps| {
                if let Ok(blob) = browser::blob(steps.take_json().iter().map(String::as_str)) {
                    parts.push(&blob);
                }
            })
            .await;
            let (before, after) = steps.finish_json();
            parts.unshift(&JsValue::from_str(&before));
            parts.push(&JsValue::from_str(&after));
            browser::download(&doc.name.json_file_name(mask), &parts, "application/json").then_some(HandOff::Downloaded)
        }
    }
}

/// Takes every check of `steps`, as many per task as take about
/// [`STEP_MS`], calling `each` after every task.
async fn run(steps: &mut Steps<'_>, mut each: impl FnMut(&mut Steps<'_>)) {
    let mut count = 200;
    loop {
        let start = browser::now();
        let done = steps.step(count);
        each(steps);
        if done {
            return;
        }
        let took = browser::now() - start;
        if took < STEP_MS / 2.0 {
            count = count.saturating_mul(2);
        } else if took > STEP_MS * 2.0 {
            count = (count / 2).max(1);
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
}
