//! Findings, service states and the overall verdict, derived from all
//! checks together (the seed's rules: behind a proxy nc proves nothing,
//! port 3260 cannot go through a proxy, any HTTP status means reachable).

use super::fasthash::FastSet;
use super::model::*;

/// Reasons that mean a TCP connection did not get through the network.
fn tcp_blocked(c: &Check) -> bool {
    c.kind == CheckKind::Tcp
        && c.status == Status::Failed
        && matches!(c.reason, Reason::Timeout | Reason::Refused | Reason::Unreachable)
}

/// curl got no HTTP response because the network path failed.
fn https_no_response(c: &Check) -> bool {
    c.kind == CheckKind::Https
        && c.status == Status::Failed
        && matches!(
            c.reason,
            Reason::Timeout | Reason::ConnectFailed | Reason::TlsFailed | Reason::EmptyReply | Reason::RecvFailure
        )
}

fn is_3260(c: &Check) -> bool {
    c.kind == CheckKind::Tcp && c.port == Some(3260)
}

/// Whether a proxy carries the HTTPS traffic: set in the log, or seen in curl.
pub fn proxy_in_use(proxy: &Proxy) -> bool {
    proxy.configured || proxy.seen_in_curl
}

struct Builder<'a> {
    checks: &'a [Check],
    out: Vec<Finding>,
}

impl Builder<'_> {
    /// Adds a finding for the checks that match, if any do.
    fn when(&mut self, id: FindingId, severity: Severity, matches: impl Fn(&Check) -> bool) {
        let idx: Vec<usize> = self.checks.iter().enumerate().filter(|(_, c)| matches(c)).map(|(i, _)| i).collect();
        if !idx.is_empty() {
            self.push(id, severity, idx, None);
        }
    }

    fn push(&mut self, id: FindingId, severity: Severity, idx: Vec<usize>, lines: Option<[usize; 2]>) {
        let mut seen = FastSet::default();
        let fqdns: Vec<String> =
            idx.iter().map(|&i| &self.checks[i].fqdn).filter(|f| seen.insert(f.as_str())).cloned().collect();
        let lines = lines.or_else(|| idx.first().map(|&i| self.checks[i].lines)).unwrap_or([0, 0]);
        self.out.push(Finding { id, severity, lines, checks: idx, fqdns, cause: None, detail: None });
    }
}

/// Every finding that applies, most serious first.
pub fn derive(checks: &[Check], proxy: &Proxy, truncated: bool) -> Vec<Finding> {
    let proxied = proxy_in_use(proxy);
    let mut b = Builder { checks, out: Vec::new() };

    b.when(FindingId::DnsFailure, Severity::Error, |c| c.kind == CheckKind::Dns && c.status == Status::Failed);
    b.when(FindingId::FileRecoveryPortBlocked, Severity::Error, |c| is_3260(c) && tcp_blocked(c));
    let service_unreachable = |service: Service| {
        move |c: &Check| c.service == service && !is_3260(c) && ((tcp_blocked(c) && !proxied) || https_no_response(c))
    };
    for (service, id, severity) in [
        (Service::Backup, FindingId::BackupUnreachable, Severity::Error),
        (Service::Storage, FindingId::StorageUnreachable, Severity::Error),
        (Service::EntraId, FindingId::EntraIdUnreachable, Severity::Error),
        (Service::SiteRecovery, FindingId::SiteRecoveryUnreachable, Severity::Error),
        (Service::FileRecovery, FindingId::FileRecoveryDownloadBlocked, Severity::Warning),
        (Service::Other, FindingId::OtherUnreachable, Severity::Warning),
    ] {
        b.when(id, severity, service_unreachable(service));
    }
    b.when(FindingId::ProxyAuthRequired, Severity::Error, |c| c.reason == Reason::ProxyAuthRequired);
    b.when(FindingId::ProxyDenied, Severity::Error, |c| c.reason == Reason::ProxyDenied);
    b.when(FindingId::ProxyUnresolvable, Severity::Error, |c| c.reason == Reason::ProxyUnresolved);
    b.when(FindingId::TlsInterception, Severity::Error, |c| c.reason == Reason::TlsUntrusted);

    if proxy.credentials_in_url {
        b.push(FindingId::ProxyCredentialsInLog, Severity::Warning, Vec::new(), proxy.lines);
    }
    if proxied {
        let tcp_failed: Vec<usize> = (0..checks.len())
            .filter(|&i| checks[i].kind == CheckKind::Tcp && checks[i].status == Status::Failed && !is_3260(&checks[i]))
            .collect();
        if !tcp_failed.is_empty() {
            b.push(FindingId::ProxyNcInconclusive, Severity::Warning, tcp_failed, None);
        } else {
            b.when(FindingId::ProxyNcInconclusive, Severity::Info, |c| {
                c.kind == CheckKind::Tcp && c.status == Status::Ok
            });
        }
    }
    b.when(FindingId::PrivateEndpoint, Severity::Info, |c| {
        c.private_address && matches!(c.service, Service::Backup | Service::Storage | Service::FileRecovery)
    });
    let missing = |kind: CheckKind| {
        move |c: &Check| c.kind == kind && matches!(c.reason, Reason::NotInstalled | Reason::Unsupported)
    };
    b.when(FindingId::NcMissing, Severity::Warning, missing(CheckKind::Tcp));
    b.when(FindingId::CurlMissing, Severity::Warning, missing(CheckKind::Https));
    b.when(FindingId::NslookupMissing, Severity::Warning, missing(CheckKind::Dns));
    if truncated {
        b.when(FindingId::LogTruncated, Severity::Warning, |c| c.reason == Reason::Interrupted);
    }
    b.when(FindingId::UnrecognizedOutput, Severity::Warning, |c| c.status == Status::Unknown);
    if proxied {
        let via: Vec<usize> = (0..checks.len()).filter(|&i| checks[i].kind == CheckKind::Https).take(1).collect();
        let lines = proxy.lines;
        b.push(FindingId::ProxyConfigured, Severity::Info, if lines.is_some() { Vec::new() } else { via }, lines);
    }
    b.when(FindingId::RegionSpecificFqdn, Severity::Info, |c| c.region.is_some());

    let mut out = b.out;
    out.sort_by_key(|f| f.severity);
    out
}

/// Each service's state: `problems` when a check that counts failed,
/// `inconclusive` when something could not be judged, else `ok`.
pub fn services(checks: &[Check], proxy: &Proxy) -> Vec<ServiceSummary> {
    let proxied = proxy_in_use(proxy);
    // Destinations whose curl got an HTTP answer (nc's failure then proves nothing).
    let curl_ok: FastSet<(Service, &str)> = checks
        .iter()
        .filter(|c| c.kind == CheckKind::Https && c.status == Status::Ok)
        .map(|c| (c.service, c.fqdn.as_str()))
        .collect();
    Service::ALL
        .iter()
        .map(|&service| {
            let mine: Vec<&Check> = checks.iter().filter(|c| c.service == service).collect();
            let mut problems = false;
            let mut unsure = false;
            for c in &mine {
                match c.status {
                    Status::Ok => {}
                    Status::NotRun | Status::Unknown => unsure = true,
                    Status::Failed
                        if c.kind == CheckKind::Tcp && proxied && !is_3260(c) && c.reason != Reason::Unresolved =>
                    {
                        // nc does not use the proxy: curl decides for this destination.
                        unsure |= !curl_ok.contains(&(service, c.fqdn.as_str()));
                    }
                    Status::Failed => problems = true,
                }
            }
            let status = if mine.is_empty() {
                ServiceStatus::NotChecked
            } else if problems {
                ServiceStatus::Problems
            } else if unsure {
                ServiceStatus::Inconclusive
            } else {
                ServiceStatus::Ok
            };
            ServiceSummary { service, status }
        })
        .collect()
}

/// The verdict for the whole log.
pub fn overall(services: &[ServiceSummary], findings: &[Finding], truncated: bool) -> Overall {
    if findings.iter().any(|f| f.severity == Severity::Error)
        || services.iter().any(|s| s.status == ServiceStatus::Problems)
    {
        Overall::Problems
    } else if truncated || services.iter().any(|s| s.status == ServiceStatus::Inconclusive) {
        Overall::Inconclusive
    } else {
        Overall::Ok
    }
}
