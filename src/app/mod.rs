//! The web page (wasm32 only): gathers logs (drop, file picker, paste,
//! sample), runs [`crate::analyze`] once per input in the reducer
//! ([`state`]), and renders the report with the texts of [`crate::explain`].
//!
//! Files and pasted texts above [`state::WORKER_MIN_BYTES`] are read and
//! analyzed in a Web Worker instead ([`worker`]), with progress and a
//! cancel button, so the page's thread never waits for a large analysis.
//!
//! The page holds no analysis logic and sends nothing anywhere: logs are
//! read with the browser's `FileReader` or `Blob` reads, exported through
//! the clipboard or a `blob:` download, and only the language choice is
//! remembered.

mod banner;
pub mod browser;
mod compare;
mod exports;
mod findings;
mod followup;
mod hand_off;
mod input;
mod log_view;
mod machine;
mod masking;
mod root;
mod services;
pub mod state;
mod tabs;
pub mod text;
pub mod worker;

pub use root::{App, AppProps};

/// The proxy sample; the analysis worker also analyzes it once when it
/// starts, to have its code compiled.
pub(crate) const SAMPLE: &[u8] = include_bytes!("../../tests/data/proxy-auth-407.log");

/// A built-in sample log: its button's id and words, its file name, its bytes.
pub(crate) struct Sample {
    pub id: &'static str,
    pub label: text::Key,
    pub name: &'static str,
    pub bytes: &'static [u8],
}

/// The samples a first visit offers (real-tool logs of `tests/data/`).
pub(crate) const SAMPLES: [Sample; 5] = [
    Sample {
        id: "sample-all-ok",
        label: text::Key::SampleAllOk,
        name: "sample-all-reachable.log",
        bytes: include_bytes!("../../tests/data/all-ok-ncat-rhel88.log"),
    },
    Sample {
        id: "sample-firewall",
        label: text::Key::SampleFirewall,
        name: "sample-firewall-backup-443-timeout.log",
        bytes: include_bytes!("../../tests/data/backup-443-timeout.log"),
    },
    Sample { id: "sample", label: text::Key::SampleProxy, name: "sample-proxy-auth-407.log", bytes: SAMPLE },
    Sample {
        id: "sample-tls",
        label: text::Key::SampleTls,
        name: "sample-tls-inspection.log",
        bytes: include_bytes!("../../tests/data/tls-interception.log"),
    },
    Sample {
        id: "sample-private-endpoint",
        label: text::Key::SamplePrivateEndpoint,
        name: "sample-private-endpoint.log",
        bytes: include_bytes!("../../tests/data/private-endpoint.log"),
    },
];

use crate::analyzer::model::{Overall, ServiceStatus, Severity, Status};

/// The CSS class of a check's status (colour is never the only cue: an
/// icon and words are always shown too).
pub(crate) fn status_class(status: Status) -> &'static str {
    match status {
        Status::Ok => "s-ok",
        Status::Failed => "s-failed",
        Status::NotRun => "s-not-run",
        Status::Unknown => "s-unknown",
    }
}

/// Icon and CSS class of a service's state.
pub(crate) fn service_mark(status: ServiceStatus) -> (&'static str, &'static str) {
    match status {
        ServiceStatus::Ok => ("✔", "s-ok"),
        ServiceStatus::Problems => ("✘", "s-failed"),
        ServiceStatus::Inconclusive => ("?", "s-unknown"),
        ServiceStatus::NotChecked => ("–", "s-not-run"),
    }
}

/// Icon and CSS class of the whole log's verdict.
pub(crate) fn overall_mark(overall: Overall) -> (&'static str, &'static str) {
    match overall {
        Overall::Ok => ("✔", "s-ok"),
        Overall::Problems => ("✘", "s-failed"),
        Overall::Inconclusive => ("?", "s-unknown"),
        Overall::NotALog => ("!", "s-not-a-log"),
    }
}

/// Icon and CSS class of a finding's severity.
pub(crate) fn severity_mark(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Error => ("✘", "sev-error"),
        Severity::Warning => ("!", "sev-warning"),
        Severity::Info => ("i", "sev-info"),
    }
}

/// The JSON contract's word for an enum value (`utf-8`, `linux-backup`, `not-a-log`).
pub(crate) fn schema_word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
