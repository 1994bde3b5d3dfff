//! The report: what the analyzer decides about one log.
//!
//! These types serialize to the JSON contract of `report-schema.md`
//! (schema 1). Every enum is closed and serializes to the exact string the
//! schema lists; fields beyond the schema are additions the contract allows.

use super::schema_id::schema_id;
use serde::{Deserialize, Serialize};

use std::rc::Rc;

/// The JSON contract version this report follows.
pub const SCHEMA_VERSION: u32 = 1;

/// The full analysis of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    /// The file name the log came from, when known.
    pub source: Option<String>,
    pub format: Format,
    pub encoding: Encoding,
    pub truncated: bool,
    pub host: Option<String>,
    pub run_at: Option<String>,
    pub machine: Machine,
    pub proxy: Proxy,
    pub checks: Vec<Check>,
    pub services: Vec<ServiceSummary>,
    pub findings: Vec<Finding>,
    pub overall: Overall,
    /// Number of lines in the decoded log (evidence ranges stay inside it).
    pub line_count: usize,
    /// Follow-up checks merged into the report (`followup::merge`); `null`
    /// for a log analyzed alone.
    #[serde(default)]
    pub followup: Option<FollowUp>,
}

/// Where a report's follow-up checks are: the checks from `first_check` on
/// came from a typed transcript of follow-up commands, whose text was
/// appended to the log's from line `first_line` on (after a separator line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub first_check: usize,
    pub first_line: usize,
    /// The name of the pasted text or file, when known.
    pub source: Option<String>,
    /// The vault's region the follow-up checks were written for (`koreacentral`).
    pub region: Option<String>,
    /// Findings of the log that the follow-up settled and that are therefore
    /// no longer listed (`region-specific-fqdn` once the vault's region was checked).
    pub resolved: Vec<FindingId>,
}

/// What kind of log the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    LinuxBackup,
    LinuxAsr,
    WindowsBackup,
    WindowsAsr,
    Transcript,
    NotALog,
}

/// What the input bytes were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "shift_jis")]
    ShiftJis,
    Binary,
    Empty,
}

/// The machine the script ran on, as far as the log tells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    pub os: Option<String>,
    pub kernel: Option<String>,
    pub virtualization: Option<String>,
    pub architecture: Option<String>,
    pub interfaces: Vec<Interface>,
    /// The DNS server nslookup used (`Server:` line), when one was printed.
    pub dns_server: Option<String>,
    /// Script name and version when the log names them (e.g. `Check_Backup_NW_Linux_ver1.6.sh`).
    pub script: Option<String>,
}

/// One network interface from `ip a`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    pub name: String,
    /// Addresses with prefix length, e.g. `10.0.0.4/24`.
    pub addresses: Vec<String>,
}

/// The proxy settings the log recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proxy {
    pub configured: bool,
    /// With any password replaced by `***`.
    pub http_proxy: Option<String>,
    /// With any password replaced by `***`.
    pub https_proxy: Option<String>,
    pub credentials_in_url: bool,
    /// curl's output showed a proxy: a tunnel through it (`200 Connection
    /// established`) or a CONNECT failure (`CONNECT tunnel failed`, ...).
    pub seen_in_curl: bool,
    /// First and last 1-based line of the proxy settings in the log.
    pub lines: Option<[usize; 2]>,
}

/// The Azure service a destination belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    FileRecovery,
    Backup,
    Storage,
    EntraId,
    SiteRecovery,
    Other,
}

impl Service {
    /// All services, in the order reports list them.
    pub const ALL: [Service; 6] = [
        Service::FileRecovery,
        Service::Backup,
        Service::Storage,
        Service::EntraId,
        Service::SiteRecovery,
        Service::Other,
    ];

    /// Where this service is in [`Service::ALL`] (for tables kept per service).
    pub fn index(self) -> usize {
        Service::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    /// The schema's string for this service.
    pub fn id(self) -> &'static str {
        schema_id(&self)
    }
}

/// Which layer a check tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// Name resolution (nslookup).
    Dns,
    /// TCP connect (nc).
    Tcp,
    /// An HTTPS request (curl -I).
    Https,
    /// A command nwcheck does not know; always `unknown`.
    Other,
}

impl CheckKind {
    pub fn id(self) -> &'static str {
        schema_id(&self)
    }
}

/// The verdict of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    Failed,
    NotRun,
    Unknown,
}

impl Status {
    pub fn id(self) -> &'static str {
        schema_id(&self)
    }
}

/// Why a check has its status. One enum for all kinds; each tool module
/// uses only the reasons the schema lists for its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    // dns
    Resolved,
    Nxdomain,
    Servfail,
    NoAnswer,
    /// Only unspecified or loopback answers (0.0.0.0, 127.0.0.0/8, ::, ::1):
    /// a DNS filter blocked the name.
    Sinkholed,
    // tcp
    Connected,
    Unreachable,
    Unsupported,
    // https
    HttpResponse,
    ConnectFailed,
    ProxyUnresolved,
    ProxyAuthRequired,
    ProxyDenied,
    TlsUntrusted,
    TlsFailed,
    EmptyReply,
    RecvFailure,
    /// The URL names an IP address and the certificate names the service's
    /// host: TCP and TLS reached the endpoint.
    TlsNameMismatch,
    /// A 502, 503 or 504 from a proxy or gateway, not from the destination.
    GatewayError,
    /// An answer that did not come from the destination (a redirect out of
    /// Microsoft's domains, a proxy's or appliance's page).
    Intercepted,
    // shared
    Timeout,
    Refused,
    Unresolved,
    NotInstalled,
    Interrupted,
    Unrecognized,
}

impl Reason {
    /// The schema's string for this reason.
    pub fn id(self) -> &'static str {
        schema_id(&self)
    }
}

/// One command block of the log and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub fqdn: Rc<str>,
    pub service: Service,
    /// Azure region decoded from the FQDN's geo code (`jpe` → `japaneast`).
    pub region: Option<Rc<str>>,
    pub kind: CheckKind,
    pub port: Option<u16>,
    pub status: Status,
    pub reason: Reason,
    pub http_status: Option<u16>,
    pub addresses: Rc<[Rc<str>]>,
    pub private_address: bool,
    /// First and last 1-based line of the block: the evidence.
    pub lines: [usize; 2],
    /// The command as the log shows it, e.g. `nc -vz host 443`.
    pub command: Rc<str>,
    /// The 1-based line that decided the verdict, when one line did.
    pub evidence_line: Option<usize>,
    /// That line's text (trimmed, progress-meter noise removed).
    pub evidence: Option<Rc<str>>,
    /// The tool's identity when the output shows it (e.g. `Ncat 7.93`, `OpenBSD netcat`).
    pub tool: Option<Rc<str>>,
}

/// How one service fared overall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub service: Service,
    pub status: ServiceStatus,
}

/// A service's overall state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceStatus {
    Ok,
    Problems,
    Inconclusive,
    NotChecked,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Every finding the analyzer can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingId {
    NotALog,
    LogTruncated,
    DnsFailure,
    FileRecoveryPortBlocked,
    FileRecoveryDownloadBlocked,
    BackupUnreachable,
    StorageUnreachable,
    EntraIdUnreachable,
    SiteRecoveryUnreachable,
    OtherUnreachable,
    ProxyAuthRequired,
    ProxyDenied,
    ProxyUnresolvable,
    TlsInterception,
    ProxyCredentialsInLog,
    ProxyNcInconclusive,
    ProxyConfigured,
    PrivateEndpoint,
    NcMissing,
    CurlMissing,
    NslookupMissing,
    UnrecognizedOutput,
    RegionSpecificFqdn,
    DnsSinkhole,
    TrafficIntercepted,
    ProxyGatewayError,
    ProxySystemUntested,
    ProxyPluginUntested,
    ProxyWinhttpUntested,
    ProxySiteRecoveryUntested,
    ProxyPerMachine,
    ProxyAutoConfig,
    Tls12Disabled,
}

impl FindingId {
    /// The schema's string for this finding.
    pub fn id(self) -> &'static str {
        schema_id(&self)
    }
}

/// Why an input is not a network-check log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotALogCause {
    /// Zero bytes, or only white space.
    Empty,
    /// A known binary file type (image, archive, program, document).
    KnownBinary,
    /// Bytes that are not text in any encoding nwcheck reads.
    Binary,
    /// A log of the Windows script, which this version does not read.
    WindowsLog,
    /// Text, but without any network-check command in it.
    NoCommands,
    /// The network-check script's log, ending before its first check (the
    /// run was stopped, or the file was taken while it still ran).
    CutBeforeChecks,
}

/// Something the analyzer concluded from the checks as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: FindingId,
    pub severity: Severity,
    /// The evidence: the first affected block's lines (`[0, 0]` when the finding has no line).
    pub lines: [usize; 2],
    /// Indexes into `checks` of every check behind this finding.
    pub checks: Vec<usize>,
    /// The destinations concerned, without repeats, in log order.
    pub fqdns: Vec<Rc<str>>,
    /// For `not-a-log`: why.
    #[serde(default)]
    pub cause: Option<NotALogCause>,
    /// For `not-a-log` with a known file type: which (`PNG image`, `ZIP archive`, ...).
    #[serde(default)]
    pub detail: Option<String>,
}

/// The verdict for the whole log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Overall {
    Ok,
    Problems,
    Inconclusive,
    NotALog,
}

impl Report {
    /// The checks of one service, in log order, with their indexes.
    pub fn checks_of(&self, service: Service) -> impl Iterator<Item = (usize, &Check)> {
        self.checks.iter().enumerate().filter(move |(_, c)| c.service == service)
    }

    /// Whether the report has this finding.
    pub fn has(&self, id: FindingId) -> bool {
        self.findings.iter().any(|f| f.id == id)
    }

    /// A copy of the report with no checks (copying a large report's
    /// checks is what costs).
    pub fn clone_without_checks(&self) -> Report {
        Report {
            schema: self.schema,
            source: self.source.clone(),
            format: self.format,
            encoding: self.encoding,
            truncated: self.truncated,
            host: self.host.clone(),
            run_at: self.run_at.clone(),
            machine: self.machine.clone(),
            proxy: self.proxy.clone(),
            checks: Vec::new(),
            services: self.services.clone(),
            findings: self.findings.clone(),
            overall: self.overall,
            line_count: self.line_count,
            followup: self.followup.clone(),
        }
    }
}
