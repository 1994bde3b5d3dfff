//! Findings, service states and the overall verdict, derived from all
//! checks together (the seed's rules: behind a proxy nc proves nothing,
//! port 3260 cannot go through a proxy, any HTTP status means reachable).

use super::fasthash::{FastMap, FastSet};
use super::knowledge::FILE_RECOVERY_PORT;
use super::model::*;
use std::rc::Rc;

/// What the rules read of a check. Every rule is a function of this alone
/// (and of the proxy and the truncation, the same for all checks), so checks
/// with the same key match the same rules, and each key is tested once.
#[derive(Debug, Clone, Copy)]
struct Key {
    kind: CheckKind,
    status: Status,
    reason: Reason,
    service: Service,
    port_3260: bool,
    private_address: bool,
    regional: bool,
    /// The destination's name resolved only to a sinkhole address.
    sinkholed: bool,
}

impl Key {
    fn of(c: &Check) -> Key {
        Key {
            kind: c.kind,
            status: c.status,
            reason: c.reason,
            service: c.service,
            port_3260: c.port == Some(FILE_RECOVERY_PORT),
            private_address: c.private_address,
            regional: c.region.is_some(),
            sinkholed: c.reason == Reason::Sinkholed,
        }
    }

    /// The key as one number (a byte per field), to look it up.
    fn packed(self) -> u64 {
        let bits = |b: bool, at: u32| u64::from(b) << at;
        self.kind as u64
            | (self.status as u64) << 8
            | (self.reason as u64) << 16
            | (self.service as u64) << 24
            | bits(self.port_3260, 32)
            | bits(self.private_address, 33)
            | bits(self.regional, 34)
            | bits(self.sinkholed, 35)
    }

    fn is_3260(&self) -> bool {
        self.kind == CheckKind::Tcp && self.port_3260
    }

    /// Reasons that mean a TCP connection did not get through the network.
    fn tcp_blocked(&self) -> bool {
        self.kind == CheckKind::Tcp
            && self.status == Status::Failed
            && matches!(self.reason, Reason::Timeout | Reason::Refused | Reason::Unreachable)
    }

    /// curl got no HTTP response because the network path failed.
    fn https_no_response(&self) -> bool {
        self.kind == CheckKind::Https
            && self.status == Status::Failed
            && matches!(
                self.reason,
                Reason::Timeout | Reason::ConnectFailed | Reason::TlsFailed | Reason::EmptyReply | Reason::RecvFailure
            )
    }
}

fn is_3260(c: &Check) -> bool {
    c.kind == CheckKind::Tcp && c.port == Some(FILE_RECOVERY_PORT)
}

/// Whether a proxy carries the HTTPS traffic: set in the log, or seen in curl.
pub fn proxy_in_use(proxy: &Proxy) -> bool {
    proxy.configured || proxy.seen_in_curl
}

/// A finding that collects the checks matching its rule.
struct Rule<'a> {
    id: FindingId,
    severity: Severity,
    matches: Box<dyn Fn(&Key) -> bool + 'a>,
    checks: Vec<usize>,
}

/// One place in the list of findings.
enum Entry<'a> {
    /// A finding made of the checks that match a rule.
    Rule(Rule<'a>),
    /// Proxy credentials in the log, then what nc means behind a proxy.
    ProxyAndNc,
    /// The proxy in use.
    ProxyConfigured,
}

impl<'a> Entry<'a> {
    fn rule<'e>(entry: &'e mut Entry<'a>) -> Option<&'e mut Rule<'a>> {
        match entry {
            Entry::Rule(r) => Some(r),
            _ => None,
        }
    }
}

fn rule<'a>(id: FindingId, severity: Severity, matches: impl Fn(&Key) -> bool + 'a) -> Rule<'a> {
    Rule { id, severity, matches: Box::new(matches), checks: Vec::new() }
}

/// The finding for `idx` (check indexes): its destinations once each, and
/// its lines (`lines`, or the first check's).
fn finding(checks: &[Check], id: FindingId, severity: Severity, idx: Vec<usize>, lines: Option<[usize; 2]>) -> Finding {
    // The analyzer stores each name once: a name already met under the same
    // pointer is a repeat without comparing its text.
    let mut seen_at: FastSet<*const u8> = FastSet::default();
    let mut seen = FastSet::default();
    let mut fqdns: Vec<Rc<str>> = Vec::new();
    for &i in &idx {
        let f = &checks[i].fqdn;
        if seen_at.insert(f.as_ptr()) && seen.insert(&**f) {
            fqdns.push(f.clone());
        }
    }
    let lines = lines.or_else(|| idx.first().map(|&i| checks[i].lines)).unwrap_or([0, 0]);
    Finding { id, severity, lines, checks: idx, fqdns, cause: None, detail: None }
}

/// Every finding that applies, most serious first.
pub fn derive(checks: &[Check], proxy: &Proxy, truncated: bool) -> Vec<Finding> {
    let proxied = proxy_in_use(proxy);
    let service_unreachable = |service: Service| {
        // Not for a sinkholed name: its connections went to this machine.
        move |c: &Key| {
            c.service == service
                && !c.is_3260()
                && !c.sinkholed
                && ((c.tcp_blocked() && !proxied) || c.https_no_response())
        }
    };
    let missing = |kind: CheckKind| {
        move |c: &Key| c.kind == kind && matches!(c.reason, Reason::NotInstalled | Reason::Unsupported)
    };
    // In the order the findings are listed (before sorting by severity).
    let mut rules: Vec<Entry> = vec![
        // nslookup failed; or curl (6), or nc without a proxy, could not
        // resolve the destination's name (behind a proxy, nc resolves
        // names the proxied path does not need).
        Entry::Rule(rule(FindingId::DnsFailure, Severity::Error, move |c| {
            c.status == Status::Failed
                && (c.kind == CheckKind::Dns && c.reason != Reason::Sinkholed
                    || c.reason == Reason::Unresolved
                        && (c.kind == CheckKind::Https || c.kind == CheckKind::Tcp && !proxied))
        })),
        Entry::Rule(rule(FindingId::FileRecoveryPortBlocked, Severity::Error, |c| {
            c.is_3260() && c.tcp_blocked() && !c.sinkholed
        })),
        Entry::Rule(rule(FindingId::BackupUnreachable, Severity::Error, service_unreachable(Service::Backup))),
        Entry::Rule(rule(FindingId::StorageUnreachable, Severity::Error, service_unreachable(Service::Storage))),
        Entry::Rule(rule(FindingId::EntraIdUnreachable, Severity::Error, service_unreachable(Service::EntraId))),
        Entry::Rule(rule(
            FindingId::SiteRecoveryUnreachable,
            Severity::Error,
            service_unreachable(Service::SiteRecovery),
        )),
        Entry::Rule(rule(
            FindingId::FileRecoveryDownloadBlocked,
            Severity::Warning,
            service_unreachable(Service::FileRecovery),
        )),
        Entry::Rule(rule(FindingId::OtherUnreachable, Severity::Warning, service_unreachable(Service::Other))),
        Entry::Rule(rule(FindingId::ProxyAuthRequired, Severity::Error, |c| c.reason == Reason::ProxyAuthRequired)),
        Entry::Rule(rule(FindingId::ProxyDenied, Severity::Error, |c| c.reason == Reason::ProxyDenied)),
        Entry::Rule(rule(FindingId::ProxyUnresolvable, Severity::Error, |c| c.reason == Reason::ProxyUnresolved)),
        Entry::Rule(rule(FindingId::TlsInterception, Severity::Error, |c| {
            c.reason == Reason::TlsUntrusted && !c.sinkholed
        })),
        Entry::Rule(rule(FindingId::DnsSinkhole, Severity::Error, |c| c.reason == Reason::Sinkholed)),
        Entry::Rule(rule(FindingId::TrafficIntercepted, Severity::Error, |c| {
            c.reason == Reason::Intercepted && !c.sinkholed
        })),
        Entry::Rule(rule(FindingId::ProxyGatewayError, Severity::Error, |c| c.reason == Reason::GatewayError)),
        Entry::ProxyAndNc,
        Entry::Rule(rule(FindingId::PrivateEndpoint, Severity::Info, |c| {
            c.private_address && matches!(c.service, Service::Backup | Service::Storage | Service::FileRecovery)
        })),
        Entry::Rule(rule(FindingId::NcMissing, Severity::Warning, missing(CheckKind::Tcp))),
        Entry::Rule(rule(FindingId::CurlMissing, Severity::Warning, missing(CheckKind::Https))),
        Entry::Rule(rule(FindingId::NslookupMissing, Severity::Warning, missing(CheckKind::Dns))),
        Entry::Rule(rule(FindingId::LogTruncated, Severity::Warning, |c| truncated && c.reason == Reason::Interrupted)),
        Entry::Rule(rule(FindingId::UnrecognizedOutput, Severity::Warning, |c| c.status == Status::Unknown)),
        Entry::ProxyConfigured,
        Entry::Rule(rule(FindingId::RegionSpecificFqdn, Severity::Info, |c| c.regional)),
    ];
    // Behind a proxy, nc proves nothing: the failed nc checks (port 3260
    // aside) are a warning; without any, the successful ones are a note.
    let mut tcp_failed: Vec<usize> = Vec::new();
    let mut tcp_ok: Vec<usize> = Vec::new();
    let mut first_https: Option<usize> = None;

    // One pass over the checks. The rules a key matches are worked out the
    // first time it is met (a bit per rule); a log has few distinct keys.
    let mut by_bit: Vec<&mut Rule> = rules.iter_mut().filter_map(Entry::rule).collect();
    debug_assert!(by_bit.len() <= 64, "a rule's bit must fit in a u64");
    let mut matched: FastMap<u64, u64> = FastMap::default();
    // Names whose DNS answer was a sinkhole: their other checks went to this machine.
    let sinkholed: FastSet<&str> = checks.iter().filter(|c| c.reason == Reason::Sinkholed).map(|c| &*c.fqdn).collect();
    for (i, c) in checks.iter().enumerate() {
        let mut key = Key::of(c);
        key.sinkholed |= !sinkholed.is_empty() && sinkholed.contains(&*c.fqdn);
        let mut bits = *matched.entry(key.packed()).or_insert_with(|| {
            by_bit.iter().enumerate().filter(|(_, r)| (r.matches)(&key)).fold(0, |bits, (b, _)| bits | 1 << b)
        });
        while bits != 0 {
            by_bit[bits.trailing_zeros() as usize].checks.push(i);
            bits &= bits - 1;
        }
        if key.kind == CheckKind::Tcp && key.status == Status::Failed && !key.is_3260() {
            tcp_failed.push(i);
        }
        if key.kind == CheckKind::Tcp && key.status == Status::Ok {
            tcp_ok.push(i);
        }
        if key.kind == CheckKind::Https {
            first_https.get_or_insert(i);
        }
    }
    drop(by_bit);

    let mut out = Vec::new();
    for entry in rules {
        match entry {
            Entry::Rule(r) => {
                if !r.checks.is_empty() {
                    out.push(finding(checks, r.id, r.severity, r.checks, None));
                }
            }
            Entry::ProxyAndNc => {
                if proxy.credentials_in_url {
                    let id = FindingId::ProxyCredentialsInLog;
                    out.push(finding(checks, id, Severity::Warning, Vec::new(), proxy.lines));
                }
                if proxied && !tcp_failed.is_empty() {
                    let idx = std::mem::take(&mut tcp_failed);
                    out.push(finding(checks, FindingId::ProxyNcInconclusive, Severity::Warning, idx, None));
                } else if proxied && !tcp_ok.is_empty() {
                    let idx = std::mem::take(&mut tcp_ok);
                    out.push(finding(checks, FindingId::ProxyNcInconclusive, Severity::Info, idx, None));
                }
            }
            Entry::ProxyConfigured => {
                if proxied {
                    // The proxy lines are the evidence when they hold a value;
                    // otherwise the proxy was seen in curl's output.
                    let set = proxy.http_proxy.is_some() || proxy.https_proxy.is_some();
                    let lines = proxy.lines.filter(|_| set);
                    let via = if lines.is_some() { Vec::new() } else { first_https.into_iter().collect() };
                    out.push(finding(checks, FindingId::ProxyConfigured, Severity::Info, via, lines));
                }
            }
        }
    }
    // Cut between blocks: the evidence is the last block, after which the log ends.
    if truncated && !checks.is_empty() && !out.iter().any(|f| f.id == FindingId::LogTruncated) {
        out.push(finding(checks, FindingId::LogTruncated, Severity::Warning, vec![checks.len() - 1], None));
    }
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
        .map(|c| (c.service, &*c.fqdn))
        .collect();
    // Per service (in `Service::ALL` order): checked, problems, unsure.
    let mut state = [(false, false, false); Service::ALL.len()];
    for c in checks {
        let (checked, problems, unsure) = &mut state[c.service.index()];
        *checked = true;
        match c.status {
            Status::Ok => {}
            Status::NotRun | Status::Unknown => *unsure = true,
            Status::Failed if c.kind == CheckKind::Tcp && proxied && !is_3260(c) && c.reason != Reason::Unresolved => {
                // nc does not use the proxy: curl decides for this destination.
                *unsure |= !curl_ok.contains(&(c.service, &*c.fqdn));
            }
            Status::Failed => *problems = true,
        }
    }
    Service::ALL
        .iter()
        .zip(state)
        .map(|(&service, (checked, problems, unsure))| {
            let status = if !checked {
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

/// A fact about a finding's checks that calls for a next step of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Behind a proxy, curl could not connect or timed out connecting: what
    /// it could not reach is the proxy itself, not the destination.
    ProxyItselfUnreachable,
    /// A destination connected over TCP (nc) while its HTTPS check was cut
    /// during the TLS handshake or before an HTTP answer: something on the
    /// way reads the connection (the TLS SNI) and drops it.
    CutAfterTcpConnect,
    /// A TCP check failed with the machine's own refusal (`Permission
    /// denied`, `Operation not permitted`): a local firewall or SELinux,
    /// not the network.
    LocalPolicy,
}

/// The hints for finding `f` of `report`.
pub fn hints(report: &Report, f: &Finding) -> Vec<Hint> {
    let mut hints = Vec::new();
    let checks = || f.checks.iter().filter_map(|&i| report.checks.get(i));
    if (is_unreachable(f.id) || f.id == FindingId::FileRecoveryPortBlocked)
        && checks()
            .any(|c| c.kind == CheckKind::Tcp && c.evidence.as_deref().is_some_and(super::tools::is_local_refusal))
    {
        hints.push(Hint::LocalPolicy);
    }
    if !is_unreachable(f.id) {
        return hints;
    }
    if proxy_in_use(&report.proxy)
        && checks().any(|c| {
            c.kind == CheckKind::Https
                && c.http_status.is_none()
                && matches!(c.reason, Reason::ConnectFailed | Reason::Timeout)
        })
    {
        hints.push(Hint::ProxyItselfUnreachable);
    }
    let cut: FastSet<&str> = checks()
        .filter(|c| {
            c.kind == CheckKind::Https
                && matches!(c.reason, Reason::TlsFailed | Reason::RecvFailure | Reason::EmptyReply)
        })
        .map(|c| &*c.fqdn)
        .collect();
    if !cut.is_empty()
        && report.checks.iter().any(|c| c.kind == CheckKind::Tcp && c.status == Status::Ok && cut.contains(&*c.fqdn))
    {
        hints.push(Hint::CutAfterTcpConnect);
    }
    hints
}

/// Whether a finding says destinations of a service could not be reached.
fn is_unreachable(id: FindingId) -> bool {
    use FindingId as F;
    matches!(
        id,
        F::BackupUnreachable
            | F::StorageUnreachable
            | F::EntraIdUnreachable
            | F::SiteRecoveryUnreachable
            | F::FileRecoveryDownloadBlocked
            | F::OtherUnreachable
    )
}
