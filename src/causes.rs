//! The root causes of a report, ranked by what they block: a cause that
//! keeps backup itself (Azure Backup, Azure Storage, Microsoft Entra ID)
//! from working comes before one that blocks file recovery only, and among
//! equals the one that blocks more services and more destinations comes
//! first. Each cause carries counts that mean something ("12 of 12 names
//! do not resolve") and the words to explain it are in
//! [`crate::explain_causes`].
//!
//! Also here: the checks the log's own rules make not conclusive (a failed
//! `nc` behind a proxy: nc does not use the proxy, curl decides), which
//! are counted apart from the failures.
//!
//! Pure: a function of the [`Report`] alone.

use crate::analyzer::fasthash::FastSet;
use crate::analyzer::findings::proxy_in_use;
use crate::analyzer::model::{CheckKind, Finding, FindingId, Reason, Report, Service, Severity, Status};
use std::collections::HashSet;

/// Distinct destination names, counted cheaply: the analyzer shares one
/// string per command, so a name met again under the same pointer is a
/// repeat without hashing its text.
#[derive(Default)]
struct Names<'r> {
    at: FastSet<*const u8>,
    names: FastSet<&'r str>,
}

impl<'r> Names<'r> {
    fn insert(&mut self, name: &'r str) {
        if self.at.insert(name.as_ptr()) {
            self.names.insert(name);
        }
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// One root cause: a finding of the report with what it blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootCause {
    /// The finding it stands for.
    pub finding: FindingId,
    /// Where that finding is in `report.findings`.
    pub index: usize,
    pub severity: Severity,
    /// The services whose checks this cause made fail, in [`Service::ALL`] order.
    pub services: Vec<Service>,
    /// Distinct destinations whose checks this cause made fail.
    pub failed: usize,
    /// Distinct destinations that were tested the same way (the "of" in
    /// "3 of 12"); 0 when a count would not mean anything.
    pub tested: usize,
    /// The reason most of its failed checks have (the first met on a tie).
    pub reason: Option<Reason>,
    /// The TCP port its failed TCP checks tested, when they all tested one.
    pub port: Option<u16>,
    /// The kinds of its failed checks (by `kind_index`).
    kinds: [bool; 4],
}

impl RootCause {
    /// Whether it keeps backup itself from working (not only file
    /// recovery, Site Recovery or other destinations).
    pub fn blocks_backup(&self) -> bool {
        self.services.iter().any(|s| is_core(*s))
    }
}

/// The services a backup cannot do without.
fn is_core(service: Service) -> bool {
    matches!(service, Service::Backup | Service::Storage | Service::EntraId)
}

/// The checks of a report, counted for the banner: failures that count,
/// and those the log's own rules make not conclusive, apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub total: usize,
    pub ok: usize,
    /// Failed checks that count as failures.
    pub failed: usize,
    /// Failed checks that prove nothing by the log's own rules.
    pub not_conclusive: usize,
    pub not_run: usize,
    pub unknown: usize,
}

/// Whether check `index` failed but proves nothing: a TCP check (nc), not
/// to port 3260, that failed while a proxy carries the HTTPS traffic. nc
/// does not use the proxy, so only curl tells whether the path is open.
pub fn not_conclusive(report: &Report, index: usize) -> bool {
    let Some(c) = report.checks.get(index) else {
        return false;
    };
    c.kind == CheckKind::Tcp
        && c.status == Status::Failed
        && c.port != Some(3260)
        && c.reason != Reason::Unresolved
        && proxy_in_use(&report.proxy)
}

/// Every check of the report counted once.
pub fn tally(report: &Report) -> Tally {
    let mut t = Tally { total: report.checks.len(), ..Tally::default() };
    let proxied = proxy_in_use(&report.proxy);
    for (i, c) in report.checks.iter().enumerate() {
        match c.status {
            Status::Ok => t.ok += 1,
            Status::Failed if proxied && not_conclusive(report, i) => t.not_conclusive += 1,
            Status::Failed => t.failed += 1,
            Status::NotRun => t.not_run += 1,
            Status::Unknown => t.unknown += 1,
        }
    }
    t
}

/// The findings that are causes: every error, and the warnings that say
/// part of the log could not be judged (a missing tool, a cut run, output
/// not understood, a password in the log). Notes and the warning about nc
/// behind a proxy (which the counts show as "not conclusive") are not.
fn is_cause(f: &Finding) -> bool {
    match f.severity {
        Severity::Error => true,
        Severity::Warning => f.id != FindingId::ProxyNcInconclusive,
        Severity::Info => false,
    }
}

/// The root causes of `report`, most important first.
pub fn root_causes(report: &Report) -> Vec<RootCause> {
    let mut causes: Vec<RootCause> =
        report.findings.iter().enumerate().filter(|(_, f)| is_cause(f)).map(|(i, f)| cause_of(report, i, f)).collect();
    count_tested(report, &mut causes);
    causes.sort_by_key(|c| {
        let core = c.services.iter().filter(|s| is_core(**s)).count();
        (
            c.severity,
            !c.blocks_backup(),
            std::cmp::Reverse(core),
            std::cmp::Reverse(c.services.len()),
            std::cmp::Reverse(c.failed),
            c.index,
        )
    });
    causes
}

/// The indexes of `report.findings` in the order the page lists them: the
/// root causes as ranked, then every other finding in the report's order.
pub fn finding_order(report: &Report) -> Vec<usize> {
    let mut order: Vec<usize> = root_causes(report).iter().map(|c| c.index).collect();
    let ranked: HashSet<usize> = order.iter().copied().collect();
    order.extend((0..report.findings.len()).filter(|i| !ranked.contains(i)));
    order
}

fn cause_of(report: &Report, index: usize, f: &Finding) -> RootCause {
    let failed_checks: Vec<usize> = f
        .checks
        .iter()
        .copied()
        .filter(|&i| report.checks.get(i).is_some_and(|c| c.status == Status::Failed))
        .collect();
    let mut services = [false; Service::ALL.len()];
    let mut failed_names = Names::default();
    let mut kinds = [false; 4];
    let mut reasons: Vec<(Reason, usize)> = Vec::new();
    let mut ports: HashSet<u16> = HashSet::new();
    let dns_ran = failed_checks.iter().any(|&i| report.checks[i].kind == CheckKind::Dns);
    for &i in &failed_checks {
        let c = &report.checks[i];
        services[c.service.index()] = true;
        failed_names.insert(&c.fqdn);
        kinds[kind_index(c.kind)] = true;
        // A DNS failure is told by nslookup's reason when nslookup ran.
        if f.id == FindingId::DnsFailure && c.kind != CheckKind::Dns && dns_ran {
            continue;
        }
        match reasons.iter_mut().find(|(r, _)| *r == c.reason) {
            Some((_, n)) => *n += 1,
            None => reasons.push((c.reason, 1)),
        }
        if c.kind == CheckKind::Tcp {
            if let Some(p) = c.port {
                ports.insert(p);
            }
        }
    }
    let tcp_ports = ports.len();
    let port = if tcp_ports == 1 { ports.into_iter().next() } else { None };
    // The reason most failed checks have; the first met wins a tie.
    let mut reason: Option<(Reason, usize)> = None;
    for &(r, n) in &reasons {
        if reason.is_none_or(|(_, best)| n > best) {
            reason = Some((r, n));
        }
    }
    RootCause {
        finding: f.id,
        index,
        severity: f.severity,
        services: Service::ALL.iter().copied().filter(|s| services[s.index()]).collect(),
        failed: failed_names.len(),
        // Counted for every cause in one pass over the checks (count_tested).
        tested: 0,
        kinds,
        reason: reason.map(|(r, _)| r),
        port,
    }
}

fn kind_index(kind: CheckKind) -> usize {
    match kind {
        CheckKind::Dns => 0,
        CheckKind::Tcp => 1,
        CheckKind::Https => 2,
        CheckKind::Other => 3,
    }
}

/// How many distinct destinations were tested the way each cause's failed
/// checks were: the same service for a service's finding, TCP to the same
/// port for a blocked port, the same kinds of check otherwise. One pass
/// over the checks for all causes.
fn count_tested(report: &Report, causes: &mut [RootCause]) {
    let scopes: Vec<Option<Scope>> = causes.iter().map(|c| (c.failed > 0).then(|| Scope::of(c))).collect();
    let mut names: Vec<Names> = causes.iter().map(|_| Names::default()).collect();
    for c in &report.checks {
        for (scope, seen) in scopes.iter().zip(names.iter_mut()) {
            if scope.as_ref().is_some_and(|s| s.holds(c)) {
                seen.insert(&c.fqdn);
            }
        }
    }
    for (cause, seen) in causes.iter_mut().zip(names) {
        cause.tested = seen.len().max(cause.failed);
    }
}

/// Which checks count as tested like a cause's failed ones.
enum Scope {
    Service(Service),
    Port(Option<u16>),
    Kinds([bool; 4]),
}

impl Scope {
    fn of(cause: &RootCause) -> Scope {
        match cause.finding {
            FindingId::BackupUnreachable => Scope::Service(Service::Backup),
            FindingId::StorageUnreachable => Scope::Service(Service::Storage),
            FindingId::EntraIdUnreachable => Scope::Service(Service::EntraId),
            FindingId::SiteRecoveryUnreachable => Scope::Service(Service::SiteRecovery),
            FindingId::FileRecoveryDownloadBlocked => Scope::Service(Service::FileRecovery),
            FindingId::OtherUnreachable => Scope::Service(Service::Other),
            FindingId::FileRecoveryPortBlocked => Scope::Port(cause.port),
            _ => Scope::Kinds(cause.kinds),
        }
    }

    fn holds(&self, c: &crate::analyzer::model::Check) -> bool {
        match self {
            Scope::Service(s) => c.service == *s && !(c.kind == CheckKind::Tcp && c.port == Some(3260)),
            Scope::Port(port) => c.kind == CheckKind::Tcp && c.port == *port,
            Scope::Kinds(kinds) => kinds[kind_index(c.kind)],
        }
    }
}

/// The proxy's address as `host:port` (from `https_proxy`, else
/// `http_proxy`), without scheme, user or path.
pub fn proxy_address(report: &Report) -> Option<String> {
    let value = report.proxy.https_proxy.as_deref().or(report.proxy.http_proxy.as_deref())?;
    let rest = value.split_once("://").map_or(value, |(_, r)| r);
    let authority = rest.split('/').next()?;
    let authority = authority.rsplit('@').next()?.trim();
    (!authority.is_empty()).then(|| authority.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn report(name: &str) -> Report {
        let bytes = std::fs::read(format!("tests/data/{name}.log")).expect("sample");
        analyze(&bytes, Some(name)).report
    }

    fn ids(causes: &[RootCause]) -> Vec<&'static str> {
        causes.iter().map(|c| c.finding.id()).collect()
    }

    #[test]
    fn proxy_407_comes_before_the_file_recovery_port() {
        let r = report("proxy-auth-407");
        let causes = root_causes(&r);
        assert_eq!(ids(&causes), ["proxy-auth-required", "file-recovery-port-blocked"]);
        let first = &causes[0];
        assert!(first.blocks_backup());
        assert!(first.services.contains(&Service::Backup));
        assert!(first.services.contains(&Service::Storage));
        assert!(first.services.contains(&Service::EntraId));
        assert_eq!(first.reason, Some(Reason::ProxyAuthRequired));
        assert_eq!(first.failed, first.tested, "every HTTPS destination got the 407");
        let second = &causes[1];
        assert_eq!(second.services, [Service::FileRecovery]);
        assert_eq!(second.port, Some(3260));
        assert_eq!(proxy_address(&r).as_deref(), Some("proxy.contoso.local:8080"));
        // The findings list follows the same order, then the rest.
        let order = finding_order(&r);
        assert_eq!(order.len(), r.findings.len());
        assert_eq!(r.findings[order[0]].id, FindingId::ProxyAuthRequired);
        assert_eq!(r.findings[order[1]].id, FindingId::FileRecoveryPortBlocked);
    }

    #[test]
    fn nc_behind_a_proxy_is_not_counted_as_a_failure() {
        let r = report("proxy-curl-ok-nc-fails");
        let t = tally(&r);
        assert!(t.not_conclusive > 0);
        assert_eq!(t.ok + t.failed + t.not_conclusive + t.not_run + t.unknown, t.total);
        // Only the 3260 checks (which no proxy carries) count as failed.
        let failed_3260 = r.checks.iter().filter(|c| c.status == Status::Failed && c.port == Some(3260)).count();
        assert_eq!(t.failed, failed_3260);
        assert_eq!(ids(&root_causes(&r)), ["file-recovery-port-blocked"]);
        for (i, c) in r.checks.iter().enumerate() {
            if c.kind == CheckKind::Tcp && c.port == Some(443) && c.status == Status::Failed {
                assert!(not_conclusive(&r, i), "{}", c.fqdn);
            }
        }
    }

    #[test]
    fn without_a_proxy_a_failed_nc_counts() {
        let r = report("storage-443-refused");
        let t = tally(&r);
        assert_eq!(t.not_conclusive, 0);
        assert!(t.failed > 0);
        let causes = root_causes(&r);
        assert_eq!(ids(&causes), ["storage-unreachable"]);
        assert_eq!(causes[0].services, [Service::Storage]);
        assert!(causes[0].failed >= 1 && causes[0].failed <= causes[0].tested);
    }

    #[test]
    fn dns_counts_names_of_names_tested() {
        let r = report("dns-timeout-no-servers");
        let causes = root_causes(&r);
        assert_eq!(causes[0].finding, FindingId::DnsFailure);
        assert_eq!(causes[0].reason, Some(Reason::Timeout));
        let dns_names: HashSet<&str> = r.checks.iter().filter(|c| c.kind == CheckKind::Dns).map(|c| &*c.fqdn).collect();
        assert!(causes[0].tested >= dns_names.len());
        let one = report("dns-nxdomain-one-fqdn");
        let c = &root_causes(&one)[0];
        assert_eq!(c.finding, FindingId::DnsFailure);
        assert_eq!(c.failed, 1);
        assert!(c.tested > 1);
        assert_eq!(c.reason, Some(Reason::Nxdomain));
    }

    #[test]
    fn warnings_are_causes_when_nothing_failed() {
        let r = report("nc-missing");
        assert_eq!(ids(&root_causes(&r)), ["nc-missing"]);
        let ok = report("all-ok-ncat-rhel88");
        assert!(root_causes(&ok).is_empty());
        assert_eq!(tally(&ok).ok, ok.checks.len());
        let pe = report("private-endpoint");
        assert!(root_causes(&pe).is_empty(), "a private endpoint is a note, not a cause");
    }

    #[test]
    fn every_sample_ranks_errors_first_and_keeps_every_finding() {
        for entry in std::fs::read_dir("tests/data").expect("data") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("log") {
                continue;
            }
            let r = analyze(&std::fs::read(&path).expect("log"), None).report;
            let causes = root_causes(&r);
            let first_warning = causes.iter().position(|c| c.severity != Severity::Error).unwrap_or(causes.len());
            assert!(causes[first_warning..].iter().all(|c| c.severity != Severity::Error), "{path:?}");
            let mut order = finding_order(&r);
            order.sort_unstable();
            assert_eq!(order, (0..r.findings.len()).collect::<Vec<_>>(), "{path:?}");
        }
    }

    #[test]
    fn no_panic_on_odd_reports() {
        for text in ["", "\0\0", "##TRY!! nc -vz ##\n", "#### 環境情報確認 ####\n"] {
            let r = analyze(text.as_bytes(), None).report;
            let _ = root_causes(&r);
            let _ = tally(&r);
            let _ = finding_order(&r);
            let _ = proxy_address(&r);
        }
    }
}
