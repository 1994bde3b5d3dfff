//! Paste-back: the output of the follow-up commands, analyzed as a typed
//! transcript, merged into the log's report as its follow-up checks.
//!
//! The merged analysis keeps every field of the log's report and adds the
//! transcript's checks after the log's own; its text is the log's text, a
//! separator line ([`SEPARATOR`]) and the transcript, so every check's
//! lines still point into the text. Findings, service states and the
//! verdict are worked out again from all the checks. The report's
//! `followup` part says where the follow-up starts and which findings it
//! settled: `region-specific-fqdn` once the follow-up checked a name of the
//! vault's region.

use crate::analyzer::findings;
use crate::analyzer::knowledge::Region;
use crate::analyzer::model::{FindingId, FollowUp, NotALogCause, Overall, Report, Status};
use crate::analyzer::Analysis;

use std::borrow::Cow;

/// The line put between the log and the follow-up transcript.
pub const SEPARATOR: &str = "#### nwcheck: follow-up checks ####";

/// Why a text could not be merged: the log or the paste is not a log (the
/// paste holds no command nwcheck reads, for instance).
fn not_a_log(report: &Report) -> Option<NotALogCause> {
    if report.overall != Overall::NotALog {
        return None;
    }
    Some(report.findings.iter().find_map(|f| f.cause).unwrap_or(NotALogCause::NoCommands))
}

/// Whether the follow-up checks reached a verdict on a name of the region.
pub fn covers(followup: &Report, region: &Region) -> bool {
    followup
        .checks
        .iter()
        .any(|c| c.region.as_deref() == Some(region.name) && matches!(c.status, Status::Ok | Status::Failed))
}

/// The log's analysis (its report and text) with the follow-up's checks
/// added (see the module's text). `region` is the vault's region the follow-up was written for;
/// without it, `region-specific-fqdn` stays. A second follow-up merged into
/// an already merged analysis is added after the first.
pub fn merge(
    original: &Report,
    log_text: &str,
    followup: &Analysis<'_>,
    source: Option<&str>,
    region: Option<&'static Region>,
) -> Result<Analysis<'static>, NotALogCause> {
    if let Some(cause) = not_a_log(original).or_else(|| not_a_log(&followup.report)) {
        return Err(cause);
    }
    let added = &followup.report;

    let mut text = String::with_capacity(log_text.len() + followup.text.len() + SEPARATOR.len() + 2);
    text.push_str(log_text);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(SEPARATOR);
    text.push('\n');
    text.push_str(&followup.text);
    // The follow-up's line k is the merged text's line `shift + k`.
    let shift = original.line_count + 1;

    let mut checks = original.checks.clone();
    let first_check = checks.len();
    checks.extend(added.checks.iter().map(|c| {
        let mut c = c.clone();
        c.lines = [c.lines[0] + shift, c.lines[1] + shift];
        c.evidence_line = c.evidence_line.map(|l| l + shift);
        c
    }));

    let mut proxy = original.proxy.clone();
    if !proxy.configured && added.proxy.configured {
        proxy.http_proxy.clone_from(&added.proxy.http_proxy);
        proxy.https_proxy.clone_from(&added.proxy.https_proxy);
        proxy.lines = added.proxy.lines.map(|[a, b]| [a + shift, b + shift]);
    }
    proxy.configured |= added.proxy.configured;
    proxy.seen_in_curl |= added.proxy.seen_in_curl;
    proxy.credentials_in_url |= added.proxy.credentials_in_url;

    let truncated = original.truncated || added.truncated;
    let mut followup_part = original.followup.clone().unwrap_or(FollowUp {
        first_check,
        first_line: shift + 1,
        source: source.map(str::to_string),
        region: region.map(|r| r.name.to_string()),
        resolved: Vec::new(),
    });
    let mut findings = findings::derive(&checks, &proxy, truncated);
    if region.is_some_and(|r| covers(added, r)) || followup_part.resolved.contains(&FindingId::RegionSpecificFqdn) {
        let before = findings.len();
        findings.retain(|f| f.id != FindingId::RegionSpecificFqdn);
        if findings.len() != before && !followup_part.resolved.contains(&FindingId::RegionSpecificFqdn) {
            followup_part.resolved.push(FindingId::RegionSpecificFqdn);
        }
    }
    let services = findings::services(&checks, &proxy);
    let overall = findings::overall(&services, &findings, truncated);
    let line_count = shift + followup.report.line_count;
    let report = Report {
        checks,
        proxy,
        truncated,
        findings,
        services,
        overall,
        line_count,
        followup: Some(followup_part),
        ..original.clone_without_checks()
    };
    Ok(Analysis { report, text: Cow::Owned(text) })
}

/// The checks of a report that came from its follow-up, with their indexes.
pub fn followup_checks(report: &Report) -> impl Iterator<Item = (usize, &crate::analyzer::Check)> {
    let first = report.followup.as_ref().map_or(usize::MAX, |f| f.first_check);
    report.checks.iter().enumerate().skip(first.min(report.checks.len()))
}
